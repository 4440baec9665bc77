import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MyHome } from '../../src/contracts/dashboards.ts';
import { runReportReminders } from '../../src/server/modules/reporting/dashboards.reminders.ts';
import { SYSTEM_ACTOR } from '../../src/server/seed/demo.ts';
import { createPerson } from '../../src/server/modules/org/org.service.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';
import { buildMember, buildPortfolio, buildProject } from '../helpers/factories.ts';

let t: TestApp;
let pmo: string;
let portfolioId: string;

const TODAY = '2026-11-18';
const WEEK = '2026-11-16';

beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  portfolioId = (await buildPortfolio(t)).id;
});
afterAll(async () => t?.close());

async function person(managerId: string | null = null) {
  const u = uniq();
  const p = await createPerson(t.ctx, SYSTEM_ACTOR, {
    firstName: 'Camille',
    lastName: `Accueil${u}`,
    email: `accueil${u.toLowerCase()}@exemple.test`,
    managerId,
  });
  return { ...p, cookie: (await signIn(t, 'member', { personId: p.id })).cookie };
}

async function home(cookie: string, date = TODAY) {
  const res = await call(t, cookie, { url: `/api/v1/me/home?date=${date}` });
  expect(res.statusCode, res.body).toBe(200);
  return MyHome.parse(res.json());
}

async function post(
  cookie: string,
  url: string,
  payload: object,
  headers: Record<string, string> = {},
) {
  const res = await call(t, cookie, { method: 'POST', url, payload, headers });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as { id: string; version: number };
}

