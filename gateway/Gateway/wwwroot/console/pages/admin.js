// 系统管理员: the county's own accounts. Users (find a page at a time, create, disable, enable, unlock,
// reset a password), invitations for the registry's enterprises, the agencies' own systems. A one-time
// code or a secret is shown once, in the answer that made it: nothing here can show it again.
import { get, post, api } from '../api.js';
import { esc, render, table, pagedTable, time, agency, attempt, done, formValues, roleNames, focusHeading } from '../ui.js';

// The roles an administrator gives, in the words of the console's menus.
const roles = ['office', 'leader', 'discipline', 'agency', 'enterprise', 'admin'];
const roleOptions = (selected = '') => roles.map((r) => `<option value="${r}"${r === selected ? ' selected' : ''}>${esc(roleNames[r])}</option>`).join('');

// Identifiers (user names, codes, client ids) are no language: translate="no" keeps them as typed.
const id = (v) => `<span translate="no">${esc(v)}</span>`;

/** Where a one-time code is used, as the person who receives it types it. */
const passwordAddress = (userName) => `${location.origin}/console/password?user=${encodeURIComponent(userName)}`;

function userState(u) {
  if (u.disabled) return '已停用';
  if (u.lockedUntil && new Date(u.lockedUntil) > new Date()) return `已锁定至 ${time(u.lockedUntil)}`;
  return u.hasPassword ? '正常' : '待设置密码';
}

const boundTo = (u) => (u.agencyCode ? agency(u.agencyCode) : u.creditCode ? id(u.creditCode) : '—');

/** The one-time code an administrator hands over, with where and until when it works. */
function codeCard(title, c) {
  return `<section class="card" data-testid="password-code-card"><h2>${esc(title)}</h2>
    <p>用户名 <b data-testid="code-user">${id(c.userName)}</b></p>
    <p>一次性设置码 <b data-testid="password-code">${id(c.code)}</b>（有效期至 ${time(c.expiresAt)}）</p>
    <p class="muted">设置码只显示这一次，请当面或通过安全渠道交给本人。本人在 <span translate="no">${esc(passwordAddress(c.userName))}</span>
      （登录页的“设置密码”）输入用户名、设置码和自己的新密码后即可登录；管理员不会知道其密码。</p></section>`;
}

export async function usersPage() {
  render(`<h1>用户管理</h1><div id="outlet"></div>
    <form class="card" id="search" role="search"><div class="row">
      <div><label>用户名或姓名<input name="search" maxlength="64" data-testid="user-search"></label></div>
      <div><label>角色<select name="role" data-testid="user-role"><option value="">全部角色</option>${roleOptions()}</select></label></div></div>
      <button data-testid="find-users">查询</button><a href="#/new-user">创建用户 →</a></form>
    <div id="secret"></div><div id="list"></div>`);
  const form = document.getElementById('search');
  const list = document.getElementById('list');
  const query = () => {
    const v = formValues(form);
    const q = new URLSearchParams();
    if (v.search.trim()) q.set('search', v.search.trim());
    if (v.role) q.set('role', v.role);
    return q.size ? `/admin/users?${q}` : '/admin/users';
  };
  const show = () => pagedTable(list, query(), [
    ['用户名', (u) => id(u.userName)], ['姓名', (u) => esc(u.displayName)], ['角色', (u) => esc(roleNames[u.role] ?? u.role)],
    ['所属单位或企业', boundTo], ['状态', (u) => `<span data-testid="user-state">${esc(userState(u))}</span>`],
    ['操作', (u) => [
      u.disabled ? ['enable', '启用'] : ['disable', '停用'],
      ...(u.lockedUntil ? [['unlock', '解锁']] : []),
      ['password-reset', '重置密码'],
    ].map(([action, label]) => `<button type="button" class="secondary" data-action="${action}" data-user="${esc(u.userName)}"
        aria-label="${esc(label)} ${esc(u.displayName)}" data-testid="${action}">${label}</button>`).join('')],
  ], 'users');
  // One listener for every page read on: the rows are drawn anew as pages are added.
  list.addEventListener('click', (e) => {
    const b = e.target.closest('[data-action]');
    if (!b) return;
    const { action, user } = b.dataset;
    attempt('#outlet', async () => {
      const answer = await post(`/admin/users/${encodeURIComponent(user)}/${action}`);
      document.getElementById('secret').innerHTML = action === 'password-reset' ? codeCard('密码已重置', answer) : '';
      await show();
      done({ enable: `已启用 ${user}`, disable: `已停用 ${user}，其登录已结束`, unlock: `已解锁 ${user}`, 'password-reset': `已重置 ${user} 的密码，原密码已失效；设置码见下方，只显示一次` }[action]);
    });
  });
  form.addEventListener('submit', (e) => { e.preventDefault(); attempt('#outlet', show, form); });
  await show();
}

