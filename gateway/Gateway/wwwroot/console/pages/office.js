// 县委营商办: the reform's dashboard, the registry, declarations, consolidation, filings, rankings.
import { get, post, put, blobUrl } from '../api.js';
import { filingStates, declarationStates } from './agency.js';
import { esc, render, table, pagedTable, pct, day, time, agency, bars, attempt, done, currentPeriod, download, exportButton, filterQuery } from '../ui.js';

const runStates = { Draft: '草稿', Published: '已发布', Superseded: '已被替代' };
const risks = { Low: '低', Medium: '中', High: '高' };
const outcomes = {
  Joint: '联合检查', Solo: '单独检查', RodeInSolo: '随本单位单独检查', Absorbed: '去重并入', Unscheduled: '未能安排', Pinned: '锁定不变',
  Cancelled: '不必要事项取消', RodeInPublished: '随已发布检查进行',
};

const chart = (title, items) => `<section class="card"><h2>${esc(title)}</h2>${bars(title, items)}</section>`;

const periodPicker = (period, route) => `<form class="period" data-route="${route}"><label>期间<input name="period" value="${esc(period)}" data-testid="period"></label><button>查看</button></form>`;

function bindPeriod() {
  const form = document.querySelector('form.period');
  form?.addEventListener('submit', (e) => { e.preventDefault(); location.hash = `${form.dataset.route}/${form.period.value}`; });
}

/** The periods a report can be asked for: this year's and last year's quarters and the years themselves, the shown one first. */
function reportPeriods(shown) {
  const year = Number(shown.slice(0, 4)) || new Date().getFullYear();
  const all = [year, year - 1].flatMap((y) => [`${y}`, `${y}-Q4`, `${y}-Q3`, `${y}-Q2`, `${y}-Q1`]);
  const label = (p) => (p.length === 4 ? `${p} 年度` : `${p.slice(0, 4)} 年第 ${p.slice(-1)} 季度`);
  return all.map((p) => `<option value="${esc(p)}"${p === shown ? ' selected' : ''}>${esc(label(p))}</option>`).join('');
}

/** 季度/年度报告: the printable page opens in a new window (print it from there); the PDF is saved as a file. */
const reportCard = (period) => `<section class="card" aria-labelledby="report-title"><h2 id="report-title">季度/年度报告</h2>
    <form id="report" class="row">
      <label>报告期间<select name="period" data-testid="report-period">${reportPeriods(period)}</select></label>
      <button type="button" id="open-report" data-testid="open-report">打开报告（可打印）</button>
      <button type="button" id="report-pdf" data-testid="report-pdf">下载报告 (PDF)</button>
    </form><div id="report-status" role="status"></div></section>`;

function bindReport() {
  const form = document.getElementById('report');
  const chosen = () => encodeURIComponent(form.period.value);
  document.getElementById('open-report').addEventListener('click', () => attempt('#report-status', async () =>
    window.open(await blobUrl(`/api/supervision/report?period=${chosen()}`), '_blank'), form));
  document.getElementById('report-pdf').addEventListener('click', () => attempt('#report-status', () =>
    download(`/api/supervision/report/pdf?period=${chosen()}`, `改革工作报告-${form.period.value}.pdf`), form));
}

