import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanChange } from '../../src/contracts/planning.ts';
import {
  Issue,
  IssueList,
  RaidAction,
  RaidTaskOptionList,
  RiskTaskImpacts,
} from '../../src/contracts/raid.ts';
import { RiskDetail } from '../../src/contracts/risks.ts';
import { SimModel, SimRun } from '../../src/contracts/sim.ts';
import { programs } from '../../src/server/modules/portfolio/portfolio.tables.ts';
import { waitForRun } from '../../src/server/modules/sim/sim.service.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import {
  buildMember,
  buildPerson,
  buildPortfolio,
  buildProgram,
  buildProject,
} from '../helpers/factories.ts';

// Issue escalation, the WBS task pickers of the RAID forms, and register risks as events of
// the schedule risk simulation (issue 7).

let t: TestApp;
let pmo: string;
let manager: string;
let programManager: string;
let outsider: string;
let portfolioId: string;
let programId: string;
let projectId: string;
let loneProjectId: string;
let otherTask: string;
let phase: string;
let taskA: string;
let taskB: string;

const post = (cookie: string, url: string, payload: object, version?: number) =>
  call(t, cookie, {
    method: 'POST',
    url,
    payload,
    ...(version === undefined ? {} : { headers: { 'if-match': `"${version}"` } }),
  });
const put = (cookie: string, url: string, payload: object, version?: number) =>
  call(t, cookie, {
    method: 'PUT',
    url,
    payload,
    ...(version === undefined ? {} : { headers: { 'if-match': `"${version}"` } }),
  });

beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  portfolioId = (await buildPortfolio(t)).id;
  const pgm = await buildPerson(t);
  programId = (await buildProgram(t, portfolioId)).id;
  await t.ctx.db.update(programs).set({ managerId: pgm.id }).where(eq(programs.id, programId));
  projectId = (await buildProject(t, portfolioId, { programId, plannedStart: '2027-01-04' })).id;
  loneProjectId = (await buildProject(t, portfolioId, { plannedStart: '2027-01-04' })).id;
  const pm = await buildPerson(t);
  await buildMember(t, projectId, pm.id, 'project_manager');
  await buildMember(t, loneProjectId, pm.id, 'project_manager');
  manager = (await signIn(t, 'member', { personId: pm.id })).cookie;
  programManager = (await signIn(t, 'member', { personId: pgm.id })).cookie;
  outsider = (await signIn(t, 'member', { personId: (await buildPerson(t)).id })).cookie;

  const add = async (project: string, body: object) => {
    const res = await post(pmo, `/api/v1/projects/${project}/plan/tasks`, body);
    expect(res.statusCode, res.body).toBe(201);
    return PlanChange.parse(res.json()).createdTaskIds[0]!;
  };
  phase = await add(projectId, { name: 'Réalisation', duration: 1 });
  taskA = await add(projectId, { name: 'Développement', duration: 10, parentId: phase });
  taskB = await add(projectId, { name: 'Recette utilisateurs', duration: 5, parentId: phase });
  otherTask = await add(loneProjectId, { name: 'Ailleurs', duration: 3 });
  const link = await post(pmo, `/api/v1/projects/${projectId}/plan/links`, {
    fromTaskId: taskA,
    toTaskId: taskB,
  });
  expect(link.statusCode, link.body).toBe(201);
  const line = await post(pmo, `/api/v1/projects/${projectId}/budget/lines`, {
    label: 'Intégrateur',
    category: 'external_services',
    nature: 'opex',
    amounts: [{ month: '2027-01', amount: 10_000_000 }],
  });
  expect(line.statusCode, line.body).toBe(201);
});
afterAll(async () => t?.close());

async function createIssue(cookie: string, body: object, where = projectId) {
  const res = await post(cookie, `/api/v1/projects/${where}/issues`, body);
  expect(res.statusCode, res.body).toBe(201);
  return Issue.parse(res.json());
}

