/** Sourcing answers for the tests, shaped exactly like the wire types, and a small fake backend. */

import type { AttemptInput } from '../bindings/AttemptInput';
import type { AttemptView } from '../bindings/AttemptView';
import type { CandidateView } from '../bindings/CandidateView';
import type { CandidatesView } from '../bindings/CandidatesView';
import type { CoverLevelView } from '../bindings/CoverLevelView';
import type { FillInput } from '../bindings/FillInput';
import type { FillView } from '../bindings/FillView';
import type { GapSourcingView } from '../bindings/GapSourcingView';
import type { GapView } from '../bindings/GapView';
import type { LadderView } from '../bindings/LadderView';
import type { ReleaseInput } from '../bindings/ReleaseInput';
import type { RuleSetView } from '../bindings/RuleSetView';
import type { RungMarkInput } from '../bindings/RungMarkInput';
import type { RungState } from '../bindings/RungState';
import type { RungStatusView } from '../bindings/RungStatusView';
import type { SourcingView } from '../bindings/SourcingView';
import type { Violation } from '../bindings/Violation';
import { CHANNEL_LABELS, OUTCOME_LABELS, formatRate } from '../lib/sourcing';
import type { Handler } from './backend';
import { gaps as walkoutGaps } from './walkoutFixtures';

const RUNGS: [string, string, boolean][] = [
  ['elective', 'Cancel or move non-urgent elective work', true],
  ['urgent', 'Move urgent cases to the days either side', true],
  ['incentive', 'Incentives for doctors who are not striking', true],
  ['redeploy', 'Redeploy non-striking doctors', true],
  ['consultant', 'Consultants acting down or extra shifts', true],
  ['sas', 'SAS doctors', true],
  ['locum', 'Bank and agency locums', true],
  ['mutual_aid', 'Mutual aid and other staff groups', true],
  ['incident', 'Internal or critical incident declared', false],
];

export const ladder: LadderView = {
  version: 2,
  note: 'Agreed at the planning meeting',
  created_by: 'mdirector',
  created_at: '2023-12-21T09:00:00Z',
  rungs: RUNGS.map(([code, name, required], i) => ({
    id: 100 + i,
    position: i + 1,
    code,
    name,
    description: code === 'locum' ? 'Internal bank first; agency within the price cap.' : '',
    required,
  })),
};

export const rules: RuleSetView = {
  version: 0,
  note: '',
  created_by: null,
  created_at: null,
  settings: [
    {
      key: 'tcs_max_hours_7_days',
      label: 'Most hours in any 7 days',
      applies_to: 'resident',
      value: 72,
      unit: 'h',
      source: '2016 TCS (England), Schedule 03 para 11',
    },
    {
      key: 'tcs_min_rest_between_shifts',
      label: 'Least rest between shifts',
      applies_to: 'resident',
      value: 11,
      unit: 'h',
      source: '2016 TCS (England), Schedule 03',
    },
    {
      key: 'wtr_average_weekly_hours',
      label: 'Average weekly hours',
      applies_to: 'consultant_sas',
      value: 48,
      unit: 'h',
      source: 'Working Time Regulations 1998, reg. 4',
    },
  ],
};

export const coverLevels: CoverLevelView[] = [
  { grade: 'FY1', staff_group: 'resident', level: 1, set_by_trust: false, built_in: 1 },
  { grade: 'ST3', staff_group: 'resident', level: 4, set_by_trust: false, built_in: 4 },
  { grade: 'Clinical Fellow', staff_group: 'other', level: 3, set_by_trust: true, built_in: 1 },
];

export function candidate(over: Partial<CandidateView> = {}): CandidateView {
  return {
    staff_id: 1,
    staff_number: '5555555',
    name: 'Dana Ellis',
    grade: 'ST4',
    staff_group: 'resident',
    department: 'General Surgery (Northgate General)',
    same_department: true,
    same_site: true,
    rank: 1,
    hours_past_7_days: 22.5,
    rest_before_hours: 35,
    rest_after_hours: 48,
    why: 'same department; 22.5 h in the past 7 days; 35.0 h rest before',
    reasons: [],
    asked: null,
    ...over,
  };
}

export const eligible: CandidateView[] = [
  candidate(),
  candidate({
    staff_id: 2,
    staff_number: '6666666',
    name: 'Farid Khan',
    grade: 'Consultant',
    staff_group: 'consultant',
    department: 'Emergency Department (Northgate General)',
    same_department: false,
    rank: 2,
    hours_past_7_days: 30,
    rest_before_hours: null,
    why: 'same site, another department; 30.0 h in the past 7 days; no duty before it in the rota',
    asked: 'Declined 02/01/2024 18:00',
  }),
];

