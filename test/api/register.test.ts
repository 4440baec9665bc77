import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RiskDetail, RiskSettingsView } from '../../src/contracts/risks.ts';
import { DEFAULT_RISK_SETTINGS } from '../../src/core/risks/register.ts';
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
let outsider: string;
let portfolioId: string;
let programId: string;
let projectId: string;
let loneProjectId: string;

beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  portfolioId = (await buildPortfolio(t)).id;
  programId = (await buildProgram(t, portfolioId)).id;
  projectId = (await buildProject(t, portfolioId, { programId })).id;
  loneProjectId = (await buildProject(t, portfolioId)).id;
  const pm = await buildPerson(t);
  await buildMember(t, projectId, pm.id, 'project_manager');
  await buildMember(t, loneProjectId, pm.id, 'project_manager');
  manager = (await signIn(t, 'member', { personId: pm.id })).cookie;
  outsider = (await signIn(t, 'member', { personId: (await buildPerson(t)).id })).cookie;
});
afterAll(async () => t?.close());

const risk = (over: object = {}) => ({
  title: 'Indisponibilité des experts métier pendant la recette',
  probability: 5,
  impacts: { schedule: 5, cost: 3 },
  costImpactCents: 10_000_000,
  residualProbability: 2,
  residualImpact: 4,
  ...over,
});

