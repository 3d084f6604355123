// 网格与联系点: a street coordinator sees their grids with the week's visit days, sets a grid's rule and
// people, and links a leader to residential areas; the dashboard lists last week's grids that fell short.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { choose, click } from './lib/ui.mjs';

function rows(page, table) {
  return page.getByTestId(table).locator('.el-table__body tr');
}

test('a coordinator sees the grids of their street and sets one grid\'s rule and people', async (h) => {
  const { page, api, login, waitFor, expectVisible, expectText, shot } = h;
  const grids = await api('coordinator-s01', 'GET', '/grids');
  assert.ok(grids.items.length > 0, 'street 1 has grids');
  assert.ok(grids.items.every((g) => g.code.startsWith('s01')), 'only street 1');

  await login(page, 'coordinator-s01');
  await click(page, 'menu-grids');
  await page.waitForURL('**/grids**');
  await expectVisible(page.getByTestId('grids-table'));
  await waitFor(async () => (await rows(page, 'grids-table').count()) === grids.items.length,
    { message: `${grids.items.length} grid rows` });
  const names = (await page.getByTestId('grid-name').allInnerTexts()).map((t) => t.trim());
  assert.deepEqual(names, grids.items.map((g) => g.name));
  const days = (await page.getByTestId('grid-visit-days').allInnerTexts()).map((t) => t.trim());
  assert.deepEqual(days, grids.items.map((g) => `${g.visit_days} / ${g.required_visit_days} 天`));
  await shot(page, 'grids.png');

  // The first grid: four visit days a week from now on, and the district deputy as its messenger.
  const grid = grids.items[0];
  const row = rows(page, 'grids-table').filter({ hasText: grid.name }).first();
  await row.getByTestId('grid-edit').click();
  const dialog = page.getByTestId('grid-dialog');
  await expectVisible(dialog);
  await dialog.locator('[data-test="grid-required-days"] input').fill('4');
  await click(page, 'grid-save');
  await waitFor(async () => (await api('coordinator-s01', 'GET', `/grids/${grid.region_id}`)).required_visit_days === 4,
    { message: 'the rule saved' });
  await choose(page, 'grid-member-duty', '民情信使');
  await choose(page, 'grid-member-user', '孙丽华（区人大代表）');
  await click(page, 'grid-member-add');
  await waitFor(async () => (await page.getByTestId('grid-member').count()) === grid.members.length + 1,
    { message: 'the new member listed' });
  await expectText(page.getByTestId('grid-member').filter({ hasText: '孙丽华' }).first(), /民情信使 · 孙丽华/);
  await shot(page, 'grid-dialog.png');
  const after = await api('coordinator-s01', 'GET', `/grids/${grid.region_id}`);
  assert.ok(after.members.some((m) => m.display_name.startsWith('孙丽华') && m.duty === 'messenger'));
});

test('an admin links a leader to a residential area, and the leader sees it', async (h) => {
  const { page, api, login, newPage, waitFor, expectVisible, shot } = h;
  const leaders = await api('admin', 'GET', '/users?role=leader');
  const leader = leaders.items.find((u) => u.username === 'leader');
  const before = await api('admin', 'GET', `/leaders/${leader.id}/contact-points`);
  assert.ok(before.items.length >= 2 && before.items.length < 3, 'the demo leader has room for one more');

  await login(page, 'admin');
  await page.goto('/grids?tab=contact-points');
  await expectVisible(page.getByTestId('contact-table'));
  await choose(page, 'contact-leader', leader.display_name);
  await waitFor(async () => (await rows(page, 'contact-table').count()) === before.items.length,
    { message: `${before.items.length} contact points` });
  await choose(page, 'contact-region', '东湖街道 / 桂园社区');
  await click(page, 'contact-add');
  await waitFor(async () => (await rows(page, 'contact-table').count()) === before.items.length + 1,
    { message: 'the new contact point listed' });
  await shot(page, 'contact-points.png');

  const theirs = await newPage();
  await login(theirs, 'leader');
  await theirs.goto('/grids?tab=contact-points');
  await expectVisible(theirs.getByTestId('contact-table'));
  await expectVisible(theirs.getByTestId('contact-table'));
  await waitFor(async () => (await theirs.getByTestId('contact-area').allInnerTexts()).some((t) => t.includes('桂园社区')),
    { message: 'the leader sees the new area' });
  await h.shot(theirs, 'contact-points-leader.png');
});

test('the dashboard lists last week\'s grids that fell short', async (h) => {
  const { page, api, login, waitFor, expectVisible, shot } = h;
  await login(page, 'coordinator');
  await page.goto('/dashboard');
  const card = page.getByTestId('grids-behind');
  await expectVisible(card);
  await card.scrollIntoViewIfNeeded();
  // Last week as the browser's clock tells it (the test clock): the card lists at most eight of them.
  const lastWeek = await page.evaluate(() => new Date(Date.now() + 8 * 3600e3 - 7 * 86400e3).toISOString().slice(0, 10));
  const expected = await api('coordinator', 'GET', `/grids?behind=true&week=${lastWeek}`);
  assert.ok(expected.items.length > 0, 'the demo\'s rounds leave some grids short every week');
  const shown = rows(page, 'grids-behind-table');
  await waitFor(async () => (await shown.count()) === Math.min(8, expected.items.length),
    { message: `${expected.items.length} grids short last week` });
  const names = await page.getByTestId('grids-behind-table').locator('.el-table__body tr td:first-child').allInnerTexts();
  assert.deepEqual(names.map((t) => t.trim()), expected.items.slice(0, 8).map((g) => g.name));
  await shot(page, 'dashboard-grids.png');
  await click(page, 'grids-behind-more');
  await page.waitForURL('**/grids?**behind=true**');
  await expectVisible(page.getByTestId('grids-table'));
  const week = new URL(page.url()).searchParams.get('week');
  const behind = await api('coordinator', 'GET', `/grids?behind=true&week=${week}`);
  await waitFor(async () => (await page.getByTestId('grid-state').count()) === behind.items.length,
    { message: `${behind.items.length} behind grids` });
});
