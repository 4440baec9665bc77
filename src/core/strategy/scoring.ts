/**
 * Scoring models: weighted criteria (strategic alignment, value, risk, urgency, feasibility,
 * regulatory…), each on a scale of levels; several evaluators score each candidate; the ranked
 * list explains every score (per criterion, per evaluator, and how far evaluators disagree).
 * Pure: no I/O, no clock.
 */

export interface ScaleLevel {
  value: number;
  /** What the level means ("3 — contribue fortement à un objectif"), shown to evaluators. */
  description: string;
}

export interface Criterion {
  id: string;
  weight: number;
  /** Risk-like criteria: a high level is bad and scores low. */
  direction: 'higher_better' | 'lower_better';
  /** At least two levels with distinct values. */
  levels: readonly ScaleLevel[];
}

export interface Evaluation {
  candidateId: string;
  evaluatorId: string;
  criterionId: string;
  value: number;
}

export class ScoringError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.path = path;
  }
}

/** Checks a model: positive total weight, scales of ≥ 2 distinct levels, unique criteria. */
export function validateModel(criteria: readonly Criterion[]): void {
  if (criteria.length === 0) throw new ScoringError('criteria', 'at least one criterion');
  const ids = new Set<string>();
  let total = 0;
  criteria.forEach((c, i) => {
    if (ids.has(c.id)) throw new ScoringError(`criteria[${i}].id`, `duplicate ${c.id}`);
    ids.add(c.id);
    if (!(c.weight >= 0) || !Number.isFinite(c.weight))
      throw new ScoringError(`criteria[${i}].weight`, 'must be a non-negative number');
    total += c.weight;
    const values = new Set(c.levels.map((l) => l.value));
    if (values.size < 2 || values.size !== c.levels.length)
      throw new ScoringError(`criteria[${i}].levels`, 'at least two levels with distinct values');
  });
  if (total <= 0) throw new ScoringError('criteria', 'the weights must not all be zero');
}

