// Test registration for the e2e suite. A test file calls test(name, fn, options) at import time;
// run.mjs imports the files one by one and runs what each registered, in order.
//
//   import { test } from './lib/registry.mjs';
//   test('a wrong password shows the error', async ({ page, login, api, shot }) => { ... });
//   test('portal on a phone', async (h) => { ... }, { viewport: { width: 390, height: 844 } });
//
// options: viewport ({width, height}), timeoutMs (whole test, default 90 s), isMobile/hasTouch.

const registered = [];

export function test(name, fn, options = {}) {
  if (typeof name !== 'string' || typeof fn !== 'function') throw new Error('test(name, fn, options?)');
  registered.push({ name, fn, options });
}

// Hands over the tests registered since the last call (run.mjs calls it after importing each file).
export function takeRegistered() {
  return registered.splice(0, registered.length);
}
