import { describe, expect, it } from 'vitest';
import { RECALL_COLOUR, RUNG_COLOURS, UNCOVERED_COLOUR, barLength, hoursMinutes, niceMax, sourceColour, stack, ticks } from './chartGeometry';

describe('chart geometry', () => {
  it('rounds a maximum up to 1, 2 or 5 times a power of ten', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(-3)).toBe(1);
    expect(niceMax(1)).toBe(1);
    expect(niceMax(3)).toBe(5);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(12)).toBe(20);
    expect(niceMax(20)).toBe(20);
    expect(niceMax(480)).toBe(500);
    expect(niceMax(0.3)).toBe(0.5);
  });

  it('gives whole-number ticks from 0 to the maximum', () => {
    expect(ticks(10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(ticks(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ticks(1)).toEqual([0, 1]);
    expect(ticks(50)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(ticks(0)).toEqual([0]);
  });

  it('scales bars and never draws past the end or below zero', () => {
    expect(barLength(5, 10, 400)).toBe(200);
    expect(barLength(10, 10, 400)).toBe(400);
    expect(barLength(20, 10, 400)).toBe(400);
    expect(barLength(-1, 10, 400)).toBe(0);
    expect(barLength(3, 0, 400)).toBe(0);
  });

  it('stacks non-zero counts end to end from the start', () => {
    expect(stack([2, 0, 1, 1], 8, 400, 100)).toEqual([
      { index: 0, count: 2, x: 100, width: 100 },
      { index: 2, count: 1, x: 200, width: 50 },
      { index: 3, count: 1, x: 250, width: 50 },
    ]);
    expect(stack([0, 0], 5, 100)).toEqual([]);
  });

  it('colours rungs in ladder order and recall and uncovered apart', () => {
    expect(sourceColour('elective', 0)).toBe(RUNG_COLOURS[0]);
    expect(sourceColour('locum', 6)).toBe(RUNG_COLOURS[6]);
    expect(sourceColour('recall', 9)).toBe(RECALL_COLOUR);
    expect(sourceColour('uncovered', 10)).toBe(UNCOVERED_COLOUR);
    expect(new Set([...RUNG_COLOURS, RECALL_COLOUR, UNCOVERED_COLOUR]).size).toBe(RUNG_COLOURS.length + 2);
  });

  it('writes hours as h:mm', () => {
    expect(hoursMinutes(2.5)).toBe('2:30');
    expect(hoursMinutes(0)).toBe('0:00');
    expect(hoursMinutes(27.25)).toBe('27:15');
    expect(hoursMinutes(-1.5)).toBe('-1:30');
  });
});