describe('task pickers', () => {
  it('searches the WBS by name or code, in WBS order; leaves only on demand; invisible → 404', async () => {
    const url = `/api/v1/projects/${projectId}/raid-tasks`;
    const all = RaidTaskOptionList.parse((await call(t, manager, { url })).json()).items;
    expect(all.map((x) => `${x.wbs} ${x.name}`)).toEqual([
      '1 Réalisation',
      '1.1 Développement',
      '1.2 Recette utilisateurs',
    ]);
    const byName = RaidTaskOptionList.parse(
      (await call(t, manager, { url: `${url}?q=recette` })).json(),
    ).items;
    expect(byName.map((x) => x.id)).toEqual([taskB]);
    const byCode = RaidTaskOptionList.parse(
      (await call(t, manager, { url: `${url}?q=1.1` })).json(),
    ).items;
    expect(byCode.map((x) => x.id)).toEqual([taskA]);
    const leaves = RaidTaskOptionList.parse(
      (await call(t, manager, { url: `${url}?leaves=true` })).json(),
    ).items;
    expect(leaves.map((x) => x.id)).toEqual([taskA, taskB]);
    const hidden = await call(t, outsider, { url });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('PROJECT_NOT_FOUND');
  });

  it('an issue and an action name a task of their project; another project’s task → 400', async () => {
    const bad = await post(manager, `/api/v1/projects/${projectId}/issues`, {
      title: 'Retard de livraison',
      taskId: otherTask,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: ['body', 'taskId'] }] },
    });
    const issue = await createIssue(manager, { title: 'Retard de livraison', taskId: taskB });
    expect(issue.task).toEqual({ id: taskB, name: '1.2 Recette utilisateurs' });
    const moved = await call(t, manager, {
      method: 'PATCH',
      url: `/api/v1/issues/${issue.id}`,
      payload: { taskId: taskA },
      headers: { 'if-match': `"${issue.version}"` },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(Issue.parse(moved.json()).task?.name).toBe('1.1 Développement');

    const action = await post(manager, '/api/v1/actions', {
      sourceType: 'issue',
      sourceId: issue.id,
      title: 'Relancer le fournisseur',
      taskId: taskA,
    });
    expect(action.statusCode, action.body).toBe(201);
    expect(RaidAction.parse(action.json()).task).toEqual({ id: taskA, name: '1.1 Développement' });
    const wrong = await post(manager, '/api/v1/actions', {
      sourceType: 'issue',
      sourceId: issue.id,
      title: 'Ailleurs',
      taskId: otherTask,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.issues[0].path).toEqual(['body', 'taskId']);
  });
});