export const excluded: CandidateView[] = [
  candidate({
    staff_id: 3,
    staff_number: '7777777',
    name: 'Grace Lowe',
    grade: 'ST5',
    rank: null,
    why: '',
    reasons: [
      { rule: 'tcs_max_hours_7_days', message: 'would reach 79.0 h in 7 days (limit 72 h)', value: 79, limit: 72 },
      { rule: 'tcs_rest_after_nights', message: '46 h rest needed after nights; 24.0 h available', value: 24, limit: 46 },
    ],
  }),
  candidate({
    staff_id: 4,
    staff_number: '8888888',
    name: 'Hana Ito',
    grade: 'FY1',
    rank: null,
    why: '',
    reasons: [{ rule: 'grade', message: 'FY1 (cover level 1) cannot cover a ST3 duty (level 4)', value: 1, limit: 4 }],
  }),
];

/** The gaps the sourcing tests use: the ones on the walkout's gap board. */
export const sourcingGaps: GapView[] = walkoutGaps;

type Mark = { code: string; dutyIds: number[]; notApplicable: boolean; reason: string };

/** What the fake backend remembers between calls. */
export interface FakeSourcing {
  attempts: AttemptView[];
  fills: Map<number, FillView>;
  marks: Mark[];
  handlers: Record<string, Handler>;
}

function summaryOf(a: Omit<AttemptView, 'summary'>): string {
  const who = a.asked;
  const rate = a.rate_pence_per_hour === null ? '' : `, ${formatRate(a.rate_pence_per_hour)}/h`;
  return `${who}: ${OUTCOME_LABELS[a.outcome].toLowerCase()} (${CHANNEL_LABELS[a.channel].toLowerCase()}${rate})`;
}

function toUtc(local: string): string {
  return local === '' ? '2024-01-03T10:00:00Z' : `${local}:00Z`;
}

function toLocal(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : '03/01/2024 10:00';
}

/**
 * A fake sourcing backend over the walkout fixtures' gaps: it keeps attempts, marks and fills,
 * and works out rung states the way the core does. `breaks`: staff ids that break a rule (a fill
 * of them needs an override reason).
 */
