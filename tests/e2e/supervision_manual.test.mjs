// Issue 12, manual supervision and warnings: a supervisor issues a supervision notice (督办单) on an appeal's
// page, the lead unit's handler answers it there and the supervisor closes it; the supervision page lists it
// under 人工督办单, beside the wall's overdue posts; the header's bell shows a coordinator's unread warnings and opens the warned appeal.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { loadRefs } from './lib/refs.mjs';
import { click, fill } from './lib/ui.mjs';

test('a supervisor issues a notice, the handler answers it and the supervisor closes it', async (h) => {
  const { page, newPage, api, login, shot, expectText, expectVisible, expectHidden, waitFor } = h;
  const refs = await loadRefs(api);
  const title = `端到端：督办 楼道积水无人处理 ${Date.now() % 100000}`;
  const appeal = await api('registrar', 'POST', '/appeals', {
    title, content: '朝阳社区7号楼楼道积水一周，反映多次无人处理。', channel: 'phone',
    region_id: refs.region.s01c01.id, category_id: refs.category.housing_quality.id, appellant: { anonymous: true },
  });
  await api('coordinator', 'POST', `/appeals/${appeal.id}/dispatch`, { lead_unit_id: refs.department.housing.id });

  // The supervisor issues the notice on the appeal's page.
  await login(page, 'supervisor');
  await page.goto(`/appeals/${appeal.id}`);
  const card = page.getByTestId('manual-supervision');
  await expectVisible(card, { what: 'the manual supervision card' });
  await click(page, 'issue-supervision');
  const dialog = page.getByTestId('issue-dialog');
  await expectVisible(dialog);
  await click(page, 'issue-save');  // empty: the form says what is missing
  await expectText(dialog, '请填写督办事由');
  await fill(page, 'issue-reason', '群众多次来电反映，至今无人上门');
  await fill(page, 'issue-required-action', '两个工作日内上门核实，书面反馈处理计划');
  const date = page.getByTestId('issue-deadline').locator('input');
  await date.fill('2026-11-20');
  await date.press('Enter');
  await dialog.locator('.el-dialog__title').click();  // closes the date panel, which may cover 保存
  await click(page, 'issue-save');
  await expectHidden(dialog, { what: 'the issue dialog after saving' });
  const notice = card.getByTestId('manual-notice').first();
  await expectText(notice.getByTestId('manual-notice-status'), '已下发');
  await expectText(notice, '2026-11-20 前反馈');
  await expectText(page.getByTestId('timeline'), '下发督办单');
  await shot(page, 'supervision-issued.png');
  const issued = (await api('supervisor', 'GET', `/appeals/${appeal.id}/supervision`)).notices[0];
  assert.equal(issued.unit_id, refs.department.housing.id);
  assert.deepEqual(issued.allowed_actions, ['escalate']);

  // The housing handler answers it on the same page.
  const handler = await newPage();
  await login(handler, 'handler-housing');
  await handler.goto(`/appeals/${appeal.id}`);
  const mine = handler.getByTestId('manual-notice').first();
  await expectVisible(mine.getByTestId('supervision-answer'), { what: 'the answer button for the handler' });
  await mine.getByTestId('supervision-answer').click();
  await fill(handler, 'supervision-step-text', '已于今日上门核实，积水由排水管堵塞造成，明日疏通。');
  await click(handler, 'supervision-step-save');
  await expectText(mine.getByTestId('manual-notice-status'), '已反馈');
  await expectText(mine.getByTestId('manual-notice-answer'), '排水管堵塞');
  await shot(handler, 'supervision-answered.png');

  // The supervisor sees the answer and closes the notice.
  await page.reload();
  await expectText(notice.getByTestId('manual-notice-status'), '已反馈');
  await notice.getByTestId('supervision-close').click();
  await fill(page, 'supervision-step-text', '反馈属实，督办办结');
  await click(page, 'supervision-step-save');
  await expectText(notice.getByTestId('manual-notice-status'), '已办结');
  await expectHidden(notice.getByTestId('supervision-escalate'), { what: 'no step after closing' });

  // The supervision page lists it under 人工督办单.
  await click(page, 'menu-supervision');
  await page.waitForURL('**/supervision**');
  await click(page, 'tab-manual');
  const table = page.getByTestId('manual-table');
  await expectVisible(table);
  await waitFor(async () => (await table.getByTestId('manual-appeal').filter({ hasText: title }).count()) === 1,
    { message: 'the closed notice in the manual list' });
  await shot(page, 'supervision-manual.png');

  // The wall's posts past their reply deadline are on the same page, and open in the wall's queue.
  const overdue = await api('supervisor', 'GET', '/wall?state=overdue&page_size=100');
  assert.ok(overdue.total > 0, 'the demo has a wall post past its reply deadline');
  await click(page, 'tab-wall');
  const wall = page.getByTestId('wall-overdue-table');
  await waitFor(async () => (await wall.getByTestId('wall-overdue-post').count()) === overdue.items.length,
    { message: `${overdue.items.length} overdue posts listed` });
  await expectText(wall.getByTestId('wall-overdue-post').first(), `#${overdue.items[0].id}`);
  await shot(page, 'supervision-wall.png');
  await wall.getByTestId('wall-overdue-post').first().click();
  await page.waitForURL(`**/wall?id=${overdue.items[0].id}`);
});

test('the bell shows a coordinator the unread warnings and opens the appeal', async (h) => {
  const { page, api, login, shot, expectText, expectVisible, waitFor } = h;
  const before = await api('coordinator-s01', 'GET', '/notices?unread=1&limit=20');
  assert.ok(before.unread > 0, 'the demo sweep warned the street coordinator');
  const warning = before.items.find((n) => n.kind === 'red_warning' || n.kind === 'yellow_warning');
  assert.ok(warning, 'an unread warning');

  await login(page, 'coordinator-s01');
  const badge = page.getByTestId('notice-unread');
  await waitFor(async () => (await badge.locator('sup').innerText()).trim() === (before.unread > 99 ? '99+' : String(before.unread)),
    { message: `the bell shows ${before.unread} unread` });
  await click(page, 'notice-bell');
  const item = page.getByTestId('notice-item').nth(before.items.indexOf(warning));
  await expectVisible(item, { what: 'the warning in the bell' });
  await expectText(item, warning.kind_label);
  await shot(page, 'notice-bell.png');

  await item.click();
  await page.waitForURL(`**/appeals/${warning.appeal_id}`);
  await expectText(page.getByTestId('timeline'), warning.kind_label);
  const after = await api('coordinator-s01', 'GET', '/notices?unread=1&limit=100');
  assert.equal(after.unread, before.unread - 1);
  assert.ok(!after.items.some((n) => n.id === warning.id), 'the opened warning is read');
});
