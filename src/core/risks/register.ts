// The risk register's rules: the PMO's probability and impact scales, the criticality
// matrix, scores, expected monetary value and contingency. Pure functions on plain data.

export const RISK_KINDS = ['threat', 'opportunity'] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

export const THREAT_STRATEGIES = ['avoid', 'reduce', 'transfer', 'accept'] as const;
export const OPPORTUNITY_STRATEGIES = ['exploit', 'enhance', 'share', 'accept'] as const;
export const RISK_STRATEGIES = [
  'avoid',
  'reduce',
  'transfer',
  'accept',
  'exploit',
  'enhance',
  'share',
] as const;
export type RiskStrategy = (typeof RISK_STRATEGIES)[number];

export const RISK_STATUSES = ['open', 'monitoring', 'occurred', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

export const IMPACT_DIMENSIONS = ['cost', 'schedule', 'quality', 'reputation'] as const;
export type ImpactDimension = (typeof IMPACT_DIMENSIONS)[number];

export const CRITICALITIES = ['low', 'moderate', 'high', 'critical'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

/** One level of a scale, with what it means written down. */
export interface ScaleLevel {
  label: string;
  description: string;
}

/** A probability level also carries the probability used for the EMV and the simulation. */
export interface ProbabilityLevel extends ScaleLevel {
  /** 0..100, the representative probability of the level. */
  percent: number;
}

/** The PMO's scales and matrix: `matrix[p − 1][i − 1]` is the criticality of cell (p, i). */
export interface RiskSettings {
  probability: ProbabilityLevel[];
  impact: ScaleLevel[];
  matrix: Criticality[][];
}

/** The default 5 × 5 scale, as French PMOs write it. */
export const DEFAULT_RISK_SETTINGS: RiskSettings = {
  probability: [
    { label: 'Très improbable', description: 'Moins de 10 % de chances', percent: 5 },
    { label: 'Peu probable', description: 'Entre 10 et 30 %', percent: 20 },
    { label: 'Possible', description: 'Entre 30 et 50 %', percent: 40 },
    { label: 'Probable', description: 'Entre 50 et 70 %', percent: 60 },
    { label: 'Très probable', description: 'Plus de 70 %', percent: 85 },
  ],
  impact: [
    {
      label: 'Négligeable',
      description: 'Moins de 1 % du budget, quelques jours de retard, sans effet visible',
    },
    {
      label: 'Mineur',
      description: '1 à 3 % du budget, moins de 2 semaines de retard, qualité à peine dégradée',
    },
    {
      label: 'Modéré',
      description: '3 à 10 % du budget, 2 à 4 semaines, une fonction dégradée, gêne locale',
    },
    {
      label: 'Majeur',
      description: '10 à 20 % du budget, 1 à 3 mois, un livrable refusé, image atteinte',
    },
    {
      label: 'Critique',
      description: 'Plus de 20 % du budget, plus de 3 mois, objectif du projet compromis',
    },
  ],
  matrix: [
    ['low', 'low', 'low', 'moderate', 'moderate'],
    ['low', 'low', 'moderate', 'moderate', 'high'],
    ['low', 'moderate', 'moderate', 'high', 'high'],
    ['moderate', 'moderate', 'high', 'high', 'critical'],
    ['moderate', 'high', 'high', 'critical', 'critical'],
  ],
};

/** The impact level of a risk: the worst of its dimensions (0 when none is assessed). */
export function overallImpact(impacts: Partial<Record<ImpactDimension, number | null>>): number {
  let worst = 0;
  for (const d of IMPACT_DIMENSIONS) {
    const v = impacts[d];
    if (typeof v === 'number' && v > worst) worst = v;
  }
  return worst;
}

/** Score = probability level × impact level (1..25 on the 5 × 5 scale). */
export function riskScore(probability: number, impact: number): number {
  return probability * impact;
}

/** The criticality of a cell from the PMO's matrix (low when out of the matrix). */
export function criticalityOf(
  settings: RiskSettings,
  probability: number,
  impact: number,
): Criticality {
  return settings.matrix[probability - 1]?.[impact - 1] ?? 'low';
}

/**
 * Expected monetary value in cents: probability of the level × cost impact, positive for a
 * threat (money to hold back) and negative for an opportunity (money that may be saved).
 */
export function expectedMonetaryValue(
  settings: RiskSettings,
  kind: RiskKind,
  probability: number,
  costImpactCents: number,
): number {
  const percent = settings.probability[probability - 1]?.percent ?? 0;
  const emv = Math.round((costImpactCents * percent) / 100);
  return kind === 'threat' ? emv : -emv;
}

/** The strategies that make sense for a kind of risk. */
export function strategiesFor(kind: RiskKind): readonly RiskStrategy[] {
  return kind === 'threat' ? THREAT_STRATEGIES : OPPORTUNITY_STRATEGIES;
}

/** Why settings are unusable (sizes, percentages, matrix), or undefined when they are fine. */
export function settingsProblem(s: RiskSettings): string | undefined {
  const p = s.probability.length;
  const i = s.impact.length;
  if (p < 2 || p > 10 || i < 2 || i > 10) return 'scales need 2 to 10 levels';
  for (let k = 1; k < p; k++) {
    if (!(s.probability[k]!.percent > s.probability[k - 1]!.percent)) {
      return `probability level ${k + 1} must be likelier than level ${k}`;
    }
  }
  if (s.matrix.length !== p || s.matrix.some((row) => row.length !== i)) {
    return `the matrix must have ${p} rows of ${i} cells`;
  }
  return undefined;
}
