import type { DeliverableStatus, MethodologyContent } from '../governance/model.ts';
import { type VersionChange, versionChanges } from './editor.ts';

/**
 * Moving a project to a newer version of its method: what the new version changes, and what
 * happens to the project. Nothing the project did is lost: its deliverables are kept (with
 * their status), the ones the new version adds are created, the ones it no longer lists stay
 * as the project's own; its gate checks and decisions stay. The current phase is kept when the
 * new version still has it, else the project names the phase it is in.
 */

export interface ProjectDeliverable {
  key: string;
  name: string;
  phaseKey: string;
  required: boolean;
  status: DeliverableStatus;
}

export interface MigrationPlan {
  changes: VersionChange[];
  /** The phase the project will be in (null: its phase is gone and none was chosen). */
  phaseKey: string | null;
  /** Whether the current phase still exists in the new version. */
  phaseKept: boolean;
  /** A phase to propose when the current one is gone: the one at the same position. */
  suggestedPhaseKey: string;
  added: { phaseKey: string; key: string; name: string; required: boolean }[];
  /** Deliverables of the method kept, with their status; `required` as the new version says. */
  kept: { key: string; name: string; status: DeliverableStatus; required: boolean; was: boolean }[];
  /** The old version's deliverables the new one no longer lists: kept, now optional. */
  outside: { key: string; name: string; status: DeliverableStatus }[];
  /** Standard milestones and KPIs the new version adds or drops. */
  milestones: { added: string[]; removed: string[] };
  kpis: { added: string[]; removed: string[] };
}

function milestoneCodes(c: MethodologyContent): string[] {
  const out: string[] = [];
  const walk = (ts: MethodologyContent['phases'][number]['wbs']) => {
    for (const t of ts) {
      if (t.milestone && !out.includes(t.milestone)) out.push(t.milestone);
      walk(t.children);
    }
  };
  for (const p of c.phases) walk(p.wbs);
  return out;
}

function diff(before: readonly string[], after: readonly string[]) {
  return {
    added: after.filter((x) => !before.includes(x)),
    removed: before.filter((x) => !after.includes(x)),
  };
}

export function migrationPlan(
  from: MethodologyContent,
  to: MethodologyContent,
  currentPhaseKey: string,
  deliverables: readonly ProjectDeliverable[],
  chosenPhaseKey?: string,
): MigrationPlan {
  const phaseKept = to.phases.some((p) => p.key === currentPhaseKey);
  const oldIndex = Math.max(
    0,
    from.phases.findIndex((p) => p.key === currentPhaseKey),
  );
  const suggestedPhaseKey = phaseKept
    ? currentPhaseKey
    : to.phases[Math.min(oldIndex, to.phases.length - 1)]!.key;
  const phaseKey =
    chosenPhaseKey && to.phases.some((p) => p.key === chosenPhaseKey)
      ? chosenPhaseKey
      : phaseKept
        ? currentPhaseKey
        : null;
  const have = new Map(deliverables.map((d) => [d.key, d]));
  const wanted = to.phases.flatMap((p) => p.deliverables.map((d) => ({ ...d, phaseKey: p.key })));
  const wantedKeys = new Set(wanted.map((d) => d.key));
  const oldKeys = new Set(from.phases.flatMap((p) => p.deliverables.map((d) => d.key)));
  return {
    changes: versionChanges(from, to),
    phaseKey,
    phaseKept,
    suggestedPhaseKey,
    added: wanted
      .filter((d) => !have.has(d.key))
      .map((d) => ({ phaseKey: d.phaseKey, key: d.key, name: d.name, required: d.required })),
    kept: wanted.flatMap((d) => {
      const h = have.get(d.key);
      return h
        ? [{ key: d.key, name: h.name, status: h.status, required: d.required, was: h.required }]
        : [];
    }),
    outside: deliverables
      .filter((d) => oldKeys.has(d.key) && !wantedKeys.has(d.key))
      .map((d) => ({ key: d.key, name: d.name, status: d.status })),
    milestones: diff(milestoneCodes(from), milestoneCodes(to)),
    kpis: diff(from.kpis ?? [], to.kpis ?? []),
  };
}
