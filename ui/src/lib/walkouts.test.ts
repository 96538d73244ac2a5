import { describe, expect, it } from 'vitest';
import { gap } from '../test/walkoutFixtures';
import { buildWalkoutInput, EMPTY_WALKOUT_FORM, shownEndDate } from '../screens/WalkoutForm';
import { formatTimestamp, parseTime } from './dates';
import { describeAffected } from './format';
import { NO_GAP_FILTERS, filterAndSortGaps, formatOverlap, parseLocalStamp, walkoutDayOf, walkoutDays } from './walkouts';

describe('walkout days', () => {
  it('counts 07:00 to 07:00 days', () => {
    expect(walkoutDays({ start_local: '03/01/2024 07:00', end_local: '09/01/2024 07:00' })).toEqual([
      '2024-01-03',
      '2024-01-04',
      '2024-01-05',
      '2024-01-06',
      '2024-01-07',
      '2024-01-08',
    ]);
  });
  it('counts a walkout ending at 23:59 the same day as one day', () => {
    expect(walkoutDays({ start_local: '03/01/2024 07:00', end_local: '03/01/2024 23:59' })).toEqual(['2024-01-03']);
  });
  it('reads the backend stamps', () => {
    expect(parseLocalStamp('26/10/2025 07:00')).toEqual({ date: '2025-10-26', time: '07:00' });
    expect(parseLocalStamp('nonsense')).toBeNull();
  });
  it('puts a duty on the walkout day whose window holds its start', () => {
    const days = walkoutDays({ start_local: '03/01/2024 07:00', end_local: '09/01/2024 07:00' });
    expect(walkoutDayOf({ date: '2024-01-04', start_local: '03:00' }, '07:00', days)).toBe('2024-01-03');
    expect(walkoutDayOf({ date: '2024-01-04', start_local: '07:00' }, '07:00', days)).toBe('2024-01-04');
    // The night before the walkout counts on its first day.
    expect(walkoutDayOf({ date: '2024-01-02', start_local: '20:00' }, '07:00', days)).toBe('2024-01-03');
  });
});

describe('gap helpers', () => {
  it('says how much of a partial duty is in the walkout', () => {
    expect(formatOverlap({ hours: 12, overlap_hours: 1 })).toBe('1.0 h of 12.0 h in the walkout');
    expect(formatOverlap({ hours: 12, overlap_hours: 12 })).toBeNull();
  });
  it('sorts critical departments first, then by time', () => {
    const a = { ...gap({ duty_id: 1, start: 10, critical: false }), walkoutDay: '2024-01-03' };
    const b = { ...gap({ duty_id: 2, start: 20, critical: true }), walkoutDay: '2024-01-03' };
    const c = { ...gap({ duty_id: 3, start: 5, critical: false }), walkoutDay: '2024-01-03' };
    expect(filterAndSortGaps([a, b, c], NO_GAP_FILTERS).map((g) => g.duty_id)).toEqual([2, 3, 1]);
    expect(filterAndSortGaps([a, b, c], { ...NO_GAP_FILTERS, sort: 'time' }).map((g) => g.duty_id)).toEqual([3, 1, 2]);
  });
  it('formats recorded moments in Europe/London', () => {
    expect(formatTimestamp('2024-01-03T10:15:00Z')).toBe('03/01/2024 10:15');
    expect(formatTimestamp('2024-07-03T10:15:00Z')).toBe('03/07/2024 11:15');
    expect(formatTimestamp('yesterday')).toBe('yesterday');
  });
  it('reads times typed by people', () => {
    expect(parseTime('7:00')).toBe('07:00');
    expect(parseTime('0700')).toBe('07:00');
    expect(parseTime('24:00')).toBeNull();
  });
  it('names the groups and grades affected', () => {
    expect(describeAffected(['resident'], [])).toBe('Resident doctors');
    expect(describeAffected(['resident', 'sas'], ['ST3'])).toBe('Resident doctors, SAS doctors and ST3');
  });
});

describe('the walkout form', () => {
  it('ends at 07:00 the day after the last day unless changed', () => {
    const form = { ...EMPTY_WALKOUT_FORM, firstDay: '30/12/2023', lastDay: '31/12/2023' };
    expect(shownEndDate(form)).toBe('01/01/2024');
    const checked = buildWalkoutInput(form);
    expect(checked.input).toMatchObject({ start_date: '2023-12-30', start_time: '07:00', end_date: '2024-01-01', end_time: '07:00' });
    expect(shownEndDate({ ...form, endDate: '31/12/2023' })).toBe('31/12/2023');
  });
  it('refuses a last day before the first day', () => {
    const checked = buildWalkoutInput({ ...EMPTY_WALKOUT_FORM, firstDay: '05/01/2024', lastDay: '04/01/2024' });
    expect(checked.problems).toEqual({ lastDay: 'The last day must be the same as or after the first day' });
  });
});
