import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LevelInput, type LevelTask, level, overAllocatedDays } from './leveling.ts';

const cap = (hours: number, days = 60) => new Float64Array(days).fill(hours);
const task = (over: Partial<LevelTask> = {}): LevelTask => ({
  start: 0,
  duration: 5,
  totalFloat: 0,
  priority: 2,
  demands: [{ resource: 0, hoursPerDay: 7 }],
  fixed: false,
  ...over,
});

describe('level (table)', () => {
  const cases: {
    name: string;
    input: LevelInput;
    starts: number[];
    reasons: (string | null)[];
  }[] = [
    {
      name: 'no conflict: nothing moves',
      input: {
        tasks: [task(), task({ demands: [{ resource: 1, hoursPerDay: 7 }] })],
        links: [],
        capacity: [cap(7), cap(7)],
      },
      starts: [0, 0],
      reasons: [null, null],
    },
    {
      name: 'the task with float is delayed, within its float',
      input: {
        tasks: [task({ totalFloat: 10 }), task({ totalFloat: 0 })],
        links: [],
        capacity: [cap(7)],
      },
      starts: [5, 0],
      reasons: ['within_float', null],
    },
    {
      name: 'equal float: the lower priority is delayed, beyond its float',
      input: {
        tasks: [task({ priority: 1 }), task({ priority: 3 })],
        links: [],
        capacity: [cap(7)],
      },
      starts: [5, 0],
      reasons: ['beyond_float', null],
    },
    {
      name: 'equal everything: input order decides',
      input: { tasks: [task(), task()], links: [], capacity: [cap(7)] },
      starts: [0, 5],
      reasons: [null, 'beyond_float'],
    },
    {
      name: 'half-time demands share a day',
      input: {
        tasks: [
          task({ demands: [{ resource: 0, hoursPerDay: 3.5 }] }),
          task({ demands: [{ resource: 0, hoursPerDay: 3.5 }] }),
        ],
        links: [],
        capacity: [cap(7)],
      },
      starts: [0, 0],
      reasons: [null, null],
    },
    {
      name: 'a successor follows its delayed predecessor (reason: predecessor)',
      input: {
        tasks: [
          task({ totalFloat: 0, priority: 3 }),
          task({ totalFloat: 0, priority: 1 }),
          task({ start: 5, demands: [{ resource: 1, hoursPerDay: 7 }] }),
        ],
        links: [{ from: 1, to: 2, type: 'FS', lag: 0 }],
        capacity: [cap(7), cap(7)],
      },
      starts: [0, 5, 10],
      reasons: [null, 'beyond_float', 'predecessor'],
    },
    {
      name: 'a started task keeps its dates; the other one moves',
      input: {
        tasks: [task({ fixed: true, priority: 1 }), task({ priority: 3 })],
        links: [],
        capacity: [cap(7)],
      },
      starts: [0, 5],
      reasons: [null, 'beyond_float'],
    },
    {
      name: 'a person absent on days 2–3 pushes a 2-day task past the absence',
      input: {
        tasks: [task({ start: 1, duration: 2 })],
        links: [],
        capacity: [Float64Array.from({ length: 20 }, (_, d) => (d === 2 || d === 3 ? 0 : 7))],
      },
      starts: [4],
      reasons: ['beyond_float'],
    },
    {
      name: 'more than the person ever has: left in place, unresolved',
      input: {
        tasks: [task({ demands: [{ resource: 0, hoursPerDay: 10 }] })],
        links: [],
        capacity: [cap(7)],
        maxDelay: 30,
      },
      starts: [0],
      reasons: [null],
    },
    {
      name: 'milestones need nobody and never wait for people',
      input: {
        tasks: [task({ duration: 10 }), task({ duration: 0, start: 3 })],
        links: [],
        capacity: [cap(7)],
      },
      starts: [0, 3],
      reasons: [null, null],
    },
  ];
  it.each(cases)('$name', ({ input, starts, reasons }) => {
    const r = level(input);
    expect([...r.starts]).toEqual(starts);
    const why = starts.map((_, i) => r.moves.find((m) => m.task === i)?.reason ?? null);
    expect(why).toEqual(reasons);
  });

  it('explains a resource-driven move: the person and the task holding them', () => {
    const r = level({ tasks: [task({ totalFloat: 3 }), task()], links: [], capacity: [cap(7)] });
    expect(r.moves).toEqual([
      {
        task: 0,
        from: 0,
        to: 5,
        delay: 5,
        reason: 'beyond_float',
        resource: 0,
        blockedBy: 1,
      },
    ]);
    expect(r.overBefore).toBe(5);
    expect(r.overAfter).toBe(0);
  });

  it('reports what stays over-allocated', () => {
    const r = level({
      tasks: [task({ demands: [{ resource: 0, hoursPerDay: 10 }] })],
      links: [],
      capacity: [cap(7)],
      maxDelay: 30,
    });
    expect(r.unresolved).toEqual([0]);
    expect(r.overAfter).toBe(5);
  });

  it('keeps SS, FF and SF links with lags', () => {
    const r = level({
      tasks: [task({ priority: 3 }), task({ duration: 3, priority: 1 }), task({ duration: 2 })],
      links: [
        { from: 0, to: 1, type: 'SS', lag: 1 },
        { from: 0, to: 2, type: 'FF', lag: 2 },
      ],
      capacity: [cap(7)],
    });
    // Task 1 cannot start before day 1 (SS+1) and then waits for task 0 to free the person.
    expect(r.starts[1]).toBeGreaterThanOrEqual(5);
    // Task 2 finishes at or after 0's finish + 2 (FF), then waits for 1.
    expect(r.starts[2]! + 2).toBeGreaterThanOrEqual(r.starts[0]! + 5 + 2);
    expect(r.overAfter).toBe(0);
  });
});

