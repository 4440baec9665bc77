import { PlanningError } from '../planning/planning-error.ts';
import { MAX_EPOCH_DAY, MIN_EPOCH_DAY, isoWeekday, toEpochDay, yearOf } from './days.ts';
import { frenchPublicHolidayDays, type FrenchHolidayOptions } from './holidays-fr.ts';

/** A working calendar as data: what the exchange format and the database hold. */
export interface WorkCalendarSpec {
  /** ISO weekdays worked, 1 = Monday … 7 = Sunday; default Monday to Friday. */
  workdays?: readonly number[];
  /** Dates (`YYYY-MM-DD`) not worked. */
  holidays?: readonly string[];
  /** Exceptions: dates worked even though they are non-working weekdays or holidays. */
  workedDays?: readonly string[];
  /** Exceptions: extra dates off (closures, bridges). */
  daysOff?: readonly string[];
  /** Working hours in a working day (default 8), used to convert hours and minutes to days. */
  hoursPerDay?: number;
}

/** Computes the holidays (epoch days) of one year, e.g. the French public holidays. */
export type HolidayRule = (year: number) => readonly number[];

/** Longest run of non-working days tolerated before a calendar is declared empty. */
const MAX_NON_WORKING_RUN = 3660;

/**
 * Which days are worked. Precedence: extra days off, then extra worked days, then holidays
 * (listed or computed by a rule), then the weekly pattern.
 */
export class WorkCalendar {
  readonly workdays: readonly number[];
  readonly hoursPerDay: number;
  readonly holidays: ReadonlySet<number>;
  readonly workedDays: ReadonlySet<number>;
  readonly daysOff: ReadonlySet<number>;
  private readonly weekMask: number;
  private readonly holidayRule: HolidayRule | undefined;
  private readonly ruleYears = new Map<number, ReadonlySet<number>>();

  constructor(spec: WorkCalendarSpec = {}, holidayRule?: HolidayRule) {
    const workdays = spec.workdays ?? [1, 2, 3, 4, 5];
    let mask = 0;
    for (const d of workdays) {
      if (!Number.isInteger(d) || d < 1 || d > 7) {
        throw new PlanningError(
          'INVALID_CALENDAR',
          `workday ${String(d)} is not an ISO weekday 1..7`,
          {
            workday: d,
          },
        );
      }
      mask |= 1 << d;
    }
    const hoursPerDay = spec.hoursPerDay ?? 8;
    if (!(hoursPerDay > 0 && hoursPerDay <= 24)) {
      throw new PlanningError('INVALID_CALENDAR', `hoursPerDay ${hoursPerDay} is not in ]0, 24]`, {
        hoursPerDay,
      });
    }
    this.workdays = [...new Set(workdays)].sort((a, b) => a - b);
    this.weekMask = mask;
    this.hoursPerDay = hoursPerDay;
    this.holidays = daySet(spec.holidays, 'holiday');
    this.workedDays = daySet(spec.workedDays, 'worked day');
    this.daysOff = daySet(spec.daysOff, 'day off');
    for (const day of this.daysOff) {
      if (this.workedDays.has(day)) {
        throw new PlanningError('INVALID_CALENDAR', 'a date is both a worked day and a day off', {
          epochDay: day,
        });
      }
    }
    this.holidayRule = holidayRule;
    if (mask === 0 && this.workedDays.size === 0) {
      throw new PlanningError('INVALID_CALENDAR', 'the calendar has no working day', {});
    }
  }

  /** Whether the epoch day (days since 1970-01-01) is worked. */
  isWorkingDay(day: number): boolean {
    if (this.daysOff.has(day)) return false;
    if (this.workedDays.has(day)) return true;
    if (this.holidays.has(day)) return false;
    if (this.holidayRule && this.ruleHolidays(yearOf(day)).has(day)) return false;
    return (this.weekMask & (1 << isoWeekday(day))) !== 0;
  }

  /** First working epoch day on or after `day`; throws INVALID_CALENDAR if none is near. */
  nextWorkingDay(day: number): number {
    for (let d = day, n = 0; n <= MAX_NON_WORKING_RUN; d++, n++) {
      if (this.isWorkingDay(d)) return d;
    }
    throw noWorkingDay(day);
  }

  /** Last working epoch day on or before `day`; throws INVALID_CALENDAR if none is near. */
  previousWorkingDay(day: number): number {
    for (let d = day, n = 0; n <= MAX_NON_WORKING_RUN; d--, n++) {
      if (this.isWorkingDay(d)) return d;
    }
    throw noWorkingDay(day);
  }

  /** Index from working day 0 = the first working day on or after `origin` (epoch day). */
  indexFrom(origin: number): WorkingDayIndex {
    return new WorkingDayIndex(this, origin);
  }

  private ruleHolidays(year: number): ReadonlySet<number> {
    let set = this.ruleYears.get(year);
    if (!set) {
      set = new Set(this.holidayRule ? this.holidayRule(year) : []);
      this.ruleYears.set(year, set);
    }
    return set;
  }
}

/** The default French calendar: Monday to Friday, public holidays computed for every year. */
export function frenchWorkCalendar(
  options: FrenchHolidayOptions & WorkCalendarSpec = {},
): WorkCalendar {
  return new WorkCalendar(options, (year) => frenchPublicHolidayDays(year, options));
}

