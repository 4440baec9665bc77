import type { z } from 'zod';
import type { ABSENCE_KINDS } from '../../../contracts/resources.ts';
import type {
  Absence,
  AbsenceDecisionBody,
  AbsenceListQuery,
  Allocation,
  AllocationListQuery,
  Assignment,
  AssignmentListQuery,
  CostRate,
  CreateAbsenceBody,
  CreateAllocationBody,
  CreateAssignmentBody,
  CreateResourceRoleBody,
  CreateResourceTeamBody,
  Resource,
  ResourceDetail,
  ResourceListQuery,
  ResourceRole,
  ResourceTeam,
  SetRateBody,
  UpdateAllocationBody,
  UpdateProfileBody,
  UpdateResourceRoleBody,
  UpdateResourceTeamBody,
} from '../../../contracts/resources.ts';
import { toEpochDay } from '../../../core/calendar/days.ts';
import { DomainError } from '../../../core/errors.ts';
import { type Actor, userIdOf } from '../../../core/platform/actor.ts';
import { roleGrants } from '../../../core/platform/permissions.ts';
import {
  DEFAULT_WEEK_HOURS,
  fteOf,
  weekdayCounts,
  weeklyHours,
} from '../../../core/resources/capacity.ts';
import { rateOn } from '../../../core/resources/rates.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { decodeCursor, encodeCursor } from '../../db/cursor.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import {
  type PersonBrief,
  assertPeopleExist,
  peopleBriefs,
  peopleDirectory,
} from '../org/org.service.ts';
import { recordAudit } from '../platform/audit.service.ts';
import { taskSpans } from '../planning/planning.service.ts';
import { authorizeProject, projectRefs } from '../portfolio/portfolio.service.ts';
import { assertAbsenceFits, withdrawSickAttendance } from '../staffing/absence-training.ts';
import { companyHolidays } from './capacity.service.ts';
import * as repo from './resources.repository.ts';

