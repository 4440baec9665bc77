import type { z } from 'zod';
import type {
  AcknowledgeBody,
  CreateLessonBody,
  CreatePolicyBody,
  Lesson,
  LessonList,
  LessonQuery,
  LessonSuggestionList,
  MyCorrectiveActionList,
  Policy,
  PolicyCategory,
  PolicyList,
  PolicySummary,
  PolicyVersion,
  PublishPolicyBody,
  RoleDescription,
  RoleDescriptionBody,
  UpdateLessonBody,
  UpdateRoleDescriptionBody,
} from '../../../contracts/methods.ts';
import { DomainError, validationError } from '../../../core/errors.ts';
import {
  type LessonCategory,
  type LessonKind,
  suggestLessons,
} from '../../../core/methods/lessons.ts';
import { policyState } from '../../../core/methods/policies.ts';
import { type Actor, userIdOf } from '../../../core/platform/actor.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { assertPeopleExist } from '../org/org.service.ts';
import { recordAudit } from '../platform/audit.service.ts';
import { authorizeProject, visibleProjectsCondition } from '../portfolio/portfolio.service.ts';
import * as repo from './methods.repository.ts';

/** Today in UTC, `YYYY-MM-DD`: which policy version is in force. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function stale(what: string, current: unknown) {
  return new DomainError('VERSION_MISMATCH', `Someone else changed this ${what}; reload it`, {
    current,
  });
}

// ---------------------------------------------------------------- policies

const policyNotFound = (id: string) => new DomainError('POLICY_NOT_FOUND', `No policy ${id}`);

function toVersion(v: repo.PolicyVersionRow): PolicyVersion {
  return {
    id: v.id,
    number: v.number,
    summary: v.summary,
    effectiveOn: v.effectiveOn,
    publishedBy: v.publishedByName,
    publishedAt: v.publishedAt.toISOString(),
    acknowledgedCount: v.acknowledgedCount,
  };
}

async function summaries(db: Executor, actor: Actor, id?: string) {
  const rows = await repo.listPolicies(db, id);
  const versions = await repo.versionsOf(
    db,
    rows.map((r) => r.p.id),
  );
  const byPolicy = new Map<string, repo.PolicyVersionRow[]>();
  for (const v of versions) {
    const list = byPolicy.get(v.policyId) ?? [];
    list.push(v);
    byPolicy.set(v.policyId, list);
  }
  const day = today();
  const states = rows.map((r) => policyState(byPolicy.get(r.p.id) ?? [], day));
  const mine = await repo.acknowledgedBy(
    db,
    actor.userId,
    states.flatMap((s) => (s.inForce ? [s.inForce.id] : [])),
  );
  return rows.map((r, i): PolicySummary & { all: repo.PolicyVersionRow[] } => {
    const s = states[i]!;
    return {
      id: r.p.id,
      code: r.p.code,
      title: r.p.title,
      category: r.p.category as PolicyCategory,
      owner: r.p.ownerId ? { id: r.p.ownerId, name: r.ownerName ?? '' } : null,
      latestNumber: r.p.latestNumber,
      inForce: s.inForce ? toVersion(s.inForce) : null,
      upcoming: s.upcoming ? toVersion(s.upcoming) : null,
      acknowledgedByMe: s.inForce ? mine.has(s.inForce.id) : false,
      version: r.p.version,
      all: byPolicy.get(r.p.id) ?? [],
    };
  });
}

export async function listPolicies(ctx: Ctx, actor: Actor): Promise<z.infer<typeof PolicyList>> {
  const items = await summaries(ctx.db, actor);
  return { items: items.map(({ all: _all, ...s }) => s) };
}

export async function getPolicy(
  ctx: Ctx,
  actor: Actor,
  id: string,
  number?: number,
): Promise<Policy> {
  const [s] = await summaries(ctx.db, actor, id);
  if (!s) throw policyNotFound(id);
  const { all, ...summary } = s;
  const shownRow =
    number !== undefined
      ? all.find((v) => v.number === number)
      : (all.find((v) => v.id === s.inForce?.id) ?? all.at(-1));
  if (number !== undefined && !shownRow)
    throw new DomainError('POLICY_NOT_FOUND', `No version ${number} of policy ${id}`, {
      issues: [{ path: ['query', 'version'], message: 'No such version' }],
    });
  return {
    ...summary,
    versions: all.map(toVersion).reverse(),
    shown: shownRow ? toVersion(shownRow) : null,
    body: shownRow ? await repo.versionBody(ctx.db, shownRow.id) : '',
    acknowledgements: shownRow
      ? (await repo.acknowledgementsOf(ctx.db, shownRow.id)).map((a) => ({
          name: a.name,
          at: a.at.toISOString(),
        }))
      : [],
  };
}

export async function createPolicy(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreatePolicyBody>,
): Promise<Policy> {
  await assertPeopleExist(ctx.db, { ownerId: input.ownerId });
  try {
    const id = await ctx.db.transaction(async (tx) => {
      const p = await repo.insertPolicy(tx, {
        code: input.code,
        title: input.title,
        category: input.category,
        ownerId: input.ownerId,
      });
      await repo.insertPolicyVersion(tx, {
        policyId: p.id,
        number: 1,
        body: input.body,
        summary: input.summary,
        effectiveOn: input.effectiveOn,
        publishedById: userIdOf(actor),
        publishedByName: actor.name,
      });
      await recordAudit(tx, actor, {
        entityType: 'policy',
        entityId: p.id,
        entityLabel: `${p.code} ${p.title}`,
        action: 'create',
        after: { code: p.code, title: p.title, number: 1, effectiveOn: input.effectiveOn },
      });
      return p.id;
    });
    return getPolicy(ctx, actor, id);
  } catch (err) {
    if (isUniqueViolation(err, 'gov_policies_code_key'))
      throw new DomainError('DUPLICATE_CODE', `The code ${input.code} is already used`, {
        issues: [{ path: ['body', 'code'], message: 'Already used' }],
      });
    throw err;
  }
}

/** Publishes a new version; earlier ones stay readable with their acknowledgements. */
export async function publishPolicy(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof PublishPolicyBody>,
): Promise<Policy> {
  await assertPeopleExist(ctx.db, { ownerId: input.ownerId });
  await ctx.db.transaction(async (tx) => {
    const [before] = await repo.listPolicies(tx, id);
    if (!before) throw policyNotFound(id);
    const after = await repo.bumpPolicy(tx, id, version, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
    });
    if (!after) throw stale('policy', await getPolicy({ ...ctx, db: tx }, actor, id));
    await repo.insertPolicyVersion(tx, {
      policyId: id,
      number: after.latestNumber,
      body: input.body,
      summary: input.summary,
      effectiveOn: input.effectiveOn,
      publishedById: userIdOf(actor),
      publishedByName: actor.name,
    });
    await recordAudit(tx, actor, {
      entityType: 'policy',
      entityId: id,
      entityLabel: `${after.code} ${after.title}`,
      action: 'update',
      before: { number: before.p.latestNumber, title: before.p.title },
      after: { number: after.latestNumber, title: after.title, effectiveOn: input.effectiveOn },
    });
  });
  return getPolicy(ctx, actor, id);
}