// Random plans: a DAG (links only forward in index order), a few people with a constant daily
// capacity, demands that each fit a person alone.
const arbPlan = fc
  .record({
    people: fc.integer({ min: 1, max: 4 }),
    tasks: fc.array(
      fc.record({
        start: fc.integer({ min: 0, max: 20 }),
        duration: fc.integer({ min: 0, max: 6 }),
        totalFloat: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
        priority: fc.integer({ min: 1, max: 4 }),
        who: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }),
        hours: fc.constantFrom(2, 3.5, 7),
      }),
      { minLength: 1, maxLength: 25 },
    ),
    links: fc.array(
      fc.record({
        a: fc.nat(),
        b: fc.nat(),
        type: fc.constantFrom('FS', 'SS', 'FF', 'SF' as const),
        lag: fc.integer({ min: -2, max: 3 }),
      }),
      { maxLength: 30 },
    ),
  })
  .map(({ people, tasks, links }): LevelInput => {
    const n = tasks.length;
    return {
      tasks: tasks.map((t) => ({
        start: t.start,
        duration: t.duration,
        totalFloat: t.totalFloat,
        priority: t.priority,
        fixed: false,
        demands: [...new Set(t.who.map((w) => w % people))].map((resource) => ({
          resource,
          hoursPerDay: t.hours,
        })),
      })),
      links: links
        .map((l) => ({ from: l.a % n, to: l.b % n, type: l.type, lag: l.lag }))
        .filter((l) => l.from < l.to),
      capacity: Array.from({ length: people }, () => cap(7, 40)),
      maxDelay: 2000,
    };
  });

describe('level (properties)', () => {
  it('leaves no over-allocation when every demand fits its person', () => {
    fc.assert(
      fc.property(arbPlan, (input) => {
        const r = level(input);
        expect(r.unresolved).toEqual([]);
        expect(r.overAfter).toBe(0);
        expect(overAllocatedDays(input.tasks, r.starts, input.capacity)).toBe(0);
      }),
    );
  });

  it('keeps every link and never moves a task earlier', () => {
    fc.assert(
      fc.property(arbPlan, (input) => {
        const r = level(input);
        input.tasks.forEach((t, i) => expect(r.starts[i]).toBeGreaterThanOrEqual(t.start));
        for (const l of input.links) {
          const p = input.tasks[l.from]!;
          const s = input.tasks[l.to]!;
          const ps = r.starts[l.from]!;
          const ss = r.starts[l.to]!;
          const bound = {
            FS: ps + p.duration + l.lag,
            SS: ps + l.lag,
            FF: ps + p.duration + l.lag - s.duration,
            SF: ps + l.lag - s.duration,
          }[l.type];
          expect(ss).toBeGreaterThanOrEqual(bound);
        }
      }),
    );
  });

  it('explains every move and delays only by what it reports', () => {
    fc.assert(
      fc.property(arbPlan, (input) => {
        const r = level(input);
        const moved = new Set(r.moves.map((m) => m.task));
        input.tasks.forEach((t, i) => expect(moved.has(i)).toBe(r.starts[i] !== t.start));
        for (const m of r.moves) {
          expect(m.delay).toBe(m.to - m.from);
          const f = Math.max(0, input.tasks[m.task]!.totalFloat ?? 0);
          if (m.reason === 'within_float') expect(m.delay).toBeLessThanOrEqual(f);
          if (m.reason === 'beyond_float') expect(m.delay).toBeGreaterThan(f);
        }
      }),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(arbPlan, (input) => {
        expect(level(input)).toEqual(level(input));
      }),
      { numRuns: 50 },
    );
  });
});
