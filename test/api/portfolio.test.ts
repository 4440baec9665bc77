import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectList } from '../../src/contracts/portfolio.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';
import {
  buildMember,
  buildOrgUnit,
  buildPerson,
  buildPortfolio,
  buildProgram,
  buildProject,
} from '../helpers/factories.ts';

let t: TestApp;
let pmo: string;
beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
});
afterAll(async () => t?.close());

describe('projects in the portfolio tree', () => {
  it('creates a project under a programme, shows it in the list and the tree, with its breadcrumb', async () => {
    const portfolio = await buildPortfolio(t);
    const program = await buildProgram(t, portfolio.id);
    const manager = await buildPerson(t, { firstName: 'Thomas', lastName: 'Bernard' });
    const res = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/projects',
      payload: {
        code: 'prj-2027-014',
        name: 'Refonte CRM',
        portfolioId: portfolio.id,
        programId: program.id,
        managerId: manager.id,
        plannedStart: '2027-01-04',
        plannedEnd: '2027-06-30',
        tags: ['CRM'],
        customFields: { budgetClass: 'A', capex: true },
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const project = res.json();
    expect(project).toMatchObject({
      code: 'PRJ-2027-014',
      status: 'proposed',
      priority: 'medium',
      program: { id: program.id },
      manager: { name: 'Thomas Bernard' },
      customFields: { budgetClass: 'A', capex: true },
    });
    const sub = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/projects',
      payload: {
        code: 'PRJ-2027-014-A',
        name: 'Lot 1',
        portfolioId: portfolio.id,
        parentId: project.id,
      },
    });
    expect(sub.json()).toMatchObject({
      parentId: project.id,
      program: { id: program.id },
      ancestors: [{ id: project.id, code: 'PRJ-2027-014' }],
    });
    const subSub = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/projects',
      payload: {
        code: 'PRJ-2027-014-A1',
        name: 'Lot 1.1',
        portfolioId: portfolio.id,
        parentId: sub.json().id,
      },
    });
    const read = await call(t, pmo, { url: `/api/v1/projects/${subSub.json().id}` });
    expect(read.json().ancestors).toEqual([
      { id: project.id, code: 'PRJ-2027-014', name: project.name },
      { id: sub.json().id, code: 'PRJ-2027-014-A', name: 'Lot 1' },
    ]);
    const list = await call(t, pmo, { url: `/api/v1/projects?programId=${program.id}` });
    expect(list.json().items.map((p: { code: string }) => p.code)).toEqual([
      'PRJ-2027-014',
      'PRJ-2027-014-A',
      'PRJ-2027-014-A1',
    ]);
    expect(list.json().items[0].childCount).toBe(1);
    const tree = (await call(t, pmo, { url: '/api/v1/tree' })).json();
    const node = tree.items.find((p: { id: string }) => p.id === portfolio.id);
    expect(node.projectCount).toBe(3);
    expect(node.programs[0]).toMatchObject({ id: program.id, projectCount: 3 });
  });

  it('lists every issue of an invalid project, with its path', async () => {
    const res = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/projects',
      payload: { code: 'x', name: '', portfolioId: 'nope', plannedStart: '2027-02-30' },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.issues.map((i: { path: string[] }) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['body.code', 'body.name', 'body.portfolioId', 'body.plannedStart']),
    );
  });

  it('refuses an end before the start, a duplicate code and a programme of another portfolio', async () => {
    const a = await buildPortfolio(t);
    const b = await buildPortfolio(t);
    const programOfB = await buildProgram(t, b.id);
    const dates = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/projects',
      payload: {
        code: `PRJ-${uniq()}`,
        name: 'Dates',
        portfolioId: a.id,
        plannedStart: '2027-05-01',
        plannedEnd: '2027-04-01',
      },
    });
    expect(dates.json().error.details.issues[0].path).toEqual(['body', 'plannedEnd']);
    const existing = await buildProject(t, a.id);
    const dup = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/projects',
      payload: { code: existing.code, name: 'Doublon', portfolioId: a.id },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({
      code: 'DUPLICATE_CODE',
      details: { issues: [{ path: ['body', 'code'] }] },
    });
    const mismatch = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/projects',
      payload: {
        code: `PRJ-${uniq()}`,
        name: 'Mauvais programme',
        portfolioId: a.id,
        programId: programOfB.id,
      },
    });
    expect(mismatch.json().error.code).toBe('HIERARCHY_MISMATCH');
  });
});

