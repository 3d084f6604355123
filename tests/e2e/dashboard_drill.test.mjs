// Issue 12: the dashboard is no dead end. A card, a department bar, a heat-map cell, a ranking row and a cause open
// the appeal list (诉求列表, /appeals?…) whose total is the number the dashboard showed; the filters show as tags
// that can be removed, stay in the address, and the back button returns to the same dashboard. The registrar's
// 我首问的 / 重复诉求 tabs and the appeal's 重复诉求 card, linked by a receipt code.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from './lib/registry.mjs';
import { click, fill, fieldError } from './lib/ui.mjs';
import { loadRefs } from './lib/refs.mjs';
import { registerAppeal } from './lib/appeals.mjs';

// The number a data-test element shows, once it shows one.
async function numberIn(locator, waitFor, what) {
  return Number(await waitFor(async () => {
    const t = (await locator.innerText()).trim().match(/\d+/);
    return t && t[0];
  }, { message: `a number in ${what}` }));
}

// The list's "共 N 件" once it has loaded (the table no longer busy).
async function listTotal(page, waitFor) {
  await page.getByTestId('list-table').locator('.el-loading-mask').waitFor({ state: 'hidden' }).catch(() => {});
  return numberIn(page.getByTestId('list-total'), waitFor, 'the list total');
}

// Waits until the dashboard has loaded everything (its loading mask, which takes the clicks, gone).
async function dashboardReady(page) {
  await page.getByTestId('chart-volume').waitFor();
  await page.locator('[data-test="dashboard"] > .el-loading-mask').waitFor({ state: 'hidden' });
}

// Clicks the middle of the bar (or heat-map cell) item `dataIndex` of series `seriesIndex` where the chart drew it.
async function clickChart(page, testId, seriesIndex, dataIndex) {
  await dashboardReady(page);
  const chart = page.getByTestId(testId);
  await chart.scrollIntoViewIfNeeded();
  const at = await chart.evaluate((el, [s, i]) => {
    const data = el.echart.getModel().getSeriesByIndex(s).getData();
    const bar = data.getItemLayout(i);
    if (bar && bar.width !== undefined) return [bar.x + bar.width / 2, bar.y + bar.height / 2];
    const [x, y] = el.echart.getOption().series[s].data[i]; // a heat-map cell: [street, category, count]
    return el.echart.convertToPixel({ seriesIndex: s }, [x, y]);
  }, [seriesIndex, dataIndex]);
  const box = await chart.boundingBox();
  await page.mouse.click(box.x + at[0], box.y + at[1]);
}

