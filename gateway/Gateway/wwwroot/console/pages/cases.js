// 一事一账: cases for every role, with the steps each role may take.
import { get, post, session, blobUrl } from '../api.js';
import { esc, render, table, pagedTable, time, day, agency, attempt, done, roleNames, exportButton, filterQuery } from '../ui.js';

export const states = {
  Registered: '已登记', SentForSignOff: '待领导签批', Instructed: '已批示', Assigned: '已转办', InProgress: '办理中',
  Resolved: '已办结', Verified: '已核验', Closed: '已关闭', Rejected: '不予受理',
};
export const cardTypes = { Misconduct: '吃拿卡要', RudeConduct: '态度粗暴', UnfiledInspection: '未备案检查', ReasonableDemand: '合理诉求' };
const actions = {
  SendForSignOff: '送签', Instruct: '领导批示', Assign: '转办', UpdateProgress: '进展更新', Resolve: '办结', Verify: '跟踪问效核验', Close: '关闭',
  Reject: '不予受理', Reopen: '重新办理', Opened: '立案', Overdue: '逾期督办',
};
const actors = { ...roleNames, submitter: '反映企业', system: '系统' };

/** The steps a role may offer on a case in a state: [route, label, needs a text, is an assignment, needs the forwarded summary]. */
function stepsFor(role, c) {
  const s = c.state;
  const steps = [];
  if (role === 'office') {
    if (s === 'Registered') steps.push(['send-for-sign-off', '送县领导签批', false, false, true]);
    if (s === 'Registered' || s === 'SentForSignOff') steps.push(['reject', '不予受理（说明理由）', true]);
    if (s === 'Instructed') steps.push(['assign', '转办责任单位', false, true]);
    if (s === 'Assigned' || s === 'InProgress') steps.push(['progress', '记录进展', true], ['resolve', '办结', true]);
    if (s === 'Verified') steps.push(['close', '关闭', false]);
  }
  if (role === 'leader' && s === 'SentForSignOff') steps.push(['instruct', '批示', true]);
  if (role === 'agency' && c.assignedTo === session().agency && (s === 'Assigned' || s === 'InProgress'))
    steps.push(['progress', '每周进展更新', true], ['resolve', '办结反馈', true]);
  if (role === 'discipline') {
    if (s === 'Resolved') steps.push(['verify', '核验办理结果', true]);
    if (s === 'Verified') steps.push(['close', '关闭', false]);
    if (['Resolved', 'Verified', 'Closed', 'Rejected'].includes(s)) steps.push(['reopen', '重新办理', true]);
  }
  if (role === 'enterprise' && ['Resolved', 'Verified', 'Closed', 'Rejected'].includes(s)) steps.push(['reopen', '不满意，重新办理', true]);
  return steps;
}

export async function casesPage(title = '案件台账（一事一账）') {
  const role = session().role;
  render(`<h1>${esc(title)}</h1>
    <form id="filter" aria-label="筛选案件">
      <label>状态 <select name="state"><option value="">全部</option>${Object.entries(states).map(([k, v]) => `<option value="${k}">${esc(v)}</option>`).join('')}</select></label>
      <label>月份 <input name="month" type="month"></label>
      <label><input name="overdue" type="checkbox" value="true" class="inline"> 仅逾期</label>
      <button type="submit">筛选</button>
    </form>
    <div id="list"></div>
    ${role === 'discipline' || role === 'office' ? '<p><a href="#/retaliation">打击报复预警 →</a></p>' : ''}`);
  const columns = [
    ['编号', (c) => `<a href="#/case/${c.id}" data-testid="case-link">${esc(c.caseNo)}</a>`],
    ['类型', (c) => esc(cardTypes[c.type] ?? c.type)],
    ['涉及单位', (c) => agency(c.agencyCode)],
    ['提交人', (c) => (c.submitter ? esc(c.submitter.name ?? c.submitter.creditCode) : c.submitterProtected ? '<span class="tag">受保护</span>' : '系统')],
    ['状态', (c) => `${esc(states[c.state])}${c.overdue ? ' <span class="tag">逾期</span>' : ''}${c.escalationLevel ? ` <span class="tag">提级${c.escalationLevel}</span>` : ''}`],
    ['责任单位', (c) => agency(c.assignedTo)],
    ['期限', (c) => day(c.deadline)],
    ['立案时间', (c) => (c.openedAt ? time(c.openedAt) : esc(c.month))],
  ];
  const list = document.getElementById('list');
  const form = document.getElementById('filter');
  form.append(exportButton('/api/supervision/cases/export', '一事一账台账.xlsx', form));
  const show = () => {
    const q = filterQuery(form);
    return pagedTable(list, `/api/supervision/cases${q ? `?${q}` : ''}`, columns, 'cases');
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); attempt('#list', show, form); });
  await show();
}

