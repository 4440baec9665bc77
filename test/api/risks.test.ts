import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Heatmap, RiskDetail, RiskPage } from '../../src/contracts/risks.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import {
  buildMember,
  buildPerson,
  buildPortfolio,
  buildProgram,
  buildProject,
} from '../helpers/factories.ts';

let t: TestApp;
let pmo: string;
let manager: string;
let reader: string;
let outsider: string;
let projectId: string;
let otherProjectId: string;
let programId: string;
let ownerId: string;

beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  const portfolioId = (await buildPortfolio(t)).id;
  programId = (await buildProgram(t, portfolioId)).id;
  projectId = (await buildProject(t, portfolioId, { programId })).id;
  otherProjectId = (await buildProject(t, portfolioId)).id;
  const pm = await buildPerson(t);
  const rd = await buildPerson(t);
  ownerId = pm.id;
  await buildMember(t, projectId, pm.id, 'project_manager');
  await buildMember(t, projectId, rd.id, 'reader');
  manager = (await signIn(t, 'member', { personId: pm.id })).cookie;
  reader = (await signIn(t, 'member', { personId: rd.id })).cookie;
  outsider = (await signIn(t, 'member', { personId: (await buildPerson(t)).id })).cookie;
});
afterAll(async () => t?.close());

const supplierRisk = {
  title: 'Retard de livraison du fournisseur ERP',
  cause: 'Le fournisseur a sous-estimé le paramétrage',
  event: 'Le lot 2 est livré avec plus de 4 semaines de retard',
  effect: 'La recette et la bascule glissent',
  probability: 4,
  impacts: { cost: 3, schedule: 4 },
  costImpactCents: 12_000_000,
  strategy: 'reduce',
  response: 'Pénalités de retard, point hebdomadaire avec le fournisseur',
  residualProbability: 2,
  residualImpact: 3,
};

async function create(cookie: string, body: object, where = `/api/v1/projects/${projectId}/risks`) {
  return call(t, cookie, { method: 'POST', url: where, payload: body });
}

