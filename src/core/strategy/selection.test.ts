import { describe, expect, it } from 'vitest';
import {
  allowedStarts,
  buildSelectionModel,
  describeAssignment,
  greedyByScore,
  isFeasible,
  parseSelection,
  ruleConflicts,
  SelectionError,
} from './selection.ts';

const example = {
  periods: ['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4'],
  budget: { '2027-Q1': 1200000, '2027-Q2': 1200000, '2027-Q3': 1000000, '2027-Q4': 1000000 },
  capacity: { dev: { '2027-Q1': 6000, '2027-Q2': 6000, '2027-Q3': 6000, '2027-Q4': 6000 } },
  candidates: [
    {
      id: 'P1',
      name: 'Refonte CRM',
      value: 80,
      cost: [400000, 300000],
      demand: { dev: [1500, 1200] },
      earliestStart: '2027-Q1',
      latestStart: '2027-Q2',
    },
    {
      id: 'P2',
      name: 'Conformité DORA',
      value: 60,
      mandatory: true,
      cost: [200000],
      demand: { dev: [800] },
    },
    {
      id: 'P3',
      name: 'Data platform',
      value: 95,
      cost: [300000, 300000, 300000],
      demand: { dev: [2000, 2000, 1000] },
      requires: ['P1'],
      excludes: [],
    },
  ],
};

function errorPath(input: unknown): string {
  try {
    parseSelection(input);
  } catch (e) {
    expect(e).toBeInstanceOf(SelectionError);
    return (e as SelectionError).path;
  }
  throw new Error('expected a SelectionError');
}

describe('parseSelection', () => {
  it('reads the example of the format', () => {
    const p = parseSelection(example);
    expect(p.periods).toHaveLength(4);
    expect(p.pools).toEqual(['dev']);
    expect(p.budget).toEqual([1200000, 1200000, 1000000, 1000000]);
    expect(p.candidates[0]).toMatchObject({ earliestStart: 0, latestStart: 1, mandatory: false });
    // latestStart defaults to earliestStart, earliestStart to the first period.
    expect(p.candidates[1]).toMatchObject({ earliestStart: 0, latestStart: 0, mandatory: true });
    expect(p.candidates[2]!.requires).toEqual([0]);
  });

  it.each([
    [{ ...example, periods: [] }, 'periods'],
    [{ ...example, periods: ['A', 'A'] }, 'periods[1]'],
    [{ ...example, budget: { '2028-Q1': 5 } }, 'budget.2028-Q1'],
    [{ ...example, budget: { '2027-Q1': -5 } }, 'budget.2027-Q1'],
    [{ ...example, capacity: { dev: { '2027-Q1': 'x' } } }, 'capacity.dev.2027-Q1'],
    [{ ...example, extra: 1 }, 'extra'],
    [{ ...example, candidates: [{ id: 'A', value: 'high' }] }, 'candidates[0].value'],
    [{ ...example, candidates: [{ id: 'A', value: 1, cost: [1, -2] }] }, 'candidates[0].cost[1]'],
    [
      { ...example, candidates: [{ id: 'A', value: 1, demand: { dev: [1, NaN] } }] },
      'candidates[0].demand.dev[1]',
    ],
    [
      {
        ...example,
        candidates: [
          { id: 'A', value: 1 },
          { id: 'A', value: 2 },
        ],
      },
      'candidates[1].id',
    ],
    [
      { ...example, candidates: [{ id: 'A', value: 1, requires: ['Z'] }] },
      'candidates[0].requires[0]',
    ],
    [
      { ...example, candidates: [{ id: 'A', value: 1, excludes: ['A'] }] },
      'candidates[0].excludes[0]',
    ],
    [
      {
        ...example,
        candidates: [{ id: 'A', value: 1, earliestStart: '2027-Q3', latestStart: '2027-Q1' }],
      },
      'candidates[0].latestStart',
    ],
    [
      { ...example, candidates: [{ id: 'A', value: 1, earliestStart: 'Q9' }] },
      'candidates[0].earliestStart',
    ],
    [
      { ...example, candidates: [{ id: 'A', value: 1, mandatroy: true }] },
      'candidates[0].mandatroy',
    ],
  ])('refuses bad input with its path (%#)', (input, path) => {
    expect(errorPath(input)).toBe(path);
  });
});

