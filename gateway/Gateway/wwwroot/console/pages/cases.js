// 一事一账: cases for every role, with the steps each role may take.
import { get, post, session, blobUrl } from '../api.js';
import { esc, render, table, pagedTable, time, day, agency, attempt, done, roleNames, exportButton, filterQuery, download } from '../ui.js';

export const states = {
  Registered: '已登记', SentForSignOff: '待领导签批', Instructed: '已批示', Assigned: '已转办', InProgress: '办理中',
  Resolved: '已办结', Verified: '已核验', Closed: '已关闭', Rejected: '不予受理', CalledBack: '回访满意', Disputed: '回访不满意，待专责小组决定', Merged: '已合并办理',
};
export const sources = { Enterprise: '企业在线提交', Refusal: '拒绝未备案检查', BackfillOverdue: '紧急检查逾期未补报', Paper: '纸质监督卡', Phone: '电话反映', FaceToFaceMeeting: '政企面对面' };
export const cardTypes = { Misconduct: '吃拿卡要', RudeConduct: '态度粗暴', UnfiledInspection: '未备案检查', ReasonableDemand: '合理诉求' };
const actions = {
  SendForSignOff: '送签', Instruct: '领导批示', Assign: '转办', UpdateProgress: '进展更新', Resolve: '办结', Verify: '跟踪问效核验', Close: '关闭',
  Reject: '不予受理', Reopen: '重新办理', Opened: '立案', Overdue: '逾期督办', CallBackSatisfied: '回访：满意', CallBackNotSatisfied: '回访：不满意',
  RequestExtension: '申请延期', GrantExtension: '批准延期', RefuseExtension: '不予延期', Reassign: '改派', AddJointUnit: '增加协办单位', Merge: '合并至其他案件', MergedIn: '重复监督卡并入', Annotate: '专责小组批注', Direct: '专责小组督办指示',
};
const actors = { ...roleNames, submitter: '反映企业', system: '系统', 'responsible-unit': '责任单位', 'joint-unit': '协办单位' };

/** The steps a role may offer on a case in a state: [key, label, needs a text, fields ('unit', 'deadline' or both), needs the forwarded summary].
 * The key is the route, except for the two answers of a call-back, which share the route `call-back`. */
function stepsFor(role, c) {
  const s = c.state;
  const working = s === 'Assigned' || s === 'InProgress';
  const steps = [];
  if (role === 'office') {
    if (s === 'Registered') steps.push(['send-for-sign-off', '送县领导签批', false, '', true]);
    if (s === 'Registered' || s === 'SentForSignOff') steps.push(['reject', '不予受理（说明理由）', true]);
    if (s === 'Instructed') steps.push(['assign', '转办责任单位', false, 'unit deadline']);
    if (working) {
      steps.push(['progress', '记录进展', true], ['resolve', '办结（填写办理结果）', true], ['reassign', '改派其他单位（说明理由）', true, 'unit deadline'],
        ['add-joint-unit', '增加协办单位（说明理由）', true, 'unit']);
    }
    if (working && c.extensionRequested) steps.push(['grant-extension', '批准延期', false, 'deadline'], ['refuse-extension', '不予延期（说明理由）', true]);
    if (['Registered', 'SentForSignOff', 'Instructed', 'Assigned', 'InProgress'].includes(s)) steps.push(['merge', '作为重复监督卡合并至其他案件（说明理由）', true, 'into']);
    if (s === 'Verified') steps.push(['call-back-satisfied', '回访：企业满意', false], ['call-back-not-satisfied', '回访：企业不满意（记录企业意见）', true]);
    if (s === 'CalledBack') steps.push(['close', '关闭', false]);
  }
  if (role === 'leader' && s === 'SentForSignOff') steps.push(['instruct', '批示', true]);
  if (role === 'agency' && c.assignedTo === session().agency && working) {
    steps.push(['progress', '每周进展更新', true], ['resolve', '办结反馈（填写办理结果）', true]);
    if (!c.extensionRequested) steps.push(['request-extension', '申请延期（说明理由）', true, 'deadline']);
  }
  if (role === 'agency' && working && (c.jointUnits ?? []).some((u) => u.agencyCode === session().agency)) steps.push(['progress', '协办单位每周进展更新', true]);
  if (role === 'discipline') {
    if (s === 'Resolved') steps.push(['verify', '核验办理结果', true]);
    if (s === 'CalledBack') steps.push(['close', '关闭', false]);
    if (s === 'Disputed') steps.push(['close', '维持办理结果并关闭（说明理由）', true]);
    if (['Resolved', 'Verified', 'CalledBack', 'Disputed', 'Closed', 'Rejected'].includes(s)) steps.push(['reopen', '重新办理', true]);
    steps.push(['annotate', '批注', true], ['direct', '督办指示', true]);
  }
  if (role === 'enterprise' && ['Resolved', 'Verified', 'CalledBack', 'Disputed', 'Closed', 'Rejected'].includes(s)) steps.push(['reopen', '不满意，重新办理', true]);
  return steps;
}

