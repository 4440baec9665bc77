import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LevelLink, type LevelTask, level, overAllocatedDays } from '../resources/leveling.ts';
import { levelPortfolio } from '../whatif/portfolio.ts';
import { pruneMoves } from './prune.ts';

const cap = (hours: number, days = 60) => new Float64Array(days).fill(hours);
const task = (
  start: number,
  duration: number,
  demands: [number, number][],
  over: Partial<LevelTask> = {},
): LevelTask => ({
  start,
  duration,
  totalFloat: 0,
  priority: 1,
  fixed: false,
  demands: demands.map(([resource, hoursPerDay]) => ({ resource, hoursPerDay })),
  ...over,
});
const run = (tasks: LevelTask[], links: LevelLink[], capacity: Float64Array[]) => {
  const r = level({ tasks, links, capacity, priorityFirst: true });
  return { r, p: pruneMoves(tasks, links, capacity, r.starts, r.moves) };
};

describe('pruneMoves', () => {
  it('keeps a move that cures an over-allocation, with what it gains', () => {
    const tasks = [task(0, 3, [[0, 7]], { priority: 2 }), task(1, 2, [[0, 3]])];
    const { r, p } = run(tasks, [], [cap(7)]);
    expect(r.moves).toHaveLength(1);
    expect(p.dropped).toBe(0);
    expect(p.moves).toEqual([
      expect.objectContaining({ task: 1, from: 1, to: 3, gain: { days: 2, hours: 6 } }),
    ]);
    expect(p.overAfter).toBe(0);
    expect(p.overHoursBefore).toBe(6);
    expect(p.overHoursAfter).toBe(0);
  });

  it('gives back a chain dragged behind a task that can never fit', () => {
    // The person has 7 h; task 0 asks 8 h a day wherever it goes: the scheme leaves it
    // unresolved, and a second person's work on a fixed day pushes task 1, dragging 2 and 3.
    const tasks = [
      task(0, 2, [[0, 8]]),
      task(2, 2, [[1, 4]]),
      task(4, 2, [[0, 1]]),
      task(6, 2, [[0, 1]]),
      task(2, 1, [[1, 7]], { fixed: true }),
      task(2, 1, [[1, 7]], { fixed: true }),
    ];
    const links: LevelLink[] = [
      { from: 1, to: 2, type: 'FS', lag: 0 },
      { from: 2, to: 3, type: 'FS', lag: 0 },
    ];
    const capacity = [cap(7), cap(7)];
    const { r, p } = run(tasks, links, capacity);
    // Day 2 for person 1 is over whatever happens (two started tasks): moving task 1 off it
    // only gains its own 4 h there, so it is kept with that gain; its successors follow.
    expect(r.moves.map((m) => m.task)).toEqual([1, 2, 3]);
    const kept = new Map(p.moves.map((m) => [m.task, m]));
    expect(kept.get(1)?.gain).toEqual({ days: 0, hours: 4 });
    expect(kept.get(2)?.reason).toBe('predecessor');
    expect(kept.get(2)?.gain).toEqual({ days: 0, hours: 0 });
  });

  it('drops moves that gain nothing', () => {
    // Task 1 was pushed past a day that turns out free once task 0 is given back.
    const tasks = [task(0, 1, [[0, 7]]), task(0, 1, [[0, 7]], { priority: 2 })];
    const capacity = [Float64Array.from({ length: 30 }, (_, d) => (d === 0 ? 14 : 7))];
    const { p } = run(tasks, [], capacity);
    expect(p.moves).toEqual([]);
    expect(p.overAfter).toBe(0);
  });

  it('never makes things worse than the scheme, keeps the links it kept, and every kept move gains or follows', () => {
    const arb = fc.record({
      tasks: fc.array(
        fc.record({
          start: fc.integer({ min: 0, max: 15 }),
          duration: fc.integer({ min: 0, max: 5 }),
          resource: fc.integer({ min: 0, max: 2 }),
          hours: fc.integer({ min: 1, max: 9 }),
          priority: fc.integer({ min: 1, max: 4 }),
          fixed: fc.boolean(),
        }),
        { minLength: 1, maxLength: 12 },
      ),
      caps: fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 3, maxLength: 3 }),
      links: fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(arb, ({ tasks: raw, caps, links: rawLinks }) => {
        const tasks = raw.map((t) =>
          task(t.start, t.duration, [[t.resource, t.hours]], {
            priority: t.priority,
            fixed: t.fixed,
          }),
        );
        // Forward links only (no cycles), already satisfied.
        const links: LevelLink[] = rawLinks
          .filter(([a, b]) => a < b && b < tasks.length)
          .filter(([a, b]) => tasks[b]!.start >= tasks[a]!.start + tasks[a]!.duration)
          .map(([from, to]) => ({ from, to, type: 'FS', lag: 0 }));
        const capacity = caps.map((c) => cap(c, 40));
        const { r, p } = run(tasks, links, capacity);
        expect(p.overAfter).toBeLessThanOrEqual(r.overAfter);
        expect(p.overAfter).toBe(overAllocatedDays(tasks, p.starts, capacity));
        expect(p.moves.length + p.dropped).toBe(r.moves.length);
        tasks.forEach((t, i) => {
          expect(p.starts[i]).toBeGreaterThanOrEqual(t.start);
          expect(p.starts[i]).toBeLessThanOrEqual(r.starts[i]!);
        });
        // Every link the scheme kept is kept. (The scheme itself may delay the predecessor of a
        // fixed task past it, a move "beyond float" it reports; pruning does not undo a move
        // that gains.)
        for (const l of links) {
          if (r.starts[l.to]! < r.starts[l.from]! + tasks[l.from]!.duration) continue;
          expect(p.starts[l.to]!).toBeGreaterThanOrEqual(
            p.starts[l.from]! + tasks[l.from]!.duration,
          );
        }
        for (const m of p.moves) {
          expect(m.gain.days > 0 || m.gain.hours > 0 || m.reason === 'predecessor').toBe(true);
        }
      }),
    );
  });

  it('moves nothing for links the dates already break (another calendar), only for real conflicts', () => {
    // B starts the day A finishes (on the plan's calendar), which the common axis reads as a
    // one-day overlap: without a conflict nothing moves (the demo's PTF-CONF moved 29 tasks).
    const mk = (start: number, duration: number, hours: number) => ({
      start,
      duration,
      totalFloat: 0,
      fixed: false,
      demands: [{ resource: 0, hoursPerDay: hours }],
    });
    const project = {
      priority: 2,
      tasks: [mk(0, 3, 2), mk(2, 3, 2), mk(4, 2, 2)],
      links: [
        { from: 0, to: 1, type: 'FS' as const, lag: 0 },
        { from: 1, to: 2, type: 'FS' as const, lag: 0 },
      ],
    };
    const calm = levelPortfolio([project], [cap(7)]);
    expect(calm.moves).toEqual([]);
    // A higher-priority project takes the person on day 0–2: A moves, and B then C follow it.
    const urgent = { priority: 4, tasks: [mk(0, 3, 7)], links: [] };
    const busy = levelPortfolio([urgent, project], [cap(7)]);
    expect(busy.moves.map((m) => [m.project, m.task, m.from, m.to, m.reason])).toEqual([
      [1, 0, 0, 3, 'beyond_float'],
      [1, 1, 2, 5, 'predecessor'],
      [1, 2, 4, 7, 'predecessor'],
    ]);
    expect(busy.moves[0]!.gain).toEqual({ days: 3, hours: 6 });
  });
});