export async function newUserPage() {
  const agencies = await get('/api/planning/agencies');
  render(`<h1>创建用户</h1><div id="outlet"></div>
    <form class="card" id="new-user">
      <div class="row"><div><label>用户名<input name="userName" required maxlength="64" autocomplete="off" data-testid="new-user-name"></label>
          <p class="muted">3 至 64 位小写字母、数字或 . - _，以字母或数字开头。</p></div>
        <div><label>姓名（显示名称）<input name="displayName" required maxlength="100" data-testid="new-user-display"></label></div>
        <div><label>角色<select name="role" data-testid="new-user-role">${roleOptions('office')}</select></label></div></div>
      <div id="for-agency" hidden><label>所属执法单位<select name="agencyCode" data-testid="new-user-agency">
        ${agencies.map((a) => `<option value="${esc(a.code)}">${esc(a.name)}（${esc(a.code)}）</option>`).join('')}</select></label></div>
      <div id="for-enterprise" hidden><label>企业统一社会信用代码<input name="creditCode" maxlength="18" autocomplete="off" data-testid="new-user-credit-code"></label></div>
      <button data-testid="create-user">创建</button>
    </form><div id="created"></div>`);
  const form = document.getElementById('new-user');
  // Only agency staff are bound to an agency, only an enterprise's users to a credit code.
  const bind = () => {
    for (const [box, role] of [['for-agency', 'agency'], ['for-enterprise', 'enterprise']]) {
      const shown = form.role.value === role;
      document.getElementById(box).hidden = !shown;
      document.getElementById(box).querySelectorAll('select, input').forEach((f) => { f.disabled = !shown; });
    }
  };
  form.role.addEventListener('change', bind);
  bind();
  form.addEventListener('submit', (e) => attempt('#outlet', async () => {
    e.preventDefault();
    const v = formValues(form);
    const created = await post('/admin/users', {
      userName: v.userName.trim(), displayName: v.displayName, role: v.role, agencyCode: v.agencyCode ?? null, creditCode: v.creditCode?.trim() || null,
    });
    form.reset();
    bind();
    document.getElementById('created').innerHTML = codeCard(`已创建 ${created.user.displayName}`, created.passwordCode);
    done(`已创建用户 ${created.user.userName}；设置码见下方，只显示一次`);
  }, form));
}

export function invitationsPage() {
  render(`<h1>企业邀请</h1><p class="muted">为企业名录中的企业生成邀请码。企业凭邀请码和统一社会信用代码自行注册账户、设置密码；邀请码只能使用一次。</p>
    <div id="outlet"></div>
    <form class="card" id="invite"><label>企业统一社会信用代码<input name="creditCode" required maxlength="18" autocomplete="off" data-testid="invite-credit-code"></label>
      <button data-testid="invite">生成邀请码</button></form><div id="invitation"></div>`);
  const form = document.getElementById('invite');
  form.addEventListener('submit', (e) => attempt('#outlet', async () => {
    e.preventDefault();
    const i = await post('/admin/invitations', { creditCode: formValues(form).creditCode.trim() });
    form.reset();
    // The letter as it is printed: only this section shows on paper (app.css, @media print).
    document.getElementById('invitation').innerHTML = `<section class="card printable" data-testid="invitation-letter">
      <h2>园区企业账户邀请函</h2><p>${esc(i.enterpriseName)}：</p>
      <p>统一社会信用代码 <b>${id(i.creditCode)}</b></p>
      <p>邀请码 <b data-testid="invitation-code">${id(i.code)}</b></p><p>有效期至 ${time(i.expiresAt)}，只能使用一次。</p>
      <p>请访问 <span translate="no">${esc(location.origin)}/console/invitation</span>，输入邀请码和统一社会信用代码，自行设置用户名和密码，即可登录园区执法"瘦身"改革管理平台。</p>
      <p class="no-print"><button type="button" id="print" class="secondary" data-testid="print-invitation">打印邀请函</button></p></section>`;
    document.getElementById('print').addEventListener('click', () => window.print());
    done(`已为 ${i.enterpriseName} 生成邀请码，只显示一次`);
  }, form));
}

