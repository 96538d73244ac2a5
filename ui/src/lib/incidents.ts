/**
 * The incident log's form: what the user typed, checked before it is sent, and turned into the
 * backend's `IncidentInput`. The backend checks everything again (the walkout's window, the
 * department, the gap and the request) and names the field it refuses.
 */

import type { Harm } from '../bindings/Harm';
import type { IncidentInput } from '../bindings/IncidentInput';
import type { IncidentVersionView } from '../bindings/IncidentVersionView';
import { localStampToInput } from './sourcing';

export const HARMS: Harm[] = ['none', 'low', 'moderate', 'severe', 'death'];

export const HARM_LABELS: Record<Harm, string> = {
  none: 'No harm',
  low: 'Low harm',
  moderate: 'Moderate harm',
  severe: 'Severe harm',
  death: 'Death',
};

export interface IncidentForm {
  /** A `datetime-local` value, Europe/London. */
  at: string;
  departmentId: string;
  /** The linked gap's duty id, or "". */
  dutyId: string;
  /** The linked request's id, or "". */
  requestId: string;
  reference: string;
  harm: Harm | '';
  nearMiss: boolean;
  description: string;
  reason: string;
}

export const EMPTY_INCIDENT_FORM: IncidentForm = {
  at: '',
  departmentId: '',
  dutyId: '',
  requestId: '',
  reference: '',
  harm: '',
  nearMiss: false,
  description: '',
  reason: '',
};

/** The form filled with a saved version, to change it. */
export function formFromVersion(v: IncidentVersionView): IncidentForm {
  return {
    at: localStampToInput(v.occurred_local),
    departmentId: String(v.department_id),
    dutyId: v.duty_id === null ? '' : String(v.duty_id),
    requestId: v.request_id === null ? '' : String(v.request_id),
    reference: v.reference,
    harm: v.harm,
    nearMiss: v.near_miss,
    description: v.description,
    reason: '',
  };
}

export type IncidentField = 'at' | 'department' | 'harm' | 'description' | 'reason';
export type IncidentProblems = Partial<Record<IncidentField, string>>;

/** Checks the form; the input to send when nothing is wrong. */
export function buildIncidentInput(
  walkoutId: number,
  f: IncidentForm,
  editing: boolean,
): { input: IncidentInput | null; problems: IncidentProblems } {
  const problems: IncidentProblems = {};
  if (f.at.trim() === '') problems.at = 'Enter when the incident happened';
  if (f.departmentId === '') problems.department = 'Choose the department where it happened';
  if (f.harm === '') problems.harm = 'Choose the harm it caused';
  else if (f.nearMiss && f.harm !== 'none') problems.harm = 'A near miss reached no patient: choose "No harm" or untick near miss';
  if (f.description.trim() === '') problems.description = 'Describe what happened';
  if (editing && f.reason.trim() === '') problems.reason = 'Say why the incident is being changed';
  if (Object.keys(problems).length > 0 || f.harm === '') return { input: null, problems };
  return {
    input: {
      walkout_id: walkoutId,
      occurred: f.at.trim(),
      department_id: Number(f.departmentId),
      duty_id: f.dutyId === '' ? null : Number(f.dutyId),
      request_id: f.requestId === '' ? null : Number(f.requestId),
      reference: f.reference.trim(),
      harm: f.harm,
      near_miss: f.nearMiss,
      description: f.description.trim(),
      change_reason: editing ? f.reason.trim() : '',
    },
    problems,
  };
}

/** The first `n` characters of a description, with an ellipsis when cut. */
export function excerpt(text: string, n = 80): string {
  const chars = Array.from(text);
  return chars.length <= n ? text : `${chars.slice(0, n - 1).join('')}…`;
}
