// The register ↔ schedule risk link (issue 7): one source of truth for a risk's probability,
// its schedule impact on the WBS and its cost impact. Pure: no I/O, no clock.

import type { RiskSettings } from '../risks/register.ts';

/** The probability (0..1) of a register probability level: the PMO's percentage for it. */
export function levelProbability(settings: RiskSettings, level: number): number {
  const percent = settings.probability[level - 1]?.percent;
  if (percent === undefined) return 0;
  return Math.min(1, Math.max(0, percent / 100));
}

/** A risk of the project's register, as the simulation needs it. */
export interface RegisterRisk {
  id: string;
  number: number;
  title: string;
  kind: 'threat' | 'opportunity';
  status: 'open' | 'monitoring' | 'occurred' | 'closed';
  /** The probability level (1..n on the PMO's scale). */
  probability: number;
  /** Cost impact when it occurs, in cents. */
  costImpactCents: number;
  /** Working days added to each leaf task it hits. */
  impacts: readonly { taskId: string; days: number }[];
  version: number;
}

/** A risk event of the simulation (the shape the `sim` module stores and runs). */
export interface SimEvent {
  id: string;
  projectId: string;
  name: string;
  risk: { id: string; code: string; title: string } | null;
  probability: number;
  impacts: { taskId: string; days: number }[];
  costImpact: number;
  version: number;
}

/**
 * A register risk takes part in the simulation when it is a threat still to come (open or
 * monitored) that names at least one task it delays.
 */
export function simulated(r: RegisterRisk): boolean {
  return (
    r.kind === 'threat' &&
    (r.status === 'open' || r.status === 'monitoring') &&
    r.impacts.some((i) => i.days > 0)
  );
}

/** A register risk as a simulation event: the risk's id, its level's probability, its cost. */
export function registerEvent(
  r: RegisterRisk,
  settings: RiskSettings,
  projectId: string,
): SimEvent {
  const code = `R-${r.number}`;
  return {
    id: r.id,
    projectId,
    name: `${code} ${r.title}`,
    risk: { id: r.id, code, title: r.title },
    probability: levelProbability(settings, r.probability),
    impacts: r.impacts.filter((i) => i.days > 0).map((i) => ({ taskId: i.taskId, days: i.days })),
    costImpact: r.costImpactCents,
    version: r.version,
  };
}

/**
 * The risk events a project's simulation runs, with the register as the one source of truth:
 * - every simulated register risk (see `simulated`) is an event of its own;
 * - an event entered in the simulation and linked to a register risk takes that risk's
 *   probability and cost impact (its task delays stay its own); it is left out when the risk
 *   itself names tasks (the register's impacts are used, never both) or when the risk is no
 *   longer a threat to come (closed, occurred, or an opportunity);
 * - events with no link are kept as entered.
 * Order: the events as entered, then the register risks by number.
 */
export function mergeRegisterEvents(
  events: readonly SimEvent[],
  register: readonly RegisterRisk[],
  settings: RiskSettings,
  projectId: string,
): { events: SimEvent[]; fromRegister: SimEvent[]; superseded: string[] } {
  const byId = new Map(register.map((r) => [r.id, r]));
  const out: SimEvent[] = [];
  const superseded: string[] = [];
  for (const e of events) {
    const r = e.risk ? byId.get(e.risk.id) : undefined;
    if (!r) {
      out.push(e);
      continue;
    }
    const live = r.kind === 'threat' && (r.status === 'open' || r.status === 'monitoring');
    if (simulated(r) || !live) {
      superseded.push(e.id);
      continue;
    }
    out.push({
      ...e,
      probability: levelProbability(settings, r.probability),
      costImpact: r.costImpactCents,
    });
  }
  const fromRegister = [...register]
    .filter(simulated)
    .sort((a, b) => a.number - b.number)
    .map((r) => registerEvent(r, settings, projectId));
  return { events: [...out, ...fromRegister], fromRegister, superseded };
}
