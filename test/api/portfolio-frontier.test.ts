import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrontierRun, FrontierRunResponse, Scenario } from '../../src/contracts/scenarios.ts';
import {
  resumeFrontierRuns,
  waitForFrontier,
} from '../../src/server/modules/strategy/frontier.job.ts';
import { frontierRuns } from '../../src/server/modules/strategy/portfolio.tables.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';

// The efficient frontier as a background job: 202 with the run, progress and points stored as
// each budget level is solved, the frontier stored on the scenario at the end; one run at a
// time; a scenario changed meanwhile fails the run; a run left by a stopped server resumes.
let t: TestApp;
let pmo: string;
let executive: string;
beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  executive = (await signIn(t, 'executive')).cookie;
});
afterAll(async () => t?.close());

const selection = {
  periods: ['2027-T1', '2027-T2'],
  budget: { '2027-T1': 1000, '2027-T2': 1000 },
  candidates: [
    { id: 'A', name: 'Portail fournisseurs', value: 50, cost: [600] },
    { id: 'B', name: 'Paie', value: 40, cost: [400] },
    { id: 'C', name: 'Data platform', value: 70, cost: [900, 900] },
  ],
};

async function scenario() {
  const res = await call(t, pmo, {
    method: 'POST',
    url: '/api/v1/strategy/scenarios',
    payload: { name: `Frontière ${uniq()}`, selection },
  });
  expect(res.statusCode).toBe(201);
  return Scenario.parse(res.json());
}

const start = (id: string, version: number) =>
  call(t, pmo, {
    method: 'POST',
    url: `/api/v1/strategy/scenarios/${id}/frontier`,
    headers: { 'if-match': `"${version}"` },
    payload: { timeLimit: 7 },
  });

describe('the efficient frontier job', () => {
  it('runs in the background with progress and stores the frontier on the scenario', async () => {
    const s = await scenario();
    const url = `/api/v1/strategy/scenarios/${s.id}`;
    // No run yet.
    expect(
      FrontierRunResponse.parse(
        (await call(t, executive, { method: 'GET', url: `${url}/frontier` })).json(),
      ).run,
    ).toBeNull();
    const res = await start(s.id, s.version);
    expect(res.statusCode).toBe(202);
    const run = FrontierRun.parse(res.json());
    expect(run.state).toBe('queued');
    expect(run.levels).toBe(7);
    expect(run.scenarioVersion).toBe(s.version);

    // A second request while it runs → 409 with the run.
    const twice = await start(s.id, s.version);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('FRONTIER_RUNNING');

    await waitForFrontier(run.id);
    const done = FrontierRunResponse.parse(
      (await call(t, executive, { method: 'GET', url: `${url}/frontier` })).json(),
    ).run!;
    expect(done.state).toBe('done');
    expect(done.progress).toBe(100);
    expect(done.levelsDone).toBe(7);
    expect(done.points.map((p) => p.factor)).toEqual([0.25, 0.5, 0.75, 1, 1.25, 1.5, 2]);
    expect(done.finishedAt).not.toBeNull();

    const after = Scenario.parse((await call(t, pmo, { method: 'GET', url })).json());
    expect(after.version).toBe(s.version + 1);
    expect(after.frontier).toEqual(done.points);
    // At the file's budget: A+B (90) in T1, or C (70): the best is 90.
    expect(after.frontier!.find((p) => p.factor === 1)!.value).toBe(90);
    // At 200 %: everything fits (160).
    expect(after.frontier!.at(-1)!.value).toBe(160);

    // The request and the result are audited on the scenario.
    const audit = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/audit?entityType=portfolio_scenario&entityId=${s.id}`,
    });
    const changes = (audit.json().items as { changes: Record<string, unknown> }[]).map((e) =>
      Object.keys(e.changes),
    );
    expect(changes.filter((c) => c.includes('frontierRun'))).toHaveLength(2);

    // A stale version → 412; a new run after the end replaces the finished one.
    expect((await start(s.id, s.version)).statusCode).toBe(412);
    const rerun = FrontierRun.parse((await start(s.id, after.version)).json());
    expect(rerun.id).toBe(run.id);
    await waitForFrontier(rerun.id);
  }, 120_000);

  it('fails with SCENARIO_CHANGED when the forcing changes during the run', async () => {
    const s = await scenario();
    const url = `/api/v1/strategy/scenarios/${s.id}`;
    const run = FrontierRun.parse((await start(s.id, s.version)).json());
    const patched = await call(t, pmo, {
      method: 'PATCH',
      url,
      headers: { 'if-match': `"${s.version}"` },
      payload: { forcedOut: ['C'] },
    });
    expect(patched.statusCode).toBe(200);
    await waitForFrontier(run.id);
    const failed = FrontierRunResponse.parse(
      (await call(t, pmo, { method: 'GET', url: `${url}/frontier` })).json(),
    ).run!;
    expect(failed.state).toBe('failed');
    expect(failed.error!.code).toBe('SCENARIO_CHANGED');
    expect(Scenario.parse((await call(t, pmo, { method: 'GET', url })).json()).frontier).toBeNull();
  }, 120_000);

  it('resumes a run a stopped server left queued, and refuses a scenario with no budget', async () => {
    const s = await scenario();
    const [row] = await t.ctx.db
      .insert(frontierRuns)
      .values({ scenarioId: s.id, scenarioVersion: s.version, timeLimit: 7, levels: 7 })
      .returning();
    expect(await resumeFrontierRuns(t.ctx)).toBe(1);
    await waitForFrontier(row!.id);
    const run = FrontierRunResponse.parse(
      (
        await call(t, pmo, { method: 'GET', url: `/api/v1/strategy/scenarios/${s.id}/frontier` })
      ).json(),
    ).run!;
    expect(run.state).toBe('done');

    const nobudget = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/strategy/scenarios',
      payload: { name: `Sans budget ${uniq()}`, selection: { ...selection, budget: {} } },
    });
    const nb = Scenario.parse(nobudget.json());
    const refused = await start(nb.id, nb.version);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.issues[0].path).toEqual(['body', 'selection', 'budget']);
    // Readers may follow a run; only the PMO starts one.
    const asExec = await call(t, executive, {
      method: 'POST',
      url: `/api/v1/strategy/scenarios/${s.id}/frontier`,
      headers: { 'if-match': '"1"' },
      payload: {},
    });
    expect(asExec.statusCode).toBe(403);
  }, 120_000);
});
