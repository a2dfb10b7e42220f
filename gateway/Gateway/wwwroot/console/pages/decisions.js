// 容错决定 by procedure: the engine's proposal, which the enterprise sees at once and may answer (陈述申辩)
// within its period; the agency answers the statement, and its legal review (法制审核) confirms the
// proposal or departs from it with a written reason. Only then is it a decision.
import { get, post, session } from '../api.js';
import { esc, render, pagedTable, day, time, agency, attempt, done, exportButton } from '../ui.js';

export const kinds = { Tolerated: '容错', ConditionallyTolerated: '附条件容错', NotTolerated: '不予容错' };
export const outcomes = { NoPenalty: '不予处罚', NoCompulsoryMeasure: '不予实施行政强制措施', LighterPenalty: '从轻处罚', MitigatedPenalty: '减轻处罚' };
export const decisionStates = { Proposed: '拟作出，待陈述申辩', Stated: '企业已陈述申辩，待答复', Answered: '已答复，待法制审核', Active: '已作出决定', Revoked: '已撤销', Superseded: '已因更正检查发现被取代' };

const verdict = (kind, outcome) => `${kinds[kind] ?? kind}${outcome ? ` ${outcomes[outcome] ?? outcome}` : ''}`;
const period = (d) => (d.statementDueOn ? day(d.statementDueOn) : d.calendarMissingFor ? `待 ${d.calendarMissingFor} 年工作日历发布后计算` : '—');

export async function decisionsPage() {
  render('<h1>容错决定</h1><p class="muted">拟作出的决定告知企业后，企业可在期限内陈述申辩；经执法单位法制审核同意或改变后，方作出决定。</p><div id="outlet"></div><p id="actions"></p><div id="list"></div>');
  document.getElementById('actions').append(exportButton('/api/tolerance/decisions/export', '容错决定.xlsx'));
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
    ['备案号', (d) => `<a href="#/decision/${esc(d.id)}" data-testid="decision-link">${esc(d.filingNo)}</a>`], ['事项', (d) => esc(d.matterCode)],
    ['状态', (d) => `<span data-testid="decision-state">${esc(decisionStates[d.status] ?? d.status)}</span>`],
    ['拟定意见', (d) => esc(verdict(d.proposedKind, d.proposedOutcome))], ['决定', (d) => (d.issuedAt ? esc(verdict(d.kind, d.outcome)) + (d.departed ? '（改变拟定意见）' : '') : '—')],
    ['陈述申辩期限', (d) => esc(period(d))], ['拟定时间', (d) => time(d.decidedAt)],
    ['整改', (d) => (d.kind !== 'ConditionallyTolerated' ? '' : d.rectifiedAt ? `已确认 ${time(d.rectifiedAt)}`
      : d.status === 'Active' && session().role === 'agency' ? `<button type="button" data-rectified="${esc(d.id)}" data-testid="rectified">确认整改（${esc(day(d.conditionDeadline))} 前）</button>` : '')],
  ], 'decisions');
}

function statementForm(d) {
  if (session().role !== 'enterprise' || d.status !== 'Proposed') return '';
  return `<form class="card" id="statement"><h2>陈述申辩</h2><p class="muted">请在 ${esc(period(d))} 前提出。您的意见将被记录并得到答复。</p>
    <label>陈述申辩意见<textarea name="text" data-testid="statement-text"></textarea></label><button data-testid="state-case">提交陈述申辩</button></form>`;
}

// The agency corrects a finding it recorded wrongly: every fact is stated again, nothing preselected.
function correctionForm(d) {
  if (session().role !== 'agency' || d.status === 'Revoked' || d.status === 'Superseded') return '';
  const choose = (name, testid, options) => `<select name="${name}" data-testid="${testid}"><option value="">请选择</option>${options.map(([v, t]) => `<option value="${v}">${t}</option>`).join('')}</select>`;
  return `<form class="card" id="supersede"><h2>更正检查发现</h2><p class="muted">更正后，本决定由按更正后事实重新拟定的决定取代，两者均予保留；新拟定的决定重新告知企业并经法制审核。</p>
    <div class="row"><div><label>检查事项编码<input name="matterCode" value="${esc(d.matterCode)}" data-testid="correct-matter"></label></div>
      <div><label>严重程度${choose('severity', 'correct-severity', [1, 2, 3, 4, 5].map((v) => [v, v]))}</label></div>
      <div><label>改正情况${choose('rectifiedOnTheSpot', 'correct-correction', [['true', '立行立改（当场改正）'], ['false', '限期改正']])}</label></div>
      <div><label>整改期限<input name="rectificationDeadline" type="date" data-testid="correct-deadline"></label></div>
      <div><label>危害后果${choose('harmCaused', 'correct-harm', [['false', '未造成危害后果'], ['true', '已造成危害后果']])}</label></div></div>
    <label>更正理由<textarea name="reason" data-testid="correct-reason"></textarea></label><button data-testid="supersede">更正并重新拟定</button></form>`;
}

