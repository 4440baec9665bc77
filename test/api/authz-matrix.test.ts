import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GlobalRole } from '../../src/core/platform/permissions.ts';
import { SYSTEM_ACTOR } from '../../src/server/seed/demo.ts';
import { createUser } from '../../src/server/modules/platform/users.service.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';
import {
  ALL,
  type Caller,
  type Fixture,
  NIL,
  PROJECT_EDITORS,
  PROJECT_READERS,
  type Rule,
  SIGNED_IN,
  newCode,
} from './authz/lib.ts';
import {
  buildMember,
  buildOrgUnit,
  buildPerson,
  buildPortfolio,
  buildProgram,
  buildProject,
} from '../helpers/factories.ts';

/**
 * The authorization matrix: for every route of the OpenAPI document, which callers may call it.
 * A caller is a global role, optionally with a role on the fixture project. A route missing
 * from this table fails the test: add it deliberately when you add the route — the foundation's and
 * planning's rows are here, every later module's in `./authz/<module>.rows.ts`.
 */

const CORE_ROWS: Record<string, Rule> = {
  'POST /api/v1/auth/login': { allow: ALL, body: () => ({}) },
  'POST /api/v1/auth/logout': { allow: ALL, withoutSession: true },
  'GET /api/v1/auth/me': { allow: SIGNED_IN },
  'PATCH /api/v1/auth/me/preferences': { allow: SIGNED_IN, body: () => ({ locale: 'fr' }) },
  'GET /api/v1/auth/setup': { allow: ALL },
  'POST /api/v1/auth/setup': { allow: ALL, body: () => ({}) },
  'GET /api/v1/users': { allow: ['admin', 'pmo', 'executive', 'finance', 'resource_manager'] },
  'POST /api/v1/users': { allow: ['admin'], body: () => ({}) },
  'GET /api/v1/users/{id}': { allow: ['admin', 'pmo', 'executive', 'finance', 'resource_manager'] },
  'PATCH /api/v1/users/{id}': { allow: ['admin'], body: () => ({}), stale: true },
  'GET /api/v1/audit': { allow: ['admin', 'pmo', 'executive'] },
  'GET /api/v1/org-units': { allow: SIGNED_IN },
  'POST /api/v1/org-units': { allow: ['admin', 'pmo', 'resource_manager'], body: () => ({}) },
  'PATCH /api/v1/org-units/{id}': {
    allow: ['admin', 'pmo', 'resource_manager'],
    body: () => ({}),
    stale: true,
  },
  'DELETE /api/v1/org-units/{id}': { allow: ['admin', 'pmo', 'resource_manager'], stale: true },
  'GET /api/v1/people': { allow: SIGNED_IN },
  'POST /api/v1/people': { allow: ['admin', 'pmo', 'resource_manager'], body: () => ({}) },
  'GET /api/v1/people/{id}': { allow: SIGNED_IN },
  'PATCH /api/v1/people/{id}': {
    allow: ['admin', 'pmo', 'resource_manager'],
    body: () => ({}),
    stale: true,
  },
  'GET /api/v1/tree': { allow: SIGNED_IN },
  'GET /api/v1/portfolios': { allow: SIGNED_IN },
  'POST /api/v1/portfolios': { allow: ['admin', 'pmo'], body: () => ({}) },
  'GET /api/v1/portfolios/{id}': { allow: SIGNED_IN },
  'PATCH /api/v1/portfolios/{id}': { allow: ['admin', 'pmo'], body: () => ({}), stale: true },
  'GET /api/v1/programs': { allow: SIGNED_IN },
  'POST /api/v1/programs': { allow: ['admin', 'pmo'], body: () => ({}) },
  'GET /api/v1/programs/{id}': { allow: PROJECT_READERS },
  'PATCH /api/v1/programs/{id}': { allow: ['admin', 'pmo'], body: () => ({}), stale: true },
  'GET /api/v1/projects': { allow: SIGNED_IN },
  'POST /api/v1/projects': {
    // A sub-project of the fixture project: its project manager may create one too.
    allow: PROJECT_EDITORS,
    body: (f) => ({
      code: newCode(),
      name: 'Sous-projet',
      portfolioId: f.portfolioId,
      parentId: f.projectId,
    }),
  },
  'GET /api/v1/projects/{id}': { allow: PROJECT_READERS },
  'PATCH /api/v1/projects/{id}': { allow: PROJECT_EDITORS, body: () => ({}), stale: true },
  'POST /api/v1/projects/{id}/archive': { allow: ['admin', 'pmo'], stale: true },
  'POST /api/v1/projects/{id}/restore': { allow: ['admin', 'pmo'], stale: true },
  'GET /api/v1/projects/{id}/history': { allow: PROJECT_READERS },
  'GET /api/v1/projects/{id}/members': { allow: PROJECT_READERS },
  'POST /api/v1/projects/{id}/members': {
    allow: PROJECT_EDITORS,
    body: (f) => ({ personId: f.personId, role: 'reader' }),
  },
  'DELETE /api/v1/projects/{id}/members/{memberId}': { allow: PROJECT_EDITORS },
  'GET /api/v1/projects/{id}/plan': { allow: PROJECT_READERS },
  'PATCH /api/v1/projects/{id}/plan/settings': {
    allow: PROJECT_EDITORS,
    body: () => ({}),
    stale: true,
  },
  'POST /api/v1/projects/{id}/plan/tasks': {
    allow: PROJECT_EDITORS,
    body: () => ({ name: 'Tâche' }),
  },
  'PATCH /api/v1/projects/{id}/plan/tasks/{taskId}': {
    allow: PROJECT_EDITORS,
    body: () => ({}),
    stale: true,
  },
  'DELETE /api/v1/projects/{id}/plan/tasks/{taskId}': { allow: PROJECT_EDITORS, stale: true },
  'POST /api/v1/projects/{id}/plan/tasks/{taskId}/move': {
    allow: PROJECT_EDITORS,
    body: () => ({ parentId: null, afterTaskId: null }),
    stale: true,
  },
  'POST /api/v1/projects/{id}/plan/tasks/{taskId}/copy': { allow: PROJECT_EDITORS },
  'POST /api/v1/projects/{id}/plan/links': {
    allow: PROJECT_EDITORS,
    body: () => ({ fromTaskId: NIL, toTaskId: NIL }),
  },
  'PATCH /api/v1/projects/{id}/plan/links/{linkId}': {
    allow: PROJECT_EDITORS,
    body: () => ({}),
    stale: true,
  },
  'DELETE /api/v1/projects/{id}/plan/links/{linkId}': { allow: PROJECT_EDITORS, stale: true },
  'POST /api/v1/projects/{id}/plan/import': {
    allow: PROJECT_EDITORS,
    body: () => ({}),
    query: 'format=json&dryRun=true',
  },
  'GET /api/v1/projects/{id}/plan/export': { allow: PROJECT_READERS, query: 'format=json' },
  'GET /api/v1/projects/{id}/baselines': { allow: PROJECT_READERS },
  'POST /api/v1/projects/{id}/baselines': {
    allow: PROJECT_EDITORS,
    body: () => ({ name: 'Baseline' }),
  },
  'GET /api/v1/projects/{id}/baselines/{baselineId}/comparison': { allow: PROJECT_READERS },
  'DELETE /api/v1/projects/{id}/baselines/{baselineId}': { allow: PROJECT_EDITORS },
  'GET /api/v1/projects/{id}/milestone-trend': { allow: PROJECT_READERS },
  'GET /api/v1/roadmap': { allow: SIGNED_IN },
  'GET /api/v1/milestones': { allow: SIGNED_IN },
  'GET /api/v1/me/calendar-feed': { allow: SIGNED_IN },
  'POST /api/v1/me/calendar-feed': { allow: SIGNED_IN },
  'DELETE /api/v1/me/calendar-feed': { allow: SIGNED_IN },
  // Public: an unknown token is a plain 404 for everyone.
  'GET /api/v1/ical/{token}': { allow: ALL },
};

