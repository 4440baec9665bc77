import type {
  Contribution,
  CreateContributionBody,
  CreateObjectiveBody,
  Objective,
  ObjectiveTarget,
  StrategyMap,
  UpdateContributionBody,
  UpdateObjectiveBody,
} from '../../../contracts/strategy.ts';
import { DomainError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import { roleGrants } from '../../../core/platform/permissions.ts';
import { coverage, globalWeights } from '../../../core/strategy/objectives.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { assertPeopleExist } from '../org/org.service.ts';
import { recordAudit, recordAudits } from '../platform/audit.service.ts';
import { authorizeProject, visibleProjectsCondition } from '../portfolio/portfolio.service.ts';
import * as repo from './objectives.repository.ts';
import { getRequest } from './strategy.service.ts';

const objectiveNotFound = (id: string) =>
  new DomainError('OBJECTIVE_NOT_FOUND', `No strategic objective ${id}`);
const contributionNotFound = (id: string) =>
  new DomainError('CONTRIBUTION_NOT_FOUND', `No contribution ${id}`);
const stale = (what: string, current: unknown) =>
  new DomainError('VERSION_MISMATCH', `Someone else changed this ${what}; reload it`, { current });
const duplicateCode = (code: string) =>
  new DomainError('DUPLICATE_CODE', `The code ${code} is already used`, {
    issues: [{ path: ['body', 'code'], message: 'Already used' }],
  });

const label = (o: repo.ObjectiveRow) => `${o.code} ${o.title}`;
const objectiveFields = (o: repo.ObjectiveRow) => ({
  kind: o.kind,
  parentId: o.parentId,
  code: o.code,
  title: o.title,
  description: o.description,
  weight: o.weight,
  ownerId: o.ownerId,
  horizon: o.horizon,
  position: o.position,
  targets: o.targets,
});

/** Axes in position order, each followed by its objectives in position order. */
function treeOrder<T extends { o: repo.ObjectiveRow }>(rows: T[]): T[] {
  const out: T[] = [];
  for (const axis of rows.filter((r) => r.o.kind === 'axis')) {
    out.push(axis);
    for (const r of rows) if (r.o.parentId === axis.o.id) out.push(r);
  }
  return out;
}

async function loadTree(db: Executor): Promise<Objective[]> {
  const rows = treeOrder(await repo.listObjectives(db));
  const weights = globalWeights(
    rows.map((r) => ({
      id: r.o.id,
      kind: r.o.kind as 'axis' | 'objective',
      parentId: r.o.parentId,
      weight: r.o.weight,
    })),
  );
  return rows.map(({ o, ownerName }) => ({
    id: o.id,
    kind: o.kind as Objective['kind'],
    parentId: o.parentId,
    code: o.code,
    title: o.title,
    description: o.description,
    weight: o.weight,
    globalWeight: weights.get(o.id) ?? 0,
    owner: o.ownerId ? { id: o.ownerId, name: ownerName ?? '' } : null,
    horizon: o.horizon,
    position: o.position,
    targets: o.targets as ObjectiveTarget[],
    version: o.version,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  }));
}

/** The strategy tree: readable by everyone signed in (projects declare contributions to it). */
export async function listObjectives(ctx: Ctx): Promise<{ items: Objective[] }> {
  return { items: await loadTree(ctx.db) };
}

export async function getObjective(
  ctx: Ctx,
  id: string,
  db: Executor = ctx.db,
): Promise<Objective> {
  const found = (await loadTree(db)).find((o) => o.id === id);
  if (!found) throw objectiveNotFound(id);
  return found;
}

/** The parent of an objective must be an axis. */
async function assertAxis(db: Executor, parentId: string) {
  const parent = await repo.findObjective(db, parentId);
  if (!parent || parent.kind !== 'axis')
    throw new DomainError('VALIDATION_FAILED', 'The parent must be an axis', {
      issues: [{ path: ['body', 'parentId'], message: 'No such axis' }],
    });
}

async function uniqueCode<T>(code: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isUniqueViolation(err, 'strategy_objectives_code_key')) throw duplicateCode(code ?? '');
    throw err;
  }
}

