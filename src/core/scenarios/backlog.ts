/**
 * A portfolio scenario built from Jalon's own backlog (docs/scenarios.md): the project
 * requests become candidates, their business cases give the cost by month and the NPV, a
 * scoring model gives the score, and the people's capacity (net of what current projects
 * already hold) gives each pool's hours. The output is a selection file
 * (formats/portfolio-selection.md), so the scenario runs exactly like an uploaded one.
 * Pure: the caller reads the database.
 */

/** What the builder needs to know of a request. Money in minor units. */
export interface BacklogRequest {
  id: string;
  /** DEM-0004: the candidate's id in the scenario. */
  reference: string;
  title: string;
  /** Score out of 100 under the chosen model; null when nobody scored it. */
  score: number | null;
  /** NPV of the business case (base case), null without one. */
  npv: number | null;
  /** Investment cost of the business case by period, from its first period. */
  caseCosts: { periodicity: 'year' | 'month'; firstPeriod: string; amounts: number[] } | null;
  roughCost: number | null;
  roughEffortDays: number | null;
  desiredStart: string | null;
  desiredEnd: string | null;
  /**
   * The request's effort split by team, as pool ids (the teams' codes) and days. Empty: the
   * rough effort goes to `defaultPool`.
   */
  effortByTeam: readonly { pool: string; days: number }[];
  /** The team of the request's sponsor (else of its requester), as a pool id; null if none. */
  defaultPool: string | null;
}

/** The pool of the people who belong to no team. */
export const NO_TEAM_POOL = 'sans-equipe';

export interface BacklogOptions {
  /** First month of the horizon, YYYY-MM. */
  firstMonth: string;
  months: number;
  valueBasis: 'score' | 'npv';
  /** Budget per month in minor units; null = no budget constraint. */
  monthlyBudget: number | null;
  /** How many months a start may slip after the earliest one (0–6). */
  windowMonths: number;
  /** Hours in a day of effort (the requests' rough effort is in days). */
  hoursPerDay: number;
  /** Months of a request with neither a business case nor desired dates. */
  defaultMonths: number;
}

/** Why a request is left out, or what was assumed for it. */
export type BacklogNoteCode =
  | 'NO_SCORE'
  | 'NO_NPV'
  | 'NO_COST'
  | 'AFTER_HORIZON'
  | 'TRUNCATED'
  | 'COST_FROM_ROUGH_ESTIMATE'
  /** No split by team: the rough effort was put on the sponsor's (or requester's) team. */
  | 'EFFORT_ON_DEFAULT_TEAM'
  /** No split by team and no team to default to: its effort is not held against any pool. */
  | 'EFFORT_WITHOUT_TEAM';

export interface BacklogNote {
  requestId: string;
  reference: string;
  code: BacklogNoteCode;
  /** Left out of the scenario (otherwise the note is an assumption). */
  excluded: boolean;
}

export interface BacklogCandidate {
  id: string;
  name: string;
  value: number;
  cost: number[];
  demand: Record<string, number[]>;
  earliestStart: string;
  latestStart: string;
}

export interface BacklogSelection {
  periods: string[];
  budget?: Record<string, number>;
  capacity: Record<string, Record<string, number>>;
  candidates: BacklogCandidate[];
}

const MONTH = /^(\d{4})-(\d{2})$/;