const moduleRows = import.meta.glob<Record<string, Rule>>('./authz/*.rows.ts', {
  eager: true,
  import: 'default',
});
const MATRIX: Record<string, Rule> = { ...CORE_ROWS };
for (const rows of Object.values(moduleRows)) {
  for (const [route, rule] of Object.entries(rows)) {
    if (MATRIX[route]) throw new Error(`Two rows for ${route}`);
    MATRIX[route] = rule;
  }
}

let t: TestApp;
let fx: Fixture;
const cookies = new Map<Caller, string | null>();

beforeAll(async () => {
  t = await buildTestApp();
  const portfolio = await buildPortfolio(t);
  const program = await buildProgram(t, portfolio.id);
  const unit = await buildOrgUnit(t);
  const project = await buildProject(t, portfolio.id, { programId: program.id });
  const person = await buildPerson(t);
  const other = await createUser(t.ctx, SYSTEM_ACTOR, {
    email: `other-${uniq().toLowerCase()}@exemple.test`,
    name: 'Autre',
    role: 'member',
    password: 'another-password-1234',
  });
  fx = {
    projectId: project.id,
    portfolioId: portfolio.id,
    programId: program.id,
    orgUnitId: unit.id,
    personId: person.id,
    userId: other.id,
  };
  cookies.set('anonymous', null);
  for (const caller of SIGNED_IN) {
    const [role, projectRole] = caller.split('+') as [
      GlobalRole,
      'project_manager' | 'contributor' | undefined,
    ];
    let personId: string | null = null;
    if (projectRole) {
      personId = (await buildPerson(t)).id;
      await buildMember(t, project.id, personId, projectRole);
    }
    cookies.set(caller, (await signIn(t, role, { personId })).cookie);
  }
});

