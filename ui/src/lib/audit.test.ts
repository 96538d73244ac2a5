import { describe, expect, it } from 'vitest';
import { EMPTY_AUDIT_FORM, auditFieldTarget, auditFilter } from './audit';

describe('auditFilter', () => {
  it('sends nothing for empty fields', () => {
    expect(auditFilter(EMPTY_AUDIT_FORM)).toEqual({
      filter: { walkout_id: null, duty_id: null, request_id: null, user: null, from: null, to: null, limit: 100, before_id: null },
      problems: [],
    });
  });

  it('reads numbers and day-first dates, and carries the page', () => {
    const r = auditFilter({ walkout: '3', request: ' 12 ', duty: '4512', user: 'jsmith', from: '1/3/25', to: '2025-03-31' }, 77);
    expect(r.filter).toEqual({
      walkout_id: 3,
      duty_id: 4512,
      request_id: 12,
      user: 'jsmith',
      from: '01/03/2025',
      to: '31/03/2025',
      limit: 100,
      before_id: 77,
    });
  });

  it('names each field it cannot read', () => {
    const r = auditFilter({ ...EMPTY_AUDIT_FORM, request: '-1', duty: '4.5', from: '30/02/2025', to: 'soon' });
    expect(r.filter).toBeNull();
    expect(r.problems.map((p) => p.target)).toEqual(['audit-request', 'audit-duty', 'audit-from', 'audit-to']);
  });

  it('refuses a last day before the first', () => {
    const r = auditFilter({ ...EMPTY_AUDIT_FORM, from: '14/03/2025', to: '13/03/2025' });
    expect(r.problems).toEqual([{ target: 'audit-to', message: 'The last day must be the same as or after the first day' }]);
  });

  it('maps the backend’s field names to the form’s controls', () => {
    expect(auditFieldTarget('from')).toBe('audit-from');
    expect(auditFieldTarget('anchor')).toBe('audit-anchor');
    expect(auditFieldTarget('limit')).toBeNull();
    expect(auditFieldTarget(null)).toBeNull();
  });
});
