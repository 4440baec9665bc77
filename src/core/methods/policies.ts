/**
 * Governance policies and role descriptions: which version of a policy is in force on a day, and
 * how a RACI column label is matched to a company-wide role description.
 */

export const POLICY_CATEGORIES = [
  'governance',
  'project',
  'finance',
  'risk',
  'quality',
  'security',
  'hr',
] as const;
export type PolicyCategory = (typeof POLICY_CATEGORIES)[number];

export interface DatedVersion {
  number: number;
  /** `YYYY-MM-DD` */
  effectiveOn: string;
}

/**
 * The version in force on `today` (the highest-numbered one already effective) and the next one
 * announced (the lowest-numbered one not yet effective after it), either possibly null.
 * A later version with an earlier effective date supersedes an earlier one: numbers decide.
 */
export function policyState<V extends DatedVersion>(
  versions: readonly V[],
  today: string,
): { inForce: V | null; upcoming: V | null } {
  let inForce: V | null = null;
  for (const v of versions)
    if (v.effectiveOn <= today && (!inForce || v.number > inForce.number)) inForce = v;
  let upcoming: V | null = null;
  for (const v of versions)
    if (
      v.effectiveOn > today &&
      (!inForce || v.number > inForce.number) &&
      (!upcoming || v.number < upcoming.number)
    )
      upcoming = v;
  return { inForce, upcoming };
}

/** A label compared without case, accents or surrounding spaces ("Chef de projet" = "chef de projet"). */
export function labelKey(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** For each RACI column label, the role description that covers it (by name or by one of its labels). */
export function matchRoles<R extends { name: string; raciLabels: readonly string[] }>(
  labels: readonly string[],
  roles: readonly R[],
): Map<string, R> {
  const byKey = new Map<string, R>();
  for (const r of roles) {
    for (const l of [r.name, ...r.raciLabels]) {
      const k = labelKey(l);
      if (k && !byKey.has(k)) byKey.set(k, r);
    }
  }
  const out = new Map<string, R>();
  for (const label of labels) {
    const r = byKey.get(labelKey(label));
    if (r) out.set(label, r);
  }
  return out;
}
