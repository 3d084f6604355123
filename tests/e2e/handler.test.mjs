// The handler's view: accept a dispatched appeal, record the first contact, ask for an extension (the dialog
// names what is missing), and return an appeal that is not the unit's, which goes back to the coordinator.
// Every step is clicked; the API's state and timeline are checked after each.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { dispatchAppeal, registerAppeal } from './lib/appeals.mjs';
import { loadRefs } from './lib/refs.mjs';
import { actionDialogs, click, field, fieldError, fill } from './lib/ui.mjs';

const HANDLER = 'handler-housing';

// A housing-quality appeal in 朝阳社区, dispatched through the API to the housing bureau.
async function dispatchedAppeal(api, refs, title) {
  const id = await registerAppeal(api, refs, title);
  await dispatchAppeal(api, refs, id);
  return id;
}

// Counts the POSTs the page sends to /api/v1/appeals/{id}/{action}.
function countPosts(page, id, action) {
  const seen = { n: 0 };
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === `/api/v1/appeals/${id}/${action}`) seen.n++;
  });
  return seen;
}

function helpers(h) {
  const { api, waitFor } = h;
  return {
    ...actionDialogs(h),
    // The appeal as the API has it once its timeline has `events` events, and the page shows them all.
    async settled(page, id, events) {
      const appeal = await waitFor(async () => {
        const a = await api(HANDLER, 'GET', `/appeals/${id}`);
        return a.timeline.length === events && a;
      }, { message: `${events} timeline events of appeal ${id}` });
      const actions = appeal.timeline.map((e) => e.action).join(',');
      await waitFor(async () => {
        const shown = await page.getByTestId('timeline-item').evaluateAll((els) => els.map((e) => e.dataset.action));
        return shown.join(',') === actions;
      }, { message: `the page's timeline = the API's ${actions}` });
      return appeal;
    },
  };
}

test('a handler accepts, contacts the resident and asks for an extension', async (h) => {
  const { page, api, login, waitFor, expectText, expectVisible } = h;
  const { open, submit, status, settled } = helpers(h);
  const refs = await loadRefs(api);
  const me = await api(HANDLER, 'GET', '/auth/me');
  const title = `楼道照明损坏${Date.now() % 1_000_000}`;
  const id = await dispatchedAppeal(api, refs, title);
  const before = await api(HANDLER, 'GET', `/appeals/${id}`);

  // Found in the handler's queue among the dispatched ones.
  await login(page, HANDLER);
  await expectVisible(page.getByTestId('queue-table'));
  await click(page, 'tab-dispatched');
  await fill(page, 'filter-keyword', title);
  await click(page, 'filter-search');
  const link = page.getByTestId('appeal-link').filter({ hasText: title });
  await expectVisible(link, { what: `${title} in the queue` });
  await link.click();
  await page.waitForURL(`**/appeals/${id}`);
  await status(page, 'dispatched');

  // Accept.
  await open(page, 'accept');
  await submit(page, 'accept');
  await status(page, 'accepted');
  let appeal = await settled(page, id, before.timeline.length + 1);
  assert.equal(appeal.status, 'accepted');
  assert.ok(appeal.accepted_at, 'accepted_at is set');
  let last = appeal.timeline.at(-1);
  assert.deepEqual([last.action, last.from_status, last.to_status, last.actor_id], ['accept', 'dispatched', 'accepted', me.id]);

  // Contact: the dialog wants the note; by visit.
  const contacts = countPosts(page, id, 'contact');
  await open(page, 'contact');
  await click(page, 'action-submit');
  await expectText(fieldError(page, 'field-note'), '请填写联系情况');
  assert.equal(contacts.n, 0, 'nothing sent without the note');
  await click(page, 'method-visit');
  await fill(page, 'field-note', '已上门查看楼道照明线路');
  await submit(page, 'contact');
  await status(page, 'in_progress');
  appeal = await settled(page, id, before.timeline.length + 2);
  assert.equal(appeal.status, 'in_progress');
  assert.ok(appeal.first_contact_at, 'first_contact_at is set');
  last = appeal.timeline.at(-1);
  assert.deepEqual([last.action, last.to_status, last.note, last.data.method], ['contact', 'in_progress', '已上门查看楼道照明线路', 'visit']);

  // Extension: without days and reason the dialog names both and sends nothing.
  const extensions = countPosts(page, id, 'extension');
  await open(page, 'extension');
  await field(page, 'field-days').fill('');
  await field(page, 'field-days').blur();
  await click(page, 'action-submit');
  await expectText(fieldError(page, 'field-days'), '请填写延期天数');
  await expectText(fieldError(page, 'field-reason'), '请填写延期理由');
  assert.equal(extensions.n, 0, 'nothing sent without days and reason');
  await field(page, 'field-days').fill('4');
  await field(page, 'field-days').blur();
  await fill(page, 'field-reason', '需等待物业采购灯具');
  await waitFor(async () => (await fieldError(page, 'field-days').count()) === 0, { message: 'the days error gone' });
  await submit(page, 'extension');
  await status(page, 'in_progress');
  appeal = await settled(page, id, before.timeline.length + 3);
  assert.equal(appeal.status, 'in_progress', 'asking for an extension does not change the state');
  assert.equal(appeal.extensions.length, 1);
  const [x] = appeal.extensions;
  assert.deepEqual([x.days, x.reason, x.status, x.requested_by], [4, '需等待物业采购灯具', 'pending', me.id]);
  last = appeal.timeline.at(-1);
  assert.deepEqual([last.action, last.note, last.data.days], ['extension', '需等待物业采购灯具', 4]);
  const asked = page.locator('[data-test="timeline-item"][data-action="extension"]');
  await expectText(asked, '需等待物业采购灯具');
  assert.ok(!(await asked.innerText()).includes('→'), 'asking for an extension is not shown as a change of state');
  const row = page.getByTestId('extensions').locator('.el-table__body tr');
  await expectText(row, '需等待物业采购灯具');
  await expectText(row, '待审批');
  assert.equal(await page.getByTestId('extension-approve').count(), 0, 'a handler does not decide extensions');
});

