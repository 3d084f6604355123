// Helpers handed to every e2e test: API calls for setup and verification, UI login, screenshots,
// and small waiting assertions (playwright-core has no `expect`).
import fs from 'node:fs';
import path from 'node:path';

import { A11Y_REPORT_ONLY, describeFailures, FAILING_IMPACTS, scanPage } from './a11y.mjs';
import { fill } from './ui.mjs';

export const PASSWORD = 'demo12345';

// api(user, method, path, body) → parsed JSON body; throws on a status >= 400 (the error names the code).
// user null or '' → no token (public endpoints). api.raw(...) → {status, body} without throwing.
export function makeApi(baseURL) {
  const tokens = new Map();

  async function request(method, p, body, token) {
    const headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = `Bearer ${token}`;
    const res = await fetch(baseURL + '/api/v1' + p, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed = text;
    try { parsed = text ? JSON.parse(text) : null; } catch { /* keep text */ }
    return { status: res.status, body: parsed };
  }

  async function token(user) {
    if (!user) return null;
    if (!tokens.has(user)) {
      const r = await request('POST', '/auth/login', { username: user, password: PASSWORD });
      if (r.status !== 200) throw new Error(`api login ${user}: ${r.status} ${JSON.stringify(r.body)}`);
      tokens.set(user, r.body.token);
    }
    return tokens.get(user);
  }

  async function raw(user, method, p, body) {
    return request(method, p, body, await token(user));
  }

  async function api(user, method, p, body) {
    const r = await raw(user, method, p, body);
    if (r.status >= 400) {
      throw new Error(`api ${user || 'public'} ${method} ${p} → ${r.status} ${JSON.stringify(r.body)}`);
    }
    return r.body;
  }
  api.raw = raw;
  api.token = token;
  return api;
}

// Polls fn until it returns a truthy value (returned) or the time is up (throws with message).
export async function waitFor(fn, { timeout = 15_000, interval = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const why = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeout} ms waiting for ${message} (last: ${why})`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

// Waits until the locator's text contains `expected` (string) or matches it (RegExp); returns the text.
export async function expectText(locator, expected, { timeout = 15_000 } = {}) {
  let text = '';
  const ok = (t) => (expected instanceof RegExp ? expected.test(t) : t.includes(expected));
  try {
    await waitFor(async () => {
      text = (await locator.first().innerText({ timeout: 1_000 })).trim();
      return ok(text);
    }, { timeout });
  } catch {
    throw new Error(`expected ${locator} to show ${expected} within ${timeout} ms; it shows: ${JSON.stringify(text.slice(0, 300))}`);
  }
  return text;
}

export async function expectVisible(locator, { timeout = 15_000, what } = {}) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    throw new Error(`expected ${what || locator} to be visible within ${timeout} ms`);
  }
}

export async function expectHidden(locator, { timeout = 15_000, what } = {}) {
  try {
    await locator.first().waitFor({ state: 'hidden', timeout });
  } catch {
    throw new Error(`expected ${what || locator} to be hidden within ${timeout} ms`);
  }
}

// shot(page, name) saves a full-page screenshot as OUT/name.png, then scans the page with axe-core (lib/a11y.mjs,
// WCAG 2.1 A/AA) and throws when it finds a critical or serious violation. { scan: false } only saves the
// picture (the harness's FAILED-… shots). Returns the file.
export function makeShot(outDir, a11yLog = null) {
  return async function shot(page, name, { scan = true } = {}) {
    const file = path.join(outDir, name.endsWith('.png') ? name : `${name}.png`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled' }); // transitions finished
    if (scan) {
      // The page may have changed since the picture (a tag of results fading in): axe reads colours mid-transition
      // as blends. Scan once the finite animations have ended (spinners never do; at most 3 s).
      await page
        .waitForFunction(
          () =>
            document
              .getAnimations()
              .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
          null,
          { timeout: 3_000 },
        )
        .catch(() => {});
      const result = await scanPage(page);
      if (a11yLog) a11yLog.add(path.basename(file), result);
      if (!A11Y_REPORT_ONLY && result.violations.some((v) => FAILING_IMPACTS.includes(v.impact))) {
        throw new Error(describeFailures(path.basename(file), result));
      }
    }
    return file;
  };
}

// Logs `user` in through the /login page and waits until the app has left it.
export async function login(page, user, password = PASSWORD) {
  await page.goto('/login');
  await fill(page, 'login-username', user);
  await fill(page, 'login-password', password);
  await page.getByTestId('login-submit').click();
  try {
    await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
  } catch {
    throw new Error(`login as ${user} stayed on ${page.url()}`);
  }
}
