import type { z } from 'zod';
import type {
  AnswerRequestBody,
  CreateResourceRequestBody,
  RequestStatus,
  RequestTransitionBody,
  ResourceRequest,
  ResourceRequestListQuery,
  UpdateResourceRequestBody,
} from '../../../contracts/skills.ts';
import { DomainError } from '../../../core/errors.ts';
import { type Actor, userIdOf } from '../../../core/platform/actor.ts';
import { roleGrants } from '../../../core/platform/permissions.ts';
import { coverage, staffingStatus, transition } from '../../../core/resources/staffing.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { assertPeopleExist } from '../org/org.service.ts';
import { recordAudit } from '../platform/audit.service.ts';
import { authorizeProject, projectRefs } from '../portfolio/portfolio.service.ts';
import * as resourcesRepo from './resources.repository.ts';
import { peopleBriefs } from '../org/org.service.ts';
import * as skillsRepo from './skills.repository.ts';
import * as repo from './staffing.repository.ts';

// Resource requests: a project asks for a role or a named person with skills over a period;
// the resource manager answers with allocations (proposed or confirmed), which staff it.

const canManage = (actor: Actor) => roleGrants(actor.role, 'resource.manage');
const canRead = (actor: Actor) => roleGrants(actor.role, 'resource.read');
const OPEN: RequestStatus[] = ['submitted', 'partially_staffed'];
const EDITABLE: RequestStatus[] = ['draft', 'submitted'];

function stale(current: unknown) {
  return new DomainError('VERSION_MISMATCH', 'Someone else changed this request', { current });
}

const requestFields = (r: repo.RequestRow) => ({
  roleId: r.roleId,
  personId: r.personId,
  skills: r.skills,
  start: r.start,
  finish: r.finish,
  unit: r.unit,
  amount: r.amount,
  priority: r.priority,
  comment: r.comment,
  status: r.status,
  answer: r.answer,
});

/** Requests as the API shows them (names of projects, people, roles and skills read in bulk). */
async function views(db: Executor, rows: repo.RequestRow[]): Promise<ResourceRequest[]> {
  if (rows.length === 0) return [];
  // One statement at a time on the client; only the people the requests name.
  const projects = await projectRefs(
    db,
    rows.map((r) => r.projectId),
  );
  const linked = await repo.allocationsOf(
    db,
    rows.map((r) => r.id),
  );
  const people = await peopleBriefs(db, [
    ...rows.flatMap((r) => (r.personId ? [r.personId] : [])),
    ...linked.map((a) => a.personId),
  ]);
  const roles = await resourcesRepo.listRoles(db);
  const skills = await skillsRepo.listSkills(db);
  const users = await repo.userNames(
    db,
    rows.flatMap((r) => (r.requestedBy ? [r.requestedBy] : [])),
  );
  const project = new Map(projects.map((p) => [p.id, p]));
  const person = new Map(people.map((p) => [p.id, p.name]));
  const role = new Map(roles.map((r) => [r.id, r.name]));
  const skill = new Map(skills.map((s) => [s.id, s.name]));
  return rows.map((r) => {
    const allocations = linked.filter((a) => a.requestId === r.id);
    return {
      id: r.id,
      project: {
        id: r.projectId,
        code: project.get(r.projectId)?.code ?? '',
        name: project.get(r.projectId)?.name ?? '',
      },
      role: r.roleId ? { id: r.roleId, name: role.get(r.roleId) ?? '' } : null,
      person: r.personId ? { id: r.personId, name: person.get(r.personId) ?? '' } : null,
      skills: r.skills.map((s) => ({ ...s, name: skill.get(s.skillId) ?? '' })),
      start: r.start,
      finish: r.finish,
      unit: r.unit as 'hours' | 'fte',
      amount: r.amount,
      priority: r.priority as ResourceRequest['priority'],
      comment: r.comment,
      status: r.status as RequestStatus,
      answer: r.answer,
      allocations: allocations.map((a) => ({
        id: a.id,
        person: { id: a.personId, name: person.get(a.personId) ?? '' },
        start: a.start,
        finish: a.finish,
        unit: a.unit,
        amount: a.amount,
        status: a.status,
        version: a.version,
      })),
      covered: coverage({ unit: r.unit as 'hours' | 'fte' }, allocations),
      requestedBy: r.requestedBy ? (users.get(r.requestedBy) ?? null) : null,
      createdAt: r.createdAt.toISOString(),
      version: r.version,
    };
  });
}

