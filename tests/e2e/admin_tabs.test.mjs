// 系统管理, the reference tabs: the admin adds a community under a street and a department, adds a category
// with its deadlines and changes one, adds holidays to a calendar year; each list filters as the API says.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from './lib/registry.mjs';
import { testNow } from './lib/server.mjs';
import { loadRefs } from './lib/refs.mjs';
import { choose, chooseInCascader, click, field, fill } from './lib/ui.mjs';

function rows(page, table) {
  return page.getByTestId(table).locator('.el-table__body tr');
}

async function openTab(page, name, expectVisible) {
  await click(page, 'menu-admin');
  await page.waitForURL('**/admin**');
  await click(page, `admin-tab-${name}`);
  await page.waitForURL(`**/admin?tab=${name}`);
  await expectVisible(page.getByTestId(`admin-${name}`));
}

// An el-input-number wrapped in a <div data-test>: types the value and leaves the field so it commits.
async function setNumber(page, testId, value) {
  const input = field(page, testId);
  await input.fill(String(value));
  await input.press('Tab');
}

test('the admin adds a community under a street and a department, and filters both lists', async (h) => {
  const { page, api, login, waitFor, expectVisible, expectHidden } = h;
  const refs = await loadRefs(api);
  const street = refs.region.s01;
  await login(page, 'admin');
  await openTab(page, 'regions', expectVisible);

  await click(page, 'region-add');
  await chooseInCascader(page, page.getByTestId('field-parent_id'), street.name, new RegExp(`${street.name}\\s*$`));
  await fill(page, 'field-code', 'e2e-s01c99');
  await fill(page, 'field-name', 'E2E测试社区');
  await click(page, 'region-save');
  await expectHidden(page.getByTestId('field-code'), { what: 'the region dialog closing' });
  const region = (await api('admin', 'GET', '/regions')).items.find((r) => r.code === 'e2e-s01c99');
  assert.ok(region, 'the API has the new region');
  assert.equal(region.parent_id, street.id, 'under the street chosen');
  assert.equal(region.name, 'E2E测试社区');

  // The tree filter keeps the new community (and the path to it), not the other communities.
  const tree = page.getByTestId('region-tree');
  await expectVisible(tree.getByText('E2E测试社区'));
  const other = Object.values(refs.region).find((r) => r.parent_id === street.id);
  await expectVisible(tree.getByText(other.name, { exact: true }));
  await fill(page, 'region-filter', 'E2E测试');
  await expectHidden(tree.getByText(other.name, { exact: true }), { what: `${other.name} filtered out` });
  await expectVisible(tree.getByText('E2E测试社区'));

  await click(page, 'department-add');
  await fill(page, 'field-code', 'e2e-dept');
  await fill(page, 'field-name', 'E2E测试局');
  await fill(page, 'field-phone', '0571-88880000');
  await click(page, 'region-save');
  await expectHidden(page.getByTestId('field-code'), { what: 'the department dialog closing' });
  const departments = (await api('admin', 'GET', '/departments')).items;
  assert.ok(departments.some((d) => d.code === 'e2e-dept' && d.name === 'E2E测试局'), 'the API has the new department');
  await waitFor(async () => (await rows(page, 'departments-table').count()) === departments.length,
    { message: `${departments.length} departments listed` });
  await fill(page, 'department-filter', '测试局');
  const matching = departments.filter((d) => d.name.includes('测试局') || d.code.includes('测试局'));
  await waitFor(async () => (await rows(page, 'departments-table').count()) === matching.length,
    { message: `${matching.length} departments after filtering` });
  await fill(page, 'department-filter', 'no-such-department');
  await expectVisible(page.getByTestId('departments-empty'));
});

test('the admin adds a category with its deadlines, then changes its resolve days', async (h) => {
  const { page, api, login, waitFor, expectVisible, expectHidden } = h;
  const refs = await loadRefs(api);
  await login(page, 'admin');
  await openTab(page, 'categories', expectVisible);
  const before = (await api('admin', 'GET', '/categories')).items;
  await waitFor(async () => (await rows(page, 'categories-table').count()) === before.length,
    { message: `${before.length} categories listed` });

  await click(page, 'category-add');
  await fill(page, 'field-code', 'e2e_category');
  await fill(page, 'field-name', 'E2E测试分类');
  await choose(page, 'field-default_department_id', refs.department.water.name);
  await setNumber(page, 'field-accept_days', 2);
  await setNumber(page, 'field-reply_days', 6);
  await setNumber(page, 'field-resolve_days', 11);
  await click(page, 'category-save');
  await expectHidden(page.getByTestId('field-code'), { what: 'the category dialog closing' });
  let created = (await api('admin', 'GET', '/categories')).items.find((c) => c.code === 'e2e_category');
  assert.ok(created, 'the API has the new category');
  assert.equal(created.default_department_id, refs.department.water.id);
  assert.deepEqual([created.accept_days, created.reply_days, created.resolve_days], [2, 6, 11]);

  // Filtered to it by its code, then edited.
  await fill(page, 'categories-keyword', 'e2e_category');
  await waitFor(async () => (await rows(page, 'categories-table').count()) === 1, { message: 'one category after filtering' });
  await click(page, 'category-edit');
  await expectVisible(page.getByTestId('field-resolve_days'));
  assert.equal(await field(page, 'field-resolve_days').inputValue(), '11', 'the dialog shows the saved days');
  await setNumber(page, 'field-resolve_days', 13);
  await click(page, 'category-save');
  await expectHidden(page.getByTestId('field-resolve_days'), { what: 'the category dialog closing' });
  await waitFor(async () => {
    created = (await api('admin', 'GET', '/categories')).items.find((c) => c.code === 'e2e_category');
    return created.resolve_days === 13;
  }, { message: 'resolve_days 13 in the API' });
  assert.equal(created.reply_days, 6, 'the other days are kept');
  await expectVisible(rows(page, 'categories-table').filter({ hasText: '13' }));
});

