// End-to-end tests in the real window: Xvfb + tauri-driver + WebKitWebDriver driving the
// built app (STRIKECOVER_APP) on a temporary database. Screenshots go to artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, startDriver } from './webdriver.mjs';

const APP = process.env.STRIKECOVER_APP;
let driver;

before(async () => {
  assert.ok(APP, 'set STRIKECOVER_APP to the built app (scripts/build-app.sh prints it)');
  driver = await startDriver();
});

after(() => driver?.stop());

/** dd/mm/yyyy of today + n days. */
function ukDate(n) {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
}

async function withApp(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'strikecover-e2e-'));
  const db = join(dir, 'e2e.sqlite3');
  const s = await Session.start(driver.base, APP, ['--db', db]);
  try {
    await fn(s, dir);
  } finally {
    await s.quit();
  }
}

test('import a CSV through the window and see its duties in the rota', async () => {
  await withApp(async (s, dir) => {
    const csv = [
      'Employee Number,Full Name,Grade,Ward,Site,Shift Date,Shift Start,Shift End,Shift Type,Shift Code',
      `7000001,Aisha Khan,ST3,Emergency Department,Northgate,${ukDate(0)},08:00,17:00,Day,SD`,
      `7000002,<img src=x onerror=alert(1)>,FY2,Emergency Department,Northgate,${ukDate(0)},20:00,08:00,Night,N`,
      `,,ST3,Emergency Department,Northgate,${ukDate(0)},20:00,08:00,Night,N`,
    ].join('\r\n');
    const file = join(dir, 'ward-export.csv');
    writeFileSync(file, csv);

    await s.click(await s.find('button', { text: 'Import a rota export' }));
    await s.type(await s.find('#import-path'), file);
    await s.click(await s.find('#import-preview-button'));
    await s.find('body', { text: 'ward-export.csv' });
    await s.find('table', { text: 'Employee Number' });
    await s.screenshot('e2e-import-preview.png');

    await s.click(await s.find('#import-run-button'));
    const summary = await s.find('#import-summary', { timeout: 30000 });
    const summaryText = await s.text(summary);
    assert.match(summaryText, /3 shifts|Shifts\s*3/i, summaryText);
    await s.screenshot('e2e-import-summary.png');

    await s.click(await s.find('button', { text: 'View the rota' }));
    await s.find('#rota-view');
    // The day the file covers, in the day view.
    await s.click(await s.find('button', { text: 'Day' }));
    await s.type(await s.find('#rota-date'), ukDate(0));
    await s.click(await s.find('button', { text: 'Go' }));
    const rows = await s.waitFor(async () => {
      const r = await s.findAll('[data-testid="duty-row"]');
      return r.length >= 3 ? r : null;
    }, 15000, 'three duty rows');
    const texts = await Promise.all(rows.map((r) => s.text(r)));
    const all = texts.join('\n');
    assert.match(all, /Aisha Khan/);
    assert.match(all, /<img src=x onerror=alert\(1\)>/, 'the HTML-looking name shows as text');
    assert.match(all, /VACANT/i);
    const injected = await s.execute('return document.querySelectorAll(\'img[src="x"]\').length');
    assert.equal(injected, 0, 'no element was created from a name');
    await s.screenshot('e2e-rota.png');
  });
});

test('load the demo trust on first start and browse it', async () => {
  await withApp(async (s) => {
    await s.click(await s.find('button', { text: 'Load the demo trust' }));
    await s.find('#rota-view', { timeout: 60000 });
    await s.waitFor(
      async () => /Northbridge and Eastvale/.test((await s.textContent('#trust-name-display')) ?? ''),
      15000,
      'the demo trust name in the header',
    );
    assert.match(await s.text(await s.find('#rota-heading')), /All departments|Unit|Department/);
    await s.waitFor(async () => (await s.findAll('[data-testid="duty-row"]')).length > 0, 15000, 'duty rows');
    await s.screenshot('e2e-demo-rota.png');
    await s.click(await s.find('nav a, nav button', { text: 'Staff' }));
    await s.find('#staff-view');
    await s.waitFor(
      async () => /FY1|ST\d/.test((await s.textContent('#staff-view')) ?? ''),
      15000,
      'doctors with their grades in the staff list',
    );
    await s.screenshot('e2e-demo-staff.png');
  });
});
