import { describe, expect, it } from 'vitest';
import { AppError } from '../api/errors';
import type { DecisionKind } from '../bindings/DecisionKind';
import type { RequestStatus } from '../bindings/RequestStatus';
import { user, users } from '../test/approvalFixtures';
import {
  allowedDecisions,
  approvalEvents,
  approversOf,
  buildDecisionInput,
  checkPassphrase,
  deadlineCountdown,
  decisionTiming,
  defaultFileName,
  fileFilter,
  formatMinutes,
  lastReturn,
  mayDecide,
  offeredDecisions,
  plainError,
  maySend,
  mayWrite,
  needsAuthoriser,
  weekdayOfUkDate,
} from './approval';

const STATUSES: RequestStatus[] = ['draft', 'awaiting_approval', 'approved', 'sent', 'granted', 'declined', 'withdrawn', 'not_decided', 'revoked'];

describe('the lifecycle, as the core has it (Lifecycle::may_decide)', () => {
  // The core's table, written out status by status.
  const expected: Record<RequestStatus, DecisionKind[]> = {
    draft: ['withdrawn'],
    awaiting_approval: ['withdrawn'],
    approved: ['withdrawn'],
    sent: ['granted', 'declined', 'withdrawn', 'not_decided'],
    granted: ['revoked'],
    declined: [],
    withdrawn: [],
    not_decided: ['granted', 'declined', 'withdrawn'],
    revoked: [],
  };

  it.each(STATUSES)('offers from %s exactly the decisions the core allows', (status) => {
    expect(allowedDecisions(status)).toEqual(expected[status]);
  });

  it('agrees with mayDecide for every pair', () => {
    for (const s of STATUSES) {
      for (const k of ['granted', 'declined', 'withdrawn', 'not_decided', 'revoked'] as DecisionKind[]) {
        expect(mayDecide(s, k)).toBe(expected[s].includes(k));
      }
    }
  });

  it('offers "not decided" only once the deadline has passed (or when there is none)', () => {
    const due = Date.UTC(2024, 0, 3, 14, 0) / 1000;
    expect(offeredDecisions('sent', due, Date.UTC(2024, 0, 3, 13, 59))).toEqual(['granted', 'declined', 'withdrawn']);
    expect(offeredDecisions('sent', due, Date.UTC(2024, 0, 3, 14, 0))).toEqual(['granted', 'declined', 'withdrawn', 'not_decided']);
    expect(offeredDecisions('sent', null, 0)).toEqual(['granted', 'declined', 'withdrawn', 'not_decided']);
    expect(offeredDecisions('granted', due, 0)).toEqual(['revoked']);
  });

  it('sends only an approved request, and lets only a viewer not write', () => {
    expect(STATUSES.filter(maySend)).toEqual(['approved']);
    expect(mayWrite('viewer')).toBe(false);
    expect(mayWrite('coordinator')).toBe(true);
    expect(mayWrite('admin')).toBe(true);
  });
});

describe('approvers and authorisers', () => {
  it('lists medical directors first, then deputies, by name', () => {
    const list = approversOf([
      user({ username: 'z', display_name: 'Dr Zed', role: 'deputy_medical_director' }),
      user({ username: 'c', display_name: 'Jo', role: 'coordinator' }),
      user({ username: 'b', display_name: 'Dr Bea', role: 'deputy_medical_director' }),
      user({ username: 'm', display_name: 'Dr Max', role: 'medical_director' }),
    ]);
    expect(list.map((u) => u.username)).toEqual(['m', 'b', 'z']);
  });

  it('asks for an authoriser only when the right to approve is given or taken and a medical director has a passphrase', () => {
    // users: Dr Mira Patel (medical director) has a passphrase.
    expect(needsAuthoriser(users, null, 'medical_director')).toBe(true);
    expect(needsAuthoriser(users, null, 'deputy_medical_director')).toBe(true);
    expect(needsAuthoriser(users, null, 'coordinator')).toBe(false);
    expect(needsAuthoriser(users, { role: 'coordinator' }, 'deputy_medical_director')).toBe(true);
    expect(needsAuthoriser(users, { role: 'deputy_medical_director' }, 'viewer')).toBe(true);
    // Medical director to deputy keeps the right to approve: no authoriser (as the backend decides).
    expect(needsAuthoriser(users, { role: 'medical_director' }, 'deputy_medical_director')).toBe(false);
    expect(needsAuthoriser(users, { role: 'medical_director' }, 'medical_director')).toBe(false);
    expect(needsAuthoriser(users, { role: 'coordinator' }, 'viewer')).toBe(false);
    // Nobody with a passphrase yet: the first medical director is set up without one.
    const bare = users.map((u) => ({ ...u, has_passphrase: false }));
    expect(needsAuthoriser(bare, null, 'medical_director')).toBe(false);
  });
});

