import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type EnrolmentAction,
  type EnrolmentStatus,
  blocksCapacity,
  cancelledBySession,
  enrolmentTransition,
  goalStatusAfter,
  levelAfterCourse,
  sessionChangeNotifies,
  sessionChangeProblem,
} from './training.ts';

const STATUSES: EnrolmentStatus[] = [
  'requested',
  'approved',
  'attended',
  'completed',
  'rejected',
  'cancelled',
];
const ACTIONS: EnrolmentAction[] = ['approve', 'reject', 'attend', 'complete', 'cancel'];

describe('enrolment transitions', () => {
  it.each([
    ['requested', 'approve', 'approved'],
    ['requested', 'reject', 'rejected'],
    ['requested', 'attend', null],
    ['approved', 'attend', 'attended'],
    ['approved', 'complete', 'completed'],
    ['attended', 'complete', 'completed'],
    ['attended', 'cancel', null],
    ['completed', 'cancel', null],
    ['rejected', 'approve', null],
    ['cancelled', 'approve', null],
  ] as const)('%s + %s → %s', (from, action, to) => {
    expect(enrolmentTransition(from, action)).toBe(to);
  });

  it('never leaves a finished enrolment', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<EnrolmentStatus>('completed', 'rejected', 'cancelled'),
        fc.constantFrom(...ACTIONS),
        (status, action) => enrolmentTransition(status, action) === null,
      ),
    );
  });

  it('always moves to another status', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATUSES), fc.constantFrom(...ACTIONS), (s, a) => {
        const next = enrolmentTransition(s, a);
        return next === null || next !== s;
      }),
    );
  });
});

describe('levels after a course', () => {
  it.each([
    [null, 3, 3],
    [2, 3, 3],
    [3, 3, null],
    [5, 2, null],
  ])('held %s, course teaches %d → %s', (current, target, expected) => {
    expect(levelAfterCourse(current, target)).toBe(expected);
  });

  it('never lowers a level', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 1, max: 5 })),
        fc.integer({ min: 1, max: 5 }),
        (current, target) => {
          const next = levelAfterCourse(current, target);
          return next === null ? current !== null && current >= target : next > (current ?? 0);
        },
      ),
    );
  });

  it('closes a goal when the level is reached', () => {
    expect(goalStatusAfter({ status: 'planned', targetLevel: 3 }, 3)).toBe('done');
    expect(goalStatusAfter({ status: 'in_progress', targetLevel: 4 }, 3)).toBe('in_progress');
    expect(goalStatusAfter({ status: 'cancelled', targetLevel: 2 }, 5)).toBe('cancelled');
  });
});

describe('session changes and capacity', () => {
  it.each([
    ['approved', 'planned', true],
    ['attended', 'planned', true],
    ['completed', 'planned', true],
    ['requested', 'planned', false],
    ['rejected', 'planned', false],
    ['cancelled', 'planned', false],
    ['approved', 'cancelled', false],
  ] as const)('%s enrolment in a %s session blocks capacity: %s', (status, session, want) => {
    expect(blocksCapacity(status, session)).toBe(want);
  });

  it.each([
    [{ start: '2026-05-04', finish: '2026-05-05', seats: 10 }, 3, null],
    [{ start: '2026-05-04', finish: '2026-05-04', seats: 3 }, 3, null],
    [
      { start: '2026-05-04', finish: '2026-05-03', seats: 10 },
      0,
      { field: 'finish', reason: 'before_start' },
    ],
    [
      { start: '2026-05-04', finish: '2026-05-05', seats: 2 },
      3,
      { field: 'seats', reason: 'below_taken' },
    ],
  ])('change %j with %i seats held → %j', (next, taken, want) => {
    expect(sessionChangeProblem(next, taken)).toEqual(want);
  });

  it('a cancelled session ends only unfinished enrolments', () => {
    expect(STATUSES.filter(cancelledBySession)).toEqual(['requested', 'approved']);
  });

  it('only a change of dates or place is notified', () => {
    const s = { start: '2026-05-04', finish: '2026-05-05', place: 'Lyon' };
    expect(sessionChangeNotifies(s, { ...s })).toBe(false);
    expect(sessionChangeNotifies(s, { ...s, place: 'Paris' })).toBe(true);
    expect(sessionChangeNotifies(s, { ...s, finish: '2026-05-06' })).toBe(true);
  });

  it('property: a seat holder of a planned session blocks, nothing blocks a cancelled one', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATUSES), (status) => {
        expect(blocksCapacity(status, 'cancelled')).toBe(false);
        expect(blocksCapacity(status, 'planned')).toBe(
          ['approved', 'attended', 'completed'].includes(status),
        );
      }),
    );
  });

  it('property: seats at or above those held and ordered dates are always accepted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 30 }),
        (taken, extra, days) => {
          const finish = new Date(Date.UTC(2026, 0, 1 + days)).toISOString().slice(0, 10);
          expect(
            sessionChangeProblem({ start: '2026-01-01', finish, seats: taken + extra }, taken),
          ).toBeNull();
        },
      ),
    );
  });
});
