import { fromEpochDay, isIsoDate, isoWeekOf, isoWeekday, toEpochDay } from '../calendar/days.ts';

/*
 * Timesheets (CRA, compte rendu d'activité): one sheet per person per ISO week (Monday to
 * Sunday). Hours travel as decimal numbers with at most two decimals and are summed as integer
 * hundredths of an hour ("centi-hours"), so 0,1 + 0,2 is exactly 0,3 and totals never drift.
 */

/** Days in a timesheet week (Monday … Sunday). */
export const WEEK_DAYS = 7;

/** The hours of one line, Monday first (7 numbers, 0 for an empty cell). */
export type WeekHours = readonly number[];

/** Decimal hours as integer hundredths of an hour. @example toCenti(7.5) === 750 */
export function toCenti(hours: number): number {
  return Math.round(hours * 100);
}

/** Integer hundredths of an hour back to decimal hours. @example fromCenti(750) === 7.5 */
export function fromCenti(centi: number): number {
  return centi / 100;
}

/** The Monday (`YYYY-MM-DD`) of the ISO week that contains `date`. */
export function mondayOfDate(date: string): string {
  const day = toEpochDay(date);
  return fromEpochDay(day - isoWeekday(day) + 1);
}

/** True when `date` is a valid `YYYY-MM-DD` that falls on a Monday. */
export function isMonday(date: string): boolean {
  return isIsoDate(date) && isoWeekday(toEpochDay(date)) === 1;
}

/** The seven dates of the week that starts on `monday`. */
export function weekDates(monday: string): string[] {
  const start = toEpochDay(monday);
  return Array.from({ length: WEEK_DAYS }, (_, i) => fromEpochDay(start + i));
}

/** The Monday `weeks` weeks after (or before, if negative) `monday`. */
export function shiftWeek(monday: string, weeks: number): string {
  return fromEpochDay(toEpochDay(monday) + 7 * weeks);
}

/** ISO 8601 week label of a week, e.g. `{ year: 2026, week: 48 }` for the week of 2026-11-23. */
export function isoWeekLabel(monday: string): { year: number; week: number } {
  return isoWeekOf(toEpochDay(monday));
}

export interface WeekTotals {
  /** Hours per day, Monday first. */
  perDay: number[];
  /** Hours per line, in the lines' order. */
  perLine: number[];
  /** Hours of the whole week. */
  total: number;
}

/** Totals per day, per line and for the week, summed exactly (in centi-hours). */
export function weekTotals(lines: readonly WeekHours[]): WeekTotals {
  const perDay = new Array<number>(WEEK_DAYS).fill(0);
  const perLine: number[] = [];
  let total = 0;
  for (const hours of lines) {
    let line = 0;
    for (let d = 0; d < WEEK_DAYS; d++) {
      const c = toCenti(hours[d] ?? 0);
      perDay[d]! += c;
      line += c;
    }
    perLine.push(fromCenti(line));
    total += line;
  }
  return { perDay: perDay.map(fromCenti), perLine, total: fromCenti(total) };
}

/** The configurable rules of timesheets (the 24 h a day ceiling is not configurable). */
export interface TimeRules {
  /** Most hours a person may declare on one day, all lines together (≤ 24). */
  maxHoursPerDay: number;
  /** Most hours a person may declare in one week. */
  maxHoursPerWeek: number;
}

export const DEFAULT_TIME_RULES: TimeRules = { maxHoursPerDay: 10, maxHoursPerWeek: 48 };

/** A line of a week as the rules see it: what it is charged to, and its hours. */
export interface SheetLineInput {
  /** A project line (with an optional task of that project), or a non-project activity. */
  projectId: string | null;
  taskId: string | null;
  activityId: string | null;
  hours: WeekHours;
}