test('the admin adds holidays to a calendar year; the list filters by kind', async (h) => {
  const { page, api, login, waitFor, expectVisible } = h;
  await login(page, 'admin');
  await openTab(page, 'calendar', expectVisible);

  // The year shown first is this year: the kind filter shows the API's holidays, then its make-up workdays.
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(testNow()));
  const thisYear = (await api('admin', 'GET', `/calendar?year=${year}`)).items;
  await waitFor(async () => (await rows(page, 'calendar-table').count()) === thisYear.length,
    { message: `${thisYear.length} days of ${year}` });
  for (const [kind, label] of [['holiday', '放假'], ['workday', '调休上班']]) {
    await choose(page, 'calendar-kind', label);
    const expected = thisYear.filter((d) => d.kind === kind).length;
    await waitFor(async () => (await rows(page, 'calendar-table').count()) === expected, { message: `${expected} days of kind ${kind}` });
  }

  // A year far from the demo's deadlines gets two holidays.
  const far = year + 5;
  const before = (await api('admin', 'GET', `/calendar?year=${far}`)).items;
  await setNumber(page, 'calendar-year', far); // the kind filter stays on 调休上班
  await waitFor(async () => (await rows(page, 'calendar-table').count()) === before.filter((d) => d.kind === 'workday').length,
    { message: `the workdays of ${far}` });
  const range = page.getByTestId('field-range').locator('input');
  await range.nth(0).fill(`${far}-10-08`);
  await range.nth(1).fill(`${far}-10-09`);
  await range.nth(1).press('Enter');
  await fill(page, 'field-name', 'E2E假日');
  await click(page, 'calendar-save');
  let after;
  await waitFor(async () => {
    after = (await api('admin', 'GET', `/calendar?year=${far}`)).items;
    return after.length === before.length + 2;
  }, { message: `two more days in ${far}` });
  for (const day of [`${far}-10-08`, `${far}-10-09`]) {
    const saved = after.find((d) => d.day === day);
    assert.ok(saved, `${day} saved`);
    assert.deepEqual([saved.kind, saved.name], ['holiday', 'E2E假日']);
  }
  await choose(page, 'calendar-kind', '放假');
  const holidays = after.filter((d) => d.kind === 'holiday').length;
  await waitFor(async () => (await rows(page, 'calendar-table').count()) === holidays, { message: `${holidays} holidays of ${far}` });
  await expectVisible(rows(page, 'calendar-table').filter({ hasText: `${far}-10-09` }));
});

test('the audit log shows who saw a resident\'s name and what the admin changed, filters by action and exports', async (h) => {
  const { page, api, login, waitFor, expectVisible } = h;
  const refs = await loadRefs(api);
  // A coordinator opens a named appeal (a view of personal data); the admin edits a category (an admin action).
  const created = await api('registrar', 'POST', '/appeals', {
    title: `审计日志E2E${Date.now() % 1_000_000}`, content: '楼道灯坏了。', channel: 'phone', region_id: refs.region.s01c01.id,
    category_id: refs.category.housing_quality.id, appellant: { name: '吴审计', phone: '13911112222', anonymous: false },
  });
  await api('coordinator', 'GET', `/appeals/${created.id}`);
  const me = await api('coordinator', 'GET', '/auth/me');

  await login(page, 'admin');
  await openTab(page, 'audit', expectVisible);
  await expectVisible(rows(page, 'audit-table').first());
  await choose(page, 'audit-action', '查看个人信息');
  await waitFor(async () => {
    const actions = await page.getByTestId('audit-row-action').allInnerTexts();
    return actions.length > 0 && actions.every((a) => a === '查看个人信息');
  }, { message: 'only 查看个人信息 rows' });
  const expected = await api('admin', 'GET', `/audit-log?action=view_personal_data&actor_id=${me.id}&target_id=${created.id}`);
  assert.equal(expected.total, 1, 'the API recorded the coordinator\'s view');
  await expectVisible(rows(page, 'audit-table').filter({ hasText: `诉求 #${created.id}` }).filter({ hasText: 'coordinator' }));
  await h.shot(page, 'admin-audit.png');

  const downloading = page.waitForEvent('download');
  await click(page, 'audit-export');
  const file = await downloading;
  assert.match(file.suggestedFilename(), /^民声审计日志_\d{4}-\d{2}-\d{2}\.csv$/);
  const text = fs.readFileSync(await file.path(), 'utf8');
  assert.ok(text.startsWith('\uFEFF时间,操作人'), 'a CSV with a BOM and a Chinese header');
  assert.ok(text.includes(created.receipt_code), 'the view of the appeal is in the export');
  assert.ok(!text.includes('修改用户'), 'the export keeps the action filter');
});
