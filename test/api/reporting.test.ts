import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatusReport } from '../../src/contracts/reporting.ts';
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
let pm: string;
let contributor: string;
let outsider: string;
let portfolioId: string;
let programId: string;
let projectId: string;

beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  portfolioId = (await buildPortfolio(t)).id;
  programId = (await buildProgram(t, portfolioId)).id;
  const manager = await buildPerson(t);
  const helper = await buildPerson(t);
  projectId = (await buildProject(t, portfolioId, { programId, managerId: manager.id })).id;
  await buildMember(t, projectId, helper.id, 'contributor');
  pm = (await signIn(t, 'member', { personId: manager.id })).cookie;
  contributor = (await signIn(t, 'member', { personId: helper.id })).cookie;
  outsider = (await signIn(t, 'member', { personId: (await buildPerson(t)).id })).cookie;
});
afterAll(async () => t?.close());

const base = (id = projectId) => `/api/v1/projects/${id}/status-reports`;

async function create(cookie: string, body: object, id = projectId) {
  return call(t, cookie, { method: 'POST', url: base(id), payload: body });
}

async function act(
  cookie: string,
  r: { id: string; version: number },
  what: string,
  body?: object,
  id = projectId,
) {
  return call(t, cookie, {
    method: what === 'edit' ? 'PATCH' : 'POST',
    url: what === 'edit' ? `${base(id)}/${r.id}` : `${base(id)}/${r.id}/${what}`,
    headers: { 'if-match': `"${r.version}"` },
    ...(body ? { payload: body } : {}),
  });
}