describe('issue escalation', () => {
  it('raises an issue to its programme then its portfolio, with reason, If-Match and audit', async () => {
    const issue = await createIssue(manager, { title: 'Blocage juridique', priority: 'high' });
    const quiet = await createIssue(manager, { title: 'Petit souci' });
    const url = `/api/v1/issues/${issue.id}/escalate`;
    const body = { to: 'program', reason: 'Arbitrage budgétaire du programme nécessaire' };
    expect((await post(manager, url, body)).statusCode).toBe(428);
    expect((await post(manager, url, body, issue.version + 3)).statusCode).toBe(412);
    expect(
      (await post(manager, url, { to: 'program', reason: '' }, issue.version)).statusCode,
    ).toBe(400);
    expect((await post(outsider, url, body, issue.version)).json().error.code).toBe(
      'ISSUE_NOT_FOUND',
    );
    const res = await post(manager, url, body, issue.version);
    expect(res.statusCode, res.body).toBe(200);
    const up = Issue.parse(res.json());
    expect(up).toMatchObject({
      escalatedTo: 'program',
      program: { id: programId },
      portfolio: null,
      escalationReason: body.reason,
      version: issue.version + 1,
    });
    expect(res.headers.etag).toBe(`"${up.version}"`);
    const again = await post(manager, url, body, up.version);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ISSUE_NOT_ESCALATABLE');

    // The programme's RAID lists the escalated issue only; its manager may read it.
    const list = IssueList.parse(
      (
        await call(t, programManager, {
          url: `/api/v1/issues?programId=${programId}&escalated=true`,
        })
      ).json(),
    ).items;
    expect(list.map((i) => i.id)).toEqual([issue.id]);
    expect(list.map((i) => i.id)).not.toContain(quiet.id);
    const read = await call(t, programManager, { url: `/api/v1/issues/${issue.id}` });
    expect(read.statusCode, read.body).toBe(200);
    const write = await call(t, programManager, {
      method: 'PATCH',
      url: `/api/v1/issues/${issue.id}`,
      payload: { title: 'x' },
      headers: { 'if-match': `"${up.version}"` },
    });
    expect(write.statusCode).toBe(403);
    expect(
      (await call(t, outsider, { url: `/api/v1/issues?programId=${programId}&escalated=true` }))
        .statusCode,
    ).toBe(404);

    const toPortfolio = await post(
      manager,
      url,
      { to: 'portfolio', reason: 'Risque de non-conformité RGPD groupe' },
      up.version,
    );
    expect(toPortfolio.statusCode, toPortfolio.body).toBe(200);
    expect(Issue.parse(toPortfolio.json())).toMatchObject({
      escalatedTo: 'portfolio',
      portfolio: { id: portfolioId },
      program: { id: programId },
    });
    const portfolioList = IssueList.parse(
      (
        await call(t, pmo, { url: `/api/v1/issues?portfolioId=${portfolioId}&escalated=true` })
      ).json(),
    ).items;
    expect(portfolioList.map((i) => i.id)).toEqual([issue.id]);
    expect(
      (await call(t, manager, { url: `/api/v1/issues?portfolioId=${portfolioId}` })).statusCode,
    ).toBe(403);

    const audit = await call(t, pmo, {
      url: `/api/v1/audit?entityType=raid_issue&entityId=${issue.id}`,
    });
    expect(audit.statusCode, audit.body).toBe(200);
    const entries = (audit.json() as { items: { changes: Record<string, { after?: unknown }> }[] })
      .items;
    expect(entries.some((e) => e.changes.escalationReason?.after === body.reason)).toBe(true);
  });

  it('a project without programme cannot escalate to a programme (409, named)', async () => {
    const issue = await createIssue(manager, { title: 'Hors programme' }, loneProjectId);
    const res = await post(
      manager,
      `/api/v1/issues/${issue.id}/escalate`,
      { reason: 'Besoin d’arbitrage' },
      issue.version,
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'ISSUE_NOT_ESCALATABLE',
      details: { to: 'program' },
    });
  });
});

