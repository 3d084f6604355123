// 回访: the supervisor's call list is the API's replied appeals (server pages, soonest resolve deadline
// first, filters), with the appellant to call; a recorded callback reopens or closes the appeal and it
// leaves the list. Other roles have no such page.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { dispatchAppeal, registerAppeal, replyToAppeal } from './lib/appeals.mjs';
import { loadRefs } from './lib/refs.mjs';
import { choose, click, fieldError, fill } from './lib/ui.mjs';

const PHONE = '13800002468';

// A housing-quality appeal in 朝阳社区 driven through the API to `replied` by the housing bureau.
async function repliedAppeal(api, refs, title, appellant) {
  const id = await registerAppeal(api, refs, title, { appellant });
  await dispatchAppeal(api, refs, id);
  await replyToAppeal(api, id);
  return id;
}

// The appeal ids of the rows shown, in order.
async function shownIds(page) {
  const tags = await page.locator('[data-test^="callback-row-"]').evaluateAll((els) => els.map((e) => e.dataset.test));
  return tags.map((t) => Number(t.slice('callback-row-'.length)));
}

function row(page, id) {
  return page.locator('.el-table__row').filter({ has: page.getByTestId(`callback-row-${id}`) });
}

async function search(page, keyword) {
  await fill(page, 'filter-keyword', keyword);
  await click(page, 'filter-search');
}

test('the call list shows the API\'s replied appeals in its order, paged and filtered on the server', async (h) => {
  const { page, api, login, waitFor, expectText, expectVisible, shot } = h;
  const refs = await loadRefs(api);
  const tag = `回访名单${Date.now() % 1_000_000}`;
  const named = await repliedAppeal(api, refs, `${tag}锦绣花园漏水`, { name: '孙女士', phone: PHONE, anonymous: false });
  const anonymous = await repliedAppeal(api, refs, `${tag}明珠小区外墙`, { anonymous: true });

  // More than one page of them, so that the second page has to come from the server.
  let total = (await api('supervisor', 'GET', '/appeals?status=replied&page_size=1')).total;
  for (; total <= 20; total++) {
    await repliedAppeal(api, refs, `回访分页${total}`, { name: '吴先生', phone: '13800003579', anonymous: false });
  }
  const first = await api('supervisor', 'GET', '/appeals?status=replied&sort=due&page=1&page_size=20');
  const second = await api('supervisor', 'GET', '/appeals?status=replied&sort=due&page=2&page_size=20');
  assert.equal(first.total, total);

  await login(page, 'supervisor');
  const requests = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/appeals?') && new URL(page.url()).pathname === '/callbacks') requests.push(new URL(r.url()).searchParams);
  });
  await click(page, 'menu-callbacks');
  await page.waitForURL('**/callbacks');
  await expectVisible(page.getByTestId('callbacks-table'));
  await waitFor(async () => (await shownIds(page)).join(',') === first.items.map((a) => a.id).join(','),
    { message: `page 1 = the API's ${first.items.map((a) => a.id).join(',')}` });
  await expectText(page.getByTestId('callbacks-pagination'), `共 ${first.total} 条`);
  await shot(page, 'callbacks.png');
  await page.getByTestId('callbacks-pagination').locator('.btn-next').click();
  await waitFor(async () => (await shownIds(page)).join(',') === second.items.map((a) => a.id).join(','),
    { message: `page 2 = the API's ${second.items.map((a) => a.id).join(',')}` });
  assert.ok(requests.some((q) => q.get('page') === '2'), 'page 2 was asked of the server');
  assert.ok(requests.every((q) => q.get('status') === 'replied' && q.get('sort') === 'due' && q.get('page_size') === '20'),
    'every request asks for replied appeals in the work order');

  // A street and a category: the rows the API has for them.
  const s02 = refs.region.s02;
  const byStreet = await api('supervisor', 'GET', `/appeals?status=replied&sort=due&region_id=${s02.id}&page_size=20`);
  await choose(page, 'filter-street', s02.name);
  await waitFor(async () => (await shownIds(page)).join(',') === byStreet.items.map((a) => a.id).join(','),
    { message: `the ${byStreet.items.length} replied appeals of ${s02.name}` });
  await click(page, 'filter-reset');
  const category = refs.category.housing_quality;
  const byCategory = await api('supervisor', 'GET', `/appeals?status=replied&sort=due&category_id=${category.id}&page_size=20`);
  assert.ok(byCategory.items.some((a) => a.id === named), 'this test\'s appeal is in its category');
  await choose(page, 'filter-category', category.name);
  await waitFor(async () => (await shownIds(page)).join(',') === byCategory.items.map((a) => a.id).join(','),
    { message: `the ${byCategory.items.length} replied appeals of ${category.name}` });

  // The keyword finds this test's two: the named one with name and phone in full, the anonymous one without.
  await search(page, tag);
  await waitFor(async () => (await shownIds(page)).sort().join(',') === [named, anonymous].sort().join(','),
    { message: 'the two appeals of this test' });
  await expectText(row(page, named).getByTestId('callback-appellant'), '孙女士');
  await expectText(row(page, named).getByTestId('callback-phone'), PHONE);
  await expectText(row(page, anonymous).getByTestId('callback-appellant'), '匿名');
  assert.equal(await row(page, anonymous).getByTestId('callback-phone').count(), 0, 'no phone for an anonymous appeal');
  await expectText(row(page, named), '区住房和城乡建设局');
  const detail = await api('supervisor', 'GET', `/appeals/${named}`);
  await expectText(row(page, named), detail.replied_at.slice(0, 16).replace('T', ' '));
  // The reply the resident is asked about, as the API has it.
  await expectText(row(page, named).getByTestId('callback-reply'), detail.replies.at(-1).content);

  // Nothing matches: the empty state.
  await search(page, `${tag}没有这样的诉求`);
  await expectText(page.getByTestId('callbacks-empty'), '暂无待回访诉求');
  await page.getByTestId('appeal-link').first().waitFor({ state: 'detached' });
});