export async function createObjective(
  ctx: Ctx,
  actor: Actor,
  input: CreateObjectiveBody,
): Promise<Objective> {
  const id = await uniqueCode(input.code, () =>
    ctx.db.transaction(async (tx) => {
      if (input.parentId) await assertAxis(tx, input.parentId);
      await assertPeopleExist(tx, { ownerId: input.ownerId });
      const row = await repo.insertObjective(tx, { ...input });
      await recordAudit(tx, actor, {
        entityType: 'strategic_objective',
        entityId: row.id,
        entityLabel: label(row),
        action: 'create',
        after: objectiveFields(row),
      });
      return row.id;
    }),
  );
  return getObjective(ctx, id);
}

export async function updateObjective(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: UpdateObjectiveBody,
): Promise<Objective> {
  const current = await repo.findObjective(ctx.db, id);
  if (!current) throw objectiveNotFound(id);
  if (input.parentId !== undefined && current.kind === 'axis')
    throw new DomainError('VALIDATION_FAILED', 'An axis has no parent', {
      issues: [{ path: ['body', 'parentId'], message: 'An axis has no parent' }],
    });
  await uniqueCode(input.code, () =>
    ctx.db.transaction(async (tx) => {
      if (input.parentId) await assertAxis(tx, input.parentId);
      if (input.ownerId) await assertPeopleExist(tx, { ownerId: input.ownerId });
      const row = await repo.updateObjective(tx, id, version, input);
      if (!row) throw stale('objective', await getObjective(ctx, id, tx));
      await recordAudit(tx, actor, {
        entityType: 'strategic_objective',
        entityId: id,
        entityLabel: label(row),
        action: 'update',
        before: objectiveFields(current),
        after: objectiveFields(row),
      });
    }),
  );
  return getObjective(ctx, id);
}

/** Deletes an objective (and the contributions to it) or an empty axis. */
export async function deleteObjective(ctx: Ctx, actor: Actor, id: string, version: number) {
  const current = await repo.findObjective(ctx.db, id);
  if (!current) throw objectiveNotFound(id);
  await ctx.db.transaction(async (tx) => {
    const children = await repo.countChildren(tx, id);
    if (children > 0)
      throw new DomainError('OBJECTIVE_HAS_CHILDREN', 'Move or delete its objectives first', {
        children,
      });
    const dropped = await repo.countContributions(tx, id);
    const row = await repo.deleteObjective(tx, id, version);
    if (!row) throw stale('objective', await getObjective(ctx, id, tx));
    await recordAudit(tx, actor, {
      entityType: 'strategic_objective',
      entityId: id,
      entityLabel: label(row),
      action: 'delete',
      before: { ...objectiveFields(row), contributions: dropped },
    });
  });
}

// ---------------------------------------------------------------- contributions

const toContribution = (c: repo.ContributionRow): Contribution => ({
  id: c.id,
  objectiveId: c.objectiveId,
  projectId: c.projectId,
  requestId: c.requestId,
  level: c.level,
  comment: c.comment,
  version: c.version,
});

/**
 * Who may read / declare the contributions of an item: a project's are read by whoever sees the
 * project and written with `project.update` on it (its manager, sponsor, the PMO); a candidate's
 * are read by whoever sees the request and written by the PMO (`strategy.manage`).
 */
async function authorizeItem(
  ctx: Ctx,
  tx: Executor,
  actor: Actor,
  item: { projectId?: string | null; requestId?: string | null },
  write: boolean,
): Promise<{ projectId: string | null; label: string }> {
  if (item.projectId) {
    const { project } = await authorizeProject(
      tx,
      actor,
      item.projectId,
      write ? 'project.update' : 'project.read',
    );
    return { projectId: project.id, label: project.code };
  }
  const request = await getRequest(ctx, actor, item.requestId!);
  if (write && !roleGrants(actor.role, 'strategy.manage'))
    throw new DomainError('FORBIDDEN', 'Only the PMO declares the contributions of a candidate', {
      permission: 'strategy.manage',
    });
  return { projectId: null, label: request.reference };
}

