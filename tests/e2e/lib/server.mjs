// Starts and stops a private `minsheng serve` with demo data in a temp directory.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

// A free port on 127.0.0.1 (closed again before the server binds it; start() retries if it was taken).
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// The instant the whole run pretends to start at (as the API scenarios do, tests/api/scenarios/README.md):
// the demo is loaded up to it, the server's clock and every page's clock start there and run on, so that
// no test depends on the day it runs. MINSHENG_TEST_NOW moves it.
export const TEST_NOW = process.env.MINSHENG_TEST_NOW || '2026-11-18T10:00:00+08:00';
const clockOffsetMs = Date.parse(TEST_NOW) - Date.now();
// The test clock now, as a Date.
export function testNow() {
  return new Date(Date.now() + clockOffsetMs);
}

export class Server {
  constructor({ binary, webRoot, dir, appeals }) {
    this.binary = binary;
    this.webRoot = webRoot;
    this.dir = dir;
    this.appeals = appeals;
    this.db = `sqlite:${path.join(dir, 'm.db')}`;
    this.logFile = path.join(dir, 'server.log');
    this.child = null;
    this.baseURL = null;
  }

  // Loads the demo data (minsheng demo) into a fresh database.
  loadDemo() {
    const r = spawnSync(this.binary, ['demo', '--db', this.db, '--appeals', String(this.appeals), '--now', TEST_NOW], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (r.error) throw new Error(`minsheng demo could not run: ${r.error.message}`);
    if (r.status !== 0) {
      throw new Error(`minsheng demo exited ${r.status ?? r.signal}:\n${r.stdout}\n${r.stderr}`);
    }
    return r.stdout.trim() || r.stderr.trim();
  }

  async start() {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const port = await freePort();
      const log = fs.openSync(this.logFile, 'a');
      const args = ['serve', '--listen', `127.0.0.1:${port}`, '--db', this.db, '--web-root', this.webRoot,
        '--clock-offset', String(Math.round(clockOffsetMs / 1000))];
      const child = spawn(this.binary, args, { stdio: ['ignore', log, log] });
      fs.closeSync(log);
      let exited = null;
      child.on('exit', (code, signal) => { exited = { code, signal }; });
      this.child = child;
      const url = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && !exited) {
        try {
          const res = await fetch(`${url}/api/v1/health`);
          if (res.ok) {
            this.baseURL = url;
            return url;
          }
        } catch { /* not listening yet */ }
        await sleep(100);
      }
      if (!exited) {
        await this.stop();
        throw new Error(`minsheng serve did not answer /api/v1/health within 30 s; log:\n${tail(this.logFile)}`);
      }
      this.child = null;
      const log2 = tail(this.logFile);
      if (attempt === 3 || !/address|in use|bind/i.test(log2)) {
        throw new Error(`minsheng serve exited (${exited.code ?? exited.signal}) before it answered; log:\n${log2}`);
      }
      // The port was taken between freePort() and bind: try another one.
    }
    throw new Error('unreachable');
  }

  // SIGTERM, then SIGKILL after 10 s. Returns null when the server stopped cleanly (exit 0), else what
  // went wrong (it exited early, by itself, non-zero — e.g. a sanitizer report — or had to be killed).
  // Safe to call twice or before start().
  async stop() {
    const child = this.child;
    this.child = null;
    if (!child) return null;
    if (child.exitCode !== null || child.signalCode !== null) {
      return `minsheng serve had exited by itself (${child.exitCode ?? child.signalCode})`;
    }
    const done = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
    child.kill('SIGTERM');
    let killed = false;
    const timer = setTimeout(() => { killed = true; child.kill('SIGKILL'); }, 10_000);
    const { code, signal } = await done;
    clearTimeout(timer);
    if (killed) return 'minsheng serve did not stop within 10 s of SIGTERM';
    if (code !== 0) return `minsheng serve exited ${code ?? signal} after SIGTERM`;
    return null;
  }

  // null while the server runs, else how it ended (with the end of its log).
  gone() {
    const c = this.child;
    if (!c || (c.exitCode === null && c.signalCode === null)) return null;
    return `minsheng serve has exited (${c.exitCode ?? c.signalCode}); log ends:\n${tail(this.logFile, 5)}`;
  }

  // Synchronous last resort from process.on('exit').
  killNow() {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  logTail(lines) {
    return tail(this.logFile, lines);
  }
}
