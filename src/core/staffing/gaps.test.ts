import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEpochDay, toEpochDay } from '../calendar/days.ts';
import { workingDays } from '../resources/capacity.ts';
import { type GapRequest, type GapSupply, quarterEdges, quarterLabel, skillGaps } from './gaps.ts';

const NO_HOLIDAYS = new Int32Array(0);
const d = toEpochDay;

describe('quarters', () => {
  it.each([
    ['2027-02-14', 2, ['2027-01-01', '2027-04-01', '2027-07-01']],
    ['2026-11-26', 3, ['2026-10-01', '2027-01-01', '2027-04-01', '2027-07-01']],
  ])('from %s, %d quarters', (from, n, expected) => {
    expect(Array.from(quarterEdges(d(from), n), fromEpochDay)).toEqual(expected);
  });
  it('labels a quarter', () => {
    expect(quarterLabel(d('2027-07-01'))).toEqual({ year: 2027, quarter: 3 });
  });
});

describe('skill gaps', () => {
  const edges = quarterEdges(d('2027-01-01'), 2);
  const request = (over: Partial<GapRequest>): GapRequest => ({
    skills: [{ skillId: 'sap', minLevel: 3 }],
    unit: 'fte',
    amount: 1,
    covered: 0,
    start: d('2027-01-04'),
    finish: d('2027-01-29'), // four weeks
    draft: false,
    ...over,
  });
  const person = (level: number, load = 0): GapSupply => ({
    levels: new Map([['sap', level]]),
    capacity: [455, 455],
    load: [load, load],
  });

  it('counts open hours against the free hours of holders at the level', () => {
    const rows = skillGaps(
      edges,
      NO_HOLIDAYS,
      [request({}), request({ covered: 0.5, draft: false }), request({ draft: true, amount: 0.5 })],
      [person(4, 400), person(3), person(2)],
    );
    expect(rows).toHaveLength(1);
    const [q1, q2] = rows[0]!.quarters;
    // 4 weeks × 35 h = 140 h, plus half of another, plus a draft of 70 h
    expect(q1).toEqual({ demand: 210, draft: 70, holders: 2, capacity: 910, free: 510, gap: -230 });
    expect(q2).toEqual({ demand: 0, draft: 0, holders: 2, capacity: 910, free: 510, gap: -510 });
  });

  it('splits a request across quarters and keeps one row per skill and level', () => {
    const rows = skillGaps(
      edges,
      NO_HOLIDAYS,
      [
        request({ start: d('2027-03-29'), finish: d('2027-04-09'), unit: 'hours', amount: 10 }),
        request({ skills: [{ skillId: 'sap', minLevel: 5 }] }),
      ],
      [],
    );
    expect(rows.map((r) => r.minLevel)).toEqual([3, 5]);
    // 2027-03-29 → 03-31: 3 days; 04-01 → 04-09: 7 days; 10 h a week
    expect(rows[0]!.quarters.map((q) => q.demand)).toEqual([6, 14]);
    expect(rows[1]!.quarters[0]!.gap).toBe(140);
  });

  it('spreads exactly the hours of the request over the quarters', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 110 }),
        fc.double({ min: 0.1, max: 2, noNaN: true }),
        (offset, length, amount) => {
          const start = d('2027-01-01') + offset;
          const r = request({ start, finish: start + length, amount });
          const rows = skillGaps(edges, NO_HOLIDAYS, [r], []);
          const total = rows[0]?.quarters.reduce((s, q) => s + q.demand, 0) ?? 0;
          const hours = 7 * amount * workingDays(start, start + length + 1, NO_HOLIDAYS);
          expect(Math.abs(total - hours)).toBeLessThanOrEqual(0.11);
        },
      ),
    );
  });
});
