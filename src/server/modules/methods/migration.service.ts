import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ProjectGovernance } from '../../../contracts/governance.ts';
import { MethodologyContent as ContentSchema } from '../../../contracts/governance.ts';
import type { MigrateBody, MigrationPreview } from '../../../contracts/methods.ts';
import { DomainError, validationError } from '../../../core/errors.ts';
import type { DeliverableStatus, MethodologyContent } from '../../../core/governance/model.ts';
import { migrationPlan } from '../../../core/methods/migration.ts';
import {
  countTasks,
  type PlanTaskNode,
  planKeysByName,
  wbsAdditions,
  wbsMoves,
} from '../../../core/methods/wbs-migration.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import * as govRepo from '../governance/governance.repository.ts';
import { getProjectGovernance } from '../governance/governance.service.ts';
import * as planRepo from '../planning/planning.repository.ts';
import { insertTaskGroupsInTx, moveTaskInTx } from '../planning/planning.service.ts';
import { deliverables } from '../governance/governance.tables.ts';
import { recordAudit } from '../platform/audit.service.ts';
import { authorizeProject } from '../portfolio/portfolio.service.ts';
import { loadTaskKeys, saveTaskKeys, withIds } from './task-keys.ts';

/**
 * Moving a project to a newer version of its method: a preview (what the version changes, what
 * happens to the project's phase and deliverables) and the move itself (If-Match: the
 * lifecycle's version), in one transaction with its audit event.
 */

const contentOf = (raw: unknown): MethodologyContent => ContentSchema.parse(raw);

async function planFor(db: Executor, projectId: string, version?: number, phaseKey?: string) {
  const lc = await govRepo.findLifecycle(db, projectId);
  if (!lc)
    throw new DomainError('LIFECYCLE_NOT_SET', `Project ${projectId} follows no methodology yet`);
  const target = version ?? lc.m.latestVersion;
  if (target <= lc.v.number) {
    throw new DomainError(
      'METHOD_VERSION_NOT_NEWER',
      `Project ${projectId} already follows version ${lc.v.number} of ${lc.m.code}`,
      { current: lc.v.number, latest: lc.m.latestVersion },
    );
  }
  const to = await govRepo.findVersion(db, lc.m.id, target);
  if (!to) throw validationError([{ path: ['version'], message: 'No such version' }]);
  const from = contentOf(lc.v.content);
  const next = contentOf(to.content);
  const rows = await govRepo.listDeliverables(db, projectId);
  const plan = migrationPlan(
    from,
    next,
    lc.l.currentPhaseKey,
    rows.map((r) => ({
      key: r.d.key,
      name: r.d.name,
      phaseKey: r.d.phaseKey,
      required: r.d.required,
      status: r.d.status as DeliverableStatus,
    })),
    phaseKey,
  );
  const { keyed, backfill } = await keyedPlan(db, projectId, from);
  // Items the new version puts under another parent move with their task; the additions are
  // what the plan still lacks (a moved item is matched by its key, wherever it is).
  const moves = wbsMoves(from, next, keyed);
  const wbs = wbsAdditions(from, next, keyed);
  return { lc, to, from, next, rows, plan, wbs, moves, backfill };
}

/** The plan's tasks with their method keys (stored, else found once by name in `from`). */
async function keyedPlan(
  db: Executor,
  projectId: string,
  from: MethodologyContent,
): Promise<{ keyed: PlanTaskNode[]; backfill: Map<string, string> }> {
  const tasks = await planRepo.listTasks(db, projectId);
  const stored = await loadTaskKeys(db, projectId);
  const nodes = tasks.map(({ t }) => ({
    id: t.id,
    parentId: t.parentId,
    position: t.position,
    name: t.name,
    key: stored.get(t.id) ?? null,
  }));
  // Tasks laid down before they carried their method key get it once, by name, from the
  // version they came from (stored by the move).
  const backfill = planKeysByName(from, nodes);
  const keyed = nodes.map((n) => ({ ...n, key: n.key ?? backfill.get(n.id) ?? null }));
  return { keyed, backfill };
}

export async function previewMigration(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  version?: number,
  phaseKey?: string,
): Promise<MigrationPreview> {
  await authorizeProject(ctx.db, actor, projectId, 'project.read');
  const { lc, to, next, plan, wbs, moves } = await planFor(ctx.db, projectId, version, phaseKey);
  return {
    methodology: { id: lc.m.id, name: lc.m.name },
    fromVersion: lc.v.number,
    toVersion: to.number,
    phases: next.phases.map((p) => ({ key: p.key, name: p.name })),
    currentPhaseKey: lc.l.currentPhaseKey,
    ...plan,
    changes: plan.changes as unknown as Record<string, unknown>[],
    wbs: {
      groups: wbs.map((g) => ({
        phaseKey: g.phaseKey,
        parentPath: g.parentPath,
        items: g.tree.map((t) => ({
          name: t.name,
          milestone: t.children.length === 0 && t.duration === 0,
          tasks: countTasks([t]),
        })),
      })),
      tasks: wbs.reduce((n, g) => n + countTasks(g.tree), 0),
      moves: moves.map((m) => ({ name: m.name, fromPath: m.fromPath, toPath: m.toPath })),
    },
  };
}

