import type { z } from 'zod';
import type {
  CreateSkillBody,
  CreateSkillCategoryBody,
  PersonSkill,
  PersonSkillList,
  SetPersonSkillBody,
  Skill,
  SkillCategory,
  SkillLevel,
  SkillMatrix,
  SkillMatrixQuery,
  SkillSource,
  UpdateSkillBody,
  UpdateSkillCategoryBody,
  UpdateSkillLevelBody,
} from '../../../contracts/skills.ts';
import { DomainError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import { roleGrants } from '../../../core/platform/permissions.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { type PersonBrief, peopleDirectory, personById } from '../org/org.service.ts';
import { recordAudit } from '../platform/audit.service.ts';
import { listProfiles, listTeams } from './resources.repository.ts';
import { today } from './resources.service.ts';
import * as repo from './skills.repository.ts';

// The skills catalogue (categories, skills, the 1–5 scale), the skills of each person and the
// skills matrix. The catalogue is kept by resource managers and the PMO (resource.manage); a
// person assesses themself, their line manager assesses them, resource managers set anything.

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

// ---------------------------------------------------------------- categories

function toCategory(r: repo.CategoryRow, skillCount: number): SkillCategory {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    skillCount,
    version: r.version,
  };
}
const categoryFields = (r: repo.CategoryRow) => ({
  code: r.code,
  name: r.name,
  description: r.description,
});

export async function listCategories(ctx: Ctx) {
  const rows = await repo.listCategories(ctx.db);
  return { items: rows.map((r) => toCategory(r, r.skillCount)) };
}

async function categoryOrThrow(db: Executor, id: string) {
  const row = await repo.findCategory(db, id);
  if (!row) throw new DomainError('SKILL_CATEGORY_NOT_FOUND', `No skill category ${id}`);
  return row;
}

export async function createCategory(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreateSkillCategoryBody>,
) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await repo.insertCategories(tx, [input]);
      await recordAudit(tx, actor, {
        entityType: 'skill_category',
        entityId: row!.id,
        entityLabel: row!.name,
        action: 'create',
        after: categoryFields(row!),
      });
      return toCategory(row!, 0);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'skill_categories_code_key')) throw duplicateCode(input.code);
    throw err;
  }
}

export async function updateCategory(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdateSkillCategoryBody>,
) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const before = await categoryOrThrow(tx, id);
      const count = await repo.countSkillsIn(tx, id);
      const after = await repo.updateCategory(tx, id, version, input);
      if (!after) throw stale('skill category', toCategory(before, count));
      await recordAudit(tx, actor, {
        entityType: 'skill_category',
        entityId: id,
        entityLabel: after.name,
        action: 'update',
        before: categoryFields(before),
        after: categoryFields(after),
      });
      return toCategory(after, count);
    });
  } catch (err) {
    if (input.code && isUniqueViolation(err, 'skill_categories_code_key'))
      throw duplicateCode(input.code);
    throw err;
  }
}

export async function deleteCategory(ctx: Ctx, actor: Actor, id: string, version: number) {
  await ctx.db.transaction(async (tx) => {
    const before = await categoryOrThrow(tx, id);
    const count = await repo.countSkillsIn(tx, id);
    if (before.version !== version) throw stale('skill category', toCategory(before, count));
    if (count > 0) {
      throw new DomainError('SKILL_CATEGORY_NOT_EMPTY', `The category has ${count} skills`, {
        skillCount: count,
      });
    }
    await repo.deleteCategory(tx, id);
    await recordAudit(tx, actor, {
      entityType: 'skill_category',
      entityId: id,
      entityLabel: before.name,
      action: 'delete',
      before: categoryFields(before),
    });
  });
}

// ---------------------------------------------------------------- skills

function toSkill(r: repo.SkillListRow): Skill {
  return {
    id: r.id,
    category: { id: r.categoryId, name: r.categoryName },
    code: r.code,
    name: r.name,
    description: r.description,
    holders: r.holders,
    version: r.version,
  };
}
const skillFields = (r: repo.SkillRow) => ({
  categoryId: r.categoryId,
  code: r.code,
  name: r.name,
  description: r.description,
});

export async function listSkills(ctx: Ctx, filter: { categoryId?: string } = {}) {
  return { items: (await repo.listSkills(ctx.db, filter)).map(toSkill) };
}

async function skillOrThrow(db: Executor, id: string) {
  const row = await repo.findSkill(db, id);
  if (!row) throw new DomainError('SKILL_NOT_FOUND', `No skill ${id}`);
  return row;
}

async function skillView(db: Executor, row: repo.SkillRow): Promise<Skill> {
  // One client: statements one after the other (never Promise.all on a transaction).
  const category = await repo.findCategory(db, row.categoryId);
  const holders = await repo.countHolders(db, row.id);
  return toSkill({ ...row, categoryName: category?.name ?? '', holders });
}