/** Today in UTC, `YYYY-MM-DD`. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

const canManage = (actor: Actor) => roleGrants(actor.role, 'resource.manage');
const canRead = (actor: Actor) => roleGrants(actor.role, 'resource.read');

function stale(what: string, current: unknown) {
  return new DomainError('VERSION_MISMATCH', `Someone else changed this ${what}`, { current });
}

function duplicateCode(code: string) {
  return new DomainError('DUPLICATE_CODE', `The code ${code} is already used`, {
    issues: [{ path: ['body', 'code'], message: 'Already used' }],
  });
}

// ---------------------------------------------------------------- generic roles

function toRole(r: repo.RoleRow, headcount: number): ResourceRole {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    defaultRateMinor: r.defaultRateMinor,
    currency: r.currency,
    headcount,
    version: r.version,
  };
}
const roleFields = (r: repo.RoleRow) => ({
  code: r.code,
  name: r.name,
  defaultRateMinor: r.defaultRateMinor,
  currency: r.currency,
});

export async function listRoles(ctx: Ctx) {
  const rows = await repo.listRoles(ctx.db);
  return { items: rows.map((r) => toRole(r, r.headcount)) };
}

export async function createRole(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreateResourceRoleBody>,
) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await repo.insertRole(tx, input);
      await recordAudit(tx, actor, {
        entityType: 'resource_role',
        entityId: row.id,
        entityLabel: row.name,
        action: 'create',
        after: roleFields(row),
      });
      return toRole(row, 0);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'resource_roles_code_key')) throw duplicateCode(input.code);
    throw err;
  }
}

export async function updateRole(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdateResourceRoleBody>,
) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const before = await repo.findRole(tx, id);
      if (!before) throw new DomainError('RESOURCE_ROLE_NOT_FOUND', `No role ${id}`);
      const after = await repo.updateRole(tx, id, version, input);
      if (!after) throw stale('role', toRole(before, 0));
      await recordAudit(tx, actor, {
        entityType: 'resource_role',
        entityId: id,
        entityLabel: after.name,
        action: 'update',
        before: roleFields(before),
        after: roleFields(after),
      });
      return toRole(after, 0);
    });
  } catch (err) {
    if (input.code && isUniqueViolation(err, 'resource_roles_code_key'))
      throw duplicateCode(input.code);
    throw err;
  }
}

// ---------------------------------------------------------------- teams

function toTeam(
  r: repo.TeamRow,
  headcount: number,
  names: ReadonlyMap<string, string>,
): ResourceTeam {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    lead: r.leadId ? { id: r.leadId, name: names.get(r.leadId) ?? '' } : null,
    headcount,
    version: r.version,
  };
}
const teamFields = (r: repo.TeamRow) => ({ code: r.code, name: r.name, leadId: r.leadId });

async function nameMap(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  return new Map((await peopleBriefs(db, ids)).map((p) => [p.id, p.name]));
}

export async function listTeams(ctx: Ctx) {
  const rows = await repo.listTeams(ctx.db);
  const names = await nameMap(
    ctx.db,
    rows.flatMap((r) => (r.leadId ? [r.leadId] : [])),
  );
  return { items: rows.map((r) => toTeam(r, r.headcount, names)) };
}

export async function createTeam(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreateResourceTeamBody>,
) {
  try {
    const row = await ctx.db.transaction(async (tx) => {
      await assertPeopleExist(tx, { leadId: input.leadId });
      const row = await repo.insertTeam(tx, { ...input, leadId: input.leadId ?? null });
      await recordAudit(tx, actor, {
        entityType: 'resource_team',
        entityId: row.id,
        entityLabel: row.name,
        action: 'create',
        after: teamFields(row),
      });
      return row;
    });
    return toTeam(row, 0, await nameMap(ctx.db, row.leadId ? [row.leadId] : []));
  } catch (err) {
    if (isUniqueViolation(err, 'resource_teams_code_key')) throw duplicateCode(input.code);
    throw err;
  }
}

export async function updateTeam(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdateResourceTeamBody>,
) {
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const before = await repo.findTeam(tx, id);
      if (!before) throw new DomainError('RESOURCE_TEAM_NOT_FOUND', `No team ${id}`);
      await assertPeopleExist(tx, { leadId: input.leadId });
      const after = await repo.updateTeam(tx, id, version, input);
      if (!after) throw stale('team', toTeam(before, 0, new Map()));
      await recordAudit(tx, actor, {
        entityType: 'resource_team',
        entityId: id,
        entityLabel: after.name,
        action: 'update',
        before: teamFields(before),
        after: teamFields(after),
      });
      return after;
    });
    return toTeam(row, 0, await nameMap(ctx.db, row.leadId ? [row.leadId] : []));
  } catch (err) {
    if (input.code && isUniqueViolation(err, 'resource_teams_code_key'))
      throw duplicateCode(input.code);
    throw err;
  }
}

// ---------------------------------------------------------------- people as resources

interface Lookups {
  roles: Map<string, repo.RoleRow>;
  teams: Map<string, repo.TeamRow>;
}

async function lookups(db: Executor): Promise<Lookups> {
  const roles = await repo.listRoles(db);
  const teams = await repo.listTeams(db);
  return {
    roles: new Map(roles.map((r) => [r.id, r])),
    teams: new Map(teams.map((t) => [t.id, t])),
  };
}

type RateView = { validFrom: string; rateMinor: number; currency: string; id: string };

function toResource(
  p: PersonBrief,
  profile: repo.ProfileRow | undefined,
  l: Lookups,
  rates: readonly RateView[],
  on: string,
): Resource {
  const weekHours = profile?.weekHours ?? [...DEFAULT_WEEK_HOURS];
  const role = profile?.roleId ? l.roles.get(profile.roleId) : undefined;
  const team = profile?.teamId ? l.teams.get(profile.teamId) : undefined;
  const own = rateOn(rates, on);
  return {
    personId: p.id,
    name: p.name,
    jobTitle: p.jobTitle,
    orgUnit: p.orgUnit,
    manager: p.managerId ? { id: p.managerId, name: p.managerName ?? '' } : null,
    role: role ? { id: role.id, name: role.name } : null,
    team: team ? { id: team.id, name: team.name } : null,
    weekHours,
    weeklyHours: weeklyHours(weekHours),
    fte: fteOf(weekHours),
    currentRate: own
      ? { rateMinor: own.rateMinor, currency: own.currency, source: 'person' }
      : role && role.defaultRateMinor > 0
        ? { rateMinor: role.defaultRateMinor, currency: role.currency, source: 'role' }
        : null,
    version: profile?.version ?? 0,
  };
}

function groupRates(rows: Awaited<ReturnType<typeof repo.ratesOf>>) {
  const out = new Map<string, RateView[]>();
  for (const r of rows) {
    let list = out.get(r.person_id);
    if (!list) out.set(r.person_id, (list = []));
    list.push({ id: r.id, validFrom: r.valid_from, rateMinor: r.rate_minor, currency: r.currency });
  }
  return out;
}

export async function listResources(ctx: Ctx, query: z.infer<typeof ResourceListQuery>) {
  // One statement at a time on the client.
  const people = await peopleDirectory(ctx.db);
  const profiles = await repo.listProfiles(ctx.db);
  const l = await lookups(ctx.db);
  const rates = await repo.ratesOf(ctx.db, 'all');
  const byPerson = new Map(profiles.map((p) => [p.personId, p]));
  const ratesBy = groupRates(rates);
  const q = query.q?.toLowerCase();
  const after = query.cursor
    ? (decodeCursor(query.cursor, 3) as [string, string, string])
    : undefined;
  const items: Resource[] = [];
  let more = false;
  const on = today();
  for (const p of people) {
    const profile = byPerson.get(p.id);
    if (query.teamId && profile?.teamId !== query.teamId) continue;
    if (query.roleId && profile?.roleId !== query.roleId) continue;
    if (query.orgUnitId && p.orgUnit?.id !== query.orgUnitId) continue;
    if (
      q &&
      !`${p.lastName} ${p.firstName}`.toLowerCase().includes(q) &&
      !p.name.toLowerCase().includes(q)
    )
      continue;
    if (after && compareKey([p.lastName, p.firstName, p.id], after) <= 0) continue;
    if (items.length === query.limit) {
      more = true;
      break;
    }
    items.push(toResource(p, profile, l, ratesBy.get(p.id) ?? [], on));
  }
  const last = items[items.length - 1];
  const lastPerson = last ? people.find((p) => p.id === last.personId) : undefined;
  return {
    items,
    nextCursor:
      more && lastPerson
        ? encodeCursor([lastPerson.lastName, lastPerson.firstName, lastPerson.id])
        : null,
  };
}

function compareKey(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = a[i]! < b[i]! ? -1 : a[i]! > b[i]! ? 1 : 0;
    if (c) return c;
  }
  return 0;
}

/** Whether the actor may see this person's resource data: resource roles, themself, their manager. */
function canSeePerson(actor: Actor, p: PersonBrief) {
  return (
    canRead(actor) ||
    actor.personId === p.id ||
    (actor.personId !== null && p.managerId === actor.personId)
  );
}