export async function casePage(id) {
  const role = session().role;
  const c = await get(`/api/supervision/cases/${id}`);
  const steps = stepsFor(role, c);
  render(`<h1>案件 ${esc(c.caseNo)} <span class="tag" data-testid="case-state">${esc(states[c.state])}</span></h1>
    <section class="card">
      <div class="row">
        <div><b>类型</b><br>${esc(cardTypes[c.type])}</div>
        <div><b>涉及单位</b><br>${agency(c.agencyCode)}</div>
        <div><b>提交人</b><br><span data-testid="submitter">${c.submitter ? esc(`${c.submitter.name ?? ''} ${c.submitter.creditCode}`) : c.submitterProtected ? '受保护（不向被反映单位和承办单位显示）' : '系统自动立案'}</span></div>
        <div><b>责任单位 / 期限</b><br>${agency(c.assignedTo)} / ${day(c.deadline)}</div>
      </div>
      ${c.filingNo ? `<p><b>备案号</b> ${esc(c.filingNo)}</p>` : ''}
      ${c.provisionalNo ? `<p><b>紧急备案号</b> ${esc(c.provisionalNo)}</p>` : ''}
      <p><b>发生月份</b> ${esc(c.month)}</p>
      ${c.forwardedSummary ? `<p><b>转办内容</b><br><span data-testid="case-forwarded-summary">${esc(c.forwardedSummary)}</span></p>` : ''}
      ${c.description ? `<p><b>反映内容</b><br>${esc(c.description)}</p>` : ''}
      <p><button type="button" id="print-file" data-testid="print-case-file">打印案卷</button></p>
    </section>
    <div id="outlet"></div>
    ${steps.length ? `<form class="card" id="step">
      ${steps.some((s) => s[4]) ? `<label>转办内容（送签时必填；县领导、被反映单位和承办单位只看到这段内容，请勿写入企业名称、具体日期、备案码或编号）
        <textarea name="forwardedSummary" maxlength="2000" data-testid="forwarded-summary"></textarea></label>` : ''}
      ${steps.some((s) => s[2]) ? '<label>说明 / 批示 / 进展<textarea name="note" data-testid="step-note"></textarea></label>' : ''}
      ${steps.some((s) => s[3]) ? `<div class="row"><div><label>责任单位代码<input name="assignedTo" placeholder="如 SJ" data-testid="assign-to"></label></div>
        <div><label>办理期限<input name="deadline" type="date" data-testid="assign-deadline"></label></div></div>` : ''}
      ${steps.map(([route, label]) => `<button type="button" data-step="${route}" data-testid="step-${route}">${esc(label)}</button>`).join('')}
    </form>` : ''}
    <h2>办理记录（永久留痕）</h2>
    ${table(c.history, [
      ['#', (h) => h.sequence], ['事项', (h) => esc(actions[h.action] ?? h.action)], ['状态', (h) => `${esc(states[h.from])} → ${esc(states[h.to])}`],
      ['办理人', (h) => esc([actors[h.actorRole] ?? h.actorRole, h.actorId].filter(Boolean).join(' '))], ['时间', (h) => time(h.at)], ['内容', (h) => esc(h.note ?? '')],
    ], 'history')}
    ${c.retaliationFlags && c.retaliationFlags.length ? `<h2>打击报复预警</h2>${flagsTable(c.retaliationFlags)}` : ''}`);
  document.getElementById('print-file').addEventListener('click', () => attempt('#outlet', async () => window.open(await blobUrl(`/api/supervision/cases/${id}/file`), '_blank')));

  const stepForm = document.getElementById('step');
  document.querySelectorAll('[data-step]').forEach((button) => button.addEventListener('click', () => attempt('#outlet', async () => {
    const form = new FormData(stepForm);
    const body = { revision: c.revision };
    if (form.get('note') && button.dataset.step !== 'send-for-sign-off') body.note = form.get('note');
    if (button.dataset.step === 'send-for-sign-off') body.forwardedSummary = form.get('forwardedSummary');
    if (button.dataset.step === 'assign') { body.assignedTo = form.get('assignedTo'); body.deadline = form.get('deadline'); }
    await post(`/api/supervision/cases/${id}/${button.dataset.step}`, body);
    await casePage(id);
    done('已办理');
  }, stepForm)));
}

const flagColumns = [
  ['单位', (f) => agency(f.agencyCode)], ['企业', (f) => esc(f.creditCode)], ['触发', (f) => (f.trigger === 'Penalty' ? '处罚决定' : '新的检查备案')],
  ['依据', (f) => esc(f.reference)], ['计划内', (f) => (f.planned ? '是' : '否')], ['发生时间', (f) => time(f.occurredAt)],
];

export const flagsTable = (flags) => table(flags, flagColumns, 'flags');

export async function retaliationPage() {
  render('<h1>打击报复预警</h1><p class="muted">企业反映某单位后6个月内，该单位对该企业的新备案检查或处罚决定。预警是提示，不是结论。</p><div id="list"></div>');
  await pagedTable(document.getElementById('list'), '/api/supervision/retaliation-flags', flagColumns, 'flags');
}
