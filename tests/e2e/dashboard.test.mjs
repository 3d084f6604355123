// 数据看板: the numbers follow the date range and the street filter as the API counts them; the trend
// switches between weeks and months; the export is the server's workbook with the API's ranking in it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from './lib/registry.mjs';
import { choose, click } from './lib/ui.mjs';

// The number in a stat card once it shows one.
async function statValue(page, waitFor, testId) {
  const value = page.getByTestId(testId).locator('.stat-value');
  return Number(await waitFor(async () => {
    const t = (await value.innerText()).trim();
    return /^\d+$/.test(t) && t;
  }, { message: `the number in ${testId}` }));
}

// Types a range into the el-date-picker and waits for the page's /metrics call with that range.
async function setRange(page, from, to) {
  const inputs = page.getByTestId('dashboard-range').locator('input');
  await inputs.nth(0).fill(from);
  await inputs.nth(1).fill(to);
  await inputs.nth(1).press('Enter');
  await page.keyboard.press('Escape');
  const answered = page.waitForResponse((r) => r.url().includes('/api/v1/metrics?') && r.url().includes(`from=${from}`) &&
    r.url().includes(`to=${to}`) && r.url().includes('group_by=department'));
  await click(page, 'dashboard-apply');
  assert.equal((await answered).status(), 200);
}

test('the totals follow the date range and the street as the API counts them', async ({ page, api, login, waitFor }) => {
  await login(page, 'supervisor');
  await page.goto('/dashboard');
  await statValue(page, waitFor, 'stat-total');

  const from = '2026-09-01';
  const to = '2026-10-31';
  await setRange(page, from, to);
  const period = await api('supervisor', 'GET', `/metrics?group_by=department&from=${from}&to=${to}`);
  await waitFor(async () => (await statValue(page, waitFor, 'stat-total')) === period.total.counts.total,
    { message: `the total for ${from}..${to} to be the API's ${period.total.counts.total}` });
  const all = await api('supervisor', 'GET', '/metrics?group_by=department&from=2020-01-01');
  assert.ok(period.total.counts.total < all.total.counts.total, 'the range holds fewer appeals than all time, so the filter shows');

  const regions = await api('supervisor', 'GET', '/regions');
  const street = regions.items.find((r) => r.code === 's02');
  await choose(page, 'dashboard-street', street.name);
  const answered = page.waitForResponse((r) => r.url().includes('/api/v1/rankings?') && r.url().includes(`region_id=${street.id}`));
  await click(page, 'dashboard-apply');
  await answered;
  const inStreet = await api('supervisor', 'GET', `/metrics?group_by=department&from=${from}&to=${to}&region_id=${street.id}`);
  assert.ok(inStreet.total.counts.total < period.total.counts.total, 'one street holds fewer appeals than the district');
  await waitFor(async () => (await statValue(page, waitFor, 'stat-total')) === inStreet.total.counts.total,
    { message: `the total of ${street.name} to be the API's ${inStreet.total.counts.total}` });
  const rows = page.getByTestId('ranking-table').locator('.el-table__body tr');
  const ranked = await api('supervisor', 'GET', `/rankings?kind=department&from=${from}&to=${to}&region_id=${street.id}`);
  await waitFor(async () => (await rows.count()) === ranked.items.length,
    { message: `the ranking to list the API's ${ranked.items.length} departments of the street` });
  // Supervision counts in each unit's row: the sweep's notices and the supervisors' own.
  const supervised = ranked.items.map((i) => `${i.counts.supervised} / ${i.counts.manually_supervised}`);
  await waitFor(async () => JSON.stringify(await rows.getByTestId('ranking-supervised').allInnerTexts()) === JSON.stringify(supervised),
    { message: `the 被督办 column to read the API's ${supervised.join(', ')}` });
});

test('the trend switches between weeks and months, one point for each', async ({ page, login, expectVisible }) => {
  await login(page, 'coordinator');
  await page.goto('/dashboard');
  await expectVisible(page.getByTestId('chart-trend'));
  const weekly = page.waitForResponse((r) => r.url().includes('/api/v1/metrics?') && r.url().includes('group_by=week'));
  await page.getByTestId('trend-by').getByText('按周').click();
  const body = await (await weekly).json();
  const { from, to } = body;
  // Every week of the period is there, in order, Monday to Monday.
  assert.ok(body.groups.length >= 20, `about 26 weeks in six months, got ${body.groups.length} (${from}..${to})`);
  for (let i = 1; i < body.groups.length; i++) {
    const gap = (Date.parse(body.groups[i].id) - Date.parse(body.groups[i - 1].id)) / 86_400_000;
    assert.equal(gap, 7, `weeks ${body.groups[i - 1].id} and ${body.groups[i].id} are a week apart`);
  }
  await expectVisible(page.getByTestId('chart-trend'));
  const monthly = page.waitForResponse((r) => r.url().includes('/api/v1/metrics?') && r.url().includes('group_by=month'));
  await page.getByTestId('trend-by').getByText('按月').click();
  assert.ok((await (await monthly).json()).groups.every((g) => /^\d{4}-\d{2}$/.test(g.id)));
});

test('the export downloads the server\'s workbook, holding the API\'s ranking', async ({ page, api, login, expectVisible }) => {
  await login(page, 'supervisor');
  await page.goto('/dashboard');
  await expectVisible(page.getByTestId('ranking-table').locator('.el-table__body tr').first());
  const downloading = page.waitForEvent('download');
  await click(page, 'dashboard-export');
  const file = await downloading;
  assert.match(file.suggestedFilename(), /^民声数据看板_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-e2e-xlsx-'));
  try {
    const saved = path.join(dir, 'dashboard.xlsx');
    await file.saveAs(saved);
    const unzip = (part) => execFileSync('unzip', ['-p', saved, part], { encoding: 'utf8' });
    const workbook = unzip('xl/workbook.xml');
    for (const sheet of ['部门排名', '按部门', '月度趋势', '街道×分类']) assert.ok(workbook.includes(`name="${sheet}"`), `sheet ${sheet}`);
    const strings = unzip('xl/sharedStrings.xml');
    const [from, to] = file.suggestedFilename().match(/\d{4}-\d{2}-\d{2}/g);
    const ranking = await api('supervisor', 'GET', `/rankings?kind=department&from=${from}&to=${to}`);
    assert.ok(ranking.items.length > 0);
    for (const item of ranking.items) assert.ok(strings.includes(`<t>${item.name}</t>`), `${item.name} is in the workbook`);
    assert.ok(strings.includes(`统计期间：${from} 至 ${to}`), 'the period is written on the sheets');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
