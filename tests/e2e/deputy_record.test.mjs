// 履职档案 and 月度通报: a deputy opens their own record from 代表履职, sees the year's figures as the API
// counts them, records the proposal the five ones miss; a coordinator reads the street's monthly bulletin.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { click, fill } from './lib/ui.mjs';

test('a deputy reads their record and records the missing proposal', async (h) => {
  const { page, api, login, waitFor, expectVisible, expectText, shot } = h;
  const me = await api('deputy-s01', 'GET', '/auth/me');
  const record = await api('deputy-s01', 'GET', `/deputies/${me.id}/record`);
  assert.ok(record.five_ones.missing.includes('proposal'), 'the demo leaves deputy-s01 without a proposal');

  await login(page, 'deputy-s01');
  await click(page, 'menu-deputies');
  await page.getByTestId('deputy-name').filter({ hasText: '郭文' }).first().click();
  await page.waitForURL(`**/deputies/${me.id}/record**`);
  await expectVisible(page.getByTestId('deputy-record'));
  await expectText(page.getByTestId('rec-name'), /郭文/);
  for (const [test_id, value] of [['rec-receptions', record.field_work.receptions], ['rec-visits', record.field_work.visits],
    ['rec-followed', record.cases.followed], ['rec-relayed', record.cases.relayed_only],
    ['rec-shifts-due', record.duty.shifts_due], ['rec-absent', record.duty.absent]]) {
    await expectText(page.getByTestId(test_id), String(value));
  }
  await expectText(page.getByTestId('five-ones-state'), `尚缺 ${record.five_ones.missing.length} 项`);
  await shot(page, 'deputy-record.png');

  await click(page, 'five-one-add-proposal');
  await expectVisible(page.getByTestId('activity-dialog'));
  await fill(page, 'activity-title', '关于增设社区充电桩的建议');
  await page.locator('[data-test="activity-date"] input, input[data-test="activity-date"]').first().fill('2026-11-17');
  await page.keyboard.press('Enter');
  await click(page, 'activity-save');
  await waitFor(async () => (await api('deputy-s01', 'GET', `/deputies/${me.id}/record`)).five_ones.missing.length ===
    record.five_ones.missing.length - 1, { message: 'the proposal recorded' });
  await expectText(page.getByTestId('five-ones-state'),
    record.five_ones.missing.length - 1 === 0 ? '已完成' : `尚缺 ${record.five_ones.missing.length - 1} 项`);
  await expectVisible(page.getByTestId('activities-table').getByText('关于增设社区充电桩的建议'));
});

test('a coordinator reads the street\'s monthly bulletin, ranked', async (h) => {
  const { page, api, login, waitFor, expectVisible, shot } = h;
  const bulletin = await api('coordinator-s01', 'GET', '/bulletins');
  assert.ok(bulletin.items.length > 0, 'street 1 has deputies');
  await login(page, 'coordinator-s01');
  await page.goto('/deputies');
  const card = page.getByTestId('region-bulletin');
  await expectVisible(card);
  await waitFor(async () => (await page.getByTestId('bulletin-name').count()) === bulletin.items.length,
    { message: `${bulletin.items.length} deputies ranked` });
  const names = (await page.getByTestId('bulletin-name').allInnerTexts()).map((t) => t.trim());
  assert.deepEqual(names, bulletin.items.map((r) => r.name));
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'bulletin.png');

  // A studio's own bulletin, on its page's 月度通报 tab.
  const studio = (await api('coordinator-s01', 'GET', '/studios')).items[0];
  const theirs = await api('coordinator-s01', 'GET', `/studios/${studio.id}/bulletin`);
  await page.goto(`/studios/${studio.id}`);
  await page.getByTestId('tab-bulletin').click();
  const table = page.getByTestId('bulletin-table');
  await expectVisible(table);
  await waitFor(async () => (await table.getByTestId('bulletin-name').count()) === theirs.items.length,
    { message: `${theirs.items.length} members ranked` });
  await shot(page, 'studio-bulletin.png');
});