/** Month index since year 0 of a YYYY-MM or YYYY-MM-DD string. */
export function monthIndex(s: string): number {
  const m = MONTH.exec(s.slice(0, 7));
  if (!m) throw new Error(`not a month: ${s}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function monthLabel(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Months of the horizon, YYYY-MM. */
export function horizonMonths(firstMonth: string, months: number): string[] {
  const first = monthIndex(firstMonth);
  return Array.from({ length: months }, (_, k) => monthLabel(first + k));
}

/**
 * A business case's investment by month, as { month index → amount }: monthly cases as they
 * are, yearly cases spread evenly over the twelve months of each year (cents kept whole: the
 * remainder goes to the first months).
 */
export function caseCostsByMonth(c: NonNullable<BacklogRequest['caseCosts']>): Map<number, number> {
  const out = new Map<number, number>();
  const add = (m: number, a: number) => out.set(m, (out.get(m) ?? 0) + a);
  if (c.periodicity === 'month') {
    const first = monthIndex(c.firstPeriod);
    c.amounts.forEach((a, k) => a !== 0 && add(first + k, a));
  } else {
    const year = Number(c.firstPeriod.slice(0, 4));
    c.amounts.forEach((a, k) => {
      if (a === 0) return;
      const base = Math.floor(a / 12);
      let rest = a - base * 12;
      for (let m = 0; m < 12; m++) {
        add((year + k) * 12 + m, base + (rest > 0 ? 1 : 0));
        if (rest > 0) rest--;
      }
    });
  }
  return out;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
/** Minor units → whole euros (the selection file counts in currency units). */
const units = (minor: number) => Math.round(minor / 100);

/**
 * Builds the selection file. Each request becomes a candidate named by its reference:
 * - value: its score (0–100) or its NPV in k€;
 * - cost by month from its earliest start: the business case's investment from its first
 *   month with a cost, or else the rough cost spread over the desired dates (or
 *   `defaultMonths`);
 * - demand: per team, the request's effort split (days × hoursPerDay) spread evenly over the
 *   same months, one pool per team; without a split, the whole rough effort on the sponsor's
 *   (else the requester's) team (noted), or on no pool when neither has a team (noted);
 * - earliest start: the later of the horizon's first month and the desired start (or the
 *   case's first cost month); latest start: `windowMonths` later, while the profile still
 *   fits the horizon. A profile longer than what is left of the horizon is cut at its end.
 * Requests without a value (no score / no NPV) or starting after the horizon are left out;
 * every assumption and exclusion is noted.
 */
export function buildBacklogSelection(
  requests: readonly BacklogRequest[],
  /**
   * Each team pool's free hours per month of the horizon (freePoolHours); null = capacity not
   * constrained. A pool a request needs but absent here gets no hours (a team with nobody).
   */
  poolFreeHours: Readonly<Record<string, readonly number[]>> | null,
  options: BacklogOptions,
): { selection: BacklogSelection; notes: BacklogNote[] } {
  const periods = horizonMonths(options.firstMonth, options.months);
  const first = monthIndex(options.firstMonth);
  const P = options.months;
  const notes: BacklogNote[] = [];
  const note = (r: BacklogRequest, code: BacklogNoteCode, excluded: boolean) =>
    notes.push({ requestId: r.id, reference: r.reference, code, excluded });
  const candidates: BacklogCandidate[] = [];
  for (const r of requests) {
    const value =
      options.valueBasis === 'score'
        ? r.score === null
          ? null
          : round1(r.score)
        : r.npv === null
          ? null
          : round1(r.npv / 100_000);
    if (value === null) {
      note(r, options.valueBasis === 'score' ? 'NO_SCORE' : 'NO_NPV', true);
      continue;
    }
    // Cost by absolute month, from the first month with a cost.
    let monthly: number[] = [];
    let from: number | null = r.desiredStart ? monthIndex(r.desiredStart) : null;
    const fromCase = r.caseCosts ? caseCostsByMonth(r.caseCosts) : new Map<number, number>();
    if (fromCase.size > 0) {
      const months = [...fromCase.keys()].sort((a, b) => a - b);
      const lo = months[0]!;
      const hi = months.at(-1)!;
      monthly = Array.from({ length: hi - lo + 1 }, (_, k) => fromCase.get(lo + k) ?? 0);
      from ??= lo;
    } else {
      const len =
        r.desiredStart && r.desiredEnd && r.desiredEnd >= r.desiredStart
          ? monthIndex(r.desiredEnd) - monthIndex(r.desiredStart) + 1
          : options.defaultMonths;
      if (r.roughCost !== null && r.roughCost > 0) {
        note(r, 'COST_FROM_ROUGH_ESTIMATE', false);
        const base = Math.floor(r.roughCost / len);
        monthly = Array.from(
          { length: len },
          (_, k) => base + (k < r.roughCost! - base * len ? 1 : 0),
        );
      } else {
        note(r, 'NO_COST', false);
        monthly = new Array<number>(len).fill(0);
      }
    }
    const earliest = Math.max(0, (from ?? first) - first);
    if (earliest >= P) {
      note(r, 'AFTER_HORIZON', true);
      continue;
    }
    let len = Math.max(1, monthly.length);
    if (len > P - earliest) {
      note(r, 'TRUNCATED', false);
      len = P - earliest;
    }
    // Whole euros by rounding the running total, so that the months add up to the case's
    // total (rounding each month alone turned 380 000 € over 12 months into 380 004 €).
    const cost: number[] = [];
    let running = 0;
    for (let k = 0; k < len; k++) {
      const before = units(running);
      running += monthly[k] ?? 0;
      cost.push(units(running) - before);
    }
    const latest = Math.min(earliest + options.windowMonths, P - len);
    const demand: Record<string, number[]> = {};
    const spread = (days: number) =>
      Math.round(((days * options.hoursPerDay) / Math.max(1, monthly.length)) * 10) / 10;
    const split = r.effortByTeam.filter((e) => e.days > 0);
    if (split.length > 0) {
      for (const e of split) {
        const per = spread(e.days) + (demand[e.pool]?.[0] ?? 0);
        demand[e.pool] = new Array<number>(len).fill(Math.round(per * 10) / 10);
      }
    } else if ((r.roughEffortDays ?? 0) > 0) {
      if (r.defaultPool !== null) {
        note(r, 'EFFORT_ON_DEFAULT_TEAM', false);
        demand[r.defaultPool] = new Array<number>(len).fill(spread(r.roughEffortDays!));
      } else note(r, 'EFFORT_WITHOUT_TEAM', false);
    }
    candidates.push({
      id: r.reference,
      name: r.title,
      value,
      cost,
      demand,
      earliestStart: periods[earliest]!,
      latestStart: periods[Math.max(earliest, latest)]!,
    });
  }
  const capacity: Record<string, Record<string, number>> = {};
  if (poolFreeHours !== null) {
    const pools = new Set(Object.keys(poolFreeHours));
    for (const c of candidates) for (const pool of Object.keys(c.demand)) pools.add(pool);
    for (const pool of [...pools].sort())
      capacity[pool] = Object.fromEntries(
        periods.map((m, k) => [m, Math.max(0, Math.round(poolFreeHours[pool]?.[k] ?? 0))]),
      );
  }
  const selection: BacklogSelection = { periods, capacity, candidates };
  if (options.monthlyBudget !== null)
    selection.budget = Object.fromEntries(periods.map((m) => [m, units(options.monthlyBudget!)]));
  return { selection, notes };
}

/**
 * The pool's hours per month left for new projects: the people's capacity (their calendars,
 * absences and holidays, as the capacity heat map computes it) minus what current projects
 * already hold (allocations and task assignments), times the share the PMO gives to new
 * projects (0–100 %).
 */
export function freePoolHours(
  cells: readonly { capacity: number; load: number }[],
  sharePercent: number,
): number[] {
  return cells.map((c) => Math.max(0, ((c.capacity - c.load) * sharePercent) / 100));
}