async function personOrThrow(db: Executor, id: string): Promise<PersonBrief> {
  const [p] = await peopleBriefs(db, [id]);
  if (!p) throw new DomainError('PERSON_NOT_FOUND', `No person ${id}`);
  return p;
}

export async function getResource(
  ctx: Ctx,
  actor: Actor,
  personId: string,
): Promise<ResourceDetail> {
  return resourceDetail(ctx.db, actor, personId);
}

async function resourceDetail(
  db: Executor,
  actor: Actor,
  personId: string,
): Promise<ResourceDetail> {
  const p = await personOrThrow(db, personId);
  if (!canSeePerson(actor, p)) throw new DomainError('PERSON_NOT_FOUND', `No person ${personId}`);
  const profile = await repo.findProfile(db, personId);
  const l = await lookups(db);
  const rates = await repo.ratesOf(db, [personId]);
  const list = groupRates(rates).get(personId) ?? [];
  return {
    ...toResource(p, profile, l, list, today()),
    // Rates are visible to resource roles only, not to the person or their manager.
    rates: canRead(actor) ? list.map((r): CostRate => r) : [],
    can: { manage: canManage(actor) },
  };
}

export async function updateProfile(
  ctx: Ctx,
  actor: Actor,
  personId: string,
  version: number,
  input: z.infer<typeof UpdateProfileBody>,
) {
  await ctx.db.transaction(async (tx) => {
    const p = await personOrThrow(tx, personId);
    const before = await repo.findProfile(tx, personId);
    if ((before?.version ?? 0) !== version) {
      throw stale('resource profile', await resourceDetail(tx, actor, personId));
    }
    if (input.roleId && !(await repo.findRole(tx, input.roleId))) {
      throw new DomainError('RESOURCE_ROLE_NOT_FOUND', `No role ${input.roleId}`, {
        issues: [{ path: ['body', 'roleId'], message: 'No such role' }],
      });
    }
    if (input.teamId && !(await repo.findTeam(tx, input.teamId))) {
      throw new DomainError('RESOURCE_TEAM_NOT_FOUND', `No team ${input.teamId}`, {
        issues: [{ path: ['body', 'teamId'], message: 'No such team' }],
      });
    }
    const values = {
      roleId: input.roleId !== undefined ? input.roleId : (before?.roleId ?? null),
      teamId: input.teamId !== undefined ? input.teamId : (before?.teamId ?? null),
      weekHours: input.weekHours ?? before?.weekHours ?? [...DEFAULT_WEEK_HOURS],
    };
    const after = await repo.saveProfile(tx, personId, version, values);
    if (!after) throw stale('resource profile', await resourceDetail(tx, actor, personId));
    await recordAudit(tx, actor, {
      entityType: 'resource_profile',
      entityId: personId,
      entityLabel: p.name,
      action: before ? 'update' : 'create',
      before: before
        ? { roleId: before.roleId, teamId: before.teamId, weekHours: before.weekHours }
        : null,
      after: values,
    });
  });
  return getResource(ctx, actor, personId);
}

