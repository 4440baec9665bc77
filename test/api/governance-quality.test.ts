import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CorrectiveAction,
  FindingList,
  QualityAudit,
  QualityAuditList,
  QualityChecklist,
  QualityFinding,
} from '../../src/contracts/governance.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';
import { buildPerson, buildPortfolio, buildProject } from '../helpers/factories.ts';

let t: TestApp;
let pmo: string;
let manager: string;
let outsider: string;
let managerPersonId: string;
let portfolioId: string;

const ITEMS = [
  { key: 'note-cadrage', label: 'La note de cadrage est validée par le sponsor' },
  { key: 'planning', label: 'Le planning de référence est posé' },
  { key: 'risques', label: 'Les risques sont revus en COPIL' },
];

async function checklist() {
  const res = await call(t, pmo, {
    method: 'POST',
    url: '/api/v1/quality/checklists',
    payload: { name: `Revue de cadrage ${uniq()}`, items: ITEMS },
  });
  expect(res.statusCode, res.body).toBe(201);
  return QualityChecklist.parse(res.json());
}

async function plannedAudit() {
  const project = await buildProject(t, portfolioId, { managerId: managerPersonId });
  const c = await checklist();
  const res = await call(t, pmo, {
    method: 'POST',
    url: `/api/v1/projects/${project.id}/quality-audits`,
    payload: { title: 'Audit de cadrage', checklistId: c.id, plannedDate: '2026-03-02' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { project, checklist: c, audit: QualityAudit.parse(res.json()) };
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

beforeAll(async () => {
  t = await buildTestApp();
  portfolioId = (await buildPortfolio(t)).id;
  managerPersonId = (await buildPerson(t)).id;
  pmo = (await signIn(t, 'pmo')).cookie;
  manager = (await signIn(t, 'member', { personId: managerPersonId })).cookie;
  outsider = (await signIn(t, 'member', { personId: (await buildPerson(t)).id })).cookie;
});
afterAll(async () => t?.close());

describe('quality checklists', () => {
  it('are managed by the PMO, checked for duplicate keys, versioned', async () => {
    const dup = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/quality/checklists',
      payload: { name: `Doublon ${uniq()}`, items: [ITEMS[0], ITEMS[0]] },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details.issues[0].path).toEqual(['body', 'items', 1, 'key']);

    const denied = await call(t, manager, {
      method: 'POST',
      url: '/api/v1/quality/checklists',
      payload: { name: 'x', items: ITEMS },
    });
    expect(denied.statusCode).toBe(403);

    const c = await checklist();
    const same = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/quality/checklists',
      payload: { name: c.name, items: ITEMS },
    });
    expect(same.statusCode).toBe(409);

    const stale = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/quality/checklists/${c.id}`,
      headers: ifMatch(c.version + 5),
      payload: { archived: true },
    });
    expect(stale.statusCode).toBe(412);
    const archived = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/quality/checklists/${c.id}`,
      headers: ifMatch(c.version),
      payload: { archived: true },
    });
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.headers.etag).toBe(`"${c.version + 1}"`);

    const project = await buildProject(t, portfolioId);
    const refused = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/quality-audits`,
      payload: { title: 'Audit', checklistId: c.id, plannedDate: '2026-03-02' },
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('QUALITY_CHECKLIST_NOT_FOUND');
  });
});

describe('a quality audit, from planning to the last corrective action', () => {
  it('is assessed, its findings followed until closed, and its status follows', async () => {
    const { project, audit } = await plannedAudit();
    expect(audit.status).toBe('planned');
    expect(audit.items.map((i) => i.result)).toEqual([null, null, null]);
    const url = `/api/v1/projects/${project.id}/quality-audits/${audit.id}`;

    // The project manager reads it but may not assess it.
    const read = await call(t, manager, { method: 'GET', url });
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe(`"${audit.version}"`);
    const notAuditor = await call(t, manager, {
      method: 'PATCH',
      url,
      headers: ifMatch(audit.version),
      payload: { summary: 'x' },
    });
    expect(notAuditor.statusCode).toBe(403);

    // Completing with an item not assessed and a non-conform item without comment names both.
    const incomplete = await call(t, pmo, {
      method: 'PATCH',
      url,
      headers: ifMatch(audit.version),
      payload: {
        results: [
          { key: 'note-cadrage', result: 'conform' },
          { key: 'planning', result: 'non_conform' },
        ],
        completed: true,
      },
    });
    expect(incomplete.statusCode).toBe(400);
    expect(
      incomplete.json().error.details.issues.map((i: { path: unknown[] }) => i.path.join('.')),
    ).toEqual(['body.items.1.comment', 'body.items.2.result']);

    const unknown = await call(t, pmo, {
      method: 'PATCH',
      url,
      headers: ifMatch(audit.version),
      payload: { results: [{ key: 'inconnu', result: 'na' }] },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.issues[0].path).toEqual(['body', 'results', 0, 'key']);

    const assessed = await call(t, pmo, {
      method: 'PATCH',
      url,
      headers: ifMatch(audit.version),
      payload: {
        results: [
          { key: 'note-cadrage', result: 'conform' },
          { key: 'planning', result: 'non_conform', comment: 'Pas de référence figée' },
          { key: 'risques', result: 'na' },
        ],
        completed: true,
        summary: 'Cadrage solide, planning à figer.',
      },
    });
    expect(assessed.statusCode, assessed.body).toBe(200);
    const a1 = QualityAudit.parse(assessed.json());
    expect(a1.status).toBe('closed');
    expect(a1.completedOn).not.toBeNull();
    expect(a1.score).toMatchObject({ assessed: 3, conform: 1, nonConform: 1, na: 1, rate: 50 });
    const templates = await call(t, pmo, { method: 'GET', url: '/api/v1/quality/checklists' });
    const used = (templates.json().items as { id: string; auditCount: number }[]).find(
      (c) => c.id === audit.checklist.id,
    );
    expect(used?.auditCount).toBe(1);

    // A stale write gets 412 with the current state.
    const stale = await call(t, pmo, {
      method: 'PATCH',
      url,
      headers: ifMatch(audit.version),
      payload: { summary: 'perdu' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current.version).toBe(a1.version);

    // A major finding puts the audit in follow-up.
    const findingRes = await call(t, pmo, {
      method: 'POST',
      url: `${url}/findings`,
      payload: { itemKey: 'planning', description: 'Planning sans baseline', severity: 'major' },
    });
    expect(findingRes.statusCode, findingRes.body).toBe(201);
    const finding = QualityFinding.parse(findingRes.json());
    const badItem = await call(t, pmo, {
      method: 'POST',
      url: `${url}/findings`,
      payload: { itemKey: 'absent', description: 'x', severity: 'minor' },
    });
    expect(badItem.statusCode).toBe(400);
    let state = QualityAudit.parse((await call(t, manager, { method: 'GET', url })).json());
    expect(state.status).toBe('follow_up');

    // A major finding cannot close without a corrective action.
    const findingUrl = `/api/v1/projects/${project.id}/quality-findings/${finding.id}`;
    const noAction = await call(t, pmo, {
      method: 'PATCH',
      url: findingUrl,
      headers: ifMatch(finding.version),
      payload: { status: 'closed' },
    });
    expect(noAction.statusCode).toBe(409);
    expect(noAction.json().error.code).toBe('FINDING_NOT_CLOSABLE');
    expect(noAction.json().error.details.reason).toBe('action_required');

    // The project manager adds the corrective action (an overdue one), an outsider cannot.
    const hidden = await call(t, outsider, {
      method: 'POST',
      url: `${findingUrl}/actions`,
      payload: { description: 'x', ownerId: managerPersonId, dueDate: '2026-01-01' },
    });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('PROJECT_NOT_FOUND');
    const actionRes = await call(t, manager, {
      method: 'POST',
      url: `${findingUrl}/actions`,
      payload: {
        description: 'Figer la baseline en COPIL',
        ownerId: managerPersonId,
        dueDate: '2020-01-15',
      },
    });
    expect(actionRes.statusCode, actionRes.body).toBe(201);
    const action = CorrectiveAction.parse(actionRes.json());
    expect(action.overdue).toBe(true);
    expect(action.owner?.id).toBe(managerPersonId);

    // The PMO's follow-up lists it as overdue; an outsider sees nothing of it.
    const overdue = FindingList.parse(
      (
        await call(t, pmo, {
          method: 'GET',
          url: `/api/v1/quality/findings?projectId=${project.id}&overdue=true`,
        })
      ).json(),
    );
    expect(overdue.items.map((f) => f.id)).toEqual([finding.id]);
    expect(overdue.summary).toMatchObject({
      open: { major: 1 },
      openActions: 1,
      overdueActions: 1,
    });
    const outsiders = FindingList.parse(
      (
        await call(t, outsider, {
          method: 'GET',
          url: `/api/v1/quality/findings?projectId=${project.id}`,
        })
      ).json(),
    );
    expect(outsiders.items).toEqual([]);
    expect(outsiders.summary.openActions).toBe(0);

    const stillOpen = await call(t, pmo, {
      method: 'PATCH',
      url: findingUrl,
      headers: ifMatch(finding.version),
      payload: { status: 'closed' },
    });
    expect(stillOpen.json().error.details.reason).toBe('actions_open');

    const actionUrl = `/api/v1/projects/${project.id}/corrective-actions/${action.id}`;
    const noIfMatch = await call(t, manager, {
      method: 'PATCH',
      url: actionUrl,
      payload: { status: 'done' },
    });
    expect(noIfMatch.statusCode).toBe(428);
    const done = await call(t, manager, {
      method: 'PATCH',
      url: actionUrl,
      headers: ifMatch(action.version),
      payload: { status: 'done' },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(CorrectiveAction.parse(done.json())).toMatchObject({ status: 'done', overdue: false });

    const closed = await call(t, pmo, {
      method: 'PATCH',
      url: findingUrl,
      headers: ifMatch(finding.version),
      payload: { status: 'closed' },
    });
    expect(closed.statusCode, closed.body).toBe(200);
    state = QualityAuditList.parse(
      (
        await call(t, manager, {
          method: 'GET',
          url: `/api/v1/projects/${project.id}/quality-audits`,
        })
      ).json(),
    ).items[0]!;
    expect(state.status).toBe('closed');
    expect(state.findings[0]!.actions[0]!.status).toBe('done');

    // Every write left its audit event.
    const history = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/projects/${project.id}/history?limit=100`,
    });
    const types = (history.json().items as { entityType: string }[]).map((e) => e.entityType);
    expect(types).toEqual(
      expect.arrayContaining(['quality_audit', 'quality_finding', 'corrective_action']),
    );
  });

  it('hides an invisible project and deletes an audit with If-Match', async () => {
    const { project, audit } = await plannedAudit();
    const url = `/api/v1/projects/${project.id}/quality-audits`;
    const hidden = await call(t, outsider, { method: 'GET', url });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('PROJECT_NOT_FOUND');
    const other = await buildProject(t, portfolioId);
    const wrongProject = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/projects/${other.id}/quality-audits/${audit.id}`,
    });
    expect(wrongProject.statusCode).toBe(404);
    expect(wrongProject.json().error.code).toBe('QUALITY_AUDIT_NOT_FOUND');
    const stale = await call(t, pmo, {
      method: 'DELETE',
      url: `${url}/${audit.id}`,
      headers: ifMatch(audit.version + 1),
    });
    expect(stale.statusCode).toBe(412);
    const gone = await call(t, pmo, {
      method: 'DELETE',
      url: `${url}/${audit.id}`,
      headers: ifMatch(audit.version),
    });
    expect(gone.statusCode).toBe(204);
    expect(
      QualityAuditList.parse((await call(t, pmo, { method: 'GET', url })).json()).items,
    ).toEqual([]);
  });
});
