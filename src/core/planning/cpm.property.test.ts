import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEpochDay, toEpochDay } from '../calendar/days.ts';
import { WorkCalendar } from '../calendar/work-calendar.ts';
import { schedulePlan } from './cpm.ts';
import type { ConstraintType, LinkType, PlanLink, PlanTask, ProjectPlan } from './model.ts';

// A deliberately naive second implementation: no topological order, no CSR, no typed arrays;
// relax every link again and again until nothing moves, forward then backward.

interface NaiveTask {
  d: number;
  startLow: number;
  finishLow: number;
  startHigh: number;
  finishHigh: number;
}
interface NaiveLink {
  from: number;
  to: number;
  type: LinkType;
  lag: number;
}
interface NaiveSchedule {
  es: number[];
  ef: number[];
  ls: number[];
  lf: number[];
  tf: number[];
  ff: number[];
  end: number;
}

function naiveSchedule(tasks: NaiveTask[], links: NaiveLink[]): NaiveSchedule {
  const n = tasks.length;
  const es = tasks.map((t) => t.startLow);
  const ef = tasks.map((t, i) => es[i]! + t.d);
  for (let round = 0, moved = true; moved; round++) {
    if (round > n + 1) throw new Error('the naive forward pass does not converge');
    moved = false;
    for (let i = 0; i < n; i++) {
      const t = tasks[i]!;
      let start = t.startLow;
      let finish = t.finishLow;
      for (const l of links) {
        if (l.to !== i) continue;
        if (l.type === 'FS') start = Math.max(start, ef[l.from]! + l.lag);
        if (l.type === 'SS') start = Math.max(start, es[l.from]! + l.lag);
        if (l.type === 'FF') finish = Math.max(finish, ef[l.from]! + l.lag);
        if (l.type === 'SF') finish = Math.max(finish, es[l.from]! + l.lag);
      }
      start = Math.max(start, finish - t.d);
      if (start !== es[i]) {
        es[i] = start;
        ef[i] = start + t.d;
        moved = true;
      }
    }
  }
  const end = Math.max(0, ...ef);
  const lf = tasks.map(() => end);
  const ls = tasks.map((t, i) => lf[i]! - t.d);
  for (let round = 0, moved = true; moved; round++) {
    if (round > n + 1) throw new Error('the naive backward pass does not converge');
    moved = false;
    for (let i = 0; i < n; i++) {
      const t = tasks[i]!;
      let finish = Math.min(end, t.finishHigh, t.startHigh + t.d);
      for (const l of links) {
        if (l.from !== i) continue;
        if (l.type === 'FS') finish = Math.min(finish, ls[l.to]! - l.lag);
        if (l.type === 'SS') finish = Math.min(finish, ls[l.to]! - l.lag + t.d);
        if (l.type === 'FF') finish = Math.min(finish, lf[l.to]! - l.lag);
        if (l.type === 'SF') finish = Math.min(finish, lf[l.to]! - l.lag + t.d);
      }
      if (finish !== lf[i]) {
        lf[i] = finish;
        ls[i] = finish - t.d;
        moved = true;
      }
    }
  }
  const ff = tasks.map((_, i) => {
    let free = end - ef[i]!;
    for (const l of links) {
      if (l.from !== i) continue;
      const succ = l.type === 'FS' || l.type === 'SS' ? es[l.to]! : ef[l.to]!;
      const pred = l.type === 'FS' || l.type === 'FF' ? ef[i]! : es[i]!;
      free = Math.min(free, succ - pred - l.lag);
    }
    return Math.max(0, free);
  });
  return { es, ef, ls, lf, tf: ls.map((v, i) => v - es[i]!), ff, end };
}

/** Working-day number of a date by counting day by day from the first working day. */
function naiveIndex(calendar: WorkCalendar, first: number, day: number, after: boolean): number {
  let n = 0;
  if (day >= first) {
    for (let d = first; d < day; d++) if (calendar.isWorkingDay(d)) n++;
    return after || calendar.isWorkingDay(day) ? n : n - 1;
  }
  for (let d = day; d < first; d++) if (calendar.isWorkingDay(d)) n--;
  return after || calendar.isWorkingDay(day) ? n : n - 1;
}

/** Epoch day of working day number `index`, stepping day by day. */
function naiveDay(calendar: WorkCalendar, first: number, index: number): number {
  let day = first;
  for (let k = 0; k < index; k++)
    do day++;
    while (!calendar.isWorkingDay(day));
  for (let k = 0; k > index; k--)
    do day--;
    while (!calendar.isWorkingDay(day));
  return day;
}

const START = toEpochDay('2026-04-23');

const networks = fc.integer({ min: 1, max: 18 }).chain((n) =>
  fc.record({
    durations: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 7 })), {
      minLength: n,
      maxLength: n,
    }),
    // A hidden topological rank per task: links only go up in rank, so the network is acyclic
    // while the input order is not a topological order.
    ranks: fc.shuffledSubarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: n, maxLength: n },
    ),
    links: fc.array(
      fc.record({
        a: fc.integer({ min: 0, max: n - 1 }),
        b: fc.integer({ min: 0, max: n - 1 }),
        type: fc.constantFrom<LinkType>('FS', 'SS', 'FF', 'SF'),
        lag: fc.integer({ min: -6, max: 6 }),
      }),
      { maxLength: 2 * n },
    ),
    constraints: fc.array(
      fc.option(
        fc.record({
          type: fc.constantFrom<ConstraintType>('SNET', 'SNLT', 'FNET', 'FNLT'),
          offset: fc.integer({ min: -5, max: 40 }),
        }),
        { freq: 3 },
      ),
      { minLength: n, maxLength: n },
    ),
    workdays: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
    holidays: fc.array(fc.integer({ min: -10, max: 80 }), { maxLength: 8 }),
  }),
);