describe('Mon accueil', () => {
  it('a newcomer with nothing yet gets empty lists and this week’s expected hours', async () => {
    const nobody = await person();
    const h = await home(nobody.cookie);
    expect(h).toMatchObject({
      today: TODAY,
      projects: [],
      actions: [],
      approvals: { timesheets: [], budgetRevisions: [], gates: [] },
      reportsDue: [],
      timesheet: {
        weekStart: WEEK,
        id: null,
        status: 'none',
        hours: 0,
        expectedHours: 35,
        lastWeek: { weekStart: '2026-11-09', status: 'none' },
      },
    });
  });

  it('an account without a person has no timesheet', async () => {
    const h = await home(pmo);
    expect(h.person).toBeNull();
    expect(h.timesheet).toBeNull();
  });

  it('the project manager sees their project, the report due, then its weather once sent', async () => {
    const pm = await person();
    const project = await buildProject(t, portfolioId, { managerId: pm.id });
    let h = await home(pm.cookie);
    expect(h.projects).toEqual([
      expect.objectContaining({
        id: project.id,
        roles: ['project_manager'],
        weather: null,
        reportDue: { periodStart: '2026-10-01', state: 'missing' },
      }),
    ]);
    expect(h.reportsDue.map((d) => d.project.id)).toEqual([project.id]);

    const base = `/api/v1/projects/${project.id}/status-reports`;
    const report = await post(pm.cookie, base, { periodDate: '2026-10-15', overall: 'rain' });
    await post(pm.cookie, `${base}/${report.id}/submit`, {}, { 'if-match': `"${report.version}"` });
    h = await home(pm.cookie);
    expect(h.projects[0]).toMatchObject({
      weather: 'rain',
      weatherPeriod: '2026-10-01',
      trend: 'new',
      reportDue: null,
    });
    expect(h.reportsDue).toEqual([]);
  });

  it('lists the responses of the risks I own, overdue first, only on projects I see', async () => {
    const owner = await person();
    const mine = await buildProject(t, portfolioId, { managerId: owner.id });
    const other = await buildProject(t, portfolioId);
    const risk = (projectId: string, body: object) =>
      post(pmo, `/api/v1/projects/${projectId}/risks`, {
        title: `Risque ${uniq()}`,
        probability: 5,
        impacts: { cost: 5 },
        ownerId: owner.id,
        ...body,
      });
    const later = await risk(mine.id, { proximity: '2026-12-15', response: 'Doubler l’équipe' });
    const late = await risk(mine.id, {
      proximity: '2026-11-01',
      response: 'Relancer le fournisseur',
    });
    await risk(mine.id, { status: 'closed', response: 'Fait' });
    await risk(other.id, { proximity: '2026-11-02', response: 'Invisible' });

    const h = await home(owner.cookie);
    expect(h.actions.map((a) => [a.id, a.overdue])).toEqual([
      [late.id, true],
      [later.id, false],
    ]);
    expect(h.actions[0]).toMatchObject({
      kind: 'risk_response',
      response: 'Relancer le fournisseur',
      project: { id: mine.id },
    });
  });

  it('shows my timesheet against expected hours, and the line manager the week to approve', async () => {
    const manager = await person();
    const worker = await person(manager.id);
    const project = await buildProject(t, portfolioId);
    await buildMember(t, project.id, worker.id, 'contributor');
    const week = `/api/v1/me/timesheets/${WEEK}`;
    const saved = await call(t, worker.cookie, {
      method: 'PUT',
      url: week,
      payload: {
        lines: [
          { projectId: project.id, taskId: null, activityId: null, hours: [7, 7, 0, 0, 0, 0, 0] },
        ],
      },
      headers: { 'if-match': '"0"' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    let h = await home(worker.cookie);
    expect(h.timesheet).toMatchObject({ status: 'draft', hours: 14, expectedHours: 35 });
    expect(h.projects).toEqual([
      expect.objectContaining({ id: project.id, roles: ['contributor'] }),
    ]);

    const sheet = saved.json() as { id: string; version: number };
    await post(worker.cookie, `${week}/submit`, {}, { 'if-match': `"${sheet.version}"` });
    h = await home(worker.cookie);
    expect(h.timesheet?.status).toBe('submitted');

    const m = await home(manager.cookie);
    expect(m.approvals.timesheets).toEqual([
      expect.objectContaining({ id: sheet.id, weekStart: WEEK, pendingHours: 14 }),
    ]);
    // Someone else's manager does not see it.
    expect((await home((await person()).cookie)).approvals.timesheets).toEqual([]);
  });

  it('finance and the PMO see budget revisions to decide; the project manager does not', async () => {
    const pm = await person();
    const project = await buildProject(t, portfolioId, { managerId: pm.id });
    const budget = `/api/v1/projects/${project.id}/budget`;
    await post(pm.cookie, `${budget}/lines`, {
      label: 'Intégrateur',
      category: 'external_services',
      nature: 'capex',
      spread: { amount: 1200000, from: '2026-11', to: '2026-12' },
    });
    const rev = await post(pm.cookie, `${budget}/revisions`, { reason: 'Budget initial' });
    const finance = (await signIn(t, 'finance')).cookie;
    for (const cookie of [pmo, finance]) {
      const h = await home(cookie);
      expect(h.approvals.budgetRevisions).toContainEqual(
        expect.objectContaining({
          id: rev.id,
          total: 1200000,
          project: expect.objectContaining({ id: project.id }),
        }),
      );
    }
    expect((await home(pm.cookie)).approvals.budgetRevisions).toEqual([]);
  });

  it('refuses an anonymous caller', async () => {
    expect((await call(t, null, { url: '/api/v1/me/home' })).statusCode).toBe(401);
  });
});

describe('report reminders job', () => {
  it('notifies the manager of a missing report once, then again once late, and not after it is sent', async () => {
    const pm = await person();
    const project = await buildProject(t, portfolioId, { managerId: pm.id });
    const mine = async () =>
      (
        (await call(t, pm.cookie, { url: '/api/v1/me/notifications' })).json() as {
          items: { kind: string; entity: { id: string } | null; data: Record<string, unknown> }[];
        }
      ).items.filter((n) => n.entity?.id === project.id);

    await runReportReminders(t.ctx, '2026-11-03');
    await runReportReminders(t.ctx, '2026-11-04');
    expect(await mine()).toEqual([
      expect.objectContaining({
        kind: 'reporting.due',
        data: { code: project.code, period: '2026-10-01', state: 'missing' },
      }),
    ]);
    await runReportReminders(t.ctx, '2026-11-09');
    expect((await mine()).map((n) => n.kind).sort()).toEqual(['reporting.due', 'reporting.late']);

    const base = `/api/v1/projects/${project.id}/status-reports`;
    const report = await post(pm.cookie, base, { periodDate: '2026-10-15', overall: 'sun' });
    await post(pm.cookie, `${base}/${report.id}/submit`, {}, { 'if-match': `"${report.version}"` });
    const after = await runReportReminders(t.ctx, '2026-11-10');
    expect((await mine()).length).toBe(2);
    expect(after.notified).toBe(0);
  });
});
