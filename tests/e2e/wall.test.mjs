// 回音墙 (issue 12, seed 004): a resident posts on the wall from a phone (390×844) without signing in, the post is
// not public until a moderator publishes it, the unit answers, and the resident comes back to the wall and
// reads the reply, marked 按时答复, with no phone number anywhere on the page. On the staff side a registrar
// works the moderation queue: publishes one post, hides another with a reason, and a handler answers in the
// reply dialog.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { loadRefs } from './lib/refs.mjs';
import { choose, click, fill, fieldError } from './lib/ui.mjs';

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

test('a resident posts on the wall on a phone and later reads the reply', async (h) => {
  const { page, api, shot, expectText, expectVisible, waitFor } = h;
  const content = `端到端：朝阳社区5栋门口垃圾桶满了没人清 ${Date.now() % 100000}`;
  const PHONE = '13800009301';

  await page.goto('/portal');
  await click(page, 'nav-wall');
  await page.waitForURL('**/portal/wall');
  await expectVisible(page.getByTestId('portal-wall'));
  await click(page, 'wall-open-form');
  await expectVisible(page.getByTestId('wall-form'));

  // Bad input first: no place, no content, a phone that is not one.
  await fill(page, 'wall-phone', '12ab');
  await click(page, 'wall-submit');
  await expectText(fieldError(page, 'wall-street'), '请选择所在街道');
  await expectText(fieldError(page, 'wall-content'), '请填写留言内容');
  await expectText(fieldError(page, 'wall-phone'), '手机号码');
  await shot(page, 'portal-wall-form-errors.png');

  await choose(page, 'wall-street', '东湖街道');
  await choose(page, 'wall-community', '朝阳社区');
  await choose(page, 'wall-category', '环境卫生');
  await fill(page, 'wall-content', content);
  await fill(page, 'wall-phone', PHONE);
  await click(page, 'wall-submit');
  const sent = page.getByTestId('wall-sent');
  await expectVisible(sent, { what: 'the thank-you after posting' });
  const id = Number((await sent.innerText()).match(/编号 (\d+)/)[1]);
  assert.ok(id > 0, 'the post number is shown');
  await shot(page, 'portal-wall-posted.png');

  // Not public before moderation.
  assert.equal(await page.getByTestId(`wall-post-${id}`).count(), 0, 'a pending post is not on the wall');
  const pub = await api(null, 'GET', '/public/wall?page_size=100');
  assert.ok(!pub.items.some((p) => p.id === id), 'nor in the public JSON');

  // The street's registrar publishes it (routed to the unit its category names), the unit answers.
  const queue = await api('registrar-s01', 'GET', '/wall?state=pending&page_size=100');
  const mine = queue.items.find((p) => p.id === id);
  assert.ok(mine, 'the registrar sees it in the queue');
  assert.equal(mine.phone, '138****9301', 'masked in the queue');
  const published = await api('registrar-s01', 'POST', `/wall/${id}/publish`, {});
  assert.equal(published.unit_name, '区城市管理局');
  await api('handler-urban', 'POST', `/wall/${id}/reply`, { content: '已安排环卫加密清运，并增设分类垃圾桶。' });

  // Later, the resident comes back to the wall on the same phone.
  await page.goto('/portal/wall');
  const card = page.getByTestId(`wall-post-${id}`);
  await expectVisible(card, { what: 'the published post on the wall' });
  await expectText(card, content);
  await expectText(card.getByTestId('wall-mine'), '我的留言');
  await expectText(card.getByTestId('wall-reply'), '已安排环卫加密清运');
  await expectText(card.getByTestId('wall-reply'), '区城市管理局');
  await expectText(card.getByTestId('wall-reply-status'), '按时答复');
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'portal-wall-reply.png');
  const text = await page.locator('body').innerText();
  assert.ok(!text.includes(PHONE) && !text.includes('9301'), 'no phone number on the wall');

  // Searching by street and category finds it; another street does not.
  await choose(page, 'wall-filter-street', '西岭镇');
  await waitFor(async () => (await page.getByTestId(`wall-post-${id}`).count()) === 0, { message: 'filtered out' });
  await choose(page, 'wall-filter-street', '东湖街道');
  await expectVisible(page.getByTestId(`wall-post-${id}`), { what: 'the post in its street' });
}, phone);

