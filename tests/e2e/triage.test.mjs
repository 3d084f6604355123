// Triage (coordinator): dispatch with a lead and assisting units and the deadline preview (working days on
// the calendar's holidays), and each route of the triage dialog (deliberate, escalate, explain, merge,
// reject), every result checked against the API.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';
import { registerAppeal } from './lib/appeals.mjs';
import { loadRefs } from './lib/refs.mjs';
import { testNow } from './lib/server.mjs';
import { actionDialogs, choose, click, field, fieldError, fill } from './lib/ui.mjs';

// What the triage dialog offers, and the state each route leads to (docs/api.md "Transitions").
const ROUTES = {
  转协商议事: { route: 'deliberate', status: 'deliberating' },
  转建议提案: { route: 'escalate', status: 'escalated' },
  解释说明: { route: 'explain', status: 'explaining' },
  合并到其他诉求: { route: 'merge', status: 'merged' },
  不予受理: { route: 'reject', status: 'rejected' },
};

function receivedAppeal(api, refs, title, category = 'housing_quality') {
  return registerAppeal(api, refs, title, {
    region: 's01c02',
    category,
    channel: 'walk_in',
    appellant: { name: '冯女士', phone: '13800007531', anonymous: false },
  });
}

// Working-day arithmetic over the API's calendar (GET /calendar), counted independently of the page:
// weekends are off unless marked as make-up workdays, marked holidays are off.
async function calendarOf(api, years) {
  const marks = new Map();
  for (const year of years) for (const d of (await api('coordinator', 'GET', `/calendar?year=${year}`)).items) marks.set(d.day, d);
  const next = (day) => new Date(Date.parse(day + 'T00:00:00Z') + 86_400_000).toISOString().slice(0, 10);
  const working = (day) => (marks.has(day) ? marks.get(day).kind === 'workday' : ![0, 6].includes(new Date(day + 'T00:00:00Z').getUTCDay()));
  return {
    marks,
    next,
    add(day, n) {
      let d = day;
      for (let left = n; left > 0; ) { d = next(d); if (working(d)) left--; }
      return d;
    },
    between(from, to) {
      let n = 0;
      for (let d = next(from); d <= to; d = next(d)) if (working(d)) n++;
      return n;
    },
  };
}

