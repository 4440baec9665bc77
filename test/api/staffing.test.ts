import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResourceRequest, ResourceRequestList } from '../../src/contracts/skills.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';
import { buildPerson, buildPortfolio, buildProject } from '../helpers/factories.ts';

let t: TestApp;
let rm: string;
let pm: string;
let outsider: string;
let projectId: string;
let personId: string;
let skillId: string;

beforeAll(async () => {
  t = await buildTestApp();
  rm = (await signIn(t, 'resource_manager')).cookie;
  const boss = await buildPerson(t, { firstName: 'Paul', lastName: `Chef${uniq()}` });
  const pmSession = await signIn(t, 'member', { personId: boss.id });
  pm = pmSession.cookie;
  outsider = (await signIn(t, 'member')).cookie;
  const portfolio = await buildPortfolio(t);
  const project = await buildProject(t, portfolio.id, { managerId: boss.id });
  projectId = project.id;
  personId = (await buildPerson(t, { firstName: 'Sarah', lastName: `Archi${uniq()}` })).id;
  const cat = await call(t, rm, {
    method: 'POST',
    url: '/api/v1/skill-categories',
    payload: { code: `A${uniq()}`, name: 'Architecture' },
  });
  const skill = await call(t, rm, {
    method: 'POST',
    url: '/api/v1/skills',
    payload: { categoryId: cat.json().id, code: `CLOUD${uniq()}`, name: 'Cloud' },
  });
  skillId = skill.json().id;
});
afterAll(async () => t?.close());

describe('resource requests', () => {
  let request: ResourceRequest;

  it('lets the project manager raise a draft, names the field of a bad one, hides it from others', async () => {
    const bad = await call(t, pm, {
      method: 'POST',
      url: `/api/v1/projects/${projectId}/resource-requests`,
      payload: { start: '2026-06-30', finish: '2026-03-02', unit: 'fte', amount: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain('finish');
    const unknownSkill = await call(t, pm, {
      method: 'POST',
      url: `/api/v1/projects/${projectId}/resource-requests`,
      payload: {
        start: '2026-03-02',
        finish: '2026-06-30',
        unit: 'fte',
        amount: 1,
        skills: [{ skillId: '00000000-0000-4000-8000-000000000999', minLevel: 3 }],
      },
    });
    expect(unknownSkill.json().error.code).toBe('SKILL_NOT_FOUND');
    const res = await call(t, pm, {
      method: 'POST',
      url: `/api/v1/projects/${projectId}/resource-requests`,
      payload: {
        start: '2026-03-02',
        finish: '2026-06-30',
        unit: 'fte',
        amount: 1,
        skills: [{ skillId, minLevel: 4 }],
        priority: 'high',
        comment: 'Architecte cloud pour la migration',
      },
    });
    expect(res.statusCode).toBe(201);
    request = ResourceRequest.parse(res.json());
    expect(request.status).toBe('draft');
    expect(request.skills).toEqual([{ skillId, minLevel: 4, name: 'Cloud' }]);

    const hidden = await call(t, outsider, {
      method: 'GET',
      url: `/api/v1/resource-requests/${request.id}`,
    });
    expect(hidden.json().error.code).toBe('PROJECT_NOT_FOUND');
    // Drafts stay with the project: resource managers see submitted requests only.
    const open = ResourceRequestList.parse(
      (await call(t, rm, { method: 'GET', url: '/api/v1/resource-requests' })).json(),
    );
    expect(open.items.some((r) => r.id === request.id)).toBe(false);
  });

  it('submits with If-Match; resource managers then see it; a second submit is refused', async () => {
    const stale = await call(t, pm, {
      method: 'POST',
      url: `/api/v1/resource-requests/${request.id}/transition`,
      headers: { 'if-match': '"9"' },
      payload: { action: 'submit' },
    });
    expect(stale.statusCode).toBe(412);
    const res = await call(t, pm, {
      method: 'POST',
      url: `/api/v1/resource-requests/${request.id}/transition`,
      headers: { 'if-match': `"${request.version}"` },
      payload: { action: 'submit' },
    });
    expect(res.statusCode).toBe(200);
    request = ResourceRequest.parse(res.json());
    expect(request.status).toBe('submitted');
    const again = await call(t, pm, {
      method: 'POST',
      url: `/api/v1/resource-requests/${request.id}/transition`,
      headers: { 'if-match': `"${request.version}"` },
      payload: { action: 'submit' },
    });
    expect(again.json().error.code).toBe('REQUEST_TRANSITION_INVALID');
    const open = ResourceRequestList.parse(
      (await call(t, rm, { method: 'GET', url: '/api/v1/resource-requests?open=true' })).json(),
    );
    expect(open.items.map((r) => r.id)).toContain(request.id);
    const rejectByPm = await call(t, pm, {
      method: 'POST',
      url: `/api/v1/resource-requests/${request.id}/transition`,
      headers: { 'if-match': `"${request.version}"` },
      payload: { action: 'reject' },
    });
    expect(rejectByPm.statusCode).toBe(403);
  });

  it('is staffed partly then fully by allocations from the resource manager', async () => {
    const half = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/resource-requests/${request.id}/allocations`,
      headers: { 'if-match': `"${request.version}"` },
      payload: { personId, unit: 'percent', amount: 50 },
    });
    expect(half.statusCode).toBe(200);
    request = ResourceRequest.parse(half.json());
    expect(request.status).toBe('partially_staffed');
    expect(request.covered).toBe(0.5);
    expect(request.allocations[0]).toMatchObject({
      status: 'soft',
      start: '2026-03-02',
      finish: '2026-06-30',
    });
    const rest = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/resource-requests/${request.id}/allocations`,
      headers: { 'if-match': `"${request.version}"` },
      payload: { personId, unit: 'hours', amount: 17.5, status: 'hard' },
    });
    request = ResourceRequest.parse(rest.json());
    expect(request.status).toBe('staffed');
    expect(request.covered).toBe(1);
    // The allocations are the ordinary ones: they show in the project's allocations.
    const list = await call(t, rm, {
      method: 'GET',
      url: `/api/v1/allocations?projectId=${projectId}`,
    });
    expect(list.json().items).toHaveLength(2);
    // A staffed request is no longer edited.
    const edit = await call(t, pm, {
      method: 'PATCH',
      url: `/api/v1/resource-requests/${request.id}`,
      headers: { 'if-match': `"${request.version}"` },
      payload: { amount: 2 },
    });
    expect(edit.json().error.code).toBe('REQUEST_NOT_EDITABLE');
  });

  it('lets the project cancel, and refuses answers to a cancelled request', async () => {
    const cancel = await call(t, pm, {
      method: 'POST',
      url: `/api/v1/resource-requests/${request.id}/transition`,
      headers: { 'if-match': `"${request.version}"` },
      payload: { action: 'cancel' },
    });
    request = ResourceRequest.parse(cancel.json());
    expect(request.status).toBe('cancelled');
    const answer = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/resource-requests/${request.id}/allocations`,
      headers: { 'if-match': `"${request.version}"` },
      payload: { personId, unit: 'hours', amount: 7 },
    });
    expect(answer.json().error.code).toBe('REQUEST_NOT_OPEN');
    const list = ResourceRequestList.parse(
      (
        await call(t, pm, { method: 'GET', url: `/api/v1/projects/${projectId}/resource-requests` })
      ).json(),
    );
    expect(list.items.map((r) => r.status)).toEqual(['cancelled']);
  });
});
