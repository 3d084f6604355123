// 系统管理: the admin adds a user who can then log in; missing and duplicate fields are refused;
// nobody else may open the page.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { choose, click, clickAndConfirm, fill, fieldError } from './lib/ui.mjs';

async function openUserDialog(page, expectVisible) {
  await click(page, 'menu-admin');
  await page.waitForURL('**/admin**');
  await expectVisible(page.getByTestId('users-table'));
  await click(page, 'user-add');
  await expectVisible(page.getByTestId('field-username'));
}

test('the admin adds a handler of the water bureau, who then logs in with their password', async (h) => {
  const { page, api, login, newPage, expectText, expectVisible, expectHidden, waitFor } = h;
  await login(page, 'admin');
  await openUserDialog(page, expectVisible);
  await fill(page, 'field-username', 'e2e-handler-water');
  await fill(page, 'field-password', 'water-pass-2026');
  await fill(page, 'field-display_name', '孙工（区水务局）');
  await choose(page, 'field-role', '职能部门');
  await choose(page, 'field-department_id', '区水务局');
  await click(page, 'user-save');
  await expectHidden(page.getByTestId('field-username'), { what: 'the dialog closing' });
  await expectVisible(page.getByTestId('users-table').locator('tr', { hasText: 'e2e-handler-water' }));

  const users = await api('admin', 'GET', '/users?role=handler');
  const created = users.items.find((u) => u.username === 'e2e-handler-water');
  assert.ok(created, 'the API has the new user');
  const water = (await api('admin', 'GET', '/departments')).items.find((d) => d.code === 'water');
  assert.equal(created.department_id, water.id);

  const other = await newPage();
  await login(other, 'e2e-handler-water', 'water-pass-2026');
  await expectText(other.getByTestId('user-name'), '孙工');
  await expectVisible(other.getByTestId('menu-supervision'));
  await expectHidden(other.getByTestId('menu-admin'));
  await waitFor(async () => (await other.getByTestId('workbench').count()) > 0, { message: 'the workbench' });
});

test('the user dialog names missing fields and refuses a taken username', async ({ page, login, expectText, expectVisible }) => {
  await login(page, 'admin');
  await openUserDialog(page, expectVisible);
  await click(page, 'user-save');
  await expectText(fieldError(page, 'field-username'), '请填写用户名');
  await expectText(fieldError(page, 'field-password'), '请填写初始密码');
  await expectText(fieldError(page, 'field-display_name'), '请填写姓名');

  await fill(page, 'field-username', 'registrar'); // a demo user
  await fill(page, 'field-password', 'another-pass-1');
  await fill(page, 'field-display_name', '重名测试');
  await click(page, 'user-save');
  // The API answers 409 already_exists naming `username`: the error stands under that field.
  await expectText(fieldError(page, 'field-username'), '用户名 registrar 已存在');
  await expectVisible(page.getByTestId('field-username'), { what: 'the dialog staying open' });
});

test('only the admin may open 系统管理', async ({ page, login, api, expectVisible, expectHidden }) => {
  await login(page, 'coordinator');
  await expectHidden(page.getByTestId('menu-admin'));
  await page.goto('/admin');
  await expectVisible(page.getByTestId('forbidden'));
  await expectHidden(page.getByTestId('admin'));
  const r = await api.raw('coordinator', 'GET', '/users');
  assert.equal(r.status, 403);
});

// The users tab's table rows, and the row of one username.
function userRows(page) {
  return page.getByTestId('users-table').locator('.el-table__body tr');
}
function userRow(page, username) {
  return userRows(page).filter({ has: page.locator('td', { hasText: new RegExp(`^\\s*${username}\\s*$`) }) });
}

async function loginStatus(api, username, password) {
  return (await api.raw(null, 'POST', '/auth/login', { username, password })).status;
}

test('the users list filters by role and department on the server and by a keyword on the page', async (h) => {
  const { page, api, login, waitFor, expectVisible } = h;
  const water = (await api('admin', 'GET', '/departments')).items.find((d) => d.code === 'water');
  await login(page, 'admin');
  await click(page, 'menu-admin');
  const all = (await api('admin', 'GET', '/users')).items;
  await waitFor(async () => (await userRows(page).count()) === all.length, { message: `${all.length} users` });

  const handlers = (await api('admin', 'GET', '/users?role=handler')).items;
  await choose(page, 'users-role', '职能部门');
  await waitFor(async () => (await userRows(page).count()) === handlers.length, { message: `${handlers.length} handlers` });

  const waterHandlers = (await api('admin', 'GET', `/users?role=handler&department_id=${water.id}`)).items;
  assert.ok(waterHandlers.length > 0 && waterHandlers.length < handlers.length);
  await choose(page, 'users-department', water.name);
  await waitFor(async () => (await userRows(page).count()) === waterHandlers.length, { message: `${waterHandlers.length} water handlers` });
  for (const u of waterHandlers) await expectVisible(userRow(page, u.username));

  // The keyword narrows what the server sent: here the handlers of the water bureau named like the demo one.
  await fill(page, 'users-keyword', 'handler-water');
  const named = waterHandlers.filter((u) => [u.username, u.display_name, u.phone].some((t) => (t || '').includes('handler-water')));
  await waitFor(async () => (await userRows(page).count()) === named.length, { message: `${named.length} after the keyword` });
  await fill(page, 'users-keyword', 'nobody-has-this-name');
  await expectVisible(page.getByTestId('users-empty'));
});