async function view(db: Executor, row: repo.RequestRow) {
  return (await views(db, [row]))[0]!;
}

/** Checks the role, person and skills a request names. */
async function assertRefs(
  db: Executor,
  input: { roleId?: string | null; personId?: string | null; skills?: { skillId: string }[] },
) {
  await assertPeopleExist(db, { personId: input.personId });
  if (input.roleId && !(await resourcesRepo.findRole(db, input.roleId))) {
    throw new DomainError('RESOURCE_ROLE_NOT_FOUND', `No role ${input.roleId}`, {
      issues: [{ path: ['body', 'roleId'], message: 'No such role' }],
    });
  }
  const known = new Set((await skillsRepo.listSkills(db)).map((s) => s.id));
  const issues = (input.skills ?? []).flatMap((s, i) =>
    known.has(s.skillId)
      ? []
      : [{ path: ['body', 'skills', i, 'skillId'], message: 'No such skill' }],
  );
  if (issues.length) throw new DomainError('SKILL_NOT_FOUND', 'Unknown skill', { issues });
}

/** The request, if the actor may see it (resource roles, or readers of its project). */
async function loadRequest(db: Executor, actor: Actor, id: string) {
  const row = await repo.findRequest(db, id);
  if (!row) throw new DomainError('RESOURCE_REQUEST_NOT_FOUND', `No resource request ${id}`);
  if (!canRead(actor)) await authorizeProject(db, actor, row.projectId, 'project.read');
  return row;
}

export async function listRequests(ctx: Ctx, query: z.infer<typeof ResourceRequestListQuery>) {
  const statuses = query.status ? [query.status] : query.open === 'true' ? OPEN : undefined;
  const rows = await repo.listRequests(ctx.db, { statuses });
  // Drafts stay with their project until submitted.
  return {
    items: await views(
      ctx.db,
      rows.filter((r) => r.status !== 'draft'),
    ),
  };
}

export async function listProjectRequests(ctx: Ctx, actor: Actor, projectId: string) {
  await authorizeProject(ctx.db, actor, projectId, 'project.read');
  return { items: await views(ctx.db, await repo.listRequests(ctx.db, { projectId })) };
}

export async function getRequest(ctx: Ctx, actor: Actor, id: string) {
  return view(ctx.db, await loadRequest(ctx.db, actor, id));
}

export async function createRequest(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  input: z.infer<typeof CreateResourceRequestBody>,
) {
  const row = await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.update');
    await assertRefs(tx, input);
    const { submit, ...fields } = input;
    const row = await repo.insertRequest(tx, {
      ...fields,
      projectId,
      status: submit ? 'submitted' : 'draft',
      requestedBy: userIdOf(actor),
    });
    await recordAudit(tx, actor, {
      entityType: 'resource_request',
      entityId: row.id,
      entityLabel: `${project.code} — ${row.start}`,
      projectId,
      action: 'create',
      after: requestFields(row),
    });
    return row;
  });
  return view(ctx.db, row);
}

export async function updateRequest(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdateResourceRequestBody>,
) {
  const row = await ctx.db.transaction(async (tx) => {
    const before = await loadRequest(tx, actor, id);
    const { project } = await authorizeProject(tx, actor, before.projectId, 'project.update');
    if (before.version !== version) throw stale(await view(tx, before));
    if (!EDITABLE.includes(before.status as RequestStatus)) {
      throw new DomainError('REQUEST_NOT_EDITABLE', `A ${before.status} request is not edited`, {
        status: before.status,
      });
    }
    await assertRefs(tx, input);
    const start = input.start ?? before.start;
    const finish = input.finish ?? before.finish;
    if (finish < start) {
      throw new DomainError('VALIDATION_FAILED', 'The finish is before the start', {
        issues: [{ path: ['body', 'finish'], message: 'Before the start' }],
      });
    }
    const after = await repo.updateRequest(tx, id, version, input);
    if (!after) throw stale(await view(tx, before));
    await recordAudit(tx, actor, {
      entityType: 'resource_request',
      entityId: id,
      entityLabel: `${project.code} — ${after.start}`,
      projectId: project.id,
      action: 'update',
      before: requestFields(before),
      after: requestFields(after),
    });
    return after;
  });
  return view(ctx.db, row);
}

