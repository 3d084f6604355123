// 超期督办: the overdue board and the supervision notices show what the API has, per unit.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { loadRefs } from './lib/refs.mjs';
import { choose, click } from './lib/ui.mjs';

function rows(page, table) {
  return page.getByTestId(table).locator('.el-table__body tr');
}

test('the supervisor sees the overdue appeals and the notices, filtered by unit', async (h) => {
  const { page, api, login, waitFor, expectVisible, shot } = h;
  const refs = await loadRefs(api);
  const overdue = await api('supervisor', 'GET', '/appeals?overdue=true&page_size=20');
  const notices = await api('supervisor', 'GET', '/supervision-notices?page_size=20');
  assert.ok(notices.total > 0, 'the demo issues supervision notices');
  assert.ok(overdue.total > 0, 'the demo has overdue appeals');

  await login(page, 'supervisor');
  await click(page, 'menu-supervision');
  await page.waitForURL('**/supervision**');
  await expectVisible(page.getByTestId('overdue-table'));
  await waitFor(async () => (await rows(page, 'overdue-table').count()) === overdue.items.length,
    { message: `${overdue.items.length} overdue rows` });
  for (const a of overdue.items) {
    await expectVisible(page.getByTestId('appeal-link').filter({ hasText: a.title }), { what: `overdue ${a.title}` });
  }
  await shot(page, 'supervision.png');

  await click(page, 'tab-notices');
  await expectVisible(page.getByTestId('notices-table'));
  await waitFor(async () => (await rows(page, 'notices-table').count()) === notices.items.length,
    { message: `${notices.items.length} notice rows` });
  const shownIds = await page.getByTestId('notice-appeal').allInnerTexts();
  assert.deepEqual(shownIds.map((t) => t.trim()).sort(), notices.items.map((n) => `#${n.appeal_id}`).sort());

  // Filtered to the unit of the first notice: only that unit's notices.
  const unit = Object.values(refs.department).find((d) => d.id === notices.items[0].unit_id);
  assert.ok(unit, 'a notice names a department');
  const forUnit = await api('supervisor', 'GET', `/supervision-notices?unit_id=${unit.id}&page_size=20`);
  await choose(page, 'filter-unit', unit.name);
  await waitFor(async () => (await rows(page, 'notices-table').count()) === forUnit.items.length,
    { message: `${forUnit.items.length} notices of ${unit.name}` });
  assert.ok(forUnit.items.length <= notices.items.length);
});

test('a handler sees only the overdue appeals of their own unit', async ({ page, api, login, waitFor, expectVisible }) => {
  // The handler of the unit leading an overdue appeal.
  const refs = await loadRefs(api);
  const overdue = await api('supervisor', 'GET', '/appeals?overdue=true&page_size=100');
  const late = overdue.items.find((a) => a.lead_unit_id);
  assert.ok(late, 'an overdue appeal with a lead unit');
  const unit = Object.values(refs.department).find((d) => d.id === late.lead_unit_id);
  const user = `handler-${unit.code}`;
  const mine = await api(user, 'GET', `/appeals?overdue=true&department_id=${unit.id}&page_size=20`);
  assert.ok(mine.items.length > 0 && mine.items.length < overdue.items.length + 1);

  await login(page, user);
  await page.goto('/supervision');
  await expectVisible(page.getByTestId('overdue-table'));
  await waitFor(async () => (await rows(page, 'overdue-table').count()) === mine.items.length,
    { message: `${mine.items.length} overdue rows of ${unit.name}` });
  await expectVisible(page.getByTestId('appeal-link').filter({ hasText: late.title }));
  const myTitles = new Set(mine.items.map((a) => a.title)); // demo titles can repeat
  const others = overdue.items.filter((a) => a.lead_unit_id !== unit.id && !(a.assisting_unit_ids || []).includes(unit.id)
    && !myTitles.has(a.title));
  for (const a of others) {
    assert.equal(await page.getByTestId('appeal-link').filter({ hasText: a.title }).count(), 0, `not ${a.title}`);
  }
  assert.ok(await page.locator('[data-test="filter-unit"].is-disabled, [data-test="filter-unit"] .is-disabled').count() > 0,
    'the unit filter is fixed for a handler');
});
