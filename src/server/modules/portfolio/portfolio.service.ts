import type { z } from 'zod';
import type { AuditListQuery } from '../../../contracts/audit.ts';
import type {
  AddMemberBody,
  CreatePortfolioBody,
  CreateProgramBody,
  CreateProjectBody,
  Member,
  Portfolio,
  Program,
  Project,
  ProjectListQuery,
  ProjectSummary,
  UpdatePortfolioBody,
  UpdateProgramBody,
  UpdateProjectBody,
} from '../../../contracts/portfolio.ts';
import { DomainError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import {
  type Permission,
  type ProjectRole,
  projectGrants,
  roleGrants,
  seesAllProjects,
} from '../../../core/platform/permissions.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { decodeCursor, encodeCursor } from '../../db/cursor.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { assertOrgUnitExists, assertPeopleExist, getPerson } from '../org/org.service.ts';
import { listAuditEvents, recordAudit } from '../platform/audit.service.ts';
import { applyMethodologyInTx } from '../governance/governance.service.ts';
import * as repo from './portfolio.repository.ts';
import { cachedList, cachedView } from './project-view-cache.ts';

/**
 * The portfolio's rule of which projects an actor sees, as a condition on the projects table,
 * for other modules' set-wise queries that join projects (undefined: every project).
 */
export function visibleProjectsCondition(actor: Actor) {
  return repo.visibleCondition(visibilityOf(actor));
}

export function visibilityOf(actor: Actor): repo.Visibility {
  return seesAllProjects(actor.role) ? { all: true } : { all: false, personId: actor.personId };
}

const ref = (id: string | null, name: string | null | undefined) =>
  id ? { id, name: name ?? '' } : null;

function duplicateCode(code: string | undefined) {
  return new DomainError('DUPLICATE_CODE', `The code ${code} is already used`, {
    issues: [{ path: ['body', 'code'], message: 'Already used' }],
  });
}

function stale(what: string, current: unknown) {
  return new DomainError('VERSION_MISMATCH', `Someone else changed this ${what}; reload it`, {
    current,
  });
}

// ---------------------------------------------------------------- portfolios

function toPortfolio(row: Awaited<ReturnType<typeof repo.listPortfolios>>[number]): Portfolio {
  const p = row.p;
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    description: p.description,
    owner: ref(p.ownerId, row.ownerName),
    programCount: Number(row.programCount),
    projectCount: Number(row.projectCount),
    archived: p.archivedAt !== null,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

const portfolioFields = (p: repo.PortfolioRow) => ({
  code: p.code,
  name: p.name,
  description: p.description,
  ownerId: p.ownerId,
  archived: p.archivedAt !== null,
});

export async function listPortfolios(ctx: Ctx, actor: Actor) {
  const rows = await repo.listPortfolios(ctx.db, visibilityOf(actor));
  return { items: rows.map(toPortfolio) };
}

export async function getPortfolio(ctx: Ctx, actor: Actor, id: string): Promise<Portfolio> {
  const [row] = await repo.listPortfolios(ctx.db, visibilityOf(actor), id);
  if (!row) throw new DomainError('PORTFOLIO_NOT_FOUND', `No portfolio ${id}`);
  return toPortfolio(row);
}

export async function createPortfolio(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreatePortfolioBody>,
) {
  try {
    const id = await ctx.db.transaction(async (tx) => {
      await assertPeopleExist(tx, { ownerId: input.ownerId });
      const row = await repo.insertPortfolio(tx, { ...input, ownerId: input.ownerId ?? null });
      await recordAudit(tx, actor, {
        entityType: 'portfolio',
        entityId: row.id,
        entityLabel: row.name,
        action: 'create',
        after: portfolioFields(row),
      });
      return row.id;
    });
    return getPortfolio(ctx, actor, id);
  } catch (err) {
    if (isUniqueViolation(err, 'portfolios_code_key')) throw duplicateCode(input.code);
    throw err;
  }
}

export async function updatePortfolio(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdatePortfolioBody>,
) {
  try {
    await ctx.db.transaction(async (tx) => {
      const before = await repo.findPortfolio(tx, id);
      if (!before) throw new DomainError('PORTFOLIO_NOT_FOUND', `No portfolio ${id}`);
      await assertPeopleExist(tx, { ownerId: input.ownerId });
      const { archived, ...rest } = input;
      const after = await repo.updatePortfolio(tx, id, version, {
        ...rest,
        ...(archived === undefined
          ? {}
          : { archivedAt: archived ? (before.archivedAt ?? new Date()) : null }),
      });
      if (!after) throw stale('portfolio', await getPortfolio({ ...ctx, db: tx }, actor, id));
      await recordAudit(tx, actor, {
        entityType: 'portfolio',
        entityId: id,
        entityLabel: after.name,
        action: 'update',
        before: portfolioFields(before),
        after: portfolioFields(after),
      });
    });
    return getPortfolio(ctx, actor, id);
  } catch (err) {
    if (isUniqueViolation(err, 'portfolios_code_key')) throw duplicateCode(input.code);
    throw err;
  }
}

// ---------------------------------------------------------------- programs

function toProgram(row: Awaited<ReturnType<typeof repo.listPrograms>>[number]): Program {
  const g = row.g;
  return {
    id: g.id,
    code: g.code,
    name: g.name,
    description: g.description,
    portfolio: { id: g.portfolioId, name: row.portfolioName },
    manager: ref(g.managerId, row.managerName),
    projectCount: Number(row.projectCount),
    archived: g.archivedAt !== null,
    version: g.version,
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
  };
}

const programFields = (g: repo.ProgramRow) => ({
  code: g.code,
  name: g.name,
  description: g.description,
  portfolioId: g.portfolioId,
  managerId: g.managerId,
  archived: g.archivedAt !== null,
});

export async function listPrograms(ctx: Ctx, actor: Actor, portfolioId?: string) {
  const rows = await repo.listPrograms(ctx.db, visibilityOf(actor), { portfolioId });
  return { items: rows.map(toProgram) };
}

export async function getProgram(ctx: Ctx, actor: Actor, id: string): Promise<Program> {
  const [row] = await repo.listPrograms(ctx.db, visibilityOf(actor), { id });
  if (!row) throw new DomainError('PROGRAM_NOT_FOUND', `No program ${id}`);
  return toProgram(row);
}

async function assertPortfolioExists(tx: Executor, id: string) {
  if (!(await repo.findPortfolio(tx, id))) {
    throw new DomainError('PORTFOLIO_NOT_FOUND', `No portfolio ${id}`, {
      issues: [{ path: ['body', 'portfolioId'], message: 'No such portfolio' }],
    });
  }
}

export async function createProgram(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreateProgramBody>,
) {
  try {
    const id = await ctx.db.transaction(async (tx) => {
      await assertPortfolioExists(tx, input.portfolioId);
      await assertPeopleExist(tx, { managerId: input.managerId });
      const row = await repo.insertProgram(tx, { ...input, managerId: input.managerId ?? null });
      await recordAudit(tx, actor, {
        entityType: 'program',
        entityId: row.id,
        entityLabel: row.name,
        action: 'create',
        after: programFields(row),
      });
      return row.id;
    });
    return getProgram(ctx, actor, id);
  } catch (err) {
    if (isUniqueViolation(err, 'programs_code_key')) throw duplicateCode(input.code);
    throw err;
  }
}

export async function updateProgram(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdateProgramBody>,
) {
  try {
    await ctx.db.transaction(async (tx) => {
      const before = await repo.findProgram(tx, id);
      if (!before) throw new DomainError('PROGRAM_NOT_FOUND', `No program ${id}`);
      if (input.portfolioId) await assertPortfolioExists(tx, input.portfolioId);
      await assertPeopleExist(tx, { managerId: input.managerId });
      const { archived, ...rest } = input;
      const after = await repo.updateProgram(tx, id, version, {
        ...rest,
        ...(archived === undefined
          ? {}
          : { archivedAt: archived ? (before.archivedAt ?? new Date()) : null }),
      });
      if (!after) throw stale('program', await getProgram({ ...ctx, db: tx }, actor, id));
      await recordAudit(tx, actor, {
        entityType: 'program',
        entityId: id,
        entityLabel: after.name,
        action: 'update',
        before: programFields(before),
        after: programFields(after),
      });
    });
    return getProgram(ctx, actor, id);
  } catch (err) {
    if (isUniqueViolation(err, 'programs_code_key')) throw duplicateCode(input.code);
    throw err;
  }
}

/** Portfolios with their programs and visible project counts, for the navigation tree. */
export async function getTree(ctx: Ctx, actor: Actor) {
  const v = visibilityOf(actor);
  const [ports, progs, counts] = await Promise.all([
    repo.listPortfolios(ctx.db, v),
    repo.listPrograms(ctx.db, v),
    repo.countProjectsByProgram(ctx.db, v),
  ]);
  const byProgram = new Map<string, number>();
  const byPortfolio = new Map<string, number>();
  for (const c of counts) {
    const n = Number(c.n);
    byPortfolio.set(c.portfolioId, (byPortfolio.get(c.portfolioId) ?? 0) + n);
    if (c.programId) byProgram.set(c.programId, (byProgram.get(c.programId) ?? 0) + n);
  }
  return {
    items: ports
      .filter((p) => p.p.archivedAt === null)
      .map((p) => ({
        id: p.p.id,
        code: p.p.code,
        name: p.p.name,
        projectCount: byPortfolio.get(p.p.id) ?? 0,
        programs: progs
          .filter((g) => g.g.portfolioId === p.p.id && g.g.archivedAt === null)
          .map((g) => ({
            id: g.g.id,
            code: g.g.code,
            name: g.g.name,
            projectCount: byProgram.get(g.g.id) ?? 0,
          })),
      })),
  };
}

// ---------------------------------------------------------------- projects

function toSummary(v: repo.ProjectView): ProjectSummary {
  const p = v.p;
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    status: p.status as ProjectSummary['status'],
    priority: p.priority as ProjectSummary['priority'],
    portfolio: { id: p.portfolioId, name: v.portfolioName },
    program: ref(p.programId, v.programName),
    parentId: p.parentId,
    manager: ref(p.managerId, v.managerName),
    orgUnit: ref(p.orgUnitId, v.orgUnitName),
    plannedStart: p.plannedStart,
    plannedEnd: p.plannedEnd,
    tags: p.tags,
    childCount: Number(v.childCount),
    archived: p.archivedAt !== null,
    updatedAt: p.updatedAt.toISOString(),
  };
}

const projectFields = (p: repo.ProjectRow) => ({
  code: p.code,
  name: p.name,
  description: p.description,
  portfolioId: p.portfolioId,
  programId: p.programId,
  parentId: p.parentId,
  sponsorId: p.sponsorId,
  managerId: p.managerId,
  orgUnitId: p.orgUnitId,
  status: p.status,
  priority: p.priority,
  plannedStart: p.plannedStart,
  plannedEnd: p.plannedEnd,
  tags: p.tags,
  customFields: p.customFields,
  archived: p.archivedAt !== null,
});

const label = (p: { code: string; name: string }) => `${p.code} — ${p.name}`;

export async function listProjects(ctx: Ctx, actor: Actor, query: ProjectListQuery) {
  const after = query.cursor ? (decodeCursor(query.cursor, 2) as [string, string]) : undefined;
  const rows = await repo.listProjects(
    ctx.db,
    { ...query, visibility: visibilityOf(actor) },
    query.sort,
    query.order,
    after,
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1]?.p;
  return {
    items: page.map(toSummary),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor([repo.sortValue(last, query.sort), last.id])
        : null,
  };
}

/** A JSON string, or null. */
const jsonText = (v: string | null | undefined) => (v == null ? 'null' : JSON.stringify(v));
/** A `{ id, name }` reference, or null when there is no id. */
const jsonRef = (id: string | null | undefined, name: string | null | undefined) =>
  id == null ? 'null' : `{"id":${JSON.stringify(id)},"name":${JSON.stringify(name ?? '')}}`;

/**
 * One `ProjectSummary` as JSON text, from a row of `repo.listProjectsJson` (same fields, values
 * and order as `toSummary` serialised): child count, archived flag and tags are already JSON.
 */
function summaryJson(row: string): string {
  const f = JSON.parse(row) as (string | null)[];
  const [id, , code, name, status, priority, portfolioId, portfolioName] = f;
  const [programId, programName, parentId, managerId, managerName, orgUnitId, orgUnitName] =
    f.slice(8, 15);
  const [plannedStart, plannedEnd, tags, childCount, archived, updatedMs] = f.slice(15);
  return `{"id":${jsonText(id)},"code":${jsonText(code)},"name":${jsonText(name)},"status":${jsonText(status)},"priority":${jsonText(priority)},"portfolio":${jsonRef(portfolioId, portfolioName)},"program":${jsonRef(programId, programName)},"parentId":${jsonText(parentId)},"manager":${jsonRef(managerId, managerName)},"orgUnit":${jsonRef(orgUnitId, orgUnitName)},"plannedStart":${jsonText(plannedStart)},"plannedEnd":${jsonText(plannedEnd)},"tags":${tags},"childCount":${childCount},"archived":${archived},"updatedAt":"${new Date(Number(updatedMs)).toISOString()}"}`;
}

/**
 * `listProjects` as the JSON text of a `ProjectList` (the API's list route sends it as it is;
 * same body as serialising `listProjects`), from one text array per row: no typed columns to
 * map, no objects to build, no JSON built by PostgreSQL.
 */
export async function listProjectsJson(
  ctx: Ctx,
  actor: Actor,
  query: ProjectListQuery,
): Promise<string> {
  const visibility = visibilityOf(actor);
  // Who may see what, and the whole query: the rest is forgotten with the project views.
  const key = `${visibility.all ? '*' : (visibility.personId ?? '-')}|${JSON.stringify(query)}`;
  const body = await cachedList(ctx.db, key, async () => {
    const after = query.cursor ? (decodeCursor(query.cursor, 2) as [string, string]) : undefined;
    const rows = await repo.listProjectsJson(
      ctx.db,
      { ...query, visibility },
      query.sort,
      query.order,
      after,
      query.limit + 1,
    );
    const page = rows.slice(0, query.limit);
    const last = page.length ? (JSON.parse(page[page.length - 1]!.f) as string[]) : undefined;
    const next = rows.length > query.limit && last ? encodeCursor([last[1]!, last[0]!]) : null;
    return `{"items":[${page.map((r) => summaryJson(r.f)).join(',')}],"nextCursor":${JSON.stringify(next)}}`;
  });
  return body!;
}

interface Access {
  project: repo.ProjectRow;
  roles: ProjectRole[];
}

/**
 * Loads a project the actor may act on with `permission`. A project they may not see is
 * "not found" (its existence is not revealed); one they see but may not change is "forbidden".
 */
export async function authorizeProject(
  tx: Executor,
  actor: Actor,
  id: string,
  permission: Permission,
): Promise<Access> {
  const project = await repo.findProject(tx, id);
  if (!project) throw new DomainError('PROJECT_NOT_FOUND', `No project ${id}`);
  const roles = (await repo.rolesOf(tx, project, actor.personId)) as ProjectRole[];
  if (!projectGrants(actor.role, roles, 'project.read'))
    throw new DomainError('PROJECT_NOT_FOUND', `No project ${id}`);
  if (!projectGrants(actor.role, roles, permission)) {
    throw new DomainError('FORBIDDEN', `You may not ${permission} on this project`, { permission });
  }
  return { project, roles };
}

export async function getProject(ctx: Ctx, actor: Actor, id: string): Promise<Project> {
  // Served from memory when read before and unchanged since (see project-view-cache.ts).
  const view = await cachedView(ctx.db, `${id}|${actor.personId ?? ''}`, () =>
    repo.findProjectViewFor(ctx.db, id, actor.personId),
  );
  if (!view) throw new DomainError('PROJECT_NOT_FOUND', `No project ${id}`);
  const held = new Set<string>(view.memberRoles);
  if (actor.personId && view.p.managerId === actor.personId) held.add('project_manager');
  if (actor.personId && view.p.sponsorId === actor.personId) held.add('sponsor');
  const roles = [...held] as ProjectRole[];
  if (!projectGrants(actor.role, roles, 'project.read'))
    throw new DomainError('PROJECT_NOT_FOUND', `No project ${id}`);
  const can = (p: Permission) => projectGrants(actor.role, roles, p);
  return {
    ...toSummary(view),
    description: view.p.description,
    sponsor: ref(view.p.sponsorId, view.sponsorName),
    customFields: view.p.customFields as Project['customFields'],
    ancestors: view.ancestors,
    myRoles: roles,
    can: {
      update: can('project.update'),
      archive: can('project.archive'),
      manageMembers: can('project.members.manage'),
      createSubProject: can('project.create'),
    },
    version: view.p.version,
    createdAt: view.p.createdAt.toISOString(),
  };
}

interface Placement {
  portfolioId: string;
  programId: string | null;
  parentId: string | null;
}

/** Checks where a project goes in the tree: the program belongs to the portfolio, the parent exists, no cycle. */
async function checkPlacement(tx: Executor, actor: Actor, self: string | null, place: Placement) {
  await assertPortfolioExists(tx, place.portfolioId);
  if (place.programId) {
    const program = await repo.findProgram(tx, place.programId);
    if (!program) {
      throw new DomainError('PROGRAM_NOT_FOUND', `No program ${place.programId}`, {
        issues: [{ path: ['body', 'programId'], message: 'No such program' }],
      });
    }
    if (program.portfolioId !== place.portfolioId) {
      throw new DomainError('HIERARCHY_MISMATCH', 'The program belongs to another portfolio', {
        issues: [{ path: ['body', 'programId'], message: 'Not in this portfolio' }],
      });
    }
  }
  if (place.parentId) {
    const parent = await repo.findProject(tx, place.parentId);
    const parentRoles = parent
      ? ((await repo.rolesOf(tx, parent, actor.personId)) as ProjectRole[])
      : [];
    if (!parent || !projectGrants(actor.role, parentRoles, 'project.read')) {
      throw new DomainError('PROJECT_NOT_FOUND', `No project ${place.parentId}`, {
        issues: [{ path: ['body', 'parentId'], message: 'No such project' }],
      });
    }
    if (parent.portfolioId !== place.portfolioId) {
      throw new DomainError(
        'HIERARCHY_MISMATCH',
        'A sub-project stays in the portfolio of its parent',
        {
          issues: [
            {
              path: ['body', 'portfolioId'],
              message: 'Must be the portfolio of the parent project',
            },
          ],
        },
      );
    }
    if (
      self &&
      (place.parentId === self ||
        (await repo.projectDescendants(tx, self)).includes(place.parentId))
    ) {
      throw new DomainError(
        'HIERARCHY_CYCLE',
        'A project cannot be placed under itself or one of its sub-projects',
        { issues: [{ path: ['body', 'parentId'], message: 'Would create a cycle' }] },
      );
    }
  }
}

export async function createProject(
  ctx: Ctx,
  actor: Actor,
  { methodology, ...input }: CreateProjectBody,
): Promise<Project> {
  try {
    const id = await ctx.db.transaction(async (tx) => {
      let portfolioId = input.portfolioId;
      let programId = input.programId ?? null;
      if (input.parentId) {
        const { project: parent } = await authorizeProject(
          tx,
          actor,
          input.parentId,
          'project.create',
        );
        portfolioId = parent.portfolioId;
        if (input.programId === undefined) programId = parent.programId;
      } else if (!roleGrants(actor.role, 'project.create')) {
        throw new DomainError('FORBIDDEN', 'Your role may not create top-level projects', {
          permission: 'project.create',
        });
      }
      const place = { portfolioId, programId, parentId: input.parentId ?? null };
      await checkPlacement(tx, actor, null, place);
      await assertPeopleExist(tx, { sponsorId: input.sponsorId, managerId: input.managerId });
      await assertOrgUnitExists(tx, input.orgUnitId);
      // A project manager who creates a sub-project without naming a manager runs it.
      const managerId =
        input.managerId ?? (roleGrants(actor.role, 'project.create') ? null : actor.personId);
      const row = await repo.insertProject(tx, {
        ...input,
        ...place,
        sponsorId: input.sponsorId ?? null,
        managerId,
        orgUnitId: input.orgUnitId ?? null,
        plannedStart: input.plannedStart ?? null,
        plannedEnd: input.plannedEnd ?? null,
      });
      await recordAudit(tx, actor, {
        entityType: 'project',
        entityId: row.id,
        entityLabel: label(row),
        projectId: row.id,
        action: 'create',
        after: projectFields(row),
      });
      // The method chosen at creation: lifecycle, deliverables and default WBS, same transaction.
      if (methodology) {
        await applyMethodologyInTx(tx, actor, row.id, methodology, ['body', 'methodology']);
      }
      return row.id;
    });
    return getProject(ctx, actor, id);
  } catch (err) {
    if (isUniqueViolation(err, 'projects_code_key')) throw duplicateCode(input.code);
    throw err;
  }
}

export async function updateProject(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: UpdateProjectBody,
): Promise<Project> {
  try {
    await ctx.db.transaction(async (tx) => {
      const { project: before } = await authorizeProject(tx, actor, id, 'project.update');
      const moving =
        input.portfolioId !== undefined ||
        input.programId !== undefined ||
        input.parentId !== undefined;
      let place: Placement = {
        portfolioId: before.portfolioId,
        programId: before.programId,
        parentId: before.parentId,
      };
      if (moving) {
        place = {
          portfolioId: input.portfolioId ?? before.portfolioId,
          programId: input.programId !== undefined ? input.programId : before.programId,
          parentId: input.parentId !== undefined ? input.parentId : before.parentId,
        };
        if (place.parentId && input.portfolioId === undefined) {
          const parent = await repo.findProject(tx, place.parentId);
          if (parent) place.portfolioId = parent.portfolioId;
        }
        if (place.portfolioId !== before.portfolioId && input.programId === undefined)
          place.programId = null;
        await checkPlacement(tx, actor, id, place);
      }
      const start = input.plannedStart !== undefined ? input.plannedStart : before.plannedStart;
      const end = input.plannedEnd !== undefined ? input.plannedEnd : before.plannedEnd;
      if (start && end && start > end) {
        throw new DomainError('VALIDATION_FAILED', 'The planned end is before the planned start', {
          issues: [
            { path: ['body', 'plannedEnd'], message: 'Must be on or after the planned start' },
          ],
        });
      }
      await assertPeopleExist(tx, { sponsorId: input.sponsorId, managerId: input.managerId });
      await assertOrgUnitExists(tx, input.orgUnitId);
      const after = await repo.updateProject(tx, id, version, { ...input, ...place });
      if (!after) throw stale('project', await getProject({ ...ctx, db: tx }, actor, id));
      if (after.portfolioId !== before.portfolioId) {
        await repo.movePortfolioOfProjects(
          tx,
          await repo.projectDescendants(tx, id),
          after.portfolioId,
        );
      }
      await recordAudit(tx, actor, {
        entityType: 'project',
        entityId: id,
        entityLabel: label(after),
        projectId: id,
        action: 'update',
        before: projectFields(before),
        after: projectFields(after),
      });
    });
    return getProject(ctx, actor, id);
  } catch (err) {
    if (isUniqueViolation(err, 'projects_code_key')) throw duplicateCode(input.code);
    throw err;
  }
}

/** Archives (or restores) a project and all its sub-projects. */
export async function setProjectArchived(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  archived: boolean,
): Promise<Project> {
  await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, id, 'project.archive');
    if (project.version !== version)
      throw stale('project', await getProject({ ...ctx, db: tx }, actor, id));
    const subtree = [id, ...(await repo.projectDescendants(tx, id))];
    await repo.setArchived(tx, subtree, archived);
    await recordAudit(tx, actor, {
      entityType: 'project',
      entityId: id,
      entityLabel: label(project),
      projectId: id,
      action: archived ? 'archive' : 'restore',
      before: { archived: project.archivedAt !== null },
      after: { archived, subProjects: subtree.length - 1 },
    });
  });
  return getProject(ctx, actor, id);
}

