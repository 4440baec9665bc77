import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WEATHERS } from '../reporting/weather.ts';
import {
  applyFilter,
  budgetByProgram,
  attentionRows,
  benefitsTotal,
  bubbleRows,
  capacityByDepartment,
  isMilestoneLate,
  capacityLevel,
  type DashProjectInput,
  NONE,
  phaseMix,
  roadmapRows,
  roadmapWindow,
  statusMix,
  weatherMix,
} from './portfolio.ts';

const row = (over: Partial<DashProjectInput> & { id: string }): DashProjectInput => ({
  code: over.id.toUpperCase(),
  name: over.id,
  status: 'active',
  program: null,
  orgUnit: null,
  phase: null,
  weather: null,
  start: null,
  finish: null,
  value: null,
  budgetCents: null,
  actualCents: null,
  committedCents: null,
  exposureCents: null,
  allocatedHours: null,
  capacityHours: null,
  ...over,
});

const prgA = { id: 'ga', name: 'Programme A' };
const it1 = { id: 'dsi', name: 'DSI' };

describe('mixes', () => {
  const rows = [
    row({ id: 'p1', phase: { key: 'cadrage', name: 'Cadrage' }, weather: 'sun' }),
    row({ id: 'p2', phase: { key: 'realisation', name: 'Réalisation' }, weather: 'rain' }),
    row({ id: 'p3', phase: { key: 'realisation', name: 'Réalisation' }, status: 'on_hold' }),
    row({ id: 'p4', weather: 'rain' }),
  ];
  it('counts phases, most first, no phase last', () => {
    expect(phaseMix(rows, 'Sans phase')).toEqual([
      { key: 'realisation', name: 'Réalisation', count: 2 },
      { key: 'cadrage', name: 'Cadrage', count: 1 },
      { key: NONE, name: 'Sans phase', count: 1 },
    ]);
  });
  it('counts every weather of the scale in order, then none', () => {
    expect(weatherMix(rows).map((m) => [m.key, m.count])).toEqual([
      ['sun', 1],
      ['cloud', 0],
      ['rain', 2],
      ['storm', 0],
      [NONE, 1],
    ]);
  });
  it('counts statuses', () => {
    expect(statusMix(rows).map((m) => [m.key, m.count])).toEqual([
      ['active', 3],
      ['on_hold', 1],
    ]);
  });
  it('filters by phase and weather, _none meaning without', () => {
    expect(applyFilter(rows, { phase: 'realisation' }).map((r) => r.id)).toEqual(['p2', 'p3']);
    expect(applyFilter(rows, { weather: NONE }).map((r) => r.id)).toEqual(['p3']);
    expect(applyFilter(rows, { phase: NONE, weather: 'rain' }).map((r) => r.id)).toEqual(['p4']);
    expect(applyFilter(rows, {})).toHaveLength(4);
  });
});

describe('budget by programme', () => {
  it('sums budget, actuals and commitments, with the consumed share', () => {
    const r = budgetByProgram(
      [
        row({ id: 'a', program: prgA, budgetCents: 100_000, actualCents: 50_000 }),
        row({ id: 'b', program: prgA, budgetCents: 100_000, actualCents: 30_000 }),
        row({ id: 'c', actualCents: 1_000, committedCents: 500 }),
      ],
      'Hors programme',
    );
    expect(r.groups).toEqual([
      {
        key: 'ga',
        name: 'Programme A',
        projects: 2,
        budgetCents: 200_000,
        actualCents: 80_000,
        committedCents: 0,
        consumedPct: 40,
      },
      {
        key: NONE,
        name: 'Hors programme',
        projects: 1,
        budgetCents: 0,
        actualCents: 1_000,
        committedCents: 500,
        consumedPct: null,
      },
    ]);
    expect(r.total).toEqual({
      budgetCents: 200_000,
      actualCents: 81_000,
      committedCents: 500,
      consumedPct: 41,
    });
  });
});

