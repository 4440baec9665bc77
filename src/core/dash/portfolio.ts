/**
 * The portfolio dashboard's figures, from one row per project (its attributes and the metrics of
 * its latest snapshot): the phase, status and weather mixes, budget against actuals by
 * programme, capacity pressure by department, the bubble chart's points and the roadmap strip's
 * window. Pure: no I/O, no clock. Money is in integer cents, hours are hours.
 */
import { WEATHERS, type Weather } from '../reporting/weather.ts';

export interface DashProjectInput {
  id: string;
  code: string;
  name: string;
  status: string;
  program: { id: string; name: string } | null;
  orgUnit: { id: string; name: string } | null;
  phase: { key: string; name: string } | null;
  weather: Weather | null;
  start: string | null;
  finish: string | null;
  /** Strategic alignment, 0–100 (null: no strategy defined). */
  value: number | null;
  budgetCents: number | null;
  actualCents: number | null;
  committedCents: number | null;
  exposureCents: number | null;
  allocatedHours: number | null;
  capacityHours: number | null;
}

export interface MixItem {
  key: string;
  name: string;
  count: number;
}

export interface MoneyGroup {
  key: string;
  name: string;
  projects: number;
  budgetCents: number;
  actualCents: number;
  committedCents: number;
  /** actual / budget in whole percent; null without budget. */
  consumedPct: number | null;
}

export interface CapacityGroup {
  key: string;
  name: string;
  allocatedHours: number;
  capacityHours: number;
  /** allocated / capacity in whole percent; null without capacity. */
  loadPct: number | null;
  level: 'ok' | 'tight' | 'over' | 'none';
}

/** The key and label of "no value" groups (no phase, no programme, no department). */
export const NONE = '_none';

const pct = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 100) : null);

/** Load above 100 % is over capacity; from 85 % it is tight (the usual PMO "zone orange"). */
export function capacityLevel(loadPct: number | null): CapacityGroup['level'] {
  if (loadPct === null) return 'none';
  return loadPct > 100 ? 'over' : loadPct >= 85 ? 'tight' : 'ok';
}

/** Projects by lifecycle phase, most populated first, "no phase" last. */
export function phaseMix(rows: readonly DashProjectInput[], noneName: string): MixItem[] {
  const by = new Map<string, MixItem>();
  for (const r of rows) {
    const key = r.phase?.key ?? NONE;
    const item = by.get(key) ?? { key, name: r.phase?.name ?? noneName, count: 0 };
    item.count += 1;
    by.set(key, item);
  }
  return [...by.values()].sort(
    (a, b) =>
      Number(a.key === NONE) - Number(b.key === NONE) ||
      b.count - a.count ||
      a.name.localeCompare(b.name),
  );
}

/** Projects by weather in the scale's order (sun → storm), then "none": every key present. */
export function weatherMix(rows: readonly DashProjectInput[]): MixItem[] {
  const keys = [...WEATHERS, NONE];
  const counts = new Map(keys.map((k) => [k, 0]));
  for (const r of rows) {
    const k = r.weather ?? NONE;
    counts.set(k, counts.get(k)! + 1);
  }
  return keys.map((k) => ({ key: k, name: k, count: counts.get(k)! }));
}

