// 园区企业 (made for a phone at the gate): its ledger, verifying an inspector's filing, refusing and
// reporting, supervision cards, rating inspections, its tolerance decisions.
import { get, post, session } from '../api.js';
import { esc, render, table, pagedTable, day, time, agency, attempt, say, done, formValues, currentPeriod } from '../ui.js';
import { cardTypes, states } from './cases.js';

export async function ledgerPage(period = currentPeriod()) {
  const me = session().creditCode;
  const l = await get(`/api/planning/enterprises/${encodeURIComponent(me)}/ledger?period=${encodeURIComponent(period)}`);
  render(`<h1>一企一账 ${esc(period)}</h1><p>${esc(l.enterpriseName)}（${esc(l.creditCode)}）</p>
    <div class="kpis"><div class="kpi"><b data-testid="declared">${l.declaredVisits}</b><span>各单位申报检查</span></div>
      <div class="kpi"><b data-testid="after">${l.visitsAfter}</b><span>合并后计划检查</span></div>
      <div class="kpi"><b>${l.inspectionsHappened}</b><span>已实施检查</span></div></div>
    <h2>计划检查</h2>${l.planPublished ? table(l.visits, [['日期', (v) => day(v.day)], ['方式', (v) => (v.agencies.length > 1 ? '联合检查' : '单独检查')],
      ['单位', (v) => v.agencies.map((a) => agency(a)).join('、')], ['事项', (v) => v.matters.map((m) => `<span class="tag">${esc(m)}</span>`).join('')]], 'ledger-visits')
      : '<p class="muted">本期计划清单尚未发布。</p>'}
    <h2>已实施检查</h2>${table(l.happened, [['备案号', (h) => esc(h.filingNo)], ['单位', (h) => h.agencies.map((a) => agency(a)).join('、')], ['发现问题', (h) => h.findings]], 'happened')}`);
}

export function verifyPage(code = '') {
  render(`<h1>核验检查备案</h1><p class="muted">检查人员到达时，请扫描备案表上的二维码或输入核验码。无有效备案的检查，企业有权拒绝。</p>
    <form class="card" id="verify"><label>核验码<input name="code" value="${esc(code)}" placeholder="如 7KQ3-9XWM" data-testid="code" autocomplete="off"></label>
      <button data-testid="verify">核验</button><button type="button" class="secondary" id="scan">扫码</button></form>
    <video id="camera" hidden playsinline></video><div id="outlet"></div>`);
  const form = document.getElementById('verify');
  const check = (c) => attempt('#outlet', async () => {
    try {
      const v = await get(`/api/filing/verify/${encodeURIComponent(c.trim())}`);
      const ok = v.status === 'Valid';
      const label = { Valid: '备案有效，可以接受检查', NotYetValid: '尚未到备案时间', Expired: '备案已过期', Revoked: '备案已撤销', AwaitingConfirmation: '参加部门尚未确认，备案未生效', OtherEnterprise: '该备案不是本企业的检查备案，可以拒绝检查' }[v.status];
      document.getElementById('outlet').innerHTML = `<div class="verdict ${ok ? 'valid' : 'invalid'}" data-testid="verdict">${esc(label)}</div>
        <section class="card"><p>备案号 ${esc(v.filingNo)}</p><p>企业 ${esc(v.enterpriseName)}</p><p>牵头单位 ${agency(v.leadAgency)}；参加 ${v.agencies.map((a) => agency(a)).join('、')}</p>
        <p>时间 ${time(v.windowStart)} ~ ${time(v.windowEnd)}</p><p>检查人员 ${v.inspectors.map((i) => `${esc(i.name)}（${esc(i.certificateNo)}）`).join('、')}</p>
        <p>事项 ${v.matters.map((m) => `<span class="tag">${esc(m)}</span>`).join('')}</p>
        ${ok ? '' : '<p><a href="#/refuse">拒绝检查并反映 →</a></p>'}</section>`;
    } catch (e) {
      if (e.status !== 404) throw e;
      document.getElementById('outlet').innerHTML = `<div class="verdict invalid" data-testid="verdict">未查到该备案，可以拒绝检查</div>
        ${session() ? '<p><a href="#/refuse">拒绝检查并反映 →</a></p>' : ''}`;
    }
  }, form);
  form.addEventListener('submit', (e) => { e.preventDefault(); check(form.code.value); });
  document.getElementById('scan').addEventListener('click', () => scan((c) => { form.code.value = c; check(c); }));
  if (code) check(code);
}

/** Scans the filing's QR code with the phone's camera where the browser can read barcodes. */
async function scan(found) {
  if (!('BarcodeDetector' in window)) { say('#outlet', '此浏览器不支持扫码，请输入核验码。'); return; }
  const video = document.getElementById('camera');
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  video.srcObject = stream; video.hidden = false; await video.play();
  const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
  const tick = async () => {
    const [hit] = await detector.detect(video);
    if (!hit) { requestAnimationFrame(tick); return; }
    stream.getTracks().forEach((t) => t.stop()); video.hidden = true;
    const url = new URL(hit.rawValue, location.href);
    found(url.searchParams.get('code') ?? hit.rawValue);
  };
  tick();
}

