import { describe, expect, it } from 'vitest';
import { failingChecks as failingFixture, passingChecks, proposals, requestInput, requestSummary, requestView } from '../test/requestFixtures';
import {
  REQUEST_STATUSES,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUS_TAGS,
  awaitsDecision,
  buildRequestInput,
  checkDoctors,
  checksSummary,
  countdown,
  deadlineNote,
  editVoidsApproval,
  formChanged,
  formFromInput,
  inputFromProposal,
  inputFromView,
  inputToUkStamp,
  mayEdit,
  maxConcurrent,
  shortHash,
  sortChecks,
  ukStampToInput,
} from './requests';

const DEADLINE = Date.UTC(2024, 0, 3, 14, 0) / 1000;
const at = (h: number, m: number) => Date.UTC(2024, 0, 3, h, m);

describe('countdown to a deadline', () => {
  it('says how long is left, in hours and minutes', () => {
    expect(countdown(DEADLINE, at(11, 46))).toEqual({ text: '2 h 14 min left', tone: 'normal' });
    expect(countdown(DEADLINE, at(12, 0) + 30_000)).toEqual({ text: '1 h 59 min left', tone: 'soon' });
    expect(countdown(DEADLINE, at(13, 15))).toEqual({ text: '45 min left', tone: 'soon' });
    expect(countdown(DEADLINE, Date.UTC(2024, 0, 1, 10, 0))).toEqual({ text: '2 days 4 h left', tone: 'normal' });
  });

  it('says it is due now within the minute, and overdue after', () => {
    expect(countdown(DEADLINE, at(13, 59) + 30_000).text).toBe('due now');
    expect(countdown(DEADLINE, at(14, 0) + 20_000).text).toBe('due now');
    expect(countdown(DEADLINE, at(14, 35))).toEqual({ text: 'overdue by 35 min', tone: 'overdue' });
    expect(countdown(DEADLINE, at(17, 5)).text).toBe('overdue by 3 h 05 min');
  });
});

describe('what the list says under a deadline', () => {
  const now = at(11, 46);
  it('counts down while the request waits for a decision, even when not decided by the deadline', () => {
    for (const status of ['draft', 'awaiting_approval', 'approved', 'sent'] as const) {
      expect(deadlineNote(requestSummary({ status }), now).text).toBe('2 h 14 min left');
    }
    expect(deadlineNote(requestSummary({ status: 'not_decided' }), at(15, 0)).text).toBe('overdue by 1 h 00 min');
  });

  it('gives the time a decision took, and whether it came by the deadline', () => {
    const sent = at(9, 0) / 1000;
    expect(deadlineNote(requestSummary({ status: 'granted', sent_at: sent, decided_at: sent + 185 * 60 }), now)).toEqual({
      text: 'decided in 3 h 05 min, by the deadline',
      tone: 'done',
    });
    expect(deadlineNote(requestSummary({ status: 'declined', sent_at: sent, decided_at: DEADLINE + 600 }), now).text).toBe(
      'decided in 5 h 10 min, after the deadline',
    );
    expect(deadlineNote(requestSummary({ status: 'granted', sent_at: sent, decided_at: sent + 40 * 60, decision_needed_by: null }), now).text).toBe(
      'decided in 40 min',
    );
    expect(deadlineNote(requestSummary({ status: 'withdrawn', sent_at: null, decided_at: sent }), now).text).toBe('closed before it was sent');
  });

  it('says nothing more when no deadline was given (the cell says so)', () => {
    expect(deadlineNote(requestSummary({ decision_needed_by: null, decision_needed_by_local: null }), now).text).toBe('');
  });
});

