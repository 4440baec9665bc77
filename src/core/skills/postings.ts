// Training costs posted to a budget: the amount, the finance record's reference and date. Pure.

export type PostingKind = 'commitment' | 'actual';

/**
 * A session's cost: the session's own amount when one is given (an intra-company price), else
 * the course's cost per participant × the participants holding a seat.
 * @example sessionCost(245000, 3) // 735000
 */
export function sessionCost(costPerParticipant: number, seatHolders: number, own?: number): number {
  if (own !== undefined) return own;
  return Math.max(0, costPerParticipant) * Math.max(0, seatHolders);
}

/**
 * The finance record's reference: the course code and the session's first day, so the budget's
 * ledger names the training (« FORM-ISO-27001-2026-10-12 »). At most 60 characters.
 */
export function postingReference(courseCode: string, start: string): string {
  const code = courseCode
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 60 - 16);
  return `FORM-${code}-${start}`;
}

/**
 * The date of the finance record: the one given, else a commitment on the session's first day
 * (ordered before the course) and an actual cost on its last day (invoiced once given).
 */
export function postingDate(
  kind: PostingKind,
  session: { start: string; finish: string },
  given?: string,
): string {
  if (given) return given;
  return kind === 'commitment' ? session.start : session.finish;
}

/** A posting out of date: the session's cost today differs from what was posted. */
export function postingOutOfDate(posted: number, current: number, own: boolean): boolean {
  return !own && posted !== current;
}

export type PostingReview = 'participants_changed' | 'session_cancelled';

/** What a posting becomes after its session's enrolments or status changed. */
export type FollowUp =
  | { action: 'none' }
  | { action: 'recompute'; amountMinor: number }
  | { action: 'remove'; reason: 'session_cancelled' | 'no_participant' }
  | { action: 'flag'; review: PostingReview };

/**
 * How a posting follows its session: a commitment is recomputed (course cost × seats held) or
 * removed (session cancelled, nobody left); an actual cost is never changed, only flagged for
 * review (once per reason); a posting at the session's own price ignores seats.
 * @example followUp({ kind: 'commitment', amountMinor: 480000, participants: 2, ownCost: false, review: null },
 *   { cancelled: false, costPerParticipant: 240000, seats: 3 }) // { action: 'recompute', amountMinor: 720000 }
 */
export function followUp(
  posting: {
    kind: PostingKind;
    amountMinor: number;
    participants: number;
    ownCost: boolean;
    review: PostingReview | null;
  },
  session: { cancelled: boolean; costPerParticipant: number; seats: number },
): FollowUp {
  const flag = (review: PostingReview): FollowUp =>
    posting.review === review ? { action: 'none' } : { action: 'flag', review };
  if (session.cancelled) {
    return posting.kind === 'commitment'
      ? { action: 'remove', reason: 'session_cancelled' }
      : flag('session_cancelled');
  }
  if (posting.ownCost) return { action: 'none' };
  if (posting.kind === 'actual') {
    return session.seats !== posting.participants && posting.review === null
      ? flag('participants_changed')
      : { action: 'none' };
  }
  const amount = sessionCost(session.costPerParticipant, session.seats);
  if (amount === posting.amountMinor && session.seats === posting.participants) {
    return { action: 'none' };
  }
  if (amount <= 0) return { action: 'remove', reason: 'no_participant' };
  return { action: 'recompute', amountMinor: amount };
}