export function refusePage() {
  render(`<h1>拒绝检查并反映</h1><p class="muted">检查人员未出示有效备案时，企业可以拒绝检查并向县委营商办反映，系统将自动立案督办。</p><div id="outlet"></div>
    <form class="card" id="refuse"><label>检查单位代码（如知道）<input name="agencyCode" placeholder="如 SJ"></label>
      <label>对方出示的核验码（如有）<input name="codeShown"></label>
      <label>发生时间<input name="occurredAt" type="datetime-local" data-testid="occurred-at"></label>
      <label>经过<textarea name="description" data-testid="refusal-description"></textarea></label>
      <button data-testid="refuse">提交</button></form>`);
  document.getElementById('refuse').addEventListener('submit', (e) => attempt('#outlet', async () => {
    e.preventDefault();
    const v = formValues(e.target);
    await post('/api/filing/refusals', { agencyCode: v.agencyCode || null, codeShown: v.codeShown || null, description: v.description, occurredAt: v.occurredAt ? `${v.occurredAt}:00+08:00` : null });
    e.target.reset();
    done('已提交，县委营商办将立案督办。');
  }, e.target));
}

/** The latest call-back (回访) of a case as the enterprise answered it, with what it said. */
function callBack(c) {
  const step = [...c.history].reverse().find((h) => h.action === 'CallBackSatisfied' || h.action === 'CallBackNotSatisfied');
  if (!step) return '';
  return `${step.action === 'CallBackSatisfied' ? '满意' : '不满意'}${step.note ? `：${step.note}` : ''}`;
}

export async function cardsPage() {
  render(`<h1>监督卡</h1><p class="muted">反映吃拿卡要、态度粗暴、未备案检查或提出合理诉求。除营商办和专责小组外，被反映单位看不到您的企业信息（除非您同意公开）。</p><div id="outlet"></div>
    <form class="card" id="card">
      <div class="row"><div><label>类型<select name="type" data-testid="card-type">${Object.entries(cardTypes).map(([k, v]) => `<option value="${k}">${v}</option>`).join('')}</select></label></div>
        <div><label>涉及单位代码<input name="agencyCode" placeholder="如 YJ" data-testid="card-agency"></label></div>
        <div><label>涉及备案号（如有）<input name="filingNo"></label></div>
        <div><label>发生日期<input name="occurredOn" type="date"></label></div></div>
      <label>情况说明<textarea name="description" data-testid="card-description"></textarea></label>
      <label><input type="checkbox" name="consent" class="inline"> 同意向被反映单位公开我的企业信息</label>
      <button data-testid="submit-card">提交监督卡</button></form>
    <h2>我的监督卡</h2><div id="mine"></div>`);
  await pagedTable(document.getElementById('mine'), '/api/supervision/cards', [
    ['编号', (c) => `<a href="#/case/${c.id}">${esc(c.caseNo)}</a>`], ['类型', (c) => esc(cardTypes[c.type])], ['状态', (c) => `<span data-testid="my-card-state">${esc(states[c.state])}</span>`],
    ['办理结果', (c) => `<span data-testid="my-card-result">${esc([...c.history].reverse().find((h) => h.action === 'Resolve')?.note ?? '')}</span>`],
    ['回访', (c) => `<span data-testid="my-card-call-back">${esc(callBack(c))}</span>`],
    ['最新答复', (c) => esc([...c.history].reverse().find((h) => h.note && h.action !== 'Opened')?.note ?? '')], ['提交时间', (c) => time(c.openedAt)],
  ], 'my-cards');
  document.getElementById('card').addEventListener('submit', (e) => attempt('#outlet', async () => {
    e.preventDefault();
    const v = formValues(e.target);
    await post('/api/supervision/cards', { type: v.type, agencyCode: v.agencyCode || null, filingNo: v.filingNo || null, occurredOn: v.occurredOn || null, description: v.description, consentToDisclose: e.target.consent.checked });
    await cardsPage();
    done('已提交，已立案跟踪办理。');
  }, e.target, { consentToDisclose: 'consent' }));
}

export async function ratePage() {
  // The latest inspections first; once these are rated the next ones show.
  const { items: pending, next } = await get('/api/supervision/evaluations/pending');
  const scores = (name) => `<select name="${name}">${[5, 4, 3, 2, 1].map((s) => `<option>${s}</option>`).join('')}</select>`;
  render(`<h1>执法质效你来评</h1><p class="muted">每次检查评价一次。被评价单位看不到评价企业。</p><div id="outlet"></div>
    ${pending.length === 0 ? '<p class="muted">没有待评价的检查。</p>' : pending.map((p) => `<form class="card rate" data-filing="${esc(p.filingNo)}">
      <p><b>${esc(p.filingNo)}</b> ${p.agencies.map((a) => agency(a)).join('、')} · ${time(p.completedAt)}</p>
      <div class="row"><div><label>规范${scores('procedure')}</label></div><div><label>效率${scores('efficiency')}</label></div>
        <div><label>态度${scores('attitude')}</label></div><div><label>廉洁${scores('integrity')}</label></div></div>
      <label>意见<input name="comment" maxlength="500"></label><button data-testid="rate">提交评价</button></form>`).join('')}
    ${next ? '<p class="muted">还有更早的检查待评价，评价以上检查后将继续显示。</p>' : ''}`);
  document.querySelectorAll('form.rate').forEach((f) => f.addEventListener('submit', (e) => attempt('#outlet', async () => {
    e.preventDefault();
    const v = formValues(f);
    await post('/api/supervision/evaluations', { filingNo: f.dataset.filing, procedure: +v.procedure, efficiency: +v.efficiency, attitude: +v.attitude, integrity: +v.integrity, comment: v.comment || null });
    await ratePage();
    done('感谢评价');
  }, f)));
}