/** The caller acknowledges having read a version (idempotent). */
export async function acknowledgePolicy(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: z.infer<typeof AcknowledgeBody>,
): Promise<Policy> {
  if (actor.userId === 'system') throw new DomainError('FORBIDDEN', 'Only a person acknowledges');
  await ctx.db.transaction(async (tx) => {
    const v = await repo.findVersion(tx, id, input.number);
    if (!v) {
      const [p] = await repo.listPolicies(tx, id);
      if (!p) throw policyNotFound(id);
      throw validationError([{ path: ['body', 'number'], message: 'No such version' }]);
    }
    if (await repo.acknowledge(tx, v.id, actor.userId, actor.name))
      await recordAudit(tx, actor, {
        entityType: 'policy',
        entityId: id,
        entityLabel: `v${v.number}`,
        action: 'update',
        before: { acknowledged: null },
        after: { acknowledged: v.number },
      });
  });
  return getPolicy(ctx, actor, id, input.number);
}

// ---------------------------------------------------------------- role descriptions

const roleNotFound = (id: string) =>
  new DomainError('ROLE_DESCRIPTION_NOT_FOUND', `No role description ${id}`);

function toRole(r: repo.RoleRow): RoleDescription {
  return {
    id: r.id,
    name: r.name,
    mission: r.mission,
    responsibilities: r.responsibilities as string[],
    raciLabels: r.raciLabels as string[],
    version: r.version,
  };
}

const duplicateRole = (name: string | undefined) =>
  new DomainError('DUPLICATE_CODE', `The role ${name} is already described`, {
    issues: [{ path: ['body', 'name'], message: 'Already used' }],
  });

export async function listRoles(ctx: Ctx) {
  return { items: (await repo.listRoles(ctx.db)).map(toRole) };
}

export async function getRole(ctx: Ctx, id: string) {
  const row = await repo.findRole(ctx.db, id);
  if (!row) throw roleNotFound(id);
  return toRole(row);
}