type Network = typeof networks extends fc.Arbitrary<infer T> ? T : never;

function toPlan(net: Network): ProjectPlan {
  const tasks: PlanTask[] = net.durations.map((d, i) => {
    const task: PlanTask = { id: `t${i}`, name: `Task ${i}`, duration: d };
    const c = net.constraints[i];
    if (c) task.constraint = { type: c.type, date: fromEpochDay(START + c.offset) };
    return task;
  });
  const links: PlanLink[] = net.links
    .filter((l) => net.ranks[l.a]! < net.ranks[l.b]!)
    .map((l) => ({ from: `t${l.a}`, to: `t${l.b}`, type: l.type, lag: l.lag }));
  return {
    start: fromEpochDay(START),
    calendar: {
      workdays: net.workdays,
      holidays: net.holidays.map((h) => fromEpochDay(START + h)),
    },
    tasks,
    links,
  };
}

function naiveOf(plan: ProjectPlan): NaiveSchedule {
  const calendar = new WorkCalendar(plan.calendar);
  const first = calendar.nextWorkingDay(START);
  const tasks: NaiveTask[] = plan.tasks.map((t) => {
    const d = t.duration!;
    const x: NaiveTask = {
      d,
      startLow: 0,
      finishLow: -Infinity,
      startHigh: Infinity,
      finishHigh: Infinity,
    };
    const c = t.constraint;
    if (!c) return x;
    const day = toEpochDay(c.date);
    const after = naiveIndex(calendar, first, day, true);
    const before = naiveIndex(calendar, first, day, false);
    // A milestone is dated at its start: its finish bounds are start bounds.
    const fo = d > 0 ? 1 : 0;
    if (c.type === 'SNET') x.startLow = Math.max(0, after);
    if (c.type === 'FNET') x.finishLow = after + fo;
    if (c.type === 'SNLT') x.startHigh = before;
    if (c.type === 'FNLT') x.finishHigh = before + fo;
    return x;
  });
  const index = new Map(plan.tasks.map((t, i) => [t.id, i]));
  const links = plan.links.map((l) => ({ ...l, from: index.get(l.from)!, to: index.get(l.to)! }));
  return naiveSchedule(tasks, links);
}

describe('the CPM engine against a naive relaxation', () => {
  it('finds the same early and late dates, floats and project end on random acyclic networks', () => {
    fc.assert(
      fc.property(networks, (net) => {
        const plan = toPlan(net);
        const s = schedulePlan(plan);
        const naive = naiveOf(plan);
        expect(s.projectEnd).toBe(naive.end);
        plan.tasks.forEach((task, t) => {
          const i = s.network.leafOf[t]!;
          const engine = {
            es: s.earlyStart[i],
            ef: s.earlyFinish[i],
            ls: s.lateStart[i],
            lf: s.lateFinish[i],
            tf: s.totalFloat[i],
            ff: s.freeFloat[i],
            critical: s.critical[i] === 1,
          };
          expect(engine, task.id).toEqual({
            es: naive.es[t],
            ef: naive.ef[t],
            ls: naive.ls[t],
            lf: naive.lf[t],
            tf: naive.tf[t],
            ff: naive.ff[t],
            critical: naive.tf[t]! <= 0,
          });
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('dates every task on the working days its numbers name', () => {
    fc.assert(
      fc.property(networks, (net) => {
        const plan = toPlan(net);
        const s = schedulePlan(plan);
        const calendar = new WorkCalendar(plan.calendar);
        const first = calendar.nextWorkingDay(START);
        plan.tasks.forEach((_, t) => {
          const i = s.network.leafOf[t]!;
          const es = s.earlyStart[i]!;
          const ef = s.earlyFinish[i]!;
          const ls = s.lateStart[i]!;
          const lf = s.lateFinish[i]!;
          expect(s.startDay[t]).toBe(naiveDay(calendar, first, es));
          expect(s.finishDay[t]).toBe(naiveDay(calendar, first, ef > es ? ef - 1 : es));
          expect(s.lateStartDay[t]).toBe(naiveDay(calendar, first, ls));
          expect(s.lateFinishDay[t]).toBe(naiveDay(calendar, first, lf > ls ? lf - 1 : ls));
        });
      }),
      { numRuns: 500 },
    );
  });

  it('without constraints: every link holds, 0 ≤ free float ≤ total float, and a critical task exists', () => {
    fc.assert(
      fc.property(networks, (net) => {
        const plan = toPlan({ ...net, constraints: net.constraints.map(() => null) });
        const s = schedulePlan(plan);
        const { leafOf, ids } = s.network;
        const at = (id: string): number => leafOf[ids.indexOf(id)]!;
        for (const l of plan.links) {
          const a = at(l.from);
          const b = at(l.to);
          for (const [start, finish] of [
            [s.earlyStart, s.earlyFinish],
            [s.lateStart, s.lateFinish],
          ] as const) {
            const from = l.type === 'FS' || l.type === 'FF' ? finish[a]! : start[a]!;
            const to = l.type === 'FS' || l.type === 'SS' ? start[b]! : finish[b]!;
            expect(to).toBeGreaterThanOrEqual(from + l.lag);
          }
        }
        for (let i = 0; i < s.network.leafCount; i++) {
          expect(s.earlyStart[i]).toBeGreaterThanOrEqual(0);
          expect(s.lateFinish[i]).toBeLessThanOrEqual(s.projectEnd);
          expect(s.freeFloat[i]).toBeGreaterThanOrEqual(0);
          expect(s.freeFloat[i]).toBeLessThanOrEqual(s.totalFloat[i]!);
        }
        expect(s.criticalPath.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });
});
