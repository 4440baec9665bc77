import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WEATHERS } from '../reporting/weather.ts';
import {
  applyFilter,
  budgetByProgram,
  capacityByDepartment,
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

  it('groups by department, most loaded first, and skips projects without allocation', () => {
    const r = capacityByDepartment(
      [
        row({ id: 'a', orgUnit: it1, allocatedHours: 120, capacityHours: 100 }),
        row({ id: 'b', allocatedHours: 50, capacityHours: 100 }),
        row({ id: 'c', orgUnit: it1, allocatedHours: 30, capacityHours: 50 }),
        row({ id: 'd' }),
      ],
      'Sans direction',
    );
    expect(
      r.groups.map((g) => [g.key, g.allocatedHours, g.capacityHours, g.loadPct, g.level]),
    ).toEqual([
      ['dsi', 150, 150, 100, 'tight'],
      [NONE, 50, 100, 50, 'ok'],
    ]);
    expect(r.total).toEqual({ allocatedHours: 200, capacityHours: 250, loadPct: 80, level: 'ok' });
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
        const c = capacityByDepartment(rows, '-');
        expect(c.total.allocatedHours).toBe(rows.reduce((s, r) => s + (r.allocatedHours ?? 0), 0));
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