async function createRisk(cookie: string, body: object, where = projectId) {
  const res = await call(t, cookie, {
    method: 'POST',
    url: `/api/v1/projects/${where}/risks`,
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return RiskDetail.parse(res.json());
}

const getRisk = async (id: string) =>
  RiskDetail.parse((await call(t, pmo, { url: `/api/v1/risks/${id}` })).json());

const putSettings = (cookie: string, version: number, payload: object) =>
  call(t, cookie, {
    method: 'PUT',
    url: '/api/v1/risk-settings',
    payload,
    headers: { 'if-match': `"${version}"` },
  });

describe('register configuration', () => {
  it('re-rates existing risks when a scale changes size, dated and audited; stale → 412', async () => {
    const top = await createRisk(manager, risk());
    const low = await createRisk(
      manager,
      risk({
        probability: 1,
        impacts: { quality: 1 },
        residualProbability: null,
        residualImpact: null,
      }),
    );
    const current = RiskSettingsView.parse(
      (await call(t, pmo, { url: '/api/v1/risk-settings' })).json(),
    );
    // Four impact levels instead of five; level 4 of the matrix becomes "critical" at the top.
    const fewer = {
      probability: current.probability,
      impact: current.impact.slice(0, 4),
      matrix: current.matrix.map((row) => row.slice(0, 4)),
    };
    fewer.matrix[4]![3] = 'critical';
    const put = await putSettings(pmo, current.version, fewer);
    expect(put.statusCode, put.body).toBe(200);
    expect(RiskSettingsView.parse(put.json()).impact).toHaveLength(4);

    const after = await getRisk(top.id);
    // 5 → 4, 3 → 3 (same relative place), residual 4 → 3.
    expect(after.impacts).toMatchObject({ schedule: 4, cost: 3 });
    expect(after.impact).toBe(4);
    expect(after.score).toBe(20);
    expect(after.criticality).toBe('critical');
    expect(after.residualImpact).toBe(3);
    expect(after.version).toBe(top.version + 1);
    expect(after.history.at(-1)?.note).toMatch(/5×5 → 5×4/);
    // A risk at the bottom stays at the bottom and is not touched.
    const untouched = await getRisk(low.id);
    expect(untouched.impact).toBe(1);
    expect(untouched.version).toBe(low.version);

    const stale = await putSettings(pmo, current.version, fewer);
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current.version).toBe(
      RiskSettingsView.parse(put.json()).version,
    );

    const audit = await call(t, pmo, { url: '/api/v1/audit?entityType=risk_settings' });
    expect(audit.statusCode, audit.body).toBe(200);
    expect((audit.json() as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(1);

    expect((await putSettings(manager, 1, DEFAULT_RISK_SETTINGS)).statusCode).toBe(403);
    // Back to the default 5 × 5: 4 → 5 again.
    const back = await putSettings(
      pmo,
      RiskSettingsView.parse(put.json()).version,
      DEFAULT_RISK_SETTINGS,
    );
    expect(back.statusCode, back.body).toBe(200);
    expect((await getRisk(top.id)).impact).toBe(5);
  });

  it('refuses to delete a category in use, deletes an unused one with If-Match', async () => {
    const made = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/risk-categories',
      payload: { code: `EXT-${Date.now()}`, name: 'Externe' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const category = made.json() as { id: string; version: number };
    await createRisk(manager, risk({ categoryId: category.id }));
    const del = (version: number) =>
      call(t, pmo, {
        method: 'DELETE',
        url: `/api/v1/risk-categories/${category.id}`,
        headers: { 'if-match': `"${version}"` },
      });
    const inUse = await del(category.version);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error.code).toBe('RISK_CATEGORY_IN_USE');

    const spare = (
      await call(t, pmo, {
        method: 'POST',
        url: '/api/v1/risk-categories',
        payload: { code: `ORG-${Date.now()}`, name: 'Organisation' },
      })
    ).json() as { id: string; version: number };
    const gone = await call(t, pmo, {
      method: 'DELETE',
      url: `/api/v1/risk-categories/${spare.id}`,
      headers: { 'if-match': `"${spare.version + 1}"` },
    });
    expect(gone.statusCode).toBe(412);
    const ok = await call(t, pmo, {
      method: 'DELETE',
      url: `/api/v1/risk-categories/${spare.id}`,
      headers: { 'if-match': `"${spare.version}"` },
    });
    expect(ok.statusCode).toBe(204);
    expect(
      (
        await call(t, manager, {
          method: 'DELETE',
          url: `/api/v1/risk-categories/${category.id}`,
          headers: { 'if-match': '"1"' },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('escalation and higher registers', () => {
  const escalate = (cookie: string, id: string, version: number, payload: object) =>
    call(t, cookie, {
      method: 'POST',
      url: `/api/v1/risks/${id}/escalate`,
      payload,
      headers: { 'if-match': `"${version}"` },
    });

  it('raises a project risk to its programme, then its portfolio, with the reason', async () => {
    const r = await createRisk(manager, risk({ title: 'Départ du chef de projet MOA' }));
    const denied = await escalate(outsider, r.id, r.version, { reason: 'x' });
    expect(denied.statusCode).toBe(404);
    const up = await escalate(manager, r.id, r.version, {
      to: 'program',
      reason: 'Touche aussi le projet de reprise des données',
    });
    expect(up.statusCode, up.body).toBe(200);
    const raised = RiskDetail.parse(up.json());
    expect(raised.program?.id).toBe(programId);
    expect(raised.escalatedTo).toBe('program');
    expect(raised.escalationReason).toBe('Touche aussi le projet de reprise des données');
    expect(raised.history.at(-1)?.note).toMatch(/Remonté au programme .* : Touche aussi/);
    const again = await escalate(manager, r.id, raised.version, { to: 'program' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('RISK_NOT_ESCALATABLE');
    const stale = await escalate(manager, r.id, r.version, { to: 'portfolio' });
    expect(stale.statusCode).toBe(412);

    // The programme register lists it next to its own risks.
    const own = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/programs/${programId}/risks`,
      payload: risk({ title: 'Charge des équipes SI partagées entre projets' }),
    });
    expect(own.statusCode, own.body).toBe(201);
    const list = await call(t, manager, { url: `/api/v1/risks?programId=${programId}` });
    expect(list.statusCode, list.body).toBe(200);
    const titles = (list.json() as { items: { title: string }[] }).items.map((i) => i.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Départ du chef de projet MOA',
        'Charge des équipes SI partagées entre projets',
      ]),
    );

    const top = await escalate(manager, r.id, raised.version, {
      to: 'portfolio',
      reason: 'Risque de portefeuille',
    });
    expect(top.statusCode, top.body).toBe(200);
    const atTop = RiskDetail.parse(top.json());
    expect(atTop.portfolio?.id).toBe(portfolioId);
    expect(atTop.escalatedTo).toBe('portfolio');
  });

  it('keeps a portfolio register for the PMO; a project without programme cannot escalate there', async () => {
    const made = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/portfolios/${portfolioId}/risks`,
      payload: risk({ title: 'Gel budgétaire en cours d’exercice' }),
    });
    expect(made.statusCode, made.body).toBe(201);
    const pr = RiskDetail.parse(made.json());
    expect(pr.code).toBe('R-1');
    expect(pr.project).toBeNull();
    expect(pr.portfolio?.id).toBe(portfolioId);
    const forbidden = await call(t, manager, {
      method: 'POST',
      url: `/api/v1/portfolios/${portfolioId}/risks`,
      payload: risk(),
    });
    expect(forbidden.statusCode).toBe(403);
    // A project member does not see the portfolio register's own risks.
    expect((await call(t, manager, { url: `/api/v1/risks/${pr.id}` })).statusCode).toBe(404);
    const level = await call(t, pmo, {
      url: `/api/v1/risks?portfolioId=${portfolioId}&level=portfolio`,
    });
    const items = (level.json() as { items: { id: string; title: string }[] }).items;
    expect(items.map((i) => i.title)).toContain('Gel budgétaire en cours d’exercice');
    expect(items.map((i) => i.title)).toContain('Départ du chef de projet MOA');
    expect(items.every((i) => i.title !== 'Charge des équipes SI partagées entre projets')).toBe(
      true,
    );

    const lone = await createRisk(manager, risk(), loneProjectId);
    const no = await escalate(manager, lone.id, lone.version, { to: 'program', reason: 'x' });
    expect(no.statusCode).toBe(409);
  });
});

describe('exports and trend', () => {
  it('exports the project risk register as CSV and XLSX, formula-guarded; outsiders get 404', async () => {
    await createRisk(manager, risk({ title: '=HYPERLINK("x") fournisseur' }));
    const csv = await call(t, manager, {
      url: `/api/v1/registers/export?register=risks&format=csv&projectId=${projectId}`,
    });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.replace('\uFEFF', '').split('\r\n');
    expect(lines[0]).toMatch(/^Réf\.;Projet \/ programme \/ portefeuille;Intitulé;/);
    expect(csv.body).toContain(`"'=HYPERLINK(""x"") fournisseur"`);
    expect(csv.body).toContain('100000;');
    const xlsx = await call(t, manager, {
      url: `/api/v1/registers/export?register=risks&format=xlsx&projectId=${projectId}&lang=en`,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const issues = await call(t, manager, {
      url: `/api/v1/registers/export?register=issues&projectId=${projectId}`,
    });
    expect(issues.statusCode, issues.body).toBe(200);
    expect(issues.body).toMatch(/Réf\.;Projet;Intitulé;Description/);
    const noScope = await call(t, pmo, { url: '/api/v1/registers/export?register=decisions' });
    expect(noScope.statusCode).toBe(400);
    const hidden = await call(t, outsider, {
      url: `/api/v1/registers/export?register=risks&projectId=${projectId}`,
    });
    expect(hidden.statusCode).toBe(404);
  });

  it('gives the register month by month from the assessment history', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const res = await call(t, manager, { url: `/api/v1/risks/trend?projectId=${projectId}` });
    expect(res.statusCode, res.body).toBe(200);
    const periods = (
      res.json() as { periods: { period: string; total: number; exposureCents: number }[] }
    ).periods;
    expect(periods).toHaveLength(12);
    const last = periods.at(-1)!;
    expect(last.period.slice(0, 7)).toBe(month);
    const open = await call(t, manager, {
      url: `/api/v1/risks?projectId=${projectId}&status=open&status=monitoring&limit=200`,
    });
    expect(last.total).toBe((open.json() as { items: unknown[] }).items.length);
    expect(last.exposureCents).toBeGreaterThan(0);
    expect(periods[0]!.total).toBe(0);
  });
});
