import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEpochDay, toEpochDay } from './days.ts';
import { WorkCalendar, frenchWorkCalendar } from './work-calendar.ts';

const day = toEpochDay;

describe('WorkCalendar', () => {
  const calendar = new WorkCalendar({
    workdays: [1, 2, 3, 4, 5],
    holidays: ['2026-05-01', '2026-05-08'],
    workedDays: ['2026-05-09'],
    daysOff: ['2026-05-11'],
  });

  it.each([
    ['2026-04-27', true, 'a Monday'],
    ['2026-05-02', false, 'a Saturday'],
    ['2026-05-01', false, 'a holiday'],
    ['2026-05-09', true, 'a Saturday worked by exception'],
    ['2026-05-11', false, 'a Monday off by exception'],
  ])('%s is working: %s (%s)', (date, working) => {
    expect(calendar.isWorkingDay(day(date))).toBe(working);
  });

  it('lets an extra worked day override a holiday', () => {
    const c = new WorkCalendar({ holidays: ['2026-05-01'], workedDays: ['2026-05-01'] });
    expect(c.isWorkingDay(day('2026-05-01'))).toBe(true);
  });

  it.each([
    [{ workdays: [0] }, 'INVALID_CALENDAR'],
    [{ workdays: [8] }, 'INVALID_CALENDAR'],
    [{ workdays: [] }, 'INVALID_CALENDAR'],
    [{ holidays: ['2026-02-30'] }, 'INVALID_CALENDAR'],
    [{ workedDays: ['2026-05-01'], daysOff: ['2026-05-01'] }, 'INVALID_CALENDAR'],
    [{ hoursPerDay: 0 }, 'INVALID_CALENDAR'],
  ])('refuses the calendar %j', (spec, code) => {
    expect(() => new WorkCalendar(spec)).toThrow(expect.objectContaining({ code }));
  });

  it('uses the French public holidays of every year by default', () => {
    const fr = frenchWorkCalendar();
    expect(fr.isWorkingDay(day('2026-07-14'))).toBe(false);
    expect(fr.isWorkingDay(day('2031-05-22'))).toBe(false); // Ascension 2031
    expect(fr.isWorkingDay(day('2026-05-25'))).toBe(false);
    expect(frenchWorkCalendar({ whitMonday: false }).isWorkingDay(day('2026-05-25'))).toBe(true);
    expect(frenchWorkCalendar({ alsaceMoselle: true }).isWorkingDay(day('2026-12-26'))).toBe(false);
  });
});

describe('WorkingDayIndex', () => {
  const calendar = new WorkCalendar({ holidays: ['2026-05-01', '2026-05-08'] });
  const index = calendar.indexFrom(day('2026-04-25')); // a Saturday

  it('numbers working days from the first working day on or after the origin', () => {
    expect(fromEpochDay(index.dayOf(0))).toBe('2026-04-27');
    expect(fromEpochDay(index.dayOf(4))).toBe('2026-05-04');
    expect(fromEpochDay(index.dayOf(8))).toBe('2026-05-11');
    expect(fromEpochDay(index.dayOf(-1))).toBe('2026-04-24');
    expect(fromEpochDay(index.dayOf(-5))).toBe('2026-04-20');
  });

  it.each([
    ['2026-04-27', 0, 0],
    ['2026-05-01', 4, 3],
    ['2026-05-02', 4, 3],
    ['2026-04-26', 0, -1],
    ['2026-04-25', 0, -1],
    ['2026-04-24', -1, -1],
    ['2026-04-18', -5, -6],
  ])('%s is at or after working day %i and at or before %i', (date, after, before) => {
    expect(index.indexOnOrAfter(day(date))).toBe(after);
    expect(index.indexOnOrBefore(day(date))).toBe(before);
  });

  it('agrees with a day-by-day count over random calendars and dates', () => {
    fc.assert(
      fc.property(
        fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
        fc.array(fc.integer({ min: 20000, max: 21000 }), { maxLength: 40 }),
        fc.integer({ min: 20000, max: 21000 }),
        fc.integer({ min: 19000, max: 22000 }),
        (workdays, holidayDays, origin, probe) => {
          const cal = new WorkCalendar({ workdays, holidays: holidayDays.map(fromEpochDay) });
          const idx = cal.indexFrom(origin);
          const first = cal.nextWorkingDay(origin);
          // Brute force: count working days between the first working day and the probe.
          let n = 0;
          if (probe >= first) {
            for (let d = first; d < probe; d++) if (cal.isWorkingDay(d)) n++;
          } else {
            for (let d = probe; d < first; d++) if (cal.isWorkingDay(d)) n--;
          }
          const after = idx.indexOnOrAfter(probe);
          return after === n && idx.dayOf(after) >= probe && idx.dayOf(after - 1) < probe;
        },
      ),
      { numRuns: 300 },
    );
  });
});
