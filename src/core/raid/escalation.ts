// Escalating a RAID item (a risk or an issue) to its programme or portfolio: one rule for both.
// Pure: the caller gives the item's current links and the targets its project offers.

export type EscalationLevel = 'program' | 'portfolio';

export interface EscalationState {
  projectId: string | null;
  programId: string | null;
  portfolioId: string | null;
}

export type EscalationOutcome =
  | { ok: true; change: { programId: string } | { portfolioId: string }; name: string }
  /** `already`: raised there before; `not-project`: only project items go to a programme;
   * `no-target`: the project has no programme (or no portfolio). */
  | { ok: false; refusal: 'already' | 'not-project' | 'no-target' };

/**
 * Where the item goes and the change to write: a project item to its project's programme, an
 * item not yet in a portfolio to its portfolio (the project's, or else the programme's).
 */
export function escalation(
  to: EscalationLevel,
  item: EscalationState,
  targets: {
    program: { id: string; name: string } | null | undefined;
    portfolio: { id: string; name: string } | null | undefined;
  },
): EscalationOutcome {
  if (to === 'program') {
    if (item.programId) return { ok: false, refusal: 'already' };
    if (!item.projectId) return { ok: false, refusal: 'not-project' };
    if (!targets.program) return { ok: false, refusal: 'no-target' };
    return { ok: true, change: { programId: targets.program.id }, name: targets.program.name };
  }
  if (item.portfolioId) return { ok: false, refusal: 'already' };
  if (!targets.portfolio) return { ok: false, refusal: 'no-target' };
  return { ok: true, change: { portfolioId: targets.portfolio.id }, name: targets.portfolio.name };
}
