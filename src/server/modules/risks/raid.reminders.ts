import { addDays, reminderOf } from '../../../core/risks/raid.ts';
import type { Ctx } from '../../context.ts';
import { notify } from '../notifications/notifications.service.ts';
import * as repo from './raid.repository.ts';

/** How many calendar days ahead an action counts as due soon. */
export const DUE_SOON_DAYS = 3;

/**
 * The daily reminders of RAID actions: an in-app notification to the owner of each open action
 * due within three days, and one when it becomes overdue. Each is sent once per action, kind
 * and due date (a job run twice, or a day later, does not repeat it; moving the due date does).
 */
export async function runActionReminders(ctx: Ctx, today: string) {
  const rows = await repo.actionsToRemind(ctx.db, addDays(today, DUE_SOON_DAYS));
  const inputs = rows.flatMap((v) => {
    const kind = reminderOf(v.a, today, DUE_SOON_DAYS);
    if (!kind || !v.a.ownerId) return [];
    return [
      {
        personId: v.a.ownerId,
        kind: `raid.action.${kind}`,
        entity: { type: 'raid_action', id: v.a.id },
        data: {
          title: v.a.title,
          source: `${v.sourceCode} ${v.sourceTitle}`.trim(),
          dueDate: v.a.dueDate,
          projectId: v.a.projectId,
        },
        dedupeKey: `raid-action:${v.a.id}:${kind}:${v.a.dueDate}`,
      },
    ];
  });
  const sent = await notify(ctx.db, inputs);
  return { candidates: inputs.length, sent };
}
