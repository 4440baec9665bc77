import { sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { queryRows } from '../db/client.ts';

export interface SyntheticResult {
  batch: string;
  projects: number;
  people: number;
  memberships: number;
}

/**
 * Adds a large synthetic portfolio in a few set-based statements (benchmarks, `jalon seed
 * --scale N`): 5 portfolios, 20 programmes, N projects (one in ten a sub-project), 25×N people
 * in 10 org units, each person a member of one project. Not audited: it is test data.
 */
export async function seedSynthetic(
  ctx: Ctx,
  opts: { projects: number },
): Promise<SyntheticResult> {
  const n = opts.projects;
  const [{ batch } = { batch: 1 }] = await queryRows<{ batch: number }>(
    ctx.db,
    sql`select count(*)::int + 1 as batch from portfolios where code like 'SYN%'`,
  );
  const b = `SYN${batch}`;
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into org_units (code, name)
      select ${b} || '-OU' || i, 'Unité synthétique ' || i from generate_series(1, 10) i`);
    await tx.execute(sql`
      insert into people (first_name, last_name, email, job_title, org_unit_id)
      select 'Prénom' || i, 'Nom' || lpad(i::text, 6, '0'), lower(${b}) || '.p' || i || '@exemple.test', 'Consultant',
             (select id from org_units where code = ${b} || '-OU' || (1 + i % 10))
      from generate_series(1, ${25 * n}) i`);
    await tx.execute(sql`
      insert into portfolios (code, name) select ${b} || '-PF' || i, 'Portefeuille synthétique ' || i from generate_series(1, 5) i`);
    await tx.execute(sql`
      insert into programs (code, name, portfolio_id)
      select ${b} || '-PG' || i, 'Programme synthétique ' || i, (select id from portfolios where code = ${b} || '-PF' || (1 + i % 5))
      from generate_series(1, 20) i`);
    await tx.execute(sql`
      with pg as (select id, portfolio_id, row_number() over (order by code) - 1 as k from programs where code like ${b} || '-PG%'),
           pp as (select id, row_number() over (order by last_name) - 1 as k from people where email like lower(${b}) || '.p%'),
           ou as (select id, row_number() over (order by code) - 1 as k from org_units where code like ${b} || '-OU%')
      insert into projects (code, name, description, portfolio_id, program_id, manager_id, sponsor_id, org_unit_id, status, priority, planned_start, planned_end, tags)
      select ${b} || '-' || lpad(i::text, 6, '0'), 'Projet synthétique ' || i, 'Projet généré pour les mesures de performance.',
             pg.portfolio_id, pg.id,
             (select id from pp where pp.k = (i * 7) % ${25 * n}), (select id from pp where pp.k = (i * 13) % ${25 * n}),
             (select id from ou where ou.k = i % 10),
             (array['proposed','active','active','active','on_hold','closed'])[1 + i % 6],
             (array['low','medium','high','critical'])[1 + i % 4],
             date '2026-01-05' + (i % 365), date '2026-01-05' + (i % 365) + 90 + (i % 400),
             array['synthétique']
      from generate_series(1, ${n}) i join pg on pg.k = i % 20`);
    // One project in ten becomes a sub-project of the one before it in the same programme.
    await tx.execute(sql`
      update projects c set parent_id = p.id
      from projects p
      where c.code like ${b} || '-%' and p.code like ${b} || '-%' and c.program_id = p.program_id
        and substring(c.code from '[0-9]+$')::int % 10 = 0
        and substring(p.code from '[0-9]+$')::int = substring(c.code from '[0-9]+$')::int - 20`);
    await tx.execute(sql`
      with pr as (select id, row_number() over (order by code) - 1 as k from projects where code like ${b} || '-%'),
           pp as (select id, row_number() over (order by last_name) - 1 as k from people where email like lower(${b}) || '.p%')
      insert into project_members (project_id, person_id, role)
      select pr.id, pp.id, (array['contributor','contributor','reader'])[1 + pp.k % 3]
      from pp join pr on pr.k = pp.k % ${n}`);
  });
  await ctx.db.execute(sql`analyze`);
  return { batch: b, projects: n, people: 25 * n, memberships: 25 * n };
}
