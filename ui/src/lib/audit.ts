/**
 * The audit viewer's pure parts: the filter form turned into the backend's filter (with the
 * problems of each field), and the words for each kind of break `audit verify` can find.
 */

import type { AuditFilter } from '../bindings/AuditFilter';
import type { BreakKind } from '../bindings/BreakKind';
import type { FieldProblem } from '../components/ErrorSummary';
import { parseUkDate } from './dates';

/** The filter form as typed. Empty text means "any". */
export interface AuditForm {
  walkout: string;
  request: string;
  duty: string;
  user: string;
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FORM: AuditForm = { walkout: '', request: '', duty: '', user: '', from: '', to: '' };

/** Rows per page of the viewer. */
export const AUDIT_PAGE_SIZE = 100;

export const BREAK_KIND_LABELS: Record<BreakKind, string> = {
  content_changed: 'A row’s content was changed',
  rows_missing: 'Rows are missing',
  reordered: 'Rows were reordered or replaced',
  last_rows_deleted: 'The last rows were deleted',
  hash_edited: 'Hash fields were edited',
  row_added: 'A row was added outside the app',
  head_missing: 'The head record is missing',
};

function wholeNumber(text: string): number | null | 'bad' {
  const t = text.trim();
  if (t === '') return null;
  if (!/^\d{1,15}$/.test(t)) return 'bad';
  const n = Number(t);
  return n > 0 ? n : 'bad';
}

function ukDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** The backend filter for `form`, or the problems that stop it (each naming its field). */
export function auditFilter(
  form: AuditForm,
  beforeId: number | null = null,
): { filter: AuditFilter; problems: [] } | { filter: null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const request = wholeNumber(form.request);
  if (request === 'bad') problems.push({ target: 'audit-request', message: 'Enter the request’s number, like 12' });
  const duty = wholeNumber(form.duty);
  if (duty === 'bad') problems.push({ target: 'audit-duty', message: 'Enter the shift’s duty number, like 4512' });
  const from = form.from.trim() === '' ? null : parseUkDate(form.from);
  if (from === null && form.from.trim() !== '')
    problems.push({ target: 'audit-from', message: 'Enter the first day as a real date, like 14/03/2025' });
  const to = form.to.trim() === '' ? null : parseUkDate(form.to);
  if (to === null && form.to.trim() !== '')
    problems.push({ target: 'audit-to', message: 'Enter the last day as a real date, like 18/03/2025' });
  if (from && to && to < from) problems.push({ target: 'audit-to', message: 'The last day must be the same as or after the first day' });
  if (problems.length > 0) return { filter: null, problems };
  return {
    filter: {
      walkout_id: form.walkout === '' ? null : Number(form.walkout),
      duty_id: duty as number | null,
      request_id: request as number | null,
      user: form.user === '' ? null : form.user,
      from: from ? ukDate(from) : null,
      to: to ? ukDate(to) : null,
      limit: AUDIT_PAGE_SIZE,
      before_id: beforeId,
    },
    problems: [],
  };
}

/** The form field a backend error names, as the id of its control. */
export function auditFieldTarget(field: string | undefined | null): string | null {
  switch (field) {
    case 'from':
      return 'audit-from';
    case 'to':
      return 'audit-to';
    case 'anchor':
      return 'audit-anchor';
    default:
      return null;
  }
}