export async function createSkill(ctx: Ctx, actor: Actor, input: z.infer<typeof CreateSkillBody>) {
  try {
    return await ctx.db.transaction(async (tx) => {
      await categoryOrThrow(tx, input.categoryId);
      const [row] = await repo.insertSkills(tx, [input]);
      await recordAudit(tx, actor, {
        entityType: 'skill',
        entityId: row!.id,
        entityLabel: row!.name,
        action: 'create',
        after: skillFields(row!),
      });
      return skillView(tx, row!);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'skills_code_key')) throw duplicateCode(input.code);
    throw err;
  }
}

export async function updateSkill(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdateSkillBody>,
) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const before = await skillOrThrow(tx, id);
      if (input.categoryId) await categoryOrThrow(tx, input.categoryId);
      const after = await repo.updateSkill(tx, id, version, input);
      if (!after) throw stale('skill', await skillView(tx, before));
      await recordAudit(tx, actor, {
        entityType: 'skill',
        entityId: id,
        entityLabel: after.name,
        action: 'update',
        before: skillFields(before),
        after: skillFields(after),
      });
      return skillView(tx, after);
    });
  } catch (err) {
    if (input.code && isUniqueViolation(err, 'skills_code_key')) throw duplicateCode(input.code);
    throw err;
  }
}

export async function deleteSkill(ctx: Ctx, actor: Actor, id: string, version: number) {
  await ctx.db.transaction(async (tx) => {
    const before = await skillOrThrow(tx, id);
    if (before.version !== version) throw stale('skill', await skillView(tx, before));
    // Everything that refers to the skill is named, so the 409 says what to change first.
    const uses = await repo.skillUses(tx, id);
    if (uses.holders + uses.courses.length + uses.goals + uses.requests > 0) {
      throw new DomainError(
        'SKILL_IN_USE',
        `Used by ${uses.holders} people, ${uses.courses.length} courses, ${uses.goals} development goals, ${uses.requests} requests`,
        uses,
      );
    }
    await repo.deleteSkill(tx, id);
    await recordAudit(tx, actor, {
      entityType: 'skill',
      entityId: id,
      entityLabel: before.name,
      action: 'delete',
      before: skillFields(before),
    });
  });
}

// ---------------------------------------------------------------- level scale

export async function listLevels(ctx: Ctx) {
  return { items: await levelsOf(ctx.db) };
}

async function levelsOf(db: Executor): Promise<SkillLevel[]> {
  const rows = new Map((await repo.listLevels(db)).map((r) => [r.level, r]));
  return [1, 2, 3, 4, 5].map((level) => {
    const r = rows.get(level);
    return r
      ? { level, label: r.label, description: r.description, version: r.version }
      : { level, label: '', description: '', version: 0 };
  });
}

export async function saveLevel(
  ctx: Ctx,
  actor: Actor,
  level: number,
  version: number,
  input: z.infer<typeof UpdateSkillLevelBody>,
): Promise<SkillLevel> {
  return ctx.db.transaction(async (tx) => {
    const before = (await levelsOf(tx))[level - 1]!;
    const after = await repo.saveLevel(tx, level, version, input);
    if (!after) throw stale('skill level', before);
    await recordAudit(tx, actor, {
      entityType: 'skill_level',
      entityId: `00000000-0000-4000-8000-00000000005${level}`,
      entityLabel: `${level} — ${after.label}`,
      action: version === 0 ? 'create' : 'update',
      before: version === 0 ? undefined : { label: before.label, description: before.description },
      after: { label: after.label, description: after.description },
    });
    return {
      level,
      label: after.label,
      description: after.description,
      version: after.version,
    };
  });
}

// ---------------------------------------------------------------- person skills

/** The sources of assessment the actor may record for a person (empty: read only or nothing). */
export function sourcesFor(actor: Actor, p: PersonBrief): SkillSource[] {
  if (canManage(actor)) return ['manager', 'certification', 'self', 'training'];
  if (actor.personId === null) return [];
  if (p.managerId === actor.personId) return ['manager', 'certification'];
  if (p.id === actor.personId) return ['self', 'certification'];
  return [];
}

function canSee(actor: Actor, p: PersonBrief) {
  return (
    canRead(actor) ||
    actor.personId === p.id ||
    (actor.personId !== null && p.managerId === actor.personId)
  );
}

/** The person if the actor may see them; invisible and unknown people look the same. */
async function visiblePerson(db: Executor, actor: Actor, id: string) {
  const p = await personById(db, id);
  if (!p || !canSee(actor, p)) throw new DomainError('PERSON_NOT_FOUND', `No person ${id}`);
  return p;
}