test('a card, a department bar, a heat-map cell, a ranking row and a cause open the appeals they count',
  async ({ page, api, login, shot, waitFor, expectVisible, expectText }) => {
    await login(page, 'supervisor');
    await page.goto('/dashboard?from=2026-05-01&to=2026-11-18');
    const from = '2026-05-01';
    const to = '2026-11-18';
    const period = `from=${from}&to=${to}`;
    const byDept = await api('supervisor', 'GET', `/metrics?group_by=department&${period}`);
    const total = byDept.total.counts.total;
    assert.ok(total > 20, `the demo holds appeals in ${from}..${to}`);
    await waitFor(async () => (await numberIn(page.getByTestId('stat-total'), waitFor, 'stat-total')) === total,
      { message: `the dashboard's total to be the API's ${total}` });
    await expectVisible(page.getByTestId('chart-volume'));
    const dashboard = await shot(page, 'drill-dashboard.png');
    const causesCard = page.getByTestId('dashboard-causes');
    await causesCard.scrollIntoViewIfNeeded();
    await causesCard.screenshot({ path: path.join(path.dirname(dashboard), 'dashboard-causes.png') });

    // The total card: the period's appeals; its tag names the period; back returns to the same dashboard.
    await click(page, 'stat-total');
    await page.waitForURL(/\/appeals\?/);
    assert.equal(await listTotal(page, waitFor), total);
    await expectText(page.getByTestId('filter-from'), `登记时间：${from} 至 ${to}`);
    await page.goBack();
    await page.waitForURL(/\/dashboard\?/);
    assert.match(page.url(), new RegExp(`from=${from}&to=${to}`));
    await waitFor(async () => (await numberIn(page.getByTestId('stat-total'), waitFor, 'stat-total')) === total,
      { message: 'the dashboard after back shows the same period' });

    // The overdue card.
    const overdue = byDept.total.counts.overdue;
    assert.equal(await numberIn(page.getByTestId('stat-overdue'), waitFor, 'stat-overdue'), overdue);
    await click(page, 'stat-overdue');
    await page.waitForURL(/overdue=true/);
    assert.equal(await listTotal(page, waitFor), overdue);
    await page.goBack();

    // The busiest department's bar in the volume chart: its lead appeals; then its overdue bar.
    await expectVisible(page.getByTestId('chart-volume'));
    const groups = byDept.groups;
    const index = groups.reduce((best, g, i) => (g.id !== '' && g.counts.overdue > 0 &&
      (best < 0 || g.counts.total > groups[best].counts.total) ? i : best), -1);
    assert.ok(index >= 0, 'a department with overdue appeals');
    const dept = groups[index];
    await clickChart(page, 'chart-volume', 0, index);
    await page.waitForURL(new RegExp(`lead_unit_id=${dept.id}`));
    assert.equal(await listTotal(page, waitFor), dept.counts.total);
    await expectText(page.getByTestId('filter-lead_unit_id'), `承办单位：${dept.name}`);
    await shot(page, 'drill-list-department.png');
    await page.goBack();
    await expectVisible(page.getByTestId('chart-volume'));
    await clickChart(page, 'chart-volume', 1, index);
    await page.waitForURL(/overdue=true/);
    assert.match(page.url(), new RegExp(`lead_unit_id=${dept.id}`));
    assert.equal(await listTotal(page, waitFor), dept.counts.overdue);
    // Removing a tag widens the list and leaves the address: the department's tag → all overdue appeals.
    await page.getByTestId('filter-lead_unit_id').locator('.el-tag__close').click();
    await waitFor(async () => !page.url().includes('lead_unit_id') && (await listTotal(page, waitFor)) === overdue,
      { message: `the list without the department to hold the period's ${overdue} overdue appeals` });
    await shot(page, 'drill-list-overdue.png');
    await page.goBack();

    // A heat-map cell: a street × a category.
    const heat = await api('supervisor', 'GET', `/metrics?group_by=region&then_by=category&${period}`);
    const streets = heat.groups.filter((g) => g.id !== '');
    const street = streets[0];
    const cell = street.subgroups.reduce((a, b) => (b.counts.total > a.counts.total ? b : a));
    await expectVisible(page.getByTestId('chart-heat'));
    const cellIndex = street.subgroups.indexOf(cell); // the page pushes the cells street by street, in this order
    await clickChart(page, 'chart-heat', 0, cellIndex);
    await page.waitForURL(new RegExp(`category_id=${cell.id}`));
    assert.match(page.url(), new RegExp(`region_id=${street.id}`));
    assert.equal(await listTotal(page, waitFor), cell.counts.total);
    await page.goBack();

    // A ranking row (the department ranked first): its lead appeals, as many as its 诉求量.
    const ranking = await api('supervisor', 'GET', `/rankings?kind=department&${period}`);
    const first = ranking.items[0];
    const row = page.getByTestId('ranking-table').locator('.el-table__body tr').first();
    await expectText(row, first.name);
    assert.equal(await numberIn(row.getByTestId('ranking-total'), waitFor, 'the ranking row'), first.counts.total);
    await row.locator('td').nth(1).click();
    await page.waitForURL(new RegExp(`lead_unit_id=${first.id}`));
    assert.equal(await listTotal(page, waitFor), first.counts.total);
    await page.goBack();

    // Repeats and a cause of dissatisfaction (an appeal is listed once, a cause counted per callback).
    await click(page, 'stat-repeats');
    await page.waitForURL(/repeat=true/);
    assert.equal(await listTotal(page, waitFor), byDept.total.counts.repeats);
    await expectText(page.getByTestId('filter-repeat'), '重复诉求');
    await page.goBack();
    const cause = byDept.cause_options.find((c) => (byDept.total.counts.causes[c.cause] || 0) > 0);
    assert.ok(cause, 'the demo holds dissatisfied callbacks with causes');
    await click(page, `cause-total-${cause.cause}`);
    await page.waitForURL(new RegExp(`cause=${cause.cause}`));
    const listed = await api('supervisor', 'GET', `/appeals?${period}&cause=${cause.cause}&page_size=1`);
    const shown = await listTotal(page, waitFor);
    assert.equal(shown, listed.total);
    assert.ok(shown > 0 && shown <= byDept.total.counts.causes[cause.cause]);
    await expectText(page.getByTestId('filter-cause'), `不满意原因：${cause.label}`);
    await page.goBack();

    // Dissatisfied: called back, the latest callback not satisfied.
    const dissatisfied = byDept.total.counts.called_back - byDept.total.counts.satisfied;
    assert.equal(await numberIn(page.getByTestId('stat-dissatisfied'), waitFor, 'stat-dissatisfied'), dissatisfied);
    await click(page, 'stat-dissatisfied');
    await page.waitForURL(/satisfaction=dissatisfied/);
    assert.equal(await listTotal(page, waitFor), dissatisfied);
  }, { timeoutMs: 150_000 });