export async function listContributions(
  ctx: Ctx,
  actor: Actor,
  item: { projectId?: string; requestId?: string },
): Promise<{ items: Contribution[] }> {
  await authorizeItem(ctx, ctx.db, actor, item, false);
  return { items: (await repo.listContributionsOf(ctx.db, item)).map(toContribution) };
}

async function visibleContribution(ctx: Ctx, actor: Actor, id: string, write: boolean) {
  const row = await repo.findContribution(ctx.db, id);
  if (!row) throw contributionNotFound(id);
  try {
    const item = await authorizeItem(ctx, ctx.db, actor, row, write);
    return { row, item };
  } catch (err) {
    // An item the actor may not see hides its contributions too.
    if (
      err instanceof DomainError &&
      (err.code === 'PROJECT_NOT_FOUND' || err.code === 'REQUEST_NOT_FOUND')
    )
      throw contributionNotFound(id);
    throw err;
  }
}

const contributionLabel = (itemLabel: string, o: repo.ObjectiveRow) => `${itemLabel} → ${o.code}`;

export async function createContribution(
  ctx: Ctx,
  actor: Actor,
  input: CreateContributionBody,
): Promise<Contribution> {
  const item = await authorizeItem(ctx, ctx.db, actor, input, true);
  const objective = await repo.findObjective(ctx.db, input.objectiveId);
  if (!objective || objective.kind !== 'objective')
    throw new DomainError('OBJECTIVE_NOT_FOUND', 'Contributions go to objectives, not axes', {
      issues: [{ path: ['body', 'objectiveId'], message: 'No such objective' }],
    });
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await repo.insertContribution(tx, {
        objectiveId: input.objectiveId,
        projectId: input.projectId ?? null,
        requestId: input.requestId ?? null,
        level: input.level,
        comment: input.comment,
      });
      await recordAudit(tx, actor, {
        entityType: 'strategy_contribution',
        entityId: row.id,
        entityLabel: contributionLabel(item.label, objective),
        projectId: item.projectId,
        action: 'create',
        after: { objective: objective.code, level: row.level, comment: row.comment },
      });
      return toContribution(row);
    });
  } catch (err) {
    if (
      isUniqueViolation(err, 'strategy_contributions_project_key') ||
      isUniqueViolation(err, 'strategy_contributions_request_key')
    )
      throw new DomainError('CONFLICT', 'This contribution is already declared; change it', {
        issues: [{ path: ['body', 'objectiveId'], message: 'Already declared' }],
      });
    throw err;
  }
}

export async function updateContribution(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: UpdateContributionBody,
): Promise<Contribution> {
  const { row: current, item } = await visibleContribution(ctx, actor, id, true);
  const objective = (await repo.findObjective(ctx.db, current.objectiveId))!;
  return ctx.db.transaction(async (tx) => {
    const row = await repo.updateContribution(tx, id, version, input);
    if (!row) throw stale('contribution', toContribution(current));
    await recordAudit(tx, actor, {
      entityType: 'strategy_contribution',
      entityId: id,
      entityLabel: contributionLabel(item.label, objective),
      projectId: item.projectId,
      action: 'update',
      before: { level: current.level, comment: current.comment },
      after: { level: row.level, comment: row.comment },
    });
    return toContribution(row);
  });
}

export async function deleteContribution(ctx: Ctx, actor: Actor, id: string, version: number) {
  const { row: current, item } = await visibleContribution(ctx, actor, id, true);
  const objective = (await repo.findObjective(ctx.db, current.objectiveId))!;
  await ctx.db.transaction(async (tx) => {
    const row = await repo.deleteContribution(tx, id, version);
    if (!row) throw stale('contribution', toContribution(current));
    await recordAudit(tx, actor, {
      entityType: 'strategy_contribution',
      entityId: id,
      entityLabel: contributionLabel(item.label, objective),
      projectId: item.projectId,
      action: 'delete',
      before: { objective: objective.code, level: row.level, comment: row.comment },
    });
  });
}

// ---------------------------------------------------------------- strategy map

const requestRef = (n: number) => `DEM-${String(n).padStart(4, '0')}`;

/**
 * The strategy map (strategy.read): per objective, its share of the strategy and the weighted
 * contribution of the projects in flight the actor sees, and of the candidates; the objectives
 * no project serves; the projects that serve no objective; each item's alignment score.
 */