function agencyForms(d) {
  if (session().role !== 'agency') return '';
  if (d.status === 'Stated') {
    return `<form class="card" id="answer"><h2>答复陈述申辩</h2><label>答复意见<textarea name="text" data-testid="answer-text"></textarea></label>
      <button data-testid="answer">提交答复</button></form>`;
  }
  if (d.status !== 'Proposed' && d.status !== 'Answered') return '';
  return `<form class="card" id="confirm"><h2>法制审核：同意拟定意见</h2><label>审核意见<textarea name="text" data-testid="review-opinion"></textarea></label>
      <button data-testid="confirm">同意并作出决定</button></form>
    <form class="card" id="depart"><h2>法制审核：改变拟定意见</h2>
      <div class="row"><div><label>改为<select name="kind" data-testid="depart-kind"><option value="">请选择</option>${Object.entries(kinds).map(([k, v]) => `<option value="${k}">${v}</option>`).join('')}</select></label></div>
        <div><label>处理方式<select name="outcome" data-testid="depart-outcome"><option value="">（不予容错的无须选择）</option>${Object.entries(outcomes).map(([k, v]) => `<option value="${k}">${v}</option>`).join('')}</select></label></div>
        <div><label>整改期限（附条件容错）<input name="conditionDeadline" type="date" data-testid="depart-deadline"></label></div></div>
      <label>改变理由<textarea name="reason" data-testid="depart-reason"></textarea></label>
      <button data-testid="depart">改变并作出决定</button></form>`;
}

export async function decisionPage(id) {
  const d = await get(`/api/tolerance/decisions/${encodeURIComponent(id)}`);
  render(`<h1>容错决定 ${esc(d.filingNo)}</h1><div id="outlet"></div>
    <section class="card"><p>状态：<b data-testid="decision-status">${esc(decisionStates[d.status] ?? d.status)}</b></p>
      <p>执法单位 ${agency(d.agencyCode)}；事项 ${esc(d.matterCode)}；依据 ${esc(d.legalBasis ?? '—')}</p>
      <h2>拟定意见：${esc(verdict(d.proposedKind, d.proposedOutcome))}</h2><p>${esc(d.proposalReasoning)}</p>
      <p>拟定时间 ${time(d.decidedAt)}；陈述申辩期限 ${esc(period(d))}</p>
      ${d.supersedes ? `<p><a href="#/decision/${esc(d.supersedes)}">查看被取代的原决定</a></p>` : ''}
      ${d.supersededBy ? `<p data-testid="superseded">${time(d.supersededAt)} 因更正检查发现被取代（理由：${esc(d.correctionReason)}）。<a href="#/decision/${esc(d.supersededBy)}">查看新拟定的决定</a></p>` : ''}</section>
    <section class="card"><h2>陈述申辩</h2>${d.statement ? `<p data-testid="statement">${esc(d.statement)}</p><p class="muted">${time(d.statedAt)}</p>` : '<p class="muted">企业尚未陈述申辩</p>'}
      ${d.answer ? `<h2>答复</h2><p data-testid="statement-answer">${esc(d.answer)}</p><p class="muted">${time(d.answeredAt)}</p>` : ''}</section>
    ${d.issuedAt ? `<section class="card"><h2>决定：${esc(verdict(d.kind, d.outcome))}${d.departed ? '（改变拟定意见）' : ''}</h2>
      <p>${d.departed ? '改变理由' : '审核意见'}：${esc(d.reviewOpinion)}</p><p data-testid="decision-reasoning" class="reasoning">${esc(d.reasoning)}</p>
      <p class="muted">作出时间 ${time(d.issuedAt)}${d.conditionDeadline ? `；整改期限 ${day(d.conditionDeadline)}` : ''}</p></section>` : ''}
    ${statementForm(d)}${agencyForms(d)}${correctionForm(d)}`);
  const step = (formId, path, body, message) => {
    const form = document.getElementById(formId);
    form?.addEventListener('submit', (e) => attempt('#outlet', async () => {
      e.preventDefault();
      await post(`/api/tolerance/decisions/${encodeURIComponent(id)}/${path}`, body(form));
      await decisionPage(id);
      done(message);
    }, form));
  };
  const text = (f) => ({ text: f.text.value });
  step('statement', 'statement', text, '陈述申辩已提交');
  step('answer', 'answer', text, '答复已提交');
  step('confirm', 'confirm', text, '已同意拟定意见，决定已作出');
  step('depart', 'depart', (f) => ({ kind: f.kind.value || null, outcome: f.outcome.value || null, conditionDeadline: f.conditionDeadline.value || null, reason: f.reason.value }), '已改变拟定意见，决定已作出');
  const flag = (v) => (v === 'true' ? true : v === 'false' ? false : null);
  const form = document.getElementById('supersede');
  form?.addEventListener('submit', (e) => attempt('#outlet', async () => {
    e.preventDefault();
    const next = await post(`/api/tolerance/decisions/${encodeURIComponent(id)}/supersede`, {
      matterCode: form.matterCode.value, severity: form.severity.value ? Number(form.severity.value) : null, rectifiedOnTheSpot: flag(form.rectifiedOnTheSpot.value),
      rectificationDeadline: form.rectificationDeadline.value || null, harmCaused: flag(form.harmCaused.value), reason: form.reason.value,
    });
    location.hash = `#/decision/${next.id}`;
    done('已更正，并按更正后事实重新拟定');
  }, form));
}
