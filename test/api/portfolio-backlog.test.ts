import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BacklogScenario, Scenario } from '../../src/contracts/scenarios.ts';
import type { ProjectRequest } from '../../src/contracts/strategy.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';
import { buildObjective, buildRequest, buildScoringModel } from '../helpers/factories.ts';

let t: TestApp;
let pmo: string;
let executive: string;
beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  executive = (await signIn(t, 'executive')).cookie;
});
afterAll(async () => t?.close());

/** A request accepted into evaluation, with its business case when given. */
const request = (
  title: string,
  extra: Record<string, unknown>,
  businessCase?: Record<string, unknown>,
): Promise<ProjectRequest> =>
  buildRequest(t, pmo, { title, ...extra }, businessCase ? { businessCase } : {});

const build = (cookie: string, payload: Record<string, unknown>) =>
  call(t, cookie, {
    method: 'POST',
    url: '/api/v1/strategy/scenarios/from-backlog',
    payload: { name: `Depuis les demandes ${uniq()}`, firstMonth: '2027-01', ...payload },
  });

describe('scenarios built from the backlog', () => {
  let crm: ProjectRequest;
  let erp: ProjectRequest;
  let portal: ProjectRequest;
  beforeAll(async () => {
    // CRM: monthly case, 300 k€ in January and February 2027.
    crm = await request(
      'CRM commercial',
      { roughEffortDays: 60 },
      {
        periodicity: 'month',
        firstPeriod: '2027-01',
        discountRate: '8',
        lines: [
          { kind: 'investment', label: 'Intégration', amounts: [30_000_000, 30_000_000] },
          { kind: 'run', label: 'Licences', amounts: [0, 0, 1_000_000] },
          { kind: 'saving', label: 'Productivité', amounts: [0, 0, 90_000_000], confidence: 100 },
        ],
      },
    );
    // ERP: yearly case, 1.2 M€ of investment in 2027 (100 k€ a month).
    erp = await request(
      'Refonte ERP',
      {},
      {
        periodicity: 'year',
        firstPeriod: '2027',
        discountRate: '8',
        lines: [
          { kind: 'investment', label: 'Projet', amounts: [120_000_000] },
          { kind: 'saving', label: 'Gains', amounts: [0, 200_000_000] },
        ],
      },
    );
    // Portal: no business case, a rough cost over the desired dates.
    portal = await request('Portail fournisseurs', {
      roughCost: 24_000_000,
      desiredStart: '2027-03-01',
      desiredEnd: '2027-04-30',
    });
  });

  it('turns requests and business cases into candidates, saved as a scenario that runs', async () => {
    const res = await build(pmo, {
      valueBasis: 'npv',
      monthlyBudget: 40_000_000,
      capacityShare: null,
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const s = BacklogScenario.parse(res.json());
    expect(s.periods).toHaveLength(12);
    const selection = s.selection as {
      budget: Record<string, number>;
      candidates: { id: string; cost: number[]; value: number; earliestStart: string }[];
    };
    expect(selection.budget['2027-06']).toBe(400_000);
    const byId = new Map(selection.candidates.map((c) => [c.id, c]));
    expect(byId.get(crm.reference)!.cost).toEqual([300_000, 300_000]);
    expect(byId.get(crm.reference)!.value).toBe(
      Math.round(crm.businessCase!.indicators.base.npv / 10_000) / 10,
    );
    expect(byId.get(erp.reference)!.cost).toEqual(new Array(12).fill(100_000));
    // The portal has no business case, hence no NPV: left out, and said so.
    expect(byId.has(portal.reference)).toBe(false);
    expect(s.buildNotes).toContainEqual({
      requestId: portal.id,
      reference: portal.reference,
      code: 'NO_NPV',
      excluded: true,
    });

    // It is a scenario like any other: read back, run.
    const got = Scenario.parse(
      (await call(t, pmo, { method: 'GET', url: `/api/v1/strategy/scenarios/${s.id}` })).json(),
    );
    expect(got.candidates.map((c) => c.id).sort()).toEqual([crm.reference, erp.reference].sort());
    const run = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/strategy/scenarios/${s.id}/run`,
      headers: { 'if-match': '"1"' },
      payload: { timeLimit: 5 },
    });
    expect(run.statusCode).toBe(200);
    const result = Scenario.parse(run.json()).result!;
    expect(result.status).toBe('optimal');
    expect(result.selected.map((x) => x.id).sort()).toEqual([crm.reference, erp.reference].sort());
  });

  it('values by a scoring model, and nets the capacity of the teams', async () => {
    const modelId = await buildScoringModel(t, pmo, [
      {
        key: 'valeur',
        label: 'Valeur',
        weight: 1,
        levels: [
          { value: 0, description: 'Nulle' },
          { value: 4, description: 'Forte' },
        ],
      },
    ]);
    const sheet = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/strategy/scoring-models/${modelId}/evaluations`,
      payload: { requestId: portal.id, scores: { valeur: 4 } },
    });
    expect(sheet.statusCode).toBe(201);

    // The score needs a model: said on the field.
    const noModel = await build(pmo, { valueBasis: 'score', monthlyBudget: null });
    expect(noModel.statusCode).toBe(400);
    expect(noModel.json().error.details.issues[0].path).toEqual(['body', 'scoringModelId']);

    const res = await build(pmo, {
      valueBasis: 'score',
      scoringModelId: modelId,
      monthlyBudget: null,
      capacityShare: 50,
      windowMonths: 1,
    });
    expect(res.statusCode).toBe(201);
    const s = BacklogScenario.parse(res.json());
    const selection = s.selection as {
      capacity: Record<string, Record<string, number>>;
      candidates: { id: string; value: number; earliestStart: string; latestStart: string }[];
    };
    expect(selection.candidates).toHaveLength(1);
    expect(selection.candidates[0]).toMatchObject({
      id: portal.reference,
      value: 100,
      earliestStart: '2027-03',
      latestStart: '2027-04',
    });
    // One pool per team (people with no team make `sans-equipe`), never negative.
    expect(selection.capacity['equipes']).toBeUndefined();
    for (const pool of Object.values(selection.capacity))
      expect(Object.values(pool).every((h) => h >= 0)).toBe(true);
    const codes = s.buildNotes.map((n) => `${n.reference}:${n.code}`);
    expect(codes).toContain(`${crm.reference}:NO_SCORE`);
    expect(codes).toContain(`${portal.reference}:COST_FROM_ROUGH_ESTIMATE`);
  });

  it('reads an alignment criterion from the strategy map, and refuses it on a sheet', async () => {
    const objectiveId = await buildObjective(t, pmo);
    // The CRM contributes strongly, the ERP weakly, the portal not at all.
    for (const [r, level] of [
      [crm, 3],
      [erp, 1],
    ] as const) {
      const c = await call(t, pmo, {
        method: 'POST',
        url: '/api/v1/strategy/contributions',
        payload: { objectiveId, requestId: r.id, level },
      });
      expect(c.statusCode).toBe(201);
    }
    const modelId = await buildScoringModel(
      t,
      pmo,
      [
        {
          key: 'alignement',
          label: 'Alignement stratégique',
          weight: 1,
          source: 'alignment',
          levels: [0, 1, 2, 3, 4].map((value) => ({ value, description: '' })),
        },
      ],
      `Alignement ${uniq()}`,
    );
    const model = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/strategy/scoring-models/${modelId}`,
    });
    expect(model.json().criteria[0].source).toBe('alignment');
    const ranking = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/strategy/scoring-models/${modelId}/ranking`,
    });
    expect(ranking.statusCode).toBe(200);
    const items = ranking.json().items as {
      candidate: { id: string };
      total: number;
      evaluators: unknown[];
      criteria: { mean: number }[];
    }[];
    const total = (id: string) => items.find((i) => i.candidate.id === id)!;
    expect(total(crm.id).total).toBe(100);
    expect(total(crm.id).criteria[0]!.mean).toBe(4);
    expect(total(erp.id).criteria[0]!.mean).toBe(1);
    expect(total(erp.id).total).toBe(25);
    expect(total(portal.id).total).toBe(0);
    expect(total(crm.id).evaluators).toEqual([]);
    // Nobody scores it by hand.
    const sheet = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/strategy/scoring-models/${modelId}/evaluations`,
      payload: { requestId: crm.id, scores: { alignement: 2 } },
    });
    expect(sheet.statusCode).toBe(400);
    expect(sheet.json().error.details.issues[0].path).toEqual(['body', 'scores', 'alignement']);
  });

  it('is the PMO’s: others are refused, bad input names the field', async () => {
    expect((await build(executive, { valueBasis: 'npv', monthlyBudget: null })).statusCode).toBe(
      403,
    );
    const bad = await build(pmo, { valueBasis: 'npv', monthlyBudget: null, firstMonth: '2027-13' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain('firstMonth');
    const audit = await call(t, pmo, {
      method: 'GET',
      url: '/api/v1/audit?entityType=portfolio_scenario',
    });
    expect(audit.statusCode).toBe(200);
  });
});
