// Accessibility scan of every page a test screenshots: axe-core (pinned in package-lock.json) run in the page
// with the WCAG 2.1 A/AA rules. A violation of impact `critical` or `serious` fails the test; `moderate` and
// `minor` ones are only counted. Every scan is kept for the run's summary (OUT/a11y.json, OUT/a11y.txt).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
let axeSource = null; // read on first use: run.mjs installs axe-core after importing this module

// MINSHENG_A11Y=report only records violations (to see all of them in one run); the default fails on them.
export const A11Y_REPORT_ONLY = process.env.MINSHENG_A11Y === 'report';

export const A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const FAILING_IMPACTS = ['critical', 'serious'];
const IMPACTS = ['critical', 'serious', 'moderate', 'minor'];

// Runs axe on the page as it is now; returns { url, violations: [{id, impact, help, helpUrl, nodes: [...]}] }.
export async function scanPage(page) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) {
    axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
  } // through the devtools protocol: no CSP applies
  const result = await page.evaluate(async (tags) => {
    // The nearest data-test around the element (ids like #el-id-12-3 say nothing), and its form item's label.
    const near = (target) => {
      let el = null;
      try { el = typeof target[0] === 'string' ? document.querySelector(target[0]) : null; } catch { /* odd selector */ }
      if (!el) return '';
      const named = el.closest('[data-test]');
      const label = el.closest('.el-form-item')?.querySelector('.el-form-item__label')?.textContent?.trim();
      return [named && `data-test=${named.getAttribute('data-test')}`, label && `label=${label}`].filter(Boolean).join(' ');
    };
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        impact: n.impact,
        target: n.target.map((t) => (Array.isArray(t) ? t.join(' >> ') : t)).join(' | '),
        near: near(n.target),
        html: n.html.slice(0, 160),
        summary: (n.failureSummary || '').replace(/^Fix (any|all) of the following:\s*/gm, '').split('\n')[0].trim(),
      })),
    }));
  }, A11Y_TAGS);
  return { url: page.url(), violations: result };
}

// Counts violating elements by impact: {critical, serious, moderate, minor}.
export function countByImpact(violations) {
  const counts = Object.fromEntries(IMPACTS.map((i) => [i, 0]));
  for (const v of violations) for (const n of v.nodes) counts[n.impact || v.impact] = (counts[n.impact || v.impact] || 0) + 1;
  return counts;
}

// A readable list of the failing violations: rule id, impact, help, then each element's selector and why.
export function describeFailures(name, scan) {
  const failing = scan.violations.filter((v) => FAILING_IMPACTS.includes(v.impact));
  const lines = [`axe (WCAG 2.1 A/AA) on ${name} (${scan.url}): ${failing.length} rule(s) with critical/serious violations`];
  for (const v of failing) {
    lines.push(`  ${v.id} [${v.impact}] ${v.help} — ${v.nodes.length} element(s) (${v.helpUrl})`);
    for (const n of v.nodes.slice(0, 8)) lines.push(`    ${n.target}${n.near ? ` (${n.near})` : ''}: ${n.summary}`);
    if (v.nodes.length > 8) lines.push(`    … and ${v.nodes.length - 8} more`);
  }
  return lines.join('\n');
}

// Collects the scans of a run and writes OUT/a11y.json (every violation) and OUT/a11y.txt (a table).
export class A11yLog {
  constructor(outDir) {
    this.outDir = outDir;
    this.scans = [];
  }

  add(name, scan) {
    this.scans.push({ shot: name, url: scan.url, counts: countByImpact(scan.violations), violations: scan.violations });
  }

  totals() {
    const t = Object.fromEntries(IMPACTS.map((i) => [i, 0]));
    for (const s of this.scans) for (const i of IMPACTS) t[i] += s.counts[i] || 0;
    return t;
  }

  write() {
    if (this.scans.length === 0) return null;
    fs.writeFileSync(path.join(this.outDir, 'a11y.json'),
      JSON.stringify({ tags: A11Y_TAGS, totals: this.totals(), scans: this.scans }, null, 1));
    const rows = this.scans.map((s) => `${IMPACTS.map((i) => String(s.counts[i]).padStart(4)).join(' ')}  ${s.shot}  ` +
      `${s.violations.map((v) => `${v.id}:${v.impact}`).join(' ')}`);
    fs.writeFileSync(path.join(this.outDir, 'a11y.txt'),
      `axe-core ${A11Y_TAGS.join(',')} — elements by impact per screenshot\ncrit seri mode mino  shot  rules\n${rows.join('\n')}\n`);
    const t = this.totals();
    return `axe scanned ${this.scans.length} page(s): ${t.critical} critical, ${t.serious} serious, ` +
      `${t.moderate} moderate, ${t.minor} minor (${path.join(this.outDir, 'a11y.txt')})`;
  }
}
