// Reads what the CRA's absence rule needs (the person's working week, approved absences of the
// week, public holidays) and applies it: called by the timesheet's `checkWeek`.
import { and, eq, gte, lte } from 'drizzle-orm';
import { toEpochDay, yearOf } from '../../../core/calendar/days.ts';
import { frenchPublicHolidays } from '../../../core/calendar/holidays-fr.ts';
import { DEFAULT_WEEK_HOURS } from '../../../core/resources/capacity.ts';
import {
  type AbsenceKind,
  type ApprovedAbsence,
  type RuleLine,
  absenceViolations,
  fitToAbsences,
} from '../../../core/staff/cra-rules.ts';
import { type SheetLineInput, type Violation, weekDates } from '../../../core/time/timesheet.ts';
import type { Executor } from '../../db/client.ts';
import { absences, resourceProfiles } from '../resources/resources.tables.ts';

/** What the absence rule needs about a person's week. Two statements, one after the other. */
async function weekContext(tx: Executor, personId: string, monday: string) {
  const dates = weekDates(monday);
  const rows = await tx
    .select({
      kind: absences.kind,
      start: absences.start,
      finish: absences.finish,
      dayFraction: absences.dayFraction,
    })
    .from(absences)
    .where(
      and(
        eq(absences.personId, personId),
        eq(absences.status, 'approved'),
        lte(absences.start, dates[6]!),
        gte(absences.finish, dates[0]!),
      ),
    );
  const [profile] = await tx
    .select({ weekHours: resourceProfiles.weekHours })
    .from(resourceProfiles)
    .where(eq(resourceProfiles.personId, personId));
  const years = new Set(dates.map((d) => yearOf(toEpochDay(d))));
  return {
    dates,
    workHours: profile?.weekHours ?? DEFAULT_WEEK_HOURS,
    absences: rows.map((r): ApprovedAbsence => ({
      ...r,
      kind: r.kind as AbsenceKind,
      dayFraction: Number(r.dayFraction),
    })),
    holidays: new Set([...years].flatMap((y) => frenchPublicHolidays(y))),
  };
}

const ruleLines = (
  lines: readonly SheetLineInput[],
  activityKinds: ReadonlyMap<string, string>,
): RuleLine[] =>
  lines.map((l) => ({
    activityKind: l.activityId ? (activityKinds.get(l.activityId) ?? null) : null,
    hours: l.hours,
  }));

/**
 * The absence rule's violations for a person's week: hours on a public holiday or on a day of
 * approved full-day absence, and days of partial absence over the hours left.
 */
export async function absenceRuleViolations(
  tx: Executor,
  personId: string,
  monday: string,
  lines: readonly SheetLineInput[],
  activityKinds: ReadonlyMap<string, string>,
): Promise<Violation[]> {
  if (!lines.some((l) => l.hours.some((h) => h > 0))) return [];
  const c = await weekContext(tx, personId, monday);
  return absenceViolations(
    c.dates,
    c.workHours,
    c.absences,
    c.holidays,
    ruleLines(lines, activityKinds),
  );
}

/** `lines` with the hours the absence rule would refuse taken out (copying a week). */
export async function fitLinesToAbsences<L extends SheetLineInput>(
  tx: Executor,
  personId: string,
  monday: string,
  lines: readonly L[],
  activityKinds: ReadonlyMap<string, string>,
): Promise<L[]> {
  if (lines.length === 0) return [...lines];
  const c = await weekContext(tx, personId, monday);
  const hours = fitToAbsences(
    c.dates,
    c.workHours,
    c.absences,
    c.holidays,
    ruleLines(lines, activityKinds),
  );
  return lines.map((l, i) => ({ ...l, hours: hours[i]! }));
}
