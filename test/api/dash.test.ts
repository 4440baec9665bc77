import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashPortfolio, DashProjectView } from '../../src/contracts/dash.ts';
import { queryRows } from '../../src/server/db/client.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import {
  buildMember,
  buildOrgUnit,
  buildPerson,
  buildPortfolio,
  buildProgram,
  buildProject,
} from '../helpers/factories.ts';

/*
 * The portfolio dashboard over its snapshots (freshness, refresh, filters, visibility of
 * projects and of money) and the project dashboard. Finance, risks and reports are written with
 * SQL as their modules store them; the dashboard only reads them.
 */
let t: TestApp;
let pmo: string;
let pmCookie: string;
let contributorCookie: string;
let strangerCookie: string;
let portfolioId: string;
let programId: string;
let orgUnitId: string;
let a: string;
let b: string;
let other: string;

beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  const pf = await buildPortfolio(t, { name: 'Transformation' });
  portfolioId = pf.id;
  programId = (await buildProgram(t, portfolioId, { name: 'Usine numérique' })).id;
  orgUnitId = (await buildOrgUnit(t, { name: 'DSI' })).id;
  const pm = await buildPerson(t);
  const contributor = await buildPerson(t);
  const stranger = await buildPerson(t);
  pmCookie = (await signIn(t, 'member', { personId: pm.id })).cookie;
  contributorCookie = (await signIn(t, 'member', { personId: contributor.id })).cookie;
  strangerCookie = (await signIn(t, 'member', { personId: stranger.id })).cookie;
  a = (
    await buildProject(t, portfolioId, {
      managerId: pm.id,
      programId,
      orgUnitId,
      plannedStart: '2026-01-05',
      plannedEnd: '2026-12-18',
    })
  ).id;
  b = (await buildProject(t, portfolioId, { plannedStart: '2026-03-02', plannedEnd: '2027-06-30' }))
    .id;
  await buildMember(t, b, contributor.id, 'contributor');
  other = (await buildProject(t, (await buildPortfolio(t)).id)).id;

  const db = t.ctx.db;
  const [line] = await queryRows<{ id: string }>(
    db,
    sql`insert into budget_lines (project_id, position, label, category, nature)
      values (${a}, 1, 'Intégrateur', 'external_services', 'capex') returning id`,
  );
  await db.execute(sql`insert into budget_amounts (line_id, project_id, month, amount) values
    (${line!.id}, ${a}, '2026-10-01', 6000000), (${line!.id}, ${a}, '2026-11-01', 4000000)`);
  await db.execute(sql`insert into actual_costs (project_id, source, date, amount, amount_eur)
    values (${a}, 'invoice', '2026-10-20', 3000000, 3000000)`);
  await db.execute(sql`insert into risks (project_id, number, kind, title, probability, impact, score, emv_cents, status) values
    (${a}, 1, 'threat', 'Retard fournisseur', 4, 4, 16, 800000, 'open'),
    (${a}, 2, 'threat', 'Départ clé', 2, 3, 6, 200000, 'monitoring'),
    (${a}, 3, 'threat', 'Ancien', 5, 5, 25, 999900, 'closed'),
    (${b}, 1, 'threat', 'Recette tardive', 3, 4, 12, 100000, 'open')`);
  // A reported sun after cloud (better); B never reported.
  await db.execute(sql`insert into status_reports (project_id, period_start, period_end, frequency, state, overall, author_name) values
    (${a}, '2026-09-01', '2026-09-30', 'monthly', 'reviewed', 'cloud', 'Test'),
    (${a}, '2026-10-01', '2026-10-31', 'monthly', 'submitted', 'sun', 'Test'),
    (${a}, '2026-11-01', '2026-11-30', 'monthly', 'draft', 'storm', 'Test')`);
});

afterAll(async () => {
  await t?.close();
});

const get = async <T>(cookie: string, url: string, status = 200) => {
  const res = await call(t, cookie, { method: 'GET', url });
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
};
const dashboard = (cookie: string, query = `portfolioId=${portfolioId}`) =>
  get<DashPortfolio>(cookie, `/api/v1/dashboards/portfolio?${query}`);
const refresh = (cookie: string, asOf = '2026-11-18') =>
  call(t, cookie, { method: 'POST', url: '/api/v1/dashboards/refresh', payload: { asOf } });

