import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEpochDay, toEpochDay } from '../calendar/days.ts';
import { frenchPublicHolidayDays } from '../calendar/holidays-fr.ts';
import { aggregateGroups } from './aggregate.ts';
import {
  type LoadSpan,
  bucketEdges,
  computeCapacity,
  fteOf,
  weekdayCounter,
  weekdayCounts,
  workingDays,
} from './capacity.ts';
import { rateOn } from './rates.ts';

const d = toEpochDay;
const H2026 = Int32Array.from(frenchPublicHolidayDays(2026));
const FULL = [7, 7, 7, 7, 7, 0, 0];
const PART_80 = [7, 7, 0, 7, 7, 0, 0]; // 80 %, Wednesdays off

function grid(weeks: number[][], from: string, count: number, unit: 'week' | 'month' = 'week') {
  return {
    edges: bucketEdges(d(from), count, unit),
    holidays: H2026,
    weekHours: Float64Array.from(weeks.flat()),
  };
}

describe('buckets', () => {
  it('starts weeks on Monday and months on the 1st', () => {
    expect([...bucketEdges(d('2026-03-04'), 2, 'week')].map(fromEpochDay)).toEqual([
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
    ]);
    expect([...bucketEdges(d('2026-11-20'), 3, 'month')].map(fromEpochDay)).toEqual([
      '2026-11-01',
      '2026-12-01',
      '2027-01-01',
      '2027-02-01',
    ]);
  });

  it.each([
    ['a plain week', '2026-03-02', '2026-03-09', 5],
    ['the week of 1 May and 8 May… (Friday 1 May)', '2026-04-27', '2026-05-04', 4],
    ['Easter Monday week', '2026-04-06', '2026-04-13', 4],
    ['an empty range', '2026-03-02', '2026-03-02', 0],
  ])('counts working days of %s', (_label, from, to, expected) => {
    expect(workingDays(d(from), d(to), H2026)).toBe(expected);
    const c = weekdayCounts(d(from), d(to), H2026);
    expect(c[0]! + c[1]! + c[2]! + c[3]! + c[4]!).toBe(expected);
  });
});