const isExpired = (expiresOn: string | null, on: string) => expiresOn !== null && expiresOn < on;

function toPersonSkill(p: PersonBrief, r: repo.PersonSkillJoined, on: string): PersonSkill {
  return {
    id: r.id,
    person: { id: p.id, name: p.name },
    skill: {
      id: r.skillId,
      code: r.skillCode,
      name: r.skillName,
      category: { id: r.categoryId, name: r.categoryName },
    },
    level: r.level,
    assessedOn: r.assessedOn,
    source: r.source as SkillSource,
    certification: r.certification,
    expiresOn: r.expiresOn,
    expired: isExpired(r.expiresOn, on),
    comment: r.comment,
    version: r.version,
  };
}
const personSkillFields = (r: repo.PersonSkillJoined | z.infer<typeof SetPersonSkillBody>) => ({
  level: r.level,
  assessedOn: r.assessedOn,
  source: r.source,
  certification: r.certification,
  expiresOn: r.expiresOn,
  comment: r.comment,
});

export async function personSkills(ctx: Ctx, actor: Actor, personId: string) {
  const p = await visiblePerson(ctx.db, actor, personId);
  return personSkillList(ctx.db, actor, p);
}

async function personSkillList(
  db: Executor,
  actor: Actor,
  p: PersonBrief,
): Promise<PersonSkillList> {
  const rows = await repo.personSkillsOf(db, p.id);
  const on = today();
  return {
    person: { id: p.id, name: p.name },
    items: rows.map((r) => toPersonSkill(p, r, on)),
    can: { sources: sourcesFor(actor, p) },
  };
}

/** Records the level of a person in a skill (If-Match "0" the first time). */
export async function setPersonSkill(
  ctx: Ctx,
  actor: Actor,
  personId: string,
  skillId: string,
  version: number,
  input: z.infer<typeof SetPersonSkillBody>,
): Promise<PersonSkill> {
  return ctx.db.transaction(async (tx) => {
    const p = await visiblePerson(tx, actor, personId);
    const allowed = sourcesFor(actor, p);
    if (!allowed.includes(input.source)) {
      throw new DomainError('SKILL_SOURCE_NOT_ALLOWED', `You may not record a ${input.source}`, {
        allowed,
        issues: [{ path: ['body', 'source'], message: 'Not allowed for you' }],
      });
    }
    const skill = await skillOrThrow(tx, skillId);
    const before = await repo.findPersonSkill(tx, personId, skillId);
    if ((before?.version ?? 0) !== version) {
      throw stale('skill assessment', before ? toPersonSkill(p, before, today()) : null);
    }
    const values = { ...input };
    if (before) {
      const ok = await repo.updatePersonSkill(tx, before.id, version, values);
      if (!ok) throw stale('skill assessment', toPersonSkill(p, before, today()));
    } else {
      try {
        await repo.insertPersonSkills(tx, [{ personId, skillId, ...values }]);
      } catch (err) {
        if (isUniqueViolation(err, 'person_skills_person_skill_key'))
          throw stale('skill assessment', null);
        throw err;
      }
    }
    const after = (await repo.findPersonSkill(tx, personId, skillId))!;
    await recordAudit(tx, actor, {
      entityType: 'person_skill',
      entityId: after.id,
      entityLabel: `${p.name} — ${skill.name}`,
      action: before ? 'update' : 'create',
      before: before ? personSkillFields(before) : undefined,
      after: personSkillFields(after),
    });
    return toPersonSkill(p, after, today());
  });
}

export async function removePersonSkill(
  ctx: Ctx,
  actor: Actor,
  personId: string,
  skillId: string,
  version: number,
) {
  await ctx.db.transaction(async (tx) => {
    const p = await visiblePerson(tx, actor, personId);
    const before = await repo.findPersonSkill(tx, personId, skillId);
    if (!before) throw new DomainError('PERSON_SKILL_NOT_FOUND', `No such skill for ${p.name}`);
    const allowed = sourcesFor(actor, p);
    // Removing needs the right to record what is there (a person cannot drop a manager's view).
    if (!allowed.includes(before.source as SkillSource)) {
      throw new DomainError('SKILL_SOURCE_NOT_ALLOWED', `You may not remove a ${before.source}`, {
        allowed,
      });
    }
    if (before.version !== version) {
      throw stale('skill assessment', toPersonSkill(p, before, today()));
    }
    await repo.deletePersonSkill(tx, before.id);
    await recordAudit(tx, actor, {
      entityType: 'person_skill',
      entityId: before.id,
      entityLabel: `${p.name} — ${before.skillName}`,
      action: 'delete',
      before: personSkillFields(before),
    });
  });
}

