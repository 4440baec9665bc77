// Staffing: how far allocations cover a resource request, and the request's status from it.
// One FTE is 35 hours a week (the capacity model's full-time week).

export const HOURS_PER_FTE = 35;

export type RequestUnit = 'hours' | 'fte';
export type AllocationUnit = 'hours' | 'percent';

/** An allocation's amount in the unit of a request (hours a week, or FTE). */
export function inRequestUnit(unit: RequestUnit, a: { unit: AllocationUnit; amount: number }) {
  const hours = a.unit === 'hours' ? a.amount : (a.amount / 100) * HOURS_PER_FTE;
  return unit === 'hours' ? hours : hours / HOURS_PER_FTE;
}

/** How much of the requested amount the allocations cover, in the request's unit. */
export function coverage(
  request: { unit: RequestUnit },
  allocations: readonly { unit: AllocationUnit; amount: number }[],
): number {
  let sum = 0;
  for (const a of allocations) sum += inRequestUnit(request.unit, a);
  return Math.round(sum * 1000) / 1000;
}

export type RequestStatus =
  'draft' | 'submitted' | 'partially_staffed' | 'staffed' | 'rejected' | 'cancelled';

/**
 * The status of a request once its allocations are known: drafts, rejected and cancelled
 * requests keep theirs; a submitted one is staffed when covered, partially staffed when some
 * of it is, submitted otherwise.
 */
export function staffingStatus(
  status: RequestStatus,
  requested: number,
  covered: number,
): RequestStatus {
  if (status === 'draft' || status === 'rejected' || status === 'cancelled') return status;
  if (covered >= requested - 1e-9) return 'staffed';
  if (covered > 0) return 'partially_staffed';
  return 'submitted';
}

export type RequestAction = 'submit' | 'cancel' | 'reject' | 'reopen';

/** The status an action leads to, or null when the action is not possible from `status`. */
export function transition(status: RequestStatus, action: RequestAction): RequestStatus | null {
  switch (action) {
    case 'submit':
      return status === 'draft' ? 'submitted' : null;
    case 'cancel':
      return status === 'rejected' || status === 'cancelled' ? null : 'cancelled';
    case 'reject':
      return status === 'submitted' || status === 'partially_staffed' ? 'rejected' : null;
    case 'reopen':
      return status === 'rejected' || status === 'cancelled' ? 'draft' : null;
  }
}