/** The office enters a card an enterprise gave it on paper, by phone or at a 政企面对面 meeting. */
function enterForm() {
  return `<details class="card"><summary>录入纸质、电话或政企面对面收到的监督卡</summary>
    <form id="enter" aria-label="录入监督卡">
      <div class="row">
        <div><label>收取方式<select name="source" data-testid="enter-source">${['Paper', 'Phone', 'FaceToFaceMeeting'].map((k) => `<option value="${k}">${esc(sources[k])}</option>`).join('')}</select></label></div>
        <div><label>反映企业统一社会信用代码<input name="creditCode" maxlength="18" autocomplete="off" data-testid="enter-credit-code" translate="no"></label></div>
        <div><label>类型<select name="type" data-testid="enter-type">${Object.entries(cardTypes).map(([k, v]) => `<option value="${k}">${esc(v)}</option>`).join('')}</select></label></div>
        <div><label>涉及单位代码<input name="agencyCode" placeholder="如 YJ" data-testid="enter-agency"></label></div>
        <div><label>发生日期<input name="occurredOn" type="date"></label></div>
      </div>
      <label>情况说明（按企业原话记录）<textarea name="description" maxlength="2000" data-testid="enter-description"></textarea></label>
      <label><input type="checkbox" name="consent" class="inline"> 企业同意向被反映单位和承办单位显示其名称</label>
      <button data-testid="enter-card">录入并立案</button>
    </form></details>`;
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
    ${role === 'office' ? enterForm() : ''}
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
  const enter = document.getElementById('enter');
  enter?.addEventListener('submit', (e) => attempt('#list', async () => {
    e.preventDefault();
    const v = Object.fromEntries(new FormData(enter));
    const created = await post('/api/supervision/cards/entered', {
      source: v.source, creditCode: v.creditCode, type: v.type, agencyCode: v.agencyCode || null, occurredOn: v.occurredOn || null,
      description: v.description, consentToDisclose: enter.consent.checked,
    });
    location.hash = `#/case/${created.id}`;
  }, enter));
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
        <div><b>来源</b><br>${esc(sources[c.source] ?? c.source)}</div>
      </div>
      ${(c.jointUnits ?? []).length ? `<p><b>协办单位</b> ${c.jointUnits.map((u) => `${agency(u.agencyCode)}（最近进展 ${time(u.lastUpdateAt)}${u.overdue ? '，<span class="tag">逾期未报</span>' : ''}）`).join('、')}</p>` : ''}
      ${c.mergedInto ? `<p><b>已并入案件</b> ${role === 'enterprise' ? esc(c.mergedInto.caseNo) : `<a href="#/case/${c.mergedInto.id}">${esc(c.mergedInto.caseNo)}</a>`}（${esc(states[c.mergedInto.state])}）
        ${c.mergedInto.answers.map((a) => `<br>${esc(actions[a.action] ?? a.action)}：${esc(a.note ?? '')}`).join('')}</p>` : ''}
      ${c.extensionRequested ? `<p><b>延期申请</b> 申请延至 <span data-testid="extension-requested">${day(c.extensionRequested)}</span>，待营商办答复</p>` : ''}
      ${c.filingNo ? `<p><b>备案号</b> ${esc(c.filingNo)}</p>` : ''}
      ${c.provisionalNo ? `<p><b>紧急备案号</b> ${esc(c.provisionalNo)}</p>` : ''}
      <p><b>发生月份</b> ${esc(c.month)}</p>
      ${c.forwardedSummary ? `<p><b>转办内容</b><br><span data-testid="case-forwarded-summary">${esc(c.forwardedSummary)}</span></p>` : ''}
      ${c.description ? `<p><b>反映内容</b><br>${esc(c.description)}</p>` : ''}
      <p><button type="button" id="print-file" data-testid="print-case-file">打印案卷</button>
        <button type="button" id="case-file-pdf" data-testid="case-file-pdf">下载案卷 (PDF)</button></p>
    </section>
    <div id="outlet"></div>
    ${steps.length ? `<form class="card" id="step">
      ${steps.some((s) => s[4]) ? `<label>转办内容（送签时必填；县领导、被反映单位和承办单位只看到这段内容，请勿写入企业名称、具体日期、备案码或编号）
        <textarea name="forwardedSummary" maxlength="2000" data-testid="forwarded-summary"></textarea></label>` : ''}
      ${steps.some((s) => s[2]) ? '<label>说明 / 批示 / 进展 / 办理结果 / 企业意见<textarea name="note" data-testid="step-note"></textarea></label>' : ''}
      ${steps.some((s) => s[3] && s[3] !== 'into') ? `<div class="row">
        ${steps.some((s) => s[3]?.includes('unit')) ? '<div><label>责任单位代码<input name="assignedTo" placeholder="如 SJ" data-testid="assign-to"></label></div>' : ''}
        <div><label>办理期限（转办、改派、延期）<input name="deadline" type="date" data-testid="assign-deadline"></label></div></div>` : ''}
      ${steps.some((s) => s[3] === 'into') ? '<label>并入的案件编号<input name="intoCaseNo" placeholder="如 JD2026-0001" data-testid="merge-into"></label>' : ''}
      ${steps.map(([key, label]) => `<button type="button" data-step="${key}" data-testid="step-${key}">${esc(label)}</button>`).join('')}
    </form>` : ''}
    <h2>办理记录（永久留痕）</h2>
    ${table(c.history, [
      ['#', (h) => h.sequence], ['事项', (h) => esc(actions[h.action] ?? h.action)], ['状态', (h) => `${esc(states[h.from])} → ${esc(states[h.to])}`],
      ['办理人', (h) => esc([actors[h.actorRole] ?? h.actorRole, h.actorId].filter(Boolean).join(' '))], ['时间', (h) => time(h.at)], ['内容', (h) => esc(h.note ?? '')],
    ], 'history')}
    ${c.retaliationFlags && c.retaliationFlags.length ? `<h2>打击报复预警</h2>${flagsTable(c.retaliationFlags)}` : ''}`);
  document.getElementById('print-file').addEventListener('click', () => attempt('#outlet', async () => window.open(await blobUrl(`/api/supervision/cases/${id}/file`), '_blank')));
  document.getElementById('case-file-pdf').addEventListener('click', () => attempt('#outlet', () => download(`/api/supervision/cases/${id}/file.pdf`, `案卷-${c.caseNo}.pdf`)));

  const stepForm = document.getElementById('step');
  document.querySelectorAll('[data-step]').forEach((button) => button.addEventListener('click', () => attempt('#outlet', async () => {
    const form = new FormData(stepForm);
    const key = button.dataset.step;
    const [, , , fields = ''] = steps.find((x) => x[0] === key);
    const route = key.startsWith('call-back') ? 'call-back' : key;
    const body = { revision: c.revision };
    if (form.get('note') && key !== 'send-for-sign-off') body.note = form.get('note');
    if (key === 'send-for-sign-off') body.forwardedSummary = form.get('forwardedSummary');
    if (route === 'call-back') body.satisfied = key === 'call-back-satisfied';
    if (fields === 'into') body.intoCaseNo = form.get('intoCaseNo');
    if (fields.includes('unit')) body.assignedTo = form.get('assignedTo');
    if (fields.includes('deadline') && form.get('deadline')) body.deadline = form.get('deadline');
    await post(`/api/supervision/cases/${id}/${route}`, body);
    await casePage(id);
    done('已办理');
  }, stepForm)));
}

const flagColumns = [
  ['单位', (f) => agency(f.agencyCode)], ['企业', (f) => esc(f.creditCode)], ['触发', (f) => (f.trigger === 'Penalty' ? '处罚决定' : '新的检查备案')],
  ['依据', (f) => esc(f.reference)], ['计划内', (f) => (f.planned ? '是' : '否')], ['发生时间', (f) => time(f.occurredAt)],
  ['后续', (f) => (f.filingCancelledAt ? `备案已于 ${time(f.filingCancelledAt)} 撤销` : f.decisionSupersededAt ? `决定已于 ${time(f.decisionSupersededAt)} 因更正检查发现被取代` : '—')],
];

export const flagsTable = (flags) => table(flags, flagColumns, 'flags');

export async function retaliationPage() {
  render('<h1>打击报复预警</h1><p class="muted">企业反映某单位后6个月内，该单位对该企业的新备案检查或处罚决定。预警是提示，不是结论。</p><div id="list"></div>');
  await pagedTable(document.getElementById('list'), '/api/supervision/retaliation-flags', flagColumns, 'flags');
}