describe('status reports (météo projet)', () => {
  let first: StatusReport;

  it('the project manager writes a draft for a period, pre-filled with the monthly period', async () => {
    const res = await create(pm, {
      periodDate: '2026-09-15',
      overall: 'sun',
      dimensions: { schedule: 'sun', cost: 'cloud' },
      achievements: 'Cadrage validé',
    });
    expect(res.statusCode, res.body).toBe(201);
    first = StatusReport.parse(res.json());
    expect(first).toMatchObject({
      periodStart: '2026-09-01',
      periodEnd: '2026-09-30',
      frequency: 'monthly',
      state: 'draft',
      overall: 'sun',
      dimensions: { schedule: 'sun', cost: 'cloud', scope: null },
      trends: { overall: 'new' },
      can: { edit: true, submit: true, review: false },
      metrics: null,
    });
    expect(res.headers.etag).toBe(`"${first.version}"`);
  });

  it('refuses a second report for the same period', async () => {
    const res = await create(pm, { periodDate: '2026-09-02', overall: 'rain' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('STATUS_REPORT_EXISTS');
  });

  it('a contributor reads but may not write; an outsider does not see the project', async () => {
    expect(
      (await create(contributor, { periodDate: '2026-08-01', overall: 'sun' })).statusCode,
    ).toBe(403);
    expect((await call(t, contributor, { url: base() })).statusCode).toBe(200);
    const hidden = await call(t, outsider, { url: base() });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('PROJECT_NOT_FOUND');
    const direct = await call(t, outsider, { url: `${base()}/${first.id}` });
    expect(direct.json().error.code).toBe('PROJECT_NOT_FOUND');
  });

  it('edits need the current version', async () => {
    const stale = await act(pm, { ...first, version: first.version + 5 }, 'edit', { issues: 'x' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current.id).toBe(first.id);
    const res = await act(pm, first, 'edit', {
      issues: 'Retard du fournisseur',
      dimensions: { risks: 'rain' },
    });
    expect(res.statusCode, res.body).toBe(200);
    first = StatusReport.parse(res.json());
    expect(first.dimensions).toMatchObject({ schedule: 'sun', cost: 'cloud', risks: 'rain' });
  });

  it('submission freezes a metrics snapshot; the PMO sends it back, then approves', async () => {
    const sub = await act(pm, first, 'submit');
    expect(sub.statusCode, sub.body).toBe(200);
    first = StatusReport.parse(sub.json());
    expect(first.state).toBe('submitted');
    expect(first.metrics).toMatchObject({ project_count: 1 });
    expect(first.metricsAsOf).not.toBeNull();
    expect(first.can.edit).toBe(false);

    expect((await act(pm, first, 'edit', { issues: 'trop tard' })).json().error.code).toBe(
      'STATUS_REPORT_STATE',
    );
    expect((await act(pm, first, 'review', { decision: 'approve' })).statusCode).toBe(403);

    const noComment = await act(pmo, first, 'review', { decision: 'request_changes' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.details.issues[0].path).toEqual(['body', 'comment']);

    const back = await act(pmo, first, 'review', {
      decision: 'request_changes',
      comment: 'Préciser le plan d’action',
    });
    first = StatusReport.parse(back.json());
    expect(first).toMatchObject({
      state: 'changes_requested',
      reviewComment: 'Préciser le plan d’action',
    });

    const pmView = StatusReport.parse((await call(t, pm, { url: `${base()}/${first.id}` })).json());
    expect(pmView.can.edit).toBe(true);
    const edited = StatusReport.parse(
      (await act(pm, pmView, 'edit', { nextSteps: 'Plan d’action fournisseur' })).json(),
    );
    const resub = StatusReport.parse((await act(pm, edited, 'submit')).json());
    const ok = await act(pmo, resub, 'review', { decision: 'approve', comment: 'Merci' });
    expect(ok.statusCode).toBe(200);
    expect(StatusReport.parse(ok.json())).toMatchObject({
      state: 'reviewed',
      reviewer: 'Utilisateur pmo',
    });
  });

  it('the next report shows trends against the previous one, and the history lists both', async () => {
    const res = await create(pm, {
      periodDate: '2026-10-20',
      overall: 'storm',
      dimensions: { schedule: 'rain' },
    });
    const second = StatusReport.parse(res.json());
    expect(second.trends.overall).toBe('worse');
    expect(second.trends.dimensions).toMatchObject({
      schedule: 'worse',
      cost: 'same',
      risks: 'same',
    });
    // Dimensions not given are carried over from the previous report.
    expect(second.dimensions.cost).toBe('cloud');
    expect(second.previous?.id).toBe(first.id);
    const list = (await call(t, contributor, { url: base() })).json();
    expect(list.items.map((r: StatusReport) => r.periodStart)).toEqual([
      '2026-10-01',
      '2026-09-01',
    ]);
    expect(list.expected.frequency).toBe('monthly');
    expect(list.live).toHaveProperty('milestones_late');
    // Draft → submitted for the portfolio view below.
    await act(pm, second, 'submit');
  });

  it('every write is audited', async () => {
    const res = await call(t, pmo, {
      url: `/api/v1/audit?entityType=status_report&entityId=${first.id}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((e: { action: string }) => e.action)).toEqual([
      'update',
      'update',
      'update',
      'update',
      'update',
      'update',
      'create',
    ]);
  });
});

describe('metrics snapshot from the plan', () => {
  it('counts milestones, work and baseline variance from planning tables', async () => {
    const id = (await buildProject(t, portfolioId, { programId, plannedStart: '2026-01-05' })).id;
    const plan = `/api/v1/projects/${id}/plan`;
    const settings = (await call(t, pmo, { url: plan })).json().settings;
    await call(t, pmo, {
      method: 'PATCH',
      url: `${plan}/settings`,
      payload: { start: '2026-01-05' },
      headers: { 'if-match': `"${settings.version}"` },
    });
    const add = async (body: object) => {
      const res = await call(t, pmo, { method: 'POST', url: `${plan}/tasks`, payload: body });
      expect(res.statusCode, res.body).toBe(201);
      const c = res.json();
      return c.tasks.find((x: { id: string }) => x.id === c.createdTaskIds[0]);
    };
    const a = await add({ name: 'Conception', duration: 10 });
    const m = await add({ name: 'Jalon conception', duration: 0 });
    await call(t, pmo, {
      method: 'POST',
      url: `${plan}/links`,
      payload: { fromTaskId: a.id, toTaskId: m.id, type: 'FS', lag: 0 },
    });
    expect(
      (
        await call(t, pmo, {
          method: 'POST',
          url: `/api/v1/projects/${id}/baselines`,
          payload: { name: 'Initiale' },
        })
      ).statusCode,
    ).toBe(201);
    const task = (await call(t, pmo, { url: plan }))
      .json()
      .tasks.find((x: { id: string }) => x.id === a.id);
    await call(t, pmo, {
      method: 'PATCH',
      url: `${plan}/tasks/${a.id}`,
      payload: { percentComplete: 50, duration: 14 },
      headers: { 'if-match': `"${task.version}"` },
    });
    const list = (await call(t, pmo, { url: `/api/v1/projects/${id}/status-reports` })).json();
    expect(list.live).toMatchObject({
      project_count: 1,
      work_total: 14,
      work_earned: 7,
      work_planned: 10,
      milestones_total: 1,
      milestones_done: 0,
      milestones_late: 1,
      milestones_due: 1,
      milestones_on_time: 0,
    });
    // The milestone moved later than in the baseline.
    expect(list.live.finish_slippage_days).toBeGreaterThan(0);
  });
});

describe('portfolio status and roll-up', () => {
  it('rolls project weathers up by the rule, shows sub-projects in their parent, and takes overrides', async () => {
    const child = (await buildProject(t, portfolioId, { programId, parentId: projectId })).id;
    const r = StatusReport.parse(
      (await create(pmo, { periodDate: '2026-10-03', overall: 'cloud' }, child)).json(),
    );
    await act(pmo, r, 'submit', undefined, child);
    const url = `/api/v1/reporting/portfolio-status?portfolioId=${portfolioId}&date=2026-10-15`;
    let status = (await call(t, pmo, { url })).json();
    expect(status.period).toEqual({ start: '2026-10-01', end: '2026-10-31' });
    expect(status.settings).toMatchObject({
      frequency: 'monthly',
      rollupRule: 'worst',
      version: 0,
    });
    const parent = status.projects.find((p: { id: string }) => p.id === projectId);
    expect(parent.report).toMatchObject({ overall: 'storm', trend: 'worse', state: 'submitted' });
    expect(parent.rolledUp).toBe('storm');
    expect(status.programs[0]).toMatchObject({ computed: 'storm', weather: 'storm', reported: 2 });
    expect(status.portfolioRollup.computed).toBe('storm');

    const setRule = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/portfolios/${portfolioId}/reporting-settings`,
      payload: { rollupRule: 'majority' },
      headers: { 'if-match': '"0"' },
    });
    expect(setRule.json()).toMatchObject({ rollupRule: 'majority', version: 1 });
    const again = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/portfolios/${portfolioId}/reporting-settings`,
      payload: { rollupRule: 'worst' },
      headers: { 'if-match': '"0"' },
    });
    expect(again.statusCode).toBe(412);

    const o = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/reporting/overrides',
      payload: {
        scopeType: 'portfolio',
        scopeId: portfolioId,
        date: '2026-10-09',
        weather: 'rain',
        comment: 'Plan de redressement engagé',
      },
    });
    expect(o.statusCode, o.body).toBe(200);
    status = (await call(t, pmo, { url })).json();
    expect(status.portfolioRollup).toMatchObject({
      weather: 'rain',
      override: { comment: 'Plan de redressement engagé' },
    });
    // Majority of storm and cloud (one each) goes to the worse.
    expect(status.portfolioRollup.computed).toBe('storm');

    expect(
      (
        await call(t, pm, {
          method: 'POST',
          url: '/api/v1/reporting/overrides',
          payload: {
            scopeType: 'portfolio',
            scopeId: portfolioId,
            date: '2026-10-09',
            weather: 'sun',
            comment: 'x',
          },
        })
      ).statusCode,
    ).toBe(403);
    const del = await call(t, pmo, {
      method: 'DELETE',
      url: `/api/v1/reporting/overrides/${o.json().id}`,
      headers: { 'if-match': `"${o.json().version}"` },
    });
    expect(del.statusCode).toBe(204);
  });

  it('a project manager sees only their projects in the portfolio status', async () => {
    const status = (
      await call(t, pm, {
        url: `/api/v1/reporting/portfolio-status?portfolioId=${portfolioId}&date=2026-10-15`,
      })
    ).json();
    expect(status.projects.map((p: { id: string }) => p.id)).toEqual([projectId]);
    expect(status.canManage).toBe(false);
  });

  it('lists reports due: missing, draft or sent back', async () => {
    const due = (
      await call(t, pmo, { url: '/api/v1/reporting/reports-due?date=2026-12-05' })
    ).json();
    const mine = due.items.find((i: { project: { id: string } }) => i.project.id === projectId);
    expect(mine).toMatchObject({ periodStart: '2026-11-01', state: 'missing' } as object);
  });
});

describe('KPI library', () => {
  it('ships the standard KPIs and checks formulas when saved', async () => {
    const list = (await call(t, pmo, { url: '/api/v1/kpis' })).json();
    expect(list.items.map((k: { code: string }) => k.code)).toEqual(
      expect.arrayContaining(['SPI', 'MILESTONES_ON_TIME', 'SLIPPAGE']),
    );
    expect(list.metrics.map((m: { code: string }) => m.code)).toContain('work_earned');

    const body = {
      code: 'AVANCE',
      nameFr: 'Avance',
      nameEn: 'Lead',
      formula: 'work_earned - budget_spent',
      direction: 'up',
      green: 1,
      amber: 0,
      level: 'project',
    };
    const bad = await call(t, pmo, { method: 'POST', url: '/api/v1/kpis', payload: body });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'KPI_FORMULA_INVALID',
      details: { position: 14, reason: 'unknown_metric', token: 'budget_spent' },
    });
    const syntax = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/kpis',
      payload: { ...body, formula: 'work_earned -' },
    });
    expect(syntax.json().error.details.reason).toBe('syntax');
    const order = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/kpis',
      payload: { ...body, formula: 'work_earned - work_planned', green: 0, amber: 1 },
    });
    expect(order.json().error.code).toBe('VALIDATION_FAILED');
    const ok = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/kpis',
      payload: { ...body, formula: 'work_earned - work_planned' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().metrics).toEqual(['work_earned', 'work_planned']);
    expect(
      (
        await call(t, pm, {
          method: 'POST',
          url: '/api/v1/kpis',
          payload: { ...body, code: 'AUTRE' },
        })
      ).statusCode,
    ).toBe(403);
    const upd = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/kpis/${ok.json().id}`,
      payload: { formula: 'sqrt(2)' },
      headers: { 'if-match': `"${ok.json().version}"` },
    });
    expect(upd.json().error.details.reason).toBe('unknown_function');
  });

  it('computes on demand, stores history, and shows only visible scopes', async () => {
    const run1 = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/kpis/compute',
      payload: { asOf: '2026-10-31' },
    });
    expect(run1.statusCode, run1.body).toBe(200);
    expect(run1.json().values).toBeGreaterThan(0);
    await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/kpis/compute',
      payload: { asOf: '2026-11-30' },
    });
    const list = (await call(t, pmo, { url: '/api/v1/kpis' })).json();
    const count = list.items.find((k: { code: string }) => k.code === 'LATE_MILESTONES');
    const mine = count.latest.find((v: { scopeId: string }) => v.scopeId === portfolioId);
    expect(mine).toMatchObject({ asOf: '2026-11-30', scopeType: 'portfolio', trend: 'same' });
    expect(count.lastComputedAt).not.toBeNull();
    const history = (
      await call(t, pmo, { url: `/api/v1/kpis/${count.id}/history?scopeId=${portfolioId}` })
    ).json();
    expect(history.items.map((h: { asOf: string }) => h.asOf)).toEqual([
      '2026-10-31',
      '2026-11-30',
    ]);
    const pmList = (await call(t, pm, { url: '/api/v1/kpis' })).json();
    const pmScopes = new Set(
      pmList.items.flatMap((k: { latest: { scopeId: string }[] }) =>
        k.latest.map((v) => v.scopeId),
      ),
    );
    expect([...pmScopes]).toEqual([projectId]);
  });
});
