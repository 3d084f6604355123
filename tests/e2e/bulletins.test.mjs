// 每月一通报 (issue 12, seed 004): a supervisor previews October's bulletin (already published by the demo), gives
// the note a second issue needs and publishes it; the first stays listed as 已被替代. A resident finds the new issue
// on the portal without signing in, opens its print page, and its PDF (printed by the server's chromium) has more
// than one A4 page and holds the departments' ranking in order.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from './lib/registry.mjs';
import { choose, click, fill } from './lib/ui.mjs';

const NOTE = `端到端：补录10月回访结果 ${Date.now() % 100000}`;

test('a supervisor republishes October with a note; the portal lists it and its PDF holds the ranking', async (h) => {
  const { page, newPage, api, login, shot, expectText, expectVisible, waitFor, baseURL } = h;
  const before = await api(null, 'GET', '/public/bulletins');
  const old = before.items.find((b) => b.period === '2026-10' && b.kind === 'month' && b.state === 'current');
  assert.ok(old, 'the demo published October 2026');

  await login(page, 'supervisor');
  await click(page, 'menu-bulletins');
  await page.waitForURL('**/bulletins');
  await expectVisible(page.getByTestId('bulletin-list'));
  await choose(page, 'bulletin-month', '2026-10');
  await click(page, 'bulletin-preview');
  const frame = page.frameLocator('[data-test="bulletin-preview-frame"] iframe');
  await expectText(frame.locator('body'), '职能部门排名');
  await expectText(frame.locator('body'), '预览（未发布）');

  // Publishing without the note a second issue needs: the server's error stands under the field.
  await click(page, 'bulletin-confirm');
  await page.locator('.el-message-box').getByRole('button', { name: '发布' }).click();
  await expectText(page.locator('.el-form-item', { has: page.getByTestId('bulletin-note') }).locator('.el-form-item__error'),
    '替代说明');
  await fill(page, 'bulletin-note', NOTE);
  await click(page, 'bulletin-preview');
  await expectText(frame.locator('body'), '职能部门排名');
  await shot(page, 'bulletins-preview.png');
  await click(page, 'bulletin-confirm');
  await page.locator('.el-message-box').getByRole('button', { name: '发布' }).click();
  const row = page.getByTestId('bulletin-list').locator('.el-table__row', { hasText: NOTE });
  await expectVisible(row, { what: 'the new issue in the list' });
  await expectText(row, '现行');
  await expectText(page.getByTestId('bulletin-list').locator('.el-table__row').nth(1), '已被替代');
  await shot(page, 'bulletins.png');

  const after = await api(null, 'GET', '/public/bulletins');
  const issue = after.items.find((b) => b.note === NOTE);
  assert.ok(issue, 'the new issue is public');
  assert.equal(issue.supersedes_id, old.id);
  assert.equal(after.items.find((b) => b.id === old.id).state_label, '已被替代');
  const detail = await api(null, 'GET', `/public/bulletins/${issue.id}`);
  const ranking = detail.snapshot.departments.map((d) => d.name);
  assert.ok(ranking.length >= 3, `a ranking of departments, got ${ranking.length}`);

  // The portal, without signing in.
  const portal = await newPage();
  await portal.goto('/portal');
  await click(portal, 'nav-bulletins');
  await portal.waitForURL('**/portal/bulletins');
  const card = portal.getByTestId(`bulletin-${issue.id}`);
  await expectVisible(card, { what: 'the new issue on the portal' });
  await expectText(card, '现行');
  await expectText(portal.getByTestId(`bulletin-${old.id}`), '已被替代');
  await shot(portal, 'portal-bulletins.png');
  await portal.goto(issue.links.html);
  await expectText(portal.locator('h1'), '2026年10月民生诉求办理情况通报');
  await expectText(portal.locator('body'), NOTE);
  await shot(portal, 'bulletin-print.png');

  // The PDF: more than one page, and its text holds the ranking, best first.
  const res = await fetch(baseURL + issue.links.pdf);
  assert.equal(res.status, 200, `the PDF answers 200, got ${res.status}`);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  const outDir = path.dirname(await shot(portal, 'bulletin-print.png'));
  const file = path.join(outDir, 'bulletin.pdf');
  fs.writeFileSync(file, bytes);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(info.match(/^Pages:\s+(\d+)/m)[1]);
  assert.ok(pages > 1, `the bulletin prints on several A4 pages, got ${pages}`);
  assert.match(info, /Page size:.*\(A4\)/, `A4 pages: ${info}`);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  assert.ok(text.includes('职能部门排名'), 'the PDF has the ranking section');
  assert.ok(text.includes('街镇排名'), 'and the streets ranking');
  let at = -1;
  for (const name of ranking.slice(0, 3)) {
    const found = text.indexOf(name, at + 1);
    assert.ok(found > at, `the PDF lists ${name} after the departments ranked above it`);
    at = found;
  }
  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '3', file, path.join(outDir, 'bulletin-pdf')]);

  // The same bytes again: the print is kept.
  const again = Buffer.from(await (await fetch(baseURL + issue.links.pdf)).arrayBuffer());
  assert.ok(again.equals(bytes), 'a second download serves the kept print');
  await waitFor(async () => true);
}, { timeoutMs: 180_000 });