test('a dissatisfied callback reopens the appeal, a satisfied one closes it; both leave the list', async (h) => {
  const { page, api, login, waitFor, expectText, expectVisible, expectHidden } = h;
  const refs = await loadRefs(api);
  const tag = `回访记录${Date.now() % 1_000_000}`;
  const unhappy = await repliedAppeal(api, refs, `${tag}楼顶渗水`, { name: '钱先生', phone: '13800001357', anonymous: false });
  const happy = await repliedAppeal(api, refs, `${tag}单元门损坏`, { name: '周女士', phone: '13800002469', anonymous: false });

  await login(page, 'supervisor');
  await page.goto('/callbacks');
  await expectVisible(page.getByTestId('callbacks-table'));
  await search(page, tag);
  await waitFor(async () => (await shownIds(page)).length === 2, { message: 'the two appeals of this test' });
  const dialog = page.locator('.el-dialog').filter({ has: page.getByTestId('action-submit') });

  // Dissatisfied: a reason, then it reopens. The dialog first names the missing choices.
  await row(page, unhappy).getByTestId('callback-record').click();
  await expectVisible(dialog, { what: 'the callback dialog' });
  await click(page, 'action-submit');
  await expectText(fieldError(page, 'field-resolved'), '请选择是否解决');
  await expectText(fieldError(page, 'field-satisfaction'), '请选择满意度');
  await click(page, 'resolved-no');
  await click(page, 'satisfaction-dissatisfied');
  await fill(page, 'field-reason', '只来看过一次，渗水没有修好');
  // Issue 12: a dissatisfied callback names its causes (推诿扯皮 … from the server's list).
  await click(page, 'action-submit');
  await expectText(fieldError(page, 'field-causes'), '请选择不满意的原因');
  await page.getByTestId('cause-late_or_perfunctory').click();
  await page.getByTestId('cause-not_solved').click();
  await expectHidden(fieldError(page, 'field-causes'), { what: 'the causes message once a cause is ticked' });
  await h.shot(page, 'callback-causes.png');
  await click(page, 'action-submit');
  await expectHidden(dialog, { what: 'the callback dialog closing' });
  await waitFor(async () => (await shownIds(page)).join(',') === String(happy), { message: 'only the other appeal left' });
  const reopened = await api('supervisor', 'GET', `/appeals/${unhappy}`);
  assert.equal(reopened.status, 'reopened');
  assert.equal(reopened.callbacks.length, 1);
  assert.deepEqual(
    { resolved: reopened.callbacks[0].resolved, satisfaction: reopened.callbacks[0].satisfaction, reason: reopened.callbacks[0].reason },
    { resolved: false, satisfaction: 'dissatisfied', reason: '只来看过一次，渗水没有修好' },
  );
  assert.deepEqual(reopened.callbacks[0].causes.map((c) => c.label), ['答复不及时或敷衍', '问题未解决']);
  const last = reopened.timeline.at(-1);
  assert.deepEqual([last.action, last.from_status, last.to_status], ['callback', 'replied', 'reopened']);

  // Satisfied: it closes, and the list is empty.
  await row(page, happy).getByTestId('callback-record').click();
  await expectVisible(dialog, { what: 'the callback dialog' });
  await click(page, 'resolved-yes');
  await click(page, 'satisfaction-satisfied');
  await click(page, 'action-submit');
  await expectHidden(dialog, { what: 'the callback dialog closing' });
  await expectText(page.getByTestId('callbacks-empty'), '暂无待回访诉求');
  const closed = await api('supervisor', 'GET', `/appeals/${happy}`);
  assert.equal(closed.status, 'closed');
  assert.deepEqual([closed.callbacks.length, closed.callbacks[0].resolved, closed.callbacks[0].satisfaction], [1, true, 'satisfied']);
  assert.equal(closed.timeline.at(-1).to_status, 'closed');
  const still = await api('supervisor', 'GET', `/appeals?status=replied&q=${encodeURIComponent(tag)}`);
  assert.equal(still.total, 0, 'neither is replied any more');
});