export async function createRoles(
  ctx: Ctx,
  actor: Actor,
  inputs: z.infer<typeof RoleDescriptionBody>[],
): Promise<RoleDescription[]> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const rows = await repo.insertRoles(tx, inputs);
      for (const r of rows)
        await recordAudit(tx, actor, {
          entityType: 'role_description',
          entityId: r.id,
          entityLabel: r.name,
          action: 'create',
          after: { name: r.name },
        });
      return rows.map(toRole);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'gov_role_descriptions_name_key'))
      throw duplicateRole(inputs[0]?.name);
    throw err;
  }
}

export async function updateRole(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdateRoleDescriptionBody>,
): Promise<RoleDescription> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const before = await repo.findRole(tx, id);
      if (!before) throw roleNotFound(id);
      const after = await repo.updateRole(tx, id, version, input);
      if (!after) throw stale('role description', toRole(before));
      await recordAudit(tx, actor, {
        entityType: 'role_description',
        entityId: id,
        entityLabel: after.name,
        action: 'update',
        before: toRole(before),
        after: toRole(after),
      });
      return toRole(after);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'gov_role_descriptions_name_key')) throw duplicateRole(input.name);
    throw err;
  }
}

export async function deleteRole(ctx: Ctx, actor: Actor, id: string, version: number) {
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findRole(tx, id);
    if (!before) throw roleNotFound(id);
    if (!(await repo.deleteRole(tx, id, version))) throw stale('role description', toRole(before));
    await recordAudit(tx, actor, {
      entityType: 'role_description',
      entityId: id,
      entityLabel: before.name,
      action: 'delete',
      before: { name: before.name },
    });
  });
}

// ---------------------------------------------------------------- lessons learned

const lessonNotFound = (id: string) => new DomainError('LESSON_NOT_FOUND', `No lesson ${id}`);

function toLesson(r: repo.LessonView): Lesson {
  return {
    id: r.l.id,
    project: { id: r.l.projectId, name: r.projectName, code: r.projectCode },
    methodology:
      r.methodologyId && r.methodologyName
        ? { id: r.methodologyId, name: r.methodologyName }
        : null,
    phaseKey: r.l.phaseKey,
    kind: r.l.kind as LessonKind,
    category: r.l.category as LessonCategory,
    title: r.l.title,
    description: r.l.description,
    recommendation: r.l.recommendation,
    tags: r.l.tags as string[],
    author: r.l.authorName,
    createdAt: r.l.createdAt.toISOString(),
    updatedAt: r.l.updatedAt.toISOString(),
    version: r.l.version,
  };
}

/** The lessons of visible projects matching the query (the portfolio-wide REX search). */
export async function searchLessons(
  ctx: Ctx,
  actor: Actor,
  q: z.infer<typeof LessonQuery>,
): Promise<z.infer<typeof LessonList>> {
  const { rows, total } = await repo.searchLessons(ctx.db, {
    visible: visibleProjectsCondition(actor),
    ...q,
  });
  return { items: rows.map(toLesson), total };
}

export async function projectLessons(ctx: Ctx, actor: Actor, projectId: string) {
  await authorizeProject(ctx.db, actor, projectId, 'project.read');
  const { rows, total } = await repo.searchLessons(ctx.db, {
    visible: undefined,
    projectId,
    limit: 500,
  });
  return { items: rows.map(toLesson), total };
}

export async function getLesson(ctx: Ctx, actor: Actor, projectId: string, id: string) {
  await authorizeProject(ctx.db, actor, projectId, 'project.read');
  const row = await repo.findLesson(ctx.db, projectId, id);
  if (!row) throw lessonNotFound(id);
  return toLesson(row);
}

export async function createLessons(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  inputs: z.infer<typeof CreateLessonBody>[],
): Promise<Lesson[]> {
  const ids = await ctx.db.transaction(async (tx) => {
    await authorizeProject(tx, actor, projectId, 'project.update');
    const rows = await repo.insertLessons(
      tx,
      inputs.map((i) => ({
        projectId,
        phaseKey: i.phaseKey,
        kind: i.kind,
        category: i.category,
        title: i.title,
        description: i.description,
        recommendation: i.recommendation,
        tags: [...new Set(i.tags)],
        authorId: userIdOf(actor),
        authorName: actor.name,
      })),
    );
    for (const [k, r] of rows.entries())
      await recordAudit(tx, actor, {
        entityType: 'lesson',
        entityId: r.id,
        entityLabel: inputs[k]!.title,
        projectId,
        action: 'create',
        after: { kind: inputs[k]!.kind, category: inputs[k]!.category, title: inputs[k]!.title },
      });
    return rows.map((r) => r.id);
  });
  const out: Lesson[] = [];
  for (const id of ids) {
    const row = await repo.findLesson(ctx.db, projectId, id);
    if (row) out.push(toLesson(row));
  }
  return out;
}

