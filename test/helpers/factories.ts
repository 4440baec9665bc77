import { Methodology, ProjectGovernance } from '../../src/contracts/governance.ts';
import { StandardMilestone } from '../../src/contracts/methods.ts';
import type { CreateProjectBody } from '../../src/contracts/portfolio.ts';
import { ProjectRequest } from '../../src/contracts/strategy.ts';
import { createOrgUnit, createPerson } from '../../src/server/modules/org/org.service.ts';
import {
  addMember,
  createPortfolio,
  createProgram,
  createProject,
} from '../../src/server/modules/portfolio/portfolio.service.ts';
import { SYSTEM_ACTOR } from '../../src/server/seed/demo.ts';
import type { ProjectRole } from '../../src/core/platform/permissions.ts';
import { createTeam } from '../../src/server/modules/resources/resources.service.ts';
import { resourceProfiles } from '../../src/server/modules/resources/resources.tables.ts';
import { BudgetLine, BudgetRevision } from '../../src/contracts/finance.ts';
import { type TestApp, call, signIn, uniq } from './app.ts';

export async function buildOrgUnit(
  t: TestApp,
  overrides: { name?: string; parentId?: string | null } = {},
) {
  const code = `OU${uniq()}`;
  return createOrgUnit(t.ctx, SYSTEM_ACTOR, {
    code,
    name: overrides.name ?? `Unité ${code}`,
    parentId: overrides.parentId ?? null,
  });
}

export async function buildPerson(
  t: TestApp,
  overrides: { firstName?: string; lastName?: string; orgUnitId?: string | null } = {},
) {
  const u = uniq();
  return createPerson(t.ctx, SYSTEM_ACTOR, {
    firstName: overrides.firstName ?? 'Camille',
    lastName: overrides.lastName ?? `Test${u}`,
    email: `p${u.toLowerCase()}@exemple.test`,
    orgUnitId: overrides.orgUnitId ?? null,
  });
}

export async function buildPortfolio(t: TestApp, overrides: { name?: string } = {}) {
  const code = `PF-${uniq()}`;
  return createPortfolio(t.ctx, SYSTEM_ACTOR, {
    code,
    name: overrides.name ?? `Portefeuille ${code}`,
    description: '',
  });
}

export async function buildProgram(
  t: TestApp,
  portfolioId: string,
  overrides: { name?: string } = {},
) {
  const code = `PG-${uniq()}`;
  return createProgram(t.ctx, SYSTEM_ACTOR, {
    code,
    name: overrides.name ?? `Programme ${code}`,
    description: '',
    portfolioId,
  });
}

export async function buildProject(
  t: TestApp,
  portfolioId: string,
  overrides: Partial<CreateProjectBody> = {},
) {
  const code = overrides.code ?? `PRJ-${uniq()}`;
  return createProject(t.ctx, SYSTEM_ACTOR, {
    code,
    name: `Projet ${code}`,
    description: '',
    portfolioId,
    status: 'active',
    priority: 'medium',
    tags: [],
    customFields: {},
    ...overrides,
  });
}

export async function buildMember(
  t: TestApp,
  projectId: string,
  personId: string,
  role: ProjectRole,
) {
  return addMember(t.ctx, SYSTEM_ACTOR, projectId, { personId, role });
}

// ---------------------------------------------------------------- strategy (portfolio lane)

/** Fails the test with the response's body when the status is not the expected one. */
function expectStatus(res: { statusCode: number; body: string }, status: number, what: string) {
  if (res.statusCode !== status)
    throw new Error(`${what}: expected ${status}, got ${res.statusCode} ${res.body}`);
}

/**
 * A project request submitted by `cookie`'s user and accepted into evaluation by the PMO
 * (`pmoCookie`), with its business case when given. Returns the request as the API sends it.
 */
