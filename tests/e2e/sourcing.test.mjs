// End to end, issue 4: on the demo trust, work one gap through the whole ladder in the window
// (rungs that do not apply marked with a reason, every other rung tried and declined) until its
// alternatives are exhausted, then fill it from the candidate list (asked, accepted, filled).
// Each step is cross-checked with the command-line tool on the same database.
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

/** Chooses an option of a <select> the way a user does (React sees the change). */
function choose(s, id, value) {
  return s.execute(
    `const el = document.getElementById(arguments[0]);
     const set = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set;
     set.call(el, arguments[1]);
     el.dispatchEvent(new Event('change', { bubbles: true }));
     return el.value;`,
    [id, value],
  );
}

/** Submits the form holding the element `id` (as pressing Enter in it does). */
function submitFormOf(s, id) {
  return s.execute('document.getElementById(arguments[0]).form.requestSubmit(); return true;', [id]);
}

/** Clicks the element `css` once it is there and stays there (the list re-renders after each
 * action, which can replace a button between finding and clicking it). */
function clickSteady(s, css) {
  return s.waitFor(async () => {
    const [el] = await s.findAll(css);
    if (!el) return null;
    await s.click(el);
    return true;
  }, 15000, `${css} to click`);
}

test('work a demo gap through the ladder and fill it from the candidate list', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'strikecover-e2e-'));
  const db = join(dir, 'sourcing.sqlite3');
  const s = await Session.start(driver.base, APP, ['--db', db]);
  try {
    await s.click(await s.find('button', { text: 'Load the demo trust' }));
    await s.find('#rota-view', { timeout: 60000 });
    await s.click(await s.find('nav a, nav button', { text: 'Walkouts' }));
    await s.click(await s.find('button', { text: 'New walkout' }));
    await s.type(await s.find('#walkout-title'), 'BMA resident doctors, 3 days');
    await s.type(await s.find('#walkout-first-day'), ukDate(7));
    await s.type(await s.find('#walkout-last-day'), ukDate(9));
    await s.click(await s.find('#walkout-create-button'));
    await s.find('#walkout-dashboard', { timeout: 20000 });

    // Half the residents have said they will work: they can be asked to cover.
    // The demo trust has a past walkout of its own: take the one made here, by its title.
    const walkout = cliJson(db, 'walkout', 'list').find((x) => x.title === 'BMA resident doctors, 3 days');
    const w = String(walkout.id);
    const doctors = cliJson(db, 'intent', 'list', '--walkout', w);
    const working = doctors.filter((_, i) => i % 2 === 1).map((d) => d.staff_number);
    execFileSync(CLI, ['--db', db, 'intent', 'set', '--walkout', w, '--intent', 'working', ...working]);
    // Open the walkout again so the window reads the intents the tool recorded.
    await s.click(await s.find('a, button', { text: 'All walkouts' }));
    await s.click(await s.find('a, button', { text: 'BMA resident doctors, 3 days' }));
    await s.find('#walkout-dashboard', { timeout: 20000 });

    await s.click(await s.find('#walkout-tab-gaps'));
    await s.find('#gap-board');
    await s.click(await s.find('[data-testid="gap-row"] button', { text: 'Source' }));
    await s.find('#sourcing-heading', { timeout: 20000 });
    const gapId = await s.waitFor(
      () => s.execute('const e = document.querySelector(\'[data-testid="sourcing-gap"]\'); return e ? e.id : null;'),
      15000,
      'the gap on the sourcing screen',
    );
    const duty = gapId.replace('sourcing-gap-', '');
    const show = () => cliJson(db, 'gap', 'show', '--walkout', w, '--gap', duty).gaps[0];
    assert.equal(show().exhausted, false);

    // Rungs that do not apply to this service tonight, each with its reason.
    for (const code of ['elective', 'urgent', 'incident']) {
      await s.click(await s.find(`#ladder-na-${code}`));
      await s.type(await s.find(`#ladder-reason-${code}`), `Not applicable to this shift (${code}): checked with the service manager`);
      await submitFormOf(s, `ladder-reason-${code}`);
      await s.waitFor(async () => show().rungs.find((r) => r.code === code).state === 'not_applicable', 15000, `${code} marked not applicable`);
    }

    // Every other required rung tried from the attempt form, and declined.
    const asks = [
      ['incentive', 'manager', 'Rota lead: enhanced rate offered to all non-striking residents', '120'],
      ['redeploy', 'manager', 'Clinical director, medicine', ''],
      ['consultant', 'manager', 'Consultant body, acting down', '210'],
      ['sas', 'manager', 'SAS tutor', ''],
      ['locum', 'agency', 'Medics4U', '95'],
      ['mutual_aid', 'trust', 'Southside NHS Foundation Trust', ''],
    ];
    let logged = 0;
    // The id of the last attempt logged here (the demo's past walkout has attempts of its own,
    // so ids do not start at 1).
    let lastId = 0;
    for (const [code, kind, who, rate] of asks) {
      // The form keeps the last rung for the next attempt and may still be settling after the
      // previous save: wait for the confirmation of the last attempt before choosing the next.
      if (logged > 0) {
        await s.waitFor(async () => ((await s.textContent('#sourcing-heading')) !== null && ((await s.execute('return document.body.textContent.includes(arguments[0]);', [`Logged #${lastId}`])) || null)), 15000, `attempt ${lastId} confirmed`);
      }
      await choose(s, 'attempt-rung', code);
      await choose(s, 'attempt-kind', kind);
      await s.type(await s.find('#attempt-asked'), who);
      await choose(s, 'attempt-channel', 'phone');
      if (rate) await s.type(await s.find('#attempt-rate'), rate);
      await choose(s, 'attempt-outcome', 'declined');
      // Submit only once the form shows this attempt's rung and outcome.
      await s.waitFor(async () => {
        const [rung, outcome] = await s.execute("return [document.getElementById('attempt-rung').value, document.getElementById('attempt-outcome').value];");
        if (rung === code && outcome === 'declined') return true;
        await choose(s, 'attempt-rung', code);
        await choose(s, 'attempt-outcome', 'declined');
        return null;
      }, 15000, `the form set for ${code}`);
      await submitFormOf(s, 'attempt-rung');
      logged += 1;
      await s.waitFor(async () => (await s.findAll('[data-testid="attempt-row"]')).length === logged, 15000, `attempt ${logged} in the history`);
      lastId = Math.max(...cliJson(db, 'attempt', 'list', '--walkout', w, '--gap', duty).map((a) => a.id));
    }
    await s.waitFor(
      async () => ((await s.textContent('#sourcing-gaps')) ?? '').includes('Alternatives exhausted'),
      15000,
      'the gap shown as alternatives exhausted',
    );
    const exhausted = show();
    assert.equal(exhausted.exhausted, true, `the core agrees: ${JSON.stringify(exhausted.missing)}`);
    const attempts = cliJson(db, 'attempt', 'list', '--walkout', w, '--gap', duty);
    assert.equal(attempts.length, asks.length);
    assert.ok(attempts.some((a) => a.rate_pence_per_hour === 9500 && a.asked === 'Medics4U'));
    await s.screenshot('e2e-sourcing-exhausted.png');

    // From the candidate list: asked, accepted, filled.
    const candidates = cliJson(db, 'candidates', '--walkout', w, '--gap', duty);
    assert.ok(candidates.eligible.length > 0, 'someone could cover this gap');
    const best = candidates.eligible[0];
    await s.find('[data-testid="candidate-row"]', { timeout: 20000 });
    await s.execute('document.getElementById("candidates-heading").scrollIntoView(); return true;');
    await s.screenshot('e2e-sourcing-candidates.png');
    await clickSteady(s, `#cand-ask-${best.staff_id}`);
    await clickSteady(s, `#cand-accepted-${best.staff_id}`);
    await clickSteady(s, `#cand-fill-${best.staff_id}`);
    await s.waitFor(
      async () => ((await s.textContent(`#fill-info-${duty}`)) ?? '').includes(best.name),
      15000,
      'the gap shown as covered by the doctor',
    );
    const filled = show();
    assert.equal(filled.gap.status, 'covered');
    assert.ok(filled.fill.covered_by.startsWith(best.name), filled.fill.covered_by);
    assert.ok(filled.fill.attempt_id, 'the fill points at the accepted attempt');
    assert.equal(cliJson(db, 'attempt', 'list', '--walkout', w, '--gap', duty).length, asks.length + 2);
    await s.screenshot('e2e-sourcing-filled.png');
  } finally {
    await s.quit();
  }
});
