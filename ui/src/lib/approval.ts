/**
 * Approval, sending and tracking in the window: the lifecycle rules the core applies (mirrored
 * so the window offers only the steps a status allows), labels of the wire enums, deadline
 * countdowns, default file names, and the checks of the passphrase, decision and profile forms.
 * All pure, so they are tested on their own.
 */

import { AppError } from '../api/errors';
import type { ConsultantsView } from '../bindings/ConsultantsView';
import type { DecisionInput } from '../bindings/DecisionInput';
import type { DecisionKind } from '../bindings/DecisionKind';
import type { DocKind } from '../bindings/DocKind';
import type { RequestEventView } from '../bindings/RequestEventView';
import type { RequestStatus } from '../bindings/RequestStatus';
import type { Role } from '../bindings/Role';
import type { UserView } from '../bindings/UserView';
import type { Verdict } from '../bindings/Verdict';
import { parseUkDate, weekdayName } from './dates';
import { plural } from './format';

// ---------------------------------------------------------------------------------------------
// Labels (the same words as the core's `label()`)

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  draft: 'Draft',
  awaiting_approval: 'Awaiting approval',
  approved: 'Approved',
  sent: 'Sent',
  granted: 'Granted',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  not_decided: 'Not decided by the deadline',
  revoked: 'Revoked',
};

export const ROLE_LABELS: Record<Role, string> = {
  coordinator: 'Rota coordinator',
  medical_director: 'Medical director',
  deputy_medical_director: 'Deputy medical director',
  viewer: 'Viewer (read only)',
  admin: 'Administrator',
};

/** The roles a profile can be given, in the order the role list offers them. */
export const ROLES: Role[] = ['coordinator', 'medical_director', 'deputy_medical_director', 'viewer', 'admin'];

export const DECISION_LABELS: Record<DecisionKind, string> = {
  granted: 'Granted',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  not_decided: 'Not decided by the deadline',
  revoked: 'Revoked',
};

export const DECISION_KINDS: DecisionKind[] = ['granted', 'declined', 'withdrawn', 'not_decided', 'revoked'];

/** What each decision means, as the decision form explains it under the choice. */
export const DECISION_HINTS: Record<DecisionKind, string> = {
  granted: 'The BMA agreed to the request, possibly for fewer doctors or fewer shifts than asked.',
  declined: 'The BMA refused the request.',
  withdrawn: 'The trust withdrew the request, for example because cover was found.',
  not_decided: 'No answer came by the time the decision was needed. A late answer can still be recorded.',
  revoked: 'The BMA withdrew the grant it had given.',
};

/** The consultants' view as the request states it. */
export const CONSULTANTS_VIEW_LABELS: Record<ConsultantsView, string> = {
  unsafe: 'The consultants agree the service is unsafe without these doctors',
  safe: 'The consultants say the service is safe without these doctors',
  not_recorded: 'Not recorded',
};

/** "03/01/2024" -> "Wednesday"; "" when it is not a date. */
export function weekdayOfUkDate(date: string): string {
  const iso = parseUkDate(date);
  return iso ? weekdayName(iso) : '';
}

export const DOC_KIND_LABELS: Record<DocKind, string> = {
  pdf: 'PDF',
  json: 'JSON',
  email: 'Email text',
  ics: 'Recall calendar (iCalendar)',
};

// ---------------------------------------------------------------------------------------------
// Roles and the lifecycle (mirrors `Role` and `Lifecycle` in core/src/requests/mod.rs)

/** May approve or return requests with their own passphrase (`Role::may_approve`). */
export function mayApprove(role: Role): boolean {
  return role === 'medical_director' || role === 'deputy_medical_director';
}

/** May change anything at all (`Role::may_write`). */
export function mayWrite(role: Role): boolean {
  return role !== 'viewer';
}

/** Whether a decision may be recorded from a status (`Lifecycle::may_decide`). */
export function mayDecide(status: RequestStatus, kind: DecisionKind): boolean {
  switch (kind) {
    // A late answer may still come after the deadline passed.
    case 'granted':
    case 'declined':
      return status === 'sent' || status === 'not_decided';
    case 'not_decided':
      return status === 'sent';
    case 'withdrawn':
      return status === 'draft' || status === 'awaiting_approval' || status === 'approved' || status === 'sent' || status === 'not_decided';
    case 'revoked':
      return status === 'granted';
  }
}

/** The decisions that may be recorded from a status, in the usual order. */
export function allowedDecisions(status: RequestStatus): DecisionKind[] {
  return DECISION_KINDS.filter((k) => mayDecide(status, k));
}