export async function migrateProject(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  expected: number,
  input: z.infer<typeof MigrateBody>,
): Promise<ProjectGovernance> {
  await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.update');
    const {
      lc,
      to,
      from,
      next,
      rows,
      plan,
      moves,
      backfill,
      wbs: planned,
    } = await planFor(tx, projectId, input.version, input.phaseKey);
    if (lc.l.status === 'completed' || lc.l.status === 'stopped') {
      throw new DomainError('LIFECYCLE_ENDED', `Project ${projectId}'s lifecycle has ended`);
    }
    if (!plan.phaseKey) {
      throw validationError([
        {
          path: ['body', 'phaseKey'],
          message: `Phase ${lc.l.currentPhaseKey} is not in version ${to.number}: name the phase the project is in`,
        },
      ]);
    }
    const after = await govRepo.updateLifecycle(tx, projectId, expected, {
      methodologyVersionId: to.id,
      currentPhaseKey: plan.phaseKey,
    });
    if (!after) {
      throw new DomainError('VERSION_MISMATCH', 'Someone else changed this lifecycle; reload it', {
        current: {
          version: lc.l.version,
          methodologyVersion: lc.v.number,
          currentPhaseKey: lc.l.currentPhaseKey,
        },
      });
    }
    await govRepo.insertDeliverables(
      tx,
      plan.added.map((d) => ({ projectId, ...d, ownerId: project.managerId })),
    );
    // Deliverables the new version still lists take its phase and required flag; the ones it
    // dropped stay, optional, so they no longer hold a gate.
    const byKey = new Map(rows.map((r) => [r.d.key, r.d]));
    const phaseOf = new Map(planPhases(to.content));
    for (const k of plan.kept) {
      const d = byKey.get(k.key)!;
      const phaseKey = phaseOf.get(k.key) ?? d.phaseKey;
      if (d.required !== k.required || d.phaseKey !== phaseKey) {
        await tx
          .update(deliverables)
          .set({
            required: k.required,
            phaseKey,
            version: sql`${deliverables.version} + 1`,
            updatedAt: new Date(),
          })
          .where(eq(deliverables.id, d.id));
      }
    }
    const dropped = plan.outside.map((d) => d.key);
    if (dropped.length > 0)
      await tx
        .update(deliverables)
        .set({ required: false, version: sql`${deliverables.version} + 1`, updatedAt: new Date() })
        .where(and(eq(deliverables.projectId, projectId), inArray(deliverables.key, dropped)));
    // The items the new version puts under another parent: their tasks move there (one task
    // audit event each), in the order the moves were computed.
    await saveTaskKeys(tx, projectId, backfill);
    for (const m of moves) {
      const task = await planRepo.findTask(tx, projectId, m.taskId);
      if (!task) continue;
      await moveTaskInTx(tx, actor, projectId, m.taskId, task.version, {
        parentId: m.parentId,
        afterTaskId: m.afterTaskId,
      });
    }
    // The new version's WBS items the plan lacks, placed in the plan as the moves left it
    // (one plan audit event of their own).
    const wbs =
      moves.length === 0
        ? planned
        : wbsAdditions(from, next, (await keyedPlan(tx, projectId, from)).keyed);
    const keys = new Map<string, string>();
    const tasksAdded = await insertTaskGroupsInTx(
      tx,
      actor,
      projectId,
      wbs.map((g) => ({ ...g, tree: withIds(g.tree, keys) })),
    );
    await saveTaskKeys(tx, projectId, keys);
    await recordAudit(tx, actor, {
      entityType: 'project_lifecycle',
      entityId: projectId,
      entityLabel: `${project.code} — ${lc.m.name} v${lc.v.number} → v${to.number}`,
      projectId,
      action: 'update',
      before: { methodology: lc.m.code, version: lc.v.number, phase: lc.l.currentPhaseKey },
      after: {
        methodology: lc.m.code,
        version: to.number,
        phase: plan.phaseKey,
        deliverablesAdded: plan.added.map((d) => d.key),
        deliverablesKept: plan.kept.length,
        deliverablesNowOptional: dropped,
        tasksAdded,
        tasksMoved: moves.map((m) => m.name),
      },
    });
  });
  return getProjectGovernance(ctx, actor, projectId);
}

/** Deliverable key → its phase key in a version's content. */
function planPhases(raw: unknown): [string, string][] {
  return contentOf(raw).phases.flatMap((p) =>
    p.deliverables.map((d) => [d.key, p.key] as [string, string]),
  );
}