describe('portfolio dashboard', () => {
  it('shows projects without a snapshot as missing until a refresh, which members may not run', async () => {
    const d = await dashboard(pmo);
    expect(d.projects.map((p) => p.id).sort()).toEqual([a, b].sort());
    expect(d.freshness).toMatchObject({ computedAt: null, missing: 2 });
    expect(d.projects.find((p) => p.id === a)).toMatchObject({ budgetCents: null, weather: 'sun' });
    expect(d.canRefresh).toBe(true);
    expect((await refresh(pmCookie)).statusCode).toBe(403);
  });

  it('reads the refreshed snapshots: mixes, money, exposure, trend, freshness', async () => {
    const res = await refresh(pmo);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().projects).toBeGreaterThanOrEqual(3);
    const d = await dashboard(pmo);
    expect(d.freshness.missing).toBe(0);
    expect(d.freshness.computedAt).toBe(res.json().computedAt);
    expect(d.freshness.asOf).toBe('2026-11-18');
    const pa = d.projects.find((p) => p.id === a)!;
    expect(pa).toMatchObject({
      program: { id: programId, name: 'Usine numérique' },
      orgUnit: { id: orgUnitId, name: 'DSI' },
      weather: 'sun',
      trend: 'better',
      budgetCents: 10_000_000,
      actualCents: 3_000_000,
      exposureCents: 1_000_000,
      risksOpen: 2,
      risksHigh: 1,
      start: '2026-01-05',
      finish: '2026-12-18',
    });
    expect(d.projects.find((p) => p.id === b)).toMatchObject({
      weather: null,
      trend: null,
      exposureCents: 100_000,
    });
    expect(Object.fromEntries(d.weatherMix.map((m) => [m.key, m.count]))).toEqual({
      sun: 1,
      cloud: 0,
      rain: 0,
      storm: 0,
      _none: 1,
    });
    expect(d.budget.groups[0]).toMatchObject({
      key: programId,
      budgetCents: 10_000_000,
      actualCents: 3_000_000,
      consumedPct: 30,
    });
    expect(d.budget.total.budgetCents).toBe(10_000_000);
    expect(d.options.portfolios.map((p) => p.id)).toContain(portfolioId);
    expect(d.options.programs).toContainEqual({
      id: programId,
      name: 'Usine numérique',
      portfolioId,
    });
  });

  it('filters by programme, department and weather', async () => {
    expect((await dashboard(pmo, `programId=${programId}`)).projects.map((p) => p.id)).toEqual([a]);
    expect((await dashboard(pmo, `orgUnitId=${orgUnitId}`)).projects.map((p) => p.id)).toEqual([a]);
    const none = await dashboard(pmo, `portfolioId=${portfolioId}&weather=_none`);
    expect(none.projects.map((p) => p.id)).toEqual([b]);
    const bad = await call(t, pmo, {
      method: 'GET',
      url: '/api/v1/dashboards/portfolio?weather=snow',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('a member sees only their projects, and money only where they manage', async () => {
    const pm = await dashboard(pmCookie, '');
    expect(pm.projects.map((p) => p.id)).toEqual([a]);
    expect(pm.projects[0]!.budgetCents).toBe(10_000_000);
    expect(pm.canRefresh).toBe(false);
    const c = await dashboard(contributorCookie, '');
    expect(c.projects.map((p) => p.id)).toEqual([b]);
    expect(c.projects[0]).toMatchObject({
      budgetCents: null,
      actualCents: null,
      exposureCents: 100_000,
    });
    expect(c.budget.total.budgetCents).toBe(0);
    expect(c.kpis).toEqual([]);
    expect((await dashboard(strangerCookie, '')).projects).toEqual([]);
    expect((await dashboard(strangerCookie)).projects.map((p) => p.id)).not.toContain(other);
  });

  it('shows the KPI trends of the selected portfolio once KPIs are computed', async () => {
    for (const asOf of ['2026-10-31', '2026-11-18']) {
      const res = await call(t, pmo, {
        method: 'POST',
        url: '/api/v1/kpis/compute',
        payload: { asOf },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const d = await dashboard(pmo);
    expect(d.kpis.length).toBeGreaterThan(0);
    for (const k of d.kpis)
      expect(k.points.map((p) => p.asOf)).toEqual(['2026-10-31', '2026-11-18']);
    expect((await dashboard(pmo, '')).kpis).toEqual([]);
  });

  it('drops the snapshot of an archived project at the next refresh', async () => {
    await t.ctx.db.execute(sql`update projects set archived_at = now() where id = ${other}`);
    await refresh(pmo);
    const rows = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from dash_project_snapshots where project_id = ${other}`,
    );
    expect(rows[0]!.n).toBe(0);
  });
});

describe('project dashboard', () => {
  it('puts weather, cost, risks and milestones of one project on one page', async () => {
    const d = await get<DashProjectView>(pmo, `/api/v1/projects/${a}/dashboard`);
    expect(d.weather).toMatchObject({ overall: 'sun', periodStart: '2026-10-01' });
    expect(d.weatherHistory.map((h) => h.overall)).toEqual(['cloud', 'sun']);
    expect(d.cost).toMatchObject({ budgetCents: 10_000_000 });
    expect(d.risks).toMatchObject({ open: 2, high: 1, exposureCents: 1_000_000 });
    expect(d.risks.top.map((r) => r.title)).toEqual(['Retard fournisseur', 'Départ clé']);
    expect(d.project).toMatchObject({ id: a, start: '2026-01-05', finish: '2026-12-18' });
  });

  it('hides money from a contributor and the project from a stranger', async () => {
    const d = await get<DashProjectView>(contributorCookie, `/api/v1/projects/${b}/dashboard`);
    expect(d.cost).toMatchObject({ budgetCents: null, actualCents: null, cpi: null });
    const res = await call(t, strangerCookie, {
      method: 'GET',
      url: `/api/v1/projects/${a}/dashboard`,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('PROJECT_NOT_FOUND');
  });
});
