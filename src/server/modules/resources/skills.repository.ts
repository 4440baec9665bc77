import { and, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { personSkills, skillCategories, skillLevels, skills } from './skills.tables.ts';

export type CategoryRow = typeof skillCategories.$inferSelect;
export type SkillRow = typeof skills.$inferSelect;
export type LevelRow = typeof skillLevels.$inferSelect;
export type PersonSkillRow = typeof personSkills.$inferSelect;

// ---------------------------------------------------------------- categories

export async function listCategories(db: Executor) {
  return queryRows<CategoryRow & { skillCount: number }>(
    db,
    sql`select c.id, c.code, c.name, c.description, c.version,
               (select count(*)::int from skills s where s.category_id = c.id) as "skillCount"
        from skill_categories c order by c.name, c.id`,
  );
}

export async function findCategory(db: Executor, id: string) {
  const [row] = await db.select().from(skillCategories).where(eq(skillCategories.id, id));
  return row;
}

export async function insertCategories(
  db: Executor,
  values: (typeof skillCategories.$inferInsert)[],
) {
  if (values.length === 0) return [];
  return db.insert(skillCategories).values(values).returning();
}

export async function updateCategory(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof skillCategories.$inferInsert>,
) {
  const [row] = await db
    .update(skillCategories)
    .set({ ...values, version: sql`${skillCategories.version} + 1`, updatedAt: new Date() })
    .where(and(eq(skillCategories.id, id), eq(skillCategories.version, version)))
    .returning();
  return row;
}

export async function deleteCategory(db: Executor, id: string) {
  await db.delete(skillCategories).where(eq(skillCategories.id, id));
}

export async function countSkillsIn(db: Executor, categoryId: string) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from skills where category_id = ${categoryId}`,
  );
  return row?.n ?? 0;
}

// ---------------------------------------------------------------- skills

export type SkillListRow = SkillRow & { categoryName: string; holders: number };

export async function listSkills(db: Executor, filter: { categoryId?: string } = {}) {
  return queryRows<SkillListRow>(
    db,
    sql`select s.id, s.category_id as "categoryId", c.name as "categoryName", s.code, s.name,
               s.description, s.version,
               (select count(*)::int from person_skills ps where ps.skill_id = s.id) as holders
        from skills s join skill_categories c on c.id = s.category_id
        where ${filter.categoryId ? sql`s.category_id = ${filter.categoryId}` : sql`true`}
        order by c.name, s.name, s.id`,
  );
}

export async function findSkill(db: Executor, id: string) {
  const [row] = await db.select().from(skills).where(eq(skills.id, id));
  return row;
}

export async function insertSkills(db: Executor, values: (typeof skills.$inferInsert)[]) {
  if (values.length === 0) return [];
  return db.insert(skills).values(values).returning();
}

export async function updateSkill(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof skills.$inferInsert>,
) {
  const [row] = await db
    .update(skills)
    .set({ ...values, version: sql`${skills.version} + 1`, updatedAt: new Date() })
    .where(and(eq(skills.id, id), eq(skills.version, version)))
    .returning();
  return row;
}

export async function deleteSkill(db: Executor, id: string) {
  await db.delete(skills).where(eq(skills.id, id));
}

export async function countHolders(db: Executor, skillId: string) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from person_skills where skill_id = ${skillId}`,
  );
  return row?.n ?? 0;
}

/**
 * What uses a skill, in one statement: people holding it, courses teaching it (their codes),
 * development goals aiming at it, and resource requests asking for it.
 */
