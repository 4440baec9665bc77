import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Contribution,
  ContributionList,
  Objective,
  ObjectiveList,
  ProjectRequest,
  StrategyMap,
} from '../../src/contracts/strategy.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';
import { buildMember, buildPerson, buildPortfolio, buildProject } from '../helpers/factories.ts';

let t: TestApp;
let pmo: string;
let executive: string;
let outsider: string;
let manager: string;
let contributor: string;
let projectA: string;
let projectB: string;
beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  executive = (await signIn(t, 'executive')).cookie;
  outsider = (await signIn(t, 'member')).cookie;
  const pf = await buildPortfolio(t);
  projectA = (await buildProject(t, pf.id)).id;
  projectB = (await buildProject(t, pf.id)).id;
  const pm = await buildPerson(t);
  await buildMember(t, projectA, pm.id, 'project_manager');
  manager = (await signIn(t, 'member', { personId: pm.id })).cookie;
  const c = await buildPerson(t);
  await buildMember(t, projectA, c.id, 'contributor');
  contributor = (await signIn(t, 'member', { personId: c.id })).cookie;
});
afterAll(async () => t?.close());

async function create(body: Record<string, unknown>, cookie = pmo) {
  return call(t, cookie, { method: 'POST', url: '/api/v1/strategy/objectives', payload: body });
}

async function tree(prefix: string) {
  const axis = Objective.parse(
    (
      await create({
        kind: 'axis',
        code: `${prefix}-AX`,
        title: 'Excellence opérationnelle',
        weight: 60,
      })
    ).json(),
  );
  const o1 = Objective.parse(
    (
      await create({
        kind: 'objective',
        parentId: axis.id,
        code: `${prefix}-O1`,
        title: 'Réduire le délai de paiement fournisseurs',
        weight: 2,
        horizon: 2028,
        targets: [
          {
            indicator: 'Délai moyen de paiement',
            unit: 'jours',
            baseline: 58,
            target: 35,
            dueDate: '2028-12-31',
          },
        ],
      })
    ).json(),
  );
  const o2 = Objective.parse(
    (
      await create({
        kind: 'objective',
        parentId: axis.id,
        code: `${prefix}-O2`,
        title: 'Certifier ISO 9001',
        weight: 1,
      })
    ).json(),
  );
  return { axis, o1, o2 };
}