export function fakeSourcing(options: { breaks?: Record<number, Violation[]>; candidates?: CandidateView[]; excluded?: CandidateView[] } = {}): FakeSourcing {
  const attempts: AttemptView[] = [];
  const fills = new Map<number, FillView>();
  const marks: Mark[] = [];
  let nextId = 11;
  let nextFill = 1;
  const people = [...(options.candidates ?? eligible), ...(options.excluded ?? excluded)];

  const stateOf = (code: string, dutyId: number): RungStatusView => {
    const rung = ladder.rungs.find((r) => r.code === code)!;
    const base = { code, name: rung.name, required: rung.required };
    const fill = fills.get(dutyId);
    if (fill && fill.rung_code === code) return { ...base, state: 'filled', detail: `Covered by ${fill.covered_by}` };
    const mark = [...marks].reverse().find((m) => m.code === code && m.dutyIds.includes(dutyId));
    if (mark?.notApplicable) return { ...base, state: 'not_applicable', detail: mark.reason };
    const current = attempts.filter((a) => a.superseded_by === null && a.rung_code === code && a.duty_ids.includes(dutyId));
    let state: RungState = 'not_started';
    if (current.some((a) => a.outcome === 'asked' || (a.outcome === 'accepted' && !fill))) state = 'in_progress';
    else if (current.length > 0) state = 'exhausted';
    return { ...base, state, detail: current[0]?.summary ?? '' };
  };

  const gapView = (dutyId: number): GapSourcingView => {
    const gap = sourcingGaps.find((g) => g.duty_id === dutyId)!;
    const rungs = ladder.rungs.map((r) => stateOf(r.code, dutyId));
    const missing = rungs.filter((r) => r.required && r.state !== 'exhausted' && r.state !== 'not_applicable').map((r) => r.name);
    const fill = fills.get(dutyId) ?? null;
    const touched = attempts.some((a) => a.duty_ids.includes(dutyId));
    return {
      gap: { ...gap, status: fill ? 'covered' : touched ? 'sourcing' : gap.status },
      rungs,
      exhausted: missing.length === 0,
      missing,
      fill,
    };
  };

  const view = (dutyIds: number[]): SourcingView => ({
    walkout_id: 7,
    ladder,
    gaps: dutyIds.map(gapView),
    attempts: attempts.filter((a) => a.duty_ids.some((d) => dutyIds.includes(d))).sort((a, b) => b.id - a.id),
  });

  const handlers: Record<string, Handler> = {
    sourcing_get: (args) => view(args.dutyIds as number[]),
    attempt_add: (args) => {
      const input = args.input as AttemptInput;
      const person = people.find((p) => p.staff_id === input.staff_id);
      const rung = ladder.rungs.find((r) => r.code === input.rung_code)!;
      const rate = input.rate === '' ? null : Math.round(Number(input.rate.replace('£', '')) * 100);
      const base: Omit<AttemptView, 'summary'> = {
        id: nextId++,
        rung_code: rung.code,
        rung_name: rung.name,
        contact_kind: input.contact_kind,
        asked: input.asked !== '' ? input.asked : person ? `${person.name} (${person.staff_number}, ${person.grade})` : '',
        staff_id: input.staff_id,
        staff_number: person?.staff_number ?? null,
        asked_at: toUtc(input.asked_at),
        asked_at_local: toLocal(input.asked_at),
        channel: input.channel,
        rate_pence_per_hour: rate,
        outcome: input.outcome,
        reply_by_local: input.reply_by === '' ? null : toLocal(input.reply_by),
        notes: input.notes,
        duty_ids: input.duty_ids,
        accepted_duty_ids: input.outcome === 'accepted' ? input.duty_ids : input.accepted_duty_ids,
        supersedes: input.supersedes,
        superseded_by: null,
        logged_by: 'jsmith',
        logged_at: '2024-01-03T10:01:00Z',
      };
      const made: AttemptView = { ...base, summary: summaryOf(base) };
      if (input.supersedes !== null) {
        const old = attempts.find((a) => a.id === input.supersedes);
        if (old) old.superseded_by = made.id;
      }
      attempts.push(made);
      return view(input.duty_ids);
    },
    rung_mark: (args) => {
      const input = args.input as RungMarkInput;
      marks.push({ code: input.rung_code, dutyIds: input.duty_ids, notApplicable: input.not_applicable, reason: input.reason });
      return view(input.duty_ids);
    },
    candidates_get: (args) => {
      const dutyId = args.dutyId as number;
      const out: CandidatesView = {
        walkout_id: 7,
        gap: sourcingGaps.find((g) => g.duty_id === dutyId)!,
        rules_version: 0,
        eligible: options.candidates ?? eligible,
        excluded: options.excluded ?? excluded,
      };
      return out;
    },
    gap_fill: (args) => {
      const input = args.input as FillInput;
      const broken = input.staff_id === null ? [] : (options.breaks?.[input.staff_id] ?? []);
      const person = people.find((p) => p.staff_id === input.staff_id);
      if (broken.length > 0 && input.override_reason === '') {
        return Promise.reject({
          code: 'invalid',
          field: 'override_reason',
          message: `override_reason: ${person?.name} cannot take this duty: ${broken.map((b) => b.message).join('; ')}. To fill it anyway, give the reason for overriding; it is recorded and shown as a warning on any request`,
        });
      }
      const rung = ladder.rungs.find((r) => r.code === input.rung_code)!;
      const fill: FillView = {
        id: nextFill++,
        rung_code: rung.code,
        rung_name: rung.name,
        staff_id: input.staff_id,
        covered_by: person
          ? `${person.name} (${person.staff_number}, ${person.grade})`
          : `${input.external_name}${input.external_org ? ` (${input.external_org})` : ''}`,
        attempt_id: input.attempt_id,
        overridden: broken,
        override_reason: input.override_reason === '' ? null : input.override_reason,
        filled_by: 'jsmith',
        filled_at: '2024-01-03T10:05:00Z',
      };
      fills.set(input.duty_id, fill);
      return view([input.duty_id]);
    },
    gap_release: (args) => {
      const input = args.input as ReleaseInput;
      fills.delete(input.duty_id);
      return view([input.duty_id]);
    },
  };
  return { attempts, fills, marks, handlers };
}

/** An attempt as the backend shows it, for tests that set up a history by hand. */
export function attempt(over: Partial<AttemptView> = {}): AttemptView {
  return {
    id: 1,
    rung_code: 'locum',
    rung_name: 'Bank and agency locums',
    contact_kind: 'agency',
    asked: 'Medics4U',
    staff_id: null,
    staff_number: null,
    asked_at: '2024-01-02T17:30:00Z',
    asked_at_local: '02/01/2024 17:30',
    channel: 'phone',
    rate_pence_per_hour: 9500,
    outcome: 'declined',
    reply_by_local: null,
    notes: '',
    duty_ids: [2],
    accepted_duty_ids: [],
    supersedes: null,
    superseded_by: null,
    logged_by: 'jsmith',
    logged_at: '2024-01-02T17:31:00Z',
    summary: 'Agency Medics4U declined 1 shift (phone, £95.00/h)',
    ...over,
  };
}
