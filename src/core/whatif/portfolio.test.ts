import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { level } from '../resources/leveling.ts';
import {
  type LoadColumns,
  type PortfolioProject,
  applyScenario,
  hypotheticalTasks,
  levelPortfolio,
} from './portfolio.ts';

const cap = (hours: number, days = 80) => new Float64Array(days).fill(hours);
const t = (start: number, duration = 5, resource = 0, hoursPerDay = 7, fixed = false) => ({
  start,
  duration,
  totalFloat: 0,
  demands: [{ resource, hoursPerDay }],
  fixed,
});

describe('levelPortfolio (table)', () => {
  const cases: {
    name: string;
    projects: PortfolioProject[];
    starts: number[][];
  }[] = [
    {
      name: 'same start, one person: the lower priority moves, whatever the input order',
      projects: [
        { priority: 1, tasks: [t(0)], links: [] },
        { priority: 3, tasks: [t(0)], links: [] },
      ],
      starts: [[5], [0]],
    },
    {
      name: 'priority before dates: an earlier low-priority task goes after the important one',
      projects: [
        { priority: 2, tasks: [t(0)], links: [] },
        { priority: 4, tasks: [t(3)], links: [] },
      ],
      starts: [[8], [3]],
    },
    {
      name: 'a started low-priority task keeps its dates; the important one waits',
      projects: [
        { priority: 1, tasks: [t(0, 5, 0, 7, true)], links: [] },
        { priority: 4, tasks: [t(0)], links: [] },
      ],
      starts: [[0], [5]],
    },
    {
      name: 'a delayed task drags its successor (links within a project)',
      projects: [
        {
          priority: 1,
          tasks: [t(0), t(5, 5, 1)],
          links: [{ from: 0, to: 1, type: 'FS', lag: 0 }],
        },
        { priority: 2, tasks: [t(0)], links: [] },
      ],
      starts: [[5, 10], [0]],
    },
    {
      name: 'half-time work of two projects fits side by side: nothing moves',
      projects: [
        { priority: 1, tasks: [t(0, 5, 0, 3.5)], links: [] },
        { priority: 4, tasks: [t(0, 5, 0, 3.5)], links: [] },
      ],
      starts: [[0], [0]],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = levelPortfolio(c.projects, [cap(7), cap(7)]);
      expect(r.starts.map((s) => [...s])).toEqual(c.starts);
      expect(r.overAfter).toBe(0);
    });
  }

  it('explains a move with the project and task that held the person', () => {
    const r = levelPortfolio(
      [
        { priority: 1, tasks: [t(0)], links: [] },
        { priority: 3, tasks: [t(2), t(0, 2, 0)], links: [] },
      ],
      [cap(7)],
    );
    expect(r.moves).toEqual([
      expect.objectContaining({
        project: 0,
        task: 0,
        from: 0,
        to: 7,
        reason: 'beyond_float',
        resource: 0,
        blockedBy: { project: 1, task: 1 },
      }),
    ]);
  });
});

