/** Walkout answers for the tests, shaped exactly like the wire types. */

import type { DashboardView } from '../bindings/DashboardView';
import type { GapView } from '../bindings/GapView';
import type { IntentView } from '../bindings/IntentView';
import type { WalkoutView } from '../bindings/WalkoutView';

/** The January 2024 strike: 07:00 on 03/01/2024 to 07:00 on 09/01/2024. */
export const walkout: WalkoutView = {
  id: 7,
  body: 'BMA',
  title: 'Resident doctors, January',
  staff_groups: ['resident'],
  grades: [],
  start: 1704265200,
  end: 1704783600,
  start_local: '03/01/2024 07:00',
  end_local: '09/01/2024 07:00',
  notice_date: '2023-12-20',
  undeclared_uncovered: true,
  created_by: 'jsmith',
  created_at: '2023-12-20T09:30:00Z',
  affected_staff: 120,
  striking: 40,
  working: 10,
  undeclared: 70,
  previous_id: null,
  previous_title: null,
  ladder_version: null,
};

let nextDuty = 5000;
export function gap(over: Partial<GapView> = {}): GapView {
  return {
    duty_id: nextDuty++,
    date: '2024-01-03',
    start_local: '08:00',
    end_local: '17:00',
    start: 1704268800,
    end: 1704301200,
    hours: 9,
    overlap_hours: 9,
    night: false,
    shift_type: 'day',
    shift_code: 'D',
    grade: 'ST3',
    staff_group: 'resident',
    site_id: 1,
    site: 'Northgate General',
    department_id: 12,
    department: 'General Surgery',
    critical: false,
    staff_number: '1234567',
    rungs_to_do: 9,
    covered_by: null,
    staff_name: 'Asha Patel',
    reason: 'striking',
    status: 'uncovered',
    manual: false,
    note: null,
    marked_by: null,
    marked_at: null,
    ...over,
  };
}

export const gaps: GapView[] = [
  // The night before: 20:00 on 02/01 to 08:00 on 03/01, one hour inside the walkout.
  gap({
    duty_id: 1,
    date: '2024-01-02',
    start_local: '20:00',
    end_local: '08:00',
    start: 1704225600,
    end: 1704268800,
    hours: 12,
    overlap_hours: 1,
    night: true,
    shift_type: 'night',
    shift_code: 'N',
    department_id: 11,
    department: 'Emergency Department',
    critical: true,
    grade: 'FY2',
    staff_number: '2222222',
    staff_name: 'Ben Okafor',
    reason: 'undeclared',
  }),
  gap({ duty_id: 2 }),
  gap({
    duty_id: 3,
    date: '2024-01-04',
    start_local: '20:00',
    end_local: '08:00',
    start: 1704398400,
    end: 1704441600,
    hours: 12,
    overlap_hours: 12,
    night: true,
    shift_type: 'night',
    site_id: 2,
    site: 'Southfield Hospital',
    department_id: 21,
    department: 'Neonatal Unit',
    critical: true,
    grade: 'CT1',
    staff_number: null,
    staff_name: null,
    reason: 'vacant',
  }),
  gap({
    duty_id: 4,
    date: '2024-01-04',
    start: 1704355200,
    end: 1704387600,
    grade: 'CT1',
    staff_number: '3333333',
    staff_name: 'Chloe Smith',
    reason: 'manual',
    manual: true,
    note: 'Said on the ward she will strike',
    marked_by: 'mjones',
    marked_at: '2024-01-02T16:45:00Z',
  }),
];

const zero = { due: 0, covered: 0, uncovered: 0, sourcing: 0, requested: 0 };

export const dashboard: DashboardView = {
  walkout,
  days: ['2024-01-03', '2024-01-04', '2024-01-05', '2024-01-06', '2024-01-07', '2024-01-08'],
  // Deliberately not critical first: the window puts critical departments first anyway.
  rows: [
    {
      department_id: 12,
      department: 'General Surgery',
      site: 'Northgate General',
      critical: false,
      cells: [{ due: 14, covered: 9, uncovered: 5, sourcing: 0, requested: 0 }, { due: 12, covered: 11, uncovered: 1, sourcing: 0, requested: 0 }, zero, zero, zero, zero],
    },
    {
      department_id: 11,
      department: 'Emergency Department',
      site: 'Northgate General',
      critical: true,
      cells: [{ due: 20, covered: 8, uncovered: 12, sourcing: 0, requested: 0 }, zero, zero, zero, zero, zero],
    },
    {
      department_id: 21,
      department: 'Neonatal Unit',
      site: 'Southfield Hospital',
      critical: true,
      cells: [zero, { due: 4, covered: 3, uncovered: 1, sourcing: 0, requested: 0 }, zero, zero, zero, zero],
    },
  ],
  sitrep: [
    { date: '2024-01-03', staff_due: 230, staff_taking_action: 61, undeclared: 97, vacant_shifts: 8 },
    { date: '2024-01-04', staff_due: 215, staff_taking_action: 58, undeclared: 90, vacant_shifts: 6 },
  ],
};

export const intents: IntentView[] = [
  { staff_id: 1, staff_number: '1234567', name: 'Asha Patel', grade: 'ST3', staff_group: 'resident', main_department: 'General Surgery (Northgate General)', intent: 'striking', set_by: 'jsmith', set_at: '2024-01-02T09:00:00Z' },
  { staff_id: 2, staff_number: '2222222', name: 'Ben Okafor', grade: 'FY2', staff_group: 'resident', main_department: 'Emergency Department (Northgate General)', intent: 'undeclared', set_by: null, set_at: null },
  { staff_id: 3, staff_number: '3333333', name: 'Chloe Smith', grade: 'CT1', staff_group: 'resident', main_department: null, intent: 'undeclared', set_by: null, set_at: null },
  { staff_id: 4, staff_number: '4444444', name: 'Dev Sharma', grade: 'ST5', staff_group: 'resident', main_department: 'Neonatal Unit (Southfield Hospital)', intent: 'working', set_by: 'jsmith', set_at: '2024-01-02T09:05:00Z' },
];

/** Many gaps for the performance test: half in critical departments, alternate nights. */
export function manyGaps(n: number): GapView[] {
  const out: GapView[] = [];
  for (let i = 0; i < n; i++) {
    const critical = i % 2 === 0;
    out.push(
      gap({
        duty_id: 100000 + i,
        date: `2024-01-0${3 + (i % 6)}`,
        start: 1704268800 + (i % 6) * 86400,
        end: 1704301200 + (i % 6) * 86400,
        department_id: critical ? 11 : 12,
        department: critical ? 'Emergency Department' : 'General Surgery',
        critical,
        night: i % 3 === 0,
        staff_name: `Doctor ${i}`,
        staff_number: String(1000000 + i),
      }),
    );
  }
  return out;
}
