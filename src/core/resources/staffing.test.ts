import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RequestStatus, coverage, staffingStatus, transition } from './staffing.ts';

describe('coverage of a request', () => {
  it.each([
    ['hours', [{ unit: 'hours', amount: 14 }], 14],
    ['hours', [{ unit: 'percent', amount: 50 }], 17.5],
    [
      'fte',
      [
        { unit: 'percent', amount: 50 },
        { unit: 'hours', amount: 35 },
      ],
      1.5,
    ],
    ['fte', [], 0],
  ] as const)('in %s: %j covers %d', (unit, allocations, expected) => {
    expect(coverage({ unit }, allocations)).toBe(expected);
  });

  it('never decreases when an allocation is added', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            unit: fc.constantFrom('hours' as const, 'percent' as const),
            amount: fc.double({ min: 0.5, max: 100, noNaN: true }),
          }),
        ),
        fc.record({
          unit: fc.constantFrom('hours' as const, 'percent' as const),
          amount: fc.double({ min: 0.5, max: 100, noNaN: true }),
        }),
        fc.constantFrom('hours' as const, 'fte' as const),
        (list, extra, unit) =>
          coverage({ unit }, [...list, extra]) >= coverage({ unit }, list) - 1e-9,
      ),
    );
  });
});

describe('request status', () => {
  it.each([
    ['submitted', 1, 0, 'submitted'],
    ['submitted', 1, 0.5, 'partially_staffed'],
    ['partially_staffed', 1, 1, 'staffed'],
    ['staffed', 1, 0.4, 'partially_staffed'],
    ['staffed', 1, 0, 'submitted'],
    ['draft', 1, 1, 'draft'],
    ['cancelled', 1, 1, 'cancelled'],
    ['rejected', 1, 0, 'rejected'],
  ] as const)('%s, %d requested, %d covered → %s', (status, requested, covered, expected) => {
    expect(staffingStatus(status, requested, covered)).toBe(expected);
  });

  it.each([
    ['draft', 'submit', 'submitted'],
    ['submitted', 'submit', null],
    ['submitted', 'reject', 'rejected'],
    ['draft', 'reject', null],
    ['staffed', 'reject', null],
    ['staffed', 'cancel', 'cancelled'],
    ['cancelled', 'cancel', null],
    ['rejected', 'reopen', 'draft'],
    ['submitted', 'reopen', null],
  ] as const)('%s + %s → %s', (status, action, expected) => {
    expect(transition(status, action)).toBe(expected);
  });

  it('only drafts, rejected and cancelled requests ignore their coverage', () => {
    const all: RequestStatus[] = [
      'draft',
      'submitted',
      'partially_staffed',
      'staffed',
      'rejected',
      'cancelled',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...all),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        (status, requested, covered) => {
          const next = staffingStatus(status, requested, covered);
          if (['draft', 'rejected', 'cancelled'].includes(status)) return next === status;
          return ['submitted', 'partially_staffed', 'staffed'].includes(next);
        },
      ),
    );
  });
});
