import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEpochDay, toEpochDay } from '../calendar/days.ts';
import {
  type AbsenceAround,
  attendedSpans,
  enrolmentConflicts,
  personCalendar,
  sessionDays,
  sessionDaysWithin,
  spansOfDays,
} from './attendance.ts';

// Monday 5 – Wednesday 7 April 2027.
const session = { start: '2027-04-05', finish: '2027-04-07' };
const day = (d: string) => ({ start: d, finish: d });

describe('sessionDays', () => {
  it.each([
    ['three weekdays', session, ['2027-04-05', '2027-04-06', '2027-04-07']],
    [
      'Friday to Monday skips the weekend',
      { start: '2027-04-09', finish: '2027-04-12' },
      ['2027-04-09', '2027-04-12'],
    ],
    ['a Saturday session keeps its day', day('2027-04-10'), ['2027-04-10']],
    [
      'a weekend session keeps both days',
      { start: '2027-04-10', finish: '2027-04-11' },
      ['2027-04-10', '2027-04-11'],
    ],
  ])('%s', (_, s, expected) => {
    expect(sessionDays(s)).toEqual(expected);
  });
});

describe('sessionDays in the person’s calendar', () => {
  // Monday 11 – Friday 15 May 2026; Thursday 14 May is Ascension Day.
  const may = { start: '2026-05-11', finish: '2026-05-15' };
  const fullTime = personCalendar(null, 2026, 2026);
  const wednesdaysOff = personCalendar([7, 7, 0, 7, 7, 0, 0], 2026, 2026);
  it.each([
    ['full time: the public holiday is no training day', may, fullTime, ['11', '12', '13', '15']],
    ['80 % with Wednesdays off: nor is the day off', may, wednesdaysOff, ['11', '12', '15']],
    ['a session on the day off only: that day', day('2026-05-13'), wednesdaysOff, ['13']],
    ['a session on the holiday only: that day', day('2026-05-14'), fullTime, ['14']],
  ])('%s', (_, s, calendar, expected) => {
    expect(sessionDays(s, calendar)).toEqual(expected.map((d) => `2026-05-${d}`));
  });

  it('counts attended days, missed days and clashes on those days only', () => {
    const sick = [{ start: '2026-05-13', finish: '2026-05-14' }];
    expect(sessionDaysWithin(may, sick, wednesdaysOff)).toEqual([]);
    expect(attendedSpans(may, sick, wednesdaysOff)).toEqual([
      { start: '2026-05-11', finish: '2026-05-12' },
      day('2026-05-15'),
    ]);
    const conges: AbsenceAround = {
      id: 'c',
      kind: 'conges',
      status: 'approved',
      start: '2026-05-13',
      finish: '2026-05-14',
    };
    expect(enrolmentConflicts(may, [conges], wednesdaysOff)).toEqual([]);
    expect(enrolmentConflicts(may, [conges], fullTime)).toEqual([
      { ...conges, days: [day('2026-05-13')] },
    ]);
  });
});

describe('attendedSpans', () => {
  it.each([
    ['no sickness: every day', [], [session]],
    [
      'sick on the Tuesday: Monday and Wednesday',
      [day('2027-04-06')],
      [day('2027-04-05'), day('2027-04-07')],
    ],
    [
      'sick from Monday to Tuesday: Wednesday',
      [{ start: '2027-04-01', finish: '2027-04-06' }],
      [day('2027-04-07')],
    ],
    ['sick every day: nothing', [{ start: '2027-04-05', finish: '2027-04-07' }], []],
    [
      'sick over two spans covering all: nothing',
      [day('2027-04-05'), { start: '2027-04-06', finish: '2027-04-30' }],
      [],
    ],
    [
      'sick the weekend before: every day',
      [{ start: '2027-04-03', finish: '2027-04-04' }],
      [session],
    ],
  ])('%s', (_, missed, expected) => {
    expect(attendedSpans(session, missed)).toEqual(expected);
  });

  it('attended and missed days partition the session days', () => {
    const arbDay = fc
      .integer({ min: 0, max: 20 })
      .map((n) => fromEpochDay(toEpochDay('2027-04-01') + n));
    fc.assert(
      fc.property(
        fc.tuple(arbDay, arbDay),
        fc.array(fc.tuple(arbDay, arbDay), { maxLength: 4 }),
        ([a, b], sick) => {
          const s = a <= b ? { start: a, finish: b } : { start: b, finish: a };
          const missed = sick.map(([x, y]) =>
            x <= y ? { start: x, finish: y } : { start: y, finish: x },
          );
          const attended = attendedSpans(s, missed).flatMap((sp) =>
            sessionDays(sp).length === 0 ? [] : expand(sp),
          );
          const all = sessionDays(s);
          const missedDays = all.filter((d) => missed.some((m) => m.start <= d && d <= m.finish));
          expect([...attended, ...missedDays].sort()).toEqual(all);
          expect(attended.some((d) => missedDays.includes(d))).toBe(false);
        },
      ),
    );
  });
});

function expand(s: { start: string; finish: string }) {
  const out: string[] = [];
  for (let d = toEpochDay(s.start); d <= toEpochDay(s.finish); d++) out.push(fromEpochDay(d));
  return out;
}

describe('spansOfDays', () => {
  it('merges consecutive days across a month end, drops duplicates', () => {
    expect(spansOfDays(['2027-05-01', '2027-04-30', '2027-04-30', '2027-05-03'])).toEqual([
      { start: '2027-04-30', finish: '2027-05-01' },
      day('2027-05-03'),
    ]);
  });
});

describe('enrolmentConflicts', () => {
  const abs = (
    id: string,
    kind: AbsenceAround['kind'],
    start: string,
    finish: string,
    status: AbsenceAround['status'] = 'approved',
  ): AbsenceAround => ({ id, kind, status, start, finish });

  it.each([
    ['no absence', [], []],
    [
      'approved congés on the Tuesday',
      [abs('c', 'conges', '2027-04-06', '2027-04-09')],
      [['c', [{ start: '2027-04-06', finish: '2027-04-07' }]]],
    ],
    [
      'a requested RTT on the Monday',
      [abs('r', 'rtt', '2027-04-05', '2027-04-05', 'requested')],
      [['r', [day('2027-04-05')]]],
    ],
    [
      'another training on the Wednesday',
      [abs('f', 'formation', '2027-04-07', '2027-04-08')],
      [['f', [day('2027-04-07')]]],
    ],
    [
      '« autre » over the whole week',
      [abs('o', 'autre', '2027-04-05', '2027-04-09')],
      [['o', [session]]],
    ],
    ['a sick leave does not stop it', [abs('m', 'maladie', '2027-04-05', '2027-04-07')], []],
    ['congés on the weekend before only', [abs('w', 'conges', '2027-04-03', '2027-04-04')], []],
  ] as const)('%s', (_, absences, expected) => {
    expect(enrolmentConflicts(session, absences).map((c) => [c.id, c.days])).toEqual(expected);
  });

  it('is sorted by start and names every blocking absence', () => {
    const out = enrolmentConflicts(session, [
      abs('b', 'rtt', '2027-04-07', '2027-04-07'),
      abs('a', 'conges', '2027-04-05', '2027-04-05'),
      abs('m', 'maladie', '2027-04-06', '2027-04-06'),
    ]);
    expect(out.map((c) => c.id)).toEqual(['a', 'b']);
  });
});