export async function setRate(
  ctx: Ctx,
  actor: Actor,
  personId: string,
  input: z.infer<typeof SetRateBody>,
) {
  await ctx.db.transaction(async (tx) => {
    const p = await personOrThrow(tx, personId);
    const row = await repo.upsertRate(tx, { personId, ...input });
    await recordAudit(tx, actor, {
      entityType: 'cost_rate',
      entityId: row.id,
      entityLabel: `${p.name} — ${input.validFrom}`,
      action: 'create',
      after: { personId, ...input },
    });
  });
  return getResource(ctx, actor, personId);
}

export async function deleteRate(ctx: Ctx, actor: Actor, personId: string, rateId: string) {
  await ctx.db.transaction(async (tx) => {
    const p = await personOrThrow(tx, personId);
    const row = await repo.findRate(tx, personId, rateId);
    if (!row) throw new DomainError('NOT_FOUND', `No rate ${rateId}`);
    await repo.deleteRate(tx, rateId);
    await recordAudit(tx, actor, {
      entityType: 'cost_rate',
      entityId: rateId,
      entityLabel: `${p.name} — ${row.validFrom}`,
      action: 'delete',
      before: {
        personId,
        validFrom: row.validFrom,
        rateMinor: row.rateMinor,
        currency: row.currency,
      },
    });
  });
  return getResource(ctx, actor, personId);
}

/**
 * The hourly cost rate valid for each (person, date) pair, in one pass: the person's own dated
 * rate, else the default rate of their generic role, else null. For finance: approved hours ×
 * this rate = labour cost. Answers in the order of `pairs`.
 */
export async function costRatesAt(
  db: Executor,
  pairs: readonly { personId: string; date: string }[],
): Promise<({ rateMinor: number; currency: string; source: 'person' | 'role' } | null)[]> {
  const ids = [...new Set(pairs.map((p) => p.personId))];
  const rates = await repo.ratesOf(db, ids);
  const roleRates = await repo.roleRatesOf(db, ids);
  const byPerson = groupRates(rates);
  const byRole = new Map(roleRates.map((r) => [r.person_id, r]));
  return pairs.map(({ personId, date }) => {
    const own = rateOn(byPerson.get(personId) ?? [], date);
    if (own) return { rateMinor: own.rateMinor, currency: own.currency, source: 'person' };
    const role = byRole.get(personId);
    return role && role.rate_minor > 0
      ? { rateMinor: role.rate_minor, currency: role.currency, source: 'role' }
      : null;
  });
}

// ---------------------------------------------------------------- absences

/** Working hours between two dates (inclusive) of a week pattern, company holidays excluded. */
function absenceHours(
  weekHours: readonly number[],
  start: string,
  finish: string,
  fraction: number,
) {
  const from = toEpochDay(start);
  const to = toEpochDay(finish) + 1;
  const counts = weekdayCounts(from, to, companyHolidays(start.slice(0, 4), finish.slice(0, 4)));
  let h = 0;
  for (let d = 0; d < 7; d++) h += (weekHours[d] ?? 0) * counts[d]!;
  return Math.round(h * fraction * 10) / 10;
}

