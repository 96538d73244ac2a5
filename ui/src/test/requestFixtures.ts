/**
 * Derogation requests for the tests, shaped exactly like the wire types: a realistic request
 * (DR-12, two Emergency Department registrar nights in the January 2024 walkout), list rows,
 * the builder's proposals, and readiness checks that pass or fail.
 */

import type { CheckView } from '../bindings/CheckView';
import type { EvidenceAttempt } from '../bindings/EvidenceAttempt';
import type { OverrideLine } from '../bindings/OverrideLine';
import type { RequestContent } from '../bindings/RequestContent';
import type { RequestInput } from '../bindings/RequestInput';
import type { RequestProposal } from '../bindings/RequestProposal';
import type { RequestSummary } from '../bindings/RequestSummary';
import type { RequestView } from '../bindings/RequestView';
import type { RungEvidence } from '../bindings/RungEvidence';
import type { ShiftLine } from '../bindings/ShiftLine';

/** The SHA-256 of the fixture request's content. */
export const REQUEST_HASH = '5d41402abc4b2a76b9719d911017c592e3b0c44298fc1c149afbf4c8996fb924';

/** 14:00 on 03/01/2024 (GMT), when the fixture request needs its decision. */
export const DEADLINE_UTC = Date.UTC(2024, 0, 3, 14, 0) / 1000;

/** One night shift of the request: 20:00 on `day` January 2024 to 08:00 the next morning. */
export function nightShift(dutyId: number, day: number, over: Partial<ShiftLine> = {}): ShiftLine {
  const start = Date.UTC(2024, 0, day, 20, 0) / 1000;
  return {
    duty_id: dutyId,
    date: `${String(day).padStart(2, '0')}/01/2024`,
    day_or_night: 'Night',
    shift_type: 'Night',
    start: '20:00',
    end: '08:00',
    hours: 12,
    grade: 'ST4',
    start_utc: start,
    end_utc: start + 12 * 3600,
    ...over,
  };
}

export function evidenceAttempt(over: Partial<EvidenceAttempt> = {}): EvidenceAttempt {
  return {
    attempt_id: 1,
    at: '02/01/2024 10:15',
    by: 'jsmith',
    asked: 'Internal bank (all Emergency Department registrars)',
    channel: 'Bank system',
    terms: '£120.00 an hour',
    result: 'No reply by 14:00 02/01/2024',
    shifts: 'all 2 shifts',
    notes: '',
    ...over,
  };
}

/** The ladder's rungs as a request's evidence: every required rung tried or not applicable. */
export function evidence(): RungEvidence[] {
  return [
    {
      code: 'elective',
      name: 'Cancel or move non-urgent elective work',
      required: true,
      state: 'Not applicable',
      not_applicable: ['The Emergency Department has no elective work'],
      attempts: [],
    },
    {
      code: 'urgent',
      name: 'Move urgent cases to the days either side',
      required: true,
      state: 'Not applicable',
      not_applicable: ['Emergency attendances cannot be moved'],
      attempts: [],
    },
    {
      code: 'incentive',
      name: 'Incentives for doctors who are not striking',
      required: true,
      state: 'Exhausted',
      not_applicable: [],
      attempts: [
        evidenceAttempt({ attempt_id: 11, at: '02/01/2024 09:00', asked: 'Dr A Shah (ST4, Emergency medicine)', channel: 'Phone', result: 'Declined' }),
        evidenceAttempt({ attempt_id: 12, at: '02/01/2024 09:20', asked: 'Dr L Moreno (Clinical Fellow, Emergency medicine)', channel: 'Text', result: 'Unavailable', notes: 'On leave until 08/01' }),
      ],
    },
    {
      code: 'redeploy',
      name: 'Redeploy non-striking doctors',
      required: true,
      state: 'Exhausted',
      not_applicable: [],
      attempts: [
        evidenceAttempt({
          attempt_id: 13,
          at: '02/01/2024 11:40',
          by: 'mjones',
          asked: 'Acute Medicine (Northgate General) clinical director',
          channel: 'Email',
          terms: '',
          result: 'Declined',
          notes: 'No registrar free on either night',
        }),
      ],
    },
    {
      code: 'consultant',
      name: 'Consultants acting down or extra shifts',
      required: true,
      state: 'Exhausted',
      not_applicable: [],
      attempts: [evidenceAttempt({ attempt_id: 14, at: '02/01/2024 12:05', asked: 'Emergency Department consultants (rota email)', channel: 'Email', terms: '£150.00 an hour', result: 'Accepted 0 of 2 shifts' })],
    },
    {
      code: 'sas',
      name: 'SAS doctors',
      required: true,
      state: 'Exhausted',
      not_applicable: [],
      attempts: [evidenceAttempt({ attempt_id: 15, at: '02/01/2024 12:30', asked: 'Dr P Owusu (Specialty doctor, Emergency medicine)', channel: 'Phone', terms: '', result: 'Declined' })],
    },
    {
      code: 'locum',
      name: 'Bank and agency locums',
      required: true,
      state: 'Exhausted',
      not_applicable: [],
      attempts: [
        evidenceAttempt({ attempt_id: 16 }),
        evidenceAttempt({ attempt_id: 17, at: '02/01/2024 14:10', asked: 'Medics4U (agency)', channel: 'Email', terms: '£135.00 an hour', result: 'Declined', notes: 'No ST3+ emergency medicine locums on their books' }),
      ],
    },
    {
      code: 'mutual_aid',
      name: 'Mutual aid and other staff groups',
      required: true,
      state: 'Exhausted',
      not_applicable: [],
      attempts: [evidenceAttempt({ attempt_id: 18, at: '02/01/2024 16:00', asked: 'Southfield Hospital Emergency Department', channel: 'Phone', terms: '', result: 'Declined' })],
    },
    {
      code: 'incident',
      name: 'Internal or critical incident declared',
      required: false,
      state: 'Not started',
      not_applicable: [],
      attempts: [],
    },
  ];
}

