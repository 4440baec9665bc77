import type { MethodologyContent, WbsTemplateTask } from '../governance/model.ts';

/**
 * The common language of milestones and KPIs: a method names standard milestones (by code) on
 * milestones of its default WBS and lists the KPIs its projects follow; a project's standard
 * milestones are found among its plan milestones (an explicit link first, else the plan
 * milestone of the same name) and get a state: reached, late (date passed and not reached),
 * planned, or missing from the plan.
 */

export interface MilestoneRef {
  code: string;
  phaseKey: string;
  phaseName: string;
  /** The name of the WBS milestone that stands for it in the method. */
  taskName: string;
}

/** The standard milestones a method's default WBS names, in outline order (first one per code). */
export function milestoneRefs(content: MethodologyContent): MilestoneRef[] {
  const out: MilestoneRef[] = [];
  const seen = new Set<string>();
  const walk = (tasks: readonly WbsTemplateTask[], phaseKey: string, phaseName: string) => {
    for (const t of tasks) {
      if (t.milestone && !seen.has(t.milestone)) {
        seen.add(t.milestone);
        out.push({ code: t.milestone, phaseKey, phaseName, taskName: t.name });
      }
      walk(t.children, phaseKey, phaseName);
    }
  };
  for (const p of content.phases) walk(p.wbs, p.key, p.name);
  return out;
}

/** Where in the content each unknown milestone or KPI code sits, for a validation error. */
export function unknownCodes(
  content: MethodologyContent,
  milestones: ReadonlySet<string>,
  kpis: ReadonlySet<string>,
): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  content.phases.forEach((p, pi) => {
    const walk = (tasks: readonly WbsTemplateTask[], path: (string | number)[]) =>
      tasks.forEach((t, ti) => {
        const here = [...path, ti];
        if (t.milestone) {
          if (!milestones.has(t.milestone))
            issues.push({
              path: [...here, 'milestone'],
              message: `No standard milestone ${t.milestone}`,
            });
          else if (t.duration !== 0 || t.children.length > 0)
            issues.push({
              path: [...here, 'milestone'],
              message: 'Only a milestone (duration 0, no sub-task) may stand for a standard one',
            });
        }
        walk(t.children, [...here, 'children']);
      });
    walk(p.wbs, ['phases', pi, 'wbs']);
  });
  (content.kpis ?? []).forEach((code, i) => {
    if (!kpis.has(code))
      issues.push({ path: ['kpis', i], message: `No project-level KPI ${code}` });
  });
  return issues;
}

/** Lowercase, without accents or extra spaces: how names are compared. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export interface PlanMilestone {
  id: string;
  name: string;
  /** Planned date (the schedule's finish); null before the first schedule. */
  date: string | null;
  percentComplete: number;
  actualFinish: string | null;
}

export const MILESTONE_STATES = ['reached', 'late', 'planned', 'missing'] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];

/** A milestone is late when its date has passed and it is not reached (not "its forecast slipped"). */
export function milestoneState(task: PlanMilestone | null, today: string): MilestoneState {
  if (!task) return 'missing';
  if (task.actualFinish || task.percentComplete >= 100) return 'reached';
  if (task.date && task.date < today) return 'late';
  return 'planned';
}

export interface ResolvedMilestone {
  code: string;
  task: PlanMilestone | null;
  /** How the task was found: linked by someone, or matched by name. */
  how: 'linked' | 'matched' | null;
  state: MilestoneState;
}

/**
 * Finds each standard milestone's plan milestone: the explicit link, else the one plan
 * milestone named like the method's WBS milestone or like the catalogue entry. A plan task is
 * used for at most one standard milestone.
 */
export function resolveMilestones(
  wanted: readonly { code: string; names: readonly string[] }[],
  links: ReadonlyMap<string, string>,
  tasks: readonly PlanMilestone[],
  today: string,
): ResolvedMilestone[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const used = new Set<string>();
  for (const id of links.values()) used.add(id);
  const byName = new Map<string, PlanMilestone[]>();
  for (const t of tasks) {
    const k = normalizeName(t.name);
    byName.set(k, [...(byName.get(k) ?? []), t]);
  }
  return wanted.map(({ code, names }) => {
    const linkedId = links.get(code);
    const linked = linkedId ? byId.get(linkedId) : undefined;
    if (linked) return { code, task: linked, how: 'linked', state: milestoneState(linked, today) };
    for (const n of names) {
      const hit = (byName.get(normalizeName(n)) ?? []).find((t) => !used.has(t.id));
      if (hit) {
        used.add(hit.id);
        return { code, task: hit, how: 'matched', state: milestoneState(hit, today) };
      }
    }
    return { code, task: null, how: null, state: 'missing' };
  });
}
