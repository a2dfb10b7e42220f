// 执法单位: declare, see its visits in the published plan, file before entry (form and QR code),
// record findings, see its tolerance decisions and its ratings.
import { get, post, blobUrl, session, requestKey } from '../api.js';
import { esc, render, table, pagedTable, day, time, agency, attempt, done, formValues, currentPeriod } from '../ui.js';

export const declarationStates = { Declared: '已申报', Withdrawn: '已撤回', Consolidated: '已纳入计划' };
export const filingStates = { Filed: '已备案', Started: '检查中', Completed: '已完成', Revoked: '已撤销', AwaitingConfirmation: '待参加部门确认' };

const list = (text) => String(text ?? '').split(/[\s,，、]+/).map((s) => s.trim()).filter(Boolean);

export async function declarePage() {
  const me = session().agency;
  const period = currentPeriod();
  const [all, declared] = await Promise.all([get('/api/planning/matters'), get(`/api/planning/declarations?period=${encodeURIComponent(period)}`)]);
  const matters = all.filter((m) => m.agencyCode === me);
  render(`<h1>申报检查计划</h1><div id="outlet"></div>
    <form class="card" id="declare">
      <div class="row"><div><label>期间<input name="period" value="${esc(currentPeriod())}"></label></div>
        <div><label>开始日期<input name="windowFrom" type="date" data-testid="window-from"></label></div>
        <div><label>结束日期<input name="windowTo" type="date" data-testid="window-to"></label></div></div>
      <label>检查事项（本单位）<select name="matterCodes" multiple size="6" data-testid="matters">${matters.map((m) => `<option value="${esc(m.code)}">${esc(m.code)} ${esc(m.name)}${m.mergeable ? '（可合并）' : ''}</option>`).join('')}</select></label>
      <label>企业统一社会信用代码（多个用逗号或换行分隔）<textarea name="creditCodes" data-testid="credit-codes"></textarea></label>
      <div class="row"><div><label>要求层级<select name="mandateLevel"><option value="County">县级自主</option><option value="Municipal">市级要求</option><option value="Provincial">省级要求</option><option value="Central">中央要求</option></select></label></div>
        <div><label>检查类别<select name="category"><option value="Routine">日常检查</option><option value="Specialized">专业性检查</option><option value="Seasonal">季节性检查</option><option value="Holiday">节假日检查</option><option value="Comprehensive">综合性检查</option></select></label></div>
        <div><label>检查方式<input name="method" value="现场检查"></label></div></div>
      <button data-testid="declare">提交申报</button>
    </form>
    <h2>本单位 ${esc(period)} 的申报</h2>
    ${table(declared, [
      ['编号', (d) => esc(d.id)], ['事项', (d) => d.matterCodes.map((m) => `<span class="tag">${esc(m)}</span>`).join('')],
      ['时间窗口', (d) => `${day(d.windowFrom)} ~ ${day(d.windowTo)}`], ['状态', (d) => esc(declarationStates[d.status] ?? d.status)], ['版本', (d) => d.revision],
    ], 'my-declarations')}
    <form class="card" id="withdraw"><h2>撤回申报（计划发布前）</h2><div class="row">
      <div><label>申报编号<input name="id" required data-testid="withdraw-id"></label></div>
      <div><label>撤回理由<input name="reason" required data-testid="withdraw-reason"></label></div>
    </div><button data-testid="withdraw">撤回</button></form>`);
  document.getElementById('withdraw').addEventListener('submit', (e) => attempt('#outlet', async () => {
    e.preventDefault();
    await post(`/api/planning/declarations/${encodeURIComponent(e.target.id.value)}/withdraw`, { reason: e.target.reason.value });
    await declarePage();
    done('申报已撤回');
  }, e.target));
  document.getElementById('declare').addEventListener('submit', (e) => attempt('#outlet', async () => {
    e.preventDefault();
    const v = formValues(e.target);
    const declared = await post('/api/planning/declarations', {
      period: v.period, agencyCode: me, matterCodes: [...e.target.matterCodes.selectedOptions].map((o) => o.value), creditCodes: list(v.creditCodes),
      windowFrom: v.windowFrom || null, windowTo: v.windowTo || null, mandateLevel: v.mandateLevel, category: v.category, method: v.method,
    });
    done(`已申报：${declared.id}`);
  }, e.target));
}

export async function visitsPage(period = currentPeriod()) {
  const me = session().agency;
  let plan = null;
  try { plan = await get(`/api/planning/periods/${encodeURIComponent(period)}/plan`); } catch (e) { if (e.name === 'AbortError') throw e; plan = null; }
  const mine = plan ? plan.visits.filter((v) => v.agencies.includes(me)) : [];
  render(`<h1>本单位检查安排 ${esc(period)}</h1>${plan ? '' : '<p class="muted">本期计划清单尚未发布。</p>'}
    ${table(mine, [
      ['日期', (v) => day(v.day)], ['企业', (v) => esc(v.enterpriseName)], ['方式', (v) => (v.agencies.length > 1 ? '联合检查' : '单独检查')],
      ['牵头', (v) => agency(v.leadAgency)], ['事项', (v) => v.matterNames.map((m) => `<span class="tag">${esc(m)}</span>`).join('')],
      ['备案', (v) => (v.leadAgency === me ? `<a href="#/file/${encodeURIComponent(v.jointId)}" data-testid="file-visit">备案</a>` : '由牵头单位备案')],
    ], 'my-visits')}`);
}