export async function clientsPage() {
  const [clients, agencies] = await Promise.all([get('/admin/agency-clients'), get('/api/planning/agencies')]);
  const without = agencies.filter((a) => !clients.some((c) => c.agencyCode === a.code));
  render(`<h1>部门系统</h1><p class="muted">执法单位自己的业务系统以客户端凭证调用平台接口。密钥只在创建或轮换时显示一次；轮换后旧密钥在过渡期内仍可使用。</p>
    <div id="outlet"></div><div id="secret"></div>
    ${table(clients, [
      ['客户端标识', (c) => id(c.clientId)], ['执法单位', (c) => agency(c.agencyCode)], ['旧密钥有效至', (c) => time(c.previousSecretValidUntil)],
    ], 'agency-clients')}
    <form class="card" id="create-client"><h2>创建部门系统</h2>
      ${without.length ? `<label>执法单位<select name="agencyCode" data-testid="client-agency">${without.map((a) => `<option value="${esc(a.code)}">${esc(a.name)}（${esc(a.code)}）</option>`).join('')}</select></label>
      <button data-testid="create-client">创建并生成密钥</button>` : '<p class="muted">每个执法单位都已有部门系统；吊销后可重新创建。</p>'}</form>
    <form class="card" id="manage-client"><h2>轮换或吊销</h2>
      <div class="row"><div><label>部门系统<select name="clientId" data-testid="manage-client">${clients.map((c) => `<option value="${esc(c.clientId)}">${esc(c.displayName)}</option>`).join('')}</select></label></div>
        <div><label>旧密钥过渡期（小时，空为默认）<input name="overlapHours" type="number" min="0" max="2160" data-testid="overlap-hours"></label></div></div>
      <label><input type="checkbox" name="confirmRevoke" class="inline" data-testid="confirm-revoke"> 确认吊销：该系统的密钥和令牌立即失效</label>
      <button data-testid="rotate"${clients.length ? '' : ' disabled'}>轮换密钥</button>
      <button type="button" class="secondary" id="revoke" data-testid="revoke"${clients.length ? '' : ' disabled'}>吊销</button></form>`);
  const secret = (s) => `<section class="card" data-testid="client-secret-card"><h2>请立即保存密钥</h2>
    <p>客户端标识 <b>${id(s.clientId)}</b></p><p>密钥 <b data-testid="client-secret">${id(s.clientSecret)}</b></p>
    ${s.previousSecretValidUntil ? `<p>旧密钥有效至 ${time(s.previousSecretValidUntil)}</p>` : ''}
    <p class="muted">密钥只显示这一次，请通过安全渠道交给该单位，配置到其系统中。</p></section>`;
  const create = document.getElementById('create-client');
  create.addEventListener('submit', (e) => attempt('#outlet', async () => {
    e.preventDefault();
    const s = await post('/admin/agency-clients', { agencyCode: formValues(create).agencyCode });
    await clientsPage();
    document.getElementById('secret').innerHTML = secret(s);
    done(`已创建 ${s.clientId}；密钥见下方，只显示一次`);
  }, create));
  const manage = document.getElementById('manage-client');
  manage.addEventListener('submit', (e) => attempt('#outlet', async () => {
    e.preventDefault();
    const v = formValues(manage);
    const s = await post(`/admin/agency-clients/${encodeURIComponent(v.clientId)}/secret`, { overlapHours: v.overlapHours === '' ? null : Number(v.overlapHours) });
    await clientsPage();
    document.getElementById('secret').innerHTML = secret(s);
    done(`已轮换 ${s.clientId} 的密钥；新密钥见下方，只显示一次`);
  }, manage));
  document.getElementById('revoke').addEventListener('click', () => attempt('#outlet', async () => {
    if (!manage.confirmRevoke.checked) throw new Error('吊销前请勾选“确认吊销”。');
    const clientId = manage.clientId.value;
    await api('DELETE', `/admin/agency-clients/${encodeURIComponent(clientId)}`);
    await clientsPage();
    done(`已吊销 ${clientId}，其令牌已失效`);
  }, manage));
}