export async function dashboardPage(period = currentPeriod()) {
  const i = await get(`/api/supervision/indicators?period=${encodeURIComponent(period)}`);
  render(`<h1>改革成效 ${esc(period)}</h1>${periodPicker(period, '#/dashboard')}
    <div class="kpis" data-testid="indicators">
      <div class="kpi"><b data-testid="reduction-rate">${pct(i.plan.reductionRate)}</b><span>计划精简率</span></div>
      <div class="kpi"><b>${i.inspections.solo}</b><span>单独执法次数（同比 ${pct(i.inspections.soloYearOnYearChange)}）</span></div>
      <div class="kpi"><b>${pct(i.filing.coverage)}</b><span>备案覆盖率</span></div>
      <div class="kpi"><b>${pct(i.filing.onTimeShare)}</b><span>紧急检查按时补报率</span></div>
      <div class="kpi"><b>${pct(i.cases.closedOnTimeShare)}</b><span>案件按期办结率</span></div>
      <div class="kpi"><b>${pct(i.plan.mergeableShareOfMatters)}</b><span>可合并事项占比</span></div>
    </div>
    ${chart('计划清单：合并前后', [['申报检查（合并前）', i.plan.declaredVisits], ['计划检查（合并后）', i.plan.plannedVisits], ['其中联合检查', i.plan.plannedJointVisits], ['其中单独检查', i.plan.plannedSoloVisits]])}
    ${chart('检查实施', [['已完成检查', i.inspections.completed], ['联合检查', i.inspections.joint], ['单独检查', i.inspections.solo], ['上年同期单独检查', i.inspections.soloYearBefore]])}
    ${chart('容错决定', [['容错（不罚/轻罚）', i.tolerance.tolerated], ['附条件容错', i.tolerance.conditionallyTolerated], ['不予容错', i.tolerance.notTolerated], ['撤销', i.tolerance.revoked]])}
    ${chart('监督案件', [['立案', i.cases.opened], ['办结关闭', i.cases.closed], ['按期办结', i.cases.closedOnTime], ['逾期未办结', i.cases.openPastDeadline]])}
    ${reportCard(period)}`);
  bindPeriod();
  bindReport();
}

export async function registryPage() {
  const enterprises = await get('/api/planning/enterprises');
  render(`<h1>园区企业名录（${enterprises.length} 家）</h1>${table(enterprises, [
    ['统一社会信用代码', (e) => esc(e.creditCode)], ['企业名称', (e) => esc(e.name)], ['园区', (e) => esc(e.zone)], ['行业', (e) => esc(e.industry)],
    ['风险等级', (e) => esc(risks[e.riskLevel] ?? e.riskLevel)], ['无事不扰期', (e) => e.quietPeriods.map((q) => `${day(q.from)}~${day(q.to)}`).join('<br>')],
  ], 'enterprises')}`);
}

export async function declarationsPage(period = currentPeriod()) {
  const p = encodeURIComponent(period);
  const [declarations, cancellations] = await Promise.all([get(`/api/planning/declarations?period=${p}`), get(`/api/planning/periods/${p}/cancellations`)]);
  const deadline = await get(`/api/planning/periods/${p}/deadline`).catch(() => null);
  render(`<h1>收到的计划申报 ${esc(period)}（${declarations.length} 份）</h1>${periodPicker(period, '#/declarations')}
    <div id="outlet"></div>
    <p><a href="#" id="export">导出申报表 (xlsx)</a></p>
    <form class="card" id="deadline"><h2>申报截止日期</h2>
      <p>${deadline ? `当前：${day(deadline.lastDay)}（此后至计划发布前的申报不予接收；计划发布后的申报纳入补充计划）` : '尚未设定'}</p>
      <label>截止日期<input name="lastDay" type="date" required data-testid="deadline-day"></label><button data-testid="set-deadline">设定截止日期</button></form>
    ${table(declarations, [
      ['编号', (d) => esc(d.id)], ['单位', (d) => agency(d.agencyCode)], ['事项', (d) => d.matterCodes.map((m) => `<span class="tag">${esc(m)}</span>`).join('')],
      ['企业数', (d) => d.creditCodes.length], ['时间窗口', (d) => `${day(d.windowFrom)} ~ ${day(d.windowTo)}`],
      ['状态', (d) => esc(declarationStates[d.status] ?? d.status) + (d.publishedIn?.supplement ? `（第${d.publishedIn.supplement}号补充计划）` : '')],
      ['版本', (d) => d.revision],
    ], 'declarations')}
    <form class="card" id="cancel"><h2>不必要事项取消</h2><div class="row">
      <div><label>申报编号<input name="declarationId" required data-testid="cancel-declaration"></label></div>
      <div><label>检查事项编码（不填则全部事项）<input name="matterCode"></label></div>
      <div><label>统一社会信用代码（不填则全部企业）<input name="creditCode"></label></div>
      <div><label>取消理由<input name="reason" required data-testid="cancel-reason"></label></div>
    </div><button data-testid="cancel-items">取消所选事项</button></form>
    <h2>已取消事项（${cancellations.length} 项）</h2>
    ${table(cancellations, [
      ['申报', (c) => esc(c.declarationId)], ['单位', (c) => agency(c.agencyCode)], ['事项', (c) => esc(c.matterCode)], ['企业', (c) => esc(c.creditCode)],
      ['理由', (c) => esc(c.reason)], ['时间', (c) => time(c.cancelledAt)],
    ], 'cancellations')}`);
  bindPeriod();
  document.getElementById('export').addEventListener('click', (e) => {
    e.preventDefault();
    attempt('#outlet', () => download(`/api/planning/declarations/export?period=${p}`, `申报表-${period}.xlsx`));
  });
  document.getElementById('deadline').addEventListener('submit', (e) => attempt('#outlet', async () => {
    e.preventDefault();
    await put(`/api/planning/periods/${p}/deadline`, { lastDay: e.target.lastDay.value });
    await declarationsPage(period);
    done('申报截止日期已设定');
  }, e.target));
  document.getElementById('cancel').addEventListener('submit', (e) => attempt('#outlet', async () => {
    e.preventDefault();
    const f = e.target;
    const cancelled = await post(`/api/planning/periods/${p}/cancellations`, {
      declarationId: f.declarationId.value, matterCode: f.matterCode.value || null, creditCode: f.creditCode.value || null, reason: f.reason.value,
    });
    await declarationsPage(period);
    done(`已取消 ${cancelled.length} 项`);
  }, e.target));
}