// The API's paths of the inspectors' fields, and the form's names for them.
const inspectorFields = {
  'inspectors[0].name': 'name1', 'inspectors[0].certificateNo': 'cert1', 'inspectors[0].agencyCode': 'agency1',
  'inspectors[1].name': 'name2', 'inspectors[1].certificateNo': 'cert2', 'inspectors[1].agencyCode': 'agency2',
};

export async function filePage(jointId = '') {
  render(`<h1>检查备案（先备案、后检查）</h1><div id="outlet"></div>
    <form class="card" id="file">
      <label>检查编号（计划清单）<input name="jointId" value="${esc(jointId)}" data-testid="joint-id"></label>
      <div class="row"><div><label>开始时间<input name="windowStart" type="datetime-local" data-testid="window-start"></label></div>
        <div><label>结束时间<input name="windowEnd" type="datetime-local" data-testid="window-end"></label></div></div>
      <fieldset><legend>检查人员1</legend><div class="row"><div><label>姓名<input name="name1" data-testid="inspector1-name"></label></div><div><label>执法证号<input name="cert1" data-testid="inspector1-cert"></label></div>
        <div><label>所属单位代码<input name="agency1" value="${esc(session().agency)}"></label></div></div></fieldset>
      <fieldset><legend>检查人员2</legend><div class="row"><div><label>姓名<input name="name2" data-testid="inspector2-name"></label></div><div><label>执法证号<input name="cert2" data-testid="inspector2-cert"></label></div>
        <div><label>所属单位代码<input name="agency2" value="${esc(session().agency)}"></label></div></div></fieldset>
      <button data-testid="file">提交备案</button>
    </form><div id="filed"></div>`);
  // One key per form shown: pressing the button again (or after a lost answer) files once.
  const key = requestKey();
  document.getElementById('file').addEventListener('submit', (e) => attempt('#outlet', async () => {
    e.preventDefault();
    const v = formValues(e.target);
    const local = (t) => (t ? `${t}:00+08:00` : null);
    const f = await post('/api/filing/filings', {
      jointId: v.jointId, windowStart: local(v.windowStart), windowEnd: local(v.windowEnd),
      inspectors: [{ name: v.name1, certificateNo: v.cert1, agencyCode: v.agency1 }, { name: v.name2, certificateNo: v.cert2, agencyCode: v.agency2 }],
    }, { 'Idempotency-Key': key });
    document.getElementById('outlet').innerHTML = '';
    document.getElementById('filed').innerHTML = `<section class="card"><h2>备案成功</h2>
      <p>备案号 <b data-testid="filing-no">${esc(f.filingNo)}</b></p><p>核验码 <b data-testid="verification-code">${esc(f.verificationCode)}</b>（企业扫码或输入核验）</p>
      <img class="qr" id="qr" alt="备案二维码" data-testid="qr"><p><button type="button" id="print" class="secondary">打印备案表</button></p></section>`;
    document.getElementById('qr').src = await blobUrl(`/api/filing/filings/${encodeURIComponent(f.filingNo)}/qr.png`);
    document.getElementById('print').addEventListener('click', async () => window.open(await blobUrl(`/api/filing/filings/${encodeURIComponent(f.filingNo)}/form`), '_blank'));
  }, e.target, inspectorFields));
}

export async function recordPage() {
  render('<h1>检查记录</h1><div id="outlet"></div><div id="list"></div>');
  const list = document.getElementById('list');
  // One listener for every page read on: the rows are drawn anew as pages are added.
  list.addEventListener('click', (e) => {
    const b = e.target.closest('[data-start]');
    if (!b) return;
    attempt('#outlet', async () => {
      await post(`/api/filing/filings/${encodeURIComponent(b.dataset.start)}/start`);
      await recordPage();
      done('检查已开始');
    });
  });
  await pagedTable(list, '/api/filing/filings', [
    ['备案号', (f) => esc(f.filingNo)], ['企业', (f) => esc(f.enterpriseName)], ['时间', (f) => `${time(f.windowStart)} ~ ${time(f.windowEnd)}`], ['状态', (f) => esc(filingStates[f.status] ?? f.status)],
    ['操作', (f) => (f.status === 'Filed' ? `<button data-start="${esc(f.filingNo)}" data-testid="start">开始检查</button>`
      : f.status === 'Started' ? `<a href="#/complete/${encodeURIComponent(f.filingNo)}" data-testid="complete-link">录入检查结果</a>` : '')],
  ], 'my-filings');
}

