import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedStarts, parseSelection } from '../strategy/selection.ts';
import {
  buildBacklogSelection,
  caseCostsByMonth,
  freePoolHours,
  type BacklogOptions,
  type BacklogRequest,
} from './backlog.ts';

const options: BacklogOptions = {
  firstMonth: '2027-01',
  months: 12,
  valueBasis: 'score',
  monthlyBudget: 100_000_00,
  windowMonths: 2,
  hoursPerDay: 7,
  defaultMonths: 6,
};

const request = (over: Partial<BacklogRequest> = {}): BacklogRequest => ({
  id: 'r1',
  reference: 'DEM-0001',
  title: 'CRM',
  score: 62.34,
  npv: 1_234_567_00,
  caseCosts: null,
  roughCost: null,
  roughEffortDays: null,
  desiredStart: null,
  desiredEnd: null,
  effortByTeam: [],
  defaultPool: null,
  ...over,
});

describe('caseCostsByMonth', () => {
  it('keeps monthly cases and spreads yearly ones over twelve months, cents whole', () => {
    expect([
      ...caseCostsByMonth({ periodicity: 'month', firstPeriod: '2027-03', amounts: [5, 0, 7] }),
    ]).toEqual([
      [2027 * 12 + 2, 5],
      [2027 * 12 + 4, 7],
    ]);
    const yearly = caseCostsByMonth({ periodicity: 'year', firstPeriod: '2027', amounts: [1213] });
    expect(yearly.size).toBe(12);
    expect([...yearly.values()].reduce((a, b) => a + b, 0)).toBe(1213);
    expect(yearly.get(2027 * 12)).toBe(102);
    expect(yearly.get(2027 * 12 + 11)).toBe(101);
  });
});