function toAbsence(
  a: repo.AbsenceRow,
  p: PersonBrief | undefined,
  weekHours: readonly number[],
  actor: Actor,
  deciderNames: ReadonlyMap<string, string>,
): Absence {
  const isManager = actor.personId !== null && p?.managerId === actor.personId;
  const open = a.status === 'requested';
  return {
    id: a.id,
    person: { id: a.personId, name: p?.name ?? '' },
    kind: a.kind as Absence['kind'],
    start: a.start,
    finish: a.finish,
    dayFraction: a.dayFraction,
    hours: absenceHours(weekHours, a.start, a.finish, a.dayFraction),
    status: a.status as Absence['status'],
    comment: a.comment,
    decidedBy: a.decidedBy ? (deciderNames.get(a.decidedBy) ?? null) : null,
    decidedAt: a.decidedAt ? a.decidedAt.toISOString() : null,
    can: {
      decide: open && actor.personId !== a.personId && (canManage(actor) || isManager),
      cancel:
        (a.status === 'requested' || a.status === 'approved') &&
        (canManage(actor) || actor.personId === a.personId),
    },
    version: a.version,
  };
}

async function absenceViews(db: Executor, actor: Actor, rows: repo.AbsenceRow[]) {
  const people = await peopleBriefs(
    db,
    rows.map((a) => a.personId),
  );
  const profiles = await repo.listProfiles(db);
  const byId = new Map(people.map((p) => [p.id, p]));
  const hours = new Map(profiles.map((p) => [p.personId, p.weekHours]));
  return rows.map((a) =>
    toAbsence(
      a,
      byId.get(a.personId),
      hours.get(a.personId) ?? DEFAULT_WEEK_HOURS,
      actor,
      new Map(),
    ),
  );
}

export async function listAbsences(
  ctx: Ctx,
  actor: Actor,
  query: z.infer<typeof AbsenceListQuery>,
) {
  // Whose absences the caller may see: everyone (resource roles), else themself and their reports
  // (active people; read by manager, not the whole directory).
  let visible: string[] | undefined;
  if (query.scope === 'mine') visible = actor.personId ? [actor.personId] : [];
  else if (query.scope === 'team' || !canRead(actor)) {
    visible = actor.personId
      ? await repo.reportIds(ctx.db, actor.personId, query.scope !== 'team')
      : [];
  }
  if (query.personId)
    visible = visible ? visible.filter((id) => id === query.personId) : [query.personId];
  const rows = await repo.listAbsences(ctx.db, {
    personIds: visible,
    from: query.from,
    to: query.to,
    status: query.status,
  });
  return { items: await absenceViews(ctx.db, actor, rows) };
}

export async function requestAbsence(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreateAbsenceBody>,
) {
  const personId = input.personId ?? actor.personId;
  if (!personId) {
    throw new DomainError('VALIDATION_FAILED', 'Your account is not linked to a person', {
      issues: [{ path: ['body', 'personId'], message: 'Required' }],
    });
  }
  const row = await ctx.db.transaction(async (tx) => {
    const p = await personOrThrow(tx, personId);
    const isManager = actor.personId !== null && p.managerId === actor.personId;
    if (personId !== actor.personId && !canManage(actor) && !isManager) {
      throw new DomainError(
        'FORBIDDEN',
        'You may only declare your own absences or those of your team',
      );
    }
    // A sick day may fall on a training day; other overlaps are refused (naming the training).
    await assertAbsenceFits(tx, personId, input.kind, input.start, input.finish);
    const row = await repo.insertAbsence(tx, {
      personId,
      kind: input.kind,
      start: input.start,
      finish: input.finish,
      dayFraction: input.dayFraction,
      comment: input.comment,
    });
    await recordAudit(tx, actor, {
      entityType: 'absence',
      entityId: row.id,
      entityLabel: `${p.name} — ${input.kind} ${input.start}`,
      action: 'create',
      after: absenceFields(row),
    });
    // Sick on every day of a training already recorded as attended: the attendance is withdrawn.
    if (input.kind === 'maladie') {
      await withdrawSickAttendance(tx, actor, personId, input.start, input.finish);
    }
    return row;
  });
  return (await absenceViews(ctx.db, actor, [row]))[0]!;
}

const absenceFields = (a: repo.AbsenceRow) => ({
  personId: a.personId,
  kind: a.kind,
  start: a.start,
  finish: a.finish,
  dayFraction: a.dayFraction,
  status: a.status,
  comment: a.comment,
});

