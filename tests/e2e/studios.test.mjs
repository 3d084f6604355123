// 工作室 and 我的值班: an organiser's studio page (members, the month's roster with attendance tags, the monthly
// attendance table, 生成排班 and 改派), and a deputy checking in and out of their shift from 我的值班.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { loadRefs } from './lib/refs.mjs';
import { choose, click } from './lib/ui.mjs';

function rows(page, table) {
  return page.getByTestId(table).locator('.el-table__body-wrapper tbody tr');
}

const LABEL = { on_time: '准时', late: '迟到', left_early: '早退', absent: '缺勤', came_and_left: '签到即走' };

function monthRange(month) {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [`${month}-01`, `${month}-${String(last).padStart(2, '0')}`];
}

test('an organiser sees the studio: members, the roster with attendance, the month table', async (h) => {
  const { page, api, login, waitFor, expectVisible, expectText, shot } = h;
  const studios = await api('coordinator-s01', 'GET', '/studios');
  const studio = studios.items.find((s) => s.name === '东湖街道人大代表联络站');
  assert.ok(studio, 'the demo studio of 东湖街道');
  assert.ok(!studios.items.some((s) => s.name === '西岭镇人大代表之家'), 'not the other street\'s studio');
  const detail = await api('coordinator-s01', 'GET', `/studios/${studio.id}`);

  await login(page, 'coordinator-s01');
  await click(page, 'menu-studios');
  await page.waitForURL('**/studios');
  await expectVisible(page.getByTestId('studio-table'));
  await waitFor(async () => (await rows(page, 'studio-table').count()) === studios.items.length,
    { message: `${studios.items.length} studios` });
  await shot(page, 'studios.png');
  await page.getByTestId('studio-link').filter({ hasText: studio.name }).click();
  await page.waitForURL(`**/studios/${studio.id}`);
  await expectText(page.getByTestId('studio-title'), studio.name);
  await waitFor(async () => (await rows(page, 'member-table').count()) === detail.members.length,
    { message: `${detail.members.length} members` });
  await expectVisible(page.getByTestId('member-leader'));

  // The month's roster as the API has it, with each attendance shown.
  const month = await page.evaluate(() => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7));
  const [from, to] = monthRange(month);
  const shifts = (await api('coordinator-s01', 'GET', `/studios/${studio.id}/shifts?from=${from}&to=${to}`)).items;
  assert.ok(shifts.length > 0, 'shifts this month');
  await waitFor(async () => (await rows(page, 'roster-table').count()) === shifts.length,
    { message: `${shifts.length} roster rows` });
  const tags = (await page.getByTestId('roster-table').getByTestId('attendance-tag').allInnerTexts()).map((t) => t.trim());
  for (const [code, label] of Object.entries(LABEL)) {
    assert.equal(tags.filter((t) => t === label).length, shifts.filter((s) => s.attendance === code).length, label);
  }
  assert.ok(shifts.some((s) => s.attendance), 'some shifts this month are decided');
  await shot(page, 'studio-roster.png');

  // The month's table per deputy.
  const table = (await api('coordinator-s01', 'GET', `/studios/${studio.id}/attendance?month=${month}`)).items;
  await click(page, 'tab-attendance');
  await waitFor(async () => (await rows(page, 'attendance-table').count()) === table.length,
    { message: `${table.length} deputies in the month table` });
  const first = rows(page, 'attendance-table').first();
  await expectText(first, table[0].display_name);
  const cells = (await first.locator('td').allInnerTexts()).map((t) => t.trim());
  assert.deepEqual(cells.slice(1), [table[0].shifts_scheduled, table[0].shifts_due, table[0].attended, table[0].on_time,
    table[0].late, table[0].left_early, table[0].came_and_left, table[0].absent, table[0].appeals_on_shift].map(String));
  await shot(page, 'studio-attendance.png');
});