export async function completePage(filingNo) {
  const f = await get(`/api/filing/filings/${encodeURIComponent(filingNo)}`);
  render(`<h1>录入检查结果 ${esc(filingNo)}</h1><div id="outlet"></div>
    <form class="card" id="complete">
      <p>企业：${esc(f.enterpriseName)}</p>
      <label><input type="checkbox" name="found" class="inline" data-testid="found"> 发现问题</label>
      <div class="row"><div><label>事项<select name="matterCode">${f.matters.map((m) => `<option value="${esc(m.matterCode)}">${esc(m.name)}</option>`).join('')}</select></label></div>
        <div><label>严重程度 (1-5)<input name="severity" type="number" min="1" max="5" value="1"></label></div>
        <div><label><input type="checkbox" name="onTheSpot" class="inline" checked> 立行立改</label></div></div>
      <label>问题描述<textarea name="description" data-testid="finding"></textarea></label>
      <button data-testid="complete">完成检查</button>
    </form>`);
  document.getElementById('complete').addEventListener('submit', (e) => attempt('#outlet', async () => {
    e.preventDefault();
    const t = e.target;
    const findings = t.found.checked ? [{ matterCode: t.matterCode.value, description: t.description.value, severity: Number(t.severity.value), rectifiedOnTheSpot: t.onTheSpot.checked, harmCaused: false }] : [];
    await post(`/api/filing/filings/${encodeURIComponent(filingNo)}/complete`, { findings });
    location.hash = '#/record';
  }, e.target, { 'findings[0].matterCode': 'matterCode', 'findings[0].description': 'description', 'findings[0].severity': 'severity', 'findings[0].rectifiedOnTheSpot': 'onTheSpot' }));
}

export async function decisionsPage() {
  const kinds = { Tolerated: '容错', ConditionallyTolerated: '附条件容错', NotTolerated: '不予容错' };
  const outcomes = { NoPenalty: '不予处罚', NoCompulsoryMeasure: '不予实施行政强制措施', LighterPenalty: '从轻处罚', MitigatedPenalty: '减轻处罚' };
  render('<h1>容错决定</h1><div id="outlet"></div><div id="list"></div>');
  const list = document.getElementById('list');
  // A conditional decision awaits the agency's confirmation that the enterprise rectified, by its deadline.
  list.addEventListener('click', (e) => {
    const b = e.target.closest('[data-rectified]');
    if (!b) return;
    attempt('#outlet', async () => {
      await post(`/api/tolerance/decisions/${encodeURIComponent(b.dataset.rectified)}/rectified`);
      await decisionsPage();
      done('已确认整改');
    });
  });
  await pagedTable(list, '/api/tolerance/decisions', [
    ['备案号', (d) => esc(d.filingNo)], ['事项', (d) => esc(d.matterCode)], ['决定', (d) => `${esc(kinds[d.kind])} ${esc(outcomes[d.outcome] ?? '')}`],
    ['依据', (d) => esc(d.legalBasis ?? '')], ['理由', (d) => esc(d.reasoning)], ['时间', (d) => time(d.decidedAt)],
    ['整改', (d) => (d.kind !== 'ConditionallyTolerated' ? '' : d.rectifiedAt ? `已确认 ${time(d.rectifiedAt)}`
      : d.status === 'Active' ? `<button type="button" data-rectified="${esc(d.id)}" data-testid="rectified">确认整改（${esc(d.conditionDeadline ?? '')} 前）</button>` : '')],
  ], 'decisions');
}

export async function ratingsPage(period = currentPeriod()) {
  const mine = await get(`/api/supervision/evaluations?period=${encodeURIComponent(period)}`);
  const published = await get('/api/supervision/rankings');
  const me = session().agency;
  render(`<h1>企业评价与排名 ${esc(period)}</h1>
    <section class="card"><p>评价 ${mine.ratings} 条${mine.score ? `，综合均分 <b>${mine.score.toFixed(2)}</b>` : ''}</p>
      ${mine.withheld ? `<p class="muted">评价少于3条时不显示明细，以保护评价企业。</p>` : table(mine.items, [
        ['规范', (r) => r.procedure], ['效率', (r) => r.efficiency], ['态度', (r) => r.attitude], ['廉洁', (r) => r.integrity], ['意见', (r) => esc(r.comment ?? '')]], 'ratings')}</section>
    ${published.map((r) => { const line = r.agencies.find((a) => a.agencyCode === me); return `<section class="card"><h2>${esc(r.period)} 排名</h2>
      ${line ? `<p>本单位：第 <b>${line.rank ?? '—'}</b> 名，调整均分 ${line.adjustedMean.toFixed(2)}（${line.ratings} 条评价）</p>` : '<p class="muted">本期无评价</p>'}</section>`; }).join('')}`);
}