test('a registrar moderates the wall and a handler answers in the reply dialog', async (h) => {
  const { page, newPage, api, login, shot, expectText, expectVisible, expectHidden, waitFor } = h;
  const refs = await loadRefs(api);
  const stamp = Date.now() % 100000;
  const good = `端到端：明珠社区南门路灯不亮 ${stamp}`;
  const spam = `端到端：低价装修广告 ${stamp}`;
  const region = refs.region.s01c02.id;
  const category = refs.category.road_facility.id;
  const a = await api(null, 'POST', '/public/wall', { content: good, region_id: region, category_id: category });
  const b = await api(null, 'POST', '/public/wall', { content: spam, region_id: region });

  await login(page, 'registrar-s01');
  await click(page, 'menu-wall');
  await page.waitForURL('**/wall');
  await expectVisible(page.getByTestId('wall-table'));
  await expectVisible(page.getByTestId(`wall-row-${a.id}`), { what: 'the new post in 待审核' });
  await shot(page, 'wall-queue.png');

  // 公开: the dialog offers the unit; the category's unit is taken when none is chosen.
  await click(page, `wall-publish-${a.id}`);
  const dialog = page.getByTestId('wall-dialog');
  await expectVisible(dialog);
  await click(page, 'wall-save');
  await expectHidden(dialog, { what: 'the publish dialog closing' });
  await waitFor(async () => (await page.getByTestId(`wall-row-${a.id}`).count()) === 0, { message: 'published: left 待审核' });

  // 屏蔽 needs a reason.
  await click(page, `wall-hide-${b.id}`);
  await expectVisible(dialog);
  await click(page, 'wall-save');
  await expectText(fieldError(page, 'wall-field-reason'), '请填写屏蔽理由');
  await fill(page, 'wall-field-reason', '商业广告');
  await click(page, 'wall-save');
  await expectHidden(dialog, { what: 'the hide dialog closing' });
  await click(page, 'wall-tab-hidden');
  await expectVisible(page.getByTestId(`wall-row-${b.id}`), { what: 'the hidden post kept under 已屏蔽' });
  const hidden = await api('registrar-s01', 'GET', `/wall/${b.id}`);
  assert.equal(hidden.state, 'hidden');
  assert.equal(hidden.hide_reason, '商业广告');
  const pub = await api(null, 'GET', '/public/wall?page_size=100');
  assert.ok(!pub.items.some((p) => p.id === b.id), 'a hidden post is never public');

  // The unit answers in the reply dialog.
  const handler = await newPage();
  await login(handler, 'handler-transport');
  await click(handler, 'menu-wall');
  await handler.waitForURL('**/wall');
  await click(handler, 'wall-tab-published');
  await expectVisible(handler.getByTestId(`wall-row-${a.id}`), { what: 'the routed post in the unit queue' });
  await click(handler, `wall-reply-${a.id}`);
  const replyDialog = handler.getByTestId('wall-dialog');
  await expectVisible(replyDialog);
  await fill(handler, 'wall-field-content', '已更换南门路灯灯泡，恢复照明。');
  await shot(handler, 'wall-reply-dialog.png');
  await click(handler, 'wall-save');
  await expectHidden(replyDialog, { what: 'the reply dialog closing' });
  const replied = await api('registrar-s01', 'GET', `/wall/${a.id}`);
  assert.equal(replied.state, 'replied');
  assert.equal(replied.reply_in_time, true);
  assert.equal(replied.reply_author_label, '区交通运输局');
  await click(handler, 'wall-tab-replied');
  await expectText(handler.getByTestId(`wall-row-${a.id}`).locator('xpath=ancestor::tr'), '按时答复');
  await shot(handler, 'wall-replied.png');
});
