#!/usr/bin/env node
// End-to-end browser tests of the minsheng web app.
//
//   node tests/e2e/run.mjs --binary build/minsheng --web-root web/dist --out tests/e2e/screenshots
//        [--only SUBSTRING] [--appeals 150] [--keep] [--chromium /usr/bin/chromium]
//
// Loads demo data into a temp SQLite database, starts `minsheng serve` on a free loopback port, launches
// Debian's chromium headless through playwright-core, and runs every tests/e2e/*.test.mjs in order, each
// test in a fresh browser context. Prints `ok NAME` / `FAILED NAME` (with the error and a screenshot of
// each open page), then `N passed, N failed`; exits 1 on any failure. The server and the browser are
// always stopped.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { expectHidden, expectText, expectVisible, login, makeApi, makeShot, waitFor } from './lib/helpers.mjs';
import { A11yLog } from './lib/a11y.mjs';
import { takeRegistered } from './lib/registry.mjs';
import { Server, testNow } from './lib/server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const o = { appeals: 150, chromium: process.env.MINSHENG_CHROMIUM || '/usr/bin/chromium', keep: false, only: '' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--binary') o.binary = path.resolve(value());
    else if (a === '--web-root') o.webRoot = path.resolve(value());
    else if (a === '--out') o.out = path.resolve(value());
    else if (a === '--only') o.only = value();
    else if (a === '--appeals') o.appeals = Number(value());
    else if (a === '--chromium') o.chromium = value();
    else if (a === '--keep') o.keep = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!o.binary) throw new Error('--binary PATH (the minsheng executable) is required');
  if (!o.webRoot) throw new Error('--web-root PATH (the built web app, web/dist) is required');
  if (!o.out) o.out = path.join(here, 'screenshots');
  return o;
}

function fail(message) {
  console.error(`e2e: ${message}`);
  process.exit(1);
}

// playwright-core and axe-core come from tests/e2e/package-lock.json; installed here with `npm ci` when missing.
async function loadPlaywright() {
  const installed = (name) => fs.existsSync(path.join(here, 'node_modules', name, 'package.json'));
  if (!installed('playwright-core') || !installed('axe-core')) {
    console.log('e2e: installing playwright-core and axe-core (npm ci in tests/e2e)');
    const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
    if (r.status !== 0) fail('npm ci in tests/e2e failed; playwright-core and axe-core are needed');
  }
  return await import(pathToFileURL(path.join(here, 'node_modules', 'playwright-core', 'index.mjs')).href);
}

// What the page says to its user at the moment of a failure: messages, alerts, field errors and open
// dialogs, so that a failure on a machine whose screenshots we cannot see still says what the user saw.
async function shownMessages(page) {
  const said = await page.locator('.el-message, .el-alert__title, .el-form-item__error, .el-dialog__title, .el-loading-mask')
    .evaluateAll((els) => els.filter((e) => e.offsetParent || e.getClientRects().length)
      .map((e) => (e.classList.contains('el-loading-mask') ? '[loading]' : e.textContent.trim().replace(/\s+/g, ' '))))
    .catch((e) => [`(could not read the page: ${e.message})`]);
  return `    ${page.url()} shows: ${said.length ? said.join(' | ') : '(no message, alert, field error or dialog)'}`;
}

function slug(s) {
  return s.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 80);
}

