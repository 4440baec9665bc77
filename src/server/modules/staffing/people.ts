import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import type { PersonBrief } from '../org/org.service.ts';

// The few people a skills or training request is about, read by id (not the whole directory):
// the same brief as `peopleDirectory` (name, org unit, manager), active people only.

interface BriefRow {
  id: string;
  first_name: string;
  last_name: string;
  job_title: string | null;
  org_unit_id: string | null;
  org_unit_name: string | null;
  manager_id: string | null;
  manager_name: string | null;
}

/** The active people among `ids`, by id, in one statement. */
export async function peopleByIds(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, PersonBrief>> {
  const out = new Map<string, PersonBrief>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return out;
  const rows = await queryRows<BriefRow>(
    db,
    sql`select p.id, p.first_name, p.last_name, p.job_title, p.org_unit_id,
               u.name as org_unit_name, p.manager_id,
               m.first_name || ' ' || m.last_name as manager_name
        from people p
        left join org_units u on u.id = p.org_unit_id
        left join people m on m.id = p.manager_id
        where p.archived_at is null and p.id = any(${`{${unique.join(',')}}`}::uuid[])`,
  );
  for (const r of rows) {
    out.set(r.id, {
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      name: `${r.first_name} ${r.last_name}`,
      jobTitle: r.job_title,
      orgUnit: r.org_unit_id ? { id: r.org_unit_id, name: r.org_unit_name ?? '' } : null,
      managerId: r.manager_id,
      managerName: r.manager_name,
    });
  }
  return out;
}

/** One active person, or undefined. */
export async function personById(db: Executor, id: string): Promise<PersonBrief | undefined> {
  return (await peopleByIds(db, [id])).get(id);
}