export async function updateLesson(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  id: string,
  version: number,
  input: z.infer<typeof UpdateLessonBody>,
): Promise<Lesson> {
  await ctx.db.transaction(async (tx) => {
    await authorizeProject(tx, actor, projectId, 'project.update');
    const before = await repo.findLesson(tx, projectId, id);
    if (!before) throw lessonNotFound(id);
    const patch = { ...input, ...(input.tags ? { tags: [...new Set(input.tags)] } : {}) };
    const after = await repo.updateLesson(tx, id, version, patch);
    if (!after) throw stale('lesson', toLesson(before));
    await recordAudit(tx, actor, {
      entityType: 'lesson',
      entityId: id,
      entityLabel: input.title ?? before.l.title,
      projectId,
      action: 'update',
      before: {
        kind: before.l.kind,
        category: before.l.category,
        title: before.l.title,
        description: before.l.description,
        recommendation: before.l.recommendation,
      },
      after: {
        kind: input.kind ?? before.l.kind,
        category: input.category ?? before.l.category,
        title: input.title ?? before.l.title,
        description: input.description ?? before.l.description,
        recommendation: input.recommendation ?? before.l.recommendation,
      },
    });
  });
  return getLesson(ctx, actor, projectId, id);
}

export async function deleteLesson(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  id: string,
  version: number,
) {
  await ctx.db.transaction(async (tx) => {
    await authorizeProject(tx, actor, projectId, 'project.update');
    const before = await repo.findLesson(tx, projectId, id);
    if (!before) throw lessonNotFound(id);
    if (!(await repo.deleteLesson(tx, id, version))) throw stale('lesson', toLesson(before));
    await recordAudit(tx, actor, {
      entityType: 'lesson',
      entityId: id,
      entityLabel: before.l.title,
      projectId,
      action: 'delete',
      before: { title: before.l.title },
    });
  });
}

/** Lessons of other projects to read before starting: same method first, then shared tags. */
export async function suggestForProject(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
): Promise<z.infer<typeof LessonSuggestionList>> {
  await authorizeProject(ctx.db, actor, projectId, 'project.read');
  const profile = await repo.projectProfile(ctx.db, projectId);
  return suggest(ctx, actor, projectId, profile?.methodologyId ?? null, profile?.tags ?? []);
}

/** Suggestions for a project about to be created (the creation form): by method and tags. */
export async function suggestFor(
  ctx: Ctx,
  actor: Actor,
  methodologyId: string | null,
  tags: string[],
) {
  return suggest(ctx, actor, null, methodologyId, tags);
}

async function suggest(
  ctx: Ctx,
  actor: Actor,
  projectId: string | null,
  methodologyId: string | null,
  tags: string[],
) {
  const lower = tags.map((t) => t.toLowerCase());
  const rows = await repo.lessonCandidates(
    ctx.db,
    visibleProjectsCondition(actor),
    methodologyId,
    lower,
  );
  const ranked = suggestLessons(
    { projectId, methodologyId, tags: lower },
    rows.map((r) => ({
      id: r.l.id,
      projectId: r.l.projectId,
      methodologyId: r.methodologyId,
      tags: r.l.tags as string[],
      kind: r.l.kind as LessonKind,
      updatedAt: r.l.updatedAt.toISOString(),
      row: r,
    })),
    10,
  );
  return {
    items: ranked.map((s) => ({
      lesson: toLesson(s.lesson.row),
      sameMethod: s.sameMethod,
      sharedTags: s.sharedTags,
    })),
  };
}

// ---------------------------------------------------------------- my corrective actions

/** The open corrective actions the signed-in person owns ("Mes actions"), overdue flagged. */
export async function myCorrectiveActions(
  ctx: Ctx,
  actor: Actor,
): Promise<z.infer<typeof MyCorrectiveActionList>> {
  if (!actor.personId) return { items: [] };
  const day = today();
  const rows = await repo.correctiveActionsOf(
    ctx.db,
    actor.personId,
    visibleProjectsCondition(actor),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      description: r.description,
      dueDate: r.dueDate,
      status: r.status as 'todo' | 'in_progress',
      overdue: r.dueDate < day,
      finding: {
        id: r.findingId,
        description: r.findingDescription,
        severity: r.severity as 'minor' | 'major' | 'critical',
      },
      project: { id: r.projectId, code: r.projectCode, name: r.projectName },
    })),
  };
}
