import { fromEpochDay, toEpochDay } from '../../../core/calendar/days.ts';
import { mondayOfDate, shiftWeek } from '../../../core/time/timesheet.ts';
import type { Ctx } from '../../context.ts';
import { notify } from '../notifications/notifications.service.ts';
import * as repo from './time.repository.ts';

/**
 * The reminders job: for last week, everyone with an account whose timesheet is not
 * submitted gets a "missing" reminder, and a "late" one once `lateAfterDays` have passed
 * since that Sunday; line managers with weeks waiting for them longer than that get an
 * "approvals waiting" one. Each reminder is sent once (a dedupe key per week and kind), so
 * the job may run daily and on every instance. `today` is a parameter (tests, CLI).
 */
export async function runTimeReminders(ctx: Ctx, today: string) {
  return ctx.db.transaction(async (tx) => {
    const settings = await repo.ensureSetup(tx);
    if (!settings.remindersEnabled) return { missing: 0, notified: 0 };
    const week = shiftWeek(mondayOfDate(today), -1);
    const sunday = fromEpochDay(toEpochDay(week) + 6);
    const late = toEpochDay(today) - toEpochDay(sunday) >= settings.lateAfterDays;
    const kind = late ? 'time.late' : 'time.missing';
    const missing = await repo.missingSheets(tx, week);
    let notified = await notify(
      tx,
      missing.map((m) => ({
        userId: m.userId,
        kind,
        entity: { type: 'timesheet_week', id: null },
        data: { week },
        dedupeKey: `${kind}:${week}`,
      })),
    );
    const before = fromEpochDay(toEpochDay(today) - 7 - settings.lateAfterDays);
    const approvers = await repo.approversWithOldPending(tx, mondayOfDate(before));
    notified += await notify(
      tx,
      approvers.map((a) => ({
        userId: a.userId,
        kind: 'time.approvals',
        entity: null,
        // The oldest week waiting, shown as a date in the bell.
        data: { count: a.count, week: a.oldest },
        dedupeKey: `time.approvals:${week}`,
      })),
    );
    return { missing: missing.length, notified };
  });
}
