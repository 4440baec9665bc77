// The demo's team memberships: everyone with a team on their resource profile belongs to it
// from a dated start (one set-wise insert), and a few DSI people moved from the Études pole to
// Infrastructure et sécurité on 1 July 2026 (their earlier membership is closed on 30 June),
// so Ressources › Équipes shows current members and history.
import { sql } from 'drizzle-orm';
import type { Actor } from '../../core/platform/actor.ts';
import type { Ctx } from '../context.ts';
import { queryRows } from '../db/client.ts';
import { recordAudit } from '../modules/platform/audit.service.ts';

export async function seedDemoStaff(ctx: Ctx, actor: Actor): Promise<{ members: number }> {
  return ctx.db.transaction(async (tx) => {
    // Start dates spread over 2024–2025 (arrivals), by the person's rank within their team.
    const inserted = await queryRows<{ n: number }>(
      tx,
      sql`with p as (
            select x.person_id, x.team_id, t.code,
                   row_number() over (partition by x.team_id order by pe.last_name, pe.id) as k
            from resource_profiles x
            join resource_teams t on t.id = x.team_id
            join people pe on pe.id = x.person_id
            where pe.archived_at is null),
          moved as (select person_id from p where code = 'INFRA' and k <= 2),
          rows as (
            select team_id, person_id,
                   case when person_id in (select person_id from moved) then date '2026-07-01'
                        else date '2024-01-01' + ((k * 47) % 700)::int end as start,
                   null::date as finish
            from p
            union all
            select (select id from resource_teams where code = 'ETUDES'), person_id,
                   date '2023-09-01', date '2026-06-30'
            from moved)
          insert into resource_team_members (team_id, person_id, start, finish)
          select team_id, person_id, start, finish from rows
          returning 1 as n`,
    );
    const teams = await queryRows<{ id: string; name: string; n: number }>(
      tx,
      sql`select t.id, t.name, count(m.id)::int as n
          from resource_teams t join resource_team_members m on m.team_id = t.id
          group by t.id, t.name order by t.name`,
    );
    // One audit event per team (who set the memberships up), not one per member.
    for (const t of teams) {
      await recordAudit(tx, actor, {
        entityType: 'resource_team',
        entityId: t.id,
        entityLabel: t.name,
        action: 'update',
        before: { member: null },
        after: { member: `${t.n} membre(s) datés` },
      });
    }
    return { members: inserted.length };
  });
}
