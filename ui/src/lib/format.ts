/** Labels and number formats for the window (British English). */

import type { Field } from '../bindings/Field';
import type { FileFormat } from '../bindings/FileFormat';
import type { GapReason } from '../bindings/GapReason';
import type { GapStatus } from '../bindings/GapStatus';
import type { Intent } from '../bindings/Intent';
import type { ShiftType } from '../bindings/ShiftType';
import type { StaffGroup } from '../bindings/StaffGroup';

const numberFormat = new Intl.NumberFormat('en-GB');

/** 470000 -> "470,000". */
export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** "1 doctor", "12 doctors". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** Same words as the core's `ShiftType::label`. */
export const SHIFT_TYPE_LABELS: Record<ShiftType, string> = {
  day: 'Day',
  long_day: 'Long day',
  long_evening: 'Long evening',
  night: 'Night',
  on_call: 'On call (non-resident)',
  leave: 'Leave',
  rest: 'Rest',
};

export const SHIFT_TYPES: ShiftType[] = ['day', 'long_day', 'long_evening', 'night', 'on_call', 'leave', 'rest'];

export const STAFF_GROUP_LABELS: Record<StaffGroup, string> = {
  resident: 'Resident doctor',
  consultant: 'Consultant',
  sas: 'SAS doctor',
  other: 'Other',
};

/** As used in a sentence: "ST3 is now in the resident group". */
export const STAFF_GROUP_NAMES: Record<StaffGroup, string> = {
  resident: 'resident',
  consultant: 'consultant',
  sas: 'SAS',
  other: 'other',
};

export const STAFF_GROUPS: StaffGroup[] = ['resident', 'consultant', 'sas', 'other'];

export const FIELD_LABELS: Record<Field, string> = {
  staff_id: 'Staff number',
  name: 'Name',
  grade: 'Grade',
  department: 'Department',
  site: 'Site',
  date: 'Date',
  start: 'Start time',
  end: 'End time',
  shift_type: 'Shift type',
  shift_code: 'Shift code',
  staff_group: 'Staff group',
  wtr_opt_out: 'WTR opt-out',
};

/** A required column's canonical name with its label: "date (Date)". */
export function describeColumn(canonical: string): string {
  const label = (FIELD_LABELS as Record<string, string | undefined>)[canonical];
  return label ? `${canonical} (${label})` : canonical;
}

export const FORMAT_LABELS: Record<FileFormat, string> = {
  csv: 'CSV (text)',
  xlsx: 'Excel workbook (.xlsx)',
};

/** The last part of a Windows or Unix path. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** What a doctor means to do during a walkout. */
export const INTENT_LABELS: Record<Intent, string> = {
  striking: 'Striking',
  working: 'Working',
  undeclared: 'Not declared',
};

export const INTENTS: Intent[] = ['striking', 'working', 'undeclared'];

/** Why a duty is a gap. */
export const GAP_REASON_LABELS: Record<GapReason, string> = {
  striking: 'Striking',
  undeclared: 'Not declared',
  vacant: 'Vacant',
  manual: 'Marked by hand',
};

export const GAP_STATUS_LABELS: Record<GapStatus, string> = {
  uncovered: 'Uncovered',
  sourcing: 'Sourcing',
  covered: 'Covered',
  requested: 'Requested',
};

/** The bodies a walkout is usually called by; anything else is typed as free text. */
export const WALKOUT_BODIES = ['BMA', 'HCSA', 'RCN'] as const;

/** "Resident doctors, consultants and ST3" for a walkout's affected groups and grades. */
export function describeAffected(groups: StaffGroup[], grades: string[], capitalise = true): string {
  const names: Record<StaffGroup, string> = {
    resident: 'resident doctors',
    consultant: 'consultants',
    sas: 'SAS doctors',
    other: 'other doctors',
  };
  const parts = [...groups.map((g) => names[g] ?? g), ...grades];
  if (parts.length === 0) return '';
  const text = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return capitalise ? text.charAt(0).toLocaleUpperCase('en-GB') + text.slice(1) : text;
}
