// Team memberships over time: pure rules, no I/O.

export interface Membership {
  id: string;
  teamId: string;
  start: string;
  /** Inclusive; null: open-ended. */
  finish: string | null;
}

/** Whether two date ranges (inclusive, open-ended when finish is null) share a day. */
export function rangesOverlap(
  a: { start: string; finish: string | null },
  b: { start: string; finish: string | null },
): boolean {
  return (a.finish === null || b.start <= a.finish) && (b.finish === null || a.start <= b.finish);
}

/**
 * The membership of a person that would overlap a new or changed one (a person is in one team
 * at a time), or undefined. `except` is the membership being changed.
 */
export function overlapping<M extends Membership>(
  existing: readonly M[],
  candidate: { start: string; finish: string | null },
  except?: string,
): M | undefined {
  return existing.find((m) => m.id !== except && rangesOverlap(m, candidate));
}

/** The team a person belongs to on a day, from their memberships (null: none). */
export function teamOn(memberships: readonly Membership[], day: string): string | null {
  const m = memberships.find((x) => x.start <= day && (x.finish === null || day <= x.finish));
  return m?.teamId ?? null;
}