describe('editing with optimistic concurrency', () => {
  it('needs If-Match, refuses a stale version with the current state, and never loses an update', async () => {
    const portfolio = await buildPortfolio(t);
    const project = await buildProject(t, portfolio.id);
    const url = `/api/v1/projects/${project.id}`;
    const missing = await call(t, pmo, { method: 'PATCH', url, payload: { name: 'Sans version' } });
    expect(missing.statusCode).toBe(428);
    const first = await call(t, pmo, {
      method: 'PATCH',
      url,
      headers: { 'if-match': '"1"' },
      payload: { name: 'Alice a renommé' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    const second = await call(t, pmo, {
      method: 'PATCH',
      url,
      headers: { 'if-match': '"1"' },
      payload: { name: 'Bob écrase ?' },
    });
    expect(second.statusCode).toBe(412);
    expect(second.json().error).toMatchObject({
      code: 'VERSION_MISMATCH',
      details: { current: { name: 'Alice a renommé', version: 2 } },
    });
    expect((await call(t, pmo, { url })).json().name).toBe('Alice a renommé');
  });

  it('records each change in the history with the fields before and after', async () => {
    const portfolio = await buildPortfolio(t);
    const project = await buildProject(t, portfolio.id);
    const url = `/api/v1/projects/${project.id}`;
    await call(t, pmo, {
      method: 'PATCH',
      url,
      headers: { 'if-match': '"1"' },
      payload: { status: 'on_hold', priority: 'high' },
    });
    const history = (await call(t, pmo, { url: `${url}/history` })).json();
    expect(history.items).toHaveLength(2);
    expect(history.items[0]).toMatchObject({
      action: 'update',
      entityType: 'project',
      changes: {
        status: { before: 'active', after: 'on_hold' },
        priority: { before: 'medium', after: 'high' },
      },
    });
    expect(Object.keys(history.items[0].changes)).toEqual(['status', 'priority']);
    expect(history.items[0].actor.name).toBe('Utilisateur pmo');
    expect(history.items[1].action).toBe('create');
    const onlyUpdates = (await call(t, pmo, { url: `${url}/history?action=create` })).json();
    expect(onlyUpdates.items.map((e: { action: string }) => e.action)).toEqual(['create']);
  });

  it('moves a project to another portfolio with its sub-projects, and refuses a cycle', async () => {
    const a = await buildPortfolio(t);
    const b = await buildPortfolio(t);
    const parent = await buildProject(t, a.id);
    const child = await buildProject(t, a.id, { parentId: parent.id });
    const cycle = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/projects/${parent.id}`,
      headers: { 'if-match': '"1"' },
      payload: { parentId: child.id },
    });
    expect(cycle.json().error.code).toBe('HIERARCHY_CYCLE');
    const moved = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/projects/${parent.id}`,
      headers: { 'if-match': '"1"' },
      payload: { portfolioId: b.id },
    });
    expect(moved.json().portfolio.id).toBe(b.id);
    expect((await call(t, pmo, { url: `/api/v1/projects/${child.id}` })).json().portfolio.id).toBe(
      b.id,
    );
  });

  it('archives a project with its sub-projects and restores them', async () => {
    const portfolio = await buildPortfolio(t);
    const parent = await buildProject(t, portfolio.id);
    await buildProject(t, portfolio.id, { parentId: parent.id });
    const archived = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/projects/${parent.id}/archive`,
      headers: { 'if-match': '"1"' },
    });
    expect(archived.json().archived).toBe(true);
    expect(
      (await call(t, pmo, { url: `/api/v1/projects?portfolioId=${portfolio.id}` })).json().items,
    ).toHaveLength(0);
    expect(
      (
        await call(t, pmo, {
          url: `/api/v1/projects?portfolioId=${portfolio.id}&includeArchived=true`,
        })
      ).json().items,
    ).toHaveLength(2);
    const restored = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/projects/${parent.id}/restore`,
      headers: { etag: '', 'if-match': archived.headers.etag! },
    });
    expect(restored.json().archived).toBe(false);
    expect(
      (await call(t, pmo, { url: `/api/v1/projects?portfolioId=${portfolio.id}` })).json().items,
    ).toHaveLength(2);
  });
});