export async function consolidationPage(period = currentPeriod()) {
  const [runs, supplements] = await Promise.all([
    get(`/api/planning/periods/${encodeURIComponent(period)}/consolidations`), get(`/api/planning/periods/${encodeURIComponent(period)}/supplements`),
  ]);
  render(`<h1>计划清单合并 ${esc(period)}</h1>${periodPicker(period, '#/consolidation')}
    <div id="outlet"></div>
    <form class="card" id="run"><div class="row">
      <div><label>每次联合检查最多单位数<input name="max" type="number" value="5" min="1" max="17"></label></div>
      <div><label><input type="checkbox" name="teams" class="inline"> 考虑各单位每日检查组数</label></div>
      <div><label><input type="checkbox" name="caps" class="inline"> 考虑年度检查上限</label></div>
    </div><button data-testid="run-consolidation">合并计划（能简则简、应合尽合）</button></form>
    <h2>合并记录</h2>${table(runs, [
      ['运行', (r) => `<a href="#/run/${period}/${r.id}">${time(r.ranAt)}</a>`], ['状态', (r) => esc(runStates[r.status] ?? r.status)],
      ['合并前', (r) => r.figures.declaredVisits], ['合并后', (r) => r.figures.visits], ['精简率', (r) => pct(r.figures.reductionRate)],
    ], 'runs')}
    <h2>补充计划</h2>
    <p>计划发布后收到的申报，在不改动已发布检查日期的前提下合并：能随已发布检查进行的随之进行，其余另行安排。</p>
    <button id="supplement" data-testid="run-supplement">生成补充计划</button>
    ${table(supplements, [
      ['运行', (s) => time(s.ranAt)], ['状态', (s) => esc(runStates[s.status] ?? s.status) + (s.number ? `（第${s.number}号）` : '')],
      ['随已发布检查', (s) => s.figures.rodeInPublishedVisits + s.figures.absorbed], ['新增检查', (s) => s.figures.newVisits], ['调整的已发布检查', (s) => s.figures.changedVisits],
      ['操作', (s) => (s.status === 'Draft' ? `<button data-supplement="${esc(s.id)}" aria-label="发布 ${esc(time(s.ranAt))} 的补充计划">发布</button>` : '')],
    ], 'supplements')}`);
  bindPeriod();
  document.getElementById('supplement').addEventListener('click', () => attempt('#outlet', async () => {
    await post(`/api/planning/periods/${encodeURIComponent(period)}/supplements`);
    await consolidationPage(period);
    done('补充计划已生成，请核对后发布。');
  }));
  document.querySelectorAll('[data-supplement]').forEach((button) => button.addEventListener('click', () => attempt('#outlet', async () => {
    const published = await post(`/api/planning/periods/${encodeURIComponent(period)}/supplements/${button.dataset.supplement}/publish`);
    await consolidationPage(period);
    done(`第${published.summary.number}号补充计划已发布。`);
  })));
  document.getElementById('run').addEventListener('submit', (e) => attempt('#outlet', async () => {
    e.preventDefault();
    const f = e.target;
    const detail = await post(`/api/planning/periods/${encodeURIComponent(period)}/consolidations`, {
      maxAgenciesPerJointVisit: Number(f.max.value), applyTeamsPerDay: f.teams.checked, applyYearlyCaps: f.caps.checked,
    });
    location.hash = `#/run/${period}/${detail.summary.id}`;
  }, e.target, { maxAgenciesPerJointVisit: 'max', applyTeamsPerDay: 'teams', applyYearlyCaps: 'caps' }));
}

