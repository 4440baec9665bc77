import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Budget } from '../../src/contracts/finance.ts';
import { Plan, PlanChange } from '../../src/contracts/planning.ts';
import {
  ChangeRequestDetail,
  Decision,
  DecisionList,
  Issue,
  IssueList,
  RaidAction,
  RaidActionList,
} from '../../src/contracts/raid.ts';
import { runActionReminders } from '../../src/server/modules/risks/raid.reminders.ts';
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
let sponsor: string;
let reader: string;
let outsider: string;
let projectId: string;
let otherProjectId: string;
let programId: string;
let pmPersonId: string;
let readerPersonId: string;

beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  const portfolioId = (await buildPortfolio(t)).id;
  programId = (await buildProgram(t, portfolioId)).id;
  projectId = (await buildProject(t, portfolioId, { programId, plannedStart: '2026-03-02' })).id;
  otherProjectId = (await buildProject(t, portfolioId, { programId })).id;
  const pm = await buildPerson(t);
  const sp = await buildPerson(t);
  const rd = await buildPerson(t);
  pmPersonId = pm.id;
  readerPersonId = rd.id;
  await buildMember(t, projectId, pm.id, 'project_manager');
  await buildMember(t, projectId, sp.id, 'sponsor');
  await buildMember(t, projectId, rd.id, 'reader');
  manager = (await signIn(t, 'member', { personId: pm.id })).cookie;
  sponsor = (await signIn(t, 'member', { personId: sp.id })).cookie;
  reader = (await signIn(t, 'member', { personId: rd.id })).cookie;
  outsider = (await signIn(t, 'member', { personId: (await buildPerson(t)).id })).cookie;
});
afterAll(async () => t?.close());

const post = (cookie: string, url: string, payload: object, version?: number) =>
  call(t, cookie, {
    method: 'POST',
    url,
    payload,
    ...(version !== undefined ? { headers: { 'if-match': `"${version}"` } } : {}),
  });
const patch = (cookie: string, url: string, payload: object, version: number) =>
  call(t, cookie, { method: 'PATCH', url, payload, headers: { 'if-match': `"${version}"` } });

