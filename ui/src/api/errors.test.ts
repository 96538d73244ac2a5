import { describe, expect, it } from 'vitest';
import { AppError, toAppError } from './errors';

describe('toAppError', () => {
  it('keeps the backend error shape', () => {
    const e = toAppError({
      code: 'import_bad_rows',
      message: 'rota.csv: 2 problem(s) found',
      rows: [
        { row: 3, column: 'date', value: '31/02/2025', message: 'not a date' },
        { row: 9, column: 'start', value: '25:00', message: 'not a time' },
      ],
    });
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('import_bad_rows');
    expect(e.rows).toHaveLength(2);
    expect(e.rows[1]).toEqual({ row: 9, column: 'start', value: '25:00', message: 'not a time' });
    expect(e.field).toBeNull();
  });
  it('keeps the field of an invalid input', () => {
    expect(toAppError({ code: 'invalid', message: 'choose a file to import', field: 'path' }).field).toBe('path');
  });
  it("turns Tauri's own string errors into an internal error", () => {
    const e = toAppError('command foo not found');
    expect(e.code).toBe('internal');
    expect(e.message).toBe('command foo not found');
  });
  it('never shows raw JSON for something unexpected', () => {
    const e = toAppError({ weird: true });
    expect(e.code).toBe('internal');
    expect(e.message).not.toContain('{');
  });
});
