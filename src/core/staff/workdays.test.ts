import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LevelTask, level, overAllocatedDays, spreadDemand } from '../resources/leveling.ts';
import { levelPortfolio } from '../whatif/portfolio.ts';
import { isoWeekday, toEpochDay } from '../calendar/days.ts';
import { computeCapacity } from '../resources/capacity.ts';
import { fullDaysOff, workdayMask } from './workdays.ts';

// Leveling on each person's working days: a task's effort for a person goes on the days of the
// task they work, so a part-timer's regular day off asks nothing of them.

const DAYS = 60;
/** A working week on the company's Monday-to-Friday axis (day 0 is a Monday). */
const mask = (week: number[]) => Uint8Array.from({ length: DAYS }, (_, k) => week[k % 5]!);
/** Capacity: `hours` on the days of `week`, 0 on the others. */
const capacityOf = (week: number[], hours: number) =>
  Float64Array.from({ length: DAYS }, (_, k) => (week[k % 5] ? hours : 0));
const FOUR_DAYS = [1, 1, 0, 1, 1]; // off on Wednesdays
const FULL = [1, 1, 1, 1, 1];
const task = (start: number, duration: number, effort: number, over: Partial<LevelTask> = {}) =>
  ({
    start,
    duration,
    totalFloat: 10,
    priority: 1,
    fixed: false,
    demands: [{ resource: 0, hoursPerDay: effort / duration }],
    ...over,
  }) satisfies LevelTask;

describe('leveling on each person working days', () => {
  it.each([
    // [case, week, task start, duration, effort, expected start, over-allocated person-days]
    ['a week-long task of 28 h fits a four-day week as it stands', FOUR_DAYS, 0, 5, 28, 0, 0],
    ['a task starting on the day off fits where it stands', FOUR_DAYS, 2, 3, 14, 2, 0],
    [
      'more than the four days can give finds no room: unresolved, still over',
      FOUR_DAYS,
      0,
      5,
      35,
      null,
      4,
    ],
    ['a full-time week spreads over every day, as before', FULL, 0, 5, 35, 0, 0],
  ] as const)('%s', (_, week, start, duration, effort, expected, overAfter) => {
    const tasks = [task(start, duration, effort)];
    const capacity = [capacityOf([...week], 7)];
    const r = level({ tasks, links: [], capacity, workdays: [mask([...week])], maxDelay: 20 });
    if (expected === null) expect(r.unresolved).toEqual([0]);
    else expect(r.starts[0]).toBe(expected);
    expect(r.overAfter).toBe(overAfter);
  });

  it('without the working week, the day off makes the same task never fit (the old behaviour)', () => {
    const tasks = [task(0, 5, 28)];
    const capacity = [capacityOf(FOUR_DAYS, 7)];
    const r = level({ tasks, links: [], capacity, maxDelay: 20 });
    expect(r.unresolved).toEqual([0]);
    expect(r.overBefore).toBe(1);
    const fixed = level({ tasks, links: [], capacity, workdays: [mask(FOUR_DAYS)], maxDelay: 20 });
    expect(fixed.unresolved).toEqual([]);
    expect(fixed.overBefore).toBe(0);
    expect(fixed.moves).toEqual([]);
  });

  it('portfolio leveling moves nothing for a part-timer whose tasks fit their own days', () => {
    const projects = [
      { priority: 2, tasks: [task(0, 5, 28)], links: [] },
      { priority: 1, tasks: [task(5, 10, 56)], links: [] },
    ];
    const r = levelPortfolio(projects, [capacityOf(FOUR_DAYS, 7)], 40, [mask(FOUR_DAYS)]);
    expect(r.moves).toEqual([]);
    expect(r.overAfter).toBe(0);
    expect(r.overHoursAfter).toBe(0);
    // The old spread on every day: each Wednesday over, and moves that cannot cure it.
    const old = levelPortfolio(projects, [capacityOf(FOUR_DAYS, 7)], 40);
    expect(old.overBefore).toBeGreaterThan(0);
  });

  it('spreads exactly the effort, only on the days worked, evenly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 15 }),
        fc.double({ min: 0.5, max: 12, noNaN: true }),
        (week, at, duration, hoursPerDay) => {
          const m = mask(week);
          const out = spreadDemand({ resource: 0, hoursPerDay }, duration, at, [m]);
          const total = out.reduce((a, b) => a + b, 0);
          expect(total).toBeCloseTo(hoursPerDay * duration, 9);
          const worked = Array.from({ length: duration }, (_, k) => m[(at + k) % DAYS] === 1);
          const any = worked.some(Boolean);
          for (let k = 0; k < duration; k++) {
            if (any && !worked[k]) expect(out[k]).toBe(0);
            if (any && worked[k]) expect(out[k]).toBeCloseTo(out[worked.indexOf(true)]!, 9);
          }
        },
      ),
    );
  });

  it('counts over-allocation on the hours actually asked each day', () => {
    const tasks = [task(0, 5, 28), task(0, 5, 10)];
    const capacity = [capacityOf(FOUR_DAYS, 7)];
    // 38 h over four days: 9.5 h a day against 7, four person-days over.
    expect(overAllocatedDays(tasks, [0, 0], capacity, [mask(FOUR_DAYS)])).toBe(4);
  });
});

