import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bySurname,
  DEFAULT_TIME_RULES,
  type SheetLineInput,
  type WeekContext,
  checkRules,
  isoWeekLabel,
  monthBounds,
  mondayOfDate,
  monthsOfWeek,
  sheetStatusOf,
  shiftWeek,
  validateWeek,
  weekDates,
  weekTotals,
} from './timesheet.ts';

const P1 = 'p1';
const P2 = 'p2';
const CLOSED = 'p-closed';
const T1 = 't1';
const T2 = 't2';
const ABS = 'a-abs';
const OLD = 'a-old';

const ctx = (over: Partial<WeekContext> = {}): WeekContext => ({
  monday: '2026-11-23',
  rules: DEFAULT_TIME_RULES,
  lockedPeriods: [],
  projects: new Map([
    [P1, { open: true }],
    [P2, { open: true }],
    [CLOSED, { open: false }],
  ]),
  taskProjects: new Map([
    [T1, P1],
    [T2, P2],
  ]),
  activities: new Map([
    [ABS, { active: true }],
    [OLD, { active: false }],
  ]),
  ...over,
});

const line = (
  target: Partial<Pick<SheetLineInput, 'projectId' | 'taskId' | 'activityId'>>,
  hours: number[],
): SheetLineInput => ({
  projectId: target.projectId ?? null,
  taskId: target.taskId ?? null,
  activityId: target.activityId ?? null,
  hours,
});