test('a handler returns an appeal with a reason and it is back in the coordinator\'s queue', async (h) => {
  const { page, newPage, api, login, waitFor, expectText, expectVisible } = h;
  const { open, submit, status, settled } = helpers(h);
  const refs = await loadRefs(api);
  const title = `小区绿化带被占${Date.now() % 1_000_000}`;
  const id = await dispatchedAppeal(api, refs, title);
  const before = await api(HANDLER, 'GET', `/appeals/${id}`);
  const returnedBefore = (await api('coordinator', 'GET', '/appeals?status=returned&page_size=1')).total;

  await login(page, HANDLER);
  await page.goto(`/appeals/${id}`);
  await status(page, 'dispatched');
  const returns = countPosts(page, id, 'return');
  await open(page, 'return');
  await click(page, 'action-submit');
  await expectText(fieldError(page, 'field-reason'), '请填写退单理由');
  assert.equal(returns.n, 0, 'nothing sent without the reason');
  await fill(page, 'field-reason', '绿化带占用属城管执法范围，非本局职责');
  await submit(page, 'return');
  await status(page, 'returned');
  await expectVisible(page.getByTestId('no-actions'));

  const appeal = await settled(page, id, before.timeline.length + 1);
  assert.equal(appeal.status, 'returned');
  const last = appeal.timeline.at(-1);
  assert.deepEqual([last.action, last.from_status, last.to_status, last.note],
    ['return', 'dispatched', 'returned', '绿化带占用属城管执法范围，非本局职责']);
  assert.ok(appeal.dispatches.every((d) => !d.active), 'the dispatch to the housing bureau has ended');

  // The coordinator: one more in 已退单, this one among them, ready to dispatch again.
  const returned = await api('coordinator', 'GET', '/appeals?status=returned&page_size=1');
  assert.equal(returned.total, returnedBefore + 1);
  const coordinator = await newPage();
  await login(coordinator, 'coordinator');
  const badge = coordinator.getByTestId('tab-returned').locator('.el-badge__content');
  await waitFor(async () => (await badge.count()) && Number((await badge.innerText()).trim()) === returned.total,
    { message: `已退单 badge ${returned.total}` });
  await click(coordinator, 'tab-returned');
  await fill(coordinator, 'filter-keyword', title);
  await click(coordinator, 'filter-search');
  const link = coordinator.getByTestId('appeal-link').filter({ hasText: title });
  await expectVisible(link, { what: `${title} among the returned` });
  await link.click();
  await coordinator.waitForURL(`**/appeals/${id}`);
  await expectVisible(coordinator.getByTestId('action-dispatch'));
  await expectText(coordinator.getByTestId('timeline'), '绿化带占用属城管执法范围，非本局职责');

  // The keyword box takes the resident's receipt code (查询码), typed in lower case, straight to the appeal.
  const code = await coordinator.getByTestId('receipt-code').innerText();
  await coordinator.goto('/workbench');
  await fill(coordinator, 'filter-keyword', code.toLowerCase());
  await click(coordinator, 'filter-search');
  await coordinator.waitForURL(`**/appeals/${id}`);
  await expectText(coordinator.getByTestId('receipt-code'), code);
});
