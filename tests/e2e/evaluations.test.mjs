// 评议测评: a street coordinator opens an evaluation meeting in the browser, enters a resident's paper form,
// a deputy fills in their own form, the coordinator closes the round; its results, the year's table with the
// bottom ones marked and the portal's public table show what the API computed.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { choose, chooseInCascader, click, clickAndConfirm, fill } from './lib/ui.mjs';

function rows(page, table) {
  return page.getByTestId(table).locator('.el-table__body-wrapper tbody tr');
}

// Clicks the `stars`-th star of every criterion of the unit `targetId` on the form.
async function score(page, targetId, criteria, stars) {
  for (let i = 0; i < criteria; i++) {
    await page.getByTestId(`rate-${targetId}-${i}`).locator('.el-rate__item').nth(stars - 1).click();
  }
}

test('a coordinator runs an evaluation meeting; a deputy scores; the bottom one is marked', async (h) => {
  const { page, api, login, newPage, waitFor, expectText, expectVisible, shot } = h;
  const title = `便民服务评议会 ${Date.now() % 100000}`;

  // --- the coordinator opens the round ---
  await login(page, 'coordinator-s01');
  await click(page, 'menu-evaluations');
  await page.waitForURL('**/evaluations**');
  await expectVisible(page.getByTestId('evaluation-table'));
  await click(page, 'evaluation-create');
  await expectVisible(page.getByTestId('evaluation-dialog'));
  await fill(page, 'evaluation-title', title);
  await page.getByTestId('evaluation-kind').getByText('评议会').click();
  await chooseInCascader(page, page.getByTestId('evaluation-region'), '东湖街道');
  await fill(page, 'evaluation-criteria', '办事效率、服务态度');
  await choose(page, 'evaluation-departments', '区水务局');
  await fill(page, 'evaluation-services', '街道图书馆、社区食堂');
  await shot(page, 'evaluation-create.png');
  await click(page, 'evaluation-save');
  await page.waitForURL(/\/evaluations\/\d+$/);
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  const round = await api('coordinator-s01', 'GET', `/evaluations/${id}`);
  assert.equal(round.title, title);
  assert.deepEqual(round.criteria, ['办事效率', '服务态度']);
  assert.deepEqual(round.targets.map((t) => t.name), ['区水务局', '街道图书馆', '社区食堂']);
  const [water, library, canteen] = round.targets.map((t) => t.id);
  await expectText(page.getByTestId('evaluation-title'), title);

  // A resident's paper form: water 4 stars, the library 5, the canteen 2.
  await expectVisible(page.getByTestId('evaluation-form'));
  await score(page, water, 2, 4);
  await score(page, library, 2, 5);
  await score(page, canteen, 2, 2);
  await click(page, 'evaluation-submit');
  await waitFor(async () => (await api('coordinator-s01', 'GET', `/evaluations/${id}`)).resident_forms === 1,
    { message: 'the resident form stored' });
  // The running results are the managers' (80, 100, 40).
  await waitFor(async () => (await rows(page, 'evaluation-results').count()) === 3, { message: '3 result rows' });
  await shot(page, 'evaluation-resident-form.png');

  // --- the street's deputy fills in their own form (the canteen left out: they do not know it) ---
  const deputy = await newPage();
  await login(deputy, 'deputy-s01');
  await click(deputy, 'menu-evaluations');
  await deputy.getByTestId('evaluation-link').filter({ hasText: title }).click();
  await deputy.waitForURL(`**/evaluations/${id}`);
  await expectVisible(deputy.getByTestId('evaluation-form'));
  await expectText(deputy.getByTestId('evaluation-results'), '评议结束后公布结果');
  await score(deputy, water, 2, 3);
  await score(deputy, library, 2, 4);
  await click(deputy, 'evaluation-submit');
  await expectText(deputy.getByTestId('evaluation'), '您已提交本次评议的评议表');
  await shot(deputy, 'evaluation-deputy.png');

  // --- the coordinator closes it: water (60 + 80) / 2 = 70, the library (80 + 100) / 2 = 90, the canteen 40 ---
  await page.reload();
  await clickAndConfirm(page, page.getByTestId('evaluation-close').first());
  await expectText(page.getByTestId('evaluation-state'), '已结束');
  const closed = await api('coordinator-s01', 'GET', `/evaluations/${id}`);
  const byName = Object.fromEntries(closed.results.map((r) => [r.name, r]));
  assert.equal(byName['区水务局'].score, 70);
  assert.equal(byName['街道图书馆'].score, 90);
  assert.equal(byName['社区食堂'].score, 40);
  assert.equal(byName['社区食堂'].standing.bottom, true);
  const resultRows = rows(page, 'evaluation-results');
  await waitFor(async () => (await resultRows.count()) === 3, { message: '3 result rows' });
  await expectText(resultRows.first(), '街道图书馆');
  await expectText(resultRows.nth(2), '末位');
  assert.equal(await page.getByTestId('evaluation-form').count(), 0, 'no form on a closed round');
  await shot(page, 'evaluation-closed.png');

  // --- the year's table: as the API ranks it, the bottom ones marked ---
  const table = await api('coordinator-s01', 'GET', '/evaluations/table?year=2026');
  await page.goto(`${h.baseURL}/evaluations?tab=table&year=2026`);
  await waitFor(async () => (await rows(page, 'evaluation-year-table').count()) === table.rows.length,
    { message: `${table.rows.length} units in the year's table` });
  assert.equal(await page.getByTestId('evaluation-bottom').count(), table.rows.filter((r) => r.bottom).length);
  await expectText(rows(page, 'evaluation-year-table').first(), table.rows[0].name);
  await shot(page, 'evaluation-year-table.png');

  // --- the portal publishes the same table ---
  const portal = await newPage();
  await portal.goto(`${h.baseURL}/portal/numbers`);
  await waitFor(async () => (await portal.getByTestId('evaluations-row').count()) === table.rows.length,
    { message: 'the public table' });
  await expectText(portal.getByTestId('evaluations-table'), '街道图书馆');
  await shot(portal, 'portal-evaluations.png');
});
