import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BacklogCandidate } from './backlog.ts';
import { diffBacklogSelections } from './backlog-refresh.ts';

const cand = (id: string, over: Partial<BacklogCandidate> = {}): BacklogCandidate => ({
  id,
  name: `Demande ${id}`,
  value: 50,
  cost: [100, 100],
  demand: { DEV: [70, 70] },
  earliestStart: '2027-01',
  latestStart: '2027-03',
  ...over,
});
const periods = ['2027-01', '2027-02', '2027-03', '2027-04'];
const cap = (h: number) => Object.fromEntries(periods.map((p) => [p, h]));

describe('diffBacklogSelections', () => {
  it('lists entries, exits, changes by field, pools and dropped forcing', () => {
    const d = diffBacklogSelections(
      {
        periods,
        budget: cap(1000),
        capacity: { DEV: cap(500), DATA: cap(100) },
        candidates: [cand('DEM-1'), cand('DEM-2'), cand('DEM-3'), cand('DEM-4')],
      },
      {
        periods,
        budget: cap(1000),
        capacity: { DEV: cap(400), INFRA: cap(50), DATA: cap(100) },
        candidates: [
          cand('DEM-1'),
          cand('DEM-2', { value: 62.5, demand: { DEV: [35, 35], INFRA: [10, 10] } }),
          cand('DEM-3', { cost: [150, 50], earliestStart: '2027-02' }),
          cand('DEM-5'),
        ],
      },
      { forcedIn: ['DEM-4', 'DEM-1'], forcedOut: ['DEM-9'] },
    );
    expect(d.added.map((x) => x.id)).toEqual(['DEM-5']);
    expect(d.removed.map((x) => x.id)).toEqual(['DEM-4']);
    expect(d.changed.map((x) => [x.id, x.fields])).toEqual([
      ['DEM-2', ['value', 'hours']],
      ['DEM-3', ['cost', 'window']],
    ]);
    expect(d.changed[0]!.after.hours).toEqual({ DEV: 70, INFRA: 20 });
    expect(d.unchanged).toBe(1);
    expect(d.capacity).toEqual([
      { pool: 'DEV', before: 2000, after: 1600 },
      { pool: 'INFRA', before: null, after: 200 },
    ]);
    expect(d.budget).toEqual({ before: 4000, after: 4000 });
    expect(d.forcingDropped).toEqual(['DEM-4', 'DEM-9']);
    expect(d.same).toBe(false);
  });

  it('finds nothing between a file and itself', () => {
    const candidate = fc.record({
      id: fc.constantFrom('A', 'B', 'C', 'D'),
      value: fc.integer({ min: 0, max: 100 }),
      cost: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 4 }),
      dev: fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (c) => c.id }), (raw) => {
        const s = {
          periods,
          capacity: { DEV: cap(100) },
          candidates: raw.map((c) =>
            cand(c.id, { value: c.value, cost: c.cost, demand: { DEV: c.dev } }),
          ),
        };
        const d = diffBacklogSelections(s, JSON.parse(JSON.stringify(s)) as typeof s, {
          forcedIn: [],
          forcedOut: [],
        });
        expect(d.same).toBe(true);
        expect(d.unchanged).toBe(raw.length);
      }),
    );
  });
});
