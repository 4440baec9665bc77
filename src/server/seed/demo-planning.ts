import type { Actor } from '../../core/platform/actor.ts';
import type { Ctx } from '../context.ts';
import { importPlan } from '../modules/planning/planning.exchange.ts';
import {
  applyTaskUpdates,
  createBaseline,
  createLink,
  getPlan,
  updateSettings,
} from '../modules/planning/planning.service.ts';

// The demo plans: every demo project gets a French plan (Cadrage, Conception, Réalisation,
// Recette, Déploiement) sized to its dates, with COPIL and go-live milestones, links of several
// types with lags and leads, a "Baseline COPIL" taken months ago, some slippage since, progress
// up to the demo's today, and a few links between projects.

/** The demo's "today": progress is recorded up to this day. */
export const DEMO_TODAY = '2026-11-26';

export interface DemoPlanProject {
  id: string;
  code: string;
  status: string;
  start: string;
  end: string;
  managerId: string | null;
}

type Row = [id: string, name: string, parent: string | null, share: number];
type Dep = [
  from: string,
  to: string,
  type: 'FS' | 'SS' | 'FF' | 'SF',
  lag: number | ((w: number) => number),
];

const TASKS: Row[] = [
  ['C', 'Cadrage', null, 0],
  ['c1', 'Note de cadrage', 'C', 0.05],
  ['c2', 'Ateliers de lancement avec les métiers', 'C', 0.04],
  ['c3', 'COPIL de lancement', 'C', 0],
  ['D', 'Conception', null, 0],
  ['d1', 'Spécifications fonctionnelles', 'D', 0.12],
  ['d2', 'Architecture technique', 'D', 0.08],
  ['d3', 'COPIL de conception', 'D', 0],
  ['R', 'Réalisation', null, 0],
  ['r1', 'Développement lot 1', 'R', 0.14],
  ['r2', 'Développement lot 2', 'R', 0.14],
  ['r3', 'Paramétrage et interfaces', 'R', 0.1],
  ['r4', 'Reprise des données', 'R', 0.09],
  ['r5', 'Fin des développements', 'R', 0],
  ['T', 'Recette', null, 0],
  ['t1', 'Recette fonctionnelle', 'T', 0.1],
  ['t2', 'Tests de performance', 'T', 0.04],
  ['t3', 'PV de recette', 'T', 0],
  ['P', 'Déploiement', null, 0],
  ['p1', 'Formation des utilisateurs', 'P', 0.05],
  ['p2', 'Bascule', 'P', 0.02],
  ['p3', 'Mise en production (go-live)', 'P', 0],
  ['p4', 'Accompagnement au démarrage', 'P', 0.05],
  ['p5', 'COPIL de clôture', 'P', 0],
];

const LINKS: Dep[] = [
  ['c1', 'c2', 'SS', 3],
  ['c1', 'c3', 'FS', 0],
  ['c2', 'c3', 'FS', 0],
  ['c3', 'd1', 'FS', 0],
  ['d1', 'd2', 'SS', 5],
  ['d1', 'd3', 'FS', 0],
  ['d2', 'd3', 'FS', 2],
  ['d3', 'r1', 'FS', 0],
  ['r1', 'r2', 'SS', (w) => Math.round(w * 0.08)],
  ['r1', 'r3', 'FS', 0],
  ['r2', 'r4', 'FF', 5],
  ['r2', 'r5', 'FS', 0],
  ['r3', 'r5', 'FS', 0],
  ['r4', 'r5', 'FS', 0],
  ['r5', 't1', 'FS', 0],
  ['t1', 't2', 'SS', 5],
  ['t1', 't3', 'FS', 0],
  ['t2', 't3', 'FS', 0],
  // Training starts a week before the acceptance report (a lead).
  ['t3', 'p1', 'FS', -5],
  ['t3', 'p2', 'FS', 0],
  ['p1', 'p3', 'FS', 0],
  ['p2', 'p3', 'FS', 0],
  ['p3', 'p4', 'FS', 0],
  ['p4', 'p5', 'FS', 2],
];

/** Links between projects of the demo: (predecessor project, task) → (successor project, task). */
const CROSS: [string, string, string, string, 'FS' | 'SS', number][] = [
  ['PRJ-2026-001-A', 'r4', 'PRJ-2026-001', 'p2', 'FS', 0],
  ['PRJ-2026-004-A', 'p3', 'PRJ-2026-004-B', 't1', 'FS', 5],
  ['PRJ-2026-008-A', 'd3', 'PRJ-2026-008-B', 'r1', 'SS', 10],
];

/** Working days between two dates, roughly (weekends out, a few holidays a year). */
function workingDays(start: string, end: string): number {
  const days = (Date.parse(end) - Date.parse(start)) / 86_400_000;
  return Math.max(20, Math.round((days * 5) / 7 - days / 40));
}

/** Sum of shares along the critical chain, so that the chain fills the project's dates. */
const CHAIN = 0.05 + 0.12 + 0.02 + 0.08 * 1 + 0.14 + 0.1 + 0.04 + 0.02 + 0.05;