async function runTest(browser, baseURL, opts, file, t, shared) {
  const contexts = [];
  const problems = []; // page errors and console errors, shown when the test fails
  const calls = []; // the pages' API calls with status and time, the last of them shown when the test fails
  async function newPage(options = {}) {
    const viewport = options.viewport || t.options.viewport || { width: 1440, height: 900 };
    const context = await browser.newContext({
      baseURL,
      viewport,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      isMobile: options.isMobile ?? t.options.isMobile ?? false,
      hasTouch: options.hasTouch ?? t.options.hasTouch ?? false,
    });
    context.setDefaultTimeout(15_000); // generous: ctest runs this beside other tests on 2 cores
    context.setDefaultNavigationTimeout(30_000);
    contexts.push(context);
    const page = await context.newPage();
    // The page's clock runs from the test clock too (lib/server.mjs TEST_NOW), like the server's.
    await page.clock.install({ time: testNow() });
    const label = `page ${contexts.length}`;
    page.on('pageerror', (e) => problems.push(`${label} pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`${label} console.error: ${m.text()}`); });
    const sent = new Map();
    const isApi = (r) => new URL(r.url()).pathname.startsWith('/api/');
    page.on('request', (r) => { if (isApi(r)) sent.set(r, Date.now()); });
    page.on('requestfinished', async (r) => {
      if (!sent.has(r)) return;
      const ms = Date.now() - sent.get(r);
      const status = (await r.response().catch(() => null))?.status() ?? '?';
      calls.push(`${label} ${r.method()} ${new URL(r.url()).pathname} → ${status} in ${ms} ms`);
    });
    page.on('requestfailed', (r) => { if (sent.has(r)) calls.push(`${label} ${r.method()} ${new URL(r.url()).pathname} failed: ${r.failure()?.errorText}`); });
    return page;
  }

  const name = `${path.basename(file, '.test.mjs')} › ${t.name}`;
  const started = Date.now();
  let error = null;
  try {
    const page = await newPage();
    const helpers = {
      page, newPage, baseURL, api: shared.api, shot: shared.shot, login,
      waitFor, expectText, expectVisible, expectHidden, state: shared.state,
    };
    const timeoutMs = t.options.timeoutMs || 90_000;
    let timer;
    await Promise.race([
      t.fn(helpers),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`test timed out after ${timeoutMs} ms`)), timeoutMs); }),
    ]).finally(() => clearTimeout(timer));
  } catch (e) {
    error = e;
  }

  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (!error) {
    console.log(`ok ${name} (${secs} s)`);
  } else {
    console.log(`FAILED ${name} (${secs} s)`);
    console.log(String(error && error.stack ? error.stack : error).replace(/^/gm, '    '));
    let n = 0;
    for (const context of contexts) {
      for (const page of context.pages()) {
        const shotName = `FAILED-${slug(path.basename(file, '.test.mjs'))}-${slug(t.name)}${n ? `-${n}` : ''}.png`;
        n++;
        try {
          const f = await shared.shot(page, shotName, { scan: false });
          console.log(`    page ${page.url()} → screenshot ${f}`);
        } catch (e) {
          console.log(`    (no screenshot of ${page.url()}: ${e.message})`);
        }
      }
    }
    for (const p of problems.slice(-15)) console.log(`    ${p}`);
    for (const c of calls.slice(-10)) console.log(`    ${c}`);
    for (const context of contexts) {
      for (const page of context.pages()) console.log(await shownMessages(page));
    }
  }
  for (const context of contexts) await context.close().catch(() => {});
  return !error;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    fail(`${e.message}\nusage: node tests/e2e/run.mjs --binary PATH --web-root web/dist --out DIR [--only S] [--appeals N] [--keep]`);
  }
  if (!fs.existsSync(opts.binary)) fail(`no minsheng binary at ${opts.binary}`);
  if (!fs.existsSync(path.join(opts.webRoot, 'index.html'))) {
    fail(`${opts.webRoot}/index.html is missing: the web app is not built. Build it with the set-up command ` +
         `(scripts/setup.sh), or by hand: cd web && npm ci && npm run build`);
  }
  if (!fs.existsSync(opts.chromium)) {
    fail(`no chromium at ${opts.chromium}: install Debian's (apt-get install -y chromium; scripts/setup.sh does)`);
  }

  const files = fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort()
    .filter((f) => !opts.only || f.includes(opts.only));
  if (files.length === 0) fail(`no test files${opts.only ? ` matching ${opts.only}` : ''} in ${here}`);

  const { chromium, selectors } = await loadPlaywright();
  selectors.setTestIdAttribute('data-test');

  fs.mkdirSync(opts.out, { recursive: true });
  for (const f of fs.readdirSync(opts.out)) if (f.endsWith('.png') || f.startsWith('a11y.')) fs.rmSync(path.join(opts.out, f));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minsheng-e2e-'));
  const server = new Server({ binary: opts.binary, webRoot: opts.webRoot, dir, appeals: opts.appeals });
  let browser = null;
  const onSignal = (sig) => {
    server.killNow();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.on('exit', () => server.killNow());
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let passed = 0;
  let failed = 0;
  const a11yLog = new A11yLog(opts.out);
  try {
    console.log(`e2e: ${server.loadDemo().split('\n').pop()}`);
    const baseURL = await server.start();
    console.log(`e2e: minsheng serve at ${baseURL}, web root ${opts.webRoot}`);
    browser = await chromium.launch({ executablePath: opts.chromium, headless: true, args: ['--no-sandbox'] });
    console.log(`e2e: chromium ${browser.version()}`);
    const shared = { api: makeApi(baseURL), shot: makeShot(opts.out, a11yLog), state: {} };

    for (const file of files) {
      await import(pathToFileURL(path.join(here, file)).href);
      const tests = takeRegistered();
      if (tests.length === 0) {
        console.log(`FAILED ${file}: registers no test`);
        failed++;
      }
      for (const t of tests) {
        if (await runTest(browser, baseURL, opts, file, t, shared)) passed++;
        else failed++;
        const gone = server.gone();
        if (gone) throw new Error(`${gone}\n(a SIGTERM here came from outside the harness)`);
      }
    }
  } catch (e) {
    console.log(`FAILED harness: ${e && e.stack ? e.stack : e}`);
    failed++;
  } finally {
    if (browser) await browser.close().catch(() => {});
    const stopProblem = await server.stop();
    if (stopProblem) {
      console.log(`FAILED server: ${stopProblem}`);
      failed++;
    }
    try { fs.copyFileSync(server.logFile, path.join(opts.out, 'server.log')); } catch { /* no log */ }
    if (failed > 0) console.log(`e2e: server log tail:\n${server.logTail(20).replace(/^/gm, '    ')}`);
    if (opts.keep) console.log(`e2e: kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
  const a11ySummary = a11yLog.write();
  if (a11ySummary) console.log(`e2e: ${a11ySummary}`);
  console.log(`e2e: screenshots in ${opts.out}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

await main();
