// End to end, issue 6: the impact report of a walkout on the demo trust. The walkout is the
// demo's worked past walkout when the demo has one (a walkout with requests); otherwise one is
// set up with the command-line tool (two requests approved and sent, one granted and one
// declined, a gap filled by a locum, an incident during the declined shift). The window's
// headline figures are checked against `impact --json`, a screenshot is saved, and the report is
// saved as PDF through the window (into a typed folder) and read back with pdftotext.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, readFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ARTIFACTS, Session, startDriver } from './webdriver.mjs';

const APP = process.env.STRIKECOVER_APP;
const CLI = process.env.STRIKECOVER_CLI ?? (APP && join(dirname(APP), 'strikecover'));
const PASSPHRASE = 'four words for approval';
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

/** "dd/mm/yyyy HH:MM", n hours from now (local time). */
function ukStamp(hours) {
  const d = new Date(Date.now() + hours * 3600 * 1000);
  const p = (x) => String(x).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

function run(db, ...args) {
  return execFileSync(CLI, ['--db', db, '--user', 'e2e.setup', ...args], { encoding: 'utf8' });
}

function cliJson(db, ...args) {
  return JSON.parse(run(db, '--json', ...args));
}

function clickById(s, id) {
  return s.execute('document.getElementById(arguments[0]).click(); return true;', [id]);
}

async function text(s, css) {
  return (await s.textContent(css)) ?? '';
}

/** Works every rung of the ladder for a gap, so a request may be built for it. */
function exhaust(db, w, duty) {
  for (const code of ['elective', 'urgent', 'incident']) {
    run(db, 'gap', 'na', '--walkout', w, '--gap', duty, '--rung', code, '--reason', `No ${code} work to move on this shift`);
  }
  for (const [code, kind, who] of [
    ['incentive', 'manager', 'Rota lead: enhanced rate to all non-striking residents'],
    ['redeploy', 'manager', 'Clinical director, medicine'],
    ['consultant', 'manager', 'Consultant body, acting down'],
    ['sas', 'manager', 'SAS tutor'],
    ['locum', 'agency', 'Medics4U'],
    ['mutual_aid', 'trust', 'Southside NHS Foundation Trust'],
  ]) {
    run(db, 'attempt', 'add', '--walkout', w, '--gap', duty, '--rung', code, '--kind', kind, '--asked', who, '--channel', 'phone', '--outcome', 'declined');
  }
}

/** Builds, approves and sends a request for one gap; returns its id. */
function sentRequest(db, w, duty, dir) {
  const built = cliJson(db, 'request', 'build', '--walkout', w, '--gap', duty, '--role', 'ST3+ registrar', '--doctors', '1',
    '--trigger', 'No registrar for the department: every source tried', '--risk', 'Critically ill patients without senior review',
    '--consultants', 'unsafe', '--consultants-who', 'Dr E Consultant, clinical director', '--elective', 'no',
    '--deadline', ukStamp(24), '--clinician', 'Dr F Clinician', '--phone', '0161 496 0000',
    '--pre-emptive', 'Known rota gap with no cover in the market');
  const id = String(built.id);
  run(db, 'request', 'submit', id);
  run(db, 'request', 'approve', id, '--as', 'mdirector', '--passphrase-file', join(dir, 'pass.txt'));
  run(db, 'request', 'send', id, '--to', 'NHS England regional team by email');
  return id;
}

/** The demo's past walkout if it has one (a walkout with requests), else a walkout set up here. */
function walkoutWithRequests(db, dir) {
  for (const w of cliJson(db, 'walkout', 'list')) {
    if (cliJson(db, 'impact', '--walkout', String(w.id)).outcomes.made > 0) return { id: String(w.id), title: w.title, demo: true };
  }
  run(db, 'walkout', 'create', '--body', 'BMA', '--group', 'resident', '--title', 'BMA resident doctors, 3 days', '--from', ukDate(7), '--last-day', ukDate(9));
  const walkout = cliJson(db, 'walkout', 'list').find((x) => x.title === 'BMA resident doctors, 3 days');
  const w = String(walkout.id);
  const gaps = cliJson(db, 'gaps', '--walkout', w).filter((g) => g.status === 'uncovered');
  // Two gaps of one department (the one with most gaps), a third anywhere else.
  const byDept = new Map();
  for (const g of gaps) byDept.set(g.department_id, [...(byDept.get(g.department_id) ?? []), g]);
  const dept = [...byDept.values()].sort((a, b) => b.length - a.length)[0];
  const [granted, declined] = dept;
  run(db, 'user', 'add', 'mdirector', '--name', 'Dr Maya Director', '--role', 'medical_director', '--phone', '0161 496 0001');
  writeFileSync(join(dir, 'pass.txt'), `${PASSPHRASE}\n`);
  run(db, 'user', 'passphrase', 'mdirector', '--new-file', join(dir, 'pass.txt'));
  for (const g of [granted, declined]) exhaust(db, w, String(g.duty_id));
  const a = sentRequest(db, w, String(granted.duty_id), dir);
  const b = sentRequest(db, w, String(declined.duty_id), dir);
  run(db, 'request', 'decide', a, '--outcome', 'granted');
  run(db, 'request', 'decide', b, '--outcome', 'declined', '--reason', 'Not enough evidence that cover was sought');
  // Gaps closed at different rungs of the ladder, on different days.
  const others = gaps.filter((g) => g !== granted && g !== declined);
  const rungs = [
    ['locum', 'Dr L Locum', 'Medics4U'],
    ['incentive', 'Dr N Bank', ''],
    ['consultant', 'Dr C Acting-Down', ''],
    ['mutual_aid', 'Dr M Southside', 'Southside NHS Foundation Trust'],
    ['sas', 'Dr S Specialty', ''],
  ];
  const step = Math.max(1, Math.floor(others.length / 18));
  others.filter((_, i) => i % step === 0).slice(0, 18).forEach((g, i) => {
    const [rung, name, org] = rungs[i % rungs.length];
    const args = ['gap', 'fill', '--walkout', w, '--gap', String(g.duty_id), '--rung', rung, '--name', name];
    if (org) args.push('--org', org);
    run(db, ...args);
  });
  // An incident during the declined shift, in its department (plain SQL, as the incident log
  // would write it).
  const mid = Math.floor((declined.start + declined.end) / 2);
  execFileSync('sqlite3', [db, `
    INSERT INTO incidents (walkout_id, created_by, created_at)
      VALUES (${w}, (SELECT id FROM users WHERE username = 'e2e.setup'), '2026-11-22T10:00:00Z');
    INSERT INTO incident_versions (incident_id, version, occurred_utc, department_id, reference, harm, near_miss, description, saved_by, saved_at)
      VALUES (last_insert_rowid(), 1, ${mid}, ${declined.department_id}, 'LFPSE-20417', 'moderate', 0,
              'Delayed senior review of a deteriorating patient', (SELECT id FROM users WHERE username = 'e2e.setup'), '2026-11-22T10:00:00Z');`]);
  return { id: w, title: 'BMA resident doctors, 3 days', demo: false };
}

test('the impact report of a walkout: figures, charts, screenshot and PDF', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'strikecover-e2e-impact-'));
  const db = join(dir, 'impact.sqlite3');
  run(db, 'demo');
  const walkout = walkoutWithRequests(db, dir);
  const report = cliJson(db, 'impact', '--walkout', walkout.id);
  assert.ok(report.outcomes.made >= 2, 'the walkout has requests');
  if (!walkout.demo) {
    assert.equal(report.outcomes.granted, 1);
    assert.equal(report.outcomes.declined, 1);
    assert.equal(report.short_shifts, 1);
    assert.equal(report.incidents_in_short_shifts, 1);
  }

  const s = await Session.start(driver.base, APP, ['--db', db]);
  try {
    await s.find('#rota-view', { timeout: 60000 });
    await s.click(await s.find('nav a, nav button', { text: 'Walkouts' }));
    await s.click(await s.find('a, button', { text: walkout.title }));
    await s.find('#walkout-dashboard', { timeout: 20000 });
    await clickById(s, 'walkout-tab-impact');
    await s.find('#impact-figures', { timeout: 30000 });

    // The headline figures are the tool's.
    const figures = await s.execute(
      `return [...document.querySelectorAll('#impact-figures > div')].map((d) => [d.querySelector('dt').textContent, d.querySelector('dd').textContent]);`,
      [],
    );
    const shown = Object.fromEntries(figures);
    const o = report.outcomes;
    assert.equal(shown['Requests made'], String(o.made));
    assert.equal(shown['Granted'], String(o.granted));
    assert.equal(shown['Refused (declined or revoked)'], String(o.declined + o.revoked));
    assert.equal(shown['Not decided or answered late'], String(o.not_decided + o.late_answers));
    assert.equal(shown['Gaps covered'], `${report.covered.toLocaleString('en-GB')} of ${report.gaps.toLocaleString('en-GB')}`);
    assert.equal(shown['Shifts short after refusals'], String(report.short_shifts));
    assert.equal(shown['Incidents in short shifts'], String(report.incidents_in_short_shifts));
    // Three charts, each an image with a title and a description.
    const charts = await s.execute(
      `return [...document.querySelectorAll('#impact-report svg[role="img"]')].map((c) => c.querySelector('title').textContent);`,
      [],
    );
    assert.deepEqual(charts, ['Gaps covered by source per day', 'Request outcomes', 'Time to decision against the deadline']);
    if (report.shortfalls.length > 0) {
      const short = await text(s, '#impact-shortfalls');
      assert.ok(short.includes(report.shortfalls[0].reference), 'the refused request is listed');
    }
    await s.execute('window.scrollTo(0, 0); return true;', []);
    await s.screenshot('e2e-impact-report.png');
    await s.execute('document.getElementById("impact-times-heading").scrollIntoView({ block: "start" }); return true;', []);
    await s.screenshot('e2e-impact-report-decisions.png');

    // Save as PDF into a typed folder (the system's dialog cannot be driven through WebDriver).
    await s.execute('document.getElementById("impact-export-folder").scrollIntoView({ block: "center" }); return true;', []);
    await s.type(await s.find('#impact-export-folder'), dir);
    await s.click(await s.find('#impact-export-pdf'));
    await s.waitFor(async () => (await text(s, '#impact-export-done')).includes('SHA-256'), 60000, 'the PDF saved');
    const pdf = join(dir, `impact-report-walkout-${walkout.id}.pdf`);
    assert.ok(existsSync(pdf));
    const sha = createHash('sha256').update(readFileSync(pdf)).digest('hex');
    assert.ok((await text(s, '#impact-export-done')).includes(sha), 'the window shows the file\'s SHA-256');
    await s.execute('document.getElementById("impact-save-heading").scrollIntoView({ block: "start" }); return true;', []);
    await s.screenshot('e2e-impact-saved.png');
    const audit = execFileSync('sqlite3', [db, "SELECT detail FROM audit WHERE action = 'impact.export' ORDER BY id DESC LIMIT 1"], { encoding: 'utf8' });
    assert.ok(audit.includes(sha), 'the SHA-256 is in the audit trail');
    const words = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const needle of ['Impact report', 'Headline figures', 'Request outcomes', 'Shifts covered by source', 'Daily situation report', 'Page 1 of']) {
      assert.ok(words.includes(needle), `the PDF says ${needle}`);
    }
    if (report.shortfalls[0]?.short_shifts[0]?.incidents[0]) {
      assert.ok(words.includes(report.shortfalls[0].short_shifts[0].incidents[0].reference), 'the PDF names the incident');
    }
    copyFileSync(pdf, join(ARTIFACTS, 'e2e-impact-report.pdf'));
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, join(ARTIFACTS, 'e2e-impact-pdf-page1')]);
  } finally {
    await s.quit();
  }
});