export async function buildRequest(
  t: TestApp,
  pmoCookie: string,
  body: Record<string, unknown> & { title: string },
  options: { businessCase?: Record<string, unknown>; submitter?: string } = {},
): Promise<ProjectRequest> {
  const res = await call(t, options.submitter ?? pmoCookie, {
    method: 'POST',
    url: '/api/v1/strategy/requests',
    payload: { problem: 'À arbitrer', ...body },
  });
  expectStatus(res, 201, 'create request');
  let r = ProjectRequest.parse(res.json());
  const triage = await call(t, pmoCookie, {
    method: 'POST',
    url: `/api/v1/strategy/requests/${r.id}/triage`,
    headers: { 'if-match': `"${r.version}"` },
    payload: { decision: 'accept' },
  });
  expectStatus(triage, 200, 'accept request');
  r = ProjectRequest.parse(triage.json());
  if (options.businessCase) {
    const bc = await call(t, pmoCookie, {
      method: 'PUT',
      url: `/api/v1/strategy/requests/${r.id}/business-case`,
      headers: { 'if-match': `"${r.version}"` },
      payload: options.businessCase,
    });
    expectStatus(bc, 200, 'business case');
    r = ProjectRequest.parse(bc.json());
  }
  return r;
}

/** Scale levels 0…n-1 with a description each. */
export const scaleLevels = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ value: i, description: `Niveau ${i}` }));

/** A scoring model with a unique name; returns its id. */
export async function buildScoringModel(
  t: TestApp,
  pmoCookie: string,
  criteria: Record<string, unknown>[],
  name = `Grille ${uniq()}`,
): Promise<string> {
  const res = await call(t, pmoCookie, {
    method: 'POST',
    url: '/api/v1/strategy/scoring-models',
    payload: { name, criteria },
  });
  expectStatus(res, 201, 'scoring model');
  return res.json().id as string;
}

/** A strategic axis and one objective under it; returns the objective's id. */
export async function buildObjective(
  t: TestApp,
  pmoCookie: string,
  title = 'Satisfaction client',
): Promise<string> {
  const axis = await call(t, pmoCookie, {
    method: 'POST',
    url: '/api/v1/strategy/objectives',
    payload: { kind: 'axis', code: `AX-${uniq()}`.slice(0, 30), title: 'Client', weight: 50 },
  });
  expectStatus(axis, 201, 'axis');
  const objective = await call(t, pmoCookie, {
    method: 'POST',
    url: '/api/v1/strategy/objectives',
    payload: {
      kind: 'objective',
      parentId: axis.json().id,
      code: `OB-${uniq()}`.slice(0, 30),
      title,
      weight: 1,
    },
  });
  expectStatus(objective, 201, 'objective');
  return objective.json().id as string;
}

/** A resource team and, for each person given, a full-time profile in it (7 h Monday–Friday). */
export async function buildTeam(t: TestApp, personIds: string[] = [], code = `T${uniq()}`) {
  const team = await createTeam(t.ctx, SYSTEM_ACTOR, {
    code: code.slice(0, 20),
    name: `Équipe ${code}`,
  });
  if (personIds.length > 0)
    await t.ctx.db.insert(resourceProfiles).values(
      personIds.map((personId) => ({
        personId,
        teamId: team.id,
        weekHours: [7, 7, 7, 7, 7, 0, 0],
      })),
    );
  return team;
}

/** A short unique upper-case tag for codes (`J1-${codeTag()}`), 8 characters at most. */
export const codeTag = () =>
  uniq()
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(-8);

/** A standard milestone of the company catalogue, created by the PMO (`pmoCookie`). */
export async function buildStandardMilestone(
  t: TestApp,
  pmoCookie: string,
  body: {
    code: string;
    name: string;
    definition?: string;
    evidence?: string;
    evidenceRequired?: boolean;
  },
): Promise<StandardMilestone> {
  const res = await call(t, pmoCookie, {
    method: 'POST',
    url: '/api/v1/standard-milestones',
    payload: body,
  });
  expectStatus(res, 201, 'standard milestone');
  return StandardMilestone.parse(res.json());
}

/** A waterfall methodology with the given content, created by the PMO (`pmoCookie`). */
export async function buildMethodology(
  t: TestApp,
  pmoCookie: string,
  body: { code: string; name: string; content: Record<string, unknown> },
): Promise<Methodology> {
  const res = await call(t, pmoCookie, {
    method: 'POST',
    url: '/api/v1/methodologies',
    payload: { kind: 'waterfall', ...body },
  });
  expectStatus(res, 201, 'methodology');
  return Methodology.parse(res.json());
}

