/** Backend answers for the tests, shaped exactly like the generated bindings. */

import type { AppStatus } from '../bindings/AppStatus';
import type { DutyView } from '../bindings/DutyView';
import type { GradeView } from '../bindings/GradeView';
import type { ImportPreview } from '../bindings/ImportPreview';
import type { ImportSummary } from '../bindings/ImportSummary';
import type { SiteView } from '../bindings/SiteView';
import type { StaffView } from '../bindings/StaffView';

export const emptyStatus: AppStatus = {
  db_path: 'C:\\Users\\coordinator\\AppData\\Local\\org.strikecover.desktop\\strikecover.sqlite3',
  trust_name: null,
  staff: 0,
  duties: 0,
  first_date: null,
  last_date: null,
  schema_version: 1,
  user: 'jsmith',
};

export const status: AppStatus = {
  ...emptyStatus,
  trust_name: 'Northgate and Southfield NHS Foundation Trust',
  staff: 420,
  duties: 9876,
  first_date: '2025-01-06',
  last_date: '2025-02-02',
};

export const sites: SiteView[] = [
  {
    id: 1,
    name: 'Northgate General',
    departments: [
      { id: 11, name: 'Emergency Department', critical: true, duties: 1200 },
      { id: 12, name: 'General Surgery', critical: false, duties: 800 },
    ],
  },
  {
    id: 2,
    name: 'Southfield Hospital',
    departments: [{ id: 21, name: 'Neonatal Unit', critical: true, duties: 300 }],
  },
];

let nextId = 1000;
export function duty(over: Partial<DutyView> = {}): DutyView {
  return {
    id: nextId++,
    date: '2025-01-06',
    start_local: '08:00',
    end_local: '17:00',
    start: 1736150400,
    end: 1736182800,
    hours: 9,
    overnight: false,
    shift_type: 'day',
    shift_code: 'D1',
    grade: 'ST3',
    staff_group: 'resident',
    site: 'Northgate General',
    department: 'Emergency Department',
    department_id: 11,
    staff_number: '1234567',
    staff_name: 'Asha Patel',
    ...over,
  };
}

export const weekDuties: DutyView[] = [
  duty({ id: 1, staff_name: 'Asha Patel', staff_number: '1234567' }),
  duty({
    id: 2,
    start_local: '20:00',
    end_local: '08:30',
    start: 1736193600,
    end: 1736238600,
    hours: 12.5,
    overnight: true,
    shift_type: 'night',
    shift_code: 'N',
    grade: 'FY2',
    staff_number: null,
    staff_name: null,
  }),
  duty({ id: 3, date: '2025-01-07', grade: 'CT1', staff_name: '<img src=x onerror=alert(1)>', staff_number: '7654321' }),
  duty({ id: 4, date: '2025-01-08', shift_type: 'long_day', shift_code: 'LD', staff_name: 'Tom Jones', staff_number: '1111111' }),
];

export const goodPreview: ImportPreview = {
  file_name: 'rota-export.csv',
  format: 'csv',
  encoding: 'Windows-1252',
  columns: [
    { header: 'Assignment Number', field: 'staff_id' },
    { header: 'Employee Name', field: 'name' },
    { header: 'Grade', field: 'grade' },
    { header: 'Ward/Department', field: 'department' },
    { header: 'Site', field: 'site' },
    { header: 'Shift Date', field: 'date' },
    { header: 'Start', field: 'start' },
    { header: 'End', field: 'end' },
    { header: 'Shift Type', field: 'shift_type' },
    { header: 'Notes', field: null },
  ],
  missing_required: [],
  sample: [
    ['1234567', 'Asha Patel', 'ST3', 'Emergency Department', 'Northgate', '06/01/2025', '08:00', '17:00', 'Day', ''],
    ['', '', 'FY2', 'Emergency Department', 'Northgate', '06/01/2025', '20:00', '08:30', 'Night', 'vacant'],
  ],
  total_rows: 120000,
};

export const previewMissing: ImportPreview = {
  ...goodPreview,
  file_name: 'old-export.csv',
  encoding: 'UTF-8 (BOM)',
  columns: goodPreview.columns.filter((c) => c.field !== 'date' && c.field !== 'site'),
  missing_required: ['site', 'date'],
  sample: [['1234567', 'Asha Patel', 'ST3', 'Emergency Department', '08:00', '17:00', 'Day', '']],
};

export const summary: ImportSummary = {
  import_id: 7,
  file_name: 'rota-export.csv',
  format: 'csv',
  encoding: 'Windows-1252',
  rows: 120000,
  doctors: 2345,
  shifts: 110000,
  vacancies: 3456,
  departments: 48,
  sites: 3,
  first_date: '2025-01-06',
  last_date: '2025-02-02',
  added: 100000,
  updated: 12,
  unchanged: 9988,
  removed: 3,
  new_staff: 45,
  changes: [
    { row: 17, duty: '06/01/2025 20:00 Night, Emergency Department (Northgate), FY2', change: 'doctor: vacant -> 1234567 A Patel' },
    { row: 0, duty: '07/01/2025 08:00 Day, General Surgery (Northgate), ST3', change: 'removed' },
  ],
  elapsed_ms: 2400,
};

export const grades: GradeView[] = [
  { grade: 'Consultant', staff_group: 'consultant', doctors: 80 },
  { grade: 'FY1', staff_group: 'resident', doctors: 40 },
  { grade: 'ST3', staff_group: 'other', doctors: 12 },
];

export const staff: StaffView[] = [
  { id: 1, staff_number: '1234567', name: 'Asha Patel', grade: 'ST3', staff_group: 'resident', wtr_opt_out: false, main_department: 'Emergency Department', duties: 20 },
  { id: 2, staff_number: '2345678', name: 'Bola Adeyemi', grade: 'Consultant', staff_group: 'consultant', wtr_opt_out: true, main_department: 'General Surgery', duties: 12 },
  { id: 3, staff_number: '3456789', name: 'Ciara Byrne', grade: 'Specialty Doctor', staff_group: 'sas', wtr_opt_out: false, main_department: null, duties: 0 },
  { id: 4, staff_number: '4567890', name: '<img src=x onerror=alert(1)>', grade: 'FY1', staff_group: 'resident', wtr_opt_out: false, main_department: 'Neonatal Unit', duties: 31 },
];
