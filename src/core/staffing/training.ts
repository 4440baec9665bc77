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

/**
 * Whether an enrolment makes its person unavailable on the session's days (a « formation »
 * absence that capacity, the CRA and staffing read): while it holds a seat of a planned session.
 */
export function blocksCapacity(status: EnrolmentStatus, session: 'planned' | 'cancelled'): boolean {
  return session === 'planned' && SEAT_HOLDERS.includes(status);
}

/** What a session change would break, or null: dates in order, no fewer seats than held. */
export function sessionChangeProblem(
  next: { start: string; finish: string; seats: number },
  taken: number,
): { field: 'finish' | 'seats'; reason: 'before_start' | 'below_taken' } | null {
  if (next.finish < next.start) return { field: 'finish', reason: 'before_start' };
  if (next.seats < taken) return { field: 'seats', reason: 'below_taken' };
  return null;
}

/**
 * Enrolments a session's cancellation ends: those not yet finished are cancelled; attended or
 * completed ones (a session already held) are kept as history.
 */
export function cancelledBySession(status: EnrolmentStatus): boolean {
  return status === 'requested' || status === 'approved';
}

/** Whether people enrolled should be told of a change: dates or place moved. */
export function sessionChangeNotifies(
  before: { start: string; finish: string; place: string },
  after: { start: string; finish: string; place: string },
): boolean {
  return (
    before.start !== after.start || before.finish !== after.finish || before.place !== after.place
  );
}
