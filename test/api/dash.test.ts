import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DashPortfolio,
  DashProject,
  DashProjectsPage,
  DashProjectView,
} from '../../src/contracts/dash.ts';
import { queryRows } from '../../src/server/db/client.ts';
import { computeMetrics } from '../../src/server/modules/reporting/reporting.metrics.ts';
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
let rhId: string;

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
  // Capacity by the people's department: a person of RH (35 h a week by default) allocated
  // 17.5 h a week on A and on B, off five working days (approved) in the four weeks from
  // 2026-11-18, with a requested absence that does not count.
  rhId = (await buildOrgUnit(t, { name: 'RH' })).id;
  const hr = await buildPerson(t, { orgUnitId: rhId });
  await db.execute(sql`insert into resource_allocations (person_id, project_id, start, finish, unit, amount) values
    (${hr.id}, ${a}, '2026-01-01', '2026-12-31', 'hours', 17.5),
    (${hr.id}, ${b}, '2026-01-01', '2026-12-31', 'hours', 17.5)`);
  await db.execute(sql`insert into resource_absences (person_id, kind, start, finish, status) values
    (${hr.id}, 'conges', '2026-11-21', '2026-11-29', 'approved'),
    (${hr.id}, 'rtt', '2026-12-01', '2026-12-02', 'requested')`);
  // Benefits: A's business case plans 50 000 € of savings in 2026 and in 2027; 20 000 € realised.
  await db.execute(sql`insert into strategy_project_requests (number, title, problem, business_case, project_id) values
    (9001, 'Demande A', 'Problème', ${JSON.stringify({
      periodicity: 'year',
      firstPeriod: '2026',
      discountRate: '0.08',
      lines: [{ kind: 'saving', amounts: [5_000_000, 5_000_000] }],
    })}::jsonb, ${a})`);
  await db.execute(sql`insert into benefit_realisations (project_id, period, kind, amount) values
    (${a}, '2026', 'saving', 2000000)`);
  // Milestones of A: one passed and not done (late), one slipped past its baseline but still
  // ahead (not late), one passed and done.
  await db.execute(sql`insert into plan_tasks (project_id, position, name, duration, span, percent_complete, wbs, start, finish, is_summary) values
    (${a}, 1, 'Jalon passé', 0, 0, 0, '1', '2026-11-02', '2026-11-02', false),
    (${a}, 2, 'Jalon glissé', 0, 0, 0, '2', '2026-12-20', '2026-12-20', false),
    (${a}, 3, 'Jalon atteint', 0, 0, 100, '3', '2026-10-01', '2026-10-01', false)`);
  await db.execute(
    sql`insert into plan_baselines (project_id, name, task_count) values (${a}, 'Initiale', 3)`,
  );
  await db.execute(sql`insert into plan_baseline_tasks (baseline_id, task_id, name, is_summary, start, finish, span)
    select b.id, t.id, t.name, false, date '2026-12-01', date '2026-12-01', 0
    from plan_baselines b join plan_tasks t on t.project_id = b.project_id where b.project_id = ${a}`);
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
const rows = async (cookie: string, query = `portfolioId=${portfolioId}`, view = 'all') =>
  (
    await get<DashProjectsPage>(
      cookie,
      `/api/v1/dashboards/portfolio/projects?${query}&view=${view}&limit=200`,
    )
  ).items;
const ids = (list: DashProject[]) => list.map((p) => p.id);
const refresh = (cookie: string, asOf = '2026-11-18') =>
  call(t, cookie, { method: 'POST', url: '/api/v1/dashboards/refresh', payload: { asOf } });

