import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { absenceHours, sickOnTrainingDays } from './cra.ts';

const week = [
  '2026-03-02',
  '2026-03-03',
  '2026-03-04',
  '2026-03-05',
  '2026-03-06',
  '2026-03-07',
  '2026-03-08',
];
const fullTime = [7, 7, 7, 7, 7, 0, 0];

describe('absenceHours (table)', () => {
  it('an approved absence blocks the working hours of its days only', () => {
    expect(
      absenceHours(week, fullTime, [
        { start: '2026-02-27', finish: '2026-03-03', dayFraction: 1, status: 'approved' },
      ]),
    ).toEqual({ blocked: [7, 7, 0, 0, 0, 0, 0], requested: [0, 0, 0, 0, 0, 0, 0] });
  });
  it('half days, part time (Wednesday off) and a request shown apart', () => {
    expect(
      absenceHours(
        week,
        [7, 7, 0, 7, 7, 0, 0],
        [
          { start: '2026-03-04', finish: '2026-03-05', dayFraction: 0.5, status: 'approved' },
          { start: '2026-03-06', finish: '2026-03-06', dayFraction: 1, status: 'requested' },
        ],
      ),
    ).toEqual({ blocked: [0, 0, 0, 3.5, 0, 0, 0], requested: [0, 0, 0, 0, 7, 0, 0] });
  });
});

describe('absenceHours (properties)', () => {
  it('never blocks more than the working hours of a day', () => {
    const day = fc
      .integer({ min: 0, max: 12 })
      .map((n) => `2026-03-${String(n + 1).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            a: day,
            b: day,
            dayFraction: fc.constantFrom(0.5, 1),
            status: fc.constantFrom('requested' as const, 'approved' as const),
          }),
          { maxLength: 5 },
        ),
        fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 7, maxLength: 7 }),
        (rows, hours) => {
          const absences = rows.map((r) => ({
            start: r.a < r.b ? r.a : r.b,
            finish: r.a < r.b ? r.b : r.a,
            dayFraction: r.dayFraction,
            status: r.status,
          }));
          const { blocked, requested } = absenceHours(week, hours, absences);
          blocked.forEach((h, i) => {
            expect(h).toBeGreaterThanOrEqual(0);
            expect(h).toBeLessThanOrEqual(hours[i]!);
            expect(requested[i]!).toBeLessThanOrEqual(hours[i]!);
          });
        },
      ),
    );
  });
});

describe('sickOnTrainingDays', () => {
  const training = { kind: 'formation', start: '2026-03-02', finish: '2026-03-04' };
  it.each([
    [
      'sick on the training’s Tuesday',
      [training, { kind: 'maladie', start: '2026-03-03', finish: '2026-03-03' }],
      [1],
    ],
    [
      'sick over its end and after',
      [training, { kind: 'maladie', start: '2026-03-04', finish: '2026-03-06' }],
      [2],
    ],
    ['sick with no training', [{ kind: 'maladie', start: '2026-03-03', finish: '2026-03-03' }], []],
    [
      'congés on the training are not sickness',
      [training, { kind: 'conges', start: '2026-03-03', finish: '2026-03-03' }],
      [],
    ],
  ])('%s', (_, absences, days) => {
    expect(sickOnTrainingDays(week, absences)).toEqual(week.map((_, i) => days.includes(i)));
  });
});