function projectJson(p: DemoPlanProject) {
  const w = workingDays(p.start, p.end);
  const scale = (w / CHAIN) * 1.02;
  return {
    start: p.start,
    calendar: { workdays: [1, 2, 3, 4, 5] },
    tasks: TASKS.map(([id, name, parent, share]) => ({
      id,
      name,
      ...(parent ? { parent } : {}),
      ...(share === 0 && parent === null
        ? { summary: true }
        : { duration: share === 0 ? 0 : Math.max(1, Math.round(share * scale)) }),
    })),
    dependencies: LINKS.map(([from, to, type, lag]) => ({
      from,
      to,
      type,
      lag: typeof lag === 'function' ? lag(w) : lag,
    })),
  };
}

/** The date a fraction of the way between two dates. */
function between(start: string, end: string, f: number): string {
  const t = Date.parse(start) + (Date.parse(end) - Date.parse(start)) * f;
  return new Date(t).toISOString().slice(0, 10);
}

/** Records progress up to `date`: done before it (actual dates = scheduled), partly done across it. */
async function progressUpTo(ctx: Ctx, actor: Actor, projectId: string, date: string) {
  const plan = await getPlan(ctx, actor, projectId);
  const updates = [];
  for (const t of plan.tasks) {
    if (t.kind === 'summary' || t.percentComplete >= 100) continue;
    const { start, finish } = t.schedule;
    if (finish < date) {
      updates.push({
        taskId: t.id,
        changes: { percentComplete: 100, actualStart: start, actualFinish: finish },
      });
    } else if (start < date && t.kind === 'task') {
      const span = Date.parse(finish) - Date.parse(start) + 86_400_000;
      const pct = Math.min(
        95,
        Math.max(5, Math.round(((Date.parse(date) - Date.parse(start)) / span) * 100)),
      );
      updates.push({ taskId: t.id, changes: { percentComplete: pct, actualStart: start } });
    }
  }
  if (updates.length > 0) await applyTaskUpdates(ctx, actor, projectId, updates);
  const settings = (await getPlan(ctx, actor, projectId)).settings;
  await updateSettings(ctx, actor, projectId, settings.version, { statusDate: date });
}

/** Seeds the plans of the demo projects (through the planning services, audited). */
export async function seedDemoPlans(ctx: Ctx, actor: Actor, projects: DemoPlanProject[]) {
  const ids = new Map<string, Map<string, string>>();
  for (const p of projects) {
    await importPlan(
      ctx,
      actor,
      p.id,
      { format: 'json', dryRun: false, mode: 'replace' },
      JSON.stringify(projectJson(p)),
    );
    const plan = await getPlan(ctx, actor, p.id);
    const byName = new Map(plan.tasks.map((t) => [t.name, t.id]));
    ids.set(p.code, new Map(TASKS.map(([key, name]) => [key, byName.get(name)!])));
    // The project manager owns the milestones.
    if (p.managerId) {
      await applyTaskUpdates(
        ctx,
        actor,
        p.id,
        plan.tasks
          .filter((t) => t.kind === 'milestone')
          .map((t) => ({ taskId: t.id, changes: { ownerId: p.managerId } })),
      );
    }
  }
  const byCode = new Map(projects.map((p) => [p.code, p]));
  for (const [fromCode, fromKey, toCode, toKey, type, lag] of CROSS) {
    const from = ids.get(fromCode)?.get(fromKey);
    const to = ids.get(toCode)?.get(toKey);
    const target = byCode.get(toCode);
    if (!from || !to || !target) continue;
    await createLink(ctx, actor, target.id, { fromTaskId: from, toTaskId: to, type, lag });
  }
  for (const [k, p] of projects.entries()) {
    if (p.status === 'proposed' || p.status === 'cancelled' || p.start >= DEMO_TODAY) continue;
    // The baseline was taken at the COPIL of conception, about a quarter into the project.
    const baselineDay = between(p.start, p.end < DEMO_TODAY ? p.end : DEMO_TODAY, 0.3);
    await progressUpTo(ctx, actor, p.id, baselineDay);
    await createBaseline(ctx, actor, p.id, { name: 'Baseline COPIL' });
    const plan = await getPlan(ctx, actor, p.id);
    const key = ids.get(p.code)!;
    // Since then, the build took longer than planned on most projects.
    // One project in five kept to its baseline.
    const slips =
      k % 5 === 0
        ? []
        : [
            { taskId: key.get('r2')!, extra: 5 + (k % 4) * 3 },
            { taskId: key.get('r4')!, extra: 3 + (k % 3) * 4 },
          ];
    const updates = slips
      .map((s) => ({ s, task: plan.tasks.find((t) => t.id === s.taskId)! }))
      .filter(({ task }) => task.percentComplete < 100)
      .map(({ s, task }) => ({
        taskId: task.id,
        changes: { duration: task.duration + s.extra },
      }));
    if (updates.length > 0) await applyTaskUpdates(ctx, actor, p.id, updates);
    const middle = between(baselineDay, p.end < DEMO_TODAY ? p.end : DEMO_TODAY, 0.5);
    await progressUpTo(ctx, actor, p.id, middle);
    await progressUpTo(ctx, actor, p.id, p.status === 'closed' ? p.end : DEMO_TODAY);
  }
}
