import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  CreateTeamMemberBody,
  TeamDetail,
  TeamMember,
  UpdateTeamMemberBody,
} from '../../../contracts/whatif.ts';
import { DomainError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import { DEFAULT_WEEK_HOURS } from '../../../core/resources/capacity.ts';
import { overlapping, teamOn } from '../../../core/whatif/teams.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { people } from '../org/org.tables.ts';
import { recordAudit } from '../platform/audit.service.ts';
import * as resourcesRepo from '../resources/resources.repository.ts';
import { resourceTeamMembers } from '../resources/whatif.tables.ts';

/** Today in UTC, `YYYY-MM-DD`: which membership is current. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

const personName = sql<string>`${people.firstName} || ' ' || ${people.lastName}`;

async function memberRows(db: Executor, where: ReturnType<typeof eq>) {
  return db
    .select({
      id: resourceTeamMembers.id,
      teamId: resourceTeamMembers.teamId,
      personId: resourceTeamMembers.personId,
      name: personName,
      start: resourceTeamMembers.start,
      finish: resourceTeamMembers.finish,
      version: resourceTeamMembers.version,
    })
    .from(resourceTeamMembers)
    .innerJoin(people, eq(people.id, resourceTeamMembers.personId))
    .where(where)
    .orderBy(asc(people.lastName), asc(people.firstName), asc(resourceTeamMembers.start));
}

type MemberRow = Awaited<ReturnType<typeof memberRows>>[number];

function toMember(r: MemberRow, day = today()): TeamMember {
  return {
    id: r.id,
    teamId: r.teamId,
    person: { id: r.personId, name: r.name },
    start: r.start,
    finish: r.finish,
    current: r.start <= day && (r.finish === null || day <= r.finish),
    version: r.version,
  };
}

async function team(db: Executor, id: string) {
  const row = await resourcesRepo.findTeam(db, id);
  if (!row) throw new DomainError('RESOURCE_TEAM_NOT_FOUND', `No team ${id}`);
  return row;
}

/** A team with its members over time (current ones flagged). */
export async function getTeam(ctx: Ctx, id: string): Promise<TeamDetail> {
  const row = await team(ctx.db, id);
  const members = await memberRows(ctx.db, eq(resourceTeamMembers.teamId, id));
  const lead = row.leadId
    ? (
        await ctx.db
          .select({ id: people.id, name: personName })
          .from(people)
          .where(eq(people.id, row.leadId))
      )[0]
    : undefined;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    lead: lead ?? null,
    version: row.version,
    members: members.map((m) => toMember(m)),
  };
}

/**
 * Keeps the person's resource profile on their current team (the heat map groups by it): set
 * from their memberships today, created with the default week when they have none.
 */
async function syncProfileTeam(tx: Executor, personId: string) {
  const all = await memberRows(tx, eq(resourceTeamMembers.personId, personId));
  const current = teamOn(all, today());
  const profile = await resourcesRepo.findProfile(tx, personId);
  if (!profile) {
    if (current === null) return;
    await resourcesRepo.saveProfile(tx, personId, 0, {
      roleId: null,
      teamId: current,
      weekHours: [...DEFAULT_WEEK_HOURS],
    });
    return;
  }
  if (profile.teamId === current) return;
  // A profile team with no dated membership (set on the profile itself) is left alone.
  if (current === null && !all.some((m) => m.teamId === profile.teamId)) return;
  await resourcesRepo.saveProfile(tx, personId, profile.version, {
    roleId: profile.roleId,
    teamId: current,
    weekHours: profile.weekHours,
  });
}

async function assertNoOverlap(
  tx: Executor,
  personId: string,
  dates: { start: string; finish: string | null },
  except?: string,
) {
  const mine = await memberRows(tx, eq(resourceTeamMembers.personId, personId));
  const clash = overlapping(mine, dates, except);
  if (clash) {
    throw new DomainError(
      'TEAM_MEMBERSHIP_OVERLAP',
      'This person already belongs to a team over these dates',
      { member: toMember(clash) },
    );
  }
}

const auditValue = (m: { name: string; start: string; finish: string | null }) => ({
  member: `${m.name} (${m.start} → ${m.finish ?? '…'})`,
});