/** Only an approved request can be recorded as sent (`Lifecycle::may_send`). */
export function maySend(status: RequestStatus): boolean {
  return status === 'approved';
}

/** The profiles that may approve, medical directors first, then by name. */
export function approversOf(users: UserView[]): UserView[] {
  return users
    .filter((u) => mayApprove(u.role))
    .sort((a, b) => (a.role === b.role ? a.display_name.localeCompare(b.display_name, 'en-GB') : a.role === 'medical_director' ? -1 : 1));
}

/** The profile of whoever runs the app, if the backend marked one. */
export function currentUser(users: UserView[]): UserView | null {
  return users.find((u) => u.is_me) ?? null;
}

/**
 * Whether saving a profile needs a medical director or deputy to authorise it with their
 * passphrase, as the backend decides (`users::user_save`): the profile gains or loses the right
 * to approve (a new profile given it, a change to or from it; medical director to deputy is
 * neither), once any medical director or deputy has a passphrase.
 */
export function needsAuthoriser(users: UserView[], existing: Pick<UserView, 'role'> | null, role: Role): boolean {
  const was = existing !== null && mayApprove(existing.role);
  return was !== mayApprove(role) && users.some((u) => mayApprove(u.role) && u.has_passphrase);
}

/**
 * The decisions the window offers: those the status allows, less "not decided by the deadline"
 * while the deadline has not passed (the backend refuses it then).
 */
export function offeredDecisions(status: RequestStatus, deadlineUtc: number | null, nowMs: number): DecisionKind[] {
  return allowedDecisions(status).filter((k) => k !== 'not_decided' || deadlineUtc === null || deadlineUtc * 1000 <= nowMs);
}

/** A backend error without the "field: " prefix of its message, for an error summary that names no field. */
export function plainError(e: AppError): AppError {
  const prefix = e.field ? `${e.field}: ` : '';
  if (!prefix || !e.message.startsWith(prefix)) return e;
  const text = e.message.slice(prefix.length);
  return new AppError(e.code, text.charAt(0).toLocaleUpperCase('en-GB') + text.slice(1), e.field, e.rows, e.total);
}

// ---------------------------------------------------------------------------------------------
// Passphrases

export const MIN_PASSPHRASE_CHARS = 10;

export interface PassphraseProblems {
  current?: string;
  new?: string;
  again?: string;
}