describe('week model', () => {
  it.each([
    ['2026-11-23', '2026-11-23'],
    ['2026-11-26', '2026-11-23'],
    ['2026-11-29', '2026-11-23'],
    ['2027-01-01', '2026-12-28'],
  ])('the Monday of %s is %s', (date, monday) => expect(mondayOfDate(date)).toBe(monday));

  it('lists the seven days Monday to Sunday and shifts whole weeks', () => {
    expect(weekDates('2026-12-28')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
    expect(shiftWeek('2026-11-23', -1)).toBe('2026-11-16');
    expect(shiftWeek('2026-12-28', 1)).toBe('2027-01-04');
  });

  it('numbers weeks the ISO way (week 53 of 2026 holds 1 January 2027)', () => {
    expect(isoWeekLabel('2026-11-23')).toEqual({ year: 2026, week: 48 });
    expect(isoWeekLabel('2026-12-28')).toEqual({ year: 2026, week: 53 });
    expect(monthsOfWeek('2026-12-28')).toEqual(['2026-12', '2027-01']);
    expect(monthBounds('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthBounds('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});

describe('totals', () => {
  it('sums per day, per line and for the week without floating-point drift', () => {
    const totals = weekTotals([
      [0.1, 0.2, 7.5, 0, 0, 0, 0],
      [0.2, 0.1, 0.25, 8, 0, 0, 0],
    ]);
    expect(totals.perDay).toEqual([0.3, 0.3, 7.75, 8, 0, 0, 0]);
    expect(totals.perLine).toEqual([7.8, 8.55]);
    expect(totals.total).toBe(16.35);
  });

  it('is zero for no lines', () => {
    expect(weekTotals([])).toEqual({ perDay: [0, 0, 0, 0, 0, 0, 0], perLine: [], total: 0 });
  });
});

describe('rules', () => {
  const cases: [string, SheetLineInput[], Partial<WeekContext>, object[]][] = [
    ['accepts a normal week', [line({ projectId: P1 }, [7, 7, 7, 7, 7, 0, 0])], {}, []],
    [
      'refuses more than 24 hours on a day, whatever the configured maximum',
      [
        line({ projectId: P1 }, [20, 0, 0, 0, 0, 0, 0]),
        line({ activityId: ABS }, [5, 0, 0, 0, 0, 0, 0]),
      ],
      { rules: { maxHoursPerDay: 24, maxHoursPerWeek: 168 } },
      [{ code: 'DAY_OVER_24', line: null, day: 0, value: 25, limit: 24 }],
    ],
    [
      'refuses a day over the configured maximum',
      [line({ projectId: P1 }, [0, 0, 11, 0, 0, 0, 0])],
      {},
      [{ code: 'DAY_OVER_MAX', line: null, day: 2, value: 11, limit: 10 }],
    ],
    [
      'refuses a week over the configured maximum',
      [line({ projectId: P1 }, [10, 10, 10, 10, 10, 0, 0])],
      {},
      [{ code: 'WEEK_OVER_MAX', line: null, day: null, value: 50, limit: 48 }],
    ],
    [
      'refuses negative, non-finite and over-precise hours, cell by cell',
      [line({ projectId: P1 }, [-1, Number.NaN, 1.234, 0, 0, 0, 0])],
      {},
      [
        { code: 'HOURS_INVALID', line: 0, day: 0, value: -1 },
        { code: 'HOURS_INVALID', line: 0, day: 1, value: Number.NaN },
        { code: 'HOURS_INVALID', line: 0, day: 2, value: 1.234 },
      ],
    ],
    [
      'refuses hours on the days of a locked period only',
      [line({ projectId: P1 }, [7, 7, 7, 0, 0, 0, 0])],
      { lockedPeriods: [{ from: '2026-11-01', to: '2026-11-24' }] },
      [
        { code: 'PERIOD_LOCKED', line: 0, day: 0 },
        { code: 'PERIOD_LOCKED', line: 0, day: 1 },
      ],
    ],
    [
      'refuses hours on a closed project but not an empty line of it',
      [
        line({ projectId: CLOSED }, [1, 0, 0, 0, 0, 0, 0]),
        line({ projectId: CLOSED, taskId: null }, [0, 0, 0, 0, 0, 0, 0]),
      ],
      {},
      [
        { code: 'PROJECT_CLOSED', line: 0, day: null },
        { code: 'LINE_DUPLICATE', line: 1, day: null },
      ],
    ],
    [
      'refuses a task of another project',
      [line({ projectId: P1, taskId: T2 }, [1, 0, 0, 0, 0, 0, 0])],
      {},
      [{ code: 'TASK_OTHER_PROJECT', line: 0, day: null }],
    ],
    [
      'refuses unknown projects, tasks and activities, and withdrawn activities with hours',
      [
        line({ projectId: 'nope' }, [1, 0, 0, 0, 0, 0, 0]),
        line({ projectId: P1, taskId: 'nope' }, [1, 0, 0, 0, 0, 0, 0]),
        line({ activityId: 'nope' }, [1, 0, 0, 0, 0, 0, 0]),
        line({ activityId: OLD }, [1, 0, 0, 0, 0, 0, 0]),
      ],
      {},
      [
        { code: 'PROJECT_UNKNOWN', line: 0, day: null },
        { code: 'TASK_UNKNOWN', line: 1, day: null },
        { code: 'ACTIVITY_UNKNOWN', line: 2, day: null },
        { code: 'ACTIVITY_INACTIVE', line: 3, day: null },
      ],
    ],
    [
      'refuses a line charged to both a project and an activity, or to nothing',
      [
        line({ projectId: P1, activityId: ABS }, [1, 0, 0, 0, 0, 0, 0]),
        line({}, [0, 1, 0, 0, 0, 0, 0]),
      ],
      {},
      [
        { code: 'LINE_TARGET_INVALID', line: 0, day: null },
        { code: 'LINE_TARGET_INVALID', line: 1, day: null },
      ],
    ],
    [
      'allows the same project on two different tasks',
      [
        line({ projectId: P1, taskId: T1 }, [4, 0, 0, 0, 0, 0, 0]),
        line({ projectId: P1 }, [4, 0, 0, 0, 0, 0, 0]),
      ],
      {},
      [],
    ],
  ];
  it.each(cases)('%s', (_name, lines, over, expected) => {
    expect(validateWeek(lines, ctx(over))).toEqual(expected);
  });

  it('checks the rules setting itself', () => {
    expect(checkRules({ maxHoursPerDay: 25, maxHoursPerWeek: 0 })).toEqual([
      { field: 'maxHoursPerDay', message: 'between 0 and 24 hours' },
      { field: 'maxHoursPerWeek', message: 'between 0 and 168 hours' },
    ]);
    expect(checkRules(DEFAULT_TIME_RULES)).toEqual([]);
  });
});

describe('approval status', () => {
  it.each([
    [['approved', 'approved'], 'approved'],
    [['approved', 'pending'], 'submitted'],
    [['approved', 'rejected', 'pending'], 'rejected'],
  ] as const)('%j gives %s', (approvals, status) => expect(sheetStatusOf(approvals)).toBe(status));
});

describe('properties', () => {
  const quarter = fc.integer({ min: 0, max: 96 }).map((q) => q / 4);
  const week = fc.array(quarter, { minLength: 7, maxLength: 7 });

  it('the per-day totals and the per-line totals add up to the same week total', () => {
    fc.assert(
      fc.property(fc.array(week, { maxLength: 12 }), (lines) => {
        const t = weekTotals(lines);
        const byDay = t.perDay.reduce((a, b) => a + b, 0);
        const byLine = t.perLine.reduce((a, b) => a + b, 0);
        expect(Math.round(byDay * 100)).toBe(Math.round(t.total * 100));
        expect(Math.round(byLine * 100)).toBe(Math.round(t.total * 100));
      }),
    );
  });

  it('flags a day exactly when its total passes the limit, and never a cell twice for the same rule', () => {
    fc.assert(
      fc.property(
        fc.array(week, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 24 }),
        (hours, maxDay) => {
          const lines = hours.map((h, i) => line({ projectId: i % 2 ? P1 : P2 }, h)).slice(0, 2);
          const rules = { maxHoursPerDay: maxDay, maxHoursPerWeek: 168 };
          const violations = validateWeek(lines, ctx({ rules }));
          const totals = weekTotals(lines.map((l) => l.hours));
          totals.perDay.forEach((h, d) => {
            const flagged = violations.some(
              (v) => (v.code === 'DAY_OVER_MAX' || v.code === 'DAY_OVER_24') && v.day === d,
            );
            expect(flagged).toBe(h > maxDay);
          });
          const keys = violations.map((v) => `${v.code}/${v.line}/${v.day}`);
          expect(new Set(keys).size).toBe(keys.length);
        },
      ),
    );
  });

  it('hours on a locked day are always refused, and only there', () => {
    fc.assert(
      fc.property(
        week,
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 6 }),
        (h, a, b) => {
          const [from, to] = [Math.min(a, b), Math.max(a, b)];
          const dates = weekDates('2026-11-23');
          const lockedPeriods = [{ from: dates[from]!, to: dates[to]! }];
          const rules = { maxHoursPerDay: 24, maxHoursPerWeek: 168 };
          const v = validateWeek([line({ projectId: P1 }, h)], ctx({ lockedPeriods, rules }));
          const lockedDays = v.filter((x) => x.code === 'PERIOD_LOCKED').map((x) => x.day);
          const expected = h.flatMap((x, d) => (x > 0 && d >= from && d <= to ? [d] : []));
          expect(lockedDays).toEqual(expected);
        },
      ),
    );
  });
});

describe('bySurname', () => {
  it('sorts surname first, then first name, the French way (case and accents ignored)', () => {
    const people = [
      { lastName: 'Legrand', firstName: 'Pierre' },
      { lastName: 'Éluard', firstName: 'Léo' },
      { lastName: 'lefèvre', firstName: 'Mathieu' },
      { lastName: 'Lefebvre', firstName: 'Anne' },
      { lastName: 'Escoffier', firstName: 'Zoé' },
      { lastName: 'Lefèvre', firstName: 'Émilie' },
    ];
    expect([...people].sort(bySurname).map((p) => `${p.lastName} ${p.firstName}`)).toEqual([
      'Éluard Léo',
      'Escoffier Zoé',
      'Lefebvre Anne',
      'Lefèvre Émilie',
      'lefèvre Mathieu',
      'Legrand Pierre',
    ]);
  });
});
