// Training: the life of an enrolment, and what a completed course does to a person's level.

export type EnrolmentStatus =
  'requested' | 'approved' | 'attended' | 'completed' | 'rejected' | 'cancelled';
export type EnrolmentAction = 'approve' | 'reject' | 'attend' | 'complete' | 'cancel';

/**
 * The status an action leads to, or null when it is not possible: requested → approved →
 * attended → completed; a request may be rejected; anything not finished may be cancelled.
 * Completing an approved enrolment records the attendance at the same time.
 */
export function enrolmentTransition(
  status: EnrolmentStatus,
  action: EnrolmentAction,
): EnrolmentStatus | null {
  switch (action) {
    case 'approve':
      return status === 'requested' ? 'approved' : null;
    case 'reject':
      return status === 'requested' ? 'rejected' : null;
    case 'attend':
      return status === 'approved' ? 'attended' : null;
    case 'complete':
      return status === 'approved' || status === 'attended' ? 'completed' : null;
    case 'cancel':
      return status === 'requested' || status === 'approved' ? 'cancelled' : null;
  }
}

/** Enrolments that hold a seat of their session. */
export const SEAT_HOLDERS: readonly EnrolmentStatus[] = ['approved', 'attended', 'completed'];

/**
 * The level after completing a course that teaches `target`: a course never lowers a level.
 * Returns null when the person already holds the level (nothing to record).
 */
export function levelAfterCourse(current: number | null, target: number): number | null {
  return current !== null && current >= target ? null : target;
}

/** Status of a development goal once the person's level is known. */
export function goalStatusAfter(
  goal: { status: 'planned' | 'in_progress' | 'done' | 'cancelled'; targetLevel: number },
  level: number,
): 'planned' | 'in_progress' | 'done' | 'cancelled' {
  if (goal.status === 'cancelled' || goal.status === 'done') return goal.status;
  return level >= goal.targetLevel ? 'done' : goal.status;
}
