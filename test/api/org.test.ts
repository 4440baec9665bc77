import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startJobs } from '../../src/server/jobs/queue.ts';
import { queryRows } from '../../src/server/db/client.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';
import { buildOrgUnit, buildPerson, buildPortfolio, buildProject } from '../helpers/factories.ts';

let t: TestApp;
let rm: string;
beforeAll(async () => {
  t = await buildTestApp();
  rm = (await signIn(t, 'resource_manager')).cookie;
});
afterAll(async () => t?.close());

describe('org units', () => {
  it('nests units, refuses a cycle, and refuses to delete a unit still in use', async () => {
    const parent = await call(t, rm, {
      method: 'POST',
      url: '/api/v1/org-units',
      payload: { code: `D${uniq()}`, name: 'Direction' },
    });
    const child = await call(t, rm, {
      method: 'POST',
      url: '/api/v1/org-units',
      payload: { code: `S${uniq()}`, name: 'Service', parentId: parent.json().id },
    });
    expect(child.statusCode).toBe(201);
    const cycle = await call(t, rm, {
      method: 'PATCH',
      url: `/api/v1/org-units/${parent.json().id}`,
      headers: { 'if-match': '"1"' },
      payload: { parentId: child.json().id },
    });
    expect(cycle.json().error.code).toBe('HIERARCHY_CYCLE');
    const inUse = await call(t, rm, {
      method: 'DELETE',
      url: `/api/v1/org-units/${parent.json().id}`,
      headers: { 'if-match': '"1"' },
    });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error.code).toBe('IN_USE');
    const del = await call(t, rm, {
      method: 'DELETE',
      url: `/api/v1/org-units/${child.json().id}`,
      headers: { 'if-match': '"1"' },
    });
    expect(del.statusCode).toBe(204);
  });
});

describe('people', () => {
  it('creates people with a manager and a unit, searches them, and pages by name', async () => {
    const unit = await buildOrgUnit(t, { name: 'Bureau des projets' });
    const boss = await buildPerson(t, {
      firstName: 'Claire',
      lastName: 'Martin',
      orgUnitId: unit.id,
    });
    const res = await call(t, rm, {
      method: 'POST',
      url: '/api/v1/people',
      payload: {
        firstName: 'Émilie',
        lastName: 'Lefèvre',
        email: 'Emilie.Lefevre@Exemple.fr',
        jobTitle: 'Cheffe de projet',
        orgUnitId: unit.id,
        managerId: boss.id,
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: 'Émilie Lefèvre',
      email: 'emilie.lefevre@exemple.fr',
      manager: { name: 'Claire Martin' },
      orgUnit: { name: 'Bureau des projets' },
      hasAccount: false,
    });
    const found = (await call(t, rm, { url: '/api/v1/people?q=lefèvre' })).json();
    expect(found.items.map((p: { name: string }) => p.name)).toContain('Émilie Lefèvre');
    const dup = await call(t, rm, {
      method: 'POST',
      url: '/api/v1/people',
      payload: { firstName: 'X', lastName: 'Y', email: 'emilie.lefevre@exemple.fr' },
    });
    expect(dup.json().error).toMatchObject({
      code: 'DUPLICATE_EMAIL',
      details: { issues: [{ path: ['body', 'email'] }] },
    });
    const self = await call(t, rm, {
      method: 'PATCH',
      url: `/api/v1/people/${boss.id}`,
      headers: { 'if-match': '"1"' },
      payload: { managerId: boss.id },
    });
    expect(self.json().error.code).toBe('HIERARCHY_CYCLE');
    for (let i = 0; i < 7; i++) await buildPerson(t, { orgUnitId: unit.id });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await call(t, rm, {
          url: `/api/v1/people?orgUnitId=${unit.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        })
      ).json();
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(9);
  });

  it('refuses a project manager who does not exist, naming the field', async () => {
    const pmo = (await signIn(t, 'pmo')).cookie;
    const portfolio = await buildPortfolio(t);
    const res = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/projects',
      payload: {
        code: `PRJ-${uniq()}`,
        name: 'Fantôme',
        portfolioId: portfolio.id,
        managerId: '00000000-0000-4000-8000-000000000001',
      },
    });
    expect(res.json().error).toMatchObject({
      code: 'PERSON_NOT_FOUND',
      details: { issues: [{ path: ['body', 'managerId'] }] },
    });
  });
});

describe('jobs', () => {
  it('purges audit events older than the retention period and keeps the others', async () => {
    const portfolio = await buildPortfolio(t);
    await buildProject(t, portfolio.id);
    await t.ctx.db.execute(
      sql`update audit_events set at = now() - interval '1000 days' where entity_id = ${portfolio.id}`,
    );
    const before = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from audit_events`,
    );
    const jobs = await startJobs(t.ctx, t.database, () => undefined);
    try {
      expect(await jobs.runNow('audit-retention')).toEqual({ deleted: 1 });
    } finally {
      await jobs.stop();
    }
    const after = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from audit_events`,
    );
    expect(after[0]!.n).toBe(before[0]!.n - 1);
  });
});

describe('org unit headcount', () => {
  it('counts the people of each unit', async () => {
    const unit = await buildOrgUnit(t);
    await buildPerson(t, { orgUnitId: unit.id });
    await buildPerson(t, { orgUnitId: unit.id });
    const list = (await call(t, rm, { url: '/api/v1/org-units' })).json();
    expect(list.items.find((u: { id: string }) => u.id === unit.id).headcount).toBe(2);
  });
});