describe('risk register', () => {
  it('records a risk with its score, criticality, EMV, contingency and first assessment', async () => {
    const res = await create(manager, { ...supplierRisk, ownerId });
    expect(res.statusCode, res.body).toBe(201);
    const risk = RiskDetail.parse(res.json());
    expect(risk.code).toMatch(/^R-\d+$/);
    expect(risk.impact).toBe(4);
    expect(risk.score).toBe(16);
    expect(risk.criticality).toBe('high');
    // Level 4 = 60 % × 120 000,00 € = 72 000,00 €.
    expect(risk.emvCents).toBe(7_200_000);
    expect(risk.contingencyCents).toBe(7_200_000);
    expect(risk.residualScore).toBe(6);
    expect(risk.residualCriticality).toBe('moderate');
    expect(risk.owner?.id).toBe(ownerId);
    expect(risk.history).toHaveLength(1);
  });

  it('dates a new assessment when the probability changes, and refuses a stale version', async () => {
    const risk = RiskDetail.parse((await create(manager, supplierRisk)).json());
    const res = await call(t, manager, {
      method: 'PATCH',
      url: `/api/v1/risks/${risk.id}`,
      payload: { probability: 5, note: 'Le fournisseur confirme le retard' },
      headers: { 'if-match': `"${risk.version}"` },
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = RiskDetail.parse(res.json());
    expect(after.score).toBe(20);
    expect(after.criticality).toBe('critical');
    expect(after.history.map((h) => h.probability)).toEqual([4, 5]);
    expect(after.history[1]!.note).toBe('Le fournisseur confirme le retard');
    const stale = await call(t, manager, {
      method: 'PATCH',
      url: `/api/v1/risks/${risk.id}`,
      payload: { probability: 1 },
      headers: { 'if-match': `"${risk.version}"` },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current.probability).toBe(5);
    const missing = await call(t, manager, {
      method: 'PATCH',
      url: `/api/v1/risks/${risk.id}`,
      payload: { probability: 1 },
    });
    expect(missing.statusCode).toBe(428);
  });

  it('refuses a strategy of the wrong kind and a level off the scale, naming the field', async () => {
    const wrong = await create(manager, { ...supplierRisk, strategy: 'exploit' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.issues[0].path).toEqual(['body', 'strategy']);
    const off = await create(manager, { ...supplierRisk, probability: 7 });
    expect(off.statusCode).toBe(400);
    expect(off.json().error.details.issues[0].path).toEqual(['body', 'probability']);
  });

  it('lets readers read, not write; hides the risks of invisible projects', async () => {
    const risk = RiskDetail.parse((await create(manager, supplierRisk)).json());
    expect((await call(t, reader, { url: `/api/v1/risks/${risk.id}` })).statusCode).toBe(200);
    const write = await call(t, reader, {
      method: 'PATCH',
      url: `/api/v1/risks/${risk.id}`,
      payload: { probability: 1 },
      headers: { 'if-match': `"${risk.version}"` },
    });
    expect(write.statusCode).toBe(403);
    const hidden = await call(t, outsider, { url: `/api/v1/risks/${risk.id}` });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('RISK_NOT_FOUND');
    expect((await create(outsider, supplierRisk)).json().error.code).toBe('PROJECT_NOT_FOUND');
    const list = RiskPage.parse((await call(t, outsider, { url: '/api/v1/risks' })).json());
    expect(list.items.filter((r) => r.project?.id === projectId)).toEqual([]);
  });

  it('counts open risks per heat map cell, inherent and residual, and lists a clicked cell', async () => {
    const fresh = (await buildProject(t, (await buildPortfolio(t)).id)).id;
    const url = `/api/v1/projects/${fresh}/risks`;
    await create(pmo, { ...supplierRisk }, url);
    await create(pmo, { ...supplierRisk, title: 'Indisponibilité des experts SAP' }, url);
    await create(
      pmo,
      { title: 'Non-conformité RGPD', probability: 2, impacts: { reputation: 5 } },
      url,
    );
    await create(
      pmo,
      { title: 'Clos', probability: 5, impacts: { cost: 5 }, status: 'closed' },
      url,
    );
    const inherent = Heatmap.parse(
      (await call(t, pmo, { url: `/api/v1/risks/heatmap?projectId=${fresh}` })).json(),
    );
    expect(inherent.total).toBe(3);
    expect(inherent.cells).toEqual([
      { probability: 2, impact: 5, count: 1, criticality: 'high' },
      { probability: 4, impact: 4, count: 2, criticality: 'high' },
    ]);
    expect(inherent.emvCents).toBe(2 * 7_200_000);
    const residual = Heatmap.parse(
      (
        await call(t, pmo, { url: `/api/v1/risks/heatmap?projectId=${fresh}&residual=true` })
      ).json(),
    );
    expect(residual.cells.find((c) => c.probability === 2 && c.impact === 3)?.count).toBe(2);
    const cell = RiskPage.parse(
      (
        await call(t, pmo, {
          url: `/api/v1/risks?projectId=${fresh}&probability=4&impact=4&status=open`,
        })
      ).json(),
    );
    expect(cell.items.map((r) => r.title).sort()).toEqual([
      'Indisponibilité des experts SAP',
      'Retard de livraison du fournisseur ERP',
    ]);
    const critical = RiskPage.parse(
      (await call(t, pmo, { url: `/api/v1/risks?projectId=${fresh}&criticality=critical` })).json(),
    );
    expect(critical.items.map((r) => r.title)).toEqual(['Clos']);
  });

  it('escalates a project risk to its programme, where the programme register shows it', async () => {
    const risk = RiskDetail.parse((await create(manager, supplierRisk)).json());
    const res = await call(t, manager, {
      method: 'POST',
      url: `/api/v1/risks/${risk.id}/escalate`,
      headers: { 'if-match': `"${risk.version}"` },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(RiskDetail.parse(res.json()).escalated).toBe(true);
    const program = RiskPage.parse(
      (await call(t, pmo, { url: `/api/v1/risks?programId=${programId}` })).json(),
    );
    expect(program.items.map((r) => r.id)).toContain(risk.id);
    const again = await call(t, manager, {
      method: 'POST',
      url: `/api/v1/risks/${risk.id}/escalate`,
      headers: { 'if-match': `"${risk.version + 1}"` },
    });
    expect(again.json().error.code).toBe('RISK_NOT_ESCALATABLE');
    const other = RiskDetail.parse(
      (await create(pmo, supplierRisk, `/api/v1/projects/${otherProjectId}/risks`)).json(),
    );
    const orphan = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/risks/${other.id}/escalate`,
      headers: { 'if-match': `"${other.version}"` },
    });
    expect(orphan.json().error.code).toBe('RISK_NOT_ESCALATABLE');
  });

  it('pages the portfolio top risks by score with a keyset cursor', async () => {
    const first = RiskPage.parse((await call(t, pmo, { url: '/api/v1/risks?limit=2' })).json());
    expect(first.items).toHaveLength(2);
    const second = RiskPage.parse(
      (
        await call(t, pmo, {
          url: `/api/v1/risks?limit=200&cursor=${encodeURIComponent(first.nextCursor!)}`,
        })
      ).json(),
    );
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    for (let k = 1; k < all.length; k++)
      expect(all[k]!.score).toBeLessThanOrEqual(all[k - 1]!.score);
  });

  it('lets the PMO change the scales: the EMV follows the new percentages', async () => {
    const settings = (await call(t, pmo, { url: '/api/v1/risk-settings' })).json();
    const risk = RiskDetail.parse(
      (
        await create(
          pmo,
          { ...supplierRisk, probability: 4 },
          `/api/v1/projects/${otherProjectId}/risks`,
        )
      ).json(),
    );
    const probability = settings.probability.map((l: { percent: number }, k: number) => ({
      ...l,
      percent: k === 3 ? 50 : l.percent,
    }));
    const put = await call(t, pmo, {
      method: 'PUT',
      url: '/api/v1/risk-settings',
      payload: { probability, impact: settings.impact, matrix: settings.matrix },
      headers: { 'if-match': `"${settings.version}"` },
    });
    expect(put.statusCode, put.body).toBe(200);
    const after = RiskDetail.parse(
      (await call(t, pmo, { url: `/api/v1/risks/${risk.id}` })).json(),
    );
    expect(after.emvCents).toBe(6_000_000);
    const bad = await call(t, pmo, {
      method: 'PUT',
      url: '/api/v1/risk-settings',
      payload: { probability, impact: settings.impact, matrix: settings.matrix.slice(1) },
      headers: { 'if-match': `"${put.json().version}"` },
    });
    expect(bad.statusCode).toBe(400);
    const denied = await call(t, manager, {
      method: 'PUT',
      url: '/api/v1/risk-settings',
      payload: settings,
      headers: { 'if-match': '"1"' },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('maintains the risk breakdown structure', async () => {
    const res = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/risk-categories',
      payload: { code: `TEC-${Date.now()}`, name: 'Technique' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const withCategory = RiskDetail.parse(
      (await create(manager, { ...supplierRisk, categoryId: res.json().id })).json(),
    );
    expect(withCategory.category?.name).toBe('Technique');
    const unknown = await create(manager, {
      ...supplierRisk,
      categoryId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.json().error.code).toBe('RISK_CATEGORY_NOT_FOUND');
  });
});