describe('capacity pressure', () => {
  it.each([
    [null, 'none'],
    [0, 'ok'],
    [84, 'ok'],
    [85, 'tight'],
    [100, 'tight'],
    [101, 'over'],
  ] as const)('load %s %% is %s', (load, level) => expect(capacityLevel(load)).toBe(level));

  it("groups by the people's department, most loaded first, and skips projects without allocation", () => {
    const r = capacityByDepartment(
      [
        // A project staffed from two departments: each share goes to its own department.
        {
          capacity: [
            { o: 'dsi', a: 120, c: 100 },
            { o: null, a: 20, c: 40 },
          ],
        },
        { capacity: [{ o: null, a: 30, c: 60 }] },
        { capacity: [{ o: 'dsi', a: 30, c: 50 }] },
        { capacity: null },
        {},
      ],
      new Map([['dsi', 'DSI']]),
      'Sans direction',
    );
    expect(
      r.groups.map((g) => [g.key, g.name, g.allocatedHours, g.capacityHours, g.loadPct, g.level]),
    ).toEqual([
      ['dsi', 'DSI', 150, 150, 100, 'tight'],
      [NONE, 'Sans direction', 50, 100, 50, 'ok'],
    ]);
    expect(r.total).toEqual({ allocatedHours: 200, capacityHours: 250, loadPct: 80, level: 'ok' });
  });
  it("a shared person's capacity, split by allocation, adds up to their capacity", () => {
    // 140 h of capacity over four weeks net of absences, allocated 60 h + 20 h on two projects.
    const p1 = { capacity: [{ o: 'dsi', a: 60, c: 105 }] };
    const p2 = { capacity: [{ o: 'dsi', a: 20, c: 35 }] };
    const both = capacityByDepartment([p1, p2], new Map(), '-');
    expect(both.total).toMatchObject({ allocatedHours: 80, capacityHours: 140, loadPct: 57 });
    expect(capacityByDepartment([p1], new Map(), '-').groups[0]!.name).toBe('dsi');
  });
});

describe('late milestones (issue 8 rule)', () => {
  it.each([
    [{ done: false, date: '2026-11-20' }, true, 'date passed, not done'],
    [{ done: true, date: '2026-11-20' }, false, 'done'],
    [{ done: false, date: '2026-11-26' }, false, 'due today'],
    [{ done: false, date: '2026-12-15' }, false, 'slipped but still ahead'],
    [{ done: false, date: null }, false, 'no date'],
  ] as const)('%j is late: %s (%s)', (m, late, _why) =>
    expect(isMilestoneLate(m, '2026-11-26')).toBe(late),
  );
});

describe('attention, bubbles and benefits', () => {
  const rows = [
    { ...row({ id: 'a', weather: 'sun', exposureCents: 900 }), milestonesLate: 0 },
    { ...row({ id: 'b', weather: 'rain', exposureCents: 100 }), milestonesLate: 0 },
    { ...row({ id: 'c', weather: 'storm', exposureCents: 50 }), milestonesLate: 0 },
    { ...row({ id: 'd', weather: 'sun', exposureCents: 500 }), milestonesLate: 2 },
    { ...row({ id: 'e', weather: null, exposureCents: 800 }), milestonesLate: null },
  ];
  it('lists storm, rain and late-milestone projects, worst first', () => {
    expect(attentionRows(rows).map((r) => r.id)).toEqual(['c', 'b', 'd']);
  });
  it('draws the largest budgets among projects with a value or an exposure', () => {
    const b = bubbleRows(
      [
        row({ id: 'x', budgetCents: 10, value: 5 }),
        row({ id: 'y', budgetCents: 30, exposureCents: 1 }),
        row({ id: 'z', budgetCents: 20, value: 1 }),
        row({ id: 'w', budgetCents: 99 }),
      ],
      2,
    );
    expect(b).toMatchObject({ total: 3 });
    expect(b.items.map((r) => r.id)).toEqual(['y', 'z']);
  });
  it('sums benefits of the projects with a case, rate against planned to date', () => {
    expect(benefitsTotal([null, null])).toBeNull();
    expect(
      benefitsTotal([
        { plannedCents: 1000, plannedToDateCents: 400, realisedCents: 300 },
        null,
        { plannedCents: 500, plannedToDateCents: 100, realisedCents: 0 },
      ]),
    ).toEqual({
      projects: 2,
      plannedCents: 1500,
      plannedToDateCents: 500,
      realisedCents: 300,
      ratePct: 60,
    });
  });
});