// The heat map's engine spreads task effort by the same rule: the days of the task the person
// works (their week, not holidays, not whole days of approved leave).
describe('heat map effort on each person working days', () => {
  const MON = toEpochDay('2027-03-01'); // a Monday, no holiday that fortnight
  const daily = (n: number) => Int32Array.from({ length: n + 1 }, (_, k) => MON + k);
  const FULL_WEEK = [7, 7, 7, 7, 7, 0, 0];
  const OFF_WED = [7, 7, 0, 7, 7, 0, 0];
  const assigned = (
    week: number[],
    absences: { start: number; finish: number; fraction: number }[],
    span: [number, number],
    effort: number,
    days = 14,
  ) =>
    Array.from(
      computeCapacity({
        edges: daily(days),
        holidays: new Int32Array(),
        weekHours: Float64Array.from(week),
        absences: absences.map((a) => ({ person: 0, ...a })),
        loads: [
          {
            person: 0,
            project: 0,
            start: MON + span[0],
            finish: MON + span[1],
            kind: 'effort',
            amount: effort,
            soft: false,
          },
        ],
      }).assigned.slice(0, 5),
      (h) => Math.round(h * 1000) / 1000,
    );

  it.each([
    // [case, week, absences (day offsets), effort over Monday–Friday, hours Monday…Friday]
    ['full-time week', FULL_WEEK, [], 35, [7, 7, 7, 7, 7]],
    ['four-day week: Wednesday asks nothing', OFF_WED, [], 28, [7, 7, 0, 7, 7]],
    [
      'a day of leave is a day off',
      FULL_WEEK,
      [{ start: 1, finish: 1, fraction: 1 }],
      28,
      [7, 0, 7, 7, 7],
    ],
    [
      'two half days of leave make one',
      FULL_WEEK,
      [
        { start: 1, finish: 1, fraction: 0.5 },
        { start: 1, finish: 1, fraction: 0.5 },
      ],
      28,
      [7, 0, 7, 7, 7],
    ],
    [
      'a half day of leave leaves the day worked',
      FULL_WEEK,
      [{ start: 1, finish: 1, fraction: 0.5 }],
      35,
      [7, 7, 7, 7, 7],
    ],
    [
      'leave the whole task: the company days',
      FULL_WEEK,
      [{ start: 0, finish: 4, fraction: 1 }],
      35,
      [7, 7, 7, 7, 7],
    ],
  ] as const)('%s', (_, week, absences, effort, want) => {
    const abs = absences.map((a) => ({ ...a, start: MON + a.start, finish: MON + a.finish }));
    expect(assigned([...week], abs, [0, 4], effort)).toEqual(want);
  });

  it('keeps the effort exactly and puts none on a day the person does not work', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 7, maxLength: 7 }),
        fc.array(
          fc.record({
            start: fc.integer({ min: 0, max: 20 }),
            len: fc.integer({ min: 0, max: 4 }),
            fraction: fc.constantFrom(0.5, 1),
          }),
          { maxLength: 3 },
        ),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        fc.double({ min: 1, max: 200, noNaN: true }),
        (week, leave, start, length, effort) => {
          const abs = leave.map((a) => ({
            person: 0,
            start: MON + a.start,
            finish: MON + a.start + a.len,
            fraction: a.fraction,
          }));
          const grid = computeCapacity({
            edges: daily(28),
            holidays: new Int32Array(),
            weekHours: Float64Array.from(week),
            absences: abs,
            loads: [
              {
                person: 0,
                project: 0,
                start: MON + start,
                finish: MON + start + length,
                kind: 'effort',
                amount: effort,
                soft: false,
              },
            ],
          });
          const days = Array.from({ length: length + 1 }, (_, k) => MON + start + k);
          const off = fullDaysOff(abs).get(0);
          const mask = workdayMask(week, days, off);
          const company = days.filter((d) => isoWeekday(d) <= 5).length;
          const total = grid.assigned.reduce((a, b) => a + b, 0);
          // Kept exactly, unless no day of the task is worked by anyone (then nothing is asked).
          if (mask.some((m) => m === 1) || company > 0) expect(total).toBeCloseTo(effort, 6);
          if (mask.some((m) => m === 1)) {
            days.forEach((d, k) => {
              if (mask[k] === 0) expect(grid.assigned[d - MON]).toBe(0);
            });
          }
        },
      ),
    );
  });
});
