/**
 * Building and listing derogation requests in the window: status and check labels (the core's
 * words), which statuses allow what, deadline countdowns and decision times, the
 * `datetime-local` <-> "dd/mm/yyyy HH:MM" conversions, and the request form's state, checks and
 * the `RequestInput` it sends. All pure, so they are tested on their own.
 */

import type { CheckStatus } from '../bindings/CheckStatus';
import type { CheckView } from '../bindings/CheckView';
import type { ConsultantsView } from '../bindings/ConsultantsView';
import type { RequestInput } from '../bindings/RequestInput';
import type { RequestProposal } from '../bindings/RequestProposal';
import type { RequestStatus } from '../bindings/RequestStatus';
import type { RequestSummary } from '../bindings/RequestSummary';
import type { RequestView } from '../bindings/RequestView';
import { REQUEST_STATUS_LABELS, formatMinutes } from './approval';
import { plural } from './format';

// ---------------------------------------------------------------------------------------------
// Labels (the same words as the core's `label()`)

export { REQUEST_STATUS_LABELS };

/** Every status, in the order of a request's life (the order the status filter offers them). */
export const REQUEST_STATUSES: RequestStatus[] = [
  'draft',
  'awaiting_approval',
  'approved',
  'sent',
  'granted',
  'declined',
  'withdrawn',
  'not_decided',
  'revoked',
];

/** The nhsuk tag colour of each status (the tag always carries the status in words too). */
export const REQUEST_STATUS_TAGS: Record<RequestStatus, string> = {
  draft: 'nhsuk-tag--grey',
  awaiting_approval: 'nhsuk-tag--yellow',
  approved: 'nhsuk-tag--aqua-green',
  sent: 'nhsuk-tag--blue',
  granted: 'nhsuk-tag--green',
  declined: 'nhsuk-tag--red',
  withdrawn: 'nhsuk-tag--white',
  not_decided: 'nhsuk-tag--orange',
  revoked: 'nhsuk-tag--red',
};

/** Same words as the core's `CheckStatus::label`. */
export const CHECK_STATUS_LABELS: Record<CheckStatus, string> = {
  pass: 'Pass',
  warning: 'Warning',
  fail: 'Fail',
};

export const CHECK_STATUS_TAGS: Record<CheckStatus, string> = {
  pass: 'nhsuk-tag--green',
  warning: 'nhsuk-tag--yellow',
  fail: 'nhsuk-tag--red',
};

/** Same words the request form uses for the consultants' view. */
export const CONSULTANTS_CHOICES: { value: ConsultantsView; label: string }[] = [
  { value: 'unsafe', label: 'Yes: they say the service is unsafe without these doctors' },
  { value: 'safe', label: 'No: they say the service is safe without them' },
  { value: 'not_recorded', label: 'Not recorded yet' },
];

// ---------------------------------------------------------------------------------------------
// The lifecycle (mirrors `Lifecycle` in core/src/requests/mod.rs)

/** Content may change (a new version) only before the request is sent (`Lifecycle::may_edit`). */
export function mayEdit(status: RequestStatus): boolean {
  return status === 'draft' || status === 'awaiting_approval' || status === 'approved';
}

/** Saving a change to a request in this status sends it back to draft, voiding its approval. */
export function editVoidsApproval(status: RequestStatus): boolean {
  return status === 'awaiting_approval' || status === 'approved';
}

/** Still waiting for a decision: the deadline counts down (and may be overdue). */
export function awaitsDecision(status: RequestStatus): boolean {
  return status === 'draft' || status === 'awaiting_approval' || status === 'approved' || status === 'sent' || status === 'not_decided';
}

// ---------------------------------------------------------------------------------------------
// Checks

/** Failing first, then warnings, then passes; otherwise in the core's order. */
export function sortChecks(checks: CheckView[]): CheckView[] {
  const rank: Record<CheckStatus, number> = { fail: 0, warning: 1, pass: 2 };
  return checks.map((c, i) => ({ c, i })).sort((a, b) => rank[a.c.status] - rank[b.c.status] || a.i - b.i).map((x) => x.c);
}

/** "2 checks fail, 1 warning", "No check fails; 1 warning", "All 11 checks pass". */
export function checksSummary(checks: CheckView[]): string {
  const fail = checks.filter((c) => c.status === 'fail').length;
  const warn = checks.filter((c) => c.status === 'warning').length;
  if (checks.length === 0) return 'No checks have been made.';
  const warnings = warn > 0 ? plural(warn, 'warning') : '';
  if (fail > 0) return `${fail === 1 ? '1 check fails' : `${fail} checks fail`}${warnings ? `, ${warnings}` : ''}`;
  if (warn > 0) return `No check fails; ${warnings}`;
  return checks.length === 1 ? 'The check passes' : `All ${checks.length} checks pass`;
}

export function failingChecks(checks: CheckView[]): CheckView[] {
  return checks.filter((c) => c.status === 'fail');
}

// ---------------------------------------------------------------------------------------------
// Times

export type Tone = 'normal' | 'soon' | 'overdue' | 'done';

