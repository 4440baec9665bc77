// Staffing: who fits a resource request. Each candidate gets three scores in [0, 1] — skill
// fit (their levels against the minimum levels asked, and the role), availability (hours free
// over the period against the hours asked) and cost (their hourly rate against the others') —
// and a weighted total out of 100, with the reasons as codes the web turns into sentences.

export interface RequiredSkill {
  skillId: string;
  minLevel: number;
}

export interface RankingRequest {
  skills: readonly RequiredSkill[];
  /** Generic role asked for, if any: people of that role fit better. */
  roleId: string | null;
  /** Hours asked over the whole period (hours a week × weeks, or FTE × capacity). */
  hoursNeeded: number;
}

export interface HeldSkill {
  level: number;
  /** A certification past its expiry date. */
  expired: boolean;
}

/** What the ranking knows of a person, in the order of the arrays the caller holds. */
export interface Candidate {
  id: string;
  roleId: string | null;
  /** Held levels of the requested skills (absent: not held). */
  skills: ReadonlyMap<string, HeldSkill>;
  /** Hours of capacity over the period, after holidays and approved absences. */
  capacityHours: number;
  /** Hours of capacity the approved absences take away over the period. */
  absenceHours: number;
  /** Hours already committed over the period (allocations, proposed ones included, or tasks). */
  loadHours: number;
  /** Hourly cost rate at the start of the period, minor units; null when none is known. */
  rateMinor: number | null;
}

export interface Weights {
  skills: number;
  availability: number;
  cost: number;
}

export const DEFAULT_WEIGHTS: Weights = { skills: 50, availability: 35, cost: 15 };

/** One reason behind a score: a code and the figures the sentence needs. */
export type Reason =
  | { code: 'skill_ok'; skillId: string; level: number; minLevel: number }
  | { code: 'skill_below'; skillId: string; level: number; minLevel: number }
  | { code: 'skill_missing'; skillId: string; minLevel: number }
  | { code: 'certification_expired'; skillId: string }
  | { code: 'role_match' }
  | { code: 'role_other' }
  | { code: 'available'; freeHours: number; hoursNeeded: number }
  | { code: 'partly_available'; freeHours: number; hoursNeeded: number }
  | { code: 'unavailable'; hoursNeeded: number }
  | { code: 'absent'; hours: number }
  | { code: 'rate'; rateMinor: number; cheapest: boolean }
  | { code: 'no_rate' };

export interface Ranked {
  id: string;
  /** Weighted total, 0–100, one decimal. */
  score: number;
  fit: number;
  availability: number;
  cost: number;
  /** Every requested skill at its level (an expired certification still counts) and the role. */
  qualified: boolean;
  freeHours: number;
  reasons: Reason[];
}

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/**
 * Skill fit of one candidate: the mean over the requested skills of `min(level / minLevel, 1)`
 * (0 when not held); with a role asked, 80 % skills and 20 % role (1 if same, else 0); a request
 * naming only a role fits people of that role (1) better than others (0).
 */
export function skillFit(
  request: Pick<RankingRequest, 'skills' | 'roleId'>,
  c: Pick<Candidate, 'skills' | 'roleId'>,
): { fit: number; qualified: boolean; reasons: Reason[] } {
  const reasons: Reason[] = [];
  let sum = 0;
  let qualified = true;
  for (const s of request.skills) {
    const held = c.skills.get(s.skillId);
    if (!held) {
      qualified = false;
      reasons.push({ code: 'skill_missing', skillId: s.skillId, minLevel: s.minLevel });
      continue;
    }
    sum += Math.min(held.level / s.minLevel, 1);
    if (held.level >= s.minLevel) {
      reasons.push({
        code: 'skill_ok',
        skillId: s.skillId,
        level: held.level,
        minLevel: s.minLevel,
      });
    } else {
      qualified = false;
      reasons.push({
        code: 'skill_below',
        skillId: s.skillId,
        level: held.level,
        minLevel: s.minLevel,
      });
    }
    if (held.expired) reasons.push({ code: 'certification_expired', skillId: s.skillId });
  }
  const skills = request.skills.length ? sum / request.skills.length : 1;
  if (!request.roleId) return { fit: skills, qualified, reasons };
  const same = c.roleId === request.roleId;
  if (!same) qualified = false;
  reasons.push({ code: same ? 'role_match' : 'role_other' });
  const role = same ? 1 : 0;
  return {
    fit: request.skills.length ? 0.8 * skills + 0.2 * role : role,
    qualified,
    reasons,
  };
}

/** Share of the hours asked that the candidate has free over the period, in [0, 1]. */
export function availabilityScore(hoursNeeded: number, freeHours: number): number {
  if (hoursNeeded <= 0) return freeHours > 0 ? 1 : 0;
  return clamp01(freeHours / hoursNeeded);
}

