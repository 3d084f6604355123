// 预约接访 and 民情日志: a resident books a reception slot on a phone and gets the booking code; a deputy logs a
// reception on the 民情日志 page and raises it into an appeal, linked both ways; the host receives the visitor.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { loadRefs } from './lib/refs.mjs';
import { chooseInCascader, choose, click, fill, fieldError } from './lib/ui.mjs';

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const TOPIC = '端到端：小区加装电梯协商';

test('a resident books a reception slot on a phone and sees the booking code', async (h) => {
  const { page, api, shot, expectText, expectVisible } = h;
  const refs = await loadRefs(api);
  const region = refs.region.s01c01.id;
  const slot = await api('deputy-s01', 'POST', '/reception-slots', {
    place: '东湖街道代表联络站', region_id: region, starts_at: '2026-11-28T09:00:00+08:00',
    ends_at: '2026-11-28T11:00:00+08:00', capacity: 3, topic: TOPIC,
  });

  await page.goto('/portal');
  await click(page, 'home-receptions');
  await page.waitForURL('**/portal/receptions');
  const card = page.getByTestId(`portal-slot-${slot.id}`);
  await expectVisible(card, { what: 'the new slot on the portal' });
  await expectText(card, TOPIC);
  await expectText(card, '剩余 3 个名额');
  await shot(page, 'portal-receptions.png');

  await card.getByTestId('slot-book').click();
  await expectVisible(page.getByTestId('booking-form'));
  await fill(page, 'field-name', '韩梅梅');
  await fill(page, 'field-phone', '12ab');
  await fill(page, 'field-topic', '加装电梯的费用怎么分摊');
  await click(page, 'booking-submit');
  await expectText(fieldError(page, 'field-phone'), '手机号码');
  await fill(page, 'field-phone', '13800007771');
  await click(page, 'booking-submit');

  await expectVisible(page.getByTestId('booking-success'));
  const code = (await page.getByTestId('booking-code').innerText()).trim();
  assert.match(code, /^[A-Z0-9]{8,}$/, `a booking code, got ${code}`);
  await shot(page, 'portal-booked.png');

  // Staff see it: the host with the name and phone, another deputy masked.
  const host = (await api('deputy-s01', 'GET', '/reception-slots')).items.find((s) => s.id === slot.id);
  const booking = host.bookings.find((b) => b.booking_code === code);
  assert.ok(booking, 'the host sees the booking');
  assert.equal(booking.name, '韩梅梅');
  assert.equal(booking.phone, '13800007771');
  const other = (await api('deputy', 'GET', '/reception-slots')).items.find((s) => s.id === slot.id);
  assert.equal(other.bookings.find((b) => b.booking_code === code).phone, '138****7771');

  // Back on the list, one place fewer.
  await click(page, 'booking-again');
  await expectText(page.getByTestId(`portal-slot-${slot.id}`), '剩余 2 个名额');
}, phone);

test('a deputy logs a reception, raises the appeal and receives a booked visitor', async (h) => {
  const { page, api, login, shot, expectText, expectVisible, expectHidden } = h;
  const refs = await loadRefs(api);
  const raised = `端到端：朝阳社区5栋楼道灯全部不亮 ${Date.now() % 100000}`;
  await login(page, 'deputy-s01');
  await click(page, 'menu-field-logs');
  await page.waitForURL('**/field-logs');
  await expectVisible(page.getByTestId('field-logs-table'));

  await click(page, 'field-log-add');
  const dialog = page.getByTestId('field-log-dialog');
  await expectVisible(dialog);
  await chooseInCascader(page, page.getByTestId('field-region'), '朝阳社区');
  await fill(page, 'field-place', '东湖街道代表联络站');
  await fill(page, 'field-people-names', '李雷、王芳');
  await page.getByTestId('field-people-count').locator('input').fill('2');
  await fill(page, 'field-raised', raised);
  await click(page, 'field-log-save');
  await expectHidden(dialog, { what: 'the dialog after saving' });

  const row = page.locator('.el-table__row', { hasText: raised }).first();
  await expectVisible(row, { what: 'the new log in the list' });
  await expectText(row, '李雷、王芳');
  await shot(page, 'field-logs.png');

  await row.getByTestId('field-log-raise').click();
  const raiseDialog = page.getByTestId('field-log-raise-dialog');
  await expectVisible(raiseDialog);
  await choose(page, 'field-category', '房屋质量与维修');
  await click(page, 'field-log-raise-save');
  await expectHidden(raiseDialog, { what: 'the raise dialog after saving' });
  const link = row.getByTestId('field-log-appeal');
  await expectVisible(link, { what: 'the link to the raised appeal' });

  // Linked both ways: the log names the appeal, the appeal its log; raised through the deputy channel.
  const logs = await api('deputy-s01', 'GET', '/field-logs?kind=reception&page_size=50');
  const log = logs.items.find((l) => l.raised === raised);
  assert.ok(log?.appeal_id, 'the log has its appeal');
  const appeal = await api('coordinator-s01', 'GET', `/appeals/${log.appeal_id}`);
  assert.equal(appeal.field_log_id, log.id);
  assert.equal(appeal.channel, 'deputy');
  assert.equal(appeal.content, raised);
  assert.equal(appeal.timeline[0].action, 'register');

  await link.click();
  await page.waitForURL(`**/appeals/${log.appeal_id}`);
  await expectVisible(page.getByTestId('appeal-field-log'), { what: 'the appeal naming its field log' });
  await shot(page, 'field-log-appeal.png');

  // 接访日程: a visitor booked on the API is received from the page.
  const region = refs.region.s01c01.id;
  const slot = await api('deputy-s01', 'POST', '/reception-slots', {
    place: '东湖街道代表联络站', region_id: region, starts_at: '2026-11-29T09:00:00+08:00',
    ends_at: '2026-11-29T11:00:00+08:00', capacity: 2, topic: '端到端：道路照明',
  });
  const booked = await api(null, 'POST', `/public/reception-slots/${slot.id}/bookings`, { name: '赵敏', phone: '13800007772', topic: '路灯' });
  await click(page, 'menu-receptions');
  await page.waitForURL('**/receptions');
  const card = page.getByTestId(`slot-${slot.id}`);
  await expectVisible(card);
  await expectText(card, booked.booking_code);
  await expectText(card, '13800007772');
  await shot(page, 'receptions.png');
  await card.getByTestId('booking-receive').click();
  const receive = page.getByTestId('receive-dialog');
  await expectVisible(receive);
  await click(page, 'receive-save');
  await expectHidden(receive, { what: 'the receive dialog after saving' });
  await expectText(card, '已接待');
  const received = (await api('deputy-s01', 'GET', '/field-logs?kind=reception&page_size=50')).items.find(
    (l) => l.people_names === '赵敏');
  assert.ok(received, 'the visitor received is on the deputy\'s field log');
  assert.ok(received.booking_id, 'the log names the booking it answered');
});
