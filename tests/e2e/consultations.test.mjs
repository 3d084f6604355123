// 协商议事: a street coordinator runs a micro-consultation from its topic to the published outcome (the light
// path: no research step, a written consultation), with an appeal triaged "deliberate" into it that the
// outcome explains; the appeal's page shows the consultation; a resident reads the outcome on a phone and
// comments on it.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { loadRefs } from './lib/refs.mjs';
import { chooseInCascader, choose, click, fill } from './lib/ui.mjs';

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

test('a coordinator runs a micro-consultation from topic to published outcome', async (h) => {
  const { page, newPage, api, login, shot, expectText, expectVisible, expectHidden } = h;
  const refs = await loadRefs(api);
  const title = `端到端：朝阳社区快递柜选址微协商 ${Date.now() % 100000}`;
  const step = page.getByTestId('consultation-step').first();
  const dialog = page.getByTestId('consultation-step-dialog');
  async function saveStep() {
    await click(page, 'consultation-step-save');
    await expectHidden(dialog, { what: 'the step dialog after saving' });
  }

  await login(page, 'coordinator-s01');
  await click(page, 'menu-consultations');
  await page.waitForURL('**/consultations');
  await expectVisible(page.getByTestId('consultation-table'));

  await click(page, 'consultation-new');
  await expectVisible(page.getByTestId('consultation-dialog'));
  await choose(page, 'field-kind', '微协商');
  await fill(page, 'field-title', title);
  await chooseInCascader(page, page.getByTestId('field-region'), '朝阳社区');
  await fill(page, 'field-description', '快递柜放在单元门口影响通行，居民希望商量新位置');
  await click(page, 'consultation-save');
  await page.waitForURL(/\/consultations\/\d+$/);
  await expectText(page.getByTestId('consultation-title'), title);
  await expectText(step, '征集议题');
  const id = Number(page.url().match(/consultations\/(\d+)$/)[1]);

  // An appeal of the community is triaged "deliberate" into it (as the appeal page's triage dialog does).
  const appeal = await api('registrar-s01', 'POST', '/appeals', {
    title: '快递柜堵住单元门', content: '5栋单元门口的快递柜占用通道，轮椅过不去。', channel: 'phone',
    region_id: refs.region.s01c01.id, category_id: refs.category.property_service.id,
    appellant: { name: '钱多多', phone: '13800005511', anonymous: false },
  });
  await api('coordinator-s01', 'POST', `/appeals/${appeal.id}/triage`, {
    route: 'deliberate', note: '快递柜选址交微协商', consultation_id: id,
  });

  // A topic from a resident.
  await page.reload();
  await expectText(page.getByTestId('consultation-appeals'), '快递柜堵住单元门');
  await click(page, 'action-topics');
  await expectVisible(dialog);
  await fill(page, 'field-content', '快递柜迁到小区东门空地');
  await fill(page, 'field-proposer', '5栋居民');
  await saveStep();
  await expectText(page.getByTestId('consultation-topics'), '快递柜迁到小区东门空地');

  // Decided: the light path goes straight to the meeting, no research step.
  await click(page, 'action-decide');
  await click(page, 'decide-accept');
  await saveStep();
  await expectText(step, '协商会议');
  const steps = await page.getByTestId('consultation-steps').innerText();
  assert.ok(!steps.includes('调研论证'), `a micro-consultation has no research step: ${steps}`);

  // A written consultation: participants by role, attendance, minutes.
  await click(page, 'action-meeting');
  await expectVisible(dialog);
  await click(page, 'participant-add');
  await fill(page, 'participant-name-0', '5栋居民代表 孙阿姨');
  await click(page, 'participant-add');
  await choose(page, 'participant-role-1', '职能部门');
  await fill(page, 'participant-name-1', '区物业管理服务中心');
  await fill(page, 'field-minutes', '书面征求意见 30 户，27 户同意将快递柜迁至东门空地。');
  await saveStep();
  await expectText(page.getByTestId('consultation-participants'), '孙阿姨');
  await expectText(page.getByTestId('consultation-minutes'), '27 户同意');
  await shot(page, 'consultation-meeting.png');

  // Published: the outcome with one agreed action; the linked appeal is explained with the outcome.
  await click(page, 'action-publish');
  await expectVisible(dialog);
  await fill(page, 'field-outcome', '快递柜迁至小区东门空地，单元门口恢复通行');
  await fill(page, 'publish-action-title-0', '迁移快递柜');
  await choose(page, 'publish-action-unit-0', '区物业管理服务中心');
  const deadline = page.getByTestId('publish-action-deadline-0').locator('input').or(page.locator('input[data-test="publish-action-deadline-0"]')).first();
  await deadline.fill('2026-12-20');
  await deadline.press('Enter');
  await saveStep();
  await expectText(step, '结果公示');
  await expectText(page.getByTestId('consultation-action-list'), '迁移快递柜');
  await expectText(page.getByTestId('consultation-appeals'), '已解释');
  await shot(page, 'consultation-published.png');

  const detail = await api('coordinator-s01', 'GET', `/consultations/${id}`);
  assert.equal(detail.step, 'publishing');
  assert.equal(detail.kind, 'micro');
  assert.equal(detail.meeting.form, 'written');
  assert.equal(detail.actions[0].deadline, '2026-12-20');
  assert.equal(detail.actions[0].owner_unit_id, refs.department.property.id);
  assert.equal(detail.appeals[0].outcome, 'explained');

  // The appeal's page shows its consultation.
  await page.goto(`/appeals/${appeal.id}`);
  await expectText(page.getByTestId('appeal-consultations'), title);

  // A resident reads the outcome on a phone and comments.
  const mobile = await newPage(phone);
  await mobile.goto('/portal/consultations');
  const card = mobile.getByTestId(`consultation-public-${id}`);
  await expectVisible(card, { what: 'the published outcome on the portal' });
  await expectText(card, '快递柜迁至小区东门空地');
  await card.click();
  await expectText(mobile.getByTestId('consultation-public-outcome'), '快递柜迁至小区东门空地');
  await fill(mobile, 'comment-content', '支持，东门空地更方便');
  await fill(mobile, 'comment-author', '5栋业主');
  await click(mobile, 'comment-submit');
  await expectVisible(mobile.getByTestId('comment-sent'));
  await expectText(mobile.getByTestId('consultation-public-comments'), '支持，东门空地更方便');
  const text = await mobile.getByTestId('consultation-public').innerText();
  assert.ok(!text.includes('孙阿姨') && !text.includes('钱多多'), 'no names on the portal');
  // The portal's links scroll sideways on a phone; the current page's stays in view.
  const navLink = mobile.getByTestId('nav-consultations');
  const link = await navLink.boundingBox();
  assert.ok(link && link.x >= 0 && link.x + link.width <= 390, `协商议事 in view: ${JSON.stringify(link)}`);
  assert.ok(await navLink.evaluate((a) => a.classList.contains('active')), '协商议事 marked current on a consultation');
  await shot(mobile, 'portal-consultation.png');

  // A deputy of the street takes the outcome up as a proposal (转为建议): the registration dialog comes
  // prefilled, and the proposal links back to the consultation.
  const deputy = await newPage();
  await login(deputy, 'deputy-s01');
  await deputy.goto(`/consultations/${id}`);
  await click(deputy, 'action-propose');
  await deputy.waitForURL(/\/proposals\?consultation_id=/);
  await expectVisible(deputy.getByTestId('proposal-dialog'));
  await expectText(deputy.getByTestId('proposal-from-consultation'), title);
  await shot(deputy, 'proposal-from-consultation.png');
  await click(deputy, 'proposal-save');
  await deputy.waitForURL(/\/proposals\/\d+$/);
  await expectText(deputy.getByTestId('proposal-consultation'), title);
  const proposal = await api('deputy-s01', 'GET', `/proposals/${Number(deputy.url().match(/(\d+)$/)[1])}`);
  assert.equal(proposal.consultation_id, id);
  assert.equal(proposal.step, 'draft');
});
