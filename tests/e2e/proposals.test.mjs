// 建议提案 (issue 11): a deputy registers a proposal on the 建议提案 page, submits it, and — once the coordinator
// assigned it and the lead unit answered (its head approving) — rates the answer; the 三率统计 tab counts it. A
// resident whose appeal was escalated into a proposal reads the answer on the tracking page.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { loadRefs } from './lib/refs.mjs';
import { click, fill } from './lib/ui.mjs';

test('a deputy registers a proposal and rates its answer', async (h) => {
  const { page, newPage, api, login, shot, expectText, expectVisible, expectHidden, waitFor } = h;
  const refs = await loadRefs(api);
  const title = `端到端：关于在社区增设电动自行车充电棚的建议 ${Date.now() % 100000}`;

  await login(page, 'deputy');
  await click(page, 'menu-proposals');
  await page.waitForURL('**/proposals');
  await expectVisible(page.getByTestId('proposals-table'));
  await shot(page, 'proposals.png');

  // 登记建议: a draft of the deputy's own.
  await click(page, 'proposal-add');
  const dialog = page.getByTestId('proposal-dialog');
  await expectVisible(dialog);
  await fill(page, 'field-title', title);
  await fill(page, 'field-content', '居民在楼道内给电动自行车充电，存在火灾隐患，建议在小区内增设集中充电棚。');
  await click(page, 'proposal-save');
  await expectHidden(dialog, { what: 'the dialog after saving' });
  await page.waitForURL(/\/proposals\/\d+$/);
  const id = Number(page.url().match(/\/proposals\/(\d+)$/)[1]);
  await expectText(page.getByTestId('proposal-title'), title);
  await expectText(page.getByTestId('proposal-step'), '草稿');
  await expectText(page.getByTestId('proposal-kind'), '建议');

  // 提交建议.
  await click(page, 'action-submit');
  await expectVisible(page.getByTestId('proposal-action-dialog'));
  await click(page, 'proposal-action-save');
  await expectText(page.getByTestId('proposal-step'), '已提交');
  const submitted = await api('deputy', 'GET', `/proposals/${id}`);
  assert.equal(submitted.step, 'submitted');
  assert.equal(submitted.kind, 'suggestion');

  // The coordinator assigns it, the lead unit meets the deputy and its handler drafts the answer (through the
  // API); the handler may not approve it.
  await api('coordinator', 'POST', `/proposals/${id}/assign`, {
    lead_unit_id: refs.department.housing.id, deadline: '2027-02-18',
  });
  await api('handler-housing', 'POST', `/proposals/${id}/contacts`, {
    stage: 'before', method: 'face_to_face', note: '到代表工作室听取充电棚选址意见。',
  });
  const drafted = await api('handler-housing', 'POST', `/proposals/${id}/answer`, {
    category: 'A', content: '已在三个小区建成集中充电棚，共提供充电位120个。',
  });
  assert.ok(!drafted.allowed_actions.includes('approve'), 'the drafting handler is not offered 审核答复');

  // The unit head (单位负责人) reads the draft and approves it in the browser.
  const head = await newPage();
  await login(head, 'head-housing');
  await head.goto(`/proposals/${id}`);
  await expectText(head.getByTestId('proposal-step'), '答复待审核');
  await click(head, 'action-approve');
  await expectVisible(head.getByTestId('proposal-action-dialog'));
  await expectText(head.getByTestId('proposal-action-dialog'), '充电位120个');
  await fill(head, 'field-note', '同意发出。');
  await shot(head, 'proposal-approve.png');
  await click(head, 'proposal-action-save');
  await expectText(head.getByTestId('proposal-step'), '已答复');

  // The deputy reads the answer and rates it.
  await page.reload();
  await expectText(page.getByTestId('proposal-step'), '已答复');
  await expectText(page.getByTestId('proposal-category'), 'A类');
  await expectText(page.getByTestId('proposal-answer').first(), '充电位120个');
  await expectText(page.getByTestId('proposal-contact').first(), '办前');
  await shot(page, 'proposal-answered.png');
  await click(page, 'action-rate');
  await expectVisible(page.getByTestId('proposal-action-dialog'));
  await click(page, 'rating-satisfied');
  await fill(page, 'field-note', '办理迅速，居民很满意。');
  await click(page, 'proposal-action-save');
  await expectText(page.getByTestId('proposal-step'), '已办结');
  await expectText(page.getByTestId('proposal-rating'), '满意');
  await shot(page, 'proposal-rated.png');
  await waitFor(async () => (await api('deputy', 'GET', `/proposals/${id}`)).rating === 'satisfied',
    { message: 'the rating stored' });
  const closed = await api('deputy', 'GET', `/proposals/${id}`);
  assert.equal(closed.step, 'closed');
  assert.deepEqual(closed.allowed_actions, []);

  // 三率统计: the deputy's row counts it among the closed ones, as the API does.
  const figures = await api('deputy', 'GET', '/proposals/figures');
  const mine = figures.deputies.find((d) => d.deputy_name.startsWith('孙丽华'));
  assert.ok(mine && mine.closed >= 1, 'the deputy\'s figures count the closed proposal');
  await click(page, 'menu-proposals');
  await page.getByRole('tab', { name: '三率统计' }).click();
  await expectVisible(page.getByTestId('figures-deputies').getByText(String(mine.closed), { exact: true }).first());
  await shot(page, 'proposal-figures.png');
});

test('a resident reads the answer to the proposal their appeal became', async (h) => {
  const { page, api, shot, expectText, expectVisible } = h;
  const refs = await loadRefs(api);
  const appeal = await api('registrar-s01', 'POST', '/appeals', {
    title: `端到端：小区门口缺少人行横道 ${Date.now() % 100000}`, content: '学生上学要横穿马路。', channel: 'deputy',
    region_id: refs.region.s01c01.id, category_id: refs.category.road_facility.id,
    appellant: { name: '吴女士', phone: '13800007890', anonymous: false },
  });
  const deputy = (await api('admin', 'GET', '/users?role=deputy')).items.find((u) => u.username === 'deputy');
  await api('coordinator-s01', 'POST', `/appeals/${appeal.id}/triage`, { route: 'escalate', note: '转代表建议', deputy_id: deputy.id });
  const detail = await api('coordinator-s01', 'GET', `/appeals/${appeal.id}`);
  const proposal = detail.timeline.at(-1).data.proposal_id;
  assert.ok(proposal, 'escalate made a draft proposal');
  await api('deputy', 'POST', `/proposals/${proposal}/submit`, {});
  await api('coordinator-s01', 'POST', `/proposals/${proposal}/assign`, { lead_unit_id: refs.department.transport.id });
  await api('handler-transport', 'POST', `/proposals/${proposal}/answer`, {
    category: 'B', content: '已纳入年度道路改造计划，将施划人行横道并设置信号灯。', follow_up_on: '2026-12-20',
  });
  await api('head-transport', 'POST', `/proposals/${proposal}/approve`, { approve: true });

  await page.goto(`/portal/track/${appeal.receipt_code}`);
  const section = page.getByTestId('track-proposal');
  await expectVisible(section, { what: 'the proposal answer on the tracking page' });
  await expectText(section, '施划人行横道');
  await expectText(section, '2026-12-20');
  await shot(page, 'portal-proposal-answer.png');
}, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