export async function addMember(
  ctx: Ctx,
  actor: Actor,
  teamId: string,
  input: z.infer<typeof CreateTeamMemberBody>,
): Promise<TeamMember> {
  return ctx.db.transaction(async (tx) => {
    const t = await team(tx, teamId);
    const [person] = await tx
      .select({ id: people.id, name: personName })
      .from(people)
      .where(eq(people.id, input.personId));
    if (!person) {
      throw new DomainError('PERSON_NOT_FOUND', `No person ${input.personId}`, {
        issues: [{ path: ['body', 'personId'], message: 'Unknown person' }],
      });
    }
    await assertNoOverlap(tx, input.personId, input);
    const [row] = await tx
      .insert(resourceTeamMembers)
      .values({ teamId, personId: input.personId, start: input.start, finish: input.finish })
      .returning();
    await syncProfileTeam(tx, input.personId);
    await recordAudit(tx, actor, {
      entityType: 'resource_team',
      entityId: teamId,
      entityLabel: t.name,
      action: 'update',
      before: { member: null },
      after: auditValue({ name: person.name, start: row!.start, finish: row!.finish }),
    });
    return toMember({ ...row!, name: person.name });
  });
}

async function findMember(tx: Executor, teamId: string, memberId: string) {
  const [row] = await memberRows(
    tx,
    and(eq(resourceTeamMembers.id, memberId), eq(resourceTeamMembers.teamId, teamId))!,
  );
  if (!row) throw new DomainError('TEAM_MEMBER_NOT_FOUND', `No member ${memberId} in this team`);
  return row;
}

export async function updateMember(
  ctx: Ctx,
  actor: Actor,
  teamId: string,
  memberId: string,
  version: number,
  input: z.infer<typeof UpdateTeamMemberBody>,
): Promise<TeamMember> {
  return ctx.db.transaction(async (tx) => {
    const t = await team(tx, teamId);
    const before = await findMember(tx, teamId, memberId);
    if (before.version !== version) {
      throw new DomainError('VERSION_MISMATCH', 'Someone else changed this membership', {
        current: toMember(before),
      });
    }
    const dates = {
      start: input.start ?? before.start,
      finish: input.finish === undefined ? before.finish : input.finish,
    };
    if (dates.finish !== null && dates.finish < dates.start) {
      throw new DomainError('VALIDATION_FAILED', 'The finish must be on or after the start', {
        issues: [{ path: ['body', 'finish'], message: 'Before the start' }],
      });
    }
    await assertNoOverlap(tx, before.personId, dates, memberId);
    const [row] = await tx
      .update(resourceTeamMembers)
      .set({ ...dates, version: sql`${resourceTeamMembers.version} + 1`, updatedAt: new Date() })
      .where(and(eq(resourceTeamMembers.id, memberId), eq(resourceTeamMembers.version, version)))
      .returning();
    if (!row) {
      throw new DomainError('VERSION_MISMATCH', 'Someone else changed this membership', {
        current: toMember(await findMember(tx, teamId, memberId)),
      });
    }
    await syncProfileTeam(tx, before.personId);
    await recordAudit(tx, actor, {
      entityType: 'resource_team',
      entityId: teamId,
      entityLabel: t.name,
      action: 'update',
      before: auditValue(before),
      after: auditValue({ name: before.name, ...dates }),
    });
    return toMember({ ...row, name: before.name });
  });
}

export async function removeMember(
  ctx: Ctx,
  actor: Actor,
  teamId: string,
  memberId: string,
  version: number,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const t = await team(tx, teamId);
    const before = await findMember(tx, teamId, memberId);
    const [gone] = await tx
      .delete(resourceTeamMembers)
      .where(and(eq(resourceTeamMembers.id, memberId), eq(resourceTeamMembers.version, version)))
      .returning({ id: resourceTeamMembers.id });
    if (!gone) {
      throw new DomainError('VERSION_MISMATCH', 'Someone else changed this membership', {
        current: toMember(before),
      });
    }
    await syncProfileTeam(tx, before.personId);
    await recordAudit(tx, actor, {
      entityType: 'resource_team',
      entityId: teamId,
      entityLabel: t.name,
      action: 'update',
      before: auditValue(before),
      after: { member: null },
    });
  });
}
