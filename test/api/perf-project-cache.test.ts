// GET /projects/:id is served from memory once read (project-view-cache.ts): these tests check
// that it is (a change made behind the repositories' back is not seen), and that every write
// through the API that can change a project's page is seen at once, by this instance and by
// another one on the same database.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  PROJECT_SORTS,
  Project,
  ProjectList,
  ProjectListQuery,
} from '../../src/contracts/portfolio.ts';
import {
  listProjects,
  listProjectsJson,
} from '../../src/server/modules/portfolio/portfolio.service.ts';
import { buildApp } from '../../src/server/app.ts';
import { viewWritesSettled } from '../../src/server/modules/portfolio/project-view-cache.ts';
import type { FastifyInstance } from 'fastify';
import { type TestApp, ORIGIN, buildTestApp, call, signIn } from '../helpers/app.ts';
import {
  buildMember,
  buildOrgUnit,
  buildPerson,
  buildPortfolio,
  buildProgram,
  buildProject,
} from '../helpers/factories.ts';

let t: TestApp;
let other: FastifyInstance;
let pmo: string;
beforeAll(async () => {
  t = await buildTestApp();
  // A second Jalon instance on the same database (as behind a load balancer).
  other = await buildApp({
    config: t.config,
    database: t.database,
    logger: false,
    serveWeb: false,
  });
  await other.ready();
  pmo = (await signIn(t, 'pmo')).cookie;
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

async function read(cookie: string, id: string, app: FastifyInstance = t.app) {
  const res = await app.inject({
    method: 'GET',
    url: `/api/v1/projects/${id}`,
    headers: { origin: ORIGIN, host: 'localhost:80', cookie },
  });
  return { status: res.statusCode, etag: res.headers.etag, body: res.json() as Project };
}

async function patch(cookie: string, url: string, version: number, payload: object) {
  const res = await call(t, cookie, {
    method: 'PATCH',
    url,
    headers: { 'if-match': `"${version}"` },
    payload,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { version: number };
}

describe('project views kept in memory', () => {
  it('serves a second read from memory: a change made behind the API is not seen until a write is notified', async () => {
    const portfolio = await buildPortfolio(t);
    const project = await buildProject(t, portfolio.id, { name: 'Avant' });
    // A read is kept only once the writer's own notification is back (read-your-writes).
    await viewWritesSettled();
    const first = await read(pmo, project.id);
    expect(Project.parse(first.body).name).toBe('Avant');
    // Hand-written SQL bypasses the repositories: nothing tells the cache.
    await t.ctx.db.execute(sql`update projects set name = 'En douce' where id = ${project.id}`);
    expect((await read(pmo, project.id)).body.name).toBe('Avant');
    // Any notified write (here another project's) makes every instance forget its views.
    const unrelated = await buildProject(t, portfolio.id);
    await patch(pmo, `/api/v1/projects/${unrelated.id}`, unrelated.version, { name: 'Autre' });
    expect((await read(pmo, project.id)).body.name).toBe('En douce');
  });

  it('shows an edit, an archive and a new sub-project at once, with the new version', async () => {
    const portfolio = await buildPortfolio(t);
    const project = await buildProject(t, portfolio.id, { name: 'Refonte CRM' });
    const before = await read(pmo, project.id);
    expect(before.body.childCount).toBe(0);
    const edited = await patch(pmo, `/api/v1/projects/${project.id}`, before.body.version, {
      name: 'Refonte CRM v2',
    });
    const after = await read(pmo, project.id);
    expect(after.body.name).toBe('Refonte CRM v2');
    expect(after.etag).toBe(`"${edited.version}"`);
    await buildProject(t, portfolio.id, { parentId: project.id });
    expect((await read(pmo, project.id)).body.childCount).toBe(1);
    const archived = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/archive`,
      headers: { 'if-match': `"${(await read(pmo, project.id)).body.version}"` },
    });
    expect(archived.statusCode).toBe(200);
    expect((await read(pmo, project.id)).body.archived).toBe(true);
  });

  it("shows the new names of the project's portfolio, programme, manager and org unit", async () => {
    const portfolio = await buildPortfolio(t, { name: 'Transformation' });
    const program = await buildProgram(t, portfolio.id, { name: 'Socle' });
    const unit = await buildOrgUnit(t, { name: 'DSI' });
    const manager = await buildPerson(t, { firstName: 'Thomas', lastName: 'Bernard' });
    const project = await buildProject(t, portfolio.id, {
      programId: program.id,
      managerId: manager.id,
      orgUnitId: unit.id,
    });
    const before = (await read(pmo, project.id)).body;
    expect([before.portfolio.name, before.program?.name, before.manager?.name]).toEqual([
      'Transformation',
      'Socle',
      'Thomas Bernard',
    ]);
    expect(before.orgUnit?.name).toBe('DSI');
    const admin = (await signIn(t, 'admin')).cookie;
    await patch(admin, `/api/v1/portfolios/${portfolio.id}`, portfolio.version, {
      name: 'Transformation numérique',
    });
    await patch(admin, `/api/v1/programs/${program.id}`, program.version, { name: 'Socle SI' });
    await patch(admin, `/api/v1/people/${manager.id}`, manager.version, { lastName: 'Martin' });
    await patch(admin, `/api/v1/org-units/${unit.id}`, unit.version, { name: 'DSI Groupe' });
    const after = (await read(pmo, project.id)).body;
    expect([after.portfolio.name, after.program?.name, after.manager?.name]).toEqual([
      'Transformation numérique',
      'Socle SI',
      'Thomas Martin',
    ]);
    expect(after.orgUnit?.name).toBe('DSI Groupe');
  });

  it('hides a project from a member at once when their membership is removed, on every instance', async () => {
    const portfolio = await buildPortfolio(t);
    const project = await buildProject(t, portfolio.id);
    const person = await buildPerson(t);
    const member = await buildMember(t, project.id, person.id, 'contributor');
    const { cookie } = await signIn(t, 'member', { personId: person.id });
    expect((await read(cookie, project.id)).body.myRoles).toEqual(['contributor']);
    expect((await read(cookie, project.id, other)).body.myRoles).toEqual(['contributor']);
    const removed = await call(t, pmo, {
      method: 'DELETE',
      url: `/api/v1/projects/${project.id}/members/${member.id}`,
    });
    expect(removed.statusCode).toBe(204);
    expect((await read(cookie, project.id)).status).toBe(404);
    // The other instance hears of it through PostgreSQL's notification.
    await vi.waitFor(async () => expect((await read(cookie, project.id, other)).status).toBe(404), {
      timeout: 2_000,
      interval: 20,
    });
  });

  it("shows a change made through another instance on this one's cached view", async () => {
    const portfolio = await buildPortfolio(t);
    const project = await buildProject(t, portfolio.id, { name: 'Ici' });
    expect((await read(pmo, project.id)).body.name).toBe('Ici');
    const res = await other.inject({
      method: 'PATCH',
      url: `/api/v1/projects/${project.id}`,
      headers: {
        origin: ORIGIN,
        host: 'localhost:80',
        cookie: pmo,
        'if-match': `"${project.version}"`,
      },
      payload: { name: 'Là-bas' },
    });
    expect(res.statusCode, res.body).toBe(200);
    await vi.waitFor(async () => expect((await read(pmo, project.id)).body.name).toBe('Là-bas'), {
      timeout: 2_000,
      interval: 20,
    });
  });
});

describe('project lists written as JSON text', () => {
  it('gives the same pages as the mapped rows, for every sort and order, cursor after cursor', async () => {
    const portfolio = await buildPortfolio(t, { name: 'Liste JSON' });
    const program = await buildProgram(t, portfolio.id);
    const unit = await buildOrgUnit(t);
    const manager = await buildPerson(t, { firstName: 'Zoé', lastName: 'Lefèvre' });
    const parent = await buildProject(t, portfolio.id, {
      programId: program.id,
      managerId: manager.id,
      orgUnitId: unit.id,
      plannedStart: '2027-01-04',
      plannedEnd: '2027-06-30',
      tags: ['CRM', 'l"guillemet'],
    });
    await buildProject(t, portfolio.id, { parentId: parent.id, plannedStart: '2026-12-01' });
    await buildProject(t, portfolio.id, { status: 'on_hold', plannedEnd: '2027-03-31' });
    await buildProject(t, portfolio.id, { name: 'Échéance' });
    const actor = (await signIn(t, 'pmo')).actor;
    for (const sort of PROJECT_SORTS) {
      for (const order of ['asc', 'desc'] as const) {
        const query = ProjectListQuery.parse({ portfolioId: portfolio.id, sort, order, limit: 2 });
        let mappedCursor: string | undefined;
        let jsonCursor: string | undefined;
        const seen: string[] = [];
        for (let page = 0; page < 5; page++) {
          const mapped = await listProjects(t.ctx, actor, { ...query, cursor: mappedCursor });
          const text = await listProjectsJson(t.ctx, actor, { ...query, cursor: jsonCursor });
          const json = ProjectList.parse(JSON.parse(text));
          expect(json.items, `${sort} ${order} page ${page}`).toEqual(mapped.items);
          expect(json.nextCursor === null).toBe(mapped.nextCursor === null);
          seen.push(...json.items.map((p) => p.id));
          if (!json.nextCursor) break;
          mappedCursor = mapped.nextCursor!;
          jsonCursor = json.nextCursor;
        }
        expect(seen).toHaveLength(4);
      }
    }
  });
});

describe('project list pages kept in memory', () => {
  async function list(cookie: string, query: string, app: FastifyInstance = t.app) {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/projects?${query}`,
      headers: { origin: ORIGIN, host: 'localhost:80', cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    return ProjectList.parse(res.json()).items.map((p) => p.name);
  }

  it('serves a page again from memory, and forgets it on any notified write', async () => {
    const portfolio = await buildPortfolio(t);
    const project = await buildProject(t, portfolio.id, { name: 'Liste avant' });
    const query = `portfolioId=${portfolio.id}`;
    await viewWritesSettled();
    expect(await list(pmo, query)).toEqual(['Liste avant']);
    await t.ctx.db.execute(
      sql`update projects set name = 'Liste en douce' where id = ${project.id}`,
    );
    // Fails without the cache: the page would be read again.
    expect(await list(pmo, query)).toEqual(['Liste avant']);
    // A new project in the portfolio is a notified write: it shows at once, with the rename.
    await buildProject(t, portfolio.id, { name: 'Liste nouveau' });
    expect(await list(pmo, query)).toEqual(['Liste en douce', 'Liste nouveau']);
  });

  it("follows a member's projects at once: added, renamed, removed, on every instance", async () => {
    const portfolio = await buildPortfolio(t);
    const project = await buildProject(t, portfolio.id, { name: 'Chez Julie' });
    await buildProject(t, portfolio.id, { name: 'Pas chez Julie' });
    const person = await buildPerson(t);
    const { cookie } = await signIn(t, 'member', { personId: person.id });
    const query = `portfolioId=${portfolio.id}`;
    expect(await list(cookie, query)).toEqual([]);
    expect(await list(cookie, query, other)).toEqual([]);
    const member = await buildMember(t, project.id, person.id, 'contributor');
    expect(await list(cookie, query)).toEqual(['Chez Julie']);
    await vi.waitFor(async () => expect(await list(cookie, query, other)).toEqual(['Chez Julie']), {
      timeout: 2_000,
      interval: 20,
    });
    // The PMO sees both; what the member saw is not what the PMO is served.
    expect(await list(pmo, query)).toEqual(['Chez Julie', 'Pas chez Julie']);
    await patch(pmo, `/api/v1/projects/${project.id}`, project.version, { name: 'Chez Julie v2' });
    expect(await list(cookie, query)).toEqual(['Chez Julie v2']);
    const removed = await call(t, pmo, {
      method: 'DELETE',
      url: `/api/v1/projects/${project.id}/members/${member.id}`,
    });
    expect(removed.statusCode).toBe(204);
    expect(await list(cookie, query)).toEqual([]);
    await vi.waitFor(async () => expect(await list(cookie, query, other)).toEqual([]), {
      timeout: 2_000,
      interval: 20,
    });
  });
});