export async function skillUses(db: Executor, skillId: string) {
  const [row] = await queryRows<{
    holders: number;
    courses: string[] | null;
    goals: number;
    requests: number;
  }>(
    db,
    sql`select
          (select count(*)::int from person_skills where skill_id = ${skillId}) as holders,
          (select array_agg(code order by code) from training_courses
            where skill_id = ${skillId}) as courses,
          (select count(*)::int from development_goals where skill_id = ${skillId}) as goals,
          (select count(*)::int from resource_requests
            where skills @> ${JSON.stringify([{ skillId }])}::jsonb) as requests`,
  );
  return {
    holders: row?.holders ?? 0,
    courses: row?.courses ?? [],
    goals: row?.goals ?? 0,
    requests: row?.requests ?? 0,
  };
}

// ---------------------------------------------------------------- level scale

export async function listLevels(db: Executor) {
  return db.select().from(skillLevels).orderBy(skillLevels.level);
}

/** Creates (expected version 0) or updates (expected version n) a level; undefined on a miss. */
export async function saveLevel(
  db: Executor,
  level: number,
  version: number,
  values: { label: string; description: string },
) {
  if (version === 0) {
    const [row] = await db
      .insert(skillLevels)
      .values({ level, ...values })
      .onConflictDoNothing()
      .returning();
    return row;
  }
  const [row] = await db
    .update(skillLevels)
    .set({ ...values, version: sql`${skillLevels.version} + 1`, updatedAt: new Date() })
    .where(and(eq(skillLevels.level, level), eq(skillLevels.version, version)))
    .returning();
  return row;
}

// ---------------------------------------------------------------- person skills

export type PersonSkillJoined = PersonSkillRow & {
  skillCode: string;
  skillName: string;
  categoryId: string;
  categoryName: string;
};

const personSkillColumns = sql`ps.id, ps.person_id as "personId", ps.skill_id as "skillId",
  ps.level, ps.assessed_on::text as "assessedOn", ps.source, ps.certification,
  ps.expires_on::text as "expiresOn", ps.comment, ps.version,
  s.code as "skillCode", s.name as "skillName", c.id as "categoryId", c.name as "categoryName"`;

export async function personSkillsOf(db: Executor, personId: string) {
  return queryRows<PersonSkillJoined>(
    db,
    sql`select ${personSkillColumns}
        from person_skills ps join skills s on s.id = ps.skill_id
        join skill_categories c on c.id = s.category_id
        where ps.person_id = ${personId} order by c.name, s.name`,
  );
}

export async function findPersonSkill(db: Executor, personId: string, skillId: string) {
  const [row] = await queryRows<PersonSkillJoined>(
    db,
    sql`select ${personSkillColumns}
        from person_skills ps join skills s on s.id = ps.skill_id
        join skill_categories c on c.id = s.category_id
        where ps.person_id = ${personId} and ps.skill_id = ${skillId}`,
  );
  return row;
}

export async function insertPersonSkills(
  db: Executor,
  values: (typeof personSkills.$inferInsert)[],
) {
  if (values.length === 0) return [];
  return db.insert(personSkills).values(values).returning({ id: personSkills.id });
}

export async function updatePersonSkill(
  db: Executor,
  id: string,
  version: number,
  values: Partial<typeof personSkills.$inferInsert>,
) {
  const [row] = await db
    .update(personSkills)
    .set({ ...values, version: sql`${personSkills.version} + 1`, updatedAt: new Date() })
    .where(and(eq(personSkills.id, id), eq(personSkills.version, version)))
    .returning({ id: personSkills.id });
  return row;
}

export async function deletePersonSkill(db: Executor, id: string) {
  await db.delete(personSkills).where(eq(personSkills.id, id));
}

/** Every assessment, compactly, for the matrix (one query, one JSON value). */
export async function allPersonSkills(db: Executor) {
  const [row] = await queryRows<{ data: string }>(
    db,
    sql`select coalesce(json_agg(json_build_array(person_id, skill_id, level, source,
                 expires_on::text)), '[]')::text as data
        from person_skills`,
  );
  return JSON.parse(row?.data ?? '[]') as [
    personId: string,
    skillId: string,
    level: number,
    source: string,
    expiresOn: string | null,
  ][];
}
