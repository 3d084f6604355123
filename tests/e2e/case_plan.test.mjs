// Issue 12, the case owner's plan (包案: 一个问题、一名领导、一套方案、一抓到底): the leader who owns a case writes its
// plan in the dialog on the appeal detail, marks a step done with a note, and finds the case with its progress
// under 我包的案 on the workbench; another leader reads the plan but cannot write it; the admin sets a leader's
// streets on the users page.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { registerAppeal } from './lib/appeals.mjs';
import { loadRefs } from './lib/refs.mjs';
import { choose, click, fill } from './lib/ui.mjs';

// The el-select of the `index`-th plan row: opens it and picks the option labelled `label`, until the select
// shows it (a click while the dialog still moves into place can be lost).
async function chooseUnit(page, index, label) {
  const select = page.getByTestId('plan-row-unit').nth(index);
  for (let attempt = 1; ; attempt++) {
    await select.click();
    const option = page.locator('.el-select-dropdown__item:visible').filter({ hasText: label }).first();
    const clicked = await option.click({ timeout: 3000 }).then(() => true, () => false);
    const shown = clicked && await select.locator('.el-select__placeholder').filter({ hasText: label })
      .waitFor({ state: 'visible', timeout: 2000 }).then(() => true, () => false);
    if (shown) return;
    if (attempt === 3) throw new Error(`plan row ${index} does not show the unit ${label}`);
  }
}

async function fillDue(page, index, date) {
  const input = page.getByTestId('plan-row-due').nth(index).locator('input');
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

test('a case-owning leader writes the plan, marks a step done and follows it under 我包的案', async (h) => {
  const { page, newPage, api, login, shot, waitFor, expectText, expectVisible, expectHidden } = h;
  const refs = await loadRefs(api);
  const leaders = (await api('admin', 'GET', '/users?role=leader')).items;
  const owner = leaders.find((u) => u.username === 'leader-2');
  const title = `西岭镇幸福小区加装电梯推进缓慢${Date.now() % 1_000_000}`;
  const id = await registerAppeal(api, refs, title, { region: 's02c01' });
  await api('coordinator', 'POST', `/appeals/${id}/dispatch`, {
    lead_unit_id: refs.department.housing.id, case_owner_id: owner.id, note: '领导包案',
  });

  // The owner writes the plan: two steps, units and dates.
  await login(page, 'leader-2');
  await page.goto(`/appeals/${id}`);
  const card = page.getByTestId('case-plan');
  await expectVisible(card, { what: 'the plan card' });
  await expectText(card, '尚未制定方案');
  await click(page, 'plan-edit');
  const dialog = page.getByTestId('plan-dialog');
  await expectVisible(dialog);
  await fill(page, 'plan-row-title', '现场踏勘，听取居民意见');
  await fillDue(page, 0, '2026-11-20');
  await click(page, 'plan-add-step');
  await page.getByTestId('plan-row-title').nth(1).fill('召开加装电梯协调会，明确分工');
  await chooseUnit(page, 1, refs.department.urban.name);
  await fillDue(page, 1, '2026-11-25');
  await fill(page, 'plan-note', '两周内拿出方案');
  await shot(page, 'case-plan-dialog.png');
  await click(page, 'plan-save');
  await expectHidden(dialog, { what: 'the dialog after saving' });
  await waitFor(async () => (await card.getByTestId('plan-step-title').count()) === 2, { message: 'two steps shown' });
  await expectText(card, '已完成 0 / 2 步');
  let appeal = await api('leader-2', 'GET', `/appeals/${id}`);
  assert.equal(appeal.case_plan.total, 2);
  assert.equal(appeal.case_plan.steps[0].unit_id, refs.department.housing.id, 'the first step defaults to the lead unit');
  assert.equal(appeal.case_plan.steps[1].unit_name, refs.department.urban.name);
  assert.equal(appeal.case_plan.steps[1].due_date, '2026-11-25');
  assert.equal(appeal.timeline.at(-1).action, 'plan_written');

  // A step done, with a note.
  const first = appeal.case_plan.steps[0];
  await click(page, `plan-step-done-${first.id}`);
  await expectVisible(page.getByTestId('plan-done-dialog'));
  await click(page, 'plan-done-save');
  await expectText(page.locator('.el-form-item__error').first(), '请填写完成情况');
  await fill(page, 'plan-done-note', '已到现场踏勘，32 户居民中 27 户同意加装');
  await click(page, 'plan-done-save');
  await expectHidden(page.getByTestId('plan-done-dialog'));
  await expectText(card.getByTestId('plan-done'), '1');
  await expectText(card.getByTestId('plan-step-status').first(), '已完成');
  await expectText(card.getByTestId('plan-step-note').first(), '27 户同意');
  await expectText(page.locator('[data-test="timeline-item"][data-action="plan_step_done"]'), '包案方案步骤完成');
  await shot(page, 'case-plan-step-done.png');
  appeal = await api('leader-2', 'GET', `/appeals/${id}`);
  assert.equal(appeal.case_plan.done, 1);
  assert.equal(appeal.case_plan.next_step_id, appeal.case_plan.steps[1].id);

  // Another leader reads it and cannot write it.
  const other = await newPage();
  await login(other, 'leader');
  await other.goto(`/appeals/${id}`);
  await expectText(other.getByTestId('case-plan'), '召开加装电梯协调会');
  await expectHidden(other.getByTestId('plan-edit'), { what: 'no edit button for another leader' });
  assert.equal(await other.locator(`[data-test^="plan-step-done-"]`).count(), 0, 'no done buttons for another leader');

  // 我包的案 on the owner's workbench: the case with its progress.
  await page.goto('/workbench');
  await click(page, 'tab-owned');
  const row = page.locator('[data-test="owned-table"] .el-table__row', { hasText: title });
  await expectVisible(row, { what: 'the case under 我包的案' });
  await expectText(row, '已完成 1/2 步');
  await expectText(row, '召开加装电梯协调会');
  await shot(page, 'case-plan-owned-queue.png');
  await row.getByTestId('owned-link').click();
  await page.waitForURL(`**/appeals/${id}`);
});

test('an admin sets the streets a leader answers for', async (h) => {
  const { page, api, login, shot, expectText, expectVisible, expectHidden } = h;
  const leaders = (await api('admin', 'GET', '/users?role=leader')).items;
  const leader2 = leaders.find((u) => u.username === 'leader-2');
  await login(page, 'admin');
  await click(page, 'menu-admin');
  await fill(page, 'users-keyword', 'leader-2');
  const row = page.locator('[data-test="users-table"] .el-table__row', { hasText: 'leader-2' }).first();
  await expectVisible(row);
  await row.getByTestId('user-streets').click();
  const dialog = page.getByTestId('leader-streets-dialog');
  await expectVisible(dialog);
  await expectText(dialog.locator('.el-tag'), '西岭镇');
  await choose(page, 'leader-streets-select', '东湖街道');
  await expectVisible(dialog, { what: 'the dialog still open after choosing' });
  await shot(page, 'case-plan-leader-streets.png');
  await click(page, 'leader-streets-save');
  await expectHidden(dialog);
  const streets = (await api('admin', 'GET', `/leaders/${leader2.id}/streets`)).items.map((s) => s.street_name).sort();
  assert.deepEqual(streets, ['东湖街道', '西岭镇'].sort());
  // Put the demo's back for the other tests.
  const s02 = (await api('admin', 'GET', '/regions')).items.find((r) => r.code === 's02');
  await api('admin', 'PUT', `/leaders/${leader2.id}/streets`, { street_ids: [s02.id] });
});
