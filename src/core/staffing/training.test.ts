import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type EnrolmentAction,
  type EnrolmentStatus,
  enrolmentTransition,
  goalStatusAfter,
  levelAfterCourse,
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