/** Submit, cancel or reopen (the project), reject (resource roles, with an answer). */
export async function transitionRequest(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof RequestTransitionBody>,
) {
  const row = await ctx.db.transaction(async (tx) => {
    const before = await loadRequest(tx, actor, id);
    if (input.action === 'reject') {
      if (!canManage(actor)) {
        throw new DomainError('FORBIDDEN', 'Only resource managers reject a request', {
          permission: 'resource.manage',
        });
      }
    } else {
      await authorizeProject(tx, actor, before.projectId, 'project.update');
    }
    if (before.version !== version) throw stale(await view(tx, before));
    const next = transition(before.status as RequestStatus, input.action);
    if (!next) {
      throw new DomainError(
        'REQUEST_TRANSITION_INVALID',
        `Cannot ${input.action} a ${before.status} request`,
        {
          status: before.status,
          action: input.action,
        },
      );
    }
    let status = next;
    if (next === 'submitted') {
      const linked = await repo.allocationsOf(tx, [id]);
      status = staffingStatus(
        next,
        before.amount,
        coverage({ unit: before.unit as 'hours' | 'fte' }, linked),
      );
    }
    const after = await repo.updateRequest(tx, id, version, {
      status,
      answer: input.action === 'reject' ? input.answer : before.answer,
    });
    if (!after) throw stale(await view(tx, before));
    await recordAudit(tx, actor, {
      entityType: 'resource_request',
      entityId: id,
      entityLabel: `${before.start} — ${input.action}`,
      projectId: before.projectId,
      action: 'update',
      before: requestFields(before),
      after: requestFields(after),
    });
    return after;
  });
  return view(ctx.db, row);
}

/** The resource manager answers with an allocation of a person; the request's status follows. */
export async function answerRequest(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof AnswerRequestBody>,
) {
  const row = await ctx.db.transaction(async (tx) => {
    const before = await loadRequest(tx, actor, id);
    if (before.version !== version) throw stale(await view(tx, before));
    if (!['submitted', 'partially_staffed', 'staffed'].includes(before.status)) {
      throw new DomainError('REQUEST_NOT_OPEN', `A ${before.status} request is not staffed`, {
        status: before.status,
      });
    }
    await assertPeopleExist(tx, { personId: input.personId });
    const start = input.start ?? before.start;
    const finish = input.finish ?? before.finish;
    if (finish < start) {
      throw new DomainError('VALIDATION_FAILED', 'The finish is before the start', {
        issues: [{ path: ['body', 'finish'], message: 'Before the start' }],
      });
    }
    const allocation = await resourcesRepo.insertAllocation(tx, {
      personId: input.personId,
      projectId: before.projectId,
      start,
      finish,
      unit: input.unit,
      amount: input.amount,
      status: input.status,
      note: before.comment.slice(0, 200),
    });
    await repo.linkAllocation(tx, id, allocation.id);
    const linked = await repo.allocationsOf(tx, [id]);
    const status = staffingStatus(
      before.status as RequestStatus,
      before.amount,
      coverage({ unit: before.unit as 'hours' | 'fte' }, linked),
    );
    const after = await repo.updateRequest(tx, id, version, { status });
    if (!after) throw stale(await view(tx, before));
    await recordAudit(tx, actor, {
      entityType: 'allocation',
      entityId: allocation.id,
      entityLabel: `${before.start} — ${input.status}`,
      projectId: before.projectId,
      action: 'create',
      after: {
        personId: allocation.personId,
        projectId: allocation.projectId,
        start,
        finish,
        unit: input.unit,
        amount: input.amount,
        status: input.status,
        requestId: id,
      },
    });
    await recordAudit(tx, actor, {
      entityType: 'resource_request',
      entityId: id,
      entityLabel: `${before.start} — staffing`,
      projectId: before.projectId,
      action: 'update',
      before: requestFields(before),
      after: requestFields(after),
    });
    return after;
  });
  return view(ctx.db, row);
}