export async function strategyMap(ctx: Ctx, actor: Actor): Promise<StrategyMap> {
  const [tree, projects, candidates] = await Promise.all([
    loadTree(ctx.db),
    repo.mapProjects(ctx.db, visibleProjectsCondition(actor)),
    repo.mapCandidates(ctx.db),
  ]);
  const nodes = tree.map((o) => ({
    id: o.id,
    kind: o.kind,
    parentId: o.parentId,
    weight: o.weight,
  }));
  const p = coverage(
    nodes,
    projects.items.map((i) => i.id),
    projects.links,
  );
  const c = coverage(
    nodes,
    candidates.items.map((i) => i.id),
    candidates.links,
  );
  const pBy = new Map(p.objectives.map((o) => [o.objectiveId, o]));
  const cBy = new Map(c.objectives.map((o) => [o.objectiveId, o]));
  const countBy = (links: { itemId: string; level: number }[]) => {
    const m = new Map<string, number>();
    for (const l of links) m.set(l.itemId, (m.get(l.itemId) ?? 0) + 1);
    return m;
  };
  const pCount = countBy(projects.links);
  const cCount = countBy(candidates.links);
  return {
    objectives: tree.map((o) => {
      const po = pBy.get(o.id);
      const co = cBy.get(o.id);
      return {
        id: o.id,
        kind: o.kind,
        parentId: o.parentId,
        code: o.code,
        title: o.title,
        globalWeight: o.globalWeight,
        contributors: po?.contributors ?? 0,
        weightedContribution: po?.weightedContribution ?? 0,
        contributions: po?.items ?? [],
        candidateContributors: co?.contributors ?? 0,
        candidateWeightedContribution: co?.weightedContribution ?? 0,
        candidateContributions: co?.items ?? [],
      };
    }),
    projects: projects.items.map((i) => ({
      id: i.id,
      kind: 'project' as const,
      reference: i.reference,
      name: i.name,
      alignment: p.alignment.get(i.id) ?? 0,
      objectiveCount: pCount.get(i.id) ?? 0,
    })),
    candidates: candidates.items.map((i) => ({
      id: i.id,
      kind: 'request' as const,
      reference: requestRef(i.number),
      name: i.name,
      alignment: c.alignment.get(i.id) ?? 0,
      objectiveCount: cCount.get(i.id) ?? 0,
    })),
    uncovered: p.uncovered,
    orphans: p.orphans,
  };
}

/**
 * Declares many contributions at once (one statement, one audit batch): for the PMO's imports
 * and the demo. Rows name the objective by code; existing pairs are refused by the database.
 */
export async function declareContributions(
  ctx: Ctx,
  actor: Actor,
  rows: readonly { objectiveCode: string; projectId?: string; requestId?: string; level: number }[],
): Promise<number> {
  if (!roleGrants(actor.role, 'strategy.manage'))
    throw new DomainError('FORBIDDEN', 'Only the PMO imports contributions', {
      permission: 'strategy.manage',
    });
  const tree = await repo.listObjectives(ctx.db);
  const byCode = new Map(tree.filter((r) => r.o.kind === 'objective').map((r) => [r.o.code, r.o]));
  const values = rows.map((r, i) => {
    const o = byCode.get(r.objectiveCode);
    if (!o)
      throw new DomainError('OBJECTIVE_NOT_FOUND', `rows[${i}]: no objective ${r.objectiveCode}`);
    return {
      objectiveId: o.id,
      projectId: r.projectId ?? null,
      requestId: r.requestId ?? null,
      level: r.level,
    };
  });
  await ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertContributions(tx, values);
    await recordAudits(
      tx,
      actor,
      inserted.map((c) => ({
        entityType: 'strategy_contribution' as const,
        entityId: c.id,
        entityLabel: `${c.projectId ? 'projet' : 'demande'} → ${
          tree.find((r) => r.o.id === c.objectiveId)!.o.code
        }`,
        projectId: c.projectId,
        action: 'create' as const,
        after: { level: c.level },
      })),
    );
  });
  return values.length;
}
