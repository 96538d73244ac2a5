/**
 * Dates as the window shows them: dd/mm/yyyy, weekday names in en-GB, 24-hour times,
 * Europe/London. The backend sends local dates as "yyyy-mm-dd" strings (chrono's NaiveDate);
 * the arithmetic here works on those calendar dates only (no time zone can shift a calendar
 * date), so clock changes cannot move a day.
 */

export const TIME_ZONE = 'Europe/London';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as a UTC midnight Date, or null if `iso` is not a real yyyy-mm-dd date. */
function toUtcDate(iso: string): Date | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return null;
  }
  return date;
}

function fromUtcDate(date: Date): string {
  const y = String(date.getUTCFullYear()).padStart(4, '0');
  const m = String(date.getUTCMonth() + 1).padStart(2, '0');
  const d = String(date.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

function mustParse(iso: string): Date {
  const d = toUtcDate(iso);
  if (!d) throw new RangeError(`not a date (expected yyyy-mm-dd): ${iso}`);
  return d;
}

/** True for a real calendar date written yyyy-mm-dd. */
export function isIsoDate(s: string): boolean {
  return toUtcDate(s) !== null;
}

/** "2025-01-06" -> "06/01/2025". Anything that is not a date is returned unchanged. */
export function formatDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m || !toUtcDate(iso)) return iso;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** "06/01/2025–12/01/2025" (an en dash between). */
export function formatDateRange(fromIso: string, toIso: string): string {
  return `${formatDate(fromIso)}–${formatDate(toIso)}`;
}

const weekdayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' });
const shortWeekdayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' });

/** "2025-01-06" -> "Monday". */
export function weekdayName(iso: string): string {
  return weekdayFormat.format(mustParse(iso));
}

/** "2025-01-06" -> "Mon". */
export function shortWeekdayName(iso: string): string {
  return shortWeekdayFormat.format(mustParse(iso));
}

/** "2025-01-06" -> "Monday 06/01/2025". */
export function formatDateLong(iso: string): string {
  return `${weekdayName(iso)} ${formatDate(iso)}`;
}

/** Calendar arithmetic: `n` days after (or before, when negative) `iso`. */
export function addDays(iso: string, n: number): string {
  const d = mustParse(iso);
  d.setUTCDate(d.getUTCDate() + n);
  return fromUtcDate(d);
}

/** The Monday on or before `iso` (weeks start on Monday in the NHS rota). */
export function mondayOf(iso: string): string {
  const d = mustParse(iso);
  const sinceMonday = (d.getUTCDay() + 6) % 7;
  return addDays(iso, -sinceMonday);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((mustParse(b).getTime() - mustParse(a).getTime()) / 86_400_000);
}

/** Today's date in Europe/London (not the machine's zone, not UTC), as yyyy-mm-dd. */
export function todayInLondon(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Minutes since midnight of an "HH:MM" wall-clock time, or null when malformed. */
export function minutesOfDay(hhmm: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

/**
 * Hours between two printed wall-clock times, the end on the next day when `overnight`.
 * This is what the rota *says*; the real length differs over a clock change.
 */
export function wallClockHours(startLocal: string, endLocal: string, overnight: boolean): number | null {
  const s = minutesOfDay(startLocal);
  const e = minutesOfDay(endLocal);
  if (s === null || e === null) return null;
  return (e - s + (overnight ? 24 * 60 : 0)) / 60;
}

/** "20:00–08:30 (+1)" for an overnight duty, "08:00–17:00" otherwise. */
export function formatTimeSpan(startLocal: string, endLocal: string, overnight: boolean): string {
  return `${startLocal}–${endLocal}${overnight ? ' (+1)' : ''}`;
}

/** "13.0 h". */
export function formatHours(hours: number): string {
  return `${hours.toFixed(1)} h`;
}

/** A duration in milliseconds for people: "850 ms", "2.4 seconds", "3 min 05 s". */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} seconds`;
  const totalSeconds = Math.round(ms / 1000);
  const min = Math.floor(totalSeconds / 60);
  const sec = totalSeconds % 60;
  return `${min} min ${String(sec).padStart(2, '0')} s`;
}

/**
 * A date typed by a person, day first: "14/03/2025", "14/3/25", "14.03.2025", "14-03-2025", or
 * "2025-03-14". Two-digit years are 20yy. Returns yyyy-mm-dd, or null when it is not a real date.
 */
export function parseUkDate(text: string): string | null {
  const s = text.trim();
  if (isIsoDate(s)) return s;
  const m = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{2}|\d{4})$/.exec(s);
  if (!m) return null;
  const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  const iso = `${String(year).padStart(4, '0')}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

const timestampFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * A moment the backend recorded (RFC 3339, e.g. "2025-01-08T10:00:00Z") as people read it in
 * Europe/London: "08/01/2025 10:00". Text that is not such a moment is returned unchanged.
 */
export function formatTimestamp(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return text;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return text;
  const parts = timestampFormat.formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

/** The Europe/London calendar date (yyyy-mm-dd) of a UTC unix time in seconds. */
export function londonDateOf(unixSeconds: number): string {
  return todayInLondon(new Date(unixSeconds * 1000));
}

/** "HH:MM" typed by a person ("7:00", "07:00", "0700"), as "HH:MM"; null when it is not a time. */
export function parseTime(text: string): string | null {
  const s = text.trim();
  const m = /^(\d{1,2}):?(\d{2})$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

/** The Europe/London date of a moment the backend recorded: "2025-01-08T10:00:00Z" -> "08/01/2025". */
export function formatTimestampDate(text: string): string {
  const shown = formatTimestamp(text);
  return shown === text ? text : shown.split(' ')[0];
}
