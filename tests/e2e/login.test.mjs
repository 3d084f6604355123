// Logging in: a wrong password, the staff layout by role, and a page a handler may not use.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { fill, fieldError } from './lib/ui.mjs';

test('a wrong password shows the error and stays on /login', async ({ page, expectText, expectHidden }) => {
  await page.goto('/login');
  await fill(page, 'login-username', 'admin');
  await fill(page, 'login-password', 'wrong-password');
  await page.getByTestId('login-submit').click();
  await expectText(page.getByTestId('login-error'), /用户名或密码|密码错误|错误/);
  assert.equal(new URL(page.url()).pathname, '/login');
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => localStorage.getItem(k)));
  assert.ok(!stored.some((k) => /token/i.test(k)), `no token is kept after a failed login (${stored})`);
  await expectHidden(page.getByTestId('side-menu'));
});

test('after five wrong passwords the login page says how long to wait, and the right one waits too', async ({ page, api, expectText, shot }) => {
  // registrar-s01 is used by no other browser test: its throttling disturbs nobody.
  await page.goto('/login');
  await fill(page, 'login-username', 'registrar-s01');
  for (let i = 1; i <= 5; i++) {
    await fill(page, 'login-password', `wrong-${i}`);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
    await page.getByTestId('login-submit').click();
    assert.equal((await answered).status(), 401, `wrong password ${i}`);
    await expectText(page.getByTestId('login-error'), /用户名或密码错误/);
  }
  await fill(page, 'login-password', 'demo12345');
  await page.getByTestId('login-submit').click();
  await expectText(page.getByTestId('login-error'), /登录失败次数较多，请 \d+ 秒后再试/);
  assert.equal(new URL(page.url()).pathname, '/login');
  await shot(page, 'login-throttled.png');
  const r = await api.raw(null, 'POST', '/auth/login', { username: 'registrar-s01', password: 'demo12345' });
  assert.equal(r.status, 429);
  assert.equal(r.body.error.code, 'login_throttled');
});

test('an empty username is refused next to the field', async ({ page, expectText }) => {
  await page.goto('/login');
  await fill(page, 'login-password', 'demo12345');
  await page.getByTestId('login-submit').click();
  await expectText(fieldError(page, 'login-username'), '请输入用户名');
  assert.equal(new URL(page.url()).pathname, '/login');
});

test('admin logs in and sees the workbench layout', async ({ page, login, expectText, expectVisible }) => {
  await login(page, 'admin');
  assert.equal(new URL(page.url()).pathname, '/workbench');
  await expectText(page.getByTestId('user-role'), '系统管理员');
  await expectVisible(page.getByTestId('side-menu'));
  await expectVisible(page.getByTestId('menu-workbench'));
  await expectVisible(page.getByTestId('menu-register'));
  await expectVisible(page.getByTestId('menu-dashboard'));
  await expectVisible(page.getByTestId('workbench'));

  // A reload keeps the session; logging out ends it, on the server too: the old token no longer works.
  await page.reload();
  await expectVisible(page.getByTestId('workbench'));
  const token = await page.evaluate(() => localStorage.getItem('minsheng.token'));
  assert.ok(token, 'the session token is kept in localStorage');
  const me = () => page.evaluate(async (t) => (await fetch('/api/v1/auth/me', { headers: { Authorization: `Bearer ${t}` } })).status, token);
  assert.equal(await me(), 200);
  await page.getByTestId('logout').click();
  await page.waitForURL('**/login');
  assert.equal(await me(), 401, 'the token still worked after logging out');
  await page.goto('/workbench');
  await page.waitForURL('**/login**');
});

test('a handler opening /appeals/new or /dashboard sees 403; the API refuses too', async ({ page, login, api, expectVisible, expectHidden }) => {
  await login(page, 'handler-housing');
  await expectVisible(page.getByTestId('menu-workbench'));
  await expectHidden(page.getByTestId('menu-register'), { what: 'the register menu for a handler' });

  await page.goto('/appeals/new');
  await expectVisible(page.getByTestId('forbidden'));
  assert.equal(new URL(page.url()).pathname, '/forbidden');
  await expectHidden(page.getByTestId('register-page'));

  // The dashboard is not for handlers either.
  await expectHidden(page.getByTestId('menu-dashboard'), { what: 'the dashboard menu for a handler' });
  await page.goto('/dashboard');
  await expectVisible(page.getByTestId('forbidden'));
  await expectHidden(page.getByTestId('dashboard'));

  const r = await api.raw('handler-housing', 'POST', '/appeals', {
    title: '处理人不能登记', content: '应被拒绝', channel: 'phone', region_id: 1, category_id: 1,
    appellant: { anonymous: true },
  });
  assert.equal(r.status, 403);
  assert.equal(r.body.error.code, 'forbidden');
});

test('a staff page without login goes to /login and back after it', async ({ page, expectVisible }) => {
  await page.goto('/appeals/1');
  await page.waitForURL('**/login?redirect=**');
  await fill(page, 'login-username', 'coordinator');
  await fill(page, 'login-password', 'demo12345');
  await page.getByTestId('login-submit').click();
  await page.waitForURL('**/appeals/1');
  await expectVisible(page.getByTestId('appeal-detail'));
});
