// The whole story: a resident submits, the coordinator dispatches, the handler accepts and replies,
// a dissatisfied callback reopens the appeal, the handler replies again, a satisfied callback closes it,
// the resident reads the whole story by receipt code, and the numbers change.
//
// Every step is clicked in the pages; the API only double-checks what the pages show.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { appealByReceipt, loadRefs } from './lib/refs.mjs';
import { choose, click, fill } from './lib/ui.mjs';

const TITLE = '锦绣花园3栋楼道墙皮脱落';
const CONTENT = '朝阳社区锦绣花园3栋2单元楼道墙皮大面积脱落，老人孩子经过很危险，请尽快维修。';
const REPLY_1 = '已安排施工队于本周五前往锦绣花园3栋2单元查看，先行清理脱落墙皮。';
const REPLY_2 = '锦绣花园3栋2单元楼道墙面已全部铲除重新粉刷，经现场验收合格。';

function deptCounts(metrics, deptId) {
  const g = metrics.groups.find((x) => x.id === String(deptId));
  return g ? g.counts : { total: 0, closed: 0, reopened: 0, called_back: 0 };
}

test('submit, dispatch, reply, dissatisfied, reopen, reply again, satisfied, closed', async (h) => {
  const { api, newPage, login, shot, expectText, expectVisible, expectHidden, waitFor } = h;
  const refs = await loadRefs(api);
  const housing = refs.department.housing;
  const before = deptCounts(await api('supervisor', 'GET', '/metrics?group_by=department'), housing.id);

  // One browser context per person.
  const pages = {};
  async function as(user) {
    if (!pages[user]) {
      pages[user] = await newPage();
      await login(pages[user], user);
    }
    return pages[user];
  }

  async function status(page, expected) {
    await waitFor(async () => (await page.getByTestId('appeal-status').first().getAttribute('data-status')) === expected,
      { message: `appeal status ${expected}` });
  }

  // One lifecycle action through its dialog on the detail page.
  async function act(page, action, fillDialog, expectedStatus) {
    await click(page, `action-${action}`);
    const dialog = page.locator('.el-dialog').filter({ has: page.getByTestId('action-submit') });
    await expectVisible(dialog, { what: `the ${action} dialog` });
    if (fillDialog) await fillDialog(page);
    await click(page, 'action-submit');
    await expectHidden(dialog, { what: `the ${action} dialog closing` });
    await status(page, expectedStatus);
  }

  // Finds the appeal in the user's queue by its title and opens it.
  async function openFromQueue(page, tab) {
    await page.goto('/workbench');
    await expectVisible(page.getByTestId('queue-table'));
    if (tab) await click(page, `tab-${tab}`);
    await fill(page, 'filter-keyword', TITLE);
    await click(page, 'filter-search');
    const link = page.getByTestId('appeal-link').filter({ hasText: TITLE });
    await expectVisible(link, { what: `${TITLE} in the queue` });
    return link;
  }

  // The dashboard before: the total and the housing bureau's volume in the ranking.
  async function dashboardNumbers(page) {
    await page.goto('/dashboard');
    const total = page.getByTestId('stat-total').locator('.stat-value');
    const text = await waitFor(async () => {
      const t = (await total.innerText()).trim();
      return /^\d+$/.test(t) && t;
    }, { message: 'the dashboard total' });
    const row = page.getByTestId('ranking-table').locator('.el-table__body tr').filter({ hasText: housing.name });
    await expectVisible(row, { what: `${housing.name} in the ranking` });
    const cells = await row.first().locator('td').allInnerTexts();
    return { total: Number(text), housing: Number(cells[3].trim()) }; // 名次, 名称, 综合得分, 诉求量
  }
  const supervisor = await as('supervisor');
  const dashBefore = await dashboardNumbers(supervisor);

  // 1. The resident submits on the portal, on a phone, with name and phone for the callback.
  const resident = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await resident.goto('/portal/submit');
  await expectVisible(resident.getByTestId('field-title'));
  await fill(resident, 'field-name', '王女士');
  await fill(resident, 'field-phone', '13800001234');
  await choose(resident, 'field-street', '东湖街道');
  await choose(resident, 'field-community', '朝阳社区');
  await choose(resident, 'field-category', '房屋质量与维修');
  await fill(resident, 'field-address', '朝阳社区锦绣花园3栋2单元');
  await fill(resident, 'field-title', TITLE);
  await fill(resident, 'field-content', CONTENT);
  await click(resident, 'portal-submit-button');
  await expectVisible(resident.getByTestId('portal-submit-success'));
  const receipt = (await resident.getByTestId('receipt-code').innerText()).trim();
  const submitted = await appealByReceipt(api, receipt);
  assert.equal(submitted.channel, 'web');
  assert.equal(submitted.region_id, refs.region.s01c01.id);
  assert.equal(submitted.appellant.name, '王女士');
  const id = submitted.id;

  // 2. The coordinator finds it in the queue (received) and dispatches it to the housing bureau.
  const coordinator = await as('coordinator');
  const link = await openFromQueue(coordinator, 'received');
  await shot(coordinator, 'queue.png');
  await link.click();
  await coordinator.waitForURL(`**/appeals/${id}`);
  await expectText(coordinator.getByTestId('appeal-title'), TITLE);
  await expectText(coordinator.getByTestId('receipt-code'), receipt);
  await status(coordinator, 'received');
  let previewReply = '';
  const leader = (await api('coordinator', 'GET', '/users?role=leader')).items.find((u) => u.display_name === '赵建国（副区长）');
  assert.ok(leader, 'the coordinator may list the leaders');
  await act(coordinator, 'dispatch', async (p) => {
    // The lead unit defaults to the category's department; the dialog previews the deadlines.
    await expectText(p.getByTestId('field-lead_unit_id'), housing.name);
    previewReply = (await expectText(p.getByTestId('preview-reply'), /\d{4}-\d{2}-\d{2}/)).match(/\d{4}-\d{2}-\d{2}/)[0];
    await choose(p, 'field-case_owner_id', leader.display_name);
    await fill(p, 'field-note', '请住建局核查维修');
  }, 'dispatched');
  // The preview counted working days as the server does. A due at 00:00 is the end of the day before
  // (src/core/deadline.cpp), so compare the day of the last second before it, in China Standard Time.
  const dispatched = await api('coordinator', 'GET', `/appeals/${id}`);
  assert.equal(dispatched.case_owner_id, leader.id, 'the leader picked in the dialog owns the case');
  const lastSecond = new Date(new Date(dispatched.deadlines.reply_due).getTime() - 1000);
  const dueDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(lastSecond);
  assert.equal(dueDay, previewReply, `previewed reply deadline = the server's (${dispatched.deadlines.reply_due})`);

  // 3. The handler finds it among the dispatched, accepts, contacts the resident and replies.
  const handler = await as('handler-housing');
  await (await openFromQueue(handler, 'dispatched')).click();
  await handler.waitForURL(`**/appeals/${id}`);
  await act(handler, 'accept', null, 'accepted');
  await act(handler, 'contact', (p) => fill(p, 'field-note', '已电话联系王女士，约定周五上门查看'), 'in_progress');
  await act(handler, 'reply', (p) => fill(p, 'field-content', REPLY_1), 'replied');
  await expectText(handler.getByTestId('reply').first(), REPLY_1);

  // 4. The supervisor calls back: not resolved, dissatisfied → reopened.
  await supervisor.goto(`/appeals/${id}`);
  await status(supervisor, 'replied');
  await act(supervisor, 'callback', async (p) => {
    await click(p, 'resolved-no');
    await click(p, 'satisfaction-dissatisfied');
    await p.getByTestId('cause-not_solved').click();  // issue 12: the coded cause
    await fill(p, 'field-reason', '只清理了墙皮，没有修好');
  }, 'reopened');
  let appeal = await api('coordinator', 'GET', `/appeals/${id}`);
  assert.equal(appeal.reopen_count, 1);
  assert.deepEqual(appeal.callbacks.at(-1).causes.map((c) => c.cause), ['not_solved']);

  // 5. The coordinator dispatches it again; the handler replies again.
  await coordinator.goto(`/appeals/${id}`);
  await status(coordinator, 'reopened');
  await act(coordinator, 'dispatch', (p) => fill(p, 'field-note', '群众不满意，请彻底维修'), 'dispatched');
  await handler.goto(`/appeals/${id}`);
  await act(handler, 'accept', null, 'accepted');
  await act(handler, 'contact', (p) => fill(p, 'field-note', '再次上门与王女士确认维修方案'), 'in_progress');
  await act(handler, 'reply', (p) => fill(p, 'field-content', REPLY_2), 'replied');

  // 6. A satisfied callback closes it.
  await supervisor.goto(`/appeals/${id}`);
  await act(supervisor, 'callback', async (p) => {
    await click(p, 'resolved-yes');
    await click(p, 'satisfaction-satisfied');
  }, 'closed');
  await expectVisible(supervisor.getByTestId('no-actions').or(supervisor.getByTestId('action-reopen')));
  appeal = await api('coordinator', 'GET', `/appeals/${id}`);
  assert.equal(appeal.status, 'closed');
  assert.equal(appeal.replies.length, 2);
  assert.equal(appeal.callbacks.length, 2);
  assert.equal(await supervisor.getByTestId('reply').count(), 2);
  assert.equal(await supervisor.getByTestId('timeline-item').count(), appeal.timeline.length);
  await shot(supervisor, 'detail.png');

  // 7. The resident reads the whole story by receipt code, on a phone.
  await resident.goto('/portal/track');
  await resident.getByTestId('track-code').fill(receipt);
  await click(resident, 'track-submit');
  await resident.waitForURL(`**/portal/track/${receipt}`);
  await waitFor(async () => (await resident.getByTestId('track-status').getAttribute('data-status')) === 'closed',
    { message: 'the portal shows closed' });
  const replies = resident.getByTestId('track-reply');
  assert.equal(await replies.count(), 2);
  await expectText(replies.nth(0), REPLY_1);
  await expectText(replies.nth(1), REPLY_2);
  assert.equal(await resident.getByTestId('track-callback').count(), 2);
  const pub = await api(null, 'GET', `/public/appeals/${receipt}`);
  assert.equal(await resident.getByTestId('track-event').count(), pub.timeline.length);
  assert.deepEqual(pub.timeline.map((e) => e.to_status), ['received', 'dispatched', 'accepted', 'in_progress',
    'replied', 'reopened', 'dispatched', 'accepted', 'in_progress', 'replied', 'closed']);
  const story = await resident.getByTestId('track-timeline').innerText();
  assert.ok(!story.includes('王女士') && !story.includes('13800001234'), 'no personal data on the portal');
  await expectHidden(resident.getByTestId('rate-form'));
  await shot(resident, 'portal-story.png');

  // 8. The numbers: the dashboard counts one more appeal, one more for the housing bureau; the API agrees
  //    that it is closed and was reopened once.
  const dashAfter = await dashboardNumbers(supervisor);
  assert.equal(dashAfter.total, dashBefore.total + 1, 'dashboard total +1');
  assert.equal(dashAfter.housing, dashBefore.housing + 1, 'dashboard housing volume +1');
  await shot(supervisor, 'dashboard.png');
  const after = deptCounts(await api('supervisor', 'GET', '/metrics?group_by=department'), housing.id);
  assert.equal(after.total, before.total + 1, 'housing total +1');
  assert.equal(after.closed, before.closed + 1, 'housing closed +1');
  assert.equal(after.reopened, before.reopened + 1, 'housing reopened +1');
}, { timeoutMs: 180_000 });