// ---------------------------------------------------------------- matrix

/** People × skills with filters; cells only where a level is recorded. */
export async function skillMatrix(
  ctx: Ctx,
  query: z.infer<typeof SkillMatrixQuery>,
): Promise<SkillMatrix> {
  const on = today();
  const people = await peopleDirectory(ctx.db);
  const profiles = await listProfiles(ctx.db);
  const teams = await listTeams(ctx.db);
  const catalogue = await repo.listSkills(ctx.db, { categoryId: query.categoryId });
  const assessments = await repo.allPersonSkills(ctx.db);
  const shown = query.skillId ? catalogue.filter((s) => s.id === query.skillId) : catalogue;
  const column = new Map(shown.map((s, i) => [s.id, i]));
  const teamOf = new Map(profiles.map((p) => [p.personId, p.teamId]));
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const needle = query.q?.toLocaleLowerCase('fr') ?? '';

  const cellsOf = new Map<string, SkillMatrix['people'][number]['cells']>();
  for (const [personId, skillId, level, source, expiresOn] of assessments) {
    if (!column.has(skillId)) continue;
    let cells = cellsOf.get(personId);
    if (!cells) cellsOf.set(personId, (cells = []));
    cells.push({
      skillId,
      level,
      source: source as SkillSource,
      expiresOn,
      expired: isExpired(expiresOn, on),
    });
  }

  const min = query.minLevel ?? 0;
  const rows: SkillMatrix['people'] = [];
  const counts = shown.map(() => [0, 0, 0, 0, 0]);
  for (const p of people) {
    const teamId = teamOf.get(p.id) ?? null;
    if (query.teamId && teamId !== query.teamId) continue;
    if (query.orgUnitId && p.orgUnit?.id !== query.orgUnitId) continue;
    if (needle && !p.name.toLocaleLowerCase('fr').includes(needle)) continue;
    const cells = (cellsOf.get(p.id) ?? []).sort(
      (a, b) => column.get(a.skillId)! - column.get(b.skillId)!,
    );
    // A filter on skills (a category, a skill or a minimum level) keeps only the people it finds.
    const filtersSkills = query.skillId || query.categoryId || min > 0;
    if (filtersSkills && !cells.some((c) => c.level >= min)) continue;
    for (const c of cells) counts[column.get(c.skillId)!]![c.level - 1]! += 1;
    rows.push({
      id: p.id,
      name: p.name,
      jobTitle: p.jobTitle,
      orgUnit: p.orgUnit,
      team: teamId ? { id: teamId, name: teamName.get(teamId) ?? '' } : null,
      cells,
    });
  }
  return {
    on,
    skills: shown.map((s) => ({
      id: s.id,
      code: s.code,
      name: s.name,
      category: { id: s.categoryId, name: s.categoryName },
    })),
    people: rows,
    counts,
  };
}

// ---------------------------------------------------------------- demo and bulk loading

export interface BulkSkills {
  categories: { code: string; name: string; description?: string }[];
  skills: { category: string; code: string; name: string; description?: string }[];
  levels: { level: number; label: string; description: string }[];
  assessments: {
    personId: string;
    skill: string;
    level: number;
    assessedOn: string;
    source: SkillSource;
    certification?: string;
    expiresOn?: string | null;
  }[];
}

/** Loads a whole catalogue and its assessments in one transaction (demo, imports). */
export async function bulkLoadSkills(ctx: Ctx, actor: Actor, data: BulkSkills) {
  await ctx.db.transaction(async (tx) => {
    const cats = await repo.insertCategories(tx, data.categories);
    const catId = new Map(cats.map((c) => [c.code, c.id]));
    const rows = await repo.insertSkills(
      tx,
      data.skills.map((s) => ({
        categoryId: catId.get(s.category)!,
        code: s.code,
        name: s.name,
        description: s.description ?? '',
      })),
    );
    const skillId = new Map(rows.map((s) => [s.code, s.id]));
    for (const l of data.levels) await repo.saveLevel(tx, l.level, 0, l);
    await repo.insertPersonSkills(
      tx,
      data.assessments.map((a) => ({
        personId: a.personId,
        skillId: skillId.get(a.skill)!,
        level: a.level,
        assessedOn: a.assessedOn,
        source: a.source,
        certification: a.certification ?? '',
        expiresOn: a.expiresOn ?? null,
      })),
    );
    await recordAudit(tx, actor, {
      entityType: 'skill',
      entityId: '00000000-0000-4000-8000-000000000050',
      entityLabel: `${rows.length} skills, ${data.assessments.length} assessments`,
      action: 'create',
      after: { categories: cats.length, skills: rows.length, assessments: data.assessments.length },
    });
  });
}
