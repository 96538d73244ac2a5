/**
 * Sourcing in the window: labels of the wire enums, money and time formats, and the attempt
 * form's state and checks (pure, so they are tested on their own).
 */

import type { AttemptInput } from '../bindings/AttemptInput';
import type { AttemptView } from '../bindings/AttemptView';
import type { Channel } from '../bindings/Channel';
import type { ContactKind } from '../bindings/ContactKind';
import type { GapView } from '../bindings/GapView';
import type { Outcome } from '../bindings/Outcome';
import type { RungState } from '../bindings/RungState';
import type { RungView } from '../bindings/RungView';
import type { StaffGroup } from '../bindings/StaffGroup';
import { TIME_ZONE, formatDate, shortWeekdayName } from './dates';
import { SHIFT_TYPE_LABELS, formatCount } from './format';
import { timeOf } from './walkouts';

/** Same words as the core's `ContactKind::label`. */
export const CONTACT_KIND_LABELS: Record<ContactKind, string> = {
  doctor: 'Doctor',
  agency: 'Agency',
  bank: 'Staff bank',
  trust: 'Neighbouring trust',
  manager: 'Service manager',
  other: 'Other',
};
export const CONTACT_KINDS: ContactKind[] = ['doctor', 'agency', 'bank', 'trust', 'manager', 'other'];

/** Same words as the core's `Channel::label`. */
export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: 'Phone',
  email: 'Email',
  text: 'Text message',
  in_person: 'In person',
  bank_system: 'Bank system',
  other: 'Other',
};
export const CHANNELS: Channel[] = ['phone', 'email', 'text', 'in_person', 'bank_system', 'other'];

/** Same words as the core's `Outcome::label`. */
export const OUTCOME_LABELS: Record<Outcome, string> = {
  asked: 'Asked, waiting for an answer',
  accepted: 'Accepted',
  declined: 'Declined',
  no_reply: 'No reply',
  unavailable: 'Unavailable',
  partly: 'Accepted some shifts',
};
export const OUTCOMES: Outcome[] = ['asked', 'accepted', 'declined', 'no_reply', 'unavailable', 'partly'];

/** Same words as the core's `RungState::label`. */
export const RUNG_STATE_LABELS: Record<RungState, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  exhausted: 'Exhausted',
  not_applicable: 'Not applicable',
  filled: 'Filled',
};

/** The nhsuk tag colour of each rung state (the tag always carries its text too). */
export const RUNG_STATE_TAGS: Record<RungState, string> = {
  not_started: 'nhsuk-tag--grey',
  in_progress: 'nhsuk-tag--yellow',
  exhausted: 'nhsuk-tag--blue',
  not_applicable: 'nhsuk-tag--white',
  filled: 'nhsuk-tag--green',
};

/** A rate in pence an hour as "£45.50" (thousands grouped: "£1,200.00"). */
export function formatRate(pence: number): string {
  const p = Math.round(Math.abs(pence));
  const sign = pence < 0 ? '-' : '';
  return `${sign}£${formatCount(Math.floor(p / 100))}.${String(p % 100).padStart(2, '0')}`;
}

/** A rate in pence as the attempt form's field shows it: 4550 -> "45.50"; null -> "". */
export function rateText(pence: number | null): string {
  if (pence === null) return '';
  const p = Math.round(Math.abs(pence));
  return `${Math.floor(p / 100)}.${String(p % 100).padStart(2, '0')}`;
}

const inputStampFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Now (or `at`) in Europe/London as a `datetime-local` value: "2024-01-03T10:15". */
export function londonInputStamp(at: Date = new Date()): string {
  const parts = inputStampFormat.formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** The backend's "dd/mm/yyyy HH:MM" as a `datetime-local` value; "" when it is not one. */
export function localStampToInput(text: string | null): string {
  if (!text) return '';
  const m = /^(\d{2})\/(\d{2})\/(\d{4})\s+(\d{2}):(\d{2})$/.exec(text.trim());
  return m ? `${m[3]}-${m[2]}-${m[1]}T${m[4]}:${m[5]}` : '';
}

/** A `datetime-local` value as people read it: "2024-01-03T10:15" -> "03/01/2024 10:15". */
export function formatInputStamp(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : value;
}

/** "20:00–08:00" (no "+1": the date is given separately). */
function span(g: Pick<GapView, 'start_local' | 'end_local'>): string {
  return `${timeOf(g.start_local)}–${timeOf(g.end_local)}`;
}

/**
 * A gap as the sourcing screen names it: "Wed 03/01/2024, 08:00–17:00, Day, ST3, General Surgery
 * (Northgate General), Asha Patel (1234567)" or "…, vacant".
 */
export function gapHeadline(g: GapView): string {
  const shift = SHIFT_TYPE_LABELS[g.shift_type] ?? g.shift_type;
  const doctor = g.staff_number === null ? 'vacant' : `${g.staff_name ?? ''} (${g.staff_number})`.trim();
  return `${shortWeekdayName(g.date)} ${formatDate(g.date)}, ${span(g)}, ${shift}, ${g.grade}, ${g.department} (${g.site}), ${doctor}`;
}

/** A gap in a few words, to tell several apart: "Wed 03/01/2024 08:00–17:00 ST3 General Surgery". */
export function gapShortLabel(g: GapView): string {
  return `${shortWeekdayName(g.date)} ${formatDate(g.date)} ${span(g)} ${g.grade} ${g.department}`;
}

/** A gap in the fewest words that tell a group apart: "Wed 03/01 08:00 ST3". */
export function gapTinyLabel(g: GapView): string {
  return `${shortWeekdayName(g.date)} ${formatDate(g.date).slice(0, 5)} ${timeOf(g.start_local)} ${g.grade}`;
}

/**
 * The rung a doctor asked from the candidate list is logged under when the form names none:
 * consultants under "consultant", SAS doctors under "sas", anyone else under "incentive" — each
 * only if the ladder in force has that rung. Null when none fits.
 */
export function defaultRungForGroup(group: StaffGroup, rungs: Pick<RungView, 'code'>[]): string | null {
  const want = group === 'consultant' ? 'consultant' : group === 'sas' ? 'sas' : 'incentive';
  return rungs.some((r) => r.code === want) ? want : null;
}

/** The attempts still current (not superseded) that asked this doctor about this gap, newest first. */
export function doctorAttempts(attempts: AttemptView[], staffId: number, dutyId: number): AttemptView[] {
  return attempts
    .filter((a) => a.superseded_by === null && a.staff_id === staffId && a.duty_ids.includes(dutyId))
    .sort((a, b) => b.id - a.id);
}

/** Whether an attempt accepted this gap (accepted outright, or "some shifts" including it). */
export function acceptsGap(a: AttemptView, dutyId: number): boolean {
  return a.outcome === 'accepted' ? a.duty_ids.includes(dutyId) : a.outcome === 'partly' && a.accepted_duty_ids.includes(dutyId);
}

/** Where a doctor stands on a gap, from the current attempts: not asked, waiting, accepted, or answered. */
export type DoctorStanding =
  | { kind: 'none' }
  | { kind: 'waiting'; attempt: AttemptView }
  | { kind: 'accepted'; attempt: AttemptView }
  | { kind: 'answered'; attempt: AttemptView };

export function doctorStanding(attempts: AttemptView[], staffId: number, dutyId: number): DoctorStanding {
  const latest = doctorAttempts(attempts, staffId, dutyId)[0];
  if (!latest) return { kind: 'none' };
  if (latest.outcome === 'asked') return { kind: 'waiting', attempt: latest };
  if (acceptsGap(latest, dutyId)) return { kind: 'accepted', attempt: latest };
  return { kind: 'answered', attempt: latest };
}

// ---------------------------------------------------------------------------------------------
// The attempt form

export interface AttemptForm {
  rung: string;
  kind: ContactKind;
  /** Who or what was asked, as typed (optional when a doctor from the rota is chosen). */
  asked: string;
  /** A doctor from the rota, and how to name them in the form. */
  staffId: number | null;
  staffLabel: string;
  channel: Channel;
  /** Pounds an hour as typed; "" for none. */
  rate: string;
  outcome: Outcome | '';
  /** A `datetime-local` value; "" means now (the moment the form is sent). */
  when: string;
  replyBy: string;
  /** For "Accepted some shifts": the gaps accepted. */
  accepted: number[];
  notes: string;
  /** The attempt this one answers or corrects. */
  supersedes: number | null;
  /** What is being answered or corrected, shown above the form. */
  supersedesLabel: string;
  /** The gaps the attempt names; null: every gap on the screen. */
  dutyIds: number[] | null;
}

export const EMPTY_ATTEMPT_FORM: AttemptForm = {
  rung: '',
  kind: 'agency',
  asked: '',
  staffId: null,
  staffLabel: '',
  channel: 'phone',
  rate: '',
  outcome: '',
  when: '',
  replyBy: '',
  accepted: [],
  notes: '',
  supersedes: null,
  supersedesLabel: '',
  dutyIds: null,
};

/** The form after an attempt was logged: empty again, but keeping the rung, channel and kind. */
export function clearedForm(f: AttemptForm): AttemptForm {
  return { ...EMPTY_ATTEMPT_FORM, rung: f.rung, channel: f.channel, kind: f.kind };
}

/** The form prefilled to record the answer to an "asked" attempt (the outcome left to choose). */
export function answerForm(a: AttemptView): AttemptForm {
  return {
    ...EMPTY_ATTEMPT_FORM,
    rung: a.rung_code,
    kind: a.contact_kind,
    asked: a.staff_id === null ? a.asked : '',
    staffId: a.staff_id,
    staffLabel: a.asked,
    channel: a.channel,
    rate: rateText(a.rate_pence_per_hour),
    supersedes: a.id,
    supersedesLabel: `Recording the answer to #${a.id}: ${a.summary}`,
    dutyIds: [...a.duty_ids],
  };
}

/** The form prefilled with an attempt, to log a correction that supersedes it. */
export function correctionForm(a: AttemptView): AttemptForm {
  return {
    rung: a.rung_code,
    kind: a.contact_kind,
    asked: a.staff_id === null ? a.asked : '',
    staffId: a.staff_id,
    staffLabel: a.asked,
    channel: a.channel,
    rate: rateText(a.rate_pence_per_hour),
    outcome: a.outcome,
    when: localStampToInput(a.asked_at_local),
    replyBy: a.outcome === 'no_reply' ? localStampToInput(a.reply_by_local) : '',
    accepted: a.outcome === 'partly' ? [...a.accepted_duty_ids] : [],
    notes: a.notes,
    supersedes: a.id,
    supersedesLabel: `Correcting #${a.id}: ${a.summary}`,
    dutyIds: [...a.duty_ids],
  };
}

/** The form's fields, by the id of their control (the error summary links to them). */
export type AttemptField = 'rung' | 'asked' | 'outcome' | 'replyBy' | 'accepted';

export type AttemptProblems = Partial<Record<AttemptField, string>>;

/**
 * Checks the form and builds what `attempt_add` takes. `allDutyIds`: the gaps on the screen;
 * `now`: the `datetime-local` value used when the form says "now".
 */
export function buildAttemptInput(
  f: AttemptForm,
  allDutyIds: number[],
  now: string,
): { input: AttemptInput | null; problems: AttemptProblems } {
  const problems: AttemptProblems = {};
  const dutyIds = f.dutyIds ?? allDutyIds;
  if (f.rung === '') problems.rung = 'Choose the rung of the ladder';
  if (f.asked.trim() === '' && f.staffId === null) {
    problems.asked = f.kind === 'doctor' ? 'Enter who was asked, or choose a doctor from the list' : 'Enter who was asked';
  }
  if (f.outcome === '') problems.outcome = 'Choose what came of it';
  if (f.outcome === 'no_reply' && f.replyBy === '') problems.replyBy = 'Enter the time an answer was needed by';
  const accepted = f.accepted.filter((id) => dutyIds.includes(id));
  if (f.outcome === 'partly') {
    if (accepted.length === 0) problems.accepted = 'Choose the shifts that were accepted';
    else if (accepted.length === dutyIds.length) problems.accepted = 'Every shift was accepted: choose "Accepted" instead';
  }
  if (Object.keys(problems).length > 0 || f.outcome === '') return { input: null, problems };
  return {
    input: {
      duty_ids: dutyIds,
      rung_code: f.rung,
      contact_kind: f.staffId !== null ? 'doctor' : f.kind,
      asked: f.asked.trim(),
      staff_id: f.staffId,
      asked_at: f.when === '' ? now : f.when,
      channel: f.channel,
      rate: f.rate.trim(),
      outcome: f.outcome,
      reply_by: f.outcome === 'no_reply' ? f.replyBy : '',
      accepted_duty_ids: f.outcome === 'partly' ? accepted : [],
      notes: f.notes.trim(),
      supersedes: f.supersedes,
    },
    problems,
  };
}

/** The attempt logged last in a view (the highest id), if any. */
export function newestAttempt(attempts: AttemptView[]): AttemptView | null {
  let best: AttemptView | null = null;
  for (const a of attempts) if (!best || a.id > best.id) best = a;
  return best;
}
