/** Walkout days, and the gap board's filters and sort (pure, so they are tested on their own). */

import type { GapView } from '../bindings/GapView';
import type { WalkoutView } from '../bindings/WalkoutView';
import { addDays, formatHours, minutesOfDay, parseUkDate } from './dates';

/** "03/01/2024 07:00" (the backend's walkout start and end) as a date and a time; null if not. */
export function parseLocalStamp(text: string): { date: string; time: string } | null {
  const m = /^(\S+)\s+(\d{1,2}:\d{2})$/.exec(text.trim());
  if (!m) return null;
  const date = parseUkDate(m[1]);
  if (!date || minutesOfDay(m[2]) === null) return null;
  return { date, time: m[2].padStart(5, '0') };
}

/**
 * The days of a walkout, as the dashboard counts them: day N runs from the start time on that
 * date to the same time the next day, the last one ending with the walkout (07:00 on 03/01 to
 * 07:00 on 09/01 is six days, 03/01 to 08/01).
 */
export function walkoutDays(walkout: Pick<WalkoutView, 'start_local' | 'end_local'>): string[] {
  const start = parseLocalStamp(walkout.start_local);
  const end = parseLocalStamp(walkout.end_local);
  if (!start || !end) return [];
  const startMin = minutesOfDay(start.time) ?? 0;
  const endMin = minutesOfDay(end.time) ?? 0;
  const days: string[] = [];
  for (let d = start.date; d < end.date || (d === end.date && endMin > startMin); d = addDays(d, 1)) {
    days.push(d);
    if (days.length > 366) break;
  }
  return days;
}

/**
 * The walkout day a duty falls in: the day whose window holds its start. A duty starting before
 * the walkout (a night from 20:00 the evening before) counts on the first day.
 */
export function walkoutDayOf(gap: Pick<GapView, 'date' | 'start_local'>, startTime: string, days: string[]): string {
  let day = gap.date;
  const dutyMin = minutesOfDay(timeOf(gap.start_local));
  const startMin = minutesOfDay(startTime);
  if (dutyMin !== null && startMin !== null && dutyMin < startMin) day = addDays(day, -1);
  if (days.length > 0) {
    if (day < days[0]) day = days[0];
    if (day > days[days.length - 1]) day = days[days.length - 1];
  }
  return day;
}

/** "HH:MM" from "HH:MM" or "dd/mm/yyyy HH:MM". */
export function timeOf(local: string): string {
  const m = /(\d{1,2}:\d{2})$/.exec(local.trim());
  return m ? m[1].padStart(5, '0') : local;
}

/** "1.0 h of 12.0 h in the walkout" when only part of the duty is in it, else null. */
export function formatOverlap(gap: Pick<GapView, 'hours' | 'overlap_hours'>): string | null {
  if (gap.overlap_hours >= gap.hours - 0.05) return null;
  return `${formatHours(gap.overlap_hours)} of ${formatHours(gap.hours)} in the walkout`;
}

export type GapSort = 'critical' | 'time' | 'department' | 'site' | 'grade';

export const GAP_SORT_LABELS: Record<GapSort, string> = {
  critical: 'Critical departments first, then time',
  time: 'Time',
  department: 'Department',
  site: 'Site',
  grade: 'Grade',
};

export interface GapFilters {
  critical: 'all' | 'critical' | 'other';
  siteId: number | null;
  departmentId: number | null;
  grade: string;
  /** A walkout day (yyyy-mm-dd), or '' for all. */
  day: string;
  dayNight: 'all' | 'day' | 'night';
  sort: GapSort;
}

export const NO_GAP_FILTERS: GapFilters = {
  critical: 'all',
  siteId: null,
  departmentId: null,
  grade: '',
  day: '',
  dayNight: 'all',
  sort: 'critical',
};

export function filtersActive(f: GapFilters): boolean {
  return (
    f.critical !== 'all' || f.siteId !== null || f.departmentId !== null || f.grade !== '' || f.day !== '' || f.dayNight !== 'all'
  );
}

/** A gap with the walkout day it counts on. */
export type DayGap = GapView & { walkoutDay: string };

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

function byTime(a: GapView, b: GapView): number {
  return a.start - b.start || collator.compare(a.department, b.department) || collator.compare(a.grade, b.grade) || a.duty_id - b.duty_id;
}

export function filterAndSortGaps(gaps: DayGap[], f: GapFilters): DayGap[] {
  const out = gaps.filter(
    (g) =>
      (f.critical === 'all' || (f.critical === 'critical') === g.critical) &&
      (f.siteId === null || g.site_id === f.siteId) &&
      (f.departmentId === null || g.department_id === f.departmentId) &&
      (f.grade === '' || g.grade === f.grade) &&
      (f.day === '' || g.walkoutDay === f.day) &&
      (f.dayNight === 'all' || (f.dayNight === 'night') === g.night),
  );
  const cmp: (a: DayGap, b: DayGap) => number = (() => {
    switch (f.sort) {
      case 'critical':
        return (a: DayGap, b: DayGap) => Number(b.critical) - Number(a.critical) || byTime(a, b);
      case 'department':
        return (a: DayGap, b: DayGap) => collator.compare(a.department, b.department) || collator.compare(a.site, b.site) || byTime(a, b);
      case 'site':
        return (a: DayGap, b: DayGap) => collator.compare(a.site, b.site) || collator.compare(a.department, b.department) || byTime(a, b);
      case 'grade':
        return (a: DayGap, b: DayGap) => collator.compare(a.grade, b.grade) || byTime(a, b);
      default:
        return byTime;
    }
  })();
  return out.sort(cmp);
}

/** Gaps still without a doctor (everything listed but those covered since). */
export function openGaps<T extends GapView>(gaps: T[]): T[] {
  return gaps.filter((g) => g.status !== 'covered');
}