/** Less than this many minutes left counts as "soon" (shown stronger). */
export const SOON_MINUTES = 120;

/**
 * How long is left to a deadline (UTC seconds) at `nowMs`: "2 h 14 min left", "due now",
 * "overdue by 35 min".
 */
export function countdown(deadlineUtc: number, nowMs: number): { text: string; tone: Tone } {
  const minutes = (deadlineUtc * 1000 - nowMs) / 60_000;
  if (minutes >= 1) {
    const left = Math.floor(minutes);
    return { text: `${formatMinutes(left)} left`, tone: left < SOON_MINUTES ? 'soon' : 'normal' };
  }
  if (minutes > -1) return { text: 'due now', tone: 'overdue' };
  return { text: `overdue by ${formatMinutes(Math.floor(-minutes))}`, tone: 'overdue' };
}

/**
 * What the list says under a request's deadline: the countdown while it waits for a decision,
 * the time the decision took once decided ("decided in 3 h 05 min, by the deadline").
 */
export function deadlineNote(
  r: Pick<RequestSummary, 'status' | 'decision_needed_by' | 'sent_at' | 'decided_at'>,
  nowMs: number,
): { text: string; tone: Tone } {
  if (r.decided_at !== null && !awaitsDecision(r.status)) {
    const when = r.decision_needed_by === null ? '' : r.decided_at <= r.decision_needed_by ? ', by the deadline' : ', after the deadline';
    if (r.sent_at === null) return { text: `closed before it was sent`, tone: 'done' };
    return { text: `decided in ${formatMinutes(Math.max(0, Math.round((r.decided_at - r.sent_at) / 60)))}${when}`, tone: 'done' };
  }
  if (!awaitsDecision(r.status)) return { text: '', tone: 'done' };
  if (r.decision_needed_by === null) return { text: '', tone: 'normal' };
  return countdown(r.decision_needed_by, nowMs);
}

// ---------------------------------------------------------------------------------------------
// datetime-local <-> "dd/mm/yyyy HH:MM"

function realStamp(y: number, mo: number, d: number, h: number, mi: number): boolean {
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && h <= 23 && mi <= 59;
}

/** A `datetime-local` value as people read it: "2024-01-03T14:00" -> "03/01/2024 14:00"; "" when it is not one. */
export function inputToUkStamp(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?$/.exec(value.trim());
  if (!m || !realStamp(+m[1], +m[2], +m[3], +m[4], +m[5])) return '';
  return `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}`;
}

/**
 * "03/01/2024 14:00" (or a `datetime-local` value already) as a `datetime-local` value:
 * "2024-01-03T14:00"; "" when it is neither.
 */
export function ukStampToInput(text: string | null | undefined): string {
  const s = (text ?? '').trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?$/.exec(s);
  if (iso) return realStamp(+iso[1], +iso[2], +iso[3], +iso[4], +iso[5]) ? `${iso[1]}-${iso[2]}-${iso[3]}T${iso[4]}:${iso[5]}` : '';
  const m = /^(\d{2})\/(\d{2})\/(\d{4})\s+(\d{2}):(\d{2})$/.exec(s);
  if (!m || !realStamp(+m[3], +m[2], +m[1], +m[4], +m[5])) return '';
  return `${m[3]}-${m[2]}-${m[1]}T${m[4]}:${m[5]}`;
}

// ---------------------------------------------------------------------------------------------
// Inputs

/**
 * The input of a new draft built from a proposal (as the user adjusted it): the shifts, the
 * wording of the role and the number of doctors; everything else still to fill in.
 */
export function inputFromProposal(walkoutId: number, p: Pick<RequestProposal, 'duty_ids' | 'role' | 'doctors'>): RequestInput {
  return {
    walkout_id: walkoutId,
    duty_ids: [...p.duty_ids],
    role: p.role.trim(),
    doctors: p.doctors,
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
  };
}

/**
 * The input of a request's current version, to edit: what it was built from, with the deadline
 * as the content states it (the core's reading of what was typed) and the shifts it holds.
 */
export function inputFromView(view: RequestView): RequestInput {
  const shiftIds = view.content.shifts.map((s) => s.duty_id);
  const typed = ukStampToInput(view.input.decision_needed_by);
  const stated = view.content.decision_needed_by ? ukStampToInput(view.content.decision_needed_by.local) : '';
  return {
    ...view.input,
    duty_ids: shiftIds.length > 0 ? shiftIds : [...view.input.duty_ids],
    decision_needed_by: inputToUkStamp(stated || typed),
  };
}

// ---------------------------------------------------------------------------------------------
// The request form

export type YesNo = 'yes' | 'no';
export type Elective = 'yes' | 'no' | 'unanswered';

/** The request form as the user edits it (text as typed, choices as the radios hold them). */
export interface RequestForm {
  role: string;
  doctors: string;
  trigger: string;
  clinicalRisk: string;
  incident: YesNo;
  incidentDetail: string;
  consultantsView: ConsultantsView;
  consultantsWho: string;
  elective: Elective;
  electiveReason: string;
  preEmptive: boolean;
  preEmptiveReason: string;
  /** A `datetime-local` value; "" is "not given". */
  deadline: string;
  clinician: string;
  phone: string;
  /** The shifts kept (a removed shift is left out). */
  dutyIds: number[];
}

