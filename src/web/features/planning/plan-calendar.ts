import type { Plan } from '../../../contracts/planning.ts';
import { toEpochDay } from '../../../core/calendar/days.ts';
import { frenchPublicHolidayDays } from '../../../core/calendar/holidays-fr.ts';
import { WorkCalendar } from '../../../core/calendar/work-calendar.ts';

/** Whether an epoch day is worked in a plan's calendar. */
export type WorkingDayTest = (day: number) => boolean;

/**
 * The plan's working days, for shading and for dragging bars by working days: the days the
 * server listed inside the project span, the same calendar rules (French holidays, variant,
 * exceptions) outside it.
 */
export function workingDayTest(
  plan: Pick<Plan, 'settings' | 'nonWorkingDays' | 'projectStart' | 'projectFinish'>,
): WorkingDayTest {
  const cal = plan.settings.calendar;
  const calendar = new WorkCalendar(
    {
      workdays: cal.workdays,
      daysOff: cal.daysOff,
      workedDays: cal.workedDays,
      hoursPerDay: cal.hoursPerDay,
    },
    cal.holidays === 'none'
      ? undefined
      : (year) =>
          frenchPublicHolidayDays(year, {
            whitMonday: !cal.whitMondayWorked,
            alsaceMoselle: cal.holidays === 'fr-alsace-moselle',
          }),
  );
  if (!plan.projectStart || !plan.projectFinish) return (day) => calendar.isWorkingDay(day);
  const from = toEpochDay(plan.projectStart);
  const to = toEpochDay(plan.projectFinish);
  const off = new Set(plan.nonWorkingDays.map(toEpochDay));
  return (day) => (day >= from && day <= to ? !off.has(day) : calendar.isWorkingDay(day));
}

/** The working day `n` working days after (or before, n < 0) `day`; `day` itself when n = 0 and it is worked. */
export function shiftWorkingDays(isWorking: WorkingDayTest, day: number, n: number): number {
  let d = day;
  const step = n >= 0 ? 1 : -1;
  while (!isWorking(d)) d += step;
  for (let left = Math.abs(n); left > 0;) {
    d += step;
    if (isWorking(d)) left--;
  }
  return d;
}

/** Working days from `start` to `finish`, both included (0 when finish is before start). */
export function workingDaysBetween(
  isWorking: WorkingDayTest,
  start: number,
  finish: number,
): number {
  let n = 0;
  for (let d = start; d <= finish; d++) if (isWorking(d)) n++;
  return n;
}