test('an organiser generates a roster and reassigns a shift', async (h) => {
  const { page, api, login, waitFor, expectVisible, expectHidden, shot } = h;
  const refs = await loadRefs(api);
  const deputies = (await api('admin', 'GET', '/users?role=deputy')).items; // usernames: admins only
  const a = deputies.find((d) => d.username === 'deputy-s01-2');
  const b = deputies.find((d) => d.username === 'deputy-s01-3');
  const c = deputies.find((d) => d.username === 'deputy-s01');
  const created = await api('coordinator-s01', 'POST', '/studios', {
    name: '桂园社区代表工作室', region_id: refs.region.s01c03.id, address: '桂园社区服务站',
  });
  await api('coordinator-s01', 'POST', `/studios/${created.id}/members`, { user_id: a.id, leader: true });
  await api('coordinator-s01', 'POST', `/studios/${created.id}/members`, { user_id: b.id });
  await api('coordinator-s01', 'POST', `/studios/${created.id}/members`, { user_id: c.id });

  await login(page, 'coordinator-s01');
  await page.goto(`/studios/${created.id}`);
  await waitFor(async () => (await rows(page, 'member-table').count()) === 3, { message: 'three members' });
  await click(page, 'roster-generate');
  const dialog = page.getByTestId('roster-dialog');
  await expectVisible(dialog);
  await shot(page, 'studio-roster-dialog.png');
  await click(page, 'roster-save');
  await expectHidden(dialog, { what: 'the roster dialog closing' });
  const month = await page.evaluate(() => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7));
  const [from, to] = monthRange(month);
  const shifts = (await api('coordinator-s01', 'GET', `/studios/${created.id}/shifts?from=${from}&to=${to}`)).items;
  // Every Saturday from today to the month's end, two deputies each.
  const today = await page.evaluate(() => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10));
  const saturdays = [];
  for (let d = new Date(`${today}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    if (d.getUTCDay() === 6) saturdays.push(d.toISOString().slice(0, 10));
  }
  assert.equal(shifts.length, saturdays.length * 2);
  assert.deepEqual([...new Set(shifts.map((s) => s.day))], saturdays);
  await waitFor(async () => (await rows(page, 'roster-table').count()) === shifts.length, { message: 'the new roster' });

  // 改派 the last shift to the member not on that slot.
  const last = shifts[shifts.length - 1];
  const onSlot = shifts.filter((s) => s.starts_at === last.starts_at).map((s) => s.user_id);
  const other = [a, b, c].find((d) => !onSlot.includes(d.id));
  await page.getByTestId('shift-reassign').last().click();
  await expectVisible(page.getByTestId('move-dialog'));
  await choose(page, 'move-user', other.display_name);
  await click(page, 'move-save');
  await expectHidden(page.getByTestId('move-dialog'), { what: 'the reassign dialog closing' });
  await waitFor(async () => {
    const now = (await api('coordinator-s01', 'GET', `/studios/${created.id}/shifts?from=${from}&to=${to}`)).items;
    return now.find((s) => s.id === last.id)?.user_id === other.id;
  }, { message: 'the shift reassigned' });
  await shot(page, 'studio-reassigned.png');
});

test('a deputy checks in and out of their shift', async (h) => {
  const { page, api, login, waitFor, expectVisible, expectText, shot } = h;
  const refs = await loadRefs(api);
  // Today's shift going on now at a studio, and the deputy on it.
  const day = await page.evaluate(() => new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10));
  const shifts = (await api('admin', 'GET', `/duty-shifts?from=${day}&to=${day}`)).items;
  const now = await page.evaluate(() => Date.now()); // the test clock, not the machine's
  const current = shifts.find((s) => s.state === 'scheduled' && new Date(s.ends_at).getTime() - 30 * 60e3 > now
    && new Date(s.starts_at).getTime() - 30 * 60e3 <= now);
  assert.ok(current, `a shift going on now among ${shifts.length} today`);
  const deputy = (await api('admin', 'GET', '/users?role=deputy')).items.find((u) => u.id === current.user_id);

  await login(page, deputy.username);
  await click(page, 'menu-my-duty');
  await page.waitForURL('**/my-duty');
  await expectVisible(page.getByTestId('duty-coming'));
  await expectVisible(page.getByTestId('duty-check-in'));
  await shot(page, 'my-duty.png');
  await click(page, 'duty-check-in');
  await expectVisible(page.getByTestId('duty-check-out'));
  await expectText(page.getByTestId('duty-coming').getByTestId('attendance-tag').first(), '值班中');
  await shot(page, 'my-duty-on-duty.png');

  // An appeal registered now is tied to the shift.
  const appeal = await api(deputy.username, 'POST', '/appeals', {
    title: '值班时接待的诉求', content: '居民反映小区路灯不亮。', channel: 'deputy',
    region_id: refs.region.s01c01.id, category_id: refs.category.road_facility.id, appellant: { anonymous: true },
  });
  const shown = await api(deputy.username, 'GET', `/appeals/${appeal.id}`);
  assert.equal(shown.duty_shift_id, current.id);

  await click(page, 'duty-check-out');
  // Checked in and out within a few seconds: less than the minimum stay, so "came and left".
  await waitFor(async () => (await page.getByTestId('duty-past').getByTestId('attendance-tag').allInnerTexts())
    .some((t) => t.trim() === '签到即走'), { message: 'the shift in the record as 签到即走' });
  const after = (await api(deputy.username, 'GET', '/duty-shifts?mine=true')).items.find((s) => s.id === current.id);
  assert.equal(after.attendance, 'came_and_left');
  assert.equal(after.appeal_count, 1);
  await shot(page, 'my-duty-done.png');
});