/** Projects by status (draft, active, on_hold, closed…), most first. */
export function statusMix(rows: readonly DashProjectInput[]): MixItem[] {
  const by = new Map<string, number>();
  for (const r of rows) by.set(r.status, (by.get(r.status) ?? 0) + 1);
  return [...by]
    .map(([key, count]) => ({ key, name: key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** Budget, actuals and commitments by programme (projects outside a programme together). */
export function budgetByProgram(rows: readonly DashProjectInput[], noneName: string) {
  const by = new Map<string, MoneyGroup>();
  for (const r of rows) {
    const key = r.program?.id ?? NONE;
    const g = by.get(key) ?? {
      key,
      name: r.program?.name ?? noneName,
      projects: 0,
      budgetCents: 0,
      actualCents: 0,
      committedCents: 0,
      consumedPct: null,
    };
    g.projects += 1;
    g.budgetCents += r.budgetCents ?? 0;
    g.actualCents += r.actualCents ?? 0;
    g.committedCents += r.committedCents ?? 0;
    by.set(key, g);
  }
  const groups = [...by.values()]
    .map((g) => ({ ...g, consumedPct: pct(g.actualCents, g.budgetCents) }))
    .sort(
      (a, b) =>
        Number(a.key === NONE) - Number(b.key === NONE) ||
        b.budgetCents - a.budgetCents ||
        a.name.localeCompare(b.name),
    );
  const total = groups.reduce(
    (t, g) => ({
      budgetCents: t.budgetCents + g.budgetCents,
      actualCents: t.actualCents + g.actualCents,
      committedCents: t.committedCents + g.committedCents,
    }),
    { budgetCents: 0, actualCents: 0, committedCents: 0 },
  );
  return { groups, total: { ...total, consumedPct: pct(total.actualCents, total.budgetCents) } };
}

/** One department's share of a project's load: hours allocated (`a`) and capacity (`c`). */
export interface CapacityShare {
  /** The people's org unit (null: people without one). */
  o: string | null;
  a: number;
  c: number;
}

/**
 * Capacity pressure by the people's department: for the given projects, the hours allocated over
 * the next four weeks to people of each department, against those people's capacity net of
 * absences (each person's capacity shared among their projects, so the figures add up at any
 * level and a person shared by two projects is counted once). Most loaded first.
 */
export function capacityByDepartment(
  rows: readonly { capacity?: readonly CapacityShare[] | null }[],
  names: ReadonlyMap<string, string>,
  noneName: string,
) {
  const by = new Map<string, { key: string; name: string; a: number; c: number }>();
  for (const r of rows)
    for (const s of r.capacity ?? []) {
      const key = s.o ?? NONE;
      const g = by.get(key) ?? {
        key,
        name: s.o === null ? noneName : (names.get(s.o) ?? s.o),
        a: 0,
        c: 0,
      };
      g.a += s.a;
      g.c += s.c;
      by.set(key, g);
    }
  const round = (h: number) => Math.round(h * 10) / 10;
  const groups: CapacityGroup[] = [...by.values()].map((g) => {
    const loadPct = pct(g.a, g.c);
    return {
      key: g.key,
      name: g.name,
      allocatedHours: round(g.a),
      capacityHours: round(g.c),
      loadPct,
      level: capacityLevel(loadPct),
    };
  });
  groups.sort((x, y) => (y.loadPct ?? -1) - (x.loadPct ?? -1) || x.name.localeCompare(y.name));
  const a = [...by.values()].reduce((s, g) => s + g.a, 0);
  const c = [...by.values()].reduce((s, g) => s + g.c, 0);
  const loadPct = pct(a, c);
  return {
    groups,
    total: {
      allocatedHours: round(a),
      capacityHours: round(c),
      loadPct,
      level: capacityLevel(loadPct),
    },
  };
}

const WEATHER_ORDER = ['storm', 'rain', 'cloud', 'sun'];

/** Whether a project needs attention: rain, storm or a late milestone. */
export function needsAttention(r: { weather: Weather | null; milestonesLate: number | null }) {
  return r.weather === 'rain' || r.weather === 'storm' || (r.milestonesLate ?? 0) > 0;
}

/** The projects to watch, worst first: storm, rain, then by exposure, then by code. */
export function attentionRows<T extends DashProjectInput & { milestonesLate: number | null }>(
  rows: readonly T[],
): T[] {
  const rank = (w: Weather | null) => WEATHER_ORDER.indexOf(w ?? 'sun');
  return rows
    .filter(needsAttention)
    .sort(
      (a, b) =>
        rank(a.weather) - rank(b.weather) ||
        (b.exposureCents ?? 0) - (a.exposureCents ?? 0) ||
        a.code.localeCompare(b.code),
    );
}

/**
 * The bubbles of the value × risk chart: projects with a value or an exposure, the `limit`
 * largest budgets (then exposures) — a chart of 2,000 bubbles is unreadable; the table view pages
 * through every project.
 */
export function bubbleRows<T extends DashProjectInput>(rows: readonly T[], limit: number) {
  const points = rows.filter((p) => p.value !== null || p.exposureCents !== null);
  return {
    total: points.length,
    items: [...points]
      .sort(
        (a, b) =>
          (b.budgetCents ?? 0) - (a.budgetCents ?? 0) ||
          (b.exposureCents ?? 0) - (a.exposureCents ?? 0) ||
          a.code.localeCompare(b.code),
      )
      .slice(0, limit),
  };
}

export interface BenefitFigures {
  plannedCents: number;
  plannedToDateCents: number;
  realisedCents: number;
}

/** Benefits of several projects: sums, and realised / planned to date in whole percent. */
export function benefitsTotal(rows: readonly (BenefitFigures | null)[]) {
  const withCase = rows.filter((r): r is BenefitFigures => r !== null);
  if (withCase.length === 0) return null;
  const t = withCase.reduce(
    (s, r) => ({
      plannedCents: s.plannedCents + r.plannedCents,
      plannedToDateCents: s.plannedToDateCents + r.plannedToDateCents,
      realisedCents: s.realisedCents + r.realisedCents,
    }),
    { plannedCents: 0, plannedToDateCents: 0, realisedCents: 0 },
  );
  return {
    projects: withCase.length,
    ...t,
    ratePct: pct(t.realisedCents, t.plannedToDateCents),
  };
}

/** The date window of the roadmap strip: the earliest start to the latest finish (null: no dates). */
export function roadmapWindow(
  rows: readonly DashProjectInput[],
): { start: string; finish: string } | null {
  let start: string | null = null;
  let finish: string | null = null;
  for (const r of rows) {
    if (!r.start || !r.finish) continue;
    if (start === null || r.start < start) start = r.start;
    if (finish === null || r.finish > finish) finish = r.finish;
  }
  return start && finish ? { start, finish } : null;
}

/**
 * The projects the roadmap strip draws: those with dates, largest budget first (then code), at
 * most `limit`; the table view lists them all.
 */
export function roadmapRows<T extends DashProjectInput>(rows: readonly T[], limit: number): T[] {
  return rows
    .filter((r) => r.start && r.finish)
    .sort((a, b) => (b.budgetCents ?? 0) - (a.budgetCents ?? 0) || a.code.localeCompare(b.code))
    .slice(0, limit)
    .sort((a, b) => a.start!.localeCompare(b.start!) || a.code.localeCompare(b.code));
}

export interface DashFilter {
  phase?: string | undefined;
  weather?: string | undefined;
}

/** The phase and weather filters (`_none` selects projects without one). */
export function applyFilter<T extends DashProjectInput>(rows: readonly T[], f: DashFilter): T[] {
  return rows.filter(
    (r) =>
      (f.phase === undefined || (r.phase?.key ?? NONE) === f.phase) &&
      (f.weather === undefined || (r.weather ?? NONE) === f.weather),
  );
}

/**
 * The one "late milestone" rule (issue 8): a milestone is late when its date has passed and it
 * is not done. A forecast that slipped past its baseline but is still ahead is not late (its
 * slippage shows that); a milestone due today is not late yet. The metric registry's
 * `milestones_late` counts the same thing in SQL (`not done and start < asOf`).
 */
export function isMilestoneLate(m: { done: boolean; date: string | null }, today: string) {
  return !m.done && m.date !== null && m.date < today;
}