describe('weekdayCounter', () => {
  it('counts what weekdayCounts counts, inside and outside its stretch', () => {
    // 2008 (Ascension on 1 May) and 2009, ranges starting and ending outside them too.
    const holidays = Int32Array.from([
      ...frenchPublicHolidayDays(2008),
      ...frenchPublicHolidayDays(2009),
    ]).sort();
    const first = d('2008-01-01');
    const last = d('2009-12-31');
    const count = weekdayCounter(first, last, holidays);
    fc.assert(
      fc.property(
        fc.integer({ min: first - 30, max: last + 30 }),
        fc.integer({ min: -5, max: 400 }),
        (from, length) => {
          const got = [...count(from, from + length, new Float64Array(7))];
          expect(got).toEqual([...weekdayCounts(from, from + length, holidays)]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('capacity', () => {
  it('gives 35 h a plain week, 28 h at 80 % and less in a week with a public holiday', () => {
    const g = computeCapacity({
      ...grid([FULL, PART_80], '2026-04-27', 2),
      absences: [],
      loads: [],
    });
    // Week of 27 April: Friday 1 May is off. Week of 4 May: Friday 8 May is off.
    expect([...g.capacity]).toEqual([28, 28, 21, 21]);
    expect(fteOf(PART_80)).toBe(0.8);
  });

  it('removes approved absences from capacity, half days included, never below zero', () => {
    const g = computeCapacity({
      ...grid([FULL], '2026-03-02', 2),
      absences: [
        { person: 0, start: d('2026-03-02'), finish: d('2026-03-03'), fraction: 1 },
        { person: 0, start: d('2026-03-11'), finish: d('2026-03-11'), fraction: 0.5 },
      ],
      loads: [],
    });
    expect([...g.capacity]).toEqual([21, 31.5]);
  });

  it('pro-rates an allocation in hours by the days of the period in each bucket', () => {
    const g = computeCapacity({
      ...grid([FULL], '2026-03-02', 2),
      absences: [],
      loads: [
        {
          person: 0,
          project: 0,
          start: d('2026-03-04'),
          finish: d('2026-03-31'),
          kind: 'hours',
          amount: 20,
          soft: false,
        },
      ],
    });
    expect([...g.allocated]).toEqual([12, 20]);
    expect([...g.soft]).toEqual([0, 0]);
  });

  it('takes a percentage of the capacity left after absences', () => {
    const g = computeCapacity({
      ...grid([PART_80], '2026-03-02', 1),
      absences: [{ person: 0, start: d('2026-03-02'), finish: d('2026-03-02'), fraction: 1 }],
      loads: [
        { person: 0, project: 0, start: 0, finish: 99999, kind: 'percent', amount: 50, soft: true },
      ],
    });
    expect(g.capacity[0]).toBe(21);
    expect(g.allocated[0]).toBe(10.5);
    expect(g.soft[0]).toBe(10.5);
  });

  it('spreads task effort over the working days of the task', () => {
    const g = computeCapacity({
      ...grid([FULL], '2026-03-02', 2),
      absences: [],
      // Thursday 5 to Wednesday 11 March: 5 working days, 2 in the first week.
      loads: [
        {
          person: 0,
          project: 0,
          start: d('2026-03-05'),
          finish: d('2026-03-11'),
          kind: 'effort',
          amount: 40,
          soft: false,
        },
      ],
    });
    expect([...g.assigned]).toEqual([16, 24]);
  });

  it('counts the larger of allocation and assignments of a project, and sums projects', () => {
    const week = { start: d('2026-03-02'), finish: d('2026-03-06') };
    const loads: LoadSpan[] = [
      { person: 0, project: 0, ...week, kind: 'hours', amount: 20, soft: false },
      { person: 0, project: 0, ...week, kind: 'effort', amount: 30, soft: false },
      { person: 0, project: 1, ...week, kind: 'hours', amount: 10, soft: false },
    ];
    const g = computeCapacity({ ...grid([FULL], '2026-03-02', 1), absences: [], loads });
    expect(g.load[0]).toBe(40);
    expect(g.allocated[0]).toBe(30);
    expect(g.assigned[0]).toBe(30);
  });

  it('counts the people over capacity in each group', () => {
    const loads: LoadSpan[] = [
      {
        person: 0,
        project: 0,
        start: d('2026-03-02'),
        finish: d('2026-03-06'),
        kind: 'hours',
        amount: 40,
        soft: false,
      },
      {
        person: 1,
        project: 0,
        start: d('2026-03-02'),
        finish: d('2026-03-06'),
        kind: 'hours',
        amount: 10,
        soft: false,
      },
    ];
    const g = computeCapacity({ ...grid([FULL, FULL], '2026-03-02', 1), absences: [], loads });
    const [row] = aggregateGroups(g, Int32Array.of(0, 0), 1);
    expect(row!.people).toBe(2);
    expect(row!.capacity[0]).toBe(70);
    expect(row!.load[0]).toBe(50);
    expect(row!.overPeople[0]).toBe(1);
  });

  it('keeps the total of an hours allocation over whole weeks whatever the buckets (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 60 }),
        (startWeek, weeks, amount) => {
          const from = d('2027-01-04');
          const start = from + 7 * startWeek;
          const finish = start + 7 * weeks - 1;
          const load: LoadSpan = {
            person: 0,
            project: 0,
            start,
            finish,
            kind: 'hours',
            amount,
            soft: false,
          };
          const g = computeCapacity({
            edges: bucketEdges(from, 60, 'week'),
            holidays: new Int32Array(),
            weekHours: Float64Array.from(FULL),
            absences: [],
            loads: [load],
          });
          const total = g.allocated.reduce((s, x) => s + x, 0);
          return Math.abs(total - amount * weeks) < 1e-6;
        },
      ),
    );
  });

  it('never makes capacity negative nor load negative (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 7, maxLength: 7 }),
        fc.array(
          fc.record({
            start: fc.integer({ min: 0, max: 120 }),
            len: fc.integer({ min: 0, max: 40 }),
            fraction: fc.constantFrom(0.5, 1),
          }),
          { maxLength: 5 },
        ),
        (week, absences) => {
          const from = d('2026-01-05');
          const g = computeCapacity({
            edges: bucketEdges(from, 4, 'month'),
            holidays: H2026,
            weekHours: Float64Array.from(week),
            absences: absences.map((a) => ({
              person: 0,
              start: from + a.start,
              finish: from + a.start + a.len,
              fraction: a.fraction,
            })),
            loads: [],
          });
          return g.capacity.every((c) => c >= 0);
        },
      ),
    );
  });
});

describe('dated rates', () => {
  const rates = [
    { validFrom: '2026-01-01', rateMinor: 6500, currency: 'EUR' },
    { validFrom: '2026-07-01', rateMinor: 7000, currency: 'EUR' },
  ];
  it.each([
    ['2025-12-31', undefined],
    ['2026-01-01', 6500],
    ['2026-06-30', 6500],
    ['2026-07-01', 7000],
    ['2030-01-01', 7000],
  ])('on %s the rate is %s', (date, expected) => {
    expect(rateOn(rates, date)?.rateMinor).toBe(expected);
  });
});