export function formFromInput(input: RequestInput): RequestForm {
  return {
    role: input.role,
    doctors: String(input.doctors),
    trigger: input.trigger,
    clinicalRisk: input.clinical_risk,
    incident: input.incident_declared ? 'yes' : 'no',
    incidentDetail: input.incident_detail,
    consultantsView: input.consultants_view,
    consultantsWho: input.consultants_who,
    elective: input.elective_continuing === null ? 'unanswered' : input.elective_continuing ? 'yes' : 'no',
    electiveReason: input.elective_reason,
    preEmptive: input.pre_emptive_reason.trim() !== '',
    preEmptiveReason: input.pre_emptive_reason,
    deadline: ukStampToInput(input.decision_needed_by),
    clinician: input.requesting_clinician,
    phone: input.contact_phone,
    dutyIds: [...input.duty_ids],
  };
}

/** Problems the form finds before anything goes to the backend (which checks again). */
export interface RequestProblems {
  doctors?: string;
  preEmptiveReason?: string;
  deadline?: string;
  shifts?: string;
}

export const MAX_DOCTORS = 50;

/** The number of doctors as typed: a problem, or the number. */
export function checkDoctors(text: string): { doctors: number | null; problem?: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t) || Number(t) < 1) return { doctors: null, problem: 'Enter the number of doctors as a whole number, 1 or more' };
  if (Number(t) > MAX_DOCTORS) return { doctors: null, problem: `Ask for at most ${MAX_DOCTORS} doctors in one request; split it by shift` };
  return { doctors: Number(t) };
}

/**
 * The form's checks and the input it sends. Answers that a choice makes irrelevant (the
 * incident's detail when none was declared, the reason elective work continues when it does
 * not) are sent empty. A draft may be saved incomplete: the readiness checks say what is missing.
 */
export function buildRequestInput(form: RequestForm, base: RequestInput): { input: RequestInput | null; problems: RequestProblems } {
  const problems: RequestProblems = {};
  const { doctors, problem } = checkDoctors(form.doctors);
  if (problem) problems.doctors = problem;
  if (form.preEmptive && form.preEmptiveReason.trim() === '') {
    problems.preEmptiveReason = 'Enter why the request cannot wait until the strike has started';
  }
  if (form.deadline.trim() !== '' && inputToUkStamp(form.deadline) === '') {
    problems.deadline = 'Enter the date and time the decision is needed by, for example 03/01/2024 14:00';
  }
  const kept = base.duty_ids.filter((id) => form.dutyIds.includes(id));
  if (kept.length === 0) problems.shifts = 'Keep at least one shift. To drop the whole request, withdraw it on the “Send and track” tab';
  if (Object.keys(problems).length > 0 || doctors === null) return { input: null, problems };
  const seen = form.consultantsView !== 'not_recorded';
  return {
    input: {
      walkout_id: base.walkout_id,
      duty_ids: kept,
      role: form.role.trim(),
      doctors,
      trigger: form.trigger.trim(),
      clinical_risk: form.clinicalRisk.trim(),
      incident_declared: form.incident === 'yes',
      incident_detail: form.incident === 'yes' ? form.incidentDetail.trim() : '',
      consultants_view: form.consultantsView,
      consultants_who: seen ? form.consultantsWho.trim() : '',
      elective_continuing: form.elective === 'unanswered' ? null : form.elective === 'yes',
      elective_reason: form.elective === 'yes' ? form.electiveReason.trim() : '',
      pre_emptive_reason: form.preEmptive ? form.preEmptiveReason.trim() : '',
      decision_needed_by: inputToUkStamp(form.deadline),
      requesting_clinician: form.clinician.trim(),
      contact_phone: form.phone.trim(),
    },
    problems,
  };
}

/** Whether the form differs from what it was opened with (as the backend would see it). */
export function formChanged(form: RequestForm, initial: RequestForm, base: RequestInput): boolean {
  const a = buildRequestInput(form, base);
  const b = buildRequestInput(initial, base);
  if (!a.input || !b.input) return true;
  return JSON.stringify(a.input) !== JSON.stringify(b.input);
}

// ---------------------------------------------------------------------------------------------
// Hashes

/** The first 12 hex digits of a SHA-256, to tell versions apart at a glance. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

// ---------------------------------------------------------------------------------------------
// The builder

/**
 * The most shifts running at one instant (the core's `max_concurrent`): back-to-back shifts do
 * not overlap. Times in any unit, as long as all are the same.
 */
export function maxConcurrent(shifts: { start: number; end: number }[]): number {
  const edges = shifts.flatMap((s) => [
    [s.start, 1],
    [s.end, -1],
  ]);
  // Ends sort before starts at the same instant.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, d] of edges) {
    now += d;
    most = Math.max(most, now);
  }
  return most;
}
