// 系统管理: the admin adds a user who can then log in; missing and duplicate fields are refused;
// nobody else may open the page.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { choose, click, fill, fieldError } from './lib/ui.mjs';

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
