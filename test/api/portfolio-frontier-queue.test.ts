import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrontierRun, FrontierRunResponse, Scenario } from '../../src/contracts/scenarios.ts';
import { startJobs } from '../../src/server/jobs/queue.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';

// With the server's job runner on, the frontier goes through the pg-boss queue
// `strategy-frontier` (not the in-process fallback) and ends done.
let t: TestApp;
let pmo: string;
let jobs: Awaited<ReturnType<typeof startJobs>>;
beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  jobs = await startJobs(t.ctx, t.database, () => undefined);
}, 120_000);
afterAll(async () => {
  await jobs?.stop();
  await t?.close();
});

describe('the frontier through pg-boss', () => {
  it('is queued, worked by the job runner and stored', async () => {
    const created = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/strategy/scenarios',
      payload: {
        name: `File ${uniq()}`,
        selection: {
          periods: ['2027-T1'],
          budget: { '2027-T1': 1000 },
          candidates: [
            { id: 'A', name: 'A', value: 50, cost: [600] },
            { id: 'B', name: 'B', value: 40, cost: [400] },
          ],
        },
      },
    });
    const s = Scenario.parse(created.json());
    const res = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/strategy/scenarios/${s.id}/frontier`,
      headers: { 'if-match': `"${s.version}"` },
      payload: { timeLimit: 7 },
    });
    expect(res.statusCode).toBe(202);
    expect(FrontierRun.parse(res.json()).state).toBe('queued');
    let run: FrontierRun | null = null;
    for (let i = 0; i < 240; i++) {
      run = FrontierRunResponse.parse(
        (
          await call(t, pmo, { method: 'GET', url: `/api/v1/strategy/scenarios/${s.id}/frontier` })
        ).json(),
      ).run;
      if (run?.state === 'done' || run?.state === 'failed') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(run!.state).toBe('done');
    const jobsDone = await jobs.boss.findJobs('strategy-frontier', { data: { runId: run!.id } });
    expect(jobsDone.length).toBe(1);
    const after = Scenario.parse(
      (await call(t, pmo, { method: 'GET', url: `/api/v1/strategy/scenarios/${s.id}` })).json(),
    );
    expect(after.frontier!.find((p) => p.factor === 1)!.value).toBe(90);
  }, 180_000);
});
