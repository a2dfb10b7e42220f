// Small helpers to render pages safely: every value is escaped.
import { api, get, blobUrl } from './api.js';

export const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

/** Draws the page; a confirmation of what was done on the page before goes with it. */
export function render(html) {
  document.getElementById('status').innerHTML = '';
  document.getElementById('page').innerHTML = html;
}

/** On arriving at a page its heading takes the focus, so a screen reader reads on from there. */
export function focusHeading() {
  const heading = document.querySelector('#page h1');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus();
}

export function table(rows, columns, testid = '') {
  if (!rows || rows.length === 0) return '<p class="muted">暂无记录</p>';
  const head = columns.map(([title]) => `<th>${esc(title)}</th>`).join('');
  const body = rows.map((r) => `<tr>${columns.map(([, f]) => `<td>${f(r)}</td>`).join('')}</tr>`).join('');
  return `<div class="scroll"><table data-testid="${esc(testid)}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** A list the API answers a page at a time ({ items, next }): the rows read so far and, while more follow,
 * a button that reads the next page and adds its rows. The count is announced; the focus stays on the button. */
export async function pagedTable(outlet, path, columns, testid = '') {
  const rows = [];
  let next = null;
  const join = path.includes('?') ? '&' : '?';
  async function more() {
    const page = await get(next ? `${path}${join}after=${encodeURIComponent(next)}` : path);
    rows.push(...page.items);
    next = page.next;
    outlet.innerHTML = `${table(rows, columns, testid)}
      <p class="muted" role="status" data-testid="${esc(testid)}-count">已显示 ${rows.length} 条${next ? '' : '，已全部显示'}</p>
      ${next ? '<p><button type="button" data-testid="more">加载更多</button></p>' : ''}`;
    const button = outlet.querySelector('[data-testid=more]');
    if (button) button.addEventListener('click', async () => { await more(); outlet.querySelector('[data-testid=more]')?.focus(); });
  }
  await more();
}

export const roleNames = { office: '县委营商办', agency: '执法单位', enterprise: '园区企业', leader: '县委领导', discipline: '纪律作风保障专责小组', admin: '系统管理员' };

export const pct = (v) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
export const day = (v) => (v ? String(v).slice(0, 10) : '—');
export const time = (v) => (v ? new Date(v).toLocaleString('zh-CN', { hour12: false }) : '—');

/** The quarter it is in China (UTC+8 all year, no summer time), wherever the browser is: periods are the park's. */
export function currentPeriod() {
  const china = new Date(Date.now() + 8 * 3600 * 1000);
  return `${china.getUTCFullYear()}-Q${Math.floor(china.getUTCMonth() / 3) + 1}`;
}

/** Shows an error at the top of an element; screen readers announce it at once (role alert). */
export function say(target, message) {
  const el = typeof target === 'string' ? document.querySelector(target) : target;
  el.innerHTML = `<div class="error" role="alert" data-testid="error">${esc(message)}</div>`;
}

/** Confirms what was done in the page's status region, which screen readers announce when they pause. */
export function done(message) {
  document.getElementById('status').innerHTML = `<div class="ok" data-testid="ok">${esc(message)}</div>`;
}

/** Runs an action from a form or button; its error is shown, not thrown, the fields' errors under the
 * fields of `form` (see sayProblem). */
export async function attempt(outlet, action, form = null, paths = {}) {
  document.querySelector(outlet).innerHTML = '';
  document.getElementById('status').innerHTML = '';
  form?.querySelectorAll('.field-error').forEach((note) => note.remove());
  form?.querySelectorAll('[aria-invalid]').forEach((field) => { field.removeAttribute('aria-invalid'); field.removeAttribute('aria-describedby'); });
  try { return await action(); } catch (e) { sayProblem(outlet, e, form, paths); return undefined; }
}

let notes = 0;

/** Shows an error; a problem's field errors (JSON path → messages) each go under the field of `form` that
 * the path names (the control of that name, or of the name `paths` gives it), and are listed in the alert
 * after the field's label as the form shows it, never by the API's path. */
export function sayProblem(outlet, e, form = null, paths = {}) {
  const lines = Object.entries(e.problem?.errors ?? {}).map(([path, messages]) => {
    const text = [].concat(messages).join('；');
    const field = control(form, path.replace(/^\$\.?/, ''), paths);
    if (!field) return text;
    const note = Object.assign(document.createElement('p'), { className: 'field-error', id: `field-error-${++notes}`, textContent: text });
    (field.labels[0] ?? field).after(note);
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', [field.getAttribute('aria-describedby'), note.id].filter(Boolean).join(' '));
    return `${labelOf(field)}：${text}`;
  });
  say(outlet, [e.message, ...lines].join('\n'));
}

// `inspectors[0].name`, or `creditCodes[2]` for the one field of every credit code.
function control(form, path, paths) {
  const named = (name) => { const field = form?.elements.namedItem(name); return field instanceof Element ? field : null; };
  return named(paths[path] ?? path) ?? named(path.replace(/\[\d+\]$/, ''));
}

// A field's label as the form shows it (after its fieldset's legend), without the text inside the field.
function labelOf(field) {
  const own = [...(field.labels[0]?.childNodes ?? [])].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('').trim();
  return [field.closest('fieldset')?.querySelector('legend')?.textContent, own].filter(Boolean).join(' ');
}

export function formValues(form) {
  return Object.fromEntries(new FormData(form).entries());
}

/** A horizontal bar chart in SVG: [label, value, note]. Its name tells the figures to screen readers, and
 * the same figures open as a table under it. */
export function bars(title, items) {
  const top = Math.max(1, ...items.map(([, v]) => v || 0));
  const h = 28;
  const shown = ([, value, note]) => String(note ?? value ?? '');
  const rows = items.map((item, i) => {
    const w = Math.round(((item[1] || 0) / top) * 420);
    return `<text x="0" y="${i * h + 18}" font-size="13">${esc(item[0])}</text>
      <rect x="150" y="${i * h + 5}" width="${w}" height="18" fill="#c62828" rx="2"></rect>
      <text x="${156 + w}" y="${i * h + 18}" font-size="13">${esc(shown(item))}</text>`;
  }).join('');
  const name = `${title}：${items.map((item) => `${item[0]} ${shown(item)}`).join('，')}`;
  return `<figure class="chart"><svg viewBox="0 0 660 ${items.length * h + 6}" role="img" aria-label="${esc(name)}">${rows}</svg>
    <details><summary>以表格查看</summary><table><caption>${esc(title)}</caption><thead><tr><th scope="col">项目</th><th scope="col">数值</th></tr></thead>
      <tbody>${items.map((item) => `<tr><th scope="row">${esc(item[0])}</th><td>${esc(shown(item))}</td></tr>`).join('')}</tbody></table></details></figure>`;
}

// Agencies' names are the registry's (public), read once a visit of the console.
let agencyNames = {};
let agenciesRead = null;
export function readAgencies() {
  agenciesRead ??= api('GET', '/api/planning/agencies')
    .then((agencies) => { agencyNames = Object.fromEntries(agencies.map((a) => [a.code, a.name])); })
    .catch(() => { agenciesRead = null; });   // shown by their codes until a later page reads them
  return agenciesRead;
}

export const agency = (code) => (code ? `${esc(agencyNames[code] ?? code)}<span class="muted">(${esc(code)})</span>` : '—');

/** A 导出 button for a list: it downloads the list's spreadsheet with the filters of the list's filter
 * <code>form</code> as they stand, every matching row, under the name given; a bad filter is shown under its field. */
export function exportButton(path, fileName, form = null, testid = 'export') {
  const button = Object.assign(document.createElement('button'), { type: 'button', textContent: '导出 (xlsx)' });
  button.dataset.testid = testid;
  button.addEventListener('click', () => attempt('#status', () => {
    const q = form ? filterQuery(form) : '';
    return download(`${path}${q ? `?${q}` : ''}`, fileName);
  }, form));
  return button;
}

/** Saves a binary answer that needs the token (an xlsx export) under <code>fileName</code>. */
export async function download(path, fileName) {
  const a = Object.assign(document.createElement('a'), { href: await blobUrl(path), download: fileName });
  a.click();
}

/** The filter form's values as a query string, empty values left out. */
export function filterQuery(form) {
  const query = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (v) query.set(k, String(v).trim());
  return query.toString();
}