test('a handler has no call list: no menu entry, and /callbacks is the 403 page', async ({ page, login, expectVisible }) => {
  await login(page, 'handler-housing');
  await expectVisible(page.getByTestId('menu-workbench'));
  assert.equal(await page.getByTestId('menu-callbacks').count(), 0, 'no 回访 in the menu');
  await page.goto('/callbacks');
  await expectVisible(page.getByTestId('forbidden'));
  assert.equal(await page.getByTestId('callbacks-table').count(), 0);
});

// Issue 14: a reply of courtesies only is flagged, with the server's reasons, on the call list and in the detail;
// a reply that answers is not.
test('the call list and the detail flag a reply that says nothing', async ({ page, api, login, waitFor, expectVisible, shot }) => {
  const refs = await loadRefs(api);
  const empty = await registerAppeal(api, refs, '楼顶防水层破损漏雨');
  await dispatchAppeal(api, refs, empty);
  await replyToAppeal(api, empty, 'handler-housing', '您好！您的留言已收悉，感谢您对我们工作的支持。');
  const answered = await registerAppeal(api, refs, '单元门禁损坏无法关闭');
  await dispatchAppeal(api, refs, answered);
  await replyToAppeal(api, answered, 'handler-housing', '经现场查看，单元门禁电磁锁损坏，物业已于今日更换门禁锁，现已恢复正常。');

  const detail = await api('supervisor', 'GET', `/appeals/${empty}`);
  const flaws = detail.replies.at(-1).flaws;
  assert.deepEqual(flaws.map((f) => f.code), ['too_short', 'no_own_words', 'no_specifics']);
  assert.deepEqual((await api('supervisor', 'GET', `/appeals/${answered}`)).replies.at(-1).flaws, []);

  await login(page, 'supervisor');
  await page.goto('/callbacks');
  await search(page, '漏雨');
  const flagged = row(page, empty).getByTestId('reply-flaws');
  await expectVisible(flagged);
  for (const f of flaws) await expectVisible(flagged.locator(`[data-flaw="${f.code}"]`));
  await shot(page, 'callbacks-reply-flaws');
  await search(page, '门禁');
  await waitFor(async () => (await shownIds(page)).includes(answered), { message: 'the answered appeal listed' });
  assert.equal(await row(page, answered).getByTestId('reply-flaws').count(), 0, 'an answer is not flagged');

  await page.goto(`/appeals/${empty}`);
  await expectVisible(page.getByTestId('reply').getByTestId('reply-flaws'));
});
