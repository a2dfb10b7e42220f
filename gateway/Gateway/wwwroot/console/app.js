// The console: one journey per role, in Chinese, over the platform's API through this gateway.
import { session, beginSignIn, completeSignIn, signOut, leavePage } from './api.js';
import { esc, render, sayProblem, focusHeading, readAgencies, roleNames } from './ui.js';
import * as office from './pages/office.js';
import * as agency from './pages/agency.js';
import * as enterprise from './pages/enterprise.js';
import * as admin from './pages/admin.js';
import { casesPage, casePage, retaliationPage } from './pages/cases.js';
import * as decisions from './pages/decisions.js';
import { todoPage } from './pages/todo.js';
import { auditPage } from './pages/audit.js';

const menus = {
  office: [['#/dashboard', '改革成效'], ['#/registry', '企业名录'], ['#/declarations', '计划申报'], ['#/consolidation', '计划合并'], ['#/filings', '检查备案'], ['#/cases', '监督案件'], ['#/rankings', '评议排名'], ['#/audit', '留痕查询']],
  agency: [['#/declare', '申报计划'], ['#/visits', '检查安排'], ['#/file', '检查备案'], ['#/record', '检查记录'], ['#/decisions', '容错决定'], ['#/cases', '案件办理'], ['#/ratings', '评价排名']],
  enterprise: [['#/ledger', '一企一账'], ['#/verify', '核验检查'], ['#/refuse', '拒绝并反映'], ['#/cards', '监督卡'], ['#/rate', '评价检查'], ['#/decisions', '容错决定']],
  leader: [['#/cases', '案件批示'], ['#/dashboard', '改革成效']],
  discipline: [['#/cases', '跟踪问效'], ['#/retaliation', '打击报复预警'], ['#/dashboard', '改革成效'], ['#/audit', '留痕查询']],
  admin: [['#/users', '用户管理'], ['#/new-user', '创建用户'], ['#/invitations', '企业邀请'], ['#/clients', '部门系统']],
};
// Every signed-in person starts at their to-do list (the landing page after sign-in) and changes their own password.
for (const menu of Object.values(menus)) {
  menu.unshift(['#/todo', '待办']);
  menu.push(['#/password', '修改密码']);
}

const routes = {
  dashboard: (p) => office.dashboardPage(p), registry: () => office.registryPage(), declarations: (p) => office.declarationsPage(p),
  consolidation: (p) => office.consolidationPage(p), run: (p, id) => office.runPage(p, id), filings: () => office.filingsPage(), rankings: (p) => office.rankingsPage(p),
  declare: () => agency.declarePage(), visits: (p) => agency.visitsPage(p), file: (j) => agency.filePage(j ? decodeURIComponent(j) : ''), record: () => agency.recordPage(),
  complete: (no) => agency.completePage(decodeURIComponent(no)), decisions: () => decisions.decisionsPage(), decision: (id) => decisions.decisionPage(id), ratings: (p) => agency.ratingsPage(p),
  ledger: (p) => enterprise.ledgerPage(p), verify: (c) => enterprise.verifyPage(c ?? ''), refuse: () => enterprise.refusePage(), cards: () => enterprise.cardsPage(),
  rate: () => enterprise.ratePage(), cases: () => casesPage(), case: (id) => casePage(id), retaliation: () => retaliationPage(),
  password: () => admin.ownPasswordPage(), todo: () => todoPage(),
};
// Pages for some roles only: another role's address of one shows that role's first page.
const adminRoutes = {
  users: () => admin.usersPage(), 'new-user': () => admin.newUserPage(), invitations: () => admin.invitationsPage(), clients: () => admin.clientsPage(),
};
const auditRoutes = { audit: () => auditPage() };
const ownRoutes = { admin: adminRoutes, office: auditRoutes, discipline: auditRoutes };

// Pages anyone may open, signed in or not: the QR code opens /console/verify?code=… at the gate; a one-time
// code sets a password at /console/password; an invitation letter names /console/invitation.
const query = () => new URLSearchParams(location.search);
const openPages = {
  '/console/verify': () => enterprise.verifyPage(query().get('code') ?? ''),
  '/console/password': () => admin.setPasswordPage(query().get('user') ?? ''),
  '/console/invitation': () => admin.claimPage(),
};
const openPage = () => (location.hash ? undefined : Object.entries(openPages).find(([path]) => location.pathname.startsWith(path))?.[1]);
const atTheGate = () => openPage() !== undefined;

/** Draws the page the address names for whoever is signed in. */
function draw(s) {
  if (atTheGate()) return openPage()();
  const [name, ...args] = location.hash.replace(/^#\/?/, '').split('/');
  const page = routes[name] ?? ownRoutes[s.role]?.[name] ?? (() => { location.hash = menus[s.role][0][0]; });
  return page(...args.filter(Boolean));
}

async function route() {
  leavePage();
  const s = session();
  document.getElementById('who').textContent = s ? `${s.name ?? s.user} · ${roleNames[s.role] ?? s.role}` : '';
  document.getElementById('signout').hidden = !s;
  document.getElementById('nav').innerHTML = s ? nav(s) : '';
  const hash = location.hash;
  // Not signed in: off to the gateway's sign-in page at once, and back to this page after.
  if (!s && !atTheGate()) {
    render('<h1>登录</h1><p class="muted">正在转到登录页…</p>');
    await beginSignIn(hash);
    return;
  }
  try {
    await readAgencies();
    await draw(s);
    // A slow page finishing after the user moved on must not stay on screen: show where they are.
    if (location.hash !== hash) { await route(); return; }
  } catch (e) {
    if (e.name === 'AbortError' || location.hash !== hash) return;   // left for another page, which draws itself
    if (e.status === 401) { await signOut(); await route(); return; }
    render('<h1>无法显示此页</h1><div id="outlet"></div>');
    sayProblem('#outlet', e);
  }
  document.querySelectorAll('nav a').forEach((a) => {
    if (location.hash.startsWith(a.getAttribute('href'))) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  focusHeading();
}

const nav = (s) => (menus[s.role] ?? []).map(([href, label]) => `<a href="${href}">${esc(label)}</a>`).join('');

/** Back from the sign-in page: the code is redeemed before anything is drawn. A sign-in that cannot be
 * completed says why, and offers to start again rather than looping. */
async function start() {
  try {
    const returnTo = await completeSignIn();
    if (returnTo !== null) history.replaceState(null, '', `/console/${returnTo || menus[session().role]?.[0][0] || ''}`);
  } catch (e) {
    render('<h1>登录未完成</h1><div id="outlet"></div><p><button id="again" data-testid="sign-in-again">重新登录</button></p>');
    sayProblem('#outlet', e);
    document.getElementById('again').addEventListener('click', () => beginSignIn(''));
    focusHeading();
    return;
  }
  await route();
}

document.getElementById('signout').addEventListener('click', async () => { await signOut(); history.replaceState(null, '', '/console/'); route(); });
window.addEventListener('hashchange', route);
start();
