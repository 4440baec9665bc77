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
