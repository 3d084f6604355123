// 我的待办: the counts per state on the tabs, the overdue tab, and server-side pagination match the API.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { click } from './lib/ui.mjs';

const ADMIN_STATES = ['received', 'returned', 'reopened', 'dispatched', 'accepted', 'in_progress', 'replied'];

async function badge(page, testId) {
  const b = page.getByTestId(testId).locator('.el-badge__content');
  return (await b.count()) ? Number((await b.first().innerText()).trim()) : 0;
}

test('the admin queue counts each state and the overdue ones as the API does', async ({ page, api, login, waitFor, expectVisible }) => {
  const expected = {};
  for (const s of ADMIN_STATES) expected[s] = (await api('admin', 'GET', `/appeals?status=${s}&page_size=1`)).total;
  const overdue = (await api('admin', 'GET', '/appeals?overdue=true&page_size=1')).total;
  assert.ok(Object.values(expected).some((n) => n > 0) && overdue > 0, 'the demo fills some states');

  await login(page, 'admin');
  await expectVisible(page.getByTestId('queue-tabs'));
  await waitFor(async () => (await badge(page, 'tab-overdue')) === overdue, { message: `overdue badge ${overdue}` });
  for (const s of ADMIN_STATES) assert.equal(await badge(page, `tab-${s}`), expected[s], `badge of ${s}`);

  // The overdue tab lists them (the first page of them).
  await click(page, 'tab-overdue');
  const rows = page.getByTestId('queue-table').locator('.el-table__body tr');
  await waitFor(async () => (await rows.count()) === Math.min(overdue, 20), { message: `${overdue} overdue rows` });
});

test('the whole list pages on the server, 20 a page', async ({ page, api, login, waitFor, expectText }) => {
  // The queue asks for the work order (sort=due): the page must show the API's second page in that order.
  const all = await api('admin', 'GET', '/appeals?sort=due&page_size=20&page=2');
  assert.ok(all.total > 20, 'more than one page');
  await login(page, 'admin');
  await page.goto('/workbench?tab=all');
  await expectText(page.getByTestId('queue-pagination'), `共 ${all.total} 条`);
  const links = page.getByTestId('appeal-link');
  await waitFor(async () => (await links.count()) === 20, { message: '20 rows on page 1' });

  // Page 2: exactly the API's second page, in its order.
  const requests = [];
  page.on('request', (r) => { if (r.url().includes('/api/v1/appeals?')) requests.push(new URL(r.url()).searchParams); });
  await page.getByTestId('queue-pagination').locator('.btn-next').click();
  await waitFor(async () => requests.some((q) => q.get('page') === '2'), { message: 'a request for page 2' });
  const codes = page.getByTestId('queue-table').locator('.el-table__body tr .mono');
  await waitFor(async () => {
    const shown = (await codes.allInnerTexts()).map((t) => t.trim());
    return shown.join(',') === all.items.map((a) => a.receipt_code).join(',');
  }, { message: 'the rows of page 2, in order' });
  assert.ok(requests.every((q) => q.get('sort') === 'due'), 'the queue asks for sort=due');
});