/** A level's value on 0–1 (its scale's min → 0, max → 1; reversed for lower-is-better). */
export function normalise(c: Criterion, value: number): number {
  const values = c.levels.map((l) => l.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const x = (value - min) / (max - min);
  return c.direction === 'lower_better' ? 1 - x : x;
}

export interface CriterionScore {
  criterionId: string;
  /** Mean level across the evaluators who scored it; null when nobody did. */
  mean: number | null;
  /** The mean on 0–1 (direction applied). */
  normalised: number | null;
  /** Weight share × normalised: this criterion's part of the total (0–1). */
  contribution: number;
  /** max − min of the levels given, in the scale's units (0 with one evaluator). */
  spread: number;
  /** Spread over the scale's range (0–1): 1 = evaluators at opposite ends. */
  relativeSpread: number;
  evaluations: { evaluatorId: string; value: number }[];
}

export interface CandidateScore {
  candidateId: string;
  /** Σ weight share × normalised mean, over all criteria (an unscored criterion counts 0), ×100. */
  total: number;
  /** Share of the model's weight that has at least one evaluation (0–1). */
  completeness: number;
  criteria: CriterionScore[];
  /** Each evaluator's own total (0–100) over the criteria they scored, reweighted to them. */
  evaluators: { evaluatorId: string; total: number; scored: number }[];
  /** The largest relative spread among the criteria: where evaluators disagree most. */
  maxRelativeSpread: number;
  rank: number;
}

/**
 * Scores and ranks candidates. Evaluations of unknown criteria or candidates, or with a value
 * that is not one of the criterion's levels, are refused (ScoringError naming the row). Ranks:
 * by total, then completeness, then candidate id; equal totals and completeness share a rank.
 */
export function scoreCandidates(
  criteria: readonly Criterion[],
  candidateIds: readonly string[],
  evaluations: readonly Evaluation[],
): CandidateScore[] {
  validateModel(criteria);
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const candidates = new Set(candidateIds);
  const totalWeight = criteria.reduce((s, c) => s + c.weight, 0);
  const grouped = new Map<string, Map<string, { evaluatorId: string; value: number }[]>>();
  const seen = new Set<string>();
  evaluations.forEach((e, i) => {
    const c = byId.get(e.criterionId);
    if (!c) throw new ScoringError(`evaluations[${i}].criterionId`, `unknown ${e.criterionId}`);
    if (!candidates.has(e.candidateId))
      throw new ScoringError(`evaluations[${i}].candidateId`, `unknown ${e.candidateId}`);
    if (!c.levels.some((l) => l.value === e.value))
      throw new ScoringError(`evaluations[${i}].value`, `${e.value} is not a level of ${c.id}`);
    const key = `${e.candidateId}\u0000${e.evaluatorId}\u0000${e.criterionId}`;
    if (seen.has(key))
      throw new ScoringError(`evaluations[${i}]`, 'the same evaluator scored this twice');
    seen.add(key);
    let perCandidate = grouped.get(e.candidateId);
    if (!perCandidate) grouped.set(e.candidateId, (perCandidate = new Map()));
    const list = perCandidate.get(e.criterionId);
    if (list) list.push({ evaluatorId: e.evaluatorId, value: e.value });
    else perCandidate.set(e.criterionId, [{ evaluatorId: e.evaluatorId, value: e.value }]);
  });

  const scores = candidateIds.map((candidateId) => {
    const perCandidate = grouped.get(candidateId) ?? new Map();
    let total = 0;
    let covered = 0;
    const perEvaluator = new Map<string, { weighted: number; weight: number; scored: number }>();
    const rows: CriterionScore[] = criteria.map((c) => {
      const evals = [...(perCandidate.get(c.id) ?? [])].sort((a, b) =>
        a.evaluatorId < b.evaluatorId ? -1 : a.evaluatorId > b.evaluatorId ? 1 : 0,
      );
      const share = c.weight / totalWeight;
      const values = c.levels.map((l) => l.value);
      const range = Math.max(...values) - Math.min(...values);
      for (const e of evals) {
        const acc = perEvaluator.get(e.evaluatorId) ?? { weighted: 0, weight: 0, scored: 0 };
        acc.weighted += c.weight * normalise(c, e.value);
        acc.weight += c.weight;
        acc.scored += 1;
        perEvaluator.set(e.evaluatorId, acc);
      }
      if (evals.length === 0)
        return {
          criterionId: c.id,
          mean: null,
          normalised: null,
          contribution: 0,
          spread: 0,
          relativeSpread: 0,
          evaluations: [],
        };
      const mean = evals.reduce((s, e) => s + e.value, 0) / evals.length;
      const norm = normalise(c, mean);
      const spread =
        Math.max(...evals.map((e) => e.value)) - Math.min(...evals.map((e) => e.value));
      total += share * norm;
      covered += share;
      return {
        criterionId: c.id,
        mean,
        normalised: norm,
        contribution: share * norm,
        spread,
        relativeSpread: spread / range,
        evaluations: evals,
      };
    });
    return {
      candidateId,
      total: total * 100,
      completeness: covered,
      criteria: rows,
      evaluators: [...perEvaluator]
        .map(([evaluatorId, a]) => ({
          evaluatorId,
          total: a.weight > 0 ? (a.weighted / a.weight) * 100 : 0,
          scored: a.scored,
        }))
        .sort((a, b) => (a.evaluatorId < b.evaluatorId ? -1 : 1)),
      maxRelativeSpread: Math.max(0, ...rows.map((r) => r.relativeSpread)),
      rank: 0,
    };
  });
  const EPS = 1e-9;
  scores.sort(
    (a, b) =>
      b.total - a.total ||
      b.completeness - a.completeness ||
      (a.candidateId < b.candidateId ? -1 : 1),
  );
  scores.forEach((s, i) => {
    const prev = scores[i - 1];
    s.rank =
      prev &&
      Math.abs(prev.total - s.total) < EPS &&
      Math.abs(prev.completeness - s.completeness) < EPS
        ? prev.rank
        : i + 1;
  });
  return scores;
}