export async function runPage(period, id) {
  const d = await get(`/api/planning/periods/${encodeURIComponent(period)}/consolidations/${id}`);
  const f = d.summary.figures;
  const published = d.summary.status === 'Published';
  render(`<h1>合并结果 ${esc(period)} <span class="tag">${esc(runStates[d.summary.status] ?? d.summary.status)}</span></h1><div id="outlet"></div>
    <div class="kpis">
      <div class="kpi"><b data-testid="before">${f.declaredVisits}</b><span>合并前检查次数</span></div>
      <div class="kpi"><b data-testid="after">${f.visits}</b><span>合并后检查次数</span></div>
      <div class="kpi"><b data-testid="run-reduction">${pct(f.reductionRate)}</b><span>精简率（合并 ${pct(f.reductionByMerging)}，取消 ${pct(f.reductionByCancelling ?? 0)}）</span></div>
      <div class="kpi"><b>${f.cancelledItems ?? 0}</b><span>不必要事项取消</span></div>
      <div class="kpi"><b>${f.jointVisits} / ${f.soloVisits}</b><span>联合 / 单独</span></div>
      <div class="kpi"><b>${f.lowerBound}</b><span>理论最少次数${f.gap ? `（差 ${f.gap}）` : '（已最优）'}</span></div>
    </div>
    ${published ? `<p class="ok">已发布。<a href="/api/planning/periods/${encodeURIComponent(period)}/plan?format=xlsx" data-testid="plan-xlsx">下载计划清单 (xlsx)</a></p>`
      : '<button id="publish" data-testid="publish">发布计划清单</button>'}
    <h2>检查安排（${d.visits.length} 次）</h2>
    ${published ? '' : `<form class="card" id="move"><div class="row"><div><label>检查编号<input name="visit" data-testid="move-visit"></label></div>
      <div><label>调整到<input name="day" type="date" data-testid="move-day"></label></div></div><button data-testid="move">调整日期</button></form>`}
    ${table(d.visits.slice(0, 300), [
      ['编号', (v) => esc(v.visitId)], ['企业', (v) => esc(v.creditCode)], ['日期', (v) => day(v.day)], ['方式', (v) => (v.kind === 'Joint' ? '联合' : '单独')],
      ['牵头', (v) => agency(v.leadAgency)], ['参加单位', (v) => v.agencies.map((a) => `<span class="tag">${esc(a)}</span>`).join('')],
      ['事项数', (v) => v.items.length],
    ], 'visits')}
    <h2>合并决定记录（前 200 条）</h2>
    ${table(d.decisions.slice(0, 200), [
      ['申报', (m) => esc(m.declarationId)], ['单位', (m) => esc(m.agencyCode)], ['事项', (m) => esc(m.matterCode)], ['企业', (m) => esc(m.creditCode)],
      ['结果', (m) => esc(outcomes[m.outcome] ?? m.outcome)], ['说明', (m) => esc(m.explanation)],
    ], 'decisions')}`);
  document.getElementById('publish')?.addEventListener('click', () => attempt('#outlet', async () => {
    await post(`/api/planning/periods/${encodeURIComponent(period)}/consolidations/${id}/publish`);
    await runPage(period, id);
    done('计划清单已发布，各单位与企业可见。');
  }));
  document.getElementById('move')?.addEventListener('submit', (e) => attempt('#outlet', async () => {
    e.preventDefault();
    await post(`/api/planning/periods/${encodeURIComponent(period)}/consolidations/${id}/visits/${encodeURIComponent(e.target.visit.value)}/move`, { day: e.target.day.value });
    await runPage(period, id);
    done('已调整');
  }, e.target));
}

