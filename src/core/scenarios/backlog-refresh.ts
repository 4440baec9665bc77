/**
 * What refreshing a backlog scenario would change (docs/scenarios.md): the scenario's current
 * selection file against the one built again from the backlog with the same parameters —
 * candidates that enter, leave or change (value, cost, effort by team, start window), the
 * budget and each team pool's hours, and the PMO's forcing that names a candidate no longer
 * there (dropped on apply). Pure.
 */
import type { BacklogSelection } from './backlog.ts';

export interface CandidateFigures {
  name: string;
  value: number;
  /** Total cost in currency units. */
  cost: number;
  /** Total hours by pool. */
  hours: Record<string, number>;
  earliestStart: string;
  latestStart: string;
}

export type CandidateChange = 'name' | 'value' | 'cost' | 'hours' | 'window';

export interface BacklogDiff {
  added: { id: string; after: CandidateFigures }[];
  removed: { id: string; before: CandidateFigures }[];
  changed: {
    id: string;
    fields: CandidateChange[];
    before: CandidateFigures;
    after: CandidateFigures;
  }[];
  unchanged: number;
  /** The horizon's months changed (the parameters name a fixed first month, so only if edited). */
  periodsChanged: boolean;
  /** Total budget over the horizon, before and after (null = not constrained). */
  budget: { before: number | null; after: number | null };
  /** Pools whose hours over the horizon changed (null = absent, so not constrained). */
  capacity: { pool: string; before: number | null; after: number | null }[];
  /** Forced in or out, but no longer a candidate: dropped from the forcing on apply. */
  forcingDropped: string[];
  /** Nothing at all changes. */
  same: boolean;
}

type AnySelection = Pick<BacklogSelection, 'periods' | 'candidates'> & {
  budget?: Record<string, number> | undefined;
  capacity?: Record<string, Record<string, number>> | undefined;
};

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const r1 = (x: number) => Math.round(x * 10) / 10;

function figures(c: BacklogSelection['candidates'][number]): CandidateFigures {
  return {
    name: c.name,
    value: c.value,
    cost: sum(c.cost),
    hours: Object.fromEntries(
      Object.entries(c.demand)
        .map(([pool, h]) => [pool, r1(sum(h))] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ),
    earliestStart: c.earliestStart,
    latestStart: c.latestStart,
  };
}

const sameHours = (a: Record<string, number>, b: Record<string, number>) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? 0) !== (b[k] ?? 0)) return false;
  return true;
};

export function diffBacklogSelections(
  before: AnySelection,
  after: AnySelection,
  forcing: { forcedIn: readonly string[]; forcedOut: readonly string[] },
): BacklogDiff {
  const old = new Map(before.candidates.map((c) => [c.id, c]));
  const now = new Map(after.candidates.map((c) => [c.id, c]));
  const added: BacklogDiff['added'] = [];
  const removed: BacklogDiff['removed'] = [];
  const changed: BacklogDiff['changed'] = [];
  let unchanged = 0;
  for (const [id, c] of now) {
    const o = old.get(id);
    if (!o) {
      added.push({ id, after: figures(c) });
      continue;
    }
    const b = figures(o);
    const a = figures(c);
    const fields: CandidateChange[] = [];
    if (b.name !== a.name) fields.push('name');
    if (b.value !== a.value) fields.push('value');
    if (b.cost !== a.cost || o.cost.join() !== c.cost.join()) fields.push('cost');
    if (!sameHours(b.hours, a.hours)) fields.push('hours');
    if (b.earliestStart !== a.earliestStart || b.latestStart !== a.latestStart)
      fields.push('window');
    if (fields.length === 0) unchanged++;
    else changed.push({ id, fields, before: b, after: a });
  }
  for (const [id, o] of old) if (!now.has(id)) removed.push({ id, before: figures(o) });
  const total = (m: Record<string, number> | undefined) => (m ? sum(Object.values(m)) : null);
  const budget = { before: total(before.budget), after: total(after.budget) };
  const pools = [
    ...new Set([...Object.keys(before.capacity ?? {}), ...Object.keys(after.capacity ?? {})]),
  ].sort();
  const capacity = pools
    .map((pool) => ({
      pool,
      before: total(before.capacity?.[pool]),
      after: total(after.capacity?.[pool]),
    }))
    .filter((x) => x.before !== x.after);
  const forcingDropped = [...forcing.forcedIn, ...forcing.forcedOut].filter((id) => !now.has(id));
  const periodsChanged = before.periods.join() !== after.periods.join();
  const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  return {
    added: added.sort(byId),
    removed: removed.sort(byId),
    changed: changed.sort(byId),
    unchanged,
    periodsChanged,
    budget,
    capacity,
    forcingDropped,
    same:
      added.length === 0 &&
      removed.length === 0 &&
      changed.length === 0 &&
      !periodsChanged &&
      budget.before === budget.after &&
      capacity.length === 0,
  };
}
