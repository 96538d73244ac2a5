import type { RowError } from '../bindings/RowError';

/**
 * What a failed command gives the window. The backend rejects with
 * `{ code, message, field?, rows? }` (src-tauri/src/error.rs, `CommandError`); Tauri itself
 * rejects with a plain string for its own failures (unknown command, denied permission, bad
 * arguments). Both become an `AppError`.
 */
export class AppError extends Error {
  readonly code: string;
  readonly field: string | null;
  /** Every bad row of a refused import (code "import_bad_rows"); empty otherwise. */
  readonly rows: RowError[];
  /** How many problems there were in all, when the backend says (it may list fewer rows). */
  readonly total: number | null;

  constructor(code: string, message: string, field: string | null = null, rows: RowError[] = [], total: number | null = null) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
    this.rows = rows;
    this.total = total;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function toRowError(v: unknown): RowError | null {
  if (!isRecord(v)) return null;
  const row = typeof v.row === 'number' ? v.row : Number(v.row);
  if (!Number.isFinite(row)) return null;
  return {
    row,
    column: String(v.column ?? ''),
    value: String(v.value ?? ''),
    message: String(v.message ?? ''),
  };
}

/** Turns whatever a rejected promise carried into an `AppError` (never throws). */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (isRecord(e) && typeof e.code === 'string' && typeof e.message === 'string') {
    const rows = Array.isArray(e.rows) ? e.rows.map(toRowError).filter((r): r is RowError => r !== null) : [];
    const field = typeof e.field === 'string' ? e.field : null;
    const total = typeof e.total === 'number' ? e.total : null;
    return new AppError(e.code, e.message, field, rows, total);
  }
  if (typeof e === 'string') return new AppError('internal', e);
  if (e instanceof Error) return new AppError('internal', e.message);
  return new AppError('internal', 'Something went wrong in the app. Try again; if it keeps happening, tell your IT service desk.');
}
