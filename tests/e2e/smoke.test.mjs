// The server serves the built web app: the index page, a hashed asset, and history-mode routing.
import assert from 'node:assert/strict';
import { test } from './lib/registry.mjs';

test('the app is served, history-mode paths load index.html', async ({ page, baseURL }) => {
  const health = await (await fetch(`${baseURL}/api/v1/health`)).json();
  assert.equal(health.status, 'ok');

  const index = await fetch(`${baseURL}/`);
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type') || '', /text\/html/);
  const html = await index.text();

  // A deep link the server does not know is the app's, not a 404.
  const deep = await fetch(`${baseURL}/appeals/12345`);
  assert.equal(deep.status, 200);
  assert.equal(await deep.text(), html);

  // An unknown API path stays a JSON 404.
  const api404 = await fetch(`${baseURL}/api/v1/no-such-thing`);
  assert.equal(api404.status, 404);

  const response = await page.goto('/portal');
  assert.equal(response.status(), 200);
  await page.waitForLoadState('networkidle');
  assert.ok((await page.locator('body').innerText()).trim().length > 0, 'the page renders something');
});