export async function filingsPage() {
  render(`<h1>检查备案</h1>
    <form id="filter" aria-label="筛选备案">
      <div class="row"><div><label>状态<select name="status"><option value="">全部</option>${Object.entries(filingStates).map(([k, v]) => `<option value="${k}">${esc(v)}</option>`).join('')}</select></label></div>
        <div><label>牵头单位代码<input name="agencyCode" placeholder="如 YJ"></label></div>
        <div><label>统一社会信用代码<input name="creditCode"></label></div>
        <div><label>检查开始日期自<input name="from" type="date"></label></div><div><label>至<input name="to" type="date"></label></div></div>
      <button type="submit">筛选</button>
    </form><div id="list"></div>`);
  const columns = [
    ['备案号', (f) => esc(f.filingNo)], ['企业', (f) => esc(f.enterpriseName)], ['牵头', (f) => agency(f.leadAgency)],
    ['时间', (f) => `${time(f.windowStart)} ~ ${time(f.windowEnd)}`], ['状态', (f) => esc(filingStates[f.status] ?? f.status)], ['计划外', (f) => (f.jointId ? '' : '是')],
  ];
  const form = document.getElementById('filter');
  form.append(exportButton('/api/filing/filings/export', '备案台账.xlsx', form));
  const show = () => {
    const q = filterQuery(form);
    return pagedTable(document.getElementById('list'), `/api/filing/filings${q ? `?${q}` : ''}`, columns, 'filings');
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); attempt('#list', show, form); });
  await show();
}

export async function rankingsPage(period = currentPeriod()) {
  const published = await get('/api/supervision/rankings');
  let draft = null;
  try { draft = await get(`/api/supervision/rankings/${encodeURIComponent(period)}/draft`); } catch (e) { if (e.name === 'AbortError') throw e; draft = null; }
  const lines = (list) => table(list, [
    ['名次', (l) => l.rank ?? '样本不足'], ['单位', (l) => agency(l.agencyCode)], ['评价数', (l) => l.ratings], ['原始均分', (l) => l.mean.toFixed(2)],
    ['调整均分', (l) => l.adjustedMean.toFixed(2)], ['95%区间', (l) => (l.low === null ? '—' : `${l.low.toFixed(2)} ~ ${l.high.toFixed(2)}`)],
  ], 'ranking');
  render(`<h1>执法质效评议排名</h1>${periodPicker(period, '#/rankings')}<div id="outlet"></div>
    ${draft ? `<section class="card"><h2>${esc(period)} 排名草稿</h2><p class="muted">${esc(draft.method)}</p>${lines(draft.agencies)}
      <button id="publish" data-testid="publish-ranking">发布 ${esc(period)} 排名</button></section>` : ''}
    <h2>已公示</h2>${published.map((r) => `<section class="card"><h2>${esc(r.period)}（${time(r.publishedAt)} 公示）</h2>${lines(r.agencies)}</section>`).join('') || '<p class="muted">暂无</p>'}`);
  bindPeriod();
  document.getElementById('publish')?.addEventListener('click', () => attempt('#outlet', async () => {
    await post(`/api/supervision/rankings/${encodeURIComponent(period)}/publish`);
    await rankingsPage(period);
  }));
}