/**
 * Cost score: 1 for the cheapest known rate, 0 for the dearest, linear between; 0.5 (neutral)
 * for a candidate without a rate, or when every rate is the same.
 */
export function costScore(rate: number | null, min: number, max: number): number {
  if (rate === null) return 0.5;
  if (max <= min) return 1;
  return clamp01(1 - (rate - min) / (max - min));
}

/** Cheapest and dearest known rate of some people (Infinity / −Infinity when none is known). */
export function rateRange(people: readonly { rateMinor: number | null }[]) {
  let min = Infinity;
  let max = -Infinity;
  for (const c of people) {
    if (c.rateMinor === null) continue;
    if (c.rateMinor < min) min = c.rateMinor;
    if (c.rateMinor > max) max = c.rateMinor;
  }
  return { min, max };
}

/**
 * The best score a candidate could get before their load is read: their skill fit and cost,
 * with availability at most `maxAvailability` (full by default; `candidatePool` bounds it from
 * their capacity and load). The ranking reads the availability of the best bounds first and
 * stops when no bound left can beat the last place kept.
 */
export function scoreBound(
  request: Pick<RankingRequest, 'skills' | 'roleId'>,
  c: Pick<Candidate, 'skills' | 'roleId' | 'rateMinor'>,
  range: { min: number; max: number },
  weights: Weights = DEFAULT_WEIGHTS,
  maxAvailability = 1,
): { bound: number; qualified: boolean } {
  const wSum = weights.skills + weights.availability + weights.cost || 1;
  const f = skillFit(request, c);
  const cost = costScore(c.rateMinor, range.min, range.max);
  return {
    bound:
      (100 *
        (weights.skills * f.fit + weights.availability * maxAvailability + weights.cost * cost)) /
      wSum,
    qualified: f.qualified,
  };
}

/**
 * Ranks the candidates, best first: by score, then fit, then free hours, then id (a total,
 * deterministic order). Returns the first `limit` (all when omitted) and how many were ranked.
 */
export function rankCandidates(
  request: RankingRequest,
  candidates: readonly Candidate[],
  options: {
    weights?: Weights;
    limit?: number;
    qualifiedOnly?: boolean;
    /** Cheapest and dearest rate to score costs against (default: those of `candidates`). */
    rateRange?: { min: number; max: number };
  } = {},
): { total: number; items: Ranked[] } {
  const w = options.weights ?? DEFAULT_WEIGHTS;
  const wSum = w.skills + w.availability + w.cost || 1;
  const { min, max } = options.rateRange ?? rateRange(candidates);
  const ranked: Ranked[] = [];
  for (const c of candidates) {
    const f = skillFit(request, c);
    if (options.qualifiedOnly && !f.qualified) continue;
    const freeHours = Math.max(0, c.capacityHours - c.loadHours);
    const availability = availabilityScore(request.hoursNeeded, freeHours);
    const cost = costScore(c.rateMinor, min, max);
    const reasons = f.reasons;
    const free = round(freeHours, 1);
    const need = round(request.hoursNeeded, 1);
    if (freeHours <= 0) reasons.push({ code: 'unavailable', hoursNeeded: need });
    else if (availability >= 1)
      reasons.push({ code: 'available', freeHours: free, hoursNeeded: need });
    else reasons.push({ code: 'partly_available', freeHours: free, hoursNeeded: need });
    if (c.absenceHours > 0) reasons.push({ code: 'absent', hours: round(c.absenceHours, 1) });
    reasons.push(
      c.rateMinor === null
        ? { code: 'no_rate' }
        : { code: 'rate', rateMinor: c.rateMinor, cheapest: c.rateMinor === min },
    );
    const score = (100 * (w.skills * f.fit + w.availability * availability + w.cost * cost)) / wSum;
    ranked.push({
      id: c.id,
      score: round(score, 1),
      fit: round(f.fit, 3),
      availability: round(availability, 3),
      cost: round(cost, 3),
      qualified: f.qualified,
      freeHours: free,
      reasons,
    });
  }
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      b.fit - a.fit ||
      b.freeHours - a.freeHours ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const limit = options.limit ?? ranked.length;
  return { total: ranked.length, items: ranked.slice(0, limit) };
}

/**
 * Hours a request asks for over its period: hours a week (or FTE × 35 h) times the weeks of
 * working days in it (`workingDays / 5`).
 */
export function hoursNeeded(
  request: { unit: 'hours' | 'fte'; amount: number },
  workingDays: number,
): number {
  const weekly = request.unit === 'hours' ? request.amount : request.amount * 35;
  return (weekly * workingDays) / 5;
}