export function overrideLine(over: Partial<OverrideLine> = {}): OverrideLine {
  return {
    shift: '04/01/2024 Night 20:00–08:00',
    doctor: 'Dr A Shah',
    rules: ['Least rest between shifts (11 h)'],
    reason: 'Only registrar with resuscitation competence available',
    at: '03/01/2024 18:30',
    by: 'mjones',
    released: false,
    ...over,
  };
}

/** Every check passes: the request can be sent for approval. */
export function passingChecks(): CheckView[] {
  return [
    { code: 'complete', name: 'Every field filled in', status: 'pass', explanation: 'Every field the BMA judges a request on is filled in.' },
    {
      code: 'evidence',
      name: 'Every required rung has evidence',
      status: 'pass',
      explanation: 'Every required rung of the ladder is exhausted or marked not applicable, for every shift.',
    },
    { code: 'incentive_tried', name: 'Incentive offered', status: 'pass', explanation: '2 attempts logged under "Incentives for doctors who are not striking".' },
    { code: 'redeploy_tried', name: 'Redeployment tried', status: 'pass', explanation: '1 attempt logged under "Redeploy non-striking doctors".' },
    { code: 'elective', name: 'Elective work stood down', status: 'pass', explanation: 'Non-urgent elective work in the service has stopped.' },
    { code: 'strike_started', name: 'The strike has started', status: 'pass', explanation: 'The walkout is under way.' },
    {
      code: 'consultants',
      name: 'Consultants agree it is unsafe',
      status: 'pass',
      explanation: "The department's consultants say the service is unsafe without the doctors (Dr R Evans, clinical lead, 03/01/2024 08:30).",
    },
    {
      code: 'deadline',
      name: 'Decision deadline set',
      status: 'pass',
      explanation: 'A decision is needed by 03/01/2024 14:00.',
    },
    { code: 'still_uncovered', name: 'Every shift still uncovered', status: 'pass', explanation: 'None of the shifts has been covered since the request was built.' },
    { code: 'overrides', name: 'No working-time rule overridden', status: 'pass', explanation: 'No fill in the evidence broke a working-time rule.' },
    { code: 'doctors', name: 'Number of doctors fits the shifts', status: 'pass', explanation: '1 doctor for 2 shifts.' },
  ];
}

/** Two checks fail and one warns: the request cannot be sent for approval. */
export function failingChecks(): CheckView[] {
  return passingChecks().map((c) => {
    if (c.code === 'consultants')
      return {
        ...c,
        status: 'fail',
        explanation: "The consultants' view is not recorded. Ask the department's consultants whether the service is unsafe without the doctors.",
      };
    if (c.code === 'elective')
      return {
        ...c,
        status: 'warning',
        explanation: 'Elective work continues, with the reason given: cancer surgery that cannot wait. Expect the BMA to question it.',
      };
    if (c.code === 'complete')
      return {
        ...c,
        status: 'fail',
        explanation: 'Missing: the requesting clinician, a contact number. Both revoked grants of 2023 were over facts missing from the form.',
      };
    return c;
  });
}