/** What the rules need to know about the world around the week. */
export interface WeekContext {
  /** Monday of the week. */
  monday: string;
  rules: TimeRules;
  /** Closed periods, inclusive `YYYY-MM-DD` bounds: no hours may be entered on their days. */
  lockedPeriods: readonly { from: string; to: string }[];
  /** The projects the lines refer to; absent ones are unknown. `open` is false once closed/archived. */
  projects: ReadonlyMap<string, { open: boolean }>;
  /** The project each referenced task belongs to. */
  taskProjects: ReadonlyMap<string, string>;
  /** The activities the lines refer to; `active` false once withdrawn from the list. */
  activities: ReadonlyMap<string, { active: boolean }>;
}

export const VIOLATION_CODES = [
  'HOURS_INVALID',
  'DAY_OVER_24',
  'DAY_OVER_MAX',
  'WEEK_OVER_MAX',
  'PERIOD_LOCKED',
  'PROJECT_CLOSED',
  'PROJECT_UNKNOWN',
  'TASK_OTHER_PROJECT',
  'TASK_UNKNOWN',
  'ACTIVITY_INACTIVE',
  'ACTIVITY_UNKNOWN',
  'LINE_TARGET_INVALID',
  'LINE_DUPLICATE',
  'DAY_HOLIDAY',
  'DAY_ABSENT',
  'DAY_OVER_ABSENCE',
] as const;
export type ViolationCode = (typeof VIOLATION_CODES)[number];

/**
 * One broken rule and where: `line` is the index of the line (null for a whole-day or
 * whole-week rule), `day` the index of the day, Monday = 0 (null for a whole-line or
 * whole-week rule). `value`/`limit` are hours when the rule is about an amount.
 */
export interface Violation {
  code: ViolationCode;
  line: number | null;
  day: number | null;
  value?: number;
  limit?: number;
  /** The approved absence's kind (`conges`, `rtt`…) behind `DAY_ABSENT` / `DAY_OVER_ABSENCE`. */
  kind?: string;
}

/** The key that makes two lines the same charge target (one line per target and week). */
export function lineKey(line: Pick<SheetLineInput, 'projectId' | 'taskId' | 'activityId'>): string {
  return line.activityId
    ? `a:${line.activityId}`
    : `p:${line.projectId ?? ''}:${line.taskId ?? ''}`;
}

const isValidHours = (h: number) =>
  Number.isFinite(h) && h >= 0 && h <= 24 && Math.abs(h * 100 - Math.round(h * 100)) < 1e-6;

/**
 * Every rule a week breaks, each with its cell. Lines with no hours at all are checked for
 * their target only when they carry hours, so an empty suggested line never blocks a save.
 * @example validateWeek([{ …, hours: [25,0,0,0,0,0,0] }], ctx) → [{ code: 'DAY_OVER_24', line: null, day: 0, … }, …]
 */