/** Every signed-in person's own password: the current one, then the new one twice. */
export function ownPasswordPage() {
  render(`<h1>修改密码</h1><p class="muted">新密码至少 12 位，不能是常见密码或包含用户名。修改后，您在其他设备或浏览器上的登录将被退出。</p>
    <div id="outlet"></div>
    <form class="card" id="own-password">
      <label>当前密码<input name="currentPassword" type="password" required autocomplete="current-password" data-testid="current-password"></label>
      <label>新密码<input name="newPassword" type="password" required minlength="12" autocomplete="new-password" data-testid="new-password"></label>
      <label>再次输入新密码<input name="again" type="password" required autocomplete="new-password" data-testid="new-password-again"></label>
      <button data-testid="change-password">修改密码</button></form>`);
  const form = document.getElementById('own-password');
  form.addEventListener('submit', (e) => attempt('#outlet', async () => {
    e.preventDefault();
    const v = formValues(form);
    if (v.newPassword !== v.again) throw new Error('两次输入的新密码不一致。');
    await post('/account/password/change', { currentPassword: v.currentPassword, newPassword: v.newPassword });
    form.reset();
    done('密码已修改，其他设备上的登录已退出。');
  }, form));
}

/** Without signing in: the person sets their password with the one-time code an administrator handed over. */
export function setPasswordPage(userName = '') {
  render(`<h1>设置密码</h1><p class="muted">首次登录或密码被重置后，请输入管理员交给您的一次性设置码，设置自己的密码。新密码至少 12 位，不能是常见密码或包含用户名。</p>
    <div id="outlet"></div>
    <form class="card" id="set-password">
      <label>用户名<input name="userName" required maxlength="64" autocomplete="username" value="${esc(userName)}" data-testid="set-user-name"></label>
      <label>一次性设置码<input name="code" required maxlength="40" autocomplete="one-time-code" placeholder="如 ABCD-EFGH-JKLM-NPQR-STUV" data-testid="set-code"></label>
      <label>新密码<input name="password" type="password" required minlength="12" autocomplete="new-password" data-testid="set-password"></label>
      <label>再次输入新密码<input name="again" type="password" required autocomplete="new-password" data-testid="set-password-again"></label>
      <button data-testid="set-password-submit">设置密码</button></form>`);
  const form = document.getElementById('set-password');
  form.addEventListener('submit', (e) => attempt('#outlet', async () => {
    e.preventDefault();
    const v = formValues(form);
    if (v.password !== v.again) throw new Error('两次输入的新密码不一致。');
    await post('/account/password', { userName: v.userName.trim(), code: v.code.trim(), password: v.password });
    render(`<h1>密码已设置</h1><p data-testid="password-set">密码已设置，请使用新密码登录。</p><p><a href="/console/" data-testid="go-sign-in">前往登录 →</a></p>`);
    done('密码已设置');
    focusHeading();
  }, form));
}

/** Without signing in: an enterprise's person claims the invitation the office printed. */
export function claimPage() {
  render(`<h1>企业账户注册</h1><p class="muted">请输入邀请函上的邀请码和本企业的统一社会信用代码，并设置用户名和密码。</p>
    <div id="outlet"></div>
    <form class="card" id="claim">
      <label>邀请码<input name="invitationCode" required maxlength="40" autocomplete="off" data-testid="claim-code"></label>
      <label>统一社会信用代码<input name="creditCode" required maxlength="18" autocomplete="off" data-testid="claim-credit-code"></label>
      <label>用户名<input name="userName" required maxlength="64" autocomplete="username" data-testid="claim-user-name"></label>
      <label>姓名<input name="displayName" required maxlength="100" autocomplete="name" data-testid="claim-display"></label>
      <label>密码<input name="password" type="password" required minlength="12" autocomplete="new-password" data-testid="claim-password"></label>
      <button data-testid="claim">注册</button></form>`);
  const form = document.getElementById('claim');
  form.addEventListener('submit', (e) => attempt('#outlet', async () => {
    e.preventDefault();
    const v = formValues(form);
    await post('/account/invitation', { invitationCode: v.invitationCode.trim(), creditCode: v.creditCode.trim(), userName: v.userName.trim(), displayName: v.displayName, password: v.password });
    render('<h1>注册完成</h1><p>企业账户已创建，请使用刚才设置的用户名和密码登录。</p><p><a href="/console/">前往登录 →</a></p>');
    done('注册完成');
    focusHeading();
  }, form));
}