/**
 * Maps working-day numbers to epoch days and back, around an origin: number 0 is the first
 * working day on or after the origin, 1 the next one, −1 the last one before it, and so on.
 * The table grows lazily in both directions; `dayOf` is O(1) once the range is known, and
 * `indexOnOrAfter` / `indexOnOrBefore` are O(log n) binary searches.
 */
export class WorkingDayIndex {
  readonly calendar: WorkCalendar;
  /** Epoch day of working day 0. */
  readonly firstDay: number;
  private forward: Int32Array;
  private forwardLength = 1;
  private backward: Int32Array;
  private backwardLength = 0;

  constructor(calendar: WorkCalendar, origin: number) {
    this.calendar = calendar;
    this.firstDay = calendar.nextWorkingDay(origin);
    this.forward = new Int32Array(256);
    this.forward[0] = this.firstDay;
    this.backward = new Int32Array(64);
  }

  /** Epoch day of working day number `index` (may be negative: before the origin). */
  dayOf(index: number): number {
    if (index >= 0) {
      if (index >= this.forwardLength) this.growForward(index + 1);
      return this.forward[index]!;
    }
    const k = -index - 1;
    if (k >= this.backwardLength) this.growBackward(k + 1);
    return this.backward[k]!;
  }

  /** Makes `dayOf` O(1) without growth for every index in [from, to]. */
  ensureRange(from: number, to: number): void {
    if (to >= this.forwardLength) this.growForward(to + 1);
    if (from < 0 && -from > this.backwardLength) this.growBackward(-from);
  }

  /** Epoch days of working days `from` … `to` (inclusive), as one array: `span[i − from]`. */
  span(from: number, to: number): Int32Array {
    this.ensureRange(from, to);
    const out = new Int32Array(Math.max(0, to - from + 1));
    const splitAt = Math.min(0, to + 1);
    for (let i = from; i < splitAt; i++) out[i - from] = this.backward[-i - 1]!;
    const firstForward = Math.max(0, from);
    if (to >= firstForward) {
      out.set(this.forward.subarray(firstForward, to + 1), firstForward - from);
    }
    return out;
  }

  /** Number of the first working day on or after epoch day `day`. */
  indexOnOrAfter(day: number): number {
    if (day <= this.firstDay) {
      if (day === this.firstDay) return 0;
      // Backward table is decreasing: find the last k with backward[k] >= day.
      this.coverBackward(day);
      let lo = 0;
      let hi = this.backwardLength - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (this.backward[mid]! >= day) lo = mid;
        else hi = mid - 1;
      }
      return this.backward[0]! >= day ? -lo - 1 : 0;
    }
    this.coverForward(day);
    let lo = 0;
    let hi = this.forwardLength - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.forward[mid]! >= day) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Number of the last working day on or before epoch day `day`. */
  indexOnOrBefore(day: number): number {
    const after = this.indexOnOrAfter(day);
    return this.dayOf(after) === day ? after : after - 1;
  }

  private coverForward(day: number): void {
    while (this.forward[this.forwardLength - 1]! < day) this.growForward(this.forwardLength * 2);
  }

  private coverBackward(day: number): void {
    while (this.backwardLength === 0 || this.backward[this.backwardLength - 1]! >= day) {
      this.growBackward(Math.max(64, this.backwardLength * 2));
    }
  }

  private growForward(length: number): void {
    if (length > this.forward.length) {
      const next = new Int32Array(Math.max(length, this.forward.length * 2));
      next.set(this.forward.subarray(0, this.forwardLength));
      this.forward = next;
    }
    let day = this.forward[this.forwardLength - 1]!;
    for (let i = this.forwardLength; i < length; i++) {
      day = this.calendar.nextWorkingDay(day + 1);
      if (day > MAX_EPOCH_DAY) throw outOfRange(i);
      this.forward[i] = day;
    }
    this.forwardLength = Math.max(this.forwardLength, length);
  }

  private growBackward(length: number): void {
    if (length > this.backward.length) {
      const next = new Int32Array(Math.max(length, this.backward.length * 2));
      next.set(this.backward.subarray(0, this.backwardLength));
      this.backward = next;
    }
    let day = this.backwardLength > 0 ? this.backward[this.backwardLength - 1]! : this.firstDay;
    for (let k = this.backwardLength; k < length; k++) {
      day = this.calendar.previousWorkingDay(day - 1);
      if (day < MIN_EPOCH_DAY) throw outOfRange(-k - 1);
      this.backward[k] = day;
    }
    this.backwardLength = Math.max(this.backwardLength, length);
  }
}

function daySet(dates: readonly string[] | undefined, what: string): Set<number> {
  const set = new Set<number>();
  for (const date of dates ?? []) {
    try {
      set.add(toEpochDay(date));
    } catch {
      throw new PlanningError(
        'INVALID_CALENDAR',
        `${what} "${String(date)}" is not a date (YYYY-MM-DD)`,
        {
          value: date,
        },
      );
    }
  }
  return set;
}

function noWorkingDay(day: number): PlanningError {
  return new PlanningError('INVALID_CALENDAR', 'the calendar has no working day near this date', {
    epochDay: day,
  });
}

function outOfRange(index: number): PlanningError {
  return new PlanningError(
    'OUT_OF_RANGE',
    `working day number ${index} falls outside years 0001..9999`,
    {
      index,
    },
  );
}