/** The input the fixture request's current version was built from. */
export function requestInput(over: Partial<RequestInput> = {}): RequestInput {
  return {
    walkout_id: 7,
    duty_ids: [601, 602],
    role: 'ST3+ emergency medicine registrar',
    doctors: 1,
    trigger: 'No registrar on the night rota for the Emergency Department after every source was tried.',
    clinical_risk:
      'Majors and resuscitation patients overnight, about 60 attendances a night. Without a registrar, time-critical decisions (sepsis, stroke thrombolysis) wait for the on-call consultant from home.',
    incident_declared: false,
    incident_detail: '',
    consultants_view: 'unsafe',
    consultants_who: 'Dr R Evans, clinical lead, 03/01/2024 08:30',
    elective_continuing: false,
    elective_reason: '',
    pre_emptive_reason: '',
    decision_needed_by: '03/01/2024 14:00',
    requesting_clinician: 'Dr R Evans, Clinical Lead, Emergency Medicine',
    contact_phone: '020 7946 0123',
    ...over,
  };
}

export function requestContent(over: Partial<RequestContent> = {}): RequestContent {
  const input = requestInput();
  return {
    schema: 'strikecover.request/1',
    reference: 'DR-12',
    version: 2,
    trust: 'Northgate and Southfield NHS Foundation Trust',
    walkout: { id: 7, name: 'Resident doctors, January', group: 'Resident doctors', starts: '03/01/2024 07:00', ends: '09/01/2024 07:00' },
    site: 'Northgate General',
    department: 'Emergency Department',
    role: input.role,
    doctors: input.doctors,
    shifts: [nightShift(601, 3), nightShift(602, 4)],
    duration: '2 shifts from 03/01/2024 20:00 to 05/01/2024 08:00 (24.0 hours of work in all)',
    trigger: input.trigger,
    clinical_risk: input.clinical_risk,
    incident_declared: input.incident_declared,
    incident_detail: input.incident_detail,
    consultants_view: input.consultants_view,
    consultants_who: input.consultants_who,
    elective_continuing: input.elective_continuing,
    elective_reason: input.elective_reason,
    pre_emptive_reason: null,
    decision_needed_by: { utc: DEADLINE_UTC, local: '03/01/2024 14:00' },
    requesting_clinician: input.requesting_clinician,
    contact_phone: input.contact_phone,
    evidence: evidence(),
    overrides: [],
    ...over,
  };
}

export type RequestViewOverrides = Partial<Omit<RequestView, 'content'>> & { content?: Partial<RequestContent> };

/**
 * A draft request that can be sent for approval (version 2 of DR-12). Overrides replace fields;
 * `content` overrides are merged into the content.
 */
export function requestView(over: RequestViewOverrides = {}): RequestView {
  const { content, ...rest } = over;
  return {
    id: 12,
    status: 'draft',
    content: requestContent(content),
    content_hash: REQUEST_HASH,
    input: requestInput(),
    checks: passingChecks(),
    can_submit: true,
    log_changed: false,
    approval: null,
    decision: null,
    sent_at: null,
    sent_at_local: null,
    sent_to: '',
    recalls: [],
    documents: [],
    history: [
      {
        at: Date.UTC(2024, 0, 3, 9, 5) / 1000,
        at_local: '03/01/2024 09:05',
        by: 'jsmith',
        kind: 'created',
        text: 'jsmith built version 1 from 2 gaps',
        version: 1,
        comment: '',
      },
      {
        at: Date.UTC(2024, 0, 3, 9, 40) / 1000,
        at_local: '03/01/2024 09:40',
        by: 'jsmith',
        kind: 'edited',
        text: 'jsmith saved version 2',
        version: 2,
        comment: '',
      },
    ],
    ...rest,
  };
}

/** A request as the list shows it. */
export function requestSummary(over: Partial<RequestSummary> = {}): RequestSummary {
  return {
    id: 12,
    reference: 'DR-12',
    walkout_id: 7,
    walkout: 'Resident doctors, January',
    site: 'Northgate General',
    department: 'Emergency Department',
    role: 'ST3+ emergency medicine registrar',
    doctors: 1,
    shifts: 2,
    status: 'draft',
    version: 2,
    decision_needed_by: DEADLINE_UTC,
    decision_needed_by_local: '03/01/2024 14:00',
    sent_at: null,
    decided_at: null,
    failing: 0,
    ...over,
  };
}

/** What the builder proposes for a selection across two departments (duties 601 to 605). */
export function proposals(): RequestProposal[] {
  return [
    {
      department_id: 11,
      site: 'Northgate General',
      department: 'Emergency Department',
      grade: 'ST4',
      role: 'ST4 (Emergency Department)',
      duty_ids: [601, 602, 603],
      doctors: 2,
      not_exhausted: [603],
    },
    {
      department_id: 21,
      site: 'Southfield Hospital',
      department: 'Neonatal Unit',
      grade: 'CT1',
      role: 'CT1 (Neonatal Unit)',
      duty_ids: [604, 605],
      doctors: 1,
      not_exhausted: [],
    },
  ];
}
