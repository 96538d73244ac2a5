// End to end, issue 3: on the demo trust, create a walkout in the window, see the gap board
// with the counts the core computes (cross-checked with the command-line tool on the same
// database), and mark one duty by hand.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Session, startDriver } from './webdriver.mjs';

const APP = process.env.STRIKECOVER_APP;
const CLI = process.env.STRIKECOVER_CLI ?? (APP && join(dirname(APP), 'strikecover'));
let driver;

before(async () => {
  assert.ok(APP, 'set STRIKECOVER_APP to the built app (scripts/build-app.sh prints it)');
  driver = await startDriver();
});

after(() => driver?.stop());

function ukDate(n) {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
}

function cliJson(db, ...args) {
  return JSON.parse(execFileSync(CLI, ['--db', db, '--json', ...args], { encoding: 'utf8' }));
}

test('create a walkout on the demo trust, see its gaps, mark one duty by hand', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'strikecover-e2e-'));
  const db = join(dir, 'walkout.sqlite3');
  const s = await Session.start(driver.base, APP, ['--db', db]);
  try {
    await s.click(await s.find('button', { text: 'Load the demo trust' }));
    await s.find('#rota-view', { timeout: 60000 });

    await s.click(await s.find('nav a, nav button', { text: 'Walkouts' }));
    await s.click(await s.find('button', { text: 'New walkout' }));
    await s.type(await s.find('#walkout-title'), 'BMA resident doctors, 5 days');
    await s.type(await s.find('#walkout-first-day'), ukDate(7));
    await s.type(await s.find('#walkout-last-day'), ukDate(11));
    await s.screenshot('e2e-walkout-form.png');
    await s.click(await s.find('#walkout-create-button'));

    await s.find('#walkout-dashboard', { timeout: 20000 });
    await s.waitFor(
      async () => /Neonatal|Emergency|Obstetrics/.test((await s.textContent('#walkout-dashboard')) ?? ''),
      15000,
      'the heat map with its departments',
    );
    await s.screenshot('e2e-walkout-dashboard.png');

    // The core's own count, through the command-line tool on the same database.
    // The demo trust has a past walkout of its own: take the one made here, by its title.
    const walkout = cliJson(db, 'walkout', 'list').find((x) => x.title === 'BMA resident doctors, 5 days');
    const gaps = cliJson(db, 'gaps', '--walkout', String(walkout.id));
    assert.ok(gaps.length > 50, `a 5-day resident walkout on the demo trust leaves many gaps (${gaps.length})`);
    const critical = gaps.filter((g) => g.critical).length;

    await s.click(await s.find('#walkout-tab-gaps'));
    await s.find('#gap-board');
    const countText = await s.waitFor(async () => {
      const t = (await s.textContent('#gap-count')) ?? '';
      return /\d/.test(t) ? t : null;
    }, 15000, 'the gap count');
    const numbers = countText.replace(/,(?=\d{3})/g, '').match(/\d+/g).map(Number);
    assert.equal(numbers[0], gaps.length, `window says "${countText}", core says ${gaps.length}`);
    assert.equal(numbers[1], critical, `critical: window "${countText}", core ${critical}`);
    assert.ok((await s.findAll('[data-testid="gap-row"]')).length > 5, 'gap rows are shown');
    await s.screenshot('e2e-gap-board.png');

    // A doctor rang in: they will work after all. Mark the first gap by hand.
    await s.click(await s.find('[data-testid="gap-row"] button', { text: 'Mark' }));
    await s.click(await s.find('label[for="gap-mark-not-uncovered"]'));
    await s.type(await s.find('#gap-mark-reason'), 'Rang at 08:10: will work this shift');
    await s.click(await s.find('#gap-mark-submit'));
    await s.waitFor(async () => {
      const t = ((await s.textContent('#gap-count')) ?? '').replace(/,(?=\d{3})/g, '');
      return Number(t.match(/\d+/)?.[0]) === gaps.length - 1;
    }, 15000, 'the gap count to drop by one');
    const after = cliJson(db, 'gaps', '--walkout', String(walkout.id));
    assert.equal(after.length, gaps.length - 1, 'the core agrees: one gap fewer');
    await s.screenshot('e2e-gap-marked.png');
  } finally {
    await s.quit();
  }
});
