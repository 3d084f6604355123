// A deputy's day at the studio, all in the browser: check in on 我的值班, log a reception on 民情日志, raise
// the appeal from it (tied to the shift and to the log), check out; the shift shows its attendance.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { loadRefs } from './lib/refs.mjs';
import { choose, chooseInCascader, click, fill } from './lib/ui.mjs';

test('a deputy\'s day: check in, log a reception, raise the appeal, check out', async (h) => {
  const { page, api, login, waitFor, expectVisible, expectHidden, expectText, shot } = h;
  const refs = await loadRefs(api);
  const me = (await api('admin', 'GET', '/users?role=deputy')).items.find((u) => u.username === 'deputy-s01');
  // The organiser's part: a studio with this deputy, and today's shift 09:00–12:00 (the test clock is 10:00).
  const today = await page.evaluate(() => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10));
  const studio = await api('coordinator-s01', 'POST', '/studios', { name: '一日履职测试工作室', region_id: refs.region.s01c01.id });
  await api('coordinator-s01', 'POST', `/studios/${studio.id}/members`, { user_id: me.id, leader: true });
  const roster = await api('coordinator-s01', 'POST', `/studios/${studio.id}/roster`,
    { from: today, to: today, weekdays: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '12:00', per_shift: 1 });
  const shift = roster.items[0];
  assert.equal(shift.user_id, me.id);

  await login(page, 'deputy-s01');
  await click(page, 'menu-my-duty');
  await page.waitForURL('**/my-duty');
  const mine = page.getByTestId('duty-coming').locator('.el-table__row', { hasText: '一日履职测试工作室' }).first();
  await expectVisible(mine, { what: 'today\'s shift at the new studio' });
  await mine.getByTestId('duty-check-in').click();
  await expectText(mine.getByTestId('attendance-tag'), '值班中');

  const raised = `一日履职：朝阳社区2栋门禁损坏 ${Date.now() % 100000}`;
  await click(page, 'menu-field-logs');
  await page.waitForURL('**/field-logs');
  await click(page, 'field-log-add');
  const dialog = page.getByTestId('field-log-dialog');
  await expectVisible(dialog);
  await chooseInCascader(page, page.getByTestId('field-region'), '朝阳社区');
  await fill(page, 'field-place', '一日履职测试工作室');
  await fill(page, 'field-people-names', '赵大妈');
  await page.getByTestId('field-people-count').locator('input').fill('1');
  await fill(page, 'field-raised', raised);
  await click(page, 'field-log-save');
  await expectHidden(dialog, { what: 'the log dialog after saving' });
  const row = page.locator('.el-table__row', { hasText: raised }).first();
  await row.getByTestId('field-log-raise').click();
  const raiseDialog = page.getByTestId('field-log-raise-dialog');
  await expectVisible(raiseDialog);
  await choose(page, 'field-category', '房屋质量与维修');
  await click(page, 'field-log-raise-save');
  await expectHidden(raiseDialog, { what: 'the raise dialog after saving' });
  await expectVisible(row.getByTestId('field-log-appeal'), { what: 'the raised appeal linked on the log' });
  await shot(page, 'deputy-day-log.png');

  // The appeal is tied to the shift it was raised on, and to its log.
  const logs = await api('deputy-s01', 'GET', '/field-logs?kind=reception&page_size=50');
  const log = logs.items.find((l) => l.raised === raised);
  const appeal = await api('deputy-s01', 'GET', `/appeals/${log.appeal_id}`);
  assert.equal(appeal.duty_shift_id, shift.id);
  assert.equal(appeal.field_log_id, log.id);

  await click(page, 'menu-my-duty');
  await page.waitForURL('**/my-duty');
  const onDuty = page.getByTestId('duty-coming').locator('.el-table__row', { hasText: '一日履职测试工作室' }).first();
  await onDuty.getByTestId('duty-check-out').click();
  // In and out within minutes: shorter than the studio's minimum stay, so "came and left" (签到即走).
  await waitFor(async () => {
    const after = (await api('deputy-s01', 'GET', '/duty-shifts?mine=true')).items.find((s) => s.id === shift.id);
    return after?.attendance === 'came_and_left' && after.appeal_count === 1;
  }, { message: 'the shift decided, with its appeal' });
  await waitFor(async () => (await page.getByTestId('duty-past').getByTestId('attendance-tag').allInnerTexts())
    .some((t) => t.trim() === '签到即走'), { message: 'the shift shown as 签到即走' });
  await shot(page, 'deputy-day-done.png');
});
