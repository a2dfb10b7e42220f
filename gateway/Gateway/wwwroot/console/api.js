// The signed-in user and calls to the platform's API through this gateway. Signing in is the OAuth 2.1
// authorization code flow with PKCE (S256): the gateway's own sign-in page takes the password, the console
// only ever sees a code, redeemed with a verifier that never left this tab. The access token is short-lived;
// the refresh token gets a new one, and is replaced by the answer (a refresh token works once).
const KEY = 'park.session';
const PENDING = 'park.signin';
const CLIENT = 'park-console';
const redirectUri = () => `${location.origin}/console/`;

export function session() {
  const raw = sessionStorage.getItem(KEY);
  return raw ? JSON.parse(raw) : null;
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

const base64Url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const randomText = () => base64Url(crypto.getRandomValues(new Uint8Array(32)));

/** Off to the gateway's sign-in page; `returnTo` (the address's hash) is where the user lands after. */
export async function beginSignIn(returnTo) {
  const verifier = randomText();
  const state = randomText();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const challenge = base64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const query = new URLSearchParams({
    response_type: 'code', client_id: CLIENT, redirect_uri: redirectUri(), scope: 'api offline_access',
    code_challenge: challenge, code_challenge_method: 'S256', state,
  });
  location.assign(`/connect/authorize?${query}`);
}

/** The sign-in page sent the user back here: with a code (and the state this tab chose), or a refusal.
 * Returns the hash to show, or null when the address is no answer to a sign-in. */
export async function completeSignIn() {
  const answer = new URLSearchParams(location.search);
  if (location.pathname !== '/console/' || !answer.has('state')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
  sessionStorage.removeItem(PENDING);
  // The code leaves the address bar (and the history) at once.
  history.replaceState(null, '', '/console/');
  if (!pending || pending.state !== answer.get('state')) throw new Error('登录请求已失效，请重新登录。');
  if (!answer.has('code')) throw new Error('登录未完成，请重新登录。');
  const body = new URLSearchParams({
    grant_type: 'authorization_code', client_id: CLIENT, code: answer.get('code'), redirect_uri: redirectUri(), code_verifier: pending.verifier,
  });
  await redeem(body);
  return pending.returnTo || '';
}

async function redeem(body) {
  const res = await send('/connect/token', { method: 'POST', body });
  const json = await res.json();
  if (!res.ok) throw new ApiError(401, json);
  const claims = JSON.parse(decodeURIComponent(escape(atob(json.access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')))));
  const s = {
    token: json.access_token, refresh: json.refresh_token, expires: Date.now() + json.expires_in * 1000, user: claims.sub, name: claims.name,
    role: claims.role, agency: claims.agency_code, creditCode: claims.credit_code,
  };
  sessionStorage.setItem(KEY, JSON.stringify(s));
  return s;
}

// One refresh at a time: two requests spending the same refresh token would look like a stolen one, and
// the token server would end the whole sign-in.
let refreshing = null;
function refresh(s) {
  refreshing ??= redeem(new URLSearchParams({ grant_type: 'refresh_token', client_id: CLIENT, refresh_token: s.refresh }))
    .catch(() => { sessionStorage.removeItem(KEY); return null; })
    .finally(() => { refreshing = null; });
  return refreshing;
}

/** A current access token, refreshed a minute before it runs out; null once the sign-in has ended. */
async function accessToken() {
  const s = session();
  if (!s) return null;
  if (s.expires - 60_000 > Date.now()) return s.token;
  return (await refresh(s))?.token ?? null;
}

/** Signing out revokes the refresh token at the token server: nobody can use it afterwards. */
export async function signOut() {
  const s = session();
  sessionStorage.removeItem(KEY);
  if (s?.refresh) {
    await send('/connect/revoke', { method: 'POST', body: new URLSearchParams({ client_id: CLIENT, token: s.refresh, token_type_hint: 'refresh_token' }) })
      .catch(() => {});
  }
}

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
  const token = await accessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
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
  const token = await accessToken();
  const res = await send(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    // A refusal is problem details like any other answer's: its fields go under the form's own.
    const text = await res.text();
    throw new ApiError(res.status, text && res.headers.get('Content-Type')?.includes('json') ? JSON.parse(text) : null);
  }
  return URL.createObjectURL(await res.blob());
}