const arbProject = (people: number) =>
  fc.record({
    priority: fc.integer({ min: 1, max: 4 }),
    tasks: fc.array(
      fc.record({
        start: fc.integer({ min: 0, max: 20 }),
        duration: fc.integer({ min: 1, max: 6 }),
        totalFloat: fc.constant(0),
        // One demand per person and task (the API refuses assigning a person twice to a task).
        demands: fc.uniqueArray(
          fc.record({
            resource: fc.integer({ min: 0, max: people - 1 }),
            hoursPerDay: fc.constantFrom(2, 3.5, 7),
          }),
          { minLength: 1, maxLength: 2, selector: (d) => d.resource },
        ),
        fixed: fc.constant(false),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    links: fc.constant([]),
  });

describe('levelPortfolio (properties)', () => {
  it('the single most important project keeps the dates it would get leveled alone', () => {
    fc.assert(
      fc.property(fc.array(arbProject(3), { minLength: 2, maxLength: 4 }), (projects) => {
        const top = projects.reduce((m, p, j) => (p.priority > projects[m]!.priority ? j : m), 0);
        if (projects.some((p, j) => j !== top && p.priority === projects[top]!.priority)) return;
        const capacity = [cap(7), cap(7), cap(7)];
        const all = levelPortfolio(projects, capacity);
        const alone = level({
          tasks: projects[top]!.tasks.map((x) => ({ ...x, priority: 0 })),
          links: [],
          capacity,
        });
        expect([...all.starts[top]!]).toEqual([...alone.starts]);
      }),
    );
  });

  it('never moves a task earlier, keeps links (a broken one no worse), leaves no over-allocation when every demand fits', () => {
    fc.assert(
      fc.property(fc.array(arbProject(2), { minLength: 1, maxLength: 4 }), (projects) => {
        const withLinks = projects.map((p) => ({
          ...p,
          links: p.tasks
            .slice(1)
            .map((_, i) => ({ from: i, to: i + 1, type: 'FS' as const, lag: 0 })),
        }));
        const r = levelPortfolio(withLinks, [cap(7), cap(7)]);
        withLinks.forEach((p, j) => {
          p.tasks.forEach((x, i) => expect(r.starts[j]![i]!).toBeGreaterThanOrEqual(x.start));
          // A link holds afterwards; one the input dates already broke stays no more broken.
          for (const l of p.links) {
            const slack =
              p.tasks[l.to]!.start - (p.tasks[l.from]!.start + p.tasks[l.from]!.duration);
            expect(
              r.starts[j]![l.to]! - (r.starts[j]![l.from]! + p.tasks[l.from]!.duration),
            ).toBeGreaterThanOrEqual(Math.min(0, slack));
          }
        });
        // Each task alone needs at most 7 h a day of a person (two demands may hit the same one).
        const fits = withLinks.every((p) =>
          p.tasks.every((x) => {
            const per = new Map<number, number>();
            for (const d of x.demands)
              per.set(d.resource, (per.get(d.resource) ?? 0) + d.hoursPerDay);
            return [...per.values()].every((h) => h <= 7);
          }),
        );
        if (fits) expect(r.overAfter).toBe(0);
        expect(r.unresolved).toEqual([]);
      }),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(fc.array(arbProject(2), { minLength: 1, maxLength: 4 }), (projects) => {
        const a = levelPortfolio(projects, [cap(7), cap(7)]);
        const b = levelPortfolio(projects, [cap(7), cap(7)]);
        expect(a).toEqual(b);
      }),
    );
  });
});

const arbLoads = fc
  .array(
    fc.record({
      p: fc.integer({ min: 0, max: 3 }),
      j: fc.integer({ min: 0, max: 4 }),
      s: fc.integer({ min: 0, max: 100 }),
      len: fc.integer({ min: 0, max: 30 }),
      k: fc.integer({ min: 0, max: 2 }),
      a: fc.integer({ min: 1, max: 40 }),
      sf: fc.integer({ min: 0, max: 1 }),
    }),
    { maxLength: 30 },
  )
  .map((rows): LoadColumns => ({
    p: rows.map((r) => r.p),
    j: rows.map((r) => r.j),
    s: rows.map((r) => r.s),
    f: rows.map((r) => r.s + r.len),
    k: rows.map((r) => r.k),
    a: rows.map((r) => r.a),
    sf: rows.map((r) => r.sf),
  }));

describe('applyScenario', () => {
  const none = {
    removed: new Set<number>(),
    shifts: new Map(),
    replacedEffort: new Set<number>(),
    extra: [],
  };

  it('an empty scenario changes nothing', () => {
    fc.assert(
      fc.property(arbLoads, (loads) => {
        expect(applyScenario(loads, none)).toEqual(loads);
      }),
    );
  });

  it('shifting by d then by −d gives the loads back', () => {
    fc.assert(
      fc.property(
        arbLoads,
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: -60, max: 60 }),
        (loads, j, d) => {
          const there = applyScenario(loads, { ...none, shifts: new Map([[j, d]]) });
          expect(applyScenario(there, { ...none, shifts: new Map([[j, -d]]) })).toEqual(loads);
        },
      ),
    );
  });

  it('removes exactly the removed projects and the replaced task effort, then adds the extra', () => {
    fc.assert(
      fc.property(
        arbLoads,
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (loads, gone, replaced) => {
          const extra = [{ p: 0, j: replaced, s: 5, f: 9, k: 2, a: 10, sf: 0 }];
          const out = applyScenario(loads, {
            ...none,
            removed: new Set([gone]),
            replacedEffort: new Set([replaced]),
            extra,
          });
          const kept = loads.j.filter(
            (j, i) => j !== gone && !(j === replaced && loads.k[i] === 2),
          ).length;
          expect(out.p.length).toBe(kept + (gone === replaced ? 0 : 1));
          expect(out.j.includes(gone)).toBe(false);
          // Total effort hours of the other projects are untouched.
          const effort = (c: LoadColumns, j: number) =>
            c.a.reduce((sum, a, i) => sum + (c.j[i] === j ? a : 0), 0);
          for (let j = 0; j <= 4; j++) {
            if (j !== gone && j !== replaced) expect(effort(out, j)).toBe(effort(loads, j));
          }
        },
      ),
    );
  });
});

describe('hypotheticalTasks', () => {
  it('one task per person with hours, a fifth of the weekly hours a day', () => {
    expect(
      hypotheticalTasks(
        [
          { resource: 2, hoursPerWeek: 17.5 },
          { resource: 3, hoursPerWeek: 0 },
        ],
        10,
        20,
      ),
    ).toEqual([
      {
        start: 10,
        duration: 20,
        totalFloat: 0,
        demands: [{ resource: 2, hoursPerDay: 3.5 }],
        fixed: false,
      },
    ]);
  });
});
