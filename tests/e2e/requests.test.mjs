// End to end, issue 5: on the demo trust, from a gap whose alternatives are exhausted to an
// approved derogation request and its PDF. The evidence and the medical director's profile are
// set up with the command-line tool; building, checking, approving and exporting happen in the
// window. The exported PDF is verified with the tool, and its first page is saved as a PNG
// artefact (pdftoppm).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, copyFileSync } from 'node:fs';
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

/** "yyyy-mm-ddTHH:MM" for a datetime-local input, n hours from now (local time). */
function localInput(hours) {
  const d = new Date(Date.now() + hours * 3600 * 1000);
  const p = (x) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function run(db, ...args) {
  return execFileSync(CLI, ['--db', db, '--user', 'e2e.setup', ...args], { encoding: 'utf8' });
}

function cliJson(db, ...args) {
  return JSON.parse(run(db, '--json', ...args));
}

/** Sets an input's or select's value the way a user's typing or choosing does (React sees it). */
function setValue(s, id, value) {
  return s.execute(
    `const el = document.getElementById(arguments[0]);
     const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype
       : el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
     Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, arguments[1]);
     el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
     return el.value;`,
    [id, value],
  );
}

/** Clicks an element by id from script (a tab scrolled under the sticky header cannot take a
 * pointer click). */
function clickById(s, id) {
  return s.execute('document.getElementById(arguments[0]).click(); return true;', [id]);
}

async function text(s, css) {
  return (await s.textContent(css)) ?? '';
}

test('from an exhausted demo gap to an approved request and its PDF', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'strikecover-e2e-'));
  const db = join(dir, 'requests.sqlite3');

  // The demo trust, a walkout a week ahead, and one gap worked through the whole ladder.
  run(db, 'demo');
  run(db, 'walkout', 'create', '--body', 'BMA', '--group', 'resident', '--title', 'BMA resident doctors, 3 days',
    '--from', ukDate(7), '--last-day', ukDate(9));
  // The demo trust has a past walkout of its own: take the one made here, by its title.
  const walkout = cliJson(db, 'walkout', 'list').find((x) => x.title === 'BMA resident doctors, 3 days');
  const w = String(walkout.id);
  const gaps = cliJson(db, 'gaps', '--walkout', w);
  const gap = gaps.find((g) => g.status === 'uncovered' && g.critical) ?? gaps[0];
  const duty = String(gap.duty_id);
  for (const code of ['elective', 'urgent', 'incident']) {
    run(db, 'gap', 'na', '--walkout', w, '--gap', duty, '--rung', code, '--reason', `No ${code} work to move on this shift`);
  }
  for (const [code, kind, who, rate] of [
    ['incentive', 'manager', 'Rota lead: enhanced rate to all non-striking residents', '120'],
    ['redeploy', 'manager', 'Clinical director, medicine', ''],
    ['consultant', 'manager', 'Consultant body, acting down', '210'],
    ['sas', 'manager', 'SAS tutor', ''],
    ['locum', 'agency', 'Medics4U', '95'],
    ['mutual_aid', 'trust', 'Southside NHS Foundation Trust', ''],
  ]) {
    const args = ['attempt', 'add', '--walkout', w, '--gap', duty, '--rung', code, '--kind', kind, '--asked', who,
      '--channel', 'phone', '--outcome', 'declined'];
    if (rate) args.push('--rate', rate);
    run(db, ...args);
  }
  assert.equal(cliJson(db, 'gap', 'show', '--walkout', w, '--gap', duty).gaps[0].exhausted, true);
  // The medical director's profile and passphrase.
  // The demo trust's own medical director (passphrase in the README) authorises a second one.
  const demoPass = join(dir, 'demo-pass.txt');
  writeFileSync(demoPass, 'demo passphrase only\n');
  run(db, 'user', 'add', 'mdirector', '--name', 'Dr Maya Director', '--role', 'medical_director', '--phone', '0161 496 0001',
    '--authoriser', 'demo.director', '--authoriser-passphrase-file', demoPass);
  const pass = join(dir, 'pass.txt');
  writeFileSync(pass, `${PASSPHRASE}\n`);
  run(db, 'user', 'passphrase', 'mdirector', '--new-file', pass);

  const s = await Session.start(driver.base, APP, ['--db', db]);
  try {
    await s.find('#rota-view', { timeout: 60000 });
    await s.click(await s.find('nav a, nav button', { text: 'Walkouts' }));
    await s.click(await s.find('a, button', { text: 'BMA resident doctors, 3 days' }));
    await s.find('#walkout-dashboard', { timeout: 20000 });
    await s.click(await s.find('#walkout-tab-gaps'));
    await s.find('#gap-board');
    await s.click(await s.find(`#gap-select-${duty}`));
    await s.click(await s.find('#gap-build-request'));

    // The builder proposes one request (one department, one grade) for the gap.
    await s.find('#builder-heading', { timeout: 20000 });
    await s.click(await s.find('#builder-create'));
    await s.find('#req-trigger', { timeout: 20000 });

    await s.type(await s.find('#req-trigger'), 'No registrar for the department overnight: every source tried');
    await s.type(await s.find('#req-clinical-risk'), 'Critically ill patients without senior review overnight');
    await s.click(await s.find('#req-consultants-unsafe'));
    await s.type(await s.find('#req-consultants-who'), 'Dr E Consultant, clinical director');
    await s.click(await s.find('#req-elective-no'));
    // The walkout starts next week: an exceptional pre-emptive request, with its reason.
    await s.click(await s.find('#req-pre-emptive'));
    await s.type(await s.find('#req-pre-emptive-reason'), 'Known rota gap with no cover in the market');
    await setValue(s, 'req-deadline', localInput(24));
    await s.type(await s.find('#req-clinician'), 'Dr F Clinician');
    await s.type(await s.find('#req-phone'), '0161 496 0000');
    await s.click(await s.find('#request-save'));
    await s.waitFor(async () => (await text(s, '#request-form-message')).includes('Saved as version 2'), 20000, 'saved as version 2');

    const [summary] = cliJson(db, 'request', 'list', '--walkout', w);
    const id = String(summary.id);
    const check = cliJson(db, 'request', 'show', id).checks;
    assert.deepEqual(check.filter((c) => c.status === 'fail'), [], 'no check fails');
    await s.screenshot('e2e-request-built.png');

    await s.waitFor(async () => {
      const [b] = await s.findAll('#request-submit:not([disabled])');
      return b ?? null;
    }, 20000, 'Send for approval enabled');
    await s.click(await s.find('#request-submit'));
    await s.waitFor(async () => cliJson(db, 'request', 'show', id).status === 'awaiting_approval', 20000, 'awaiting approval');

    // The medical director's page: what is asked, the evidence, the checks; approve with a passphrase.
    await s.find('#request-tab-approval');
    await clickById(s, 'request-tab-approval');
    await s.find('#approval-binding', { timeout: 20000 });
    assert.ok((await text(s, '#approval-evidence')).includes('Medics4U'), 'the evidence is on the approval page');
    await setValue(s, 'approval-approver', 'mdirector');
    await s.type(await s.find('#approval-passphrase'), PASSPHRASE);
    await s.screenshot('e2e-request-approval.png');
    await s.click(await s.find('#approval-approve'));
    await s.waitFor(async () => cliJson(db, 'request', 'show', id).status === 'approved', 20000, 'approved');
    const approved = cliJson(db, 'request', 'show', id);
    assert.equal(approved.approval.approver, 'Dr Maya Director');
    assert.equal(approved.approval.content_hash, approved.content_hash);

    // Save the PDF into a folder typed on the screen (the system's save dialog cannot be driven
    // through WebDriver).
    await clickById(s, 'request-tab-track');
    await s.type(await s.find('#track-export-folder', { timeout: 20000 }), dir);
    const pdf = join(dir, `DR-${id}-v${approved.content.version}.pdf`);
    await s.click(await s.find('#track-export-pdf'));
    await s.waitFor(async () => (await text(s, '#track-export-done')).includes('SHA-256'), 60000, 'the PDF saved');
    assert.ok(existsSync(pdf));
    await s.screenshot('e2e-request-exported.png');

    // The tool agrees: this file is the approved version.
    const verdict = cliJson(db, 'request', 'verify', pdf);
    assert.equal(verdict.verdict, 'approved', verdict.message);
    const words = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    for (const needle of ['Derogation request', 'Medics4U', 'Dr Maya Director', 'Dr F Clinician', approved.content_hash.slice(0, 16)]) {
      assert.ok(words.includes(needle), `the PDF says ${needle}`);
    }
    copyFileSync(pdf, join(ARTIFACTS, 'e2e-request.pdf'));
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, join(ARTIFACTS, 'e2e-request-pdf-page1')]);
    assert.ok(existsSync(join(ARTIFACTS, 'e2e-request-pdf-page1.png')));
  } finally {
    await s.quit();
  }
});