describe('issues log', () => {
  it('records, resolves and audits an issue; numbers it per project', async () => {
    const res = await post(manager, `/api/v1/projects/${projectId}/issues`, {
      title: 'Serveur de recette indisponible',
      description: 'La plateforme de recette est tombée le 12/03',
      impact: 'Deux jours de recette perdus',
      ownerId: pmPersonId,
      priority: 'high',
      dueDate: '2026-03-20',
    });
    expect(res.statusCode, res.body).toBe(201);
    const issue = Issue.parse(res.json());
    expect(issue.code).toMatch(/^I-\d+$/);
    expect(issue).toMatchObject({ status: 'open', priority: 'high', resolvedOn: null });
    expect(issue.owner?.id).toBe(pmPersonId);

    const stale = await patch(manager, `/api/v1/issues/${issue.id}`, { status: 'resolved' }, 99);
    expect(stale.statusCode).toBe(412);
    const noIfMatch = await call(t, manager, {
      method: 'PATCH',
      url: `/api/v1/issues/${issue.id}`,
      payload: { status: 'resolved' },
    });
    expect(noIfMatch.statusCode).toBe(428);
    const resolved = await patch(
      manager,
      `/api/v1/issues/${issue.id}`,
      { status: 'resolved', resolution: 'Machine relancée, supervision ajoutée' },
      issue.version,
    );
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.headers.etag).toBe(`"${issue.version + 1}"`);
    expect(Issue.parse(resolved.json()).resolvedOn).not.toBeNull();

    const audit = await call(t, pmo, { url: `/api/v1/audit?entityId=${issue.id}` });
    expect(audit.statusCode, audit.body).toBe(200);
    expect((audit.json() as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a bad owner and names the field', async () => {
    const res = await post(manager, `/api/v1/projects/${projectId}/issues`, {
      title: 'Sans propriétaire',
      ownerId: '00000000-0000-4000-8000-000000000001',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('PERSON_NOT_FOUND');
  });

  it('lets a reader read but not write; hides the log from outsiders', async () => {
    const list = await call(t, reader, { url: `/api/v1/issues?projectId=${projectId}` });
    expect(list.statusCode).toBe(200);
    const items = IssueList.parse(list.json()).items;
    expect(items.length).toBeGreaterThan(0);
    const write = await post(reader, `/api/v1/projects/${projectId}/issues`, { title: 'Non' });
    expect(write.statusCode).toBe(403);
    const hidden = await call(t, outsider, { url: `/api/v1/issues?projectId=${projectId}` });
    expect(hidden.json().error.code).toBe('PROJECT_NOT_FOUND');
    const one = await call(t, outsider, { url: `/api/v1/issues/${items[0]!.id}` });
    expect(one.statusCode).toBe(404);
    expect(one.json().error.code).toBe('ISSUE_NOT_FOUND');
  });

  it('shows the issues of the visible projects at programme level', async () => {
    await post(pmo, `/api/v1/projects/${otherProjectId}/issues`, { title: 'Autre projet' });
    const all = IssueList.parse(
      (await call(t, pmo, { url: `/api/v1/issues?programId=${programId}` })).json(),
    ).items;
    expect(new Set(all.map((i) => i.project.id))).toEqual(new Set([projectId, otherProjectId]));
    const mine = IssueList.parse(
      (await call(t, manager, { url: `/api/v1/issues?programId=${programId}` })).json(),
    ).items;
    expect(mine.every((i) => i.project.id === projectId)).toBe(true);
  });
});

describe('decisions log', () => {
  it('records a decision linked to an issue and refuses links outside the project', async () => {
    const issue = IssueList.parse(
      (await call(t, manager, { url: `/api/v1/issues?projectId=${projectId}` })).json(),
    ).items[0]!;
    const res = await post(manager, `/api/v1/projects/${projectId}/decisions`, {
      title: 'Recette sur la plateforme de secours',
      decision: 'La recette bascule sur la plateforme de secours jusqu’au 31/03',
      alternatives: 'Attendre la réparation ; louer une plateforme',
      decidedById: pmPersonId,
      forum: 'Comité de projet',
      decidedOn: '2026-03-13',
      links: [{ type: 'issue', id: issue.id }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = Decision.parse(res.json());
    expect(d.code).toMatch(/^D-\d+$/);
    expect(d.links).toEqual([
      { type: 'issue', id: issue.id, code: issue.code, title: issue.title },
    ]);
    const foreign = IssueList.parse(
      (await call(t, pmo, { url: `/api/v1/issues?projectId=${otherProjectId}` })).json(),
    ).items[0]!;
    const bad = await post(manager, `/api/v1/projects/${projectId}/decisions`, {
      title: 'Lien hors projet',
      links: [{ type: 'issue', id: foreign.id }],
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('links');
    const updated = await patch(
      manager,
      `/api/v1/decisions/${d.id}`,
      { status: 'superseded' },
      d.version,
    );
    expect(Decision.parse(updated.json()).status).toBe('superseded');
  });
});

describe('change requests', () => {
  let taskA: string;
  let taskB: string;
  let lineId: string;

  beforeAll(async () => {
    const base = `/api/v1/projects/${projectId}/plan`;
    const add = async (name: string, duration: number) => {
      const res = await post(manager, `${base}/tasks`, { name, duration });
      expect(res.statusCode, res.body).toBe(201);
      const change = PlanChange.parse(res.json());
      return change.createdTaskIds[0]!;
    };
    taskA = await add('Développements', 10);
    taskB = await add('Documentation', 2);
    const link = await post(manager, `${base}/links`, { fromTaskId: taskA, toTaskId: taskB });
    expect(link.statusCode, link.body).toBe(201);
    // A third, parallel task gives Documentation no float and a short parallel task float.
    const line = await post(manager, `/api/v1/projects/${projectId}/budget/lines`, {
      label: 'Intégrateur',
      category: 'external_services',
      nature: 'opex',
      amounts: [{ month: '2026-03', amount: 1_000_000 }],
    });
    expect(line.statusCode, line.body).toBe(201);
    lineId = (line.json() as { id: string }).id;
  });

  it('analyses the impact, goes through the workflow and applies plan and budget on approval', async () => {
    const created = await post(manager, `/api/v1/projects/${projectId}/change-requests`, {
      title: 'Ajout du module de paie',
      description: 'Intégrer la paie au périmètre du lot 2',
      justification: 'Demande de la DRH',
      taskChanges: [{ taskId: taskA, deltaDays: 5 }],
      budgetChanges: [{ lineId, month: '2026-03', deltaCents: 250_000 }],
    });
    expect(created.statusCode, created.body).toBe(201);
    let cr = ChangeRequestDetail.parse(created.json());
    expect(cr).toMatchObject({ status: 'draft', costImpactCents: 250_000, scheduleImpactDays: 5 });
    expect(cr.analysis.tasks[0]).toMatchObject({
      name: 'Développements',
      duration: 10,
      newDuration: 15,
      critical: true,
      slipDays: 5,
    });
    expect(cr.analysis.budget[0]).toMatchObject({
      totalCents: 1_000_000,
      newTotalCents: 1_250_000,
    });

    // The manager cannot approve; a decision needs a submitted request.
    const early = await post(
      sponsor,
      `/api/v1/change-requests/${cr.id}/decide`,
      { decision: 'approve' },
      cr.version,
    );
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('CHANGE_REQUEST_WRONG_STATUS');
    const submitted = await post(
      manager,
      `/api/v1/change-requests/${cr.id}/submit`,
      {},
      cr.version,
    );
    expect(submitted.statusCode, submitted.body).toBe(200);
    cr = ChangeRequestDetail.parse(submitted.json());
    expect(cr.status).toBe('submitted');
    const edit = await patch(
      manager,
      `/api/v1/change-requests/${cr.id}`,
      { title: 'x' },
      cr.version,
    );
    expect(edit.json().error.code).toBe('CHANGE_REQUEST_WRONG_STATUS');
    const byManager = await post(
      manager,
      `/api/v1/change-requests/${cr.id}/decide`,
      { decision: 'approve' },
      cr.version,
    );
    expect(byManager.statusCode).toBe(403);

    // The sponsor approves without applying (no budget right); the manager applies.
    const approved = await post(
      sponsor,
      `/api/v1/change-requests/${cr.id}/decide`,
      { decision: 'approve', comment: 'Validé en COPIL', apply: false },
      cr.version,
    );
    expect(approved.statusCode, approved.body).toBe(200);
    cr = ChangeRequestDetail.parse(approved.json());
    expect(cr).toMatchObject({
      status: 'approved',
      applied: false,
      decisionComment: 'Validé en COPIL',
    });
    expect(cr.decision).not.toBeNull();
    const decision = Decision.parse(
      (await call(t, reader, { url: `/api/v1/decisions/${cr.decision!.id}` })).json(),
    );
    expect(decision.changeRequest?.id).toBe(cr.id);

    const applied = await post(manager, `/api/v1/change-requests/${cr.id}/apply`, {}, cr.version);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(ChangeRequestDetail.parse(applied.json()).applied).toBe(true);
    const plan = Plan.parse(
      (await call(t, manager, { url: `/api/v1/projects/${projectId}/plan` })).json(),
    );
    expect(plan.tasks.find((x) => x.id === taskA)!.duration).toBe(15);
    const budget = Budget.parse(
      (await call(t, manager, { url: `/api/v1/projects/${projectId}/budget` })).json(),
    );
    expect(budget.lines.find((l) => l.id === lineId)!.total).toBe(1_250_000);
    const again = await post(manager, `/api/v1/change-requests/${cr.id}/apply`, {}, cr.version + 1);
    expect(again.json().error.code).toBe('CHANGE_REQUEST_WRONG_STATUS');
  });

  it('applies in the same transaction on approval by the PMO, and rolls all back on failure', async () => {
    const created = ChangeRequestDetail.parse(
      (
        await post(manager, `/api/v1/projects/${projectId}/change-requests`, {
          title: 'Raccourcir la documentation',
          taskChanges: [{ taskId: taskB, deltaDays: -1 }],
        })
      ).json(),
    );
    expect(created.scheduleImpactDays).toBe(0);
    const sub = ChangeRequestDetail.parse(
      (
        await post(manager, `/api/v1/change-requests/${created.id}/submit`, {}, created.version)
      ).json(),
    );
    const ok = await post(
      pmo,
      `/api/v1/change-requests/${sub.id}/decide`,
      { decision: 'approve' },
      sub.version,
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ChangeRequestDetail.parse(ok.json()).applied).toBe(true);
    const plan = Plan.parse(
      (await call(t, pmo, { url: `/api/v1/projects/${projectId}/plan` })).json(),
    );
    expect(plan.tasks.find((x) => x.id === taskB)!.duration).toBe(1);

    // The sponsor may approve but not change the budget: approving with apply fails whole.
    const second = ChangeRequestDetail.parse(
      (
        await post(manager, `/api/v1/projects/${projectId}/change-requests`, {
          title: 'Budget de formation',
          taskChanges: [{ taskId: taskB, deltaDays: 1 }],
          budgetChanges: [{ lineId, month: '2026-04', deltaCents: 100_000 }],
        })
      ).json(),
    );
    const sub2 = ChangeRequestDetail.parse(
      (
        await post(manager, `/api/v1/change-requests/${second.id}/submit`, {}, second.version)
      ).json(),
    );
    const refused = await post(
      sponsor,
      `/api/v1/change-requests/${sub2.id}/decide`,
      { decision: 'approve' },
      sub2.version,
    );
    expect(refused.statusCode).toBe(403);
    const after = ChangeRequestDetail.parse(
      (await call(t, manager, { url: `/api/v1/change-requests/${sub2.id}` })).json(),
    );
    expect(after.status).toBe('submitted');
    expect(after.decision).toBeNull();
    const plan2 = Plan.parse(
      (await call(t, pmo, { url: `/api/v1/projects/${projectId}/plan` })).json(),
    );
    expect(plan2.tasks.find((x) => x.id === taskB)!.duration).toBe(1);
    const rejected = await post(
      sponsor,
      `/api/v1/change-requests/${sub2.id}/decide`,
      { decision: 'reject', comment: 'Hors budget' },
      sub2.version,
    );
    expect(ChangeRequestDetail.parse(rejected.json())).toMatchObject({
      status: 'rejected',
      applied: false,
    });
  });

  it('refuses tasks and lines of another project, naming the item', async () => {
    const res = await post(manager, `/api/v1/projects/${projectId}/change-requests`, {
      title: 'Tâche inconnue',
      taskChanges: [{ taskId: '00000000-0000-4000-8000-000000000002', deltaDays: 1 }],
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('taskChanges');
  });
});

describe('actions', () => {
  it('adds actions to an issue, lists them in "Mes actions" with overdue flagged; the owner closes one', async () => {
    const issue = IssueList.parse(
      (await call(t, manager, { url: `/api/v1/issues?projectId=${projectId}` })).json(),
    ).items[0]!;
    const late = await post(manager, '/api/v1/actions', {
      sourceType: 'issue',
      sourceId: issue.id,
      title: 'Relancer l’hébergeur',
      ownerId: readerPersonId,
      dueDate: '2020-01-10',
    });
    expect(late.statusCode, late.body).toBe(201);
    const action = RaidAction.parse(late.json());
    expect(action).toMatchObject({ overdue: true, status: 'open' });
    expect(action.source).toMatchObject({ type: 'issue', code: issue.code });
    await post(manager, '/api/v1/actions', {
      sourceType: 'issue',
      sourceId: issue.id,
      title: 'Rédiger le retour d’expérience',
      ownerId: readerPersonId,
      dueDate: '2099-01-10',
    });

    const mine = RaidActionList.parse(
      (await call(t, reader, { url: '/api/v1/my/actions' })).json(),
    );
    expect(mine.items.map((a) => a.title)).toEqual([
      'Relancer l’hébergeur',
      'Rédiger le retour d’expérience',
    ]);
    const list = RaidActionList.parse(
      (
        await call(t, reader, { url: `/api/v1/actions?sourceType=issue&sourceId=${issue.id}` })
      ).json(),
    );
    expect(list.items).toHaveLength(2);
    expect(
      Issue.parse((await call(t, reader, { url: `/api/v1/issues/${issue.id}` })).json())
        .openActions,
    ).toBe(2);

    // The reader owns the action: may mark it done, may not rename it.
    const rename = await patch(
      reader,
      `/api/v1/actions/${action.id}`,
      { title: 'x' },
      action.version,
    );
    expect(rename.statusCode).toBe(403);
    const done = await patch(
      reader,
      `/api/v1/actions/${action.id}`,
      { status: 'done' },
      action.version,
    );
    expect(done.statusCode, done.body).toBe(200);
    expect(RaidAction.parse(done.json())).toMatchObject({ status: 'done', overdue: false });
    const outsiderRead = await call(t, outsider, {
      url: `/api/v1/actions?sourceType=issue&sourceId=${issue.id}`,
    });
    expect(outsiderRead.json().error.code).toBe('ISSUE_NOT_FOUND');
  });

  it('adds an action to a risk', async () => {
    const risk = await post(manager, `/api/v1/projects/${projectId}/risks`, {
      title: 'Indisponibilité des experts SAP',
      probability: 3,
      impacts: { schedule: 3 },
    });
    const riskId = (risk.json() as { id: string }).id;
    const res = await post(manager, '/api/v1/actions', {
      sourceType: 'risk',
      sourceId: riskId,
      title: 'Réserver deux experts',
      ownerId: pmPersonId,
      dueDate: '2099-02-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(RaidAction.parse(res.json()).project?.id).toBe(projectId);
  });

  it('lists decisions at programme level for the PMO', async () => {
    const res = await call(t, pmo, { url: `/api/v1/decisions?programId=${programId}` });
    expect(DecisionList.parse(res.json()).items.length).toBeGreaterThan(0);
  });

  it('reminds owners of overdue and soon-due actions once, through the notifications', async () => {
    const issue = IssueList.parse(
      (await call(t, manager, { url: `/api/v1/issues?projectId=${projectId}` })).json(),
    ).items[0]!;
    await post(manager, '/api/v1/actions', {
      sourceType: 'issue',
      sourceId: issue.id,
      title: 'Valider le plan de reprise',
      ownerId: pmPersonId,
      dueDate: '2026-06-02',
    });
    const first = await runActionReminders(t.ctx, '2026-06-01');
    expect(first.sent).toBeGreaterThanOrEqual(1);
    const again = await runActionReminders(t.ctx, '2026-06-01');
    expect(again.sent).toBe(0);
    const res = await call(t, manager, { url: '/api/v1/me/notifications?limit=100' });
    const kinds = (res.json() as { items: { kind: string; data: { title?: string } }[] }).items
      .filter((n) => n.data.title === 'Valider le plan de reprise')
      .map((n) => n.kind);
    expect(kinds).toEqual(['raid.action.due_soon']);
    const later = await runActionReminders(t.ctx, '2026-06-03');
    expect(later.sent).toBeGreaterThanOrEqual(1);
  });
});