describe('buildBacklogSelection', () => {
  it('makes a candidate from the business case: value, cost by month, window', () => {
    const { selection, notes } = buildBacklogSelection(
      [
        request({
          caseCosts: {
            periodicity: 'month',
            firstPeriod: '2027-02',
            amounts: [0, 30_000_00, 20_000_00],
          },
          roughEffortDays: 40,
          defaultPool: 'DEV',
        }),
      ],
      { DEV: new Array<number>(12).fill(1000) },
      options,
    );
    expect(notes.map((n) => n.code)).toEqual(['EFFORT_ON_DEFAULT_TEAM']);
    expect(selection.periods[0]).toBe('2027-01');
    expect(selection.budget?.['2027-05']).toBe(100_000);
    expect(selection.capacity['DEV']?.['2027-12']).toBe(1000);
    expect(selection.candidates).toEqual([
      {
        id: 'DEM-0001',
        name: 'CRM',
        value: 62.3,
        cost: [30_000, 20_000],
        demand: { DEV: [140, 140] },
        earliestStart: '2027-03',
        latestStart: '2027-05',
      },
    ]);
  });

  it('keeps the total of a yearly case in whole euros when it spreads it over the months', () => {
    const { selection } = buildBacklogSelection(
      [
        request({
          caseCosts: { periodicity: 'year', firstPeriod: '2027', amounts: [380_000_00] },
          defaultPool: 'DEV',
        }),
      ],
      null,
      options,
    );
    const cost = selection.candidates[0]!.cost;
    expect(cost).toHaveLength(12);
    expect(cost.reduce((a, b) => a + b, 0)).toBe(380_000);
    expect(Math.max(...cost) - Math.min(...cost)).toBeLessThanOrEqual(1);
  });

  it.each([
    ['score without a score', { score: null }, 'score', 'NO_SCORE', true],
    ['npv without a case', { npv: null }, 'npv', 'NO_NPV', true],
    [
      'a start after the horizon',
      { desiredStart: '2028-02-01', roughCost: 5 },
      'score',
      'AFTER_HORIZON',
      true,
    ],
    ['no cost at all', {}, 'score', 'NO_COST', false],
    ['a rough cost only', { roughCost: 600 }, 'score', 'COST_FROM_ROUGH_ESTIMATE', false],
  ] as const)('notes %s', (_, over, valueBasis, code, excluded) => {
    const { selection, notes } = buildBacklogSelection([request(over)], null, {
      ...options,
      valueBasis,
    });
    expect(notes).toContainEqual({ requestId: 'r1', reference: 'DEM-0001', code, excluded });
    expect(selection.candidates.length).toBe(excluded ? 0 : 1);
  });

  it("puts each team's share of the effort on its own pool, months of the profile", () => {
    const { selection, notes } = buildBacklogSelection(
      [
        request({
          roughCost: 300_00,
          desiredStart: '2027-03-01',
          desiredEnd: '2027-05-31',
          roughEffortDays: 999,
          defaultPool: 'PMO',
          effortByTeam: [
            { pool: 'DEV', days: 60 },
            { pool: 'DATA', days: 30 },
            { pool: 'INFRA', days: 0 },
          ],
        }),
      ],
      { DEV: [700, 700, 700, 700, 700, 700, 700, 700, 700, 700, 700, 700] },
      options,
    );
    expect(notes.map((n) => n.code)).toEqual(['COST_FROM_ROUGH_ESTIMATE']);
    // The split wins over the rough effort; 60 d × 7 h over 3 months.
    expect(selection.candidates[0]!.demand).toEqual({ DEV: [140, 140, 140], DATA: [70, 70, 70] });
    // DATA has no people: a pool with no hours, so the optimizer cannot start it.
    expect(Object.keys(selection.capacity)).toEqual(['DATA', 'DEV']);
    expect(selection.capacity['DATA']?.['2027-01']).toBe(0);
  });

  it('holds the effort of a request with neither a split nor a team against no pool, noted', () => {
    const { selection, notes } = buildBacklogSelection(
      [request({ roughCost: 600, roughEffortDays: 20 })],
      { DEV: new Array<number>(12).fill(10) },
      options,
    );
    expect(notes.map((n) => n.code)).toEqual(['COST_FROM_ROUGH_ESTIMATE', 'EFFORT_WITHOUT_TEAM']);
    expect(selection.candidates[0]!.demand).toEqual({});
  });

  it('uses the NPV in k€ as value and spreads a rough cost over the desired dates', () => {
    const { selection } = buildBacklogSelection(
      [request({ roughCost: 90_000_00, desiredStart: '2027-04-15', desiredEnd: '2027-06-30' })],
      null,
      { ...options, valueBasis: 'npv', monthlyBudget: null },
    );
    const c = selection.candidates[0]!;
    expect(c.value).toBe(1234.6);
    expect(c.cost).toEqual([30_000, 30_000, 30_000]);
    expect(c.earliestStart).toBe('2027-04');
    expect(selection.budget).toBeUndefined();
  });

  it('cuts a profile longer than the horizon and allows no slip then', () => {
    const { selection, notes } = buildBacklogSelection(
      [request({ roughCost: 2400, desiredStart: '2027-10-01', desiredEnd: '2028-09-30' })],
      null,
      options,
    );
    expect(notes.map((n) => n.code)).toContain('TRUNCATED');
    const c = selection.candidates[0]!;
    expect(c.cost.length).toBe(3);
    expect(c.latestStart).toBe('2027-10');
  });

  it('always gives a file the optimizer accepts, every candidate with a start that fits', () => {
    const req = fc.record({
      score: fc.option(fc.double({ min: 0, max: 100, noNaN: true })),
      roughCost: fc.option(fc.integer({ min: 0, max: 1e9 })),
      roughEffortDays: fc.option(fc.integer({ min: 0, max: 2000 })),
      start: fc.option(fc.integer({ min: 0, max: 40 })),
      len: fc.integer({ min: 0, max: 30 }),
      caseAmounts: fc.option(fc.array(fc.integer({ min: 0, max: 1e8 }), { maxLength: 40 })),
      split: fc.uniqueArray(
        fc.tuple(fc.constantFrom('DEV', 'INFRA', 'DATA'), fc.integer({ min: 0, max: 500 })),
        { maxLength: 3, selector: ([pool]) => pool },
      ),
      defaultPool: fc.option(fc.constantFrom('DEV', 'PMO')),
    });
    fc.assert(
      fc.property(
        fc.array(req, { maxLength: 20 }),
        fc.integer({ min: 1, max: 36 }),
        fc.integer({ min: 0, max: 6 }),
        (raw, months, windowMonths) => {
          const month = (k: number) =>
            `${2026 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
          const requests = raw.map((r, i) =>
            request({
              id: `r${i}`,
              reference: `DEM-${i}`,
              score: r.score,
              roughCost: r.roughCost,
              roughEffortDays: r.roughEffortDays,
              effortByTeam: r.split.map(([pool, days]) => ({ pool, days })),
              defaultPool: r.defaultPool,
              desiredStart: r.start === null ? null : `${month(r.start)}-01`,
              desiredEnd: r.start === null ? null : `${month(r.start + r.len)}-28`,
              caseCosts: r.caseAmounts
                ? { periodicity: 'month', firstPeriod: month(r.start ?? 5), amounts: r.caseAmounts }
                : null,
            }),
          );
          const { selection, notes } = buildBacklogSelection(
            requests,
            { DEV: new Array<number>(months).fill(500) },
            { ...options, firstMonth: '2027-01', months, windowMonths },
          );
          const problem = parseSelection(selection);
          for (const c of problem.candidates) {
            expect(allowedStarts(problem, c).length).toBeGreaterThan(0);
            // Every pool a candidate needs is constrained (a team without people has 0 hours).
            for (const pool of Object.keys(c.demand))
              expect(selection.capacity[pool]).toBeDefined();
          }
          const excluded = new Set(notes.filter((n) => n.excluded).map((n) => n.requestId));
          expect(problem.candidates.length + excluded.size).toBe(requests.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('freePoolHours', () => {
  it('nets out what current projects hold, then applies the share, never below zero', () => {
    expect(
      freePoolHours(
        [
          { capacity: 1000, load: 400 },
          { capacity: 500, load: 700 },
        ],
        50,
      ),
    ).toEqual([300, 0]);
  });
});