test('a deactivated user is signed out and cannot log in or be picked; reactivated, they can log in again', async (h) => {
  const { page, api, login, newPage, waitFor, expectVisible, expectHidden } = h;
  const district = (await api('admin', 'GET', '/regions')).items.find((r) => r.parent_id == null);
  const username = 'e2e-leader-leaving';
  const password = 'leaving-pass-1';
  await api('admin', 'POST', '/users', { username, password, display_name: '离任领导', role: 'leader', region_id: district.id });
  // The pick list names people, without their logins or phones.
  const pickable = async () => (await api('coordinator', 'GET', '/users?role=leader')).items.some((u) => u.display_name === '离任领导');
  assert.ok(await pickable(), 'an active leader can be picked');

  const theirs = await newPage();
  await login(theirs, username, password);
  await expectVisible(theirs.getByTestId('workbench'));
  const token = await theirs.evaluate(() => localStorage.getItem('minsheng.token'));

  await login(page, 'admin');
  await click(page, 'menu-admin');
  await fill(page, 'users-keyword', username);
  const row = userRow(page, username);
  await expectVisible(row);
  await clickAndConfirm(page, row.getByTestId('user-toggle'));
  await expectVisible(row.getByTestId('user-inactive'));

  const listed = (await api('admin', 'GET', '/users?role=leader')).items.find((u) => u.username === username);
  assert.equal(listed.active, false, 'the API has the user inactive');
  assert.equal(await pickable(), false, 'an inactive leader is not offered to the coordinator');
  const refused = await api.raw(null, 'POST', '/auth/login', { username, password });
  assert.equal(refused.status, 401);
  assert.equal(refused.body.error.code, 'invalid_credentials');
  // Their session ends (a token cached by another server may live a few seconds longer).
  await waitFor(async () => (await fetch(`${h.baseURL}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } })).status === 401,
    { timeout: 40_000, message: 'the old token refused' });
  await theirs.reload();
  await theirs.waitForURL('**/login**');

  await fill(page, 'users-keyword', 'e2e-');
  await expectVisible(row);
  await h.shot(page, 'admin-users.png');

  // Hidden while 显示已停用 is off.
  await fill(page, 'users-keyword', username);
  await click(page, 'users-show-inactive');
  await expectVisible(page.getByTestId('users-empty'));
  await click(page, 'users-show-inactive');
  await expectVisible(row);

  // The admin cannot deactivate themselves.
  await fill(page, 'users-keyword', 'admin');
  assert.ok(await userRow(page, 'admin').getByTestId('user-toggle').isDisabled(), 'no 停用 on the own account');

  await fill(page, 'users-keyword', username);
  await clickAndConfirm(page, row.getByTestId('user-toggle'));
  await expectHidden(row.getByTestId('user-inactive'), { what: 'the 已停用 tag gone' });
  assert.equal(await loginStatus(api, username, password), 200, 'they log in again');
  assert.ok(await pickable(), 'and can be picked again');
});

test('the admin resets a password that works at once, and edits a user into a handler', async (h) => {
  const { page, api, login, expectText, expectVisible, expectHidden } = h;
  const refs = (await api('admin', 'GET', '/departments')).items;
  const health = refs.find((d) => d.code === 'health');
  const district = (await api('admin', 'GET', '/regions')).items.find((r) => r.parent_id == null);
  const username = 'e2e-forgetful';
  await api('admin', 'POST', '/users', { username, password: 'old-pass-123', display_name: '健忘的登记员', role: 'registrar', region_id: district.id });

  await login(page, 'admin');
  await click(page, 'menu-admin');
  await fill(page, 'users-keyword', username);
  const row = userRow(page, username);
  await row.getByTestId('user-password').click();
  await fill(page, 'password-new', 'short');
  await click(page, 'password-save');
  await expectText(fieldError(page, 'password-new'), '密码至少 8 位');
  await fill(page, 'password-new', 'new-pass-2026');
  await click(page, 'password-save');
  await expectHidden(page.getByTestId('password-new'), { what: 'the password dialog closing' });
  assert.equal(await loginStatus(api, username, 'new-pass-2026'), 200, 'the new password works');
  assert.equal(await loginStatus(api, username, 'old-pass-123'), 401, 'the old one no longer does');

  // Edit: a handler needs a department (named under its field), then the change is saved.
  await row.getByTestId('user-edit').click();
  await expectVisible(page.getByTestId('field-display_name'));
  await fill(page, 'field-display_name', '记性变好的卫健委员工');
  await choose(page, 'field-role', '职能部门');
  await click(page, 'user-save');
  await expectText(fieldError(page, 'field-department_id'), '职能部门用户需选择所属部门');
  await choose(page, 'field-department_id', health.name);
  await click(page, 'user-save');
  await expectHidden(page.getByTestId('field-display_name'), { what: 'the edit dialog closing' });
  const saved = (await api('admin', 'GET', '/users?role=handler')).items.find((u) => u.username === username);
  assert.ok(saved, 'now a handler');
  assert.equal(saved.department_id, health.id);
  assert.equal(saved.display_name, '记性变好的卫健委员工');
  await expectText(row, '记性变好的卫健委员工');

  // The API's refusal stands under the field it names: the admin cannot change their own role.
  await fill(page, 'users-keyword', 'admin');
  await userRow(page, 'admin').getByTestId('user-edit').click();
  await choose(page, 'field-role', '登记员');
  await click(page, 'user-save');
  await expectText(fieldError(page, 'field-role'), '不能修改自己的角色');
  const me = (await api('admin', 'GET', '/users?role=admin')).items.find((u) => u.username === 'admin');
  assert.equal(me.role, 'admin');
});
