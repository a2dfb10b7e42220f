// The signed-in user and calls to the platform's API through this gateway.
const KEY = 'park.session';

export function session() {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  const s = JSON.parse(raw);
  if (s.expires < Date.now()) { sessionStorage.removeItem(KEY); return null; }
  return s;
}

// Every request asks for answers in Chinese (problem details above all); one that cannot reach the
// platform says so in Chinese rather than in the browser's words.
async function send(path, init = {}) {
  try {
    return await fetch(path, { ...init, headers: { 'Accept-Language': 'zh-CN', ...init.headers } });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new Error('无法连接平台，请检查网络后重试。');
  }
}

export async function signIn(username, password) {
  const body = new URLSearchParams({ grant_type: 'password', client_id: 'park-console', username, password, scope: 'api' });
  const res = await send('/connect/token', { method: 'POST', body });
  const json = await res.json();
  if (!res.ok) throw new Error(json.detail || json.error_description || '登录失败');
  const claims = JSON.parse(decodeURIComponent(escape(atob(json.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))));
  const s = {
    token: json.access_token, expires: Date.now() + json.expires_in * 1000, user: claims.sub, name: claims.name,
    role: claims.role, agency: claims.agency_code, creditCode: claims.credit_code,
  };
  sessionStorage.setItem(KEY, JSON.stringify(s));
  return s;
}

export function signOut() { sessionStorage.removeItem(KEY); }

/** Problem details: the message is their title and detail; their field errors (`errors`, JSON path →
 * messages) are for the form that was sent, which shows them under its own labels (ui.js). */
export class ApiError extends Error {
  constructor(status, problem) {
    super([problem?.title, problem?.detail].filter(Boolean).join('\n') || `请求失败 (${status})`);
    this.status = status;
    this.problem = problem;
  }
}

// The reads of the page on screen: left for another page, they are cancelled, so a slow page the user
// has left never draws over the one they went to.
let pageReads = new AbortController();
export function leavePage() {
  pageReads.abort();
  pageReads = new AbortController();
}

export async function api(method, path, body, extraHeaders, signal) {
  const headers = { ...extraHeaders };
  const s = session();
  if (s) headers.Authorization = `Bearer ${s.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await send(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  const text = await res.text();
  // An answer that is not JSON (a proxy's error page) is no problem details: its status is told instead.
  const json = text && res.headers.get('Content-Type')?.includes('json') ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

export const get = (path) => api('GET', path, undefined, undefined, pageReads.signal);
export const post = (path, body, headers) => api('POST', path, body ?? {}, headers);
export const put = (path, body) => api('PUT', path, body ?? {});

/** A new Idempotency-Key: the same form sent twice (a double click, a retry) makes one record. */
export function requestKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Binary answers that need the token (QR codes, printable forms, xlsx): a local object URL. */
export async function blobUrl(path) {
  const s = session();
  const res = await send(path, { headers: s ? { Authorization: `Bearer ${s.token}` } : {} });
  if (!res.ok) throw new ApiError(res.status, null);
  return URL.createObjectURL(await res.blob());
}