describe('errors', () => {
  it('drops the field prefix of a message shown without its field', () => {
    const e = plainError(new AppError('invalid', 'checks: the request cannot be approved while a check fails', 'checks'));
    expect(e.message).toBe('The request cannot be approved while a check fails');
    expect(e.field).toBe('checks');
    const plain = new AppError('io', 'disk full');
    expect(plainError(plain)).toBe(plain);
  });
});

describe('passphrase checks', () => {
  const ok = { hasCurrent: false, current: '', next: 'correct horse battery', again: 'correct horse battery' };

  it('accepts a long enough passphrase typed twice the same', () => {
    expect(checkPassphrase(ok)).toEqual({});
  });

  it('refuses one shorter than 10 characters, counting characters not bytes', () => {
    expect(checkPassphrase({ ...ok, next: 'short pass', again: 'short pass' })).toEqual({});
    expect(checkPassphrase({ ...ok, next: 'shortpass', again: 'shortpass' }).new).toBe('The new passphrase must be at least 10 characters long');
    expect(checkPassphrase({ ...ok, next: 'ééééééééé', again: 'ééééééééé' }).new).toMatch(/at least 10/);
    expect(checkPassphrase({ ...ok, next: '          ', again: '          ' }).new).toBe('The new passphrase cannot be only spaces');
  });

  it('refuses two different entries and a missing current passphrase', () => {
    expect(checkPassphrase({ ...ok, again: 'correct horse battery!' }).again).toBe('The two new passphrases do not match');
    expect(checkPassphrase({ ...ok, again: '' }).again).toBe('Enter the new passphrase again');
    expect(checkPassphrase({ ...ok, hasCurrent: true }).current).toBe('Enter the current passphrase');
    expect(checkPassphrase({ ...ok, hasCurrent: true, current: 'old one here' })).toEqual({});
  });
});

describe('times', () => {
  it('words minutes', () => {
    expect(formatMinutes(0)).toBe('0 min');
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(185)).toBe('3 h 05 min');
    expect(formatMinutes(24 * 60)).toBe('1 day');
    expect(formatMinutes(2 * 24 * 60 + 4 * 60 + 59)).toBe('2 days 4 h');
  });

  it('counts down to a deadline and says when it has passed', () => {
    const deadline = Date.UTC(2024, 0, 3, 14, 0) / 1000;
    expect(deadlineCountdown(deadline, Date.UTC(2024, 0, 3, 10, 55))).toEqual({ text: '3 h 05 min left', passed: false });
    expect(deadlineCountdown(deadline, Date.UTC(2024, 0, 3, 13, 59, 30))).toEqual({ text: '1 min left', passed: false });
    expect(deadlineCountdown(deadline, Date.UTC(2024, 0, 3, 14, 0, 20))).toEqual({ text: 'passed just now', passed: true });
    expect(deadlineCountdown(deadline, Date.UTC(2024, 0, 3, 14, 20))).toEqual({ text: 'passed 20 min ago', passed: true });
  });

  it('says how long a decision took and whether it was on time', () => {
    expect(decisionTiming({ minutes_taken: 185, on_time: true })).toBe('3 h 05 min from sending to this decision, by the deadline.');
    expect(decisionTiming({ minutes_taken: 30, on_time: false })).toBe('30 min from sending to this decision, after the deadline had passed.');
    expect(decisionTiming({ minutes_taken: 30, on_time: null })).toBe('30 min from sending to this decision; no deadline was set.');
    expect(decisionTiming({ minutes_taken: null, on_time: null })).toBe('');
  });

  it('names the weekday of a dd/mm/yyyy date', () => {
    expect(weekdayOfUkDate('03/01/2024')).toBe('Wednesday');
    expect(weekdayOfUkDate('not a date')).toBe('');
  });
});

