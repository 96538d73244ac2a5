// A minimal W3C WebDriver client (Node's fetch, no dependencies) and the harness that starts
// Xvfb and tauri-driver. tauri-driver forwards to WebKitWebDriver, which starts the app.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { homedir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

// The W3C element key; take any single-key value so a driver's variant still works.
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const elementId = (e) => e[ELEMENT] ?? Object.values(e)[0];
export const ARTIFACTS = join(process.cwd(), 'artifacts');

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, application, args) {
    const res = await request(base, 'POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application, args } } },
    });
    return new Session(base, res.sessionId);
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  async findAll(css) {
    const els = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return els.map(elementId);
  }

  /** Waits for the first element matching `css` (and, if given, containing `text`). */
  async find(css, { text, timeout = 15000 } = {}) {
    return this.waitFor(async () => {
      for (const el of await this.findAll(css)) {
        if (text === undefined || (await this.text(el)).includes(text)) return el;
      }
      return null;
    }, timeout, `element ${css}${text ? ` with text "${text}"` : ''}`);
  }

  async waitFor(fn, timeout, what) {
    const until = Date.now() + timeout;
    let last;
    while (Date.now() < until) {
      try {
        const v = await fn();
        if (v) return v;
      } catch (e) {
        last = e;
      }
      await sleep(150);
    }
    const shot = await this.screenshot(`timeout-${Date.now()}.png`).catch(() => null);
    throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (${last.message})` : ''}${shot ? `; screenshot ${shot}` : ''}`);
  }

  /** The DOM text of the first element matching `css` (WebKit's element text can be empty
   * for text it judges hidden, such as a header line clipped by overflow). */
  textContent(css) {
    return this.execute('const e = document.querySelector(arguments[0]); return e ? e.textContent : null;', [css]);
  }

  text(el) {
    return this.cmd('GET', `/element/${el}/text`);
  }

  click(el) {
    return this.cmd('POST', `/element/${el}/click`, {});
  }

  async type(el, text) {
    await this.cmd('POST', `/element/${el}/clear`, {});
    return this.cmd('POST', `/element/${el}/value`, { text });
  }

  execute(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /** Runs `script` in the page; it calls its last argument with the result. */
  async executeAsync(script, args = [], timeoutMs = 30000) {
    await this.cmd('POST', '/timeouts', { script: timeoutMs });
    return this.cmd('POST', '/execute/async', { script, args });
  }

  async screenshot(name) {
    const b64 = await this.cmd('GET', '/screenshot');
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, name);
    writeFileSync(file, Buffer.from(b64, 'base64'));
    return file;
  }

  async quit() {
    await this.cmd('DELETE', '').catch(() => {});
  }
}

async function request(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || (json.value && json.value.error)) {
    const v = json.value || {};
    throw new Error(`${method} ${path}: ${v.error || res.status} ${v.message || ''}`);
  }
  return json.value;
}

/** Starts Xvfb (when there is no display) and tauri-driver; returns the driver URL and a stop function. */
export async function startDriver() {
  const procs = [];
  const env = { ...process.env };
  if (!env.DISPLAY) {
    const display = ':99';
    const x = spawn('Xvfb', [display, '-screen', '0', '1400x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    procs.push(x);
    env.DISPLAY = display;
    await sleep(800);
  }
  const port = 4444 + Math.floor(Math.random() * 500);
  const nativePort = port + 1000;
  const driverBin = [join(homedir(), '.cargo', 'bin', 'tauri-driver')].find(existsSync) ?? 'tauri-driver';
  const driver = spawn(
    driverBin,
    ['--port', String(port), '--native-port', String(nativePort), '--native-driver', '/usr/bin/WebKitWebDriver'],
    { env, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  procs.push(driver);
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 20000;
  for (;;) {
    try {
      const r = await fetch(`${base}/status`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error('tauri-driver did not start');
    await sleep(200);
  }
  return {
    base,
    stop() {
      for (const p of procs.reverse()) p.kill('SIGTERM');
    },
  };
}
