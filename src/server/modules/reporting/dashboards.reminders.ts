import { toEpochDay } from '../../../core/calendar/days.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import type { Ctx } from '../../context.ts';
import { notify } from '../notifications/notifications.service.ts';
import { reportsDue } from './reporting.service.ts';

/** Days after the end of a period after which a missing report is "late" rather than "due". */
export const LATE_AFTER_DAYS = 5;

/** Reads every active project (the reminders concern all managers), never writes as this actor. */
const READER: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  name: 'Jalon',
  email: '',
  role: 'pmo',
  personId: null,
};

/**
 * The report-reminders job: the manager of every active project whose status report of the
 * expected period is missing, in draft or sent back gets an in-app notification (`reporting.due`),
 * and a second one (`reporting.late`) once the period ended more than LATE_AFTER_DAYS ago. Each
 * is sent once per project and period (a dedupe key), so the job may run daily on every instance.
 * `today` is a parameter (tests, CLI).
 */
export async function runReportReminders(ctx: Ctx, today: string) {
  const due = (await reportsDue(ctx, READER, { date: today })).items.filter((d) => d.manager);
  const inputs = due.map((d) => {
    const late = toEpochDay(today) - toEpochDay(d.periodEnd) > LATE_AFTER_DAYS;
    const kind = late ? 'reporting.late' : 'reporting.due';
    return {
      personId: d.manager!.id,
      kind,
      entity: { type: 'project', id: d.project.id },
      data: { code: d.project.code, period: d.periodStart, state: d.state },
      dedupeKey: `${kind}:${d.project.id}:${d.periodStart}`,
    };
  });
  const notified = await ctx.db.transaction((tx) => notify(tx, inputs));
  return { due: due.length, notified };
}