describe('portfolio dashboard', () => {
  it('shows projects without a snapshot as missing until a refresh, which members may not run', async () => {
    const d = await dashboard(pmo);
    expect(ids(await rows(pmo)).sort()).toEqual([a, b].sort());
    expect(d.headline.projects).toBe(2);
    expect(d.freshness).toMatchObject({ computedAt: null, missing: 2 });
    expect((await rows(pmo)).find((p) => p.id === a)).toMatchObject({
      budgetCents: null,
      weather: 'sun',
    });
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
    const list = await rows(pmo);
    const pa = list.find((p) => p.id === a)!;
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
    expect(list.find((p) => p.id === b)).toMatchObject({
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
    expect(ids(await rows(pmo, `programId=${programId}`))).toEqual([a]);
    expect((await dashboard(pmo, `programId=${programId}`)).headline.projects).toBe(1);
    expect(ids(await rows(pmo, `orgUnitId=${orgUnitId}`))).toEqual([a]);
    expect(ids(await rows(pmo, `portfolioId=${portfolioId}&weather=_none`))).toEqual([b]);
    const bad = await call(t, pmo, {
      method: 'GET',
      url: '/api/v1/dashboards/portfolio?weather=snow',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('a member sees only their projects, and money only where they manage', async () => {
    const pm = await dashboard(pmCookie, '');
    const pmRows = await rows(pmCookie, '');
    expect(ids(pmRows)).toEqual([a]);
    expect(pmRows[0]!.budgetCents).toBe(10_000_000);
    expect(pm.benefits).toMatchObject({ plannedCents: 10_000_000 });
    expect(pm.canRefresh).toBe(false);
    const c = await dashboard(contributorCookie, '');
    const cRows = await rows(contributorCookie, '');
    expect(ids(cRows)).toEqual([b]);
    expect(c.benefits).toBeNull();
    expect(cRows[0]).toMatchObject({
      budgetCents: null,
      actualCents: null,
      exposureCents: 100_000,
    });
    expect(c.budget.total.budgetCents).toBe(0);
    expect(c.kpis).toEqual([]);
    expect(await rows(strangerCookie, '')).toEqual([]);
    expect((await dashboard(strangerCookie, '')).headline.projects).toBe(0);
    expect(ids(await rows(strangerCookie))).not.toContain(other);
  });

  it("counts capacity by the people's department, net of approved absences", async () => {
    const d = await dashboard(pmo);
    // 4 weeks × 17.5 h on each project = 140 h; capacity 4 × 35 h − 5 days off × 7 h = 105 h.
    expect(d.capacity.groups).toEqual([
      {
        key: rhId,
        name: 'RH',
        allocatedHours: 140,
        capacityHours: 105,
        loadPct: 133,
        level: 'over',
      },
    ]);
    // One project takes its share of the person: half the hours, half the capacity.
    const one = await dashboard(pmo, `programId=${programId}`);
    expect(one.capacity.groups[0]).toMatchObject({
      allocatedHours: 70,
      capacityHours: 52.5,
      loadPct: 133,
    });
  });

  it('shows planned vs realised benefits of the business cases', async () => {
    const d = await dashboard(pmo);
    expect(d.benefits).toEqual({
      projects: 1,
      plannedCents: 10_000_000,
      plannedToDateCents: 5_000_000,
      realisedCents: 2_000_000,
      ratePct: 40,
    });
    // The same figures are registry metrics (in euros), for KPIs and formulas.
    expect((await computeMetrics(t.ctx.db, [a], '2026-11-18')).get(a)).toMatchObject({
      benefits_planned_eur: 100_000,
      benefits_due_eur: 50_000,
      benefits_realised_eur: 20_000,
    });
  });

  it('counts a milestone late when its date passed and it is not done, not when it slipped', async () => {
    const d = await dashboard(pmo);
    expect(d.headline.milestonesLate).toBe(1);
    const pa = (await rows(pmo)).find((p) => p.id === a)!;
    expect(pa.milestonesLate).toBe(1);
    const view = await get<DashProjectView>(pmo, `/api/v1/projects/${a}/dashboard`);
    expect(Object.fromEntries(view.milestones.map((m) => [m.name, m.late]))).toMatchObject({
      'Jalon passé': true,
      'Jalon glissé': false,
      'Jalon atteint': false,
    });
    expect(view.schedule.milestonesLate).toBe(1);
  });

  it('sends only the rows the charts draw, and pages the rest on demand', async () => {
    const d = await dashboard(pmo);
    expect(d.attention).toMatchObject({ total: 1 });
    expect(ids(d.attention.items)).toEqual([a]);
    expect(d.roadmap.total).toBe(2);
    expect(d.bubbles.total).toBe(2);
    const page = await get<DashProjectsPage>(
      pmo,
      `/api/v1/dashboards/portfolio/projects?portfolioId=${portfolioId}&view=dated&limit=1&offset=1`,
    );
    expect(page).toMatchObject({ total: 2, offset: 1 });
    expect(ids(page.items)).toEqual([b]);
    expect(ids(await rows(pmo, `portfolioId=${portfolioId}`, 'attention'))).toEqual([a]);
  });

  it('exports the filtered dashboard as XLSX and PDF', async () => {
    const x = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/dashboards/portfolio/export?portfolioId=${portfolioId}&format=xlsx`,
    });
    expect(x.statusCode, x.body).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const { readXlsx } = await import('../../src/server/tabular/xlsx.ts');
    const sheet = await readXlsx(x.rawPayload, 'Projets');
    const cells = sheet.map((r) => r.cells.join('|')).join('\n');
    expect(cells).toContain('Usine numérique');
    const summary = await readXlsx(x.rawPayload, 'Synthèse');
    expect(summary.map((r) => r.cells.join('|')).join('\n')).toContain(
      'Portefeuille : Transformation',
    );
    const p = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/dashboards/portfolio/export?weather=sun&format=pdf`,
    });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.headers['content-type']).toBe('application/pdf');
    expect(p.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const bad = await call(t, pmo, {
      method: 'GET',
      url: '/api/v1/dashboards/portfolio/export?format=docx',
    });
    expect(bad.statusCode).toBe(400);
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
    // The standard « Bénéfices réalisés » KPI: 20 000 € realised of 50 000 € due in 2026.
    expect(d.kpis.find((k) => k.code === 'BENEFITS_REALISED')?.points).toEqual([
      { asOf: '2026-10-31', value: 40, status: 'red' },
      { asOf: '2026-11-18', value: 40, status: 'red' },
    ]);
    expect((await dashboard(pmo, '')).kpis).toEqual([]);
    // Benefits are realised after closure: once A is closed, the KPI still counts it.
    await t.ctx.db.execute(sql`update projects set status = 'closed' where id = ${a}`);
    const res = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/kpis/compute',
      payload: { asOf: '2026-11-19' },
    });
    expect(res.statusCode, res.body).toBe(200);
    await t.ctx.db.execute(sql`update projects set status = 'active' where id = ${a}`);
    const after = (await dashboard(pmo)).kpis.find((k) => k.code === 'BENEFITS_REALISED');
    expect(after?.points.at(-1)).toEqual({ asOf: '2026-11-19', value: 40, status: 'red' });
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

describe('capacity pressure: working weeks, public holidays, absences', () => {
  it("counts each person's own working days, holidays and absences once, in the metrics and the snapshot", async () => {
    // A Tuesday-to-Friday person (4 × 8 h) of the finance department, 50 % on a new project
    // over the four weeks from Monday 2026-12-21: 16 working days, of which Christmas and New
    // Year's Day (Fridays) are holidays → 14 × 8 = 112 h; off 28–31 December (Monday is not
    // hers; a second absence overlaps the 29th and counts once) → −3 × 8 h; half of Thursday
    // 14 January → −4 h. Capacity 84 h; the 50 % allocation takes half of it: 42 h.
    const db = t.ctx.db;
    const financeId = (await buildOrgUnit(t, { name: 'Finance' })).id;
    const person = await buildPerson(t, { orgUnitId: financeId });
    const c = (await buildProject(t, portfolioId, { name: 'Clôture annuelle' })).id;
    await db.execute(sql`insert into resource_profiles (person_id, week_hours)
      values (${person.id}, '[0, 8, 8, 8, 8, 0, 0]'::jsonb)`);
    await db.execute(sql`insert into resource_allocations (person_id, project_id, start, finish, unit, amount)
      values (${person.id}, ${c}, '2026-12-01', '2027-03-31', 'percent', 50)`);
    await db.execute(sql`insert into resource_absences (person_id, kind, start, finish, status, day_fraction) values
      (${person.id}, 'conges', '2026-12-28', '2026-12-31', 'approved', 1),
      (${person.id}, 'rtt', '2026-12-29', '2026-12-29', 'approved', 1),
      (${person.id}, 'rtt', '2027-01-14', '2027-01-14', 'approved', 0.5),
      (${person.id}, 'conges', '2027-01-05', '2027-01-08', 'requested', 1)`);
    const m = (await computeMetrics(db, [c], '2026-12-21')).get(c)!;
    expect(m).toMatchObject({ allocated_hours: 42, team_capacity_hours: 84 });
    expect((await refresh(pmo, '2026-12-21')).statusCode).toBe(200);
    const d = await dashboard(pmo);
    expect(d.capacity.groups.find((g) => g.key === financeId)).toEqual({
      key: financeId,
      name: 'Finance',
      allocatedHours: 42,
      capacityHours: 84,
      loadPct: 50,
      level: 'ok',
    });
    expect((await refresh(pmo)).statusCode).toBe(200);
  });
});

describe('capacity pressure: training days', () => {
  it('takes the days of a training a person holds a seat in off their capacity, once with an absence the same day', async () => {
    // A person of the default week (7 h Monday to Friday), 50 % on a project over the four
    // weeks from Monday 2027-02-01 (no public holiday): 20 days → 140 h. An approved sick leave
    // on Wednesday 10 and Thursday 11 February → 126 h (congés would now refuse the enrolment,
    // TRAINING_ON_ABSENCE; a sick day may fall on a training). Enrolled and approved in a training on
    // Tuesday 9 and Wednesday 10 (through the training service, which keeps her « formation »
    // absence): Tuesday more, Wednesday counted once → 119 h, of which the 50 % takes 59.5 h.
    const db = t.ctx.db;
    const rm = (await signIn(t, 'resource_manager')).cookie;
    const unitId = (await buildOrgUnit(t, { name: 'Achats' })).id;
    const person = await buildPerson(t, { orgUnitId: unitId });
    const e = (await buildProject(t, portfolioId, { name: 'Sourcing 2027' })).id;
    await db.execute(sql`insert into resource_allocations (person_id, project_id, start, finish, unit, amount)
      values (${person.id}, ${e}, '2027-01-01', '2027-06-30', 'percent', 50)`);
    await db.execute(sql`insert into resource_absences (person_id, kind, start, finish, status, day_fraction)
      values (${person.id}, 'maladie', '2027-02-10', '2027-02-11', 'approved', 1)`);
    const metrics = async () => (await computeMetrics(db, [e], '2027-02-01')).get(e)!;
    expect(await metrics()).toMatchObject({ allocated_hours: 63, team_capacity_hours: 126 });
    const post = async (url: string, payload: object, version?: number, cookie = rm) => {
      const res = await call(t, cookie, {
        method: 'POST',
        url,
        payload,
        ...(version === undefined ? {} : { headers: { 'if-match': `"${version}"` } }),
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json() as { id: string; version: number };
    };
    const category = await post('/api/v1/skill-categories', { code: 'ACH', name: 'Achats' });
    const skill = await post('/api/v1/skills', {
      categoryId: category.id,
      code: 'NEGO',
      name: 'Négociation',
    });
    const course = await post('/api/v1/training/courses', {
      code: 'NEGO-1',
      title: 'Négociation achats',
      skillId: skill.id,
      targetLevel: 3,
      durationHours: 14,
      format: 'presentiel',
    });
    const session = await post('/api/v1/training/sessions', {
      courseId: course.id,
      start: '2027-02-09',
      finish: '2027-02-10',
      seats: 8,
    });
    // She asks to attend: requested only, no seat held, capacity unchanged.
    const self = (await signIn(t, 'member', { personId: person.id })).cookie;
    const enrolment = await post(
      '/api/v1/training/enrolments',
      { sessionId: session.id },
      undefined,
      self,
    );
    expect(await metrics()).toMatchObject({ allocated_hours: 63, team_capacity_hours: 126 });
    await post(
      `/api/v1/training/enrolments/${enrolment.id}/transition`,
      { action: 'approve' },
      enrolment.version,
    );
    expect(await metrics()).toMatchObject({ allocated_hours: 59.5, team_capacity_hours: 119 });
    expect((await refresh(pmo, '2027-02-01')).statusCode).toBe(200);
    const group = (await dashboard(pmo)).capacity.groups.find((g) => g.key === unitId);
    expect(group).toMatchObject({ allocatedHours: 59.5, capacityHours: 119, loadPct: 50 });
    // The session cancelled: the training days are working days again.
    const current = await get<{ version: number }>(rm, `/api/v1/training/sessions/${session.id}`);
    await post(
      `/api/v1/training/sessions/${session.id}/cancel`,
      { reason: 'Report' },
      current.version,
    );
    expect(await metrics()).toMatchObject({ allocated_hours: 63, team_capacity_hours: 126 });
    expect((await refresh(pmo)).statusCode).toBe(200);
  });
});

describe('dashboard rows from the snapshot cards', () => {
  it('names a project moved to another programme since the refresh live, and keeps its refreshed weather', async () => {
    await refresh(pmo);
    const moved = (await buildProgram(t, portfolioId, { name: 'Programme déplacé' })).id;
    await t.ctx.db.execute(sql`update projects set program_id = ${moved} where id = ${b}`);
    const page = await get<DashProjectsPage>(
      pmo,
      `/api/v1/dashboards/portfolio/projects?portfolioId=${portfolioId}&limit=50`,
    );
    const row = page.items.find((p) => p.id === b)!;
    expect(row.program).toEqual({ id: moved, name: 'Programme déplacé' });
    expect(page.items.find((p) => p.id === a)!.weather).toBe('sun');
    await t.ctx.db.execute(sql`update projects set program_id = null where id = ${b}`);
  });
});

describe('demo: the frozen indicators of past status reports', () => {
  it('takes each submitted report’s snapshot again at its date once finance, risks and resources exist', async () => {
    const db = t.ctx.db;
    const p = (await buildProject(t, (await buildPortfolio(t)).id)).id;
    // Submitted early in the seed: planning only, no CPI, exposure or team load.
    await db.execute(sql`insert into status_reports (project_id, period_start, period_end, frequency, state, overall, author_name, metrics, metrics_as_of) values
      (${p}, '2026-09-01', '2026-09-30', 'monthly', 'reviewed', 'cloud', 'Test', '{"ev_eur": null, "ac_eur": null}'::jsonb, '2026-09-30'),
      (${p}, '2026-10-01', '2026-10-31', 'monthly', 'draft', 'sun', 'Test', null, null)`);
    // Then the other modules: the August and September closes, an open threat, an allocation.
    await db.execute(sql`insert into finance_closes (project_id, month, status_date, bac, pv, ev, ac, committed, eac) values
      (${p}, '2026-08-01', '2026-08-31', 10000000, 2000000, 1800000, 2000000, 0, 11000000),
      (${p}, '2026-09-01', '2026-09-30', 10000000, 3000000, 2700000, 3000000, 0, 11100000),
      (${p}, '2026-10-01', '2026-10-31', 10000000, 4000000, 4000000, 4000000, 0, 10000000)`);
    await db.execute(sql`insert into risks (project_id, number, kind, title, probability, impact, score, emv_cents, status) values
      (${p}, 1, 'threat', 'Retard fournisseur', 4, 4, 16, 1500000, 'open')`);
    const person = await buildPerson(t);
    await db.execute(sql`insert into resource_allocations (person_id, project_id, start, finish, unit, amount) values
      (${person.id}, ${p}, '2026-01-01', '2026-12-31', 'hours', 14)`);

    const { refreezeReportMetrics } = await import('../../src/server/seed/demo-dash.ts');
    expect(await refreezeReportMetrics(t.ctx)).toBeGreaterThanOrEqual(1);
    const rows = await queryRows<{ state: string; metrics: Record<string, number | null> | null }>(
      db,
      sql`select state, metrics from status_reports where project_id = ${p} order by period_start`,
    );
    // September's close (not October's), the open threat, the four weeks after 30 September.
    expect(rows[0]!.metrics).toMatchObject({
      ev_eur: 27000,
      ac_eur: 30000,
      risk_exposure_eur: 15000,
      risks_high: 1,
      allocated_hours: 56,
    });
    expect(rows[0]!.metrics!.team_capacity_hours).toBeGreaterThan(0);
    // A draft has no snapshot and gets none.
    expect(rows[1]!.metrics).toBeNull();
  });
});
