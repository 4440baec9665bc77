import type { z } from 'zod';
import type {
  CreateOrgUnitBody,
  CreatePersonBody,
  OrgUnit,
  Person,
  PersonListQuery,
  UpdateOrgUnitBody,
  UpdatePersonBody,
} from '../../../contracts/org.ts';
import { DomainError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { decodeCursor, encodeCursor } from '../../db/cursor.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.ts';
import { recordAudit } from '../platform/audit.service.ts';
import * as repo from './org.repository.ts';

function toOrgUnit(row: repo.OrgUnitRow, headcount: number): OrgUnit {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    parentId: row.parentId,
    headcount,
    version: row.version,
  };
}

const unitFields = (u: repo.OrgUnitRow) => ({ code: u.code, name: u.name, parentId: u.parentId });

export async function listOrgUnits(ctx: Ctx) {
  const rows = await repo.listOrgUnits(ctx.db);
  return { items: rows.map((r) => toOrgUnit(r.unit, Number(r.headcount))) };
}

function duplicateCode(code: string) {
  return new DomainError('DUPLICATE_CODE', `The code ${code} is already used`, {
    issues: [{ path: ['body', 'code'], message: 'Already used' }],
  });
}

async function checkParent(tx: Executor, id: string | null, parentId: string | null | undefined) {
  if (!parentId) return;
  if (!(await repo.findOrgUnit(tx, parentId))) {
    throw new DomainError('ORG_UNIT_NOT_FOUND', `No org unit ${parentId}`, {
      issues: [{ path: ['body', 'parentId'], message: 'No such org unit' }],
    });
  }
  if (id && (parentId === id || (await repo.orgUnitAncestors(tx, parentId)).includes(id))) {
    throw new DomainError('HIERARCHY_CYCLE', 'An org unit cannot be placed under itself', {
      issues: [{ path: ['body', 'parentId'], message: 'Would create a cycle' }],
    });
  }
}

export async function createOrgUnit(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreateOrgUnitBody>,
) {
  try {
    return await ctx.db.transaction(async (tx) => {
      await checkParent(tx, null, input.parentId);
      const row = await repo.insertOrgUnit(tx, { ...input, parentId: input.parentId ?? null });
      await recordAudit(tx, actor, {
        entityType: 'org_unit',
        entityId: row.id,
        entityLabel: row.name,
        action: 'create',
        after: unitFields(row),
      });
      return toOrgUnit(row, 0);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'org_units_code_key')) throw duplicateCode(input.code);
    throw err;
  }
}

export async function updateOrgUnit(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdateOrgUnitBody>,
) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const before = await repo.findOrgUnit(tx, id);
      if (!before) throw new DomainError('ORG_UNIT_NOT_FOUND', `No org unit ${id}`);
      await checkParent(tx, id, input.parentId);
      const after = await repo.updateOrgUnit(tx, id, version, input);
      if (!after) {
        throw new DomainError('VERSION_MISMATCH', 'Someone else changed this org unit', {
          current: toOrgUnit(before, 0),
        });
      }
      await recordAudit(tx, actor, {
        entityType: 'org_unit',
        entityId: id,
        entityLabel: after.name,
        action: 'update',
        before: unitFields(before),
        after: unitFields(after),
      });
      return toOrgUnit(after, 0);
    });
  } catch (err) {
    if (input.code && isUniqueViolation(err, 'org_units_code_key')) throw duplicateCode(input.code);
    throw err;
  }
}

export async function deleteOrgUnit(ctx: Ctx, actor: Actor, id: string, version: number) {
  try {
    await ctx.db.transaction(async (tx) => {
      const before = await repo.findOrgUnit(tx, id);
      if (!before) throw new DomainError('ORG_UNIT_NOT_FOUND', `No org unit ${id}`);
      if (before.version !== version) {
        throw new DomainError('VERSION_MISMATCH', 'Someone else changed this org unit', {
          current: toOrgUnit(before, 0),
        });
      }
      await repo.deleteOrgUnit(tx, id);
      await recordAudit(tx, actor, {
        entityType: 'org_unit',
        entityId: id,
        entityLabel: before.name,
        action: 'delete',
        before: unitFields(before),
      });
    });
  } catch (err) {
    if (isForeignKeyViolation(err)) {
      throw new DomainError('IN_USE', 'This org unit still has people, sub-units or projects');
    }
    throw err;
  }
}

