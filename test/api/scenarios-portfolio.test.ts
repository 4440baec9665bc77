import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrontierRun, Scenario, ScenarioList } from '../../src/contracts/scenarios.ts';
import { waitForFrontier } from '../../src/server/modules/strategy/frontier.job.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';

let t: TestApp;
let pmo: string;
let executive: string;
let member: string;
beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  executive = (await signIn(t, 'executive')).cookie;
  member = (await signIn(t, 'member')).cookie;
});
afterAll(async () => t?.close());

/** Budget 1 000 k€ a quarter: A+B fit, C (the most valuable) needs the money of both. */
const selection = {
  periods: ['2027-T1', '2027-T2'],
  budget: { '2027-T1': 1000, '2027-T2': 1000 },
  capacity: { dev: { '2027-T1': 100, '2027-T2': 100 } },
  candidates: [
    { id: 'A', name: 'Portail fournisseurs', value: 50, cost: [600], demand: { dev: [60] } },
    { id: 'B', name: 'Paie', value: 40, cost: [400], demand: { dev: [40] } },
    {
      id: 'C',
      name: 'Data platform',
      value: 70,
      cost: [900, 900],
      demand: { dev: [50, 50] },
    },
    {
      id: 'D',
      name: 'Archivage',
      value: 10,
      cost: [300],
      demand: { dev: [10] },
      earliestStart: '2027-T2',
    },
  ],
};

async function create(overrides: Record<string, unknown> = {}) {
  return call(t, pmo, {
    method: 'POST',
    url: '/api/v1/strategy/scenarios',
    payload: { name: `Arbitrage ${uniq()}`, selection, ...overrides },
  });
}

describe('portfolio scenarios', () => {
  it('are saved, run with HiGHS, forced in/out, compared and audited', async () => {
    const res = await create();
    expect(res.statusCode).toBe(201);
    const s = Scenario.parse(res.json());
    expect(s.candidateCount).toBe(4);
    expect(s.result).toBeNull();
    const url = `/api/v1/strategy/scenarios/${s.id}`;

    // Only the PMO runs; If-Match is required.
    expect(
      (
        await call(t, executive, {
          method: 'POST',
          url: `${url}/run`,
          headers: { 'if-match': '"1"' },
          payload: {},
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await call(t, pmo, { method: 'POST', url: `${url}/run`, payload: {} })).statusCode,
    ).toBe(428);
    const run = await call(t, pmo, {
      method: 'POST',
      url: `${url}/run`,
      headers: { 'if-match': '"1"' },
      payload: { timeLimit: 5 },
    });
    expect(run.statusCode).toBe(200);
    const solved = Scenario.parse(run.json());
    expect(solved.result!.status).toBe('optimal');
    // Best: C in T1 (70) + D in T2 (10)? C uses 900+900 so D (300 in T2) does not fit: A+B+D = 100.
    expect(solved.result!.objective).toBe(100);
    expect(solved.result!.selected.map((x) => x.id).sort()).toEqual(['A', 'B', 'D']);
    expect(solved.result!.binding).toContain('budget:2027-T1');
    expect(solved.runAt).not.toBeNull();

    // The PMO forces C in: A and B drop (C takes 900 of each quarter), the result is cleared first.
    const forced = await call(t, pmo, {
      method: 'PATCH',
      url,
      headers: { 'if-match': `"${solved.version}"` },
      payload: { forcedIn: ['C'], forcedOut: ['D'] },
    });
    expect(forced.statusCode).toBe(200);
    const f = Scenario.parse(forced.json());
    expect(f.result).toBeNull();
    const rerun = Scenario.parse(
      (
        await call(t, pmo, {
          method: 'POST',
          url: `${url}/run`,
          headers: { 'if-match': `"${f.version}"` },
          payload: { timeLimit: 5 },
        })
      ).json(),
    );
    expect(rerun.result!.selected.map((x) => x.id)).toEqual(['C']);
    expect(rerun.result!.objective).toBe(70);

    // Bad forcing names the list and the index; an unknown candidate is refused.
    const bad = await call(t, pmo, {
      method: 'PATCH',
      url,
      headers: { 'if-match': `"${rerun.version}"` },
      payload: { forcedOut: ['Z'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toEqual(['body', 'forcedOut', 0]);
    // A stale run → 412 with the current scenario.
    const stale = await call(t, pmo, {
      method: 'POST',
      url: `${url}/run`,
      headers: { 'if-match': '"1"' },
      payload: {},
    });
    expect(stale.statusCode).toBe(412);

    // The frontier: a background job; best value at each budget level, never decreasing on
    // efficient points.
    const fr = await call(t, pmo, {
      method: 'POST',
      url: `${url}/frontier`,
      headers: { 'if-match': `"${rerun.version}"` },
      payload: { timeLimit: 7 },
    });
    expect(fr.statusCode).toBe(202);
    await waitForFrontier(FrontierRun.parse(fr.json()).id);
    const frontier = Scenario.parse((await call(t, pmo, { method: 'GET', url })).json()).frontier!;
    expect(frontier.map((p) => p.factor)).toEqual([0.25, 0.5, 0.75, 1, 1.25, 1.5, 2]);
    // At 25 % (250 a quarter) C cannot be forced in: infeasible.
    expect(frontier[0]!.status).toBe('infeasible');
    expect(frontier.find((p) => p.factor === 1)!.value).toBe(70);
    const values = frontier.filter((p) => p.efficient).map((p) => p.value!);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    expect(frontier.at(-1)!.value).toBeGreaterThanOrEqual(70);

    // Readers see it; members do not.
    const list = ScenarioList.parse(
      (await call(t, executive, { method: 'GET', url: '/api/v1/strategy/scenarios' })).json(),
    );
    expect(list.items.find((x) => x.id === s.id)!.objective).toBe(70);
    expect(
      (await call(t, member, { method: 'GET', url: '/api/v1/strategy/scenarios' })).statusCode,
    ).toBe(403);
    const audit = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/audit?entityType=portfolio_scenario&entityId=${s.id}`,
    });
    expect(audit.json().items.length).toBeGreaterThanOrEqual(4);
  }, 180_000);

  it('refuses a bad selection file on its field, and a duplicate name', async () => {
    const broken = structuredClone(selection) as Record<string, unknown>;
    (broken.candidates as { cost: number[] }[])[1]!.cost = [-5];
    const res = await create({ selection: broken });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].path).toEqual([
      'body',
      'selection',
      'candidates',
      1,
      'cost',
      0,
    ]);
    const name = `Arbitrage ${uniq()}`;
    expect((await create({ name })).statusCode).toBe(201);
    const dup = await create({ name });
    expect(dup.statusCode).toBe(409);
    const s = Scenario.parse((await create()).json());
    const del = await call(t, pmo, {
      method: 'DELETE',
      url: `/api/v1/strategy/scenarios/${s.id}`,
      headers: { 'if-match': '"1"' },
    });
    expect(del.statusCode).toBe(204);
    expect(
      (await call(t, pmo, { method: 'GET', url: `/api/v1/strategy/scenarios/${s.id}` })).json()
        .error.code,
    ).toBe('SCENARIO_NOT_FOUND');
  });
});
