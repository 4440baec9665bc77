import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareActions,
  DEFAULT_WEEK_HOURS,
  expectedWeekHours,
  isOverdue,
  validWeekHours,
} from './home.ts';

const WEEK = [
  '2026-11-09',
  '2026-11-10',
  '2026-11-11',
  '2026-11-12',
  '2026-11-13',
  '2026-11-14',
  '2026-11-15',
];
const NONE = [false, false, false, false, false, false, false];
const ARMISTICE = [false, false, true, false, false, false, false];

describe('expectedWeekHours', () => {
  it.each([
    ['a full week', DEFAULT_WEEK_HOURS, NONE, [], 35],
    ['11 November off', DEFAULT_WEEK_HOURS, ARMISTICE, [], 28],
    ['part time (no Wednesday)', [7, 7, 0, 7, 7, 0, 0], NONE, [], 28],
    [
      'two days of leave',
      DEFAULT_WEEK_HOURS,
      NONE,
      [{ start: '2026-11-12', finish: '2026-11-20', fraction: 1 }],
      21,
    ],
    [
      'a half day',
      DEFAULT_WEEK_HOURS,
      NONE,
      [{ start: '2026-11-09', finish: '2026-11-09', fraction: 0.5 }],
      31.5,
    ],
    [
      'overlapping absences count once (largest share)',
      DEFAULT_WEEK_HOURS,
      NONE,
      [
        { start: '2026-11-09', finish: '2026-11-09', fraction: 0.5 },
        { start: '2026-11-09', finish: '2026-11-10', fraction: 1 },
      ],
      21,
    ],
    [
      'leave on a holiday is not subtracted twice',
      DEFAULT_WEEK_HOURS,
      ARMISTICE,
      [{ start: '2026-11-11', finish: '2026-11-11', fraction: 1 }],
      28,
    ],
    ['weekend hours count', [7, 7, 7, 7, 7, 4, 0], NONE, [], 39],
  ])('%s', (_label, hours, holidays, absences, expected) => {
    expect(expectedWeekHours(hours, WEEK, holidays, absences)).toBe(expected);
  });

  it('is between 0 and the profile hours, whatever the absences and holidays', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 24 }), { minLength: 7, maxLength: 7 }),
        fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
        fc.array(
          fc.record({
            s: fc.integer({ min: 0, max: 6 }),
            len: fc.integer({ min: 0, max: 6 }),
            fraction: fc.constantFrom(0.5, 1),
          }),
          { maxLength: 4 },
        ),
        (hours, holidays, abs) => {
          const absences = abs.map((a) => ({
            start: WEEK[a.s]!,
            finish: WEEK[Math.min(6, a.s + a.len)]!,
            fraction: a.fraction,
          }));
          const v = expectedWeekHours(hours, WEEK, holidays, absences);
          const full = hours.reduce((x, y) => x + y, 0);
          return (
            v >= 0 && v <= full && (absences.length > 0 || holidays.some(Boolean) || v === full)
          );
        },
      ),
    );
  });
});

describe('validWeekHours', () => {
  it('keeps a valid profile and falls back to 35 h otherwise', () => {
    expect(validWeekHours([8, 8, 8, 8, 4, 0, 0])).toEqual([8, 8, 8, 8, 4, 0, 0]);
    expect(validWeekHours([8, 8])).toBe(DEFAULT_WEEK_HOURS);
    expect(validWeekHours(null)).toBe(DEFAULT_WEEK_HOURS);
    expect(validWeekHours([8, 8, 8, 8, 8, 8, 30])).toBe(DEFAULT_WEEK_HOURS);
  });
});

describe('my actions order', () => {
  const today = '2026-11-26';
  it('puts overdue first, then by due date, undated last, then by score', () => {
    const items = [
      { reference: 'R-1', dueDate: null, score: 90 },
      { reference: 'R-2', dueDate: '2026-12-10', score: 10 },
      { reference: 'R-3', dueDate: '2026-11-01', score: 5 },
      { reference: 'R-4', dueDate: '2026-12-10', score: 40 },
      { reference: 'R-5', dueDate: '2026-11-20', score: 5 },
    ];
    expect([...items].sort(compareActions(today)).map((a) => a.reference)).toEqual([
      'R-3',
      'R-5',
      'R-4',
      'R-2',
      'R-1',
    ]);
    expect(isOverdue('2026-11-25', today)).toBe(true);
    expect(isOverdue(today, today)).toBe(false);
    expect(isOverdue(null, today)).toBe(false);
  });

  it('is a total order (antisymmetric and consistent)', () => {
    const action = fc.record({
      reference: fc.constantFrom('R-1', 'R-2', 'R-3'),
      dueDate: fc.option(fc.constantFrom('2026-11-01', '2026-11-26', '2026-12-31'), { nil: null }),
      score: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(action, action, (a, b) => {
        const cmp = compareActions(today);
        return Math.sign(cmp(a, b)) === -Math.sign(cmp(b, a));
      }),
    );
  });
});
