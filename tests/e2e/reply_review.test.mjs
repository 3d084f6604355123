// Issue 12: an assisting unit gives its opinion from its queue, the lead unit's handler drafts the reply (民政局
// reviews its replies in the demo), and the unit head approves it from the 待审核答复 tab: only then is the
// appeal replied. Every step is clicked; the API's state is checked after each.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { registerAppeal } from './lib/appeals.mjs';
import { loadRefs } from './lib/refs.mjs';
import { actionDialogs, click, fill } from './lib/ui.mjs';

test('an assisting unit gives its opinion and the unit head approves the drafted reply', async (h) => {
  const { page, newPage, api, login, shot, waitFor, expectText, expectVisible } = h;
  const { open, submit, status } = actionDialogs(h);
  const refs = await loadRefs(api);
  assert.equal(refs.department.civil.review_replies, true, 'the demo has civil review its replies');
  const title = `独居老人申请助餐服务${Date.now() % 1_000_000}`;
  const id = await registerAppeal(api, refs, title, { category: 'elderly_care' });
  await api('coordinator', 'POST', `/appeals/${id}/dispatch`, {
    lead_unit_id: refs.department.civil.id, assisting_unit_ids: [refs.department.market.id],
  });
  await api('handler-civil', 'POST', `/appeals/${id}/accept`, {});
  await api('handler-civil', 'POST', `/appeals/${id}/contact`, { note: '已电话联系诉求人' });

  // The assisting unit finds it under 待提协办意见 and gives its opinion.
  await login(page, 'handler-market');
  await click(page, 'tab-awaiting-opinion');
  await fill(page, 'filter-keyword', title);
  await click(page, 'filter-search');
  const link = page.getByTestId('appeal-link').filter({ hasText: title });
  await expectVisible(link, { what: `${title} among the appeals waiting for the market's opinion` });
  await link.click();
  await page.waitForURL(`**/appeals/${id}`);
  await expectVisible(page.getByTestId('opinions-missing'));
  await open(page, 'opinion');
  await fill(page, 'field-content', '已核查社区周边 3 家助餐点的食品经营许可，均在有效期内，可就近安排。');
  await shot(page, 'opinion-dialog.png');
  await submit(page, 'opinion');
  await expectText(page.getByTestId('opinion-status').first(), '已提交');
  await shot(page, 'opinion-given.png');

  // The lead unit's handler replies: a draft for the head.
  const handler = await newPage();
  await login(handler, 'handler-civil');
  await handler.goto(`/appeals/${id}`);
  await open(handler, 'reply');
  await expectVisible(handler.getByTestId('reply-review-hint'));
  await fill(handler, 'field-content', `关于“${title}”：已为老人登记社区助餐服务，每日午餐由就近助餐点送餐上门。`);
  await submit(handler, 'reply');
  await expectVisible(handler.getByTestId('review-pending'), { what: 'the draft waiting for the head' });
  await status(handler, 'in_progress');
  await shot(handler, 'reply-drafted.png');
  let appeal = await api('handler-civil', 'GET', `/appeals/${id}`);
  assert.equal(appeal.status, 'in_progress');
  assert.equal(appeal.replies.length, 0);
  assert.equal(appeal.reply_reviews.at(-1).status, 'pending');

  // The head finds it under 待审核答复, reads the draft and approves it.
  const head = await newPage();
  await login(head, 'head-civil');
  await click(head, 'tab-awaiting-review');
  await fill(head, 'filter-keyword', title);
  await click(head, 'filter-search');
  const headLink = head.getByTestId('appeal-link').filter({ hasText: title });
  await expectVisible(headLink, { what: `${title} waiting for review` });
  await shot(head, 'head-queue.png');
  await headLink.click();
  await head.waitForURL(`**/appeals/${id}`);
  await open(head, 'approve_reply');
  await expectText(head.getByTestId('pending-draft'), '助餐服务');
  await fill(head, 'field-note', '同意发出');
  await shot(head, 'approve-dialog.png');
  await submit(head, 'approve_reply');
  await status(head, 'replied');
  await expectText(head.getByTestId('reply').first(), '送餐上门');
  await expectText(head.getByTestId('reply-review-status').first(), '已审核通过');
  await shot(head, 'reply-approved.png');

  appeal = await waitFor(async () => {
    const a = await api('coordinator', 'GET', `/appeals/${id}`);
    return a.status === 'replied' && a;
  }, { message: 'the appeal replied' });
  assert.deepEqual(appeal.timeline.slice(-3).map((e) => e.action), ['opinion', 'reply_drafted', 'reply_approved']);
  assert.equal(appeal.replies.length, 1);
});

test('the admin switches reply review for a department', async (h) => {
  const { page, api, login, shot, waitFor, expectVisible } = h;
  await login(page, 'admin');
  await page.goto('/admin?tab=regions');
  const sw = page.getByTestId('review-replies-water');
  await expectVisible(sw, { what: 'the water bureau review switch' });
  await sw.click();
  await waitFor(async () => {
    const d = (await api('admin', 'GET', '/departments')).items.find((x) => x.code === 'water');
    return d.review_replies === true;
  }, { message: 'water reviews its replies' });
  await shot(page, 'admin-review-switch.png');
  await sw.click();
  await waitFor(async () => {
    const d = (await api('admin', 'GET', '/departments')).items.find((x) => x.code === 'water');
    return d.review_replies === false;
  }, { message: 'water no longer reviews' });
});