export async function decideAbsence(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof AbsenceDecisionBody>,
) {
  const row = await ctx.db.transaction(async (tx) => {
    const before = await repo.findAbsence(tx, id);
    if (!before) throw new DomainError('ABSENCE_NOT_FOUND', `No absence ${id}`);
    const p = await personOrThrow(tx, before.personId);
    const isManager = actor.personId !== null && p.managerId === actor.personId;
    if (!canSeePerson(actor, p)) throw new DomainError('ABSENCE_NOT_FOUND', `No absence ${id}`);
    if (!(canManage(actor) || isManager) || actor.personId === before.personId) {
      throw new DomainError('FORBIDDEN', 'Only the manager or a resource manager decides');
    }
    if (before.version !== version) {
      throw stale('absence', (await absenceViews(tx, actor, [before]))[0]);
    }
    if (before.status !== 'requested') {
      throw new DomainError('ABSENCE_ALREADY_DECIDED', `This absence is ${before.status}`, {
        status: before.status,
      });
    }
    const after = await repo.updateAbsence(tx, id, version, {
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      comment: input.comment ?? before.comment,
      // The system (a job, the demo seed) is no user.
      decidedBy: userIdOf(actor),
      decidedAt: new Date(),
    });
    if (!after) throw stale('absence', (await absenceViews(tx, actor, [before]))[0]);
    await recordAudit(tx, actor, {
      entityType: 'absence',
      entityId: id,
      entityLabel: `${p.name} — ${before.kind} ${before.start}`,
      action: 'update',
      before: absenceFields(before),
      after: absenceFields(after),
    });
    return after;
  });
  return (await absenceViews(ctx.db, actor, [row]))[0]!;
}

export async function cancelAbsence(ctx: Ctx, actor: Actor, id: string, version: number) {
  const row = await ctx.db.transaction(async (tx) => {
    const before = await repo.findAbsence(tx, id);
    if (!before) throw new DomainError('ABSENCE_NOT_FOUND', `No absence ${id}`);
    const p = await personOrThrow(tx, before.personId);
    if (!canSeePerson(actor, p)) throw new DomainError('ABSENCE_NOT_FOUND', `No absence ${id}`);
    if (!canManage(actor) && actor.personId !== before.personId) {
      throw new DomainError('FORBIDDEN', 'Only the person or a resource manager cancels');
    }
    if (before.version !== version) {
      throw stale('absence', (await absenceViews(tx, actor, [before]))[0]);
    }
    if (before.status !== 'requested' && before.status !== 'approved') {
      throw new DomainError('ABSENCE_ALREADY_DECIDED', `This absence is ${before.status}`, {
        status: before.status,
      });
    }
    const after = await repo.updateAbsence(tx, id, version, { status: 'cancelled' });
    if (!after) throw stale('absence', (await absenceViews(tx, actor, [before]))[0]);
    await recordAudit(tx, actor, {
      entityType: 'absence',
      entityId: id,
      entityLabel: `${p.name} — ${before.kind} ${before.start}`,
      action: 'update',
      before: absenceFields(before),
      after: absenceFields(after),
    });
    return after;
  });
  return (await absenceViews(ctx.db, actor, [row]))[0]!;
}

// ---------------------------------------------------------------- allocations

const allocationFields = (a: repo.AllocationRow) => ({
  personId: a.personId,
  projectId: a.projectId,
  start: a.start,
  finish: a.finish,
  unit: a.unit,
  amount: a.amount,
  status: a.status,
  note: a.note,
});

/** Allocation rows as the API shows them (names of people and projects read in bulk). */
export async function allocationViews(
  db: Executor,
  rows: repo.AllocationRow[],
): Promise<Allocation[]> {
  const people = await peopleBriefs(
    db,
    rows.map((r) => r.personId),
  );
  const projects = await projectRefs(
    db,
    rows.map((r) => r.projectId),
  );
  const names = new Map(people.map((p) => [p.id, p.name]));
  const refs = new Map(projects.map((p) => [p.id, p]));
  return rows.map((a) => ({
    id: a.id,
    person: { id: a.personId, name: names.get(a.personId) ?? '' },
    project: {
      id: a.projectId,
      code: refs.get(a.projectId)?.code ?? '',
      name: refs.get(a.projectId)?.name ?? '',
    },
    start: a.start,
    finish: a.finish,
    unit: a.unit as Allocation['unit'],
    amount: a.amount,
    status: a.status as Allocation['status'],
    note: a.note,
    version: a.version,
  }));
}

export async function listAllocations(ctx: Ctx, query: z.infer<typeof AllocationListQuery>) {
  const rows = await repo.listAllocations(ctx.db, {
    projectId: query.projectId,
    personIds: query.personId ? [query.personId] : undefined,
    from: query.from,
    to: query.to,
    status: query.status,
  });
  return { items: await allocationViews(ctx.db, rows) };
}