describe('datetime-local and dd/mm/yyyy HH:MM', () => {
  it('converts both ways', () => {
    expect(inputToUkStamp('2024-01-03T14:00')).toBe('03/01/2024 14:00');
    expect(inputToUkStamp('2024-01-03T14:00:00')).toBe('03/01/2024 14:00');
    expect(ukStampToInput('03/01/2024 14:00')).toBe('2024-01-03T14:00');
    expect(ukStampToInput('2024-01-03T14:00')).toBe('2024-01-03T14:00');
    expect(ukStampToInput(inputToUkStamp('2024-12-31T23:59'))).toBe('2024-12-31T23:59');
  });

  it('refuses what is not a real date and time', () => {
    for (const bad of ['', '31/02/2024 10:00', '03/01/2024 24:00', '3/1/2024 14:00', 'tomorrow']) expect(ukStampToInput(bad)).toBe('');
    for (const bad of ['', '2024-02-30T10:00', '2024-01-03 14:00', '2024-01-03T14:60']) expect(inputToUkStamp(bad)).toBe('');
    expect(ukStampToInput(null)).toBe('');
  });
});

describe('the lifecycle', () => {
  it('allows a change only before the request is sent, and says when a change voids an approval', () => {
    expect(REQUEST_STATUSES.filter(mayEdit)).toEqual(['draft', 'awaiting_approval', 'approved']);
    expect(REQUEST_STATUSES.filter(editVoidsApproval)).toEqual(['awaiting_approval', 'approved']);
    expect(REQUEST_STATUSES.filter(awaitsDecision)).toEqual(['draft', 'awaiting_approval', 'approved', 'sent', 'not_decided']);
  });

  it('labels and colours every status', () => {
    for (const s of REQUEST_STATUSES) {
      expect(REQUEST_STATUS_LABELS[s]).toMatch(/^[A-Z]/);
      expect(REQUEST_STATUS_TAGS[s]).toMatch(/^nhsuk-tag--/);
    }
    expect(REQUEST_STATUS_LABELS.not_decided).toBe('Not decided by the deadline');
  });
});

describe('checks', () => {
  it('puts failing checks first, then warnings, keeping the core order within each', () => {
    const sorted = sortChecks(failingFixture());
    expect(sorted.map((c) => c.status)).toEqual(['fail', 'fail', 'warning', ...Array(sorted.length - 3).fill('pass')]);
    expect(sorted.slice(0, 2).map((c) => c.code)).toEqual(['complete', 'consultants']);
  });

  it('sums them up in a line', () => {
    expect(checksSummary(failingFixture())).toBe('2 checks fail, 1 warning');
    expect(checksSummary(passingChecks())).toBe(`All ${passingChecks().length} checks pass`);
    const oneFail = passingChecks().map((c, i) => (i === 0 ? { ...c, status: 'fail' as const } : c));
    expect(checksSummary(oneFail)).toBe('1 check fails');
    const warn = passingChecks().map((c, i) => (i < 2 ? { ...c, status: 'warning' as const } : c));
    expect(checksSummary(warn)).toBe('No check fails; 2 warnings');
  });
});

describe('inputs', () => {
  it('builds an empty draft input from a proposal as adjusted', () => {
    const p = proposals()[0];
    expect(inputFromProposal(7, { duty_ids: [601, 602], role: '  ST4 registrar ', doctors: 1 })).toEqual({
      walkout_id: 7,
      duty_ids: [601, 602],
      role: 'ST4 registrar',
      doctors: 1,
      trigger: '',
      clinical_risk: '',
      incident_declared: false,
      incident_detail: '',
      consultants_view: 'not_recorded',
      consultants_who: '',
      elective_continuing: null,
      elective_reason: '',
      pre_emptive_reason: '',
      decision_needed_by: '',
      requesting_clinician: '',
      contact_phone: '',
    });
    expect(inputFromProposal(7, p).duty_ids).not.toBe(p.duty_ids);
  });

  it('takes the input of a request from its view, with the deadline as the content states it', () => {
    const view = requestView({ input: requestInput({ decision_needed_by: '2024-01-03T14:00' }) });
    expect(inputFromView(view)).toEqual({ ...requestInput(), decision_needed_by: '03/01/2024 14:00' });
    const none = requestView({ content: { decision_needed_by: null }, input: requestInput({ decision_needed_by: '' }) });
    expect(inputFromView(none).decision_needed_by).toBe('');
  });
});

