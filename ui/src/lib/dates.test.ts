import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  formatDate,
  formatDateLong,
  formatDateRange,
  formatElapsed,
  formatHours,
  formatTimeSpan,
  isIsoDate,
  minutesOfDay,
  parseUkDate,
  mondayOf,
  shortWeekdayName,
  todayInLondon,
  wallClockHours,
  weekdayName,
} from './dates';

describe('formatDate', () => {
  it('shows dd/mm/yyyy', () => {
    expect(formatDate('2025-01-06')).toBe('06/01/2025');
    expect(formatDate('2024-12-31')).toBe('31/12/2024');
  });
  it('leaves anything that is not a real date alone', () => {
    expect(formatDate('2025-02-30')).toBe('2025-02-30');
    expect(formatDate('06/01/2025')).toBe('06/01/2025');
    expect(formatDate('')).toBe('');
  });
  it('formats ranges with an en dash', () => {
    expect(formatDateRange('2025-01-06', '2025-02-02')).toBe('06/01/2025–02/02/2025');
  });
});

describe('weekdays', () => {
  it('names days in British English', () => {
    expect(weekdayName('2025-01-06')).toBe('Monday');
    expect(weekdayName('2025-01-12')).toBe('Sunday');
    expect(shortWeekdayName('2025-01-08')).toBe('Wed');
    expect(formatDateLong('2024-02-29')).toBe('Thursday 29/02/2024');
  });
  it('refuses a non-date', () => {
    expect(() => weekdayName('not a date')).toThrow(RangeError);
  });
});

describe('calendar arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });
  it('is not moved by the clock changes', () => {
    // The last Sunday of March and of October: 23- and 25-hour days in London.
    expect(addDays('2025-03-29', 1)).toBe('2025-03-30');
    expect(addDays('2025-03-30', 1)).toBe('2025-03-31');
    expect(addDays('2025-10-26', 1)).toBe('2025-10-27');
    expect(daysBetween('2025-03-24', '2025-03-31')).toBe(7);
  });
  it('finds the Monday of a week', () => {
    expect(mondayOf('2025-01-06')).toBe('2025-01-06');
    expect(mondayOf('2025-01-08')).toBe('2025-01-06');
    expect(mondayOf('2025-01-12')).toBe('2025-01-06');
    expect(mondayOf('2025-01-01')).toBe('2024-12-30');
  });
  it('checks dates', () => {
    expect(isIsoDate('2025-01-06')).toBe(true);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });
});

describe('todayInLondon', () => {
  it('uses London time, not UTC', () => {
    // 23:30 UTC on 30 June is 00:30 BST on 1 July.
    expect(todayInLondon(new Date('2025-06-30T23:30:00Z'))).toBe('2025-07-01');
    // In winter London is on UTC.
    expect(todayInLondon(new Date('2025-01-06T23:30:00Z'))).toBe('2025-01-06');
  });
});

describe('times and hours', () => {
  it('reads HH:MM', () => {
    expect(minutesOfDay('08:30')).toBe(510);
    expect(minutesOfDay('24:00')).toBeNull();
    expect(minutesOfDay('8am')).toBeNull();
  });
  it('shows a span, marking a duty that ends the next day', () => {
    expect(formatTimeSpan('20:00', '08:30', true)).toBe('20:00–08:30 (+1)');
    expect(formatTimeSpan('08:00', '17:00', false)).toBe('08:00–17:00');
  });
  it('computes printed hours, which differ from real hours over a clock change', () => {
    expect(wallClockHours('20:00', '08:30', true)).toBe(12.5);
    expect(wallClockHours('08:00', '17:00', false)).toBe(9);
    expect(wallClockHours('bad', '17:00', false)).toBeNull();
    expect(formatHours(13)).toBe('13.0 h');
    expect(formatHours(11.5)).toBe('11.5 h');
  });
  it('describes elapsed time', () => {
    expect(formatElapsed(850)).toBe('850 ms');
    expect(formatElapsed(2400)).toBe('2.4 seconds');
    expect(formatElapsed(185_000)).toBe('3 min 05 s');
  });
});

describe('parseUkDate', () => {
  it('reads day-first dates as typed in England', () => {
    expect(parseUkDate('14/03/2025')).toBe('2025-03-14');
    expect(parseUkDate(' 4/3/25 ')).toBe('2025-03-04');
    expect(parseUkDate('04.03.2025')).toBe('2025-03-04');
    expect(parseUkDate('2025-03-04')).toBe('2025-03-04');
  });
  it('refuses what is not a real date, and never reads month first', () => {
    expect(parseUkDate('03/14/2025')).toBeNull();
    expect(parseUkDate('29/02/2025')).toBeNull();
    expect(parseUkDate('tomorrow')).toBeNull();
    expect(parseUkDate('')).toBeNull();
  });
});