async function loadAllocation(db: Executor, id: string) {
  const row = await repo.findAllocation(db, id);
  if (!row) throw new DomainError('ALLOCATION_NOT_FOUND', `No allocation ${id}`);
  return row;
}

export async function getAllocation(ctx: Ctx, id: string) {
  return (await allocationViews(ctx.db, [await loadAllocation(ctx.db, id)]))[0]!;
}

export async function createAllocation(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreateAllocationBody>,
) {
  const row = await ctx.db.transaction(async (tx) => {
    await assertPeopleExist(tx, { personId: input.personId });
    const { project } = await authorizeProject(tx, actor, input.projectId, 'project.read');
    const row = await repo.insertAllocation(tx, input);
    await recordAudit(tx, actor, {
      entityType: 'allocation',
      entityId: row.id,
      entityLabel: `${project.code} — ${input.start}`,
      projectId: project.id,
      action: 'create',
      after: allocationFields(row),
    });
    return row;
  });
  return (await allocationViews(ctx.db, [row]))[0]!;
}

export async function updateAllocation(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdateAllocationBody>,
) {
  const row = await ctx.db.transaction(async (tx) => {
    const before = await loadAllocation(tx, id);
    const start = input.start ?? before.start;
    const finish = input.finish ?? before.finish;
    if (finish < start) {
      throw new DomainError('VALIDATION_FAILED', 'The end is before the start', {
        issues: [{ path: ['body', 'finish'], message: 'The end is before the start' }],
      });
    }
    const unit = input.unit ?? before.unit;
    const amount = input.amount ?? before.amount;
    if (unit === 'percent' && amount > 200) {
      throw new DomainError('VALIDATION_FAILED', 'At most 200 %', {
        issues: [{ path: ['body', 'amount'], message: 'At most 200 %' }],
      });
    }
    const after = await repo.updateAllocation(tx, id, version, input);
    if (!after) throw stale('allocation', (await allocationViews(tx, [before]))[0]);
    await recordAudit(tx, actor, {
      entityType: 'allocation',
      entityId: id,
      entityLabel: `${before.start}`,
      projectId: before.projectId,
      action: 'update',
      before: allocationFields(before),
      after: allocationFields(after),
    });
    return after;
  });
  return (await allocationViews(ctx.db, [row]))[0]!;
}

export async function deleteAllocation(ctx: Ctx, actor: Actor, id: string, version: number) {
  await ctx.db.transaction(async (tx) => {
    const before = await loadAllocation(tx, id);
    if (before.version !== version)
      throw stale('allocation', (await allocationViews(tx, [before]))[0]);
    await repo.deleteAllocation(tx, id);
    await recordAudit(tx, actor, {
      entityType: 'allocation',
      entityId: id,
      entityLabel: `${before.start}`,
      projectId: before.projectId,
      action: 'delete',
      before: allocationFields(before),
    });
  });
}

// ---------------------------------------------------------------- task assignments

async function assignmentViews(db: Executor, rows: repo.AssignmentRow[]): Promise<Assignment[]> {
  if (rows.length === 0) return [];
  const people = await peopleBriefs(
    db,
    rows.map((r) => r.personId),
  );
  const spans = await taskSpans(db, [...new Set(rows.map((r) => r.taskId))]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const tasks = new Map(spans.map((s) => [s.id, s]));
  return rows.map((a) => ({
    id: a.id,
    taskId: a.taskId,
    taskName: tasks.get(a.taskId)?.name ?? '',
    person: { id: a.personId, name: names.get(a.personId) ?? '' },
    effortHours: a.effortHours,
    start: tasks.get(a.taskId)?.start ?? null,
    finish: tasks.get(a.taskId)?.finish ?? null,
    version: a.version,
  }));
}

export async function listAssignments(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  query: z.infer<typeof AssignmentListQuery>,
) {
  await authorizeProject(ctx.db, actor, projectId, 'project.read');
  const rows = await repo.listAssignments(ctx.db, projectId, query.taskId);
  return { items: await assignmentViews(ctx.db, rows) };
}

const assignmentFields = (a: repo.AssignmentRow) => ({
  taskId: a.taskId,
  personId: a.personId,
  effortHours: a.effortHours,
});

export async function createAssignment(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  input: z.infer<typeof CreateAssignmentBody>,
) {
  const row = await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.update');
    const [task] = await taskSpans(tx, [input.taskId]);
    if (!task || task.projectId !== projectId) {
      throw new DomainError('TASK_NOT_FOUND', `No task ${input.taskId} in this project`, {
        issues: [{ path: ['body', 'taskId'], message: 'No such task in this project' }],
      });
    }
    if (task.isSummary) {
      throw new DomainError('VALIDATION_FAILED', 'Assign people to tasks, not to summaries', {
        issues: [{ path: ['body', 'taskId'], message: 'A summary task takes no assignment' }],
      });
    }
    await assertPeopleExist(tx, { personId: input.personId });
    const row = await repo.insertAssignment(tx, { ...input, projectId });
    if (!row) {
      throw new DomainError('CONFLICT', 'This person is already assigned to this task', {
        issues: [{ path: ['body', 'personId'], message: 'Already assigned' }],
      });
    }
    await recordAudit(tx, actor, {
      entityType: 'assignment',
      entityId: row.id,
      entityLabel: `${project.code} — ${task.name}`,
      projectId,
      action: 'create',
      after: assignmentFields(row),
    });
    return row;
  });
  return (await assignmentViews(ctx.db, [row]))[0]!;
}