describe('the request form', () => {
  const base = requestInput();

  it('round-trips an input unchanged', () => {
    const form = formFromInput(base);
    expect(form.deadline).toBe('2024-01-03T14:00');
    expect(form.elective).toBe('no');
    expect(form.preEmptive).toBe(false);
    expect(buildRequestInput(form, base)).toEqual({ input: base, problems: {} });
    expect(formChanged(form, form, base)).toBe(false);
  });

  it('sends what the choices make irrelevant empty, and trims what was typed', () => {
    const form = {
      ...formFromInput(base),
      incident: 'no' as const,
      incidentDetail: 'Typed before choosing no',
      consultantsView: 'not_recorded' as const,
      consultantsWho: 'Dr R Evans',
      elective: 'unanswered' as const,
      electiveReason: 'left over',
      preEmptive: false,
      preEmptiveReason: 'left over',
      role: '  ST3+ registrar  ',
      deadline: '',
    };
    const { input } = buildRequestInput(form, base);
    expect(input).toMatchObject({
      role: 'ST3+ registrar',
      incident_declared: false,
      incident_detail: '',
      consultants_view: 'not_recorded',
      consultants_who: '',
      elective_continuing: null,
      elective_reason: '',
      pre_emptive_reason: '',
      decision_needed_by: '',
    });
    const yes = buildRequestInput({ ...form, incident: 'yes', elective: 'yes', preEmptive: true, preEmptiveReason: ' Theatre list ' }, base).input;
    expect(yes).toMatchObject({ incident_declared: true, incident_detail: 'Typed before choosing no', elective_continuing: true, elective_reason: 'left over', pre_emptive_reason: 'Theatre list' });
  });

  it('keeps the shifts not removed, in their order', () => {
    const form = { ...formFromInput(base), dutyIds: [602] };
    expect(buildRequestInput(form, base).input?.duty_ids).toEqual([602]);
    expect(formChanged(form, formFromInput(base), base)).toBe(true);
  });

  it('finds the problems: doctors, a pre-emptive request without a reason, no shift left', () => {
    const form = { ...formFromInput(base), doctors: '1.5', preEmptive: true, preEmptiveReason: ' ', dutyIds: [] };
    const { input, problems } = buildRequestInput(form, base);
    expect(input).toBeNull();
    expect(problems).toEqual({
      doctors: 'Enter the number of doctors as a whole number, 1 or more',
      preEmptiveReason: 'Enter why the request cannot wait until the strike has started',
      shifts: 'Keep at least one shift. To drop the whole request, withdraw it on the “Send and track” tab',
    });
    expect(buildRequestInput({ ...formFromInput(base), deadline: '2024-02-30T10:00' }, base).problems.deadline).toMatch(/^Enter the date and time/);
  });

  it('checks the number of doctors', () => {
    expect(checkDoctors(' 3 ')).toEqual({ doctors: 3 });
    expect(checkDoctors('0').problem).toMatch(/whole number, 1 or more/);
    expect(checkDoctors('').problem).toMatch(/whole number, 1 or more/);
    expect(checkDoctors('two').problem).toMatch(/whole number, 1 or more/);
    expect(checkDoctors('51').problem).toBe('Ask for at most 50 doctors in one request; split it by shift');
  });
});

describe('the builder', () => {
  it('counts the most shifts running at once, back-to-back shifts not overlapping', () => {
    expect(maxConcurrent([])).toBe(0);
    expect(
      maxConcurrent([
        { start: 0, end: 12 },
        { start: 12, end: 24 },
      ]),
    ).toBe(1);
    expect(
      maxConcurrent([
        { start: 0, end: 12 },
        { start: 8, end: 20 },
        { start: 10, end: 11 },
        { start: 20, end: 30 },
      ]),
    ).toBe(3);
  });
});

it('shortens a hash to its first 12 hex digits', () => {
  expect(shortHash('5d41402abc4b2a76b9719d911017c592e3b0c44298fc1c149afbf4c8996fb924')).toBe('5d41402abc4b');
});
