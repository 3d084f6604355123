// 实事项目投票 and 稳定风险评估 (issue 11, part C): a coordinator sets up a vote and prints a sheet of voter codes;
// a resident votes on a phone-size screen (375 px wide) with one of the codes — a wrong code and a reused code
// are refused — and after the coordinator closes the vote both see the results. A coordinator enters a risk
// survey and decides it at exactly two thirds: vetoed.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { chooseInCascader, click, clickAndConfirm, fill, fieldError } from './lib/ui.mjs';

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

test('a resident votes on a phone-size screen with a code from the printed sheet', async (h) => {
  const { page, newPage, api, login, shot, expectText, expectVisible, expectHidden, waitFor } = h;
  const title = `端到端：朝阳社区实事项目票决 ${Date.now() % 100000}`;

  // The coordinator creates the vote on the staff page: three projects, at most two on a ballot.
  await login(page, 'coordinator-s01');
  await click(page, 'menu-votes');
  await page.waitForURL('**/votes');
  await click(page, 'vote-add');
  const dialog = page.getByTestId('vote-dialog');
  await expectVisible(dialog);
  await fill(page, 'field-title', title);
  await chooseInCascader(page, page.getByTestId('field-region'), '朝阳社区');
  await fill(page, 'field-option-0', '加装电梯');
  await fill(page, 'field-option-1', '口袋公园');
  await click(page, 'option-add');
  await fill(page, 'field-option-2', '增设快递柜');
  await page.getByTestId('field-max-choices').locator('input').fill('2');
  await click(page, 'vote-save');
  await expectHidden(dialog, { what: 'the vote dialog after saving' });

  const vote = (await api('coordinator-s01', 'GET', '/votes')).items.find((v) => v.title === title);
  assert.ok(vote, 'the vote was created');
  assert.equal(vote.status, 'open', 'a vote without opens_at opens at once');
  assert.equal(vote.max_choices, 2);
  const card = page.getByTestId(`vote-${vote.id}`);
  await expectText(card.getByTestId('vote-status'), '投票中');
  await shot(page, 'votes.png');

  // 打印投票码: three codes on a sheet of their own.
  await card.getByTestId('vote-codes').click();
  await expectVisible(page.getByTestId('issue-dialog'));
  await page.getByTestId('field-count').locator('input').fill('3');
  await click(page, 'issue-save');
  await page.waitForURL(`**/votes/${vote.id}/codes`);
  await waitFor(async () => (await page.getByTestId('sheet-code').count()) === 3, { message: 'three slips on the sheet' });
  const codes = (await page.getByTestId('sheet-code').allInnerTexts()).map((c) => c.trim());
  for (const code of codes) assert.match(code, /^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/, `a printed code, got ${code}`);
  await shot(page, 'vote-codes-sheet.png');

  // The resident, on a 375 px phone.
  const phone = await newPage(PHONE);
  await phone.goto('/portal');
  await click(phone, 'nav-votes');
  await phone.waitForURL('**/portal/votes');
  const open = phone.getByTestId(`portal-vote-${vote.id}`);
  await expectVisible(open, { what: 'the open vote on the portal' });
  await expectText(open, '每票最多选 2 个');
  await open.getByTestId('vote-start').click();
  await expectVisible(phone.getByTestId('ballot-form'));
  const [p1, p2, p3] = vote.options.map((o) => o.id);
  await phone.getByTestId(`choice-${p1}`).click();
  await phone.getByTestId(`choice-${p3}`).click();
  // Two chosen: the third project cannot be ticked.
  assert.equal(await phone.getByTestId(`choice-${p2}`).locator('input').isDisabled(), true, 'a third choice is disabled');
  await fill(phone, 'ballot-code', 'ZZZZZ-ZZZZZ');
  await click(phone, 'ballot-submit');
  await expectText(fieldError(phone, 'ballot-code'), '投票码无效');
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `the ballot fits the 375 px screen (scroll width ${width})`);
  await fill(phone, 'ballot-code', codes[0].toLowerCase());
  await shot(phone, 'portal-ballot.png');
  await click(phone, 'ballot-submit');
  await expectVisible(phone.getByTestId('ballot-success'), { what: 'the ballot accepted' });
  await shot(phone, 'portal-voted.png');

  // The same code again: refused, counted once.
  await click(phone, 'ballot-back');
  await phone.getByTestId(`portal-vote-${vote.id}`).getByTestId('vote-start').click();
  await phone.getByTestId(`choice-${p2}`).click();
  await fill(phone, 'ballot-code', codes[0]);
  await click(phone, 'ballot-submit');
  await expectText(phone.getByTestId('ballot-error'), '已经投过票');

  // The coordinator closes it and sees the results (ECharts bars and the table).
  await page.goto('/votes');
  const closing = page.getByTestId(`vote-${vote.id}`);
  await expectText(closing, '已投 1');
  await clickAndConfirm(page, closing.getByTestId('vote-close'));
  const panel = closing.getByTestId('vote-results-panel');
  await expectVisible(panel, { what: 'the results after closing' });
  await expectText(panel.getByTestId('results-turnout'), '1');
  await expectVisible(panel.locator('canvas').first(), { what: 'the bar chart' });
  await shot(page, 'vote-results.png');

  const results = await api(null, 'GET', `/public/votes/${vote.id}/results`);
  assert.equal(results.turnout, 1);
  assert.deepEqual(results.options.map((o) => [o.id, o.votes, o.chosen]), [[p1, 1, true], [p2, 0, false], [p3, 1, true]]);

  // And the resident sees them on the phone.
  await phone.goto('/portal/votes');
  const done = phone.getByTestId(`portal-result-${vote.id}`);
  await expectVisible(done.getByTestId('vote-results'), { what: 'the results on the portal' });
  await expectText(done, '投票人数 1 人');
  await expectText(done.getByTestId(`result-${p1}`), '入选');
  await done.scrollIntoViewIfNeeded();
  await shot(phone, 'portal-vote-results.png');
}, { timeoutMs: 120_000 });

