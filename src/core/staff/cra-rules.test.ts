import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weekDates } from '../time/timesheet.ts';
import {
  type ApprovedAbsence,
  type RuleLine,
  absenceViolations,
  fitToAbsences,
} from './cra-rules.ts';

const WEEK = weekDates('2026-11-09'); // 11/11 is a public holiday (Wednesday)
const WORK = [7, 7, 7, 7, 7, 0, 0];
const HOLIDAYS = new Set(['2026-11-11']);
const project = (...hours: number[]): RuleLine => ({ activityKind: null, hours });
const activity = (kind: string, ...hours: number[]): RuleLine => ({ activityKind: kind, hours });
const off = (start: string, finish: string, dayFraction = 1, kind = 'conges'): ApprovedAbsence =>
  ({ kind, start, finish, dayFraction }) as ApprovedAbsence;

describe('absenceViolations', () => {
  it.each([
    {
      name: 'an ordinary week passes',
      absences: [],
      lines: [project(7, 7, 0, 7, 7, 0, 0)],
      expected: [],
    },
    {
      name: 'hours on a public holiday are refused, whatever the line',
      absences: [],
      lines: [project(0, 0, 2, 0, 0, 0, 0), activity('absence', 0, 0, 7, 0, 0, 0, 0)],
      expected: [
        { code: 'DAY_HOLIDAY', line: 0, day: 2 },
        { code: 'DAY_HOLIDAY', line: 1, day: 2 },
      ],
    },
    {
      name: 'work on a full-day absence is refused, its declaration is not',
      absences: [off('2026-11-09', '2026-11-10')],
      lines: [project(0, 1, 0, 7, 0, 0, 0), activity('absence', 7, 7, 0, 0, 0, 0, 0)],
      expected: [{ code: 'DAY_ABSENT', line: 0, day: 1, kind: 'conges' }],
    },
    {
      name: 'a training activity declares a training absence but not a holiday',
      absences: [off('2026-11-12', '2026-11-12', 1, 'formation'), off('2026-11-13', '2026-11-13')],
      lines: [activity('training', 0, 0, 0, 7, 7, 0, 0)],
      expected: [{ code: 'DAY_ABSENT', line: 0, day: 4, kind: 'conges' }],
    },
    {
      name: 'a half day caps the work at the hours left',
      absences: [off('2026-11-12', '2026-11-13', 0.5, 'rtt')],
      lines: [project(0, 0, 0, 3, 2, 0, 0), project(0, 0, 0, 1, 1.5, 0, 0)],
      expected: [
        { code: 'DAY_OVER_ABSENCE', line: null, day: 3, value: 4, limit: 3.5, kind: 'rtt' },
      ],
    },
    {
      name: 'two half days make a whole day',
      absences: [off('2026-11-10', '2026-11-10', 0.5), off('2026-11-10', '2026-11-10', 0.5, 'rtt')],
      lines: [project(0, 0.5, 0, 0, 0, 0, 0)],
      expected: [{ code: 'DAY_ABSENT', line: 0, day: 1, kind: 'conges' }],
    },
  ])('$name', ({ absences, lines, expected }) => {
    expect(absenceViolations(WEEK, WORK, absences, HOLIDAYS, lines)).toEqual(expected);
  });

  it('never blames a day without a holiday or an absence, and always blames work on a full day off', () => {
    const hours = fc.array(
      fc.integer({ min: 0, max: 1000 }).map((c) => c / 100),
      {
        minLength: 7,
        maxLength: 7,
      },
    );
    fc.assert(
      fc.property(
        fc.array(hours, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom(0.25, 0.5, 1),
        (rows, day, fraction) => {
          const lines = rows.map((h) => project(...h));
          const v = absenceViolations(
            WEEK,
            WORK,
            [off(WEEK[day]!, WEEK[day]!, fraction)],
            new Set(),
            lines,
          );
          expect(v.every((x) => x.day === day)).toBe(true);
          const worked = rows.reduce((s, h) => s + h[day]!, 0);
          if (fraction === 1) {
            expect(v.length).toBe(rows.filter((h) => h[day]! > 0).length);
          } else if (WORK[day]! === 0) {
            expect(v).toEqual([]);
          } else {
            expect(v.length > 0).toBe(worked > WORK[day]! * (1 - fraction) + 1e-6);
          }
        },
      ),
    );
  });

  it('fitToAbsences empties refused cells and trims partial days to what is left', () => {
    const absences = [off('2026-11-09', '2026-11-09'), off('2026-11-12', '2026-11-12', 0.5, 'rtt')];
    const lines = [
      project(7, 7, 7, 3, 7, 0, 0),
      project(0, 0, 0, 3, 0, 0, 0),
      activity('absence', 7, 0, 0, 3.5, 0, 0, 0),
    ];
    expect(fitToAbsences(WEEK, WORK, absences, HOLIDAYS, lines)).toEqual([
      [0, 7, 0, 3, 7, 0, 0],
      [0, 0, 0, 0.5, 0, 0, 0],
      [7, 0, 0, 3.5, 0, 0, 0],
    ]);
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.integer({ min: 0, max: 800 }).map((c) => c / 100),
            { minLength: 7, maxLength: 7 },
          ),
          { minLength: 1, maxLength: 4 },
        ),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom(0.5, 1),
        (rows, day, fraction) => {
          const abs = [off(WEEK[day]!, WEEK[day]!, fraction)];
          const fitted = fitToAbsences(
            WEEK,
            WORK,
            abs,
            HOLIDAYS,
            rows.map((h) => project(...h)),
          );
          expect(
            absenceViolations(
              WEEK,
              WORK,
              abs,
              HOLIDAYS,
              fitted.map((h) => project(...h)),
            ),
          ).toEqual([]);
          fitted.forEach((h, i) =>
            h.forEach((x, d) => expect(x).toBeLessThanOrEqual(rows[i]![d]!)),
          );
        },
      ),
    );
  });
});