const chinaDay = (date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(date);
// A due instant at 00:00 is the end of the day before it (src/core/deadline.cpp).
const dueDay = (iso) => chinaDay(new Date(Date.parse(iso) - 1000));

test('dispatch with a lead and two assisting units, on a reply deadline picked in the preview', async (h) => {
  const { page, api, login, expectText, expectVisible } = h;
  const { open, submit, status } = actionDialogs(h);
  const refs = await loadRefs(api);
  const category = refs.category.noise;
  const [lead, env, police] = [refs.department.urban, refs.department.environment, refs.department.police];
  const id = await receivedAppeal(api, refs, `夜市烧烤噪音油烟${Date.now() % 1_000_000}`, 'noise');
  const today = chinaDay(testNow());
  const cal = await calendarOf(api, [Number(today.slice(0, 4)), Number(today.slice(0, 4)) + 1]);

  await login(page, 'coordinator');
  await page.goto(`/appeals/${id}`);
  await status(page, 'received');
  await open(page, 'dispatch');
  // The category's unit leads by default; the preview counts the category's working days from today.
  await expectText(page.getByTestId('field-lead_unit_id'), env.name);
  const preview = page.getByTestId('deadline-preview');
  await expectText(preview, `今日（${today}）`);
  await expectText(page.getByTestId('preview-reply'), `答复 ${cal.add(today, category.reply_days)}`);
  await expectText(preview, `（${category.reply_days} 个工作日）`);
  await expectText(preview, `办结 ${cal.add(today, category.resolve_days)}`);

  await choose(page, 'field-lead_unit_id', lead.name);
  await choose(page, 'field-assisting_unit_ids', env.name);
  await choose(page, 'field-assisting_unit_ids', police.name);
  // A reply deadline three weeks out: the preview shows it and its working days on the calendar.
  const deadline = new Date(Date.parse(today + 'T00:00:00Z') + 21 * 86_400_000).toISOString().slice(0, 10);
  const input = page.getByTestId('field-deadline').locator('input');
  await input.fill(deadline);
  await input.press('Enter');
  await expectText(page.getByTestId('preview-reply'), `答复 ${deadline}`);
  await expectText(preview, `（${cal.between(today, deadline)} 个工作日）`);
  await fill(page, 'field-note', '请城管牵头，生态环境、公安协办');
  await submit(page, 'dispatch');
  await status(page, 'dispatched');

  const appeal = await api('coordinator', 'GET', `/appeals/${id}`);
  assert.equal(appeal.status, 'dispatched');
  assert.equal(appeal.lead_unit_id, lead.id);
  assert.deepEqual([...appeal.assisting_unit_ids].sort(), [env.id, police.id].sort());
  assert.deepEqual(
    appeal.dispatches.filter((d) => d.active).map((d) => `${d.role}:${d.unit_id}`).sort(),
    [`lead:${lead.id}`, `assisting:${env.id}`, `assisting:${police.id}`].sort(),
  );
  assert.equal(dueDay(appeal.deadlines.reply_due), deadline, `the reply deadline picked (${appeal.deadlines.reply_due})`);
  const last = appeal.timeline.at(-1);
  assert.deepEqual([last.action, last.to_status, last.data.lead_unit_id], ['dispatch', 'dispatched', lead.id]);
  assert.deepEqual([...last.data.assisting_unit_ids].sort(), [env.id, police.id].sort());
  await expectText(page.getByTestId('appeal-fields'), env.name);
  await expectText(page.getByTestId('appeal-fields'), police.name);
  await expectVisible(page.getByTestId('dispatches').locator('.el-table__body tr').nth(2));
});

test('the deadline preview skips the calendar\'s holidays and names them', async (h) => {
  const { page, api, login, expectText } = h;
  const { open, status } = actionDialogs(h);
  const refs = await loadRefs(api);
  const category = refs.category.housing_quality;
  const id = await receivedAppeal(api, refs, `屋面防水层老化${Date.now() % 1_000_000}`);
  // The page's clock on the Monday before 中秋 and 国庆 (the server keeps real time; nothing is sent).
  const today = '2026-09-21';
  await page.clock.setFixedTime(new Date(`${today}T09:00:00+08:00`));
  const cal = await calendarOf(api, [2026, 2027]);
  const reply = cal.add(today, category.reply_days);
  const resolve = cal.add(today, category.resolve_days);
  const marks = [...cal.marks.values()].filter((m) => m.day > today && m.day <= resolve).sort((a, b) => a.day.localeCompare(b.day));
  assert.ok(marks.some((m) => m.kind === 'holiday') && marks.some((m) => m.kind === 'workday'),
    'the calendar has holidays and a make-up workday in these weeks');

  await login(page, 'coordinator');
  await page.goto(`/appeals/${id}`);
  await status(page, 'received');
  await open(page, 'dispatch');
  const preview = page.getByTestId('deadline-preview');
  await expectText(preview, `今日（${today}）`);
  await expectText(page.getByTestId('preview-reply'), `答复 ${reply}`);
  await expectText(preview, `（${category.reply_days} 个工作日）`);
  await expectText(preview, `办结 ${resolve}`);
  const tags = (await preview.locator('.el-tag').allInnerTexts()).map((t) => t.trim());
  assert.deepEqual(tags, marks.map((m) => `${m.day.slice(5)} ${m.name}${m.kind === 'holiday' ? '（休）' : '（班）'}`));
});

test('each route of the triage dialog moves the appeal as the API says', async (h) => {
  const { page, api, login, expectText, expectVisible } = h;
  const { open, submit, status } = actionDialogs(h);
  const refs = await loadRefs(api);
  const tag = Date.now() % 1_000_000;
  const target = await receivedAppeal(api, refs, `明珠小区路灯不亮${tag}`);

  await login(page, 'coordinator');
  const routes = page.getByTestId('field-route');
  for (const [label, expected] of Object.entries(ROUTES)) {
    const id = await receivedAppeal(api, refs, `明珠小区路灯不亮（${label}）${tag}`);
    const before = await api('coordinator', 'GET', `/appeals/${id}`);
    await page.goto(`/appeals/${id}`);
    await status(page, 'received');
    await open(page, 'triage');
    const offered = (await routes.locator('.el-radio-button').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(offered.sort(), Object.keys(ROUTES).sort(), 'the routes the dialog offers');
    if (expected.route === 'deliberate') {
      // Nothing chosen: the dialog names the route and the note.
      await click(page, 'action-submit');
      await expectText(fieldError(page, 'field-route'), '请选择分流方式');
      await expectText(fieldError(page, 'field-note'), '请填写说明');
    }
    await expectText(page.getByTestId(`route-${expected.route}`), label);
    await click(page, `route-${expected.route}`);
    const note = `${label}：同一路段路灯问题`;
    await fill(page, 'field-note', note);
    if (expected.route === 'merge') {
      await click(page, 'action-submit');
      await expectText(fieldError(page, 'field-merge_into_id'), '请填写要合并到的诉求编号');
      // An appeal that does not exist: the API's error stands under the field it names.
      await field(page, 'field-merge_into_id').fill('99999999');
      await field(page, 'field-merge_into_id').blur();
      await click(page, 'action-submit');
      await expectText(fieldError(page, 'field-merge_into_id'), '要合并到的诉求不存在');
      await field(page, 'field-merge_into_id').fill(String(target));
      await field(page, 'field-merge_into_id').blur();
    }
    await submit(page, 'triage');
    await status(page, expected.status);

    const appeal = await api('coordinator', 'GET', `/appeals/${id}`);
    assert.equal(appeal.status, expected.status, label);
    assert.equal(appeal.timeline.length, before.timeline.length + 1, `${label}: one event`);
    const last = appeal.timeline.at(-1);
    assert.deepEqual([last.action, last.from_status, last.to_status, last.note], [expected.route, 'received', expected.status, note]);
    if (expected.route === 'merge') {
      assert.equal(appeal.merged_into_id, target);
      await expectVisible(page.locator(`a[href="/appeals/${target}"]`), { what: 'the link to the appeal merged into' });
    } else {
      assert.equal(appeal.merged_into_id, null);
    }
    await expectText(page.getByTestId('timeline'), note);
  }
  assert.equal((await api('coordinator', 'GET', `/appeals/${target}`)).status, 'received', 'the target is untouched');
}, { timeoutMs: 150_000 });
