// The public portal on a phone: a resident submits an anonymous appeal, gets the receipt code, tracks it,
// reads the reply and rates it.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { appealByReceipt, loadRefs } from './lib/refs.mjs';
import { choose, click, fill, fieldError } from './lib/ui.mjs';

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const TITLE = '明珠社区南门路灯不亮';

// The submission form, or its load error (regions and categories come from /api/v1/public/*) as the failure.
async function formReady(page) {
  const form = page.getByTestId('field-title');
  const loadError = page.getByTestId('portal-load-error');
  await form.or(loadError).first().waitFor({ state: 'visible' });
  if (await loadError.isVisible()) throw new Error(`the portal form did not load: ${(await loadError.innerText()).trim()}`);
}

test('a resident submits anonymously on a phone and tracks the appeal', async (h) => {
  const { page, api, shot, expectText, expectVisible, expectHidden } = h;
  await page.goto('/portal');
  await expectVisible(page.getByTestId('portal-home'));
  await click(page, 'home-submit');
  await page.waitForURL('**/portal/submit');
  await formReady(page);

  await click(page, 'field-anonymous');
  await expectHidden(page.getByTestId('field-name'), { what: 'the name field of an anonymous appeal' });
  await choose(page, 'field-street', '东湖街道');
  await choose(page, 'field-community', '明珠社区');
  await choose(page, 'field-category', '道路设施');
  await fill(page, 'field-address', '明珠社区南门');
  await fill(page, 'field-title', TITLE);
  await fill(page, 'field-content', '明珠社区南门外的路灯已经坏了一周，晚上出行很不方便，请尽快修复。');
  await click(page, 'portal-submit-button');

  await expectVisible(page.getByTestId('portal-submit-success'));
  const code = (await page.getByTestId('receipt-code').innerText()).trim();
  assert.match(code, /^[A-Z0-9-]{6,}$/, `a receipt code, got ${code}`);
  await shot(page, 'portal-submitted.png');

  // The server has it: received, anonymous, in 明珠社区, no personal data on the public side.
  const pub = await api(null, 'GET', `/public/appeals/${code}`);
  assert.equal(pub.title, TITLE);
  assert.equal(pub.status, 'received');
  assert.equal(pub.appellant, undefined);

  // Track it from the success panel.
  await click(page, 'portal-track-new');
  await page.waitForURL(`**/portal/track/${code}`);
  await expectText(page.getByTestId('track-title'), TITLE);
  assert.equal(await page.getByTestId('track-status').getAttribute('data-status'), 'received');
  await expectVisible(page.getByTestId('track-no-reply'));
  assert.equal(await page.getByTestId('track-event').count(), 1);
  await expectHidden(page.getByTestId('rate-form'));
  await shot(page, 'portal.png');

  // And by typing the code on the home page (lower case is accepted).
  await page.goto('/portal');
  await page.getByTestId('home-code').fill(code.toLowerCase());
  await click(page, 'home-track');
  await page.waitForURL(`**/portal/track/${code}`);
  await expectText(page.getByTestId('track-title'), TITLE);

  // A code that does not exist.
  await page.getByTestId('track-code').fill('NOSUCHCODE1');
  await click(page, 'track-submit');
  await expectText(page.getByTestId('track-error'), '未找到');
}, phone);

test('the portal form names the missing fields', async ({ page, expectText, waitFor, shot }) => {
  await page.goto('/portal/submit');
  await formReady(page);
  await fill(page, 'field-content', '只写了内容，没有标题。');
  await click(page, 'portal-submit-button'); // at the bottom of the form, far below the first missing field
  await expectText(fieldError(page, 'field-title'), '请填写标题');
  await expectText(fieldError(page, 'field-street'), '请选择所在街道');
  await expectText(fieldError(page, 'field-category'), '请选择问题类别');
  await expectText(fieldError(page, 'field-name'), '请填写姓名');
  assert.equal(await fieldError(page, 'field-content').count(), 0, 'no error under the filled field');
  assert.equal(await page.getByTestId('portal-submit-success').count(), 0);

  // The page scrolled to the first missing field (姓名), and the sticky tab bar does not cover it.
  const box = async (locator) => locator.first().boundingBox();
  const nameItem = page.locator('.el-form-item', { has: page.getByTestId('field-name') });
  await waitFor(async () => {
    const [nav, item] = [await box(page.getByTestId('portal-nav')), await box(nameItem)];
    return item.y >= nav.y + nav.height && item.y + item.height <= 844;
  }, { message: 'the 姓名 field in view below the tab bar after 提交' });
  // Each message has its own line: a gap between it and the next field's label.
  const error = await box(fieldError(page, 'field-title'));
  const next = await box(page.locator('.el-form-item', { has: page.getByTestId('field-content') }).locator('.el-form-item__label'));
  assert.ok(next.y - (error.y + error.height) >= 12, `the error under 标题 ends ${next.y - (error.y + error.height)} px above the next label`);
  await shot(page, 'portal-submit-errors.png');
}, phone);