describe('strategic objectives', () => {
  it('builds a tree with weights, targets and global shares; PMO only; audited', async () => {
    const p = uniq();
    const { axis, o1, o2 } = await tree(p);
    expect(o1.targets[0]).toMatchObject({ baseline: 58, target: 35, unit: 'jours', current: null });
    const list = ObjectiveList.parse(
      (await call(t, outsider, { method: 'GET', url: '/api/v1/strategy/objectives' })).json(),
    );
    const mine = list.items.filter((o) => o.code.startsWith(p));
    expect(mine.map((o) => o.code)).toEqual([`${p}-AX`, `${p}-O1`, `${p}-O2`]);
    // The two objectives share their axis's share 2:1.
    const share = mine[0]!.globalWeight;
    expect(mine[1]!.globalWeight).toBeCloseTo((share * 2) / 3, 12);
    expect(mine[2]!.globalWeight).toBeCloseTo(share / 3, 12);

    expect((await create({ kind: 'axis', code: `${p}-X`, title: 'x' }, manager)).statusCode).toBe(
      403,
    );
    // An objective needs an axis; an axis no parent; codes are unique.
    const orphan = await create({ kind: 'objective', code: `${p}-Z`, title: 'Sans axe' });
    expect(orphan.statusCode).toBe(400);
    expect(JSON.stringify(orphan.json().error.details)).toContain('parentId');
    const underObjective = await create({
      kind: 'objective',
      parentId: o1.id,
      code: `${p}-Y`,
      title: 'y',
    });
    expect(underObjective.statusCode).toBe(400);
    expect(
      (await create({ kind: 'axis', code: `${p}-AX`, title: 'doublon' })).json().error.code,
    ).toBe('DUPLICATE_CODE');
    const badTarget = await create({
      kind: 'objective',
      parentId: axis.id,
      code: `${p}-T`,
      title: 't',
      targets: [{ indicator: 'x', baseline: 1, target: 2, dueDate: '2028-02-30' }],
    });
    expect(badTarget.statusCode).toBe(400);
    expect(JSON.stringify(badTarget.json().error.details)).toContain('dueDate');

    // Versioned edits: If-Match required, stale → 412 with the current state.
    const url = `/api/v1/strategy/objectives/${o2.id}`;
    const noMatch = await call(t, pmo, { method: 'PATCH', url, payload: { weight: 3 } });
    expect(noMatch.statusCode).toBe(428);
    const ok = await call(t, pmo, {
      method: 'PATCH',
      url,
      headers: { 'if-match': '"1"' },
      payload: {
        weight: 3,
        targets: [
          {
            indicator: 'Sites certifiés',
            unit: '',
            baseline: 0,
            target: 6,
            current: 2,
            dueDate: '2027-06-30',
          },
        ],
      },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const staleRes = await call(t, pmo, {
      method: 'PATCH',
      url,
      headers: { 'if-match': '"1"' },
      payload: { weight: 1 },
    });
    expect(staleRes.statusCode).toBe(412);
    expect(staleRes.json().error.details.current).toMatchObject({ weight: 3, version: 2 });

    // An axis with objectives cannot go; an objective can.
    const axisDel = await call(t, pmo, {
      method: 'DELETE',
      url: `/api/v1/strategy/objectives/${axis.id}`,
      headers: { 'if-match': '"1"' },
    });
    expect(axisDel.statusCode).toBe(409);
    expect(axisDel.json().error.code).toBe('OBJECTIVE_HAS_CHILDREN');
    const del = await call(t, pmo, { method: 'DELETE', url, headers: { 'if-match': '"2"' } });
    expect(del.statusCode).toBe(204);
    expect((await call(t, pmo, { method: 'GET', url })).json().error.code).toBe(
      'OBJECTIVE_NOT_FOUND',
    );

    const audit = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/audit?entityType=strategic_objective&entityId=${o2.id}`,
    });
    const actions = (audit.json() as { items: { action: string }[] }).items.map((e) => e.action);
    expect(actions.sort()).toEqual(['create', 'delete', 'update']);
  });
});

describe('contributions and the strategy map', () => {
  it('lets the project manager declare, hides them from outsiders, and maps the coverage', async () => {
    const { o1, o2 } = await tree(uniq());
    const declare = (cookie: string, body: Record<string, unknown>) =>
      call(t, cookie, { method: 'POST', url: '/api/v1/strategy/contributions', payload: body });

    const res = await declare(manager, {
      objectiveId: o1.id,
      projectId: projectA,
      level: 3,
      comment: 'Cœur du projet',
    });
    expect(res.statusCode).toBe(201);
    const c = Contribution.parse(res.json());
    // Twice the same pair is a conflict; a contributor may not declare; an outsider sees nothing.
    expect(
      (await declare(manager, { objectiveId: o1.id, projectId: projectA, level: 1 })).statusCode,
    ).toBe(409);
    expect(
      (await declare(contributor, { objectiveId: o2.id, projectId: projectA, level: 1 }))
        .statusCode,
    ).toBe(403);
    const hidden = await declare(outsider, { objectiveId: o2.id, projectId: projectA, level: 1 });
    expect(hidden.json().error.code).toBe('PROJECT_NOT_FOUND');
    const outsiderPatch = await call(t, outsider, {
      method: 'PATCH',
      url: `/api/v1/strategy/contributions/${c.id}`,
      headers: { 'if-match': '"1"' },
      payload: { level: 1 },
    });
    expect(outsiderPatch.json().error.code).toBe('CONTRIBUTION_NOT_FOUND');
    // An axis takes no contribution; a level beyond 3 names the field.
    const bad = await declare(manager, { objectiveId: o1.id, projectId: projectA, level: 4 });
    expect(JSON.stringify(bad.json().error.details)).toContain('level');

    const listed = ContributionList.parse(
      (
        await call(t, contributor, {
          method: 'GET',
          url: `/api/v1/projects/${projectA}/contributions`,
        })
      ).json(),
    );
    expect(listed.items).toEqual([expect.objectContaining({ objectiveId: o1.id, level: 3 })]);
    expect(
      (
        await call(t, outsider, {
          method: 'GET',
          url: `/api/v1/projects/${projectA}/contributions`,
        })
      ).statusCode,
    ).toBe(404);

    // Change it (versioned), then map.
    const patched = await call(t, manager, {
      method: 'PATCH',
      url: `/api/v1/strategy/contributions/${c.id}`,
      headers: { 'if-match': '"1"' },
      payload: { level: 2 },
    });
    expect(patched.statusCode).toBe(200);
    expect(
      (
        await call(t, manager, {
          method: 'PATCH',
          url: `/api/v1/strategy/contributions/${c.id}`,
          headers: { 'if-match': '"1"' },
          payload: { level: 3 },
        })
      ).statusCode,
    ).toBe(412);

    // A candidate (request) contributes too: declared by the PMO.
    const req = ProjectRequest.parse(
      (
        await call(t, outsider, {
          method: 'POST',
          url: '/api/v1/strategy/requests',
          payload: {
            title: 'Certification ISO 9001 des sites',
            problem: 'Exigence clients grands comptes.',
          },
        })
      ).json(),
    );
    expect(
      (await declare(outsider, { objectiveId: o2.id, requestId: req.id, level: 3 })).statusCode,
    ).toBe(403);
    expect(
      (await declare(pmo, { objectiveId: o2.id, requestId: req.id, level: 3 })).statusCode,
    ).toBe(201);
    const reqList = ContributionList.parse(
      (
        await call(t, outsider, {
          method: 'GET',
          url: `/api/v1/strategy/requests/${req.id}/contributions`,
        })
      ).json(),
    );
    expect(reqList.items).toHaveLength(1);

    expect(
      (await call(t, manager, { method: 'GET', url: '/api/v1/strategy/map' })).statusCode,
    ).toBe(403);
    const map = StrategyMap.parse(
      (await call(t, executive, { method: 'GET', url: '/api/v1/strategy/map' })).json(),
    );
    const m1 = map.objectives.find((o) => o.id === o1.id)!;
    const m2 = map.objectives.find((o) => o.id === o2.id)!;
    expect(m1).toMatchObject({ contributors: 1, contributions: [{ itemId: projectA, level: 2 }] });
    expect(m1.weightedContribution).toBeCloseTo((m1.globalWeight * 2) / 3, 12);
    expect(m2).toMatchObject({ contributors: 0, candidateContributors: 1 });
    expect(map.uncovered).toContain(o2.id);
    expect(map.uncovered).not.toContain(o1.id);
    expect(map.orphans).toContain(projectB);
    expect(map.orphans).not.toContain(projectA);
    expect(map.projects.find((p) => p.id === projectA)!.alignment).toBeCloseTo(
      (m1.globalWeight * 2) / 3,
      12,
    );
    expect(map.candidates.find((x) => x.id === req.id)!.objectiveCount).toBe(1);

    // Withdrawing it puts projectA back among the orphans; the trail names the project.
    expect(
      (
        await call(t, manager, {
          method: 'DELETE',
          url: `/api/v1/strategy/contributions/${c.id}`,
          headers: { 'if-match': '"2"' },
        })
      ).statusCode,
    ).toBe(204);
    const after = StrategyMap.parse(
      (await call(t, pmo, { method: 'GET', url: '/api/v1/strategy/map' })).json(),
    );
    expect(after.orphans).toContain(projectA);
    const audit = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/audit?entityType=strategy_contribution&entityId=${c.id}`,
    });
    expect((audit.json() as { items: unknown[] }).items).toHaveLength(3);
  });
});