describe('buildSelectionModel', () => {
  it('has one column per allowed start and the rows of the format', () => {
    const p = parseSelection(example);
    const m = buildSelectionModel(p);
    // P1: Q1, Q2; P2: Q1; P3: Q1 only (latestStart defaults to earliestStart).
    expect(m.numCols).toBe(4);
    expect(m.rowKey).toEqual([
      'choice:P1',
      'choice:P2',
      'choice:P3',
      'budget:2027-Q1',
      'budget:2027-Q2',
      'budget:2027-Q3',
      'budget:2027-Q4',
      'capacity:dev:2027-Q1',
      'capacity:dev:2027-Q2',
      'capacity:dev:2027-Q3',
      'capacity:dev:2027-Q4',
      'requires:P3:P1',
    ]);
    // The mandatory choice row is an equality.
    expect([m.rowLower[1], m.rowUpper[1]]).toEqual([1, 1]);
    // budget:2027-Q2 gets P1@Q1 (300000), P1@Q2 (400000), P3@Q1 (300000).
    const r = 4;
    const row = Array.from(m.indices.slice(m.starts[r], m.starts[r + 1])).map((j, k) => [
      p.candidates[m.colCandidate[j]!]!.id,
      p.periods[m.colStart[j]!],
      m.values[m.starts[r]! + k],
    ]);
    expect(row).toEqual([
      ['P1', '2027-Q1', 300000],
      ['P1', '2027-Q2', 400000],
      ['P3', '2027-Q1', 300000],
    ]);
  });

  it('cuts start windows so the whole profile fits inside the periods', () => {
    const p = parseSelection({
      periods: ['1', '2', '3'],
      candidates: [{ id: 'A', value: 1, cost: [1, 1], earliestStart: '1', latestStart: '3' }],
    });
    expect(allowedStarts(p, p.candidates[0]!)).toEqual([0, 1]);
  });
});

describe('ruleConflicts', () => {
  it('names mandatory candidates that cannot start and mandatory pairs that exclude each other', () => {
    const p = parseSelection({
      periods: ['1', '2'],
      candidates: [
        { id: 'A', value: 1, mandatory: true, cost: [1, 1, 1] },
        { id: 'B', value: 1, mandatory: true, requires: ['C'] },
        { id: 'C', value: 1 },
        { id: 'D', value: 1, mandatory: true, excludes: ['C'] },
      ],
    });
    expect(ruleConflicts(p)).toEqual(['window:A', 'excludes:C:D']);
  });
});

describe('greedyByScore and describeAssignment', () => {
  it('takes the mandatory ones, then by value while it fits', () => {
    const p = parseSelection({
      periods: ['1'],
      budget: { '1': 10 },
      candidates: [
        { id: 'A', value: 5, cost: [6] },
        { id: 'B', value: 4, cost: [5] },
        { id: 'C', value: 3, cost: [5] },
        { id: 'M', value: 0, cost: [0], mandatory: true },
      ],
    });
    const g = greedyByScore(p);
    expect(Array.from(g)).toEqual([0, -1, -1, 0]);
    expect(isFeasible(p, g)).toBe(true);
    const r = describeAssignment(p, Int32Array.from([-1, 0, 0, 0]), 'optimal', 0);
    expect(r).toMatchObject({
      objective: 7,
      selected: [
        { id: 'B', start: '1' },
        { id: 'C', start: '1' },
        { id: 'M', start: '1' },
      ],
      rejected: ['A'],
      budgetUsed: { '1': 10 },
      binding: ['budget:1'],
    });
  });
});
