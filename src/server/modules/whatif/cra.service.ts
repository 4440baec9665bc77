import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Timesheet } from '../../../contracts/time.ts';
import type { WeekAbsences } from '../../../contracts/whatif.ts';
import { DomainError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import { DEFAULT_WEEK_HOURS } from '../../../core/resources/capacity.ts';
import { weekDates } from '../../../core/time/timesheet.ts';
import { absenceHours } from '../../../core/whatif/cra.ts';
import type { Ctx } from '../../context.ts';
import { recordAudit } from '../platform/audit.service.ts';
import * as resourcesRepo from '../resources/resources.repository.ts';
import { absences } from '../resources/resources.tables.ts';
import { getMyTimesheet } from '../time/time.service.ts';
import { timesheetLines, timesheets } from '../time/time.tables.ts';

function personOf(actor: Actor, write = false): string {
  if (write && actor.role === 'viewer') {
    throw new DomainError('FORBIDDEN', 'A viewer account is read-only', { permission: 'time' });
  }
  if (!actor.personId) {
    throw new DomainError('NO_PERSON', 'Your account is not linked to a person of the directory');
  }
  return actor.personId;
}

/** My absences (requested or approved) in a week, with the hours they take each day. */
export async function myWeekAbsences(
  ctx: Ctx,
  actor: Actor,
  monday: string,
): Promise<WeekAbsences> {
  const personId = personOf(actor);
  const dates = weekDates(monday);
  const rows = await ctx.db
    .select({
      id: absences.id,
      kind: absences.kind,
      status: absences.status,
      start: absences.start,
      finish: absences.finish,
      dayFraction: absences.dayFraction,
    })
    .from(absences)
    .where(
      and(
        eq(absences.personId, personId),
        inArray(absences.status, ['requested', 'approved']),
        lte(absences.start, dates[6]!),
        gte(absences.finish, dates[0]!),
      ),
    )
    .orderBy(asc(absences.start));
  const profile = await resourcesRepo.findProfile(ctx.db, personId);
  const workHours = [...(profile?.weekHours ?? DEFAULT_WEEK_HOURS)];
  const items = rows.map((r) => ({ ...r, status: r.status as 'requested' | 'approved' }));
  return { weekStart: monday, items, workHours, ...absenceHours(dates, workHours, items) };
}

/**
 * Takes back my submitted week before anyone decided on it: it becomes a draft again (If-Match),
 * audited. Once a line is approved or rejected, it is too late.
 */
export async function recallMyTimesheet(
  ctx: Ctx,
  actor: Actor,
  monday: string,
  version: number,
): Promise<Timesheet> {
  const personId = personOf(actor, true);
  await ctx.db.transaction(async (tx) => {
    const [sheet] = await tx
      .select()
      .from(timesheets)
      .where(and(eq(timesheets.personId, personId), eq(timesheets.weekStart, monday)))
      .for('update');
    if (!sheet) throw new DomainError('TIMESHEET_NOT_FOUND', `No timesheet for ${monday}`);
    if (sheet.version !== version) {
      throw new DomainError('VERSION_MISMATCH', 'Someone else changed this timesheet', {
        current: await getMyTimesheet({ ...ctx, db: tx }, actor, monday),
      });
    }
    const [decided] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(timesheetLines)
      .where(
        and(eq(timesheetLines.timesheetId, sheet.id), sql`${timesheetLines.approval} <> 'pending'`),
      );
    if (sheet.status !== 'submitted' || (decided?.n ?? 0) > 0) {
      throw new DomainError(
        'TIMESHEET_NOT_RECALLABLE',
        'Only a submitted week nobody has decided on yet can be taken back',
        { status: sheet.status },
      );
    }
    await tx
      .update(timesheets)
      .set({
        status: 'draft',
        submittedAt: null,
        version: sql`${timesheets.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(timesheets.id, sheet.id));
    await recordAudit(tx, actor, {
      entityType: 'timesheet',
      entityId: sheet.id,
      entityLabel: `${actor.name} — ${monday}`,
      action: 'update',
      before: { status: 'submitted' },
      after: { status: 'draft' },
    });
  });
  return getMyTimesheet(ctx, actor, monday);
}