afterAll(async () => t?.close());

function routesOf(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths).flatMap(([p, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => `${m.toUpperCase()} ${p}`),
  );
}

describe('authorization matrix', () => {
  it('has a row for every route of the OpenAPI document, and no stale rows', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const routes = routesOf(res.json());
    expect(routes.filter((r) => !MATRIX[r])).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
  });

  for (const [route, rule] of Object.entries(MATRIX)) {
    it(`${route}: allowed for ${rule.allow.length === ALL.length ? 'everyone' : rule.allow.join(', ')} and nobody else`, async () => {
      const [method, template] = route.split(' ') as [string, string];
      const params = rule.params?.(fx) ?? {};
      let url = template;
      for (const [name, value] of Object.entries(params)) url = url.replace(`{${name}}`, value);
      url = url
        .replace('{memberId}', NIL)
        .replace('{taskId}', NIL)
        .replace('{linkId}', NIL)
        .replace('{baselineId}', NIL)
        .replace('{token}', 'x'.repeat(43))
        .replace('{id}', () => {
          if (template.startsWith('/api/v1/users')) return fx.userId;
          if (template.startsWith('/api/v1/org-units')) return fx.orgUnitId;
          if (template.startsWith('/api/v1/people')) return fx.personId;
          if (template.startsWith('/api/v1/portfolios')) return fx.portfolioId;
          if (template.startsWith('/api/v1/programs')) return fx.programId;
          return fx.projectId;
        })
        // Any other id in the path: an unknown one (an allowed caller gets past authorization).
        .replace(/\{[A-Za-z]+\}/g, NIL);
      const outcomes: Record<string, string> = {};
      for (const caller of ALL) {
        const body = rule.body?.(fx);
        const res = await call(t, rule.withoutSession ? null : (cookies.get(caller) ?? null), {
          method: method as 'GET',
          url: rule.query ? `${url}?${rule.query}` : url,
          ...(body !== undefined ? { payload: body as object } : {}),
          headers: rule.stale ? { 'if-match': '"999"' } : {},
        });
        const code =
          res.statusCode >= 400 ? (res.json() as { error: { code: string } }).error.code : '';
        // Not found on the fixture's own project or programme: hidden from the caller.
        const denied =
          res.statusCode === 401 ||
          res.statusCode === 403 ||
          code === 'PROJECT_NOT_FOUND' ||
          code === 'PROGRAM_NOT_FOUND';
        outcomes[caller] = denied ? `deny (${res.statusCode} ${code})` : 'allow';
      }
      const expected = Object.fromEntries(
        ALL.map((c) => [c, rule.allow.includes(c) ? 'allow' : expect.stringMatching(/^deny/)]),
      );
      expect(outcomes).toEqual(expected);
    });
  }
});