async function loadAssignment(db: Executor, projectId: string, id: string) {
  const row = await repo.findAssignment(db, projectId, id);
  if (!row) throw new DomainError('ASSIGNMENT_NOT_FOUND', `No assignment ${id}`);
  return row;
}

export async function updateAssignment(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  id: string,
  version: number,
  effortHours: number,
) {
  const row = await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.update');
    const before = await loadAssignment(tx, projectId, id);
    const after = await repo.updateAssignment(tx, id, version, effortHours);
    if (!after) throw stale('assignment', (await assignmentViews(tx, [before]))[0]);
    await recordAudit(tx, actor, {
      entityType: 'assignment',
      entityId: id,
      entityLabel: project.code,
      projectId,
      action: 'update',
      before: assignmentFields(before),
      after: assignmentFields(after),
    });
    return after;
  });
  return (await assignmentViews(ctx.db, [row]))[0]!;
}

export async function deleteAssignment(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  id: string,
  version: number,
) {
  await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.update');
    const before = await loadAssignment(tx, projectId, id);
    if (before.version !== version)
      throw stale('assignment', (await assignmentViews(tx, [before]))[0]);
    await repo.deleteAssignment(tx, id);
    await recordAudit(tx, actor, {
      entityType: 'assignment',
      entityId: id,
      entityLabel: project.code,
      projectId,
      action: 'delete',
      before: assignmentFields(before),
    });
  });
}

// ---------------------------------------------------------------- bulk load (demo, benchmarks)

/** Resource data loaded in one go, rows already validated by the caller (demo, benchmarks). */
export interface BulkResources {
  profiles: {
    personId: string;
    roleId: string | null;
    teamId: string | null;
    weekHours: number[];
  }[];
  rates: { personId: string; validFrom: string; rateMinor: number; currency?: string }[];
  absences: {
    personId: string;
    kind: (typeof ABSENCE_KINDS)[number];
    start: string;
    finish: string;
    dayFraction?: number;
    status: 'requested' | 'approved';
    comment?: string;
  }[];
  allocations: {
    personId: string;
    projectId: string;
    start: string;
    finish: string;
    unit: 'hours' | 'percent';
    amount: number;
    status: 'soft' | 'hard';
    note?: string;
  }[];
  assignments: { taskId: string; projectId: string; personId: string; effortHours: number }[];
}

/**
 * Loads profiles, rates, absences, allocations and assignments set-wise in one transaction,
 * with one audit event per kind of record: for the demo and the benchmarks, not for the API.
 */
export async function bulkLoad(ctx: Ctx, actor: Actor, data: BulkResources) {
  await ctx.db.transaction(async (tx) => {
    await repo.insertProfiles(tx, data.profiles);
    await repo.insertRates(tx, data.rates);
    await repo.insertAbsences(
      tx,
      data.absences.map((a) => ({
        ...a,
        decidedAt: a.status === 'approved' ? new Date() : null,
      })),
    );
    await repo.insertAllocations(tx, data.allocations);
    await repo.insertAssignments(tx, data.assignments);
    const counts = {
      profiles: data.profiles.length,
      rates: data.rates.length,
      absences: data.absences.length,
      allocations: data.allocations.length,
      assignments: data.assignments.length,
    };
    await recordAudit(tx, actor, {
      entityType: 'resource_profile',
      entityId: '00000000-0000-4000-8000-000000000000',
      entityLabel: 'Chargement des ressources',
      action: 'create',
      after: counts,
    });
  });
}