export function validateWeek(lines: readonly SheetLineInput[], ctx: WeekContext): Violation[] {
  const out: Violation[] = [];
  const dates = weekDates(ctx.monday);
  const locked = dates.map((d) => ctx.lockedPeriods.some((p) => p.from <= d && d <= p.to));
  const seen = new Map<string, number>();

  lines.forEach((line, i) => {
    const hasHours = line.hours.some((h) => h !== 0);
    for (let d = 0; d < WEEK_DAYS; d++) {
      const h = line.hours[d] ?? 0;
      if (!isValidHours(h)) out.push({ code: 'HOURS_INVALID', line: i, day: d, value: h });
      else if (h > 0 && locked[d]) out.push({ code: 'PERIOD_LOCKED', line: i, day: d });
    }
    const key = lineKey(line);
    const first = seen.get(key);
    if (first !== undefined) out.push({ code: 'LINE_DUPLICATE', line: i, day: null });
    else seen.set(key, i);

    const isActivity = line.activityId !== null;
    const isProject = line.projectId !== null;
    if (isActivity === isProject || (isActivity && line.taskId !== null)) {
      out.push({ code: 'LINE_TARGET_INVALID', line: i, day: null });
      return;
    }
    if (isActivity) {
      const activity = ctx.activities.get(line.activityId!);
      if (!activity) out.push({ code: 'ACTIVITY_UNKNOWN', line: i, day: null });
      else if (!activity.active && hasHours)
        out.push({ code: 'ACTIVITY_INACTIVE', line: i, day: null });
      return;
    }
    const project = ctx.projects.get(line.projectId!);
    if (!project) out.push({ code: 'PROJECT_UNKNOWN', line: i, day: null });
    else if (!project.open && hasHours) out.push({ code: 'PROJECT_CLOSED', line: i, day: null });
    if (line.taskId !== null) {
      const owner = ctx.taskProjects.get(line.taskId);
      if (owner === undefined) out.push({ code: 'TASK_UNKNOWN', line: i, day: null });
      else if (owner !== line.projectId)
        out.push({ code: 'TASK_OTHER_PROJECT', line: i, day: null });
    }
  });

  const totals = weekTotals(lines.map((l) => l.hours.map((h) => (isValidHours(h) ? h : 0))));
  const maxDay = Math.min(24, ctx.rules.maxHoursPerDay);
  totals.perDay.forEach((h, d) => {
    if (h > 24) out.push({ code: 'DAY_OVER_24', line: null, day: d, value: h, limit: 24 });
    else if (h > maxDay)
      out.push({ code: 'DAY_OVER_MAX', line: null, day: d, value: h, limit: maxDay });
  });
  if (totals.total > ctx.rules.maxHoursPerWeek) {
    out.push({
      code: 'WEEK_OVER_MAX',
      line: null,
      day: null,
      value: totals.total,
      limit: ctx.rules.maxHoursPerWeek,
    });
  }
  return out;
}

/** The problems of a rules setting itself (empty when it is usable). */
export function checkRules(rules: TimeRules): { field: keyof TimeRules; message: string }[] {
  const out: { field: keyof TimeRules; message: string }[] = [];
  if (!(rules.maxHoursPerDay > 0 && rules.maxHoursPerDay <= 24))
    out.push({ field: 'maxHoursPerDay', message: 'between 0 and 24 hours' });
  if (!(rules.maxHoursPerWeek > 0 && rules.maxHoursPerWeek <= 168))
    out.push({ field: 'maxHoursPerWeek', message: 'between 0 and 168 hours' });
  return out;
}

export const TIMESHEET_STATUSES = ['draft', 'submitted', 'approved', 'rejected'] as const;
export type TimesheetStatus = (typeof TIMESHEET_STATUSES)[number];

export const LINE_APPROVALS = ['pending', 'approved', 'rejected'] as const;
export type LineApproval = (typeof LINE_APPROVALS)[number];

/** True when the person may still change the hours of a sheet in this status. */
export function isEditable(status: TimesheetStatus): boolean {
  return status === 'draft' || status === 'rejected';
}

/**
 * The status of a submitted sheet from its lines' approvals: rejected as soon as one line is,
 * approved once every line is, submitted while some wait.
 * @example sheetStatusOf(['approved', 'pending']) === 'submitted'
 */
export function sheetStatusOf(approvals: readonly LineApproval[]): TimesheetStatus {
  if (approvals.includes('rejected')) return 'rejected';
  if (approvals.every((a) => a === 'approved')) return 'approved';
  return 'submitted';
}

/** The months (`YYYY-MM`) a week touches: one, or two when it straddles a month end. */
export function monthsOfWeek(monday: string): string[] {
  return [...new Set(weekDates(monday).map((d) => d.slice(0, 7)))];
}

/** First and last day of a month `YYYY-MM`. */
export function monthBounds(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const start = toEpochDay(from);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from, to: fromEpochDay(start + (toEpochDay(next) - start) - 1) };
}

const french = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/**
 * Orders people the French way, surname first then first name, ignoring case and accents
 * (« Lefèvre » between « Lefebvre » and « Legrand », « de Vries » among the D).
 * @example ['Émilie Roux', 'Claire Martin'] sorted → Martin Claire, Roux Émilie
 */
export function bySurname(
  a: { lastName: string; firstName: string },
  b: { lastName: string; firstName: string },
): number {
  return french.compare(a.lastName, b.lastName) || french.compare(a.firstName, b.firstName);
}