describe('roadmap', () => {
  const rows = [
    row({ id: 'a', start: '2026-03-01', finish: '2026-09-30', budgetCents: 10 }),
    row({ id: 'b', start: '2026-01-15', finish: '2027-02-01', budgetCents: 30 }),
    row({ id: 'c', start: null, finish: '2026-05-01', budgetCents: 99 }),
    row({ id: 'd', start: '2026-06-01', finish: '2026-07-01', budgetCents: 20 }),
  ];
  it('spans the earliest start to the latest finish of dated projects', () => {
    expect(roadmapWindow(rows)).toEqual({ start: '2026-01-15', finish: '2027-02-01' });
    expect(roadmapWindow([rows[2]!])).toBeNull();
  });
  it('keeps the largest budgets, then orders by start', () => {
    expect(roadmapRows(rows, 2).map((r) => r.id)).toEqual(['b', 'd']);
  });
});

const arbRow = fc
  .record({
    id: fc.uuid(),
    program: fc.option(fc.constantFrom(prgA, { id: 'gb', name: 'B' }), { nil: null }),
    orgUnit: fc.option(fc.constantFrom(it1, { id: 'rh', name: 'RH' }), { nil: null }),
    weather: fc.option(fc.constantFrom(...WEATHERS), { nil: null }),
    phase: fc.option(fc.constantFrom({ key: 'k1', name: 'K1' }, { key: 'k2', name: 'K2' }), {
      nil: null,
    }),
    budgetCents: fc.option(fc.integer({ min: 0, max: 1e10 }), { nil: null }),
    actualCents: fc.option(fc.integer({ min: 0, max: 1e10 }), { nil: null }),
    allocatedHours: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
    capacityHours: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
  })
  .map((r) => row(r));

describe('properties', () => {
  it('every mix partitions the projects', () => {
    fc.assert(
      fc.property(fc.array(arbRow, { maxLength: 40 }), (rows) => {
        const total = (m: { count: number }[]) => m.reduce((s, x) => s + x.count, 0);
        expect(total(phaseMix(rows, '-'))).toBe(rows.length);
        expect(total(weatherMix(rows))).toBe(rows.length);
        expect(total(statusMix(rows))).toBe(rows.length);
        expect(budgetByProgram(rows, '-').groups.reduce((s, g) => s + g.projects, 0)).toBe(
          rows.length,
        );
      }),
    );
  });
  it('group totals equal the sum over projects', () => {
    fc.assert(
      fc.property(fc.array(arbRow, { maxLength: 40 }), (rows) => {
        const b = budgetByProgram(rows, '-');
        expect(b.total.budgetCents).toBe(rows.reduce((s, r) => s + (r.budgetCents ?? 0), 0));
        expect(b.total.actualCents).toBe(rows.reduce((s, r) => s + (r.actualCents ?? 0), 0));
        const c = capacityByDepartment(
          rows.map((r) => ({
            capacity: [{ o: r.orgUnit?.id ?? null, a: r.allocatedHours ?? 0, c: 1 }],
          })),
          new Map(),
          '-',
        );
        expect(c.total.allocatedHours).toBe(rows.reduce((s, r) => s + (r.allocatedHours ?? 0), 0));
        expect(c.groups.reduce((s, g) => s + g.capacityHours, 0)).toBe(rows.length);
      }),
    );
  });
  it('a filter keeps a subset matching it', () => {
    fc.assert(
      fc.property(
        fc.array(arbRow, { maxLength: 30 }),
        fc.constantFrom(...WEATHERS, NONE),
        (rows, w) => {
          const kept = applyFilter(rows, { weather: w });
          expect(kept.every((r) => (r.weather ?? NONE) === w)).toBe(true);
          expect(kept.length).toBe(weatherMix(rows).find((m) => m.key === w)!.count);
        },
      ),
    );
  });
});