describe('lists', () => {
  it('pages through every project exactly once, in order, for each sort', async () => {
    const portfolio = await buildPortfolio(t);
    const codes: string[] = [];
    for (let i = 0; i < 23; i++) {
      const p = await buildProject(t, portfolio.id, {
        code: `PG-${String(i).padStart(2, '0')}-${uniq()}`,
        plannedStart: i % 4 === 0 ? null : `2027-0${1 + (i % 5)}-1${i % 9}`,
      });
      codes.push(p.code);
    }
    for (const sort of ['code', 'name', 'plannedStart', 'updatedAt'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const q: string = `/api/v1/projects?portfolioId=${portfolio.id}&sort=${sort}&order=${order}&limit=5${cursor ? `&cursor=${cursor}` : ''}`;
          // Lists skip zod at serialisation: check each page against the contract here.
          const page = ProjectList.parse((await call(t, pmo, { url: q })).json());
          seen.push(...page.items.map((p: { code: string }) => p.code));
          cursor = page.nextCursor;
          pages++;
        } while (cursor && pages < 20);
        expect(new Set(seen).size, `${sort} ${order}`).toBe(23);
        expect([...seen].sort()).toEqual([...codes].sort());
      }
    }
  });

  it('filters by status, manager, org unit and text', async () => {
    const portfolio = await buildPortfolio(t);
    const unit = await buildOrgUnit(t);
    const manager = await buildPerson(t);
    await buildProject(t, portfolio.id, {
      name: 'Conformité DORA',
      status: 'active',
      managerId: manager.id,
      orgUnitId: unit.id,
    });
    await buildProject(t, portfolio.id, { name: 'Portail client', status: 'on_hold' });
    await buildProject(t, portfolio.id, { name: 'Data 100%', status: 'closed' });
    const q = (s: string) =>
      call(t, pmo, { url: `/api/v1/projects?portfolioId=${portfolio.id}&${s}` }).then((r) =>
        r.json().items.map((p: { name: string }) => p.name),
      );
    expect(await q('status=active&status=on_hold')).toHaveLength(2);
    expect(await q(`managerId=${manager.id}`)).toEqual(['Conformité DORA']);
    expect(await q(`orgUnitId=${unit.id}`)).toEqual(['Conformité DORA']);
    expect(await q('q=dora')).toEqual(['Conformité DORA']);
    expect(await q('q=100%25')).toEqual(['Data 100%']);
    expect(await q('q=%25')).toEqual(['Data 100%']);
  });

  it('rejects a tampered cursor', async () => {
    const res = await call(t, pmo, { url: '/api/v1/projects?cursor=garbage' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('what a member sees', () => {
  it('sees only the projects they belong to, in lists, the tree, details and history', async () => {
    const portfolio = await buildPortfolio(t);
    const person = await buildPerson(t);
    const mine = await buildProject(t, portfolio.id);
    const managed = await buildProject(t, portfolio.id, { managerId: person.id });
    const other = await buildProject(t, portfolio.id);
    await buildMember(t, mine.id, person.id, 'contributor');
    const { cookie } = await signIn(t, 'member', { personId: person.id });
    const list = (
      await call(t, cookie, { url: `/api/v1/projects?portfolioId=${portfolio.id}` })
    ).json();
    expect(list.items.map((p: { id: string }) => p.id).sort()).toEqual(
      [mine.id, managed.id].sort(),
    );
    const tree = (await call(t, cookie, { url: '/api/v1/tree' })).json();
    expect(tree.items.find((p: { id: string }) => p.id === portfolio.id).projectCount).toBe(2);
    for (const suffix of ['', '/history', '/members']) {
      const res = await call(t, cookie, { url: `/api/v1/projects/${other.id}${suffix}` });
      expect(res.statusCode, suffix).toBe(404);
      expect(res.json().error.code).toBe('PROJECT_NOT_FOUND');
    }
    const detail = (await call(t, cookie, { url: `/api/v1/projects/${mine.id}` })).json();
    expect(detail).toMatchObject({
      myRoles: ['contributor'],
      can: { update: false, archive: false, manageMembers: false },
    });
    const asManager = (await call(t, cookie, { url: `/api/v1/projects/${managed.id}` })).json();
    expect(asManager).toMatchObject({
      myRoles: ['project_manager'],
      can: { update: true, archive: false, manageMembers: true, createSubProject: true },
    });
    const edit = await call(t, cookie, {
      method: 'PATCH',
      url: `/api/v1/projects/${mine.id}`,
      headers: { 'if-match': '"1"' },
      payload: { name: 'Pirate' },
    });
    expect(edit.statusCode).toBe(403);
  });

  it('sees only the programmes and portfolios that hold a project of theirs', async () => {
    const visible = await buildPortfolio(t);
    const hidden = await buildPortfolio(t);
    const person = await buildPerson(t);
    const mineProgram = await buildProgram(t, visible.id);
    const otherProgram = await buildProgram(t, visible.id);
    const hiddenProgram = await buildProgram(t, hidden.id);
    const mine = await buildProject(t, visible.id, { programId: mineProgram.id });
    await buildProject(t, visible.id, { programId: otherProgram.id });
    await buildProject(t, hidden.id, { programId: hiddenProgram.id });
    await buildMember(t, mine.id, person.id, 'contributor');
    const { cookie } = await signIn(t, 'member', { personId: person.id });

    const programs = (await call(t, cookie, { url: '/api/v1/programs' })).json();
    const programIds = programs.items.map((g: { id: string }) => g.id);
    expect(programIds).toContain(mineProgram.id);
    expect(programIds).not.toContain(otherProgram.id);
    expect(programIds).not.toContain(hiddenProgram.id);
    for (const id of [otherProgram.id, hiddenProgram.id]) {
      const res = await call(t, cookie, { url: `/api/v1/programs/${id}` });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('PROGRAM_NOT_FOUND');
    }
    const tree = (await call(t, cookie, { url: '/api/v1/tree' })).json();
    const portfolioIds = tree.items.map((p: { id: string }) => p.id);
    expect(portfolioIds).toContain(visible.id);
    expect(portfolioIds).not.toContain(hidden.id);
    const node = tree.items.find((p: { id: string }) => p.id === visible.id);
    expect(node.programs.map((g: { id: string }) => g.id)).toEqual([mineProgram.id]);
    const portfolio = (await call(t, cookie, { url: `/api/v1/portfolios/${visible.id}` })).json();
    expect(portfolio.programCount).toBe(1);
    expect((await call(t, cookie, { url: `/api/v1/portfolios/${hidden.id}` })).statusCode).toBe(
      404,
    );
    // The PMO still sees everything.
    const all = (await call(t, pmo, { url: '/api/v1/programs' })).json();
    expect(all.items.map((g: { id: string }) => g.id)).toContain(hiddenProgram.id);
  });

  it('lets a project manager add members and create sub-projects they then run', async () => {
    const portfolio = await buildPortfolio(t);
    const pm = await buildPerson(t);
    const helper = await buildPerson(t);
    const project = await buildProject(t, portfolio.id, { managerId: pm.id });
    const { cookie } = await signIn(t, 'member', { personId: pm.id });
    const added = await call(t, cookie, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/members`,
      payload: { personId: helper.id, role: 'contributor' },
    });
    expect(added.statusCode).toBe(201);
    const again = await call(t, cookie, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/members`,
      payload: { personId: helper.id, role: 'reader' },
    });
    expect(again.json().error.code).toBe('CONFLICT');
    const sub = await call(t, cookie, {
      method: 'POST',
      url: '/api/v1/projects',
      payload: {
        code: `PRJ-${uniq()}`,
        name: 'Lot 2',
        portfolioId: portfolio.id,
        parentId: project.id,
      },
    });
    expect(sub.statusCode).toBe(201);
    expect(sub.json().manager.id).toBe(pm.id);
    const top = await call(t, cookie, {
      method: 'POST',
      url: '/api/v1/projects',
      payload: { code: `PRJ-${uniq()}`, name: 'Hors périmètre', portfolioId: portfolio.id },
    });
    expect(top.statusCode).toBe(403);
    const removed = await call(t, cookie, {
      method: 'DELETE',
      url: `/api/v1/projects/${project.id}/members/${added.json().id}`,
    });
    expect(removed.statusCode).toBe(204);
    const members = (
      await call(t, cookie, { url: `/api/v1/projects/${project.id}/members` })
    ).json();
    expect(members.items).toHaveLength(0);
    const history = (
      await call(t, cookie, { url: `/api/v1/projects/${project.id}/history` })
    ).json();
    expect(
      history.items
        .filter((e: { entityType: string }) => e.entityType === 'project_member')
        .map((e: { action: string }) => e.action),
    ).toEqual(['delete', 'create']);
  });
});

describe('portfolios and programmes', () => {
  it('creates, renames with If-Match and archives a portfolio; audit shows it', async () => {
    const admin = (await signIn(t, 'admin')).cookie;
    const created = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/portfolios',
      payload: { code: `PF-${uniq()}`, name: 'Innovation' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const renamed = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/portfolios/${id}`,
      headers: { 'if-match': created.headers.etag! },
      payload: { name: 'Innovation & R&D', archived: true },
    });
    expect(renamed.json()).toMatchObject({ name: 'Innovation & R&D', archived: true, version: 2 });
    const audit = (
      await call(t, admin, { url: `/api/v1/audit?entityType=portfolio&entityId=${id}` })
    ).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(audit.items[0].changes).toEqual({
      name: { before: 'Innovation', after: 'Innovation & R&D' },
      archived: { before: false, after: true },
    });
  });
});