/** The checks the window makes before a passphrase goes to the backend (which checks again). */
export function checkPassphrase(form: { hasCurrent: boolean; current: string; next: string; again: string }): PassphraseProblems {
  const problems: PassphraseProblems = {};
  if (form.hasCurrent && form.current === '') problems.current = 'Enter the current passphrase';
  if (form.next === '') problems.new = 'Enter a new passphrase';
  else if ([...form.next].length < MIN_PASSPHRASE_CHARS)
    problems.new = `The new passphrase must be at least ${MIN_PASSPHRASE_CHARS} characters long`;
  else if (form.next.trim() === '') problems.new = 'The new passphrase cannot be only spaces';
  if (!problems.new) {
    if (form.again === '') problems.again = 'Enter the new passphrase again';
    else if (form.again !== form.next) problems.again = 'The two new passphrases do not match';
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Times

/** Minutes in words: "45 min", "3 h 05 min", "2 days 4 h". */
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
  const days = Math.floor(m / (24 * 60));
  const hours = Math.floor((m % (24 * 60)) / 60);
  return `${plural(days, 'day')}${hours > 0 ? ` ${hours} h` : ''}`;
}

/** How long is left to a deadline (UTC seconds) at `nowMs`: "3 h 05 min left" or "passed 20 min ago". */
export function deadlineCountdown(deadlineUtc: number, nowMs: number): { text: string; passed: boolean } {
  const minutes = (deadlineUtc * 1000 - nowMs) / 60_000;
  if (minutes > 0) return { text: `${formatMinutes(Math.ceil(minutes))} left`, passed: false };
  const ago = Math.floor(-minutes);
  return { text: ago < 1 ? 'passed just now' : `passed ${formatMinutes(ago)} ago`, passed: true };
}

/**
 * How long a decision took and whether it came by the deadline: "3 h 05 min from sending to
 * this decision, by the deadline." ("" when there is nothing to say: never sent, no deadline).
 */
export function decisionTiming(d: { minutes_taken: number | null; on_time: boolean | null }): string {
  const taken = d.minutes_taken === null ? null : `${formatMinutes(d.minutes_taken)} from sending to this decision`;
  const when = d.on_time === null ? null : d.on_time ? 'by the deadline' : 'after the deadline had passed';
  if (taken && when) return `${taken}, ${when}.`;
  if (taken) return `${taken}; no deadline was set.`;
  if (when) return `Recorded ${when}.`;
  return '';
}

// ---------------------------------------------------------------------------------------------
// Files

const EXTENSIONS: Record<DocKind, string> = { pdf: 'pdf', json: 'json', email: 'txt', ics: 'ics' };

/** "DR-12-v3.pdf", "DR-12-v3-email.txt", "DR-12-v3-recalls.ics". */
export function defaultFileName(reference: string, version: number, kind: DocKind): string {
  const safe = reference.trim().replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'request';
  const suffix = kind === 'email' ? '-email' : kind === 'ics' ? '-recalls' : '';
  return `${safe}-v${version}${suffix}.${EXTENSIONS[kind]}`;
}

/** The save dialog's filter for a kind of document. */
export function fileFilter(kind: DocKind): { name: string; extensions: string[] } {
  const names: Record<DocKind, string> = { pdf: 'PDF document', json: 'JSON document', email: 'Plain text', ics: 'iCalendar' };
  return { name: names[kind], extensions: [EXTENSIONS[kind]] };
}

// ---------------------------------------------------------------------------------------------
// Verify

export type Tone = 'good' | 'warning' | 'bad';

/** What the window says about a verdict, in a heading, and its colour (the text always says it too). */
export const VERDICT_VIEW: Record<Verdict, { title: string; tone: Tone }> = {
  approved: { title: 'This is the approved version', tone: 'good' },
  approved_superseded: { title: 'This version was approved, but the request has changed since', tone: 'warning' },
  not_approved: { title: 'This version is not approved', tone: 'warning' },
  altered: { title: 'This file was altered after it was exported', tone: 'bad' },
  unknown: { title: 'This file was not issued from this database', tone: 'bad' },
};

// ---------------------------------------------------------------------------------------------
// History

/** The approvals recorded in a request's history, newest first (of any version). */
export function approvalEvents(history: RequestEventView[]): RequestEventView[] {
  return history.filter((e) => e.kind === 'approved').sort((a, b) => b.at - a.at);
}

/** The most recent time the request was returned to the coordinator, if it was. */
export function lastReturn(history: RequestEventView[]): RequestEventView | null {
  const returned = history.filter((e) => e.kind === 'returned').sort((a, b) => b.at - a.at);
  return returned[0] ?? null;
}

// ---------------------------------------------------------------------------------------------
// The decision form

export interface DecisionForm {
  kind: DecisionKind | '';
  /** A `datetime-local` value; "" means now. */
  at: string;
  reason: string;
  /** Granted: how many doctors, as typed. */
  doctors: string;
  /** Granted: the shifts ticked. */
  dutyIds: number[];
}

export interface DecisionProblems {
  kind?: string;
  reason?: string;
  doctors?: string;
  shifts?: string;
}

/** Whether a decision needs a reason (all but "not decided", and a grant, whose note is optional). */
export function reasonRequired(kind: DecisionKind): boolean {
  return kind !== 'not_decided' && kind !== 'granted';
}

/**
 * The decision form's checks and the input it sends. A grant sends the number of doctors and
 * the shifts ticked (never more than were asked).
 */
export function buildDecisionInput(
  requestId: number,
  form: DecisionForm,
  asked: { doctors: number; dutyIds: number[] },
): { input: DecisionInput | null; problems: DecisionProblems } {
  const problems: DecisionProblems = {};
  if (form.kind === '') {
    problems.kind = 'Choose what happened';
    return { input: null, problems };
  }
  const reason = form.reason.trim();
  if (reasonRequired(form.kind) && reason === '') {
    problems.reason = form.kind === 'withdrawn' ? 'Enter why the request was withdrawn' : `Enter the reason the BMA gave`;
  }
  let doctors: number | null = null;
  let dutyIds: number[] = [];
  if (form.kind === 'granted') {
    const text = form.doctors.trim();
    if (!/^\d+$/.test(text) || Number(text) < 1) problems.doctors = 'Enter how many doctors were granted, as a whole number of at least 1';
    else if (Number(text) > asked.doctors) problems.doctors = `The grant cannot be for more doctors than asked (${asked.doctors})`;
    else doctors = Number(text);
    dutyIds = asked.dutyIds.filter((id) => form.dutyIds.includes(id));
    if (dutyIds.length === 0) problems.shifts = 'Tick at least one shift that was granted';
  }
  if (Object.keys(problems).length > 0) return { input: null, problems };
  return {
    input: {
      request_id: requestId,
      kind: form.kind,
      at: form.at,
      reason,
      granted_doctors: form.kind === 'granted' ? doctors : null,
      granted_duty_ids: form.kind === 'granted' ? dutyIds : [],
    },
    problems,
  };
}
