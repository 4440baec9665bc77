import {
  civilOf,
  epochDayOf,
  isoWeekOf,
  isoWeekday,
  mondayOf,
  toEpochDay,
} from '../../../core/calendar/days.ts';
import { dateFormatter } from './planning-format.ts';

/** The zoom levels of the Gantt and the roadmap. */
export const ZOOMS = ['day', 'week', 'month', 'quarter'] as const;
export type Zoom = (typeof ZOOMS)[number];

/** Pixels per calendar day at each zoom (a week is 7 × that, a month about 30 ×). */
export const DAY_WIDTH: Record<Zoom, number> = { day: 28, week: 9, month: 3, quarter: 1 };

/**
 * A linear time axis over calendar days (epoch days, never `Date`): `x = (day − origin) × dayWidth`.
 * A day occupies [x(day), x(day + 1)); a task from `start` to `finish` spans x(start)..x(finish + 1).
 */
export interface TimeScale {
  zoom: Zoom;
  /** Epoch day at x = 0. */
  origin: number;
  /** Epoch day at the right edge (exclusive). */
  end: number;
  dayWidth: number;
  width: number;
}

/** The x of the start of an epoch day. */
export const xOf = (scale: TimeScale, day: number): number => (day - scale.origin) * scale.dayWidth;

/** The epoch day under an x (rounded down to the day that contains it). */
export const dayAt = (scale: TimeScale, x: number): number =>
  scale.origin + Math.floor(x / scale.dayWidth);

/** The x of a business date `YYYY-MM-DD`. */
export const xOfDate = (scale: TimeScale, date: string): number => xOf(scale, toEpochDay(date));

/**
 * A scale that covers `from`..`to` (epoch days, inclusive) with a margin, its origin aligned on a
 * tick boundary of the zoom (a Monday, the first of a month or of a quarter) so ticks line up.
 */
export function createScale(zoom: Zoom, from: number, to: number): TimeScale {
  const margin = { day: 7, week: 14, month: 31, quarter: 92 }[zoom];
  const origin = alignDown(zoom, from - margin);
  const end = Math.max(alignUp(zoom, to + margin), origin + 1);
  const dayWidth = DAY_WIDTH[zoom];
  return { zoom, origin, end, dayWidth, width: (end - origin) * dayWidth };
}

function firstOfMonth(day: number): number {
  const { year, month } = civilOf(day);
  return epochDayOf(year, month, 1);
}

function firstOfQuarter(day: number): number {
  const { year, month } = civilOf(day);
  return epochDayOf(year, month - ((month - 1) % 3), 1);
}

function firstOfYear(day: number): number {
  return epochDayOf(civilOf(day).year, 1, 1);
}

/** The first day of the month `n` months after the month of `day`. */
export function addMonths(day: number, n: number): number {
  const { year, month } = civilOf(day);
  const index = year * 12 + (month - 1) + n;
  return epochDayOf(Math.floor(index / 12), (index % 12) + 1, 1);
}

function alignDown(zoom: Zoom, day: number): number {
  if (zoom === 'day' || zoom === 'week') return mondayOf(day);
  if (zoom === 'month') return firstOfMonth(day);
  return firstOfQuarter(day);
}

function alignUp(zoom: Zoom, day: number): number {
  const down = alignDown(zoom, day);
  if (down === day) return day;
  if (zoom === 'day' || zoom === 'week') return down + 7;
  return addMonths(down, zoom === 'month' ? 1 : 3);
}

export type TickUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** One interval of a header row: from `day` (inclusive) to `next` (exclusive). */
export interface Tick {
  unit: TickUnit;
  day: number;
  next: number;
  x: number;
  width: number;
}

/** The two header rows of each zoom: the upper (coarse) and the lower (fine) unit. */
export const TICK_UNITS: Record<Zoom, { major: TickUnit; minor: TickUnit }> = {
  day: { major: 'week', minor: 'day' },
  week: { major: 'month', minor: 'week' },
  month: { major: 'year', minor: 'month' },
  quarter: { major: 'year', minor: 'quarter' },
};

function unitStart(unit: TickUnit, day: number): number {
  switch (unit) {
    case 'day':
      return day;
    case 'week':
      return mondayOf(day);
    case 'month':
      return firstOfMonth(day);
    case 'quarter':
      return firstOfQuarter(day);
    case 'year':
      return firstOfYear(day);
  }
}

function unitNext(unit: TickUnit, start: number): number {
  switch (unit) {
    case 'day':
      return start + 1;
    case 'week':
      return start + 7;
    case 'month':
      return addMonths(start, 1);
    case 'quarter':
      return addMonths(start, 3);
    case 'year':
      return addMonths(start, 12);
  }
}

/**
 * The intervals of one unit that intersect the days `from`..`to` (exclusive), clipped to the
 * scale: weeks start on Monday, quarters in January, April, July and October.
 */
export function ticksOf(
  scale: TimeScale,
  unit: TickUnit,
  from = scale.origin,
  to = scale.end,
): Tick[] {
  const ticks: Tick[] = [];
  const lo = Math.max(from, scale.origin);
  const hi = Math.min(to, scale.end);
  for (let day = unitStart(unit, lo); day < hi;) {
    const next = unitNext(unit, day);
    const a = Math.max(day, scale.origin);
    const b = Math.min(next, scale.end);
    ticks.push({ unit, day, next, x: xOf(scale, a), width: (b - a) * scale.dayWidth });
    day = next;
  }
  return ticks;
}

/** The French week number of a day (ISO 8601, weeks from Monday): "S48" is `frenchWeek(...) === 48`. */
export function weekNumber(day: number): number {
  return isoWeekOf(day).week;
}

/** Labels the header ticks in a language; `weekLabel(48)` gives "S48" in French, "W48" in English. */
export function tickLabel(
  tick: Tick,
  locale: string,
  weekLabel: (week: number) => string,
  quarterLabel: (quarter: number) => string,
  wide: boolean,
): string {
  const date = new Date(tick.day * 86_400_000);
  const fmt = (options: Intl.DateTimeFormatOptions) => dateFormatter(locale, options).format(date);
  switch (tick.unit) {
    case 'day':
      return String(civilOf(tick.day).day);
    case 'week':
      return wide
        ? `${weekLabel(weekNumber(tick.day))} · ${fmt({ day: '2-digit', month: '2-digit', year: 'numeric' })}`
        : weekLabel(weekNumber(tick.day));
    case 'month':
      return fmt(wide ? { month: 'long', year: 'numeric' } : { month: 'short' });
    case 'quarter':
      return quarterLabel(Math.floor((civilOf(tick.day).month - 1) / 3) + 1);
    case 'year':
      return String(civilOf(tick.day).year);
  }
}

/** Whether a weekday is a weekend day (Saturday or Sunday). */
export const isWeekend = (day: number): boolean => isoWeekday(day) >= 6;

/** Today as an epoch day in the user's time zone. */
export function todayEpochDay(now: Date = new Date()): number {
  return epochDayOf(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