test('a coordinator enters a risk survey and decides it at exactly two thirds: vetoed', async (h) => {
  const { page, api, login, shot, expectText, expectVisible } = h;
  const title = `端到端：朝阳社区停车场改建评估 ${Date.now() % 100000}`;
  const regions = await api('coordinator-s01', 'GET', '/regions');
  const region = regions.items.find((r) => r.code === 's01c01').id;
  const created = await api('coordinator-s01', 'POST', '/risk-assessments', { title, region_id: region });

  await login(page, 'coordinator-s01');
  await click(page, 'menu-risk-assessments');
  await page.waitForURL('**/risk-assessments');
  const card = page.getByTestId(`risk-${created.id}`);
  await expectVisible(card);
  // Three questionnaires: two supporters (5 and 4), one not (2) — exactly two thirds.
  await card.getByTestId('risk-respond').click();
  const dialog = page.getByTestId('answer-dialog');
  await expectVisible(dialog);
  for (const support of ['5', '4', '2']) {
    for (const [field, score] of [['field-support', support], ['field-satisfaction', '4'], ['field-confidence', '3']])
      await dialog.getByTestId(field).getByText(score, { exact: true }).click();
    await click(page, 'answer-save');
    await expectText(card.getByTestId('risk-respondents'), String(['5', '4', '2'].indexOf(support) + 1));
  }
  await page.keyboard.press('Escape');
  await expectText(card.getByTestId('risk-share'), '66.7%');
  await card.getByTestId('risk-decide').click();
  await expectText(page.locator('.el-message-box'), '否决');
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await expectText(card.getByTestId('risk-status'), '否决');
  await shot(page, 'risk-assessments.png');

  const decided = await api('coordinator-s01', 'GET', `/risk-assessments/${created.id}`);
  assert.equal(decided.status, 'vetoed');
  assert.equal(decided.supporters, 2);
  assert.equal(decided.respondents, 3);
  // The demo's vetoed assessment is on the page too.
  await expectVisible(page.locator('[data-test^="risk-"]', { hasText: '朝阳社区垃圾中转站迁建稳定风险评估' }).first());
});