describe('files', () => {
  it('names each document after the reference and version', () => {
    expect(defaultFileName('DR-12', 3, 'pdf')).toBe('DR-12-v3.pdf');
    expect(defaultFileName('DR-12', 3, 'json')).toBe('DR-12-v3.json');
    expect(defaultFileName('DR-12', 3, 'email')).toBe('DR-12-v3-email.txt');
    expect(defaultFileName('DR-12', 3, 'ics')).toBe('DR-12-v3-recalls.ics');
    expect(defaultFileName('DR/12 ', 1, 'pdf')).toBe('DR-12-v1.pdf');
    expect(fileFilter('ics')).toEqual({ name: 'iCalendar', extensions: ['ics'] });
  });
});

describe('history', () => {
  const ev = (kind: string, at: number, version: number, text: string, comment = '') => ({ kind, at, version, text, comment, at_local: '', by: '' });
  const history = [
    ev('created', 1, 1, 'created'),
    ev('approved', 5, 1, 'Dr Mira Patel approved version 1'),
    ev('edited', 6, 2, 'edited'),
    ev('returned', 8, 2, 'Dr Mira Patel returned version 2', 'Add the consultants'),
    ev('approved', 9, 3, 'Dr Mira Patel approved version 3'),
  ];

  it('finds the approvals, newest first, and the last return', () => {
    expect(approvalEvents(history).map((e) => e.version)).toEqual([3, 1]);
    expect(lastReturn(history)?.comment).toBe('Add the consultants');
    expect(lastReturn(history.slice(0, 3))).toBeNull();
  });
});

describe('the decision form', () => {
  const asked = { doctors: 2, dutyIds: [501, 502, 503] };
  const base = { kind: '' as const, at: '', reason: '', doctors: '2', dutyIds: [501, 502, 503] };

  it('needs a choice', () => {
    expect(buildDecisionInput(12, base, asked)).toEqual({ input: null, problems: { kind: 'Choose what happened' } });
  });

  it('sends a narrower grant with the shifts ticked, in the order asked', () => {
    const r = buildDecisionInput(12, { ...base, kind: 'granted', doctors: ' 1 ', dutyIds: [503, 501], at: '2024-01-03T15:30' }, asked);
    expect(r.input).toEqual({
      request_id: 12,
      kind: 'granted',
      at: '2024-01-03T15:30',
      reason: '',
      granted_doctors: 1,
      granted_duty_ids: [501, 503],
    });
  });

  it('refuses a grant of no shifts, no doctors or more doctors than asked', () => {
    expect(buildDecisionInput(12, { ...base, kind: 'granted', dutyIds: [] }, asked).problems.shifts).toBe('Tick at least one shift that was granted');
    expect(buildDecisionInput(12, { ...base, kind: 'granted', doctors: '0' }, asked).problems.doctors).toMatch(/at least 1/);
    expect(buildDecisionInput(12, { ...base, kind: 'granted', doctors: 'two' }, asked).problems.doctors).toMatch(/whole number/);
    expect(buildDecisionInput(12, { ...base, kind: 'granted', doctors: '3' }, asked).problems.doctors).toBe(
      'The grant cannot be for more doctors than asked (2)',
    );
  });

  it('needs a reason for declined, withdrawn and revoked, not for not decided', () => {
    expect(buildDecisionInput(12, { ...base, kind: 'declined', reason: '  ' }, asked).problems.reason).toBe('Enter the reason the BMA gave');
    expect(buildDecisionInput(12, { ...base, kind: 'revoked' }, asked).problems.reason).toBe('Enter the reason the BMA gave');
    expect(buildDecisionInput(12, { ...base, kind: 'withdrawn' }, asked).problems.reason).toBe('Enter why the request was withdrawn');
    const nd = buildDecisionInput(12, { ...base, kind: 'not_decided' }, asked);
    expect(nd.input).toEqual({ request_id: 12, kind: 'not_decided', at: '', reason: '', granted_doctors: null, granted_duty_ids: [] });
    const declined = buildDecisionInput(12, { ...base, kind: 'declined', reason: ' No urgent clinical need ' }, asked);
    expect(declined.input).toMatchObject({ kind: 'declined', reason: 'No urgent clinical need', granted_doctors: null, granted_duty_ids: [] });
  });
});