test('the registrar\'s 我首问的 and 重复诉求 tabs, and a repeat linked by its receipt code',
  async ({ page, api, login, shot, waitFor, expectVisible, expectText }) => {
    const refs = await loadRefs(api);
    const stamp = Date.now() % 100000;
    const phone = `1390${String(stamp).padStart(7, '0')}`;
    const earlier = await registerAppeal(api, refs, `井盖松动 ${stamp}`, { appellant: { name: '钱女士', phone, anonymous: false } });
    const later = await registerAppeal(api, refs, `井盖又松了 ${stamp}`, { appellant: { name: '钱女士', phone, anonymous: false } });
    const other = await registerAppeal(api, refs, `路口窨井异响 ${stamp}`, {
      region: 's01c02', appellant: { name: '孙先生', phone: `1370${String(stamp).padStart(7, '0')}`, anonymous: false },
    });
    const first = await api('registrar', 'GET', `/appeals/${earlier}`);
    assert.equal((await api('registrar', 'GET', `/appeals/${later}`)).repeat_of[0].id, earlier, 'the same phone: a repeat');

    await login(page, 'registrar');
    await page.goto('/workbench?tab=repeats');
    await expectVisible(page.getByTestId('tab-first-asked'));
    const repeats = await api('registrar', 'GET', '/appeals?repeat=true&page_size=1');
    await waitFor(async () => (await numberIn(page.getByTestId('tab-repeats'), waitFor, 'the 重复诉求 tab')) === repeats.total,
      { message: `the 重复诉求 tab to count the API's ${repeats.total}` });
    // Other tests' repeats may fill the first page (sorted by deadline: this one has none yet): find it by name.
    await fill(page, 'filter-keyword', `井盖又松了 ${stamp}`);
    await click(page, 'filter-search');
    await expectText(page.getByTestId('queue-table'), `井盖又松了 ${stamp}`);
    await shot(page, 'workbench-repeats.png');
    await fill(page, 'filter-keyword', '');
    await click(page, 'filter-search');
    const firstAsked = await api('registrar', 'GET', '/appeals?first_asked=me&page_size=1');
    assert.ok(firstAsked.total >= 3, 'the three appeals above were first received by the registrar');
    await click(page, 'tab-first-asked');
    await waitFor(async () => (await numberIn(page.getByTestId('tab-first-asked'), waitFor, 'the 我首问的 tab')) === firstAsked.total,
      { message: `the 我首问的 tab to count the API's ${firstAsked.total}` });
    await page.getByTestId('queue-table').locator('.el-table__body tr').first().waitFor();
    await shot(page, 'workbench-first-asked.png');

    // The other appeal repeats the first: linked by the first's receipt code (any case); a wrong code is named.
    await page.goto(`/appeals/${other}`);
    await click(page, 'repeat-link-open');
    await fill(page, 'repeat-of-id', 'ZZZZ2345ZZZZ');
    await click(page, 'repeat-link-submit');
    await expectText(fieldError(page, 'repeat-of-id'), '未找到查询码为 ZZZZ2345ZZZZ 的诉求');
    await fill(page, 'repeat-of-id', first.receipt_code.toLowerCase());
    await fill(page, 'repeat-note', '同一处窨井');
    await click(page, 'repeat-link-submit');
    const card = page.getByTestId('repeat-links');
    await expectText(card, `#${earlier} 井盖松动 ${stamp}`);
    await expectText(card, '登记员关联');
    const linked = await api('registrar', 'GET', `/appeals/${other}`);
    assert.equal(linked.repeat_of[0].id, earlier);
    assert.equal(linked.repeat_of[0].reason, 'manual');
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'appeal-repeat-card.png');
  }, { timeoutMs: 90_000 });
