/**
 * The RAID logs beside the risk register (pure): the vocabularies of issues, decisions, change
 * requests and actions, the change-request workflow, the impact analysis of a change on the
 * plan (slip of the finish through each task's float) and the budget, and action due states.
 */

export const ISSUE_PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export const ISSUE_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export const DECISION_STATUSES = ['proposed', 'decided', 'superseded'] as const;
export const CHANGE_STATUSES = ['draft', 'submitted', 'approved', 'rejected'] as const;
export const ACTION_SOURCES = ['risk', 'issue', 'decision', 'change_request'] as const;
export const ACTION_STATUSES = ['open', 'done', 'cancelled'] as const;

export type IssueStatus = (typeof ISSUE_STATUSES)[number];
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];
export type ChangeStep = 'edit' | 'submit' | 'withdraw' | 'approve' | 'reject' | 'delete';

/** The codes shown to people: I-3, D-2, DC-5. */
export const CODE_PREFIX = { issue: 'I', decision: 'D', change_request: 'DC' } as const;

/** True when an issue in this status counts as resolved (it gets a resolution date). */
export const issueResolved = (status: IssueStatus) => status === 'resolved' || status === 'closed';

/**
 * The change-request workflow: a draft is edited, submitted (or deleted); a submitted request
 * is approved, rejected or withdrawn to draft; approved and rejected requests are final.
 */
export function changeStepAllowed(status: ChangeStatus, step: ChangeStep): boolean {
  switch (status) {
    case 'draft':
      return step === 'edit' || step === 'submit' || step === 'delete';
    case 'submitted':
      return step === 'approve' || step === 'reject' || step === 'withdraw';
    default:
      return false;
  }
}

/** The status a request reaches by a step (only for allowed steps). */
export function changeStepTarget(step: Exclude<ChangeStep, 'edit' | 'delete'>): ChangeStatus {
  return step === 'submit'
    ? 'submitted'
    : step === 'withdraw'
      ? 'draft'
      : step === 'approve'
        ? 'approved'
        : 'rejected';
}

export interface AffectedTask {
  duration: number;
  /** Total float in working days; null when unscheduled (counted as 0). */
  totalFloat: number | null;
}

/**
 * Working days the finish slips through one task lengthened by `deltaDays`: what exceeds its
 * total float (a shortened task never moves the finish in this first-order analysis).
 */
export function slipThrough(task: AffectedTask, deltaDays: number): number {
  if (deltaDays <= 0) return 0;
  return Math.max(0, deltaDays - Math.max(0, task.totalFloat ?? 0));
}

/**
 * The first-order schedule impact of a change: the largest slip over the affected tasks (tasks
 * on parallel paths do not add up; tasks on one path may, which the reschedule will show once
 * applied — this is the estimate the approver reads beforehand).
 */
export function scheduleImpact(items: readonly { task: AffectedTask; deltaDays: number }[]) {
  let worst = 0;
  for (const { task, deltaDays } of items) worst = Math.max(worst, slipThrough(task, deltaDays));
  return worst;
}

/** A duration after the change, never below 0 (a milestone stays a milestone). */
export const changedDuration = (duration: number, deltaDays: number) =>
  Math.max(0, duration + deltaDays);

/** The sum of the budget changes, in cents. */
export const costImpact = (changes: readonly { deltaCents: number }[]) =>
  changes.reduce((s, c) => s + c.deltaCents, 0);

/** An open action whose due date is before `today` (ISO dates compare as strings). */
export const actionOverdue = (a: { status: string; dueDate: string | null }, today: string) =>
  a.status === 'open' && a.dueDate !== null && a.dueDate < today;

/** Adds calendar days to an ISO date (UTC, no clock). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Which reminder an open action gets on `today`: `overdue` once past due, `due_soon` within
 * `withinDays` calendar days of it, else none.
 */
export function reminderOf(
  a: { status: string; dueDate: string | null },
  today: string,
  withinDays = 3,
): 'overdue' | 'due_soon' | null {
  if (a.status !== 'open' || a.dueDate === null) return null;
  if (a.dueDate < today) return 'overdue';
  if (a.dueDate <= addDays(today, withinDays)) return 'due_soon';
  return null;
}