export async function projectHistory(
  ctx: Ctx,
  actor: Actor,
  id: string,
  query: z.infer<typeof AuditListQuery>,
) {
  await authorizeProject(ctx.db, actor, id, 'project.read');
  return listAuditEvents(ctx.db, { ...query, projectId: id });
}

// ---------------------------------------------------------------- members

export async function listMembers(ctx: Ctx, actor: Actor, projectId: string) {
  await authorizeProject(ctx.db, actor, projectId, 'project.read');
  const rows = await repo.listMembers(ctx.db, projectId);
  return { items: rows.map(toMember) };
}

function toMember(r: Awaited<ReturnType<typeof repo.listMembers>>[number]): Member {
  return {
    id: r.m.id,
    person: { id: r.m.personId, name: r.name },
    email: r.email,
    jobTitle: r.jobTitle,
    role: r.m.role as Member['role'],
    createdAt: r.m.createdAt.toISOString(),
  };
}

export async function addMember(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  input: z.infer<typeof AddMemberBody>,
): Promise<Member> {
  try {
    const memberId = await ctx.db.transaction(async (tx) => {
      const { project } = await authorizeProject(tx, actor, projectId, 'project.members.manage');
      const person = await getPerson({ ...ctx, db: tx }, input.personId).catch(() => {
        throw new DomainError('PERSON_NOT_FOUND', `No person ${input.personId}`, {
          issues: [{ path: ['body', 'personId'], message: 'No such person' }],
        });
      });
      const row = await repo.insertMember(tx, {
        projectId,
        personId: input.personId,
        role: input.role,
      });
      await recordAudit(tx, actor, {
        entityType: 'project_member',
        entityId: row.id,
        entityLabel: `${person.name} @ ${project.code}`,
        projectId,
        action: 'create',
        after: { person: person.name, role: row.role },
      });
      return row.id;
    });
    const rows = await repo.listMembers(ctx.db, projectId);
    return toMember(rows.find((r) => r.m.id === memberId)!);
  } catch (err) {
    if (isUniqueViolation(err, 'project_members_key')) {
      throw new DomainError('CONFLICT', 'This person is already a member of the project', {
        issues: [{ path: ['body', 'personId'], message: 'Already a member' }],
      });
    }
    throw err;
  }
}

export async function removeMember(ctx: Ctx, actor: Actor, projectId: string, memberId: string) {
  await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.members.manage');
    const member = await repo.findMember(tx, projectId, memberId);
    if (!member) throw new DomainError('MEMBER_NOT_FOUND', `No member ${memberId} in this project`);
    const person = await getPerson({ ...ctx, db: tx }, member.personId);
    await repo.deleteMember(tx, memberId);
    await recordAudit(tx, actor, {
      entityType: 'project_member',
      entityId: memberId,
      entityLabel: `${person.name} @ ${project.code}`,
      projectId,
      action: 'delete',
      before: { person: person.name, role: member.role },
    });
  });
}

/**
 * Code, name and priority of projects by id, for modules that list work across projects
 * (resources). No authorisation: callers show them only to roles that see every project.
 */
export async function projectRefs(db: Executor, ids: readonly string[]) {
  return repo.projectRefs(db, [...new Set(ids)]);
}
