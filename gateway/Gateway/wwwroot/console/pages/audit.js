// 留痕查询: the office and the task force search each part of the platform's audit trail (who, when,
// through which request or event, which records and what changed), a page at a time, or take it away as a
// spreadsheet. Each reading is itself recorded by the part that answers it.
import { blobUrl } from '../api.js';
import { esc, render, pagedTable, time, attempt, formValues, roleNames } from '../ui.js';

// Each part keeps its own trail in its own database.
const trails = [
  ['planning', '计划清单（计划、名录、执法单位）', '/api/planning/audit'],
  ['filing', '备案清单（备案、应急检查）', '/api/filing/audit'],
  ['tolerance', '容错清单（检查记录、容错决定）', '/api/tolerance/audit'],
  ['supervision', '监督（监督卡、案件、评价）', '/api/supervision/audit'],
  ['accounts', '账户（用户、邀请、部门系统）', '/accounts/audit'],
];
const changeNames = { Added: '新增', Modified: '修改', Deleted: '删除', Read: '查阅' };

const shown = (v) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** One entry's records and their fields, old → new. */
function changes(entry) {
  return `<ul class="changes">${(entry.changes ?? []).map((c) => `<li><b translate="no">${esc(c.entity)}</b>
    <span translate="no">${esc(c.key)}</span> ${esc(changeNames[c.change] ?? c.change)}
    <ul>${Object.entries(c.fields ?? {}).map(([name, v]) => `<li><span translate="no">${esc(name)}：${esc(shown(v.old))} → ${esc(shown(v.new))}</span></li>`).join('')}</ul></li>`).join('')}</ul>`;
}

// The roles the person held, in the console's words; an agency system's own client has none of them.
const roles = (e) => (e.roles ? e.roles.split(/[\s,]+/).filter(Boolean).map((r) => (roleNames[r] ? esc(roleNames[r]) : `<span translate="no">${esc(r)}</span>`)).join('、') : '—');

export async function auditPage() {
  render(`<h1>留痕查询</h1><div id="outlet"></div>
    <form class="card" id="search" role="search"><div class="row">
      <div><label>查询范围<select name="trail" data-testid="audit-trail">${trails.map(([k, label]) => `<option value="${k}">${esc(label)}</option>`).join('')}</select></label></div>
      <div><label>操作人（用户名）<input name="actor" maxlength="200" autocomplete="off" data-testid="audit-actor"></label></div>
      <div><label>数据表<input name="entity" maxlength="63" autocomplete="off" data-testid="audit-entity"></label></div>
      <div><label>记录编号<input name="key" maxlength="200" autocomplete="off"></label></div>
      <div><label>消息编号<input name="message" maxlength="36" autocomplete="off"></label></div>
      <div><label>起始日期<input name="from" type="date"></label></div>
      <div><label>截止日期<input name="to" type="date"></label></div></div>
      <button data-testid="find-audit">查询</button> <button type="button" class="secondary" id="export" data-testid="export-audit">导出表格</button>
      <p class="muted">每次查询和导出本身也会留痕。单次导出最多 20,000 条，超出时请缩小日期或条件。</p></form>
    <div id="list"></div>`);
  const form = document.getElementById('search');
  const list = document.getElementById('list');
  const query = (suffix = '') => {
    const { trail, ...filters } = formValues(form);
    const q = new URLSearchParams(Object.entries(filters).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v));
    const path = trails.find(([k]) => k === trail)[2] + suffix;
    return q.size ? `${path}?${q}` : path;
  };
  const show = () => pagedTable(list, query(), [
    ['时间', (e) => esc(time(e.at))], ['操作人', (e) => `<span translate="no">${esc(e.actor)}</span>`], ['角色', roles],
    ['途径', (e) => `<span translate="no">${esc(e.via)}</span>`], ['变更', changes],
  ], 'audit');
  form.addEventListener('submit', (e) => { e.preventDefault(); attempt('#outlet', show, form); });
  document.getElementById('export').addEventListener('click', () => attempt('#outlet', async () => {
    const a = Object.assign(document.createElement('a'), { href: await blobUrl(query('/export')), download: `留痕-${form.trail.value}.xlsx` });
    a.click();
  }, form));
  await show();
}
