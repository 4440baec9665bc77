// The project lists' fast paths give exactly the rows of the portfolio's visibility rule: a
// member's list is read from their memberships, managed and sponsored projects first (not by
// testing every project of the portfolio), and must stay the same set, once each, in order,
// page after page.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_SORTS, ProjectList, ProjectListQuery } from '../../src/contracts/portfolio.ts';
import { projects } from '../../src/server/modules/portfolio/portfolio.tables.ts';
import { visibleCondition } from '../../src/server/modules/portfolio/portfolio.repository.ts';
import {
  listProjects,
  listProjectsJson,
} from '../../src/server/modules/portfolio/portfolio.service.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import { buildMember, buildPerson, buildPortfolio, buildProject } from '../helpers/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("a member's project lists", () => {
  it('list the projects they belong to, manage or sponsor, once each, in every order, page after page', async () => {
    const portfolio = await buildPortfolio(t);
    const elsewhere = await buildPortfolio(t);
    const person = await buildPerson(t);
    const colleague = await buildPerson(t);
    const member = await buildProject(t, portfolio.id, { plannedStart: '2027-02-01' });
    await buildMember(t, member.id, person.id, 'contributor');
    const twice = await buildProject(t, portfolio.id, { managerId: person.id });
    await buildMember(t, twice.id, person.id, 'contributor'); // manager and member: one row
    await buildProject(t, portfolio.id, { sponsorId: person.id, plannedEnd: '2027-05-31' });
    await buildProject(t, portfolio.id, { managerId: person.id, sponsorId: person.id });
    await buildProject(t, portfolio.id, { parentId: member.id, managerId: person.id });
    const onHold = await buildProject(t, portfolio.id, { status: 'on_hold' });
    await buildMember(t, onHold.id, person.id, 'reader');
    const archived = await buildProject(t, portfolio.id, { managerId: person.id });
    await t.ctx.db
      .update(projects)
      .set({ archivedAt: new Date() })
      .where(eq(projects.id, archived.id));
    // Not theirs: a colleague's project, and theirs in another portfolio (filtered out).
    const notMine = await buildProject(t, portfolio.id, { managerId: colleague.id });
    await buildMember(t, notMine.id, colleague.id, 'contributor');
    const other = await buildProject(t, elsewhere.id, { managerId: person.id });
    await buildMember(t, other.id, person.id, 'contributor');

    const { actor, cookie } = await signIn(t, 'member', { personId: person.id });
    const visible = { all: false as const, personId: person.id };
    for (const status of [undefined, ['active']] as const) {
      // The rule every other module uses, read directly.
      const expected = await t.ctx.db
        .select({ id: projects.id })
        .from(projects)
        .where(
          and(
            visibleCondition(visible),
            eq(projects.portfolioId, portfolio.id),
            isNull(projects.archivedAt),
            status ? eq(projects.status, status[0]) : undefined,
          ),
        )
        .orderBy(asc(projects.id));
      expect(expected).toHaveLength(status ? 5 : 6);
      for (const sort of PROJECT_SORTS) {
        for (const order of ['asc', 'desc'] as const) {
          const query = ProjectListQuery.parse({
            portfolioId: portfolio.id,
            status,
            sort,
            order,
            limit: 2,
          });
          const what = `${status ?? 'all'} ${sort} ${order}`;
          const mapped: string[] = [];
          const json: string[] = [];
          let mappedCursor: string | undefined;
          let jsonCursor: string | undefined;
          for (let page = 0; page < 10; page++) {
            const a = await listProjects(t.ctx, actor, { ...query, cursor: mappedCursor });
            const b = ProjectList.parse(
              JSON.parse(await listProjectsJson(t.ctx, actor, { ...query, cursor: jsonCursor })),
            );
            expect(b.items, `${what} page ${page}`).toEqual(a.items);
            mapped.push(...a.items.map((p) => p.id));
            json.push(...b.items.map((p) => p.id));
            if (!a.nextCursor || !b.nextCursor) {
              expect(a.nextCursor, what).toBe(b.nextCursor);
              break;
            }
            mappedCursor = a.nextCursor;
            jsonCursor = b.nextCursor;
          }
          expect([...json].sort(), what).toEqual(expected.map((r) => r.id));
          expect(new Set(json).size, what).toBe(json.length);
        }
      }
    }
    // Through the API, as the bench asks it.
    const res = await call(t, cookie, {
      url: `/api/v1/projects?portfolioId=${portfolio.id}&status=active&sort=code&limit=50`,
    });
    expect(res.statusCode).toBe(200);
    const items = ProjectList.parse(res.json()).items;
    expect(items.map((p) => p.id)).not.toContain(notMine.id);
    expect(items.find((p) => p.id === member.id)?.childCount).toBe(1);
  });

  it('list nothing for an account linked to no person', async () => {
    const portfolio = await buildPortfolio(t);
    await buildProject(t, portfolio.id);
    const { cookie } = await signIn(t, 'member');
    const res = await call(t, cookie, { url: `/api/v1/projects?portfolioId=${portfolio.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
  });
});

describe('security headers', () => {
  it('are on every response: a list, a refusal before any handler, an unknown route, a public probe', async () => {
    const { cookie } = await signIn(t, 'pmo');
    const responses = [
      await call(t, cookie, { url: '/api/v1/projects?limit=1' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/projects' }), // no session: 401
      await call(t, cookie, { url: '/api/v1/nothing-here' }),
      await t.app.inject({ method: 'GET', url: '/livez' }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 401, 404, 200]);
    for (const res of responses) {
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'",
      );
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
      });
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});