/** Puts a project on a methodology (its WBS laid down in the plan unless `createWbs` is false). */
export async function applyMethodology(
  t: TestApp,
  cookie: string,
  projectId: string,
  methodologyId: string,
  createWbs = true,
): Promise<ProjectGovernance> {
  const res = await call(t, cookie, {
    method: 'POST',
    url: `/api/v1/projects/${projectId}/governance`,
    payload: { methodologyId, createWbs },
  });
  expectStatus(res, 201, 'apply methodology');
  return ProjectGovernance.parse(res.json());
}

// ---------------------------------------------------------------- finance (dash lane)

/**
 * A project whose manager has one budget line spread over months, baselined (the manager submits
 * the first revision, finance approves it), through the API. Returns the ids, the cookies of
 * finance and of the manager, and the line as the API sends it.
 */
export async function buildBaselinedProject(
  t: TestApp,
  line: {
    label?: string;
    category?: string;
    nature: 'capex' | 'opex';
    spread: { amount: number; from: string; to: string };
  },
) {
  const finance = (await signIn(t, 'finance')).cookie;
  const portfolioId = (await buildPortfolio(t)).id;
  const projectId = (await buildProject(t, portfolioId)).id;
  const person = await buildPerson(t);
  await buildMember(t, projectId, person.id, 'project_manager');
  const pm = (await signIn(t, 'member', { personId: person.id })).cookie;
  const created = await call(t, pm, {
    method: 'POST',
    url: `/api/v1/projects/${projectId}/budget/lines`,
    payload: { label: 'Intégrateur', category: 'external_services', ...line },
  });
  expectStatus(created, 201, 'budget line');
  const sub = await call(t, pm, {
    method: 'POST',
    url: `/api/v1/projects/${projectId}/budget/revisions`,
    payload: { reason: 'Budget initial' },
  });
  expectStatus(sub, 201, 'budget revision');
  const rev = BudgetRevision.parse(sub.json());
  const ok = await call(t, finance, {
    method: 'POST',
    url: `/api/v1/projects/${projectId}/budget/revisions/${rev.id}/decision`,
    headers: { 'if-match': `"${rev.version}"` },
    payload: { decision: 'approve' },
  });
  expectStatus(ok, 200, 'revision approval');
  return { portfolioId, projectId, finance, pm, line: BudgetLine.parse(created.json()) };
}

// ---------------------------------------------------------------- training

/**
 * A training course (in person, target level 3) on a new skill of a new category, created through
 * the API by `cookie` (a resource manager); codes get a unique suffix.
 */
export async function buildCourse(
  t: TestApp,
  cookie: string,
  spec: {
    category: { code: string; name: string };
    skill: { code: string; name: string };
    course: {
      code: string;
      title: string;
      provider: string;
      durationHours: number;
      costMinor: number;
    };
  },
): Promise<{ skillId: string; courseId: string }> {
  const category = await call(t, cookie, {
    method: 'POST',
    url: '/api/v1/skill-categories',
    payload: { code: `${spec.category.code}${uniq()}`, name: spec.category.name },
  });
  expectStatus(category, 201, 'skill category');
  const skill = await call(t, cookie, {
    method: 'POST',
    url: '/api/v1/skills',
    payload: {
      categoryId: category.json().id,
      code: `${spec.skill.code}${uniq()}`,
      name: spec.skill.name,
    },
  });
  expectStatus(skill, 201, 'skill');
  const skillId: string = skill.json().id;
  const course = await call(t, cookie, {
    method: 'POST',
    url: '/api/v1/training/courses',
    payload: {
      ...spec.course,
      code: `${spec.course.code}${uniq()}`,
      skillId,
      targetLevel: 3,
      format: 'presentiel',
    },
  });
  expectStatus(course, 201, 'training course');
  return { skillId, courseId: course.json().id };
}
