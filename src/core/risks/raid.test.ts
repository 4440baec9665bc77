import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHANGE_STATUSES,
  actionOverdue,
  addDays,
  changeStepAllowed,
  changeStepTarget,
  changedDuration,
  costImpact,
  reminderOf,
  scheduleImpact,
  slipThrough,
  type ChangeStep,
} from './raid.ts';

describe('change-request workflow', () => {
  const steps: ChangeStep[] = ['edit', 'submit', 'withdraw', 'approve', 'reject', 'delete'];
  it.each([
    ['draft', ['edit', 'submit', 'delete']],
    ['submitted', ['withdraw', 'approve', 'reject']],
    ['approved', []],
    ['rejected', []],
  ] as const)('%s allows exactly %j', (status, allowed) => {
    expect(steps.filter((s) => changeStepAllowed(status, s))).toEqual(
      steps.filter((s) => (allowed as readonly string[]).includes(s)),
    );
  });
  it('moves submit → submitted, withdraw → draft, approve → approved, reject → rejected', () => {
    expect(changeStepTarget('submit')).toBe('submitted');
    expect(changeStepTarget('withdraw')).toBe('draft');
    expect(changeStepTarget('approve')).toBe('approved');
    expect(changeStepTarget('reject')).toBe('rejected');
  });
  it('never leaves a final status', () => {
    for (const s of CHANGE_STATUSES.filter((x) => x === 'approved' || x === 'rejected'))
      for (const step of steps) expect(changeStepAllowed(s, step)).toBe(false);
  });
});

describe('impact analysis', () => {
  it.each([
    [{ duration: 10, totalFloat: 0 }, 5, 5],
    [{ duration: 10, totalFloat: 3 }, 5, 2],
    [{ duration: 10, totalFloat: 8 }, 5, 0],
    [{ duration: 10, totalFloat: null }, 4, 4],
    [{ duration: 10, totalFloat: -2 }, 4, 4],
    [{ duration: 10, totalFloat: 0 }, -3, 0],
  ])('task %j lengthened by %i slips the finish by %i', (task, delta, slip) => {
    expect(slipThrough(task, delta)).toBe(slip);
  });
  it('takes the worst slip over parallel tasks, never negative', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            task: fc.record({
              duration: fc.nat(100),
              totalFloat: fc.option(fc.integer({ min: -5, max: 50 }), { nil: null }),
            }),
            deltaDays: fc.integer({ min: -20, max: 20 }),
          }),
        ),
        (items) => {
          const s = scheduleImpact(items);
          expect(s).toBeGreaterThanOrEqual(0);
          for (const i of items) expect(s).toBeGreaterThanOrEqual(slipThrough(i.task, i.deltaDays));
          expect(s).toBeLessThanOrEqual(Math.max(0, ...items.map((i) => i.deltaDays)));
        },
      ),
    );
  });
  it('keeps durations non-negative and sums budget changes', () => {
    expect(changedDuration(3, -5)).toBe(0);
    expect(changedDuration(3, 2)).toBe(5);
    expect(costImpact([{ deltaCents: 250_000 }, { deltaCents: -50_000 }])).toBe(200_000);
  });
});

describe('actions', () => {
  it('flags open actions past due as overdue', () => {
    expect(actionOverdue({ status: 'open', dueDate: '2026-03-01' }, '2026-03-02')).toBe(true);
    expect(actionOverdue({ status: 'open', dueDate: '2026-03-02' }, '2026-03-02')).toBe(false);
    expect(actionOverdue({ status: 'done', dueDate: '2026-03-01' }, '2026-03-02')).toBe(false);
    expect(actionOverdue({ status: 'open', dueDate: null }, '2026-03-02')).toBe(false);
  });
  it.each([
    ['2026-03-01', 'overdue'],
    ['2026-03-02', 'due_soon'],
    ['2026-03-05', 'due_soon'],
    ['2026-03-06', null],
  ] as const)('an action due %s gets %s on 2026-03-02', (due, kind) => {
    expect(reminderOf({ status: 'open', dueDate: due }, '2026-03-02')).toBe(kind);
  });
  it('adds days across months and years', () => {
    expect(addDays('2026-02-27', 3)).toBe('2026-03-02');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
