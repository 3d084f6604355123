// 热点预警 (issue 14): the demo's planted hot spot (a restaurant's fumes in one community this week) is listed on the
// coordinator's workbench and on the dashboard as the API scores it, and its count opens the week's appeals behind it.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';

test('the coordinator sees this week\'s hot spot and opens the appeals behind it', async ({ page, api, login, waitFor, expectText, shot }) => {
  const report = await api('coordinator', 'GET', '/hotspots');
  const planted = report.items.find((h) => h.level === 'community' && h.category_name === '油烟污染');
  assert.ok(planted, `the demo plants a hot spot this week: ${JSON.stringify(report.items)}`);
  assert.ok(planted.count >= report.min_count && planted.score >= report.threshold);
  const lastWeek = new Date(Date.parse(report.week) - 7 * 86400_000).toISOString().slice(0, 10);
  assert.equal((await api('coordinator', 'GET', `/hotspots?week=${lastWeek}`)).items.length, 0, 'last week was quiet');

  await login(page, 'coordinator');
  const table = page.getByTestId('hotspots-table');
  const rows = table.locator('.el-table__body tr');
  await waitFor(async () => (await rows.count()) === report.items.length, { message: `${report.items.length} hot spots listed` });
  await expectText(table, planted.region_name);
  await shot(page, 'hotspots-workbench');

  // Its count opens the list of that week, community and category: as many appeals as the warning counts.
  const row = rows.filter({ hasText: planted.region_name });
  await row.getByTestId('hotspot-count').click();
  await waitFor(async () => page.url().includes('/appeals?'), { message: 'the appeal list' });
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('category_id'), String(planted.category_id));
  assert.equal(url.searchParams.get('region_id'), String(planted.region_id));
  const listed = await api('coordinator', 'GET', `/appeals?page_size=1&from=${report.week}&to=${report.week_end}` +
    `&region_id=${planted.region_id}&category_id=${planted.category_id}`);
  assert.equal(listed.total, planted.count, 'the list holds the appeals the warning counts');
  await expectText(page.getByTestId('list-total'), `共 ${planted.count} 件`);

  // The dashboard lists the same and marks the street's cell of the heat map.
  await page.goto('/dashboard');
  await waitFor(async () => (await page.getByTestId('hotspots-table').locator('.el-table__body tr').count()) === report.items.length,
    { message: 'the dashboard lists the hot spots' });
  await shot(page, 'hotspots-dashboard');
});

test('a registrar\'s workbench has no hot spots and the API refuses them', async ({ page, api, login, expectVisible, expectHidden }) => {
  await login(page, 'registrar');
  await expectVisible(page.getByTestId('queue-tabs'));
  await expectHidden(page.getByTestId('hotspots'));
  assert.equal((await api.raw('registrar', 'GET', '/hotspots')).status, 403);
});