function toPerson(v: repo.PersonView): Person {
  const p = v.person;
  return {
    id: p.id,
    firstName: p.firstName,
    lastName: p.lastName,
    name: `${p.firstName} ${p.lastName}`,
    email: p.email,
    jobTitle: p.jobTitle,
    orgUnit: p.orgUnitId ? { id: p.orgUnitId, name: v.orgUnitName ?? '' } : null,
    manager: p.managerId
      ? { id: p.managerId, name: `${v.managerFirst ?? ''} ${v.managerLast ?? ''}`.trim() }
      : null,
    hasAccount: Boolean(v.hasAccount),
    createdAt: p.createdAt.toISOString(),
    version: p.version,
  };
}

const personFields = (p: repo.PersonRow) => ({
  firstName: p.firstName,
  lastName: p.lastName,
  email: p.email,
  jobTitle: p.jobTitle,
  orgUnitId: p.orgUnitId,
  managerId: p.managerId,
});

export async function listPeople(ctx: Ctx, query: z.infer<typeof PersonListQuery>) {
  const after = query.cursor
    ? (decodeCursor(query.cursor, 3) as [string, string, string])
    : undefined;
  const rows = await repo.listPeople(ctx.db, {
    q: query.q,
    orgUnitId: query.orgUnitId,
    ...(after ? { after } : {}),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1]?.person;
  return {
    items: page.map(toPerson),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor([last.lastName, last.firstName, last.id])
        : null,
  };
}

export async function getPerson(ctx: Ctx, id: string): Promise<Person> {
  const row = await repo.findPersonView(ctx.db, id);
  if (!row) throw new DomainError('PERSON_NOT_FOUND', `No person ${id}`);
  return toPerson(row);
}

async function checkPersonRefs(
  tx: Executor,
  id: string | null,
  input: { orgUnitId?: string | null | undefined; managerId?: string | null | undefined },
) {
  if (input.orgUnitId && !(await repo.findOrgUnit(tx, input.orgUnitId))) {
    throw new DomainError('ORG_UNIT_NOT_FOUND', `No org unit ${input.orgUnitId}`, {
      issues: [{ path: ['body', 'orgUnitId'], message: 'No such org unit' }],
    });
  }
  if (input.managerId) {
    if (input.managerId === id) {
      throw new DomainError('HIERARCHY_CYCLE', 'A person cannot be their own manager', {
        issues: [{ path: ['body', 'managerId'], message: 'Cannot be the same person' }],
      });
    }
    if (!(await repo.findPerson(tx, input.managerId))) {
      throw new DomainError('PERSON_NOT_FOUND', `No person ${input.managerId}`, {
        issues: [{ path: ['body', 'managerId'], message: 'No such person' }],
      });
    }
  }
}

function duplicateEmail(email: string | null | undefined) {
  return new DomainError('DUPLICATE_EMAIL', `Another person already uses ${email}`, {
    issues: [{ path: ['body', 'email'], message: 'Already used' }],
  });
}

export async function createPerson(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreatePersonBody>,
) {
  try {
    const id = await ctx.db.transaction(async (tx) => {
      await checkPersonRefs(tx, null, input);
      const row = await repo.insertPerson(tx, {
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email ?? null,
        jobTitle: input.jobTitle ?? null,
        orgUnitId: input.orgUnitId ?? null,
        managerId: input.managerId ?? null,
      });
      await recordAudit(tx, actor, {
        entityType: 'person',
        entityId: row.id,
        entityLabel: `${row.firstName} ${row.lastName}`,
        action: 'create',
        after: personFields(row),
      });
      return row.id;
    });
    return getPerson(ctx, id);
  } catch (err) {
    if (isUniqueViolation(err, 'people_email_key')) throw duplicateEmail(input.email);
    throw err;
  }
}

export async function updatePerson(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdatePersonBody>,
) {
  try {
    await ctx.db.transaction(async (tx) => {
      const before = await repo.findPerson(tx, id);
      if (!before) throw new DomainError('PERSON_NOT_FOUND', `No person ${id}`);
      await checkPersonRefs(tx, id, input);
      const after = await repo.updatePerson(tx, id, version, input);
      if (!after) {
        const current = await repo.findPersonView(tx, id);
        throw new DomainError('VERSION_MISMATCH', 'Someone else changed this person', {
          current: current ? toPerson(current) : null,
        });
      }
      await recordAudit(tx, actor, {
        entityType: 'person',
        entityId: id,
        entityLabel: `${after.firstName} ${after.lastName}`,
        action: 'update',
        before: personFields(before),
        after: personFields(after),
      });
    });
    return getPerson(ctx, id);
  } catch (err) {
    if (isUniqueViolation(err, 'people_email_key')) throw duplicateEmail(input.email);
    throw err;
  }
}

/** Checks that each given person exists; throws naming the field of the first that does not. */
export async function assertPeopleExist(
  db: Executor,
  refs: Record<string, string | null | undefined>,
) {
  const ids = Object.values(refs).filter((v): v is string => Boolean(v));
  const found = await repo.peopleExist(db, [...new Set(ids)]);
  const issues = Object.entries(refs)
    .filter(([, v]) => v && !found.has(v))
    .map(([field]) => ({ path: ['body', field], message: 'No such person' }));
  if (issues.length) throw new DomainError('PERSON_NOT_FOUND', 'Unknown person', { issues });
}

/** Checks that the org unit exists. */
export async function assertOrgUnitExists(
  db: Executor,
  id: string | null | undefined,
  field = 'orgUnitId',
) {
  if (id && !(await repo.findOrgUnit(db, id))) {
    throw new DomainError('ORG_UNIT_NOT_FOUND', `No org unit ${id}`, {
      issues: [{ path: ['body', field], message: 'No such org unit' }],
    });
  }
}

/** The id of the person with this e-mail (case-insensitive), or undefined. */
export async function findPersonIdByEmail(ctx: Ctx, email: string): Promise<string | undefined> {
  return (await repo.findPersonByEmail(ctx.db, email.trim().toLowerCase()))?.id;
}

/** A person as other modules list them: name, org unit, manager. */
export interface PersonBrief {
  id: string;
  firstName: string;
  lastName: string;
  name: string;
  jobTitle: string | null;
  orgUnit: { id: string; name: string } | null;
  managerId: string | null;
  managerName: string | null;
}

/** Every active person, sorted by last then first name, in one query (capacity views, staffing). */
export async function peopleDirectory(db: Executor): Promise<PersonBrief[]> {
  return (await repo.peopleDirectory(db)).map(toBrief);
}

/**
 * Some active people, read by id (not the whole directory), sorted as the directory: the one
 * helper of every module that names the people of its rows. One statement.
 */
export async function peopleBriefs(db: Executor, ids: readonly string[]): Promise<PersonBrief[]> {
  return (await repo.peopleByIds(db, ids)).map(toBrief);
}

/** One active person, or undefined. */
export async function personById(db: Executor, id: string): Promise<PersonBrief | undefined> {
  return (await peopleBriefs(db, [id]))[0];
}

function toBrief(r: Awaited<ReturnType<typeof repo.peopleDirectory>>[number]): PersonBrief {
  return {
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    name: `${r.first_name} ${r.last_name}`,
    jobTitle: r.job_title,
    orgUnit: r.org_unit_id ? { id: r.org_unit_id, name: r.org_unit_name ?? '' } : null,
    managerId: r.manager_id,
    managerName: r.manager_name,
  };
}