describe('register risks in the schedule risk simulation', () => {
  let riskId: string;
  let version: number;

  it('sets the tasks a risk delays: leaves of its project, once each; If-Match; audited', async () => {
    const created = await post(manager, `/api/v1/projects/${projectId}/risks`, {
      title: 'Indisponibilité des utilisateurs clés pour la recette',
      probability: 5,
      impacts: { schedule: 4 },
      costImpactCents: 2_000_000,
    });
    expect(created.statusCode, created.body).toBe(201);
    const risk = RiskDetail.parse(created.json());
    riskId = risk.id;
    const url = `/api/v1/risks/${riskId}/task-impacts`;
    const empty = RiskTaskImpacts.parse((await call(t, manager, { url })).json());
    expect(empty).toMatchObject({ impacts: [], inSimulation: false, probability: 0.85 });
    const bad = await put(
      manager,
      url,
      {
        impacts: [
          { taskId: phase, days: 3 },
          { taskId: otherTask, days: 3 },
          { taskId: taskB, days: 2 },
          { taskId: taskB, days: 4 },
        ],
      },
      risk.version,
    );
    expect(bad.statusCode).toBe(400);
    expect(
      (bad.json().error.details.issues as { path: string[] }[]).map((i) => i.path.join('.')).sort(),
    ).toEqual(['body.impacts.0.taskId', 'body.impacts.1.taskId', 'body.impacts.3.taskId']);
    expect((await put(manager, url, { impacts: [] })).statusCode).toBe(428);
    expect((await put(manager, url, { impacts: [] }, risk.version + 5)).statusCode).toBe(412);
    expect((await put(outsider, url, { impacts: [] }, risk.version)).json().error.code).toBe(
      'RISK_NOT_FOUND',
    );
    const ok = await put(manager, url, { impacts: [{ taskId: taskB, days: 10 }] }, risk.version);
    expect(ok.statusCode, ok.body).toBe(200);
    const set = RiskTaskImpacts.parse(ok.json());
    expect(set).toMatchObject({
      inSimulation: true,
      probability: 0.85,
      costImpactCents: 2_000_000,
      impacts: [{ taskId: taskB, days: 10, wbs: '1.2', name: 'Recette utilisateurs' }],
      version: risk.version + 1,
    });
    version = set.version;
    const audit = await call(t, pmo, { url: `/api/v1/audit?entityType=risk&entityId=${riskId}` });
    const items = (audit.json() as { items: { changes: Record<string, { after?: unknown }> }[] })
      .items;
    expect(
      items.some((e) => Array.isArray(e.changes.taskImpacts?.after)),
      JSON.stringify(items),
    ).toBe(true);
  });

  it('the simulation reads the register risk (probability of its level, delay, cost); a linked event gives way', async () => {
    const event = await post(manager, `/api/v1/projects/${projectId}/schedule-risk/events`, {
      name: 'Saisi à part',
      riskId,
      probability: 0.1,
      impacts: [{ taskId: taskA, days: 30 }],
      costImpact: 99_000_000,
    });
    expect(event.statusCode, event.body).toBe(201);
    const model = SimModel.parse(
      (await call(t, manager, { url: `/api/v1/projects/${projectId}/schedule-risk` })).json(),
    );
    expect(model.registerEvents).toEqual([
      expect.objectContaining({
        id: riskId,
        probability: 0.85,
        impacts: [{ taskId: taskB, days: 10 }],
        costImpact: 2_000_000,
      }),
    ]);
    expect(model.events).toEqual([expect.objectContaining({ superseded: true })]);

    const res = await post(manager, `/api/v1/projects/${projectId}/schedule-risk/runs`, {
      iterations: 4000,
      seed: 'registre',
    });
    expect(res.statusCode, res.body).toBe(202);
    await waitForRun(res.json().id);
    const run = SimRun.parse(
      (await call(t, manager, { url: `/api/v1/schedule-risk/runs/${res.json().id}` })).json(),
    );
    expect(run.state, JSON.stringify(run.error)).toBe('done');
    expect(run.inputs.events).toBe(1);
    // T = 15 + 10·X with X ~ Bernoulli(0.85): mean 23.5, sd 10·√(0.85·0.15).
    const s = run.result!.schedule;
    const sd = 10 * Math.sqrt(0.85 * 0.15);
    expect(Math.abs(s.durationDays.mean - 23.5)).toBeLessThan((5 * sd) / Math.sqrt(4000));
    expect(s.sensitivity.some((x) => x.kind === 'risk' && x.id === riskId)).toBe(true);
    // Cost: the 100 000 € line (no range) + 20 000 € with p = 0.85.
    const cost = run.result!.cost!;
    const csd = 2_000_000 * Math.sqrt(0.85 * 0.15);
    expect(Math.abs(cost.mean - 11_700_000)).toBeLessThan((5 * csd) / Math.sqrt(4000));

    // Closing the risk takes it out of the simulation.
    const closed = await call(t, manager, {
      method: 'PATCH',
      url: `/api/v1/risks/${riskId}`,
      payload: { status: 'closed' },
      headers: { 'if-match': `"${version}"` },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const after = SimModel.parse(
      (await call(t, manager, { url: `/api/v1/projects/${projectId}/schedule-risk` })).json(),
    );
    expect(after.registerEvents).toEqual([]);
    expect(after.events[0]!.superseded).toBe(true);
  });
});
