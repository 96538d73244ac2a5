/**
 * Geometry of the impact report's charts (pure, tested): scales, bar lengths, stacked segments,
 * axis ticks, and the colours of the coverage sources (the PDF uses the same ones).
 */

/** Colours of the ladder's rungs in order (NHS identity palette); recall and uncovered have their own. */
export const RUNG_COLOURS = ['#005eb8', '#00a499', '#330072', '#ffb81c', '#ae2573', '#009639', '#ed8b00', '#768692', '#003087'];
export const RECALL_COLOUR = '#41b6e6';
export const UNCOVERED_COLOUR = '#d5281b';

/** The colour of a coverage source (`key` is a rung code, "recall" or "uncovered"; `index` its column). */
export function sourceColour(key: string, index: number): string {
  if (key === 'recall') return RECALL_COLOUR;
  if (key === 'uncovered') return UNCOVERED_COLOUR;
  return RUNG_COLOURS[index % RUNG_COLOURS.length];
}

/** The smallest "nice" number (1, 2 or 5 times a power of ten) at least `n`; 1 for nothing. */
export function niceMax(n: number): number {
  if (!(n > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) {
    if (m * p >= n) return m * p;
  }
  return 10 * p;
}

/** Axis ticks from 0 to `max` (a nice number): at most `most` + 1 whole-number steps. */
export function ticks(max: number, most = 5): number[] {
  if (!(max > 0)) return [0];
  let step = niceMax(max / most);
  if (step < 1) step = 1;
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(Math.round(v * 1000) / 1000);
  return out;
}

/** Length of a bar for `value` on a scale of `max` drawn `width` long; never negative, never past the end. */
export function barLength(value: number, max: number, width: number): number {
  if (!(max > 0) || !(value > 0)) return 0;
  return Math.min(width, (value / max) * width);
}

export interface Segment {
  /** Column of the source. */
  index: number;
  count: number;
  x: number;
  width: number;
}

/** The segments of one stacked bar: each non-zero count in order, end to end from `x0`. */
export function stack(counts: number[], max: number, width: number, x0 = 0): Segment[] {
  const out: Segment[] = [];
  let x = x0;
  counts.forEach((count, index) => {
    if (count <= 0) return;
    const w = barLength(count, max, width);
    out.push({ index, count, x, width: w });
    x += w;
  });
  return out;
}

/** Hours as "h:mm" (hours may pass 24). */
export function hoursMinutes(hours: number): string {
  const m = Math.round(Math.abs(hours) * 60);
  return `${hours < 0 ? '-' : ''}${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}
