import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoWeekday, toEpochDay } from '../calendar/days.ts';
import { frenchPublicHolidayDays } from '../calendar/holidays-fr.ts';
import { expectedWeekHours } from '../dashboards/home.ts';
import { bucketEdges, computeCapacity } from '../resources/capacity.ts';
import { type DaySpan, dayShare, mergeAbsences } from './absences.ts';

const d = toEpochDay;
const H2026 = Int32Array.from(frenchPublicHolidayDays(2026));
const FULL = [7, 7, 7, 7, 7, 0, 0];
const PART_80 = [7, 7, 0, 7, 7, 0, 0];
const span = (start: string, finish: string, fraction: number, person = 0): DaySpan => ({
  person,
  start: d(start),
  finish: d(finish),
  fraction,
});

/** One week's capacity (Monday 2026-03-02) of one person with these absences. */
function weekCapacity(week: number[], absences: DaySpan[]): number {
  const g = computeCapacity({
    edges: bucketEdges(d('2026-03-02'), 1, 'week'),
    holidays: H2026,
    weekHours: Float64Array.from(week),
    absences,
    loads: [],
  });
  return g.capacity[0]!;
}

describe('overlapping absences count each day once', () => {
  // Week of Monday 2 March 2026 (no public holiday): 35 h full time, 28 h at 80 %.
  it.each<[string, number[], DaySpan[], number]>([
    ['no absence', FULL, [], 35],
    ['three training days', FULL, [span('2026-03-03', '2026-03-05', 1)], 14],
    [
      'congés on a training day: the day once',
      FULL,
      [span('2026-03-03', '2026-03-05', 1), span('2026-03-04', '2026-03-04', 1)],
      14,
    ],
    [
      'the same week of congés twice (training over the whole congés)',
      FULL,
      [span('2026-03-02', '2026-03-06', 1), span('2026-03-02', '2026-03-06', 1)],
      0,
    ],
    [
      'a half-day RTT on a full training day: the day once',
      FULL,
      [span('2026-03-03', '2026-03-03', 1), span('2026-03-03', '2026-03-03', 0.5)],
      28,
    ],
    [
      'two half days the same day make one day',
      FULL,
      [span('2026-03-03', '2026-03-03', 0.5), span('2026-03-03', '2026-03-03', 0.5)],
      28,
    ],
    [
      'a half day next to a training, no overlap: both count',
      FULL,
      [span('2026-03-02', '2026-03-02', 0.5), span('2026-03-03', '2026-03-04', 1)],
      17.5,
    ],
    [
      'partial overlap: Monday–Wednesday congés, Wednesday–Friday training',
      FULL,
      [span('2026-03-02', '2026-03-04', 1), span('2026-03-04', '2026-03-06', 1)],
      0,
    ],
    [
      '80 %: a training on the Wednesday off takes nothing, congés Thursday once',
      PART_80,
      [span('2026-03-04', '2026-03-05', 1), span('2026-03-05', '2026-03-05', 1)],
      21,
    ],
    [
      'another person’s absence does not count',
      FULL,
      [span('2026-03-03', '2026-03-03', 1), span('2026-03-03', '2026-03-03', 1, 1)],
      28,
    ],
  ])('%s', (_label, week, absences, expected) => {
    const people = Math.max(1, ...absences.map((a) => a.person + 1));
    const weeks: number[] = [];
    for (let p = 0; p < people; p++) weeks.push(...week);
    const g = computeCapacity({
      edges: bucketEdges(d('2026-03-02'), 1, 'week'),
      holidays: H2026,
      weekHours: Float64Array.from(weeks),
      absences,
      loads: [],
    });
    expect(g.capacity[0]).toBeCloseTo(expected, 9);
    expect(
      weekCapacity(
        week,
        absences.filter((a) => a.person === 0),
      ),
    ).toBeCloseTo(expected, 9);
  });

  it('the home page’s expected hours follow the same rule', () => {
    const dates = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
    const week = ['2026-03-07', '2026-03-08'];
    const all = [...dates, ...week];
    const none = all.map(() => false);
    const abs = [
      { start: '2026-03-03', finish: '2026-03-05', fraction: 1 },
      { start: '2026-03-04', finish: '2026-03-04', fraction: 1 },
    ];
    expect(expectedWeekHours(FULL, all, none, abs)).toBe(14);
    expect(
      expectedWeekHours(FULL, all, none, [
        { start: '2026-03-03', finish: '2026-03-03', fraction: 0.5 },
        { start: '2026-03-03', finish: '2026-03-03', fraction: 0.5 },
      ]),
    ).toBe(28);
  });

  it('merges into disjoint spans, each a capped sum', () => {
    expect(
      mergeAbsences([
        span('2026-03-02', '2026-03-04', 1),
        span('2026-03-04', '2026-03-06', 0.5),
        span('2026-03-09', '2026-03-09', 0.5),
      ]),
    ).toEqual(
      [span('2026-03-02', '2026-03-04', 1), span('2026-03-05', '2026-03-06', 0.5)].concat([
        span('2026-03-09', '2026-03-09', 0.5),
      ]),
    );
    expect(mergeAbsences([span('2026-03-02', '2026-03-02', 1)])).toEqual([
      span('2026-03-02', '2026-03-02', 1),
    ]);
  });

  it('capacity is each working day’s hours less its capped absent share (property)', () => {
    const from = d('2026-03-02');
    const absence = fc.record({
      start: fc.integer({ min: from - 3, max: from + 30 }),
      length: fc.integer({ min: 0, max: 10 }),
      fraction: fc.constantFrom(0.25, 0.5, 1),
    });
    fc.assert(
      fc.property(
        fc.array(absence, { maxLength: 6 }),
        fc.constantFrom(FULL, PART_80),
        (raw, week) => {
          const absences = raw.map((a) => ({
            person: 0,
            start: a.start,
            finish: a.start + a.length,
            fraction: a.fraction,
          }));
          const edges = bucketEdges(from, 4, 'week');
          const g = computeCapacity({
            edges,
            holidays: H2026,
            weekHours: Float64Array.from(week),
            absences,
            loads: [],
          });
          for (let b = 0; b < 4; b++) {
            let expected = 0;
            for (let day = edges[b]!; day < edges[b + 1]!; day++) {
              if (H2026.includes(day)) continue;
              expected += week[isoWeekday(day) - 1]! * (1 - dayShare(absences, day));
            }
            expect(g.capacity[b]).toBeCloseTo(expected, 6);
          }
          // Merged spans never overlap and never take more than a whole day.
          const merged = mergeAbsences(absences).sort((x, y) => x.start - y.start);
          for (let i = 0; i < merged.length; i++) {
            expect(merged[i]!.fraction).toBeLessThanOrEqual(1);
            if (i > 0) expect(merged[i]!.start).toBeGreaterThan(merged[i - 1]!.finish);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