test('a resident reads the reply on a phone and rates it; the appeal closes', async (h) => {
  const { page, api, expectText, expectVisible, expectHidden, waitFor } = h;
  // A replied appeal, prepared through the API (the staff pages are covered by lifecycle.test.mjs).
  const refs = await loadRefs(api);
  const submitted = await api(null, 'POST', '/public/appeals', {
    title: '青山村自来水发黄', content: '青山村三组这两天自来水发黄，有异味。',
    region_id: refs.region.s02c01.id, category_id: refs.category.water_supply.id, appellant: { anonymous: true },
  });
  const code = submitted.receipt_code;
  const { id } = await appealByReceipt(api, code);
  await api('coordinator', 'POST', `/appeals/${id}/dispatch`, { lead_unit_id: refs.department.water.id });
  await api('handler-water', 'POST', `/appeals/${id}/accept`, {});
  await api('handler-water', 'POST', `/appeals/${id}/contact`, { note: '已上门查看' });
  const REPLY = '青山村三组供水管道已冲洗消毒，水质检测合格。';
  await api('handler-water', 'POST', `/appeals/${id}/reply`, { content: REPLY });

  await page.goto(`/portal/track/${code}`);
  await expectText(page.getByTestId('track-reply'), REPLY);
  await expectVisible(page.getByTestId('rate-form'));

  // Submitting without choosing is refused next to the fields.
  await click(page, 'rate-submit');
  await expectText(page.getByTestId('rate-form').locator('.el-form-item__error').first(), '请选择');

  await click(page, 'rate-resolved-yes');
  await click(page, 'rate-basically_satisfied');
  await click(page, 'rate-submit');
  await expectVisible(page.getByTestId('rate-done'));
  await waitFor(async () => (await page.getByTestId('track-status').getAttribute('data-status')) === 'closed',
    { message: 'the portal shows closed' });
  await expectHidden(page.getByTestId('rate-form'));
  assert.equal(await page.getByTestId('track-callback').count(), 1);

  const staff = await api('coordinator', 'GET', `/appeals/${id}`);
  assert.equal(staff.status, 'closed');
  assert.equal(staff.last_satisfaction, 'basically_satisfied');
}, phone);

test('the published numbers list each department for last month, as the staff metrics count them', async (h) => {
  const { page, api, expectVisible } = h;
  const refs = await loadRefs(api);
  await page.goto('/portal/numbers');
  const table = page.getByTestId('numbers-table');
  const problem = page.getByTestId('numbers-error').or(page.getByTestId('numbers-empty'));
  await table.or(problem).first().waitFor({ state: 'visible' });
  if (await problem.first().isVisible()) throw new Error(`no published numbers: ${(await problem.first().innerText()).trim()}`);

  const month = await page.getByTestId('numbers-month').inputValue(); // YYYY-MM, last month by default
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const staff = await api('supervisor', 'GET', `/metrics?from=${month}-01&to=${month}-${last}&group_by=department`);
  const expected = staff.groups.filter((g) => g.id !== '');
  assert.equal(await page.getByTestId('numbers-row').count(), expected.length, 'one row per department');

  const housing = expected.find((g) => g.id === String(refs.department.housing.id));
  assert.ok(housing, 'the demo has housing appeals last month');
  const row = page.getByTestId('numbers-row').filter({ hasText: refs.department.housing.name });
  await expectVisible(row);
  const cells = await row.locator('td').allInnerTexts();
  assert.equal(Number(cells[1]), housing.counts.total, '件数 as the staff metrics count it');
  await h.shot(page, 'portal-numbers.png');
}, phone);
