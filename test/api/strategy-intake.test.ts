import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectRequest, RequestList } from '../../src/contracts/strategy.ts';
import { npv } from '../../src/core/strategy/business-case.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';
import { buildPerson, buildPortfolio } from '../helpers/factories.ts';

let t: TestApp;
let pmo: string;
let member: string;
let other: string;
let viewer: string;
beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  member = (await signIn(t, 'member')).cookie;
  other = (await signIn(t, 'member')).cookie;
  viewer = (await signIn(t, 'viewer')).cookie;
});
afterAll(async () => t?.close());

async function submit(cookie: string, overrides: Record<string, unknown> = {}) {
  const res = await call(t, cookie, {
    method: 'POST',
    url: '/api/v1/strategy/requests',
    payload: {
      title: 'Dématérialisation des notes de frais',
      problem: 'Les notes de frais papier coûtent 3 jours de saisie par mois au service comptable.',
      expectedBenefits: '2 ETP récupérés, délais de remboursement divisés par 3',
      roughCost: 12000000,
      roughEffortDays: 180,
      desiredStart: '2027-01-04',
      desiredEnd: '2027-06-30',
      urgency: 'high',
      ...overrides,
    },
  });
  return res;
}

describe('intake: submit, triage, business case, approval', () => {
  it('lets anyone submit a request, numbered, and shows it to its requester and the PMO only', async () => {
    const res = await submit(member);
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const req = ProjectRequest.parse(res.json());
    expect(req).toMatchObject({ stage: 'submitted', urgency: 'high', roughCost: 12000000 });
    expect(req.reference).toMatch(/^DEM-\d{4}$/);
    // The requester and the PMO see it; another member does not, not even by id.
    const mine = RequestList.parse(
      (await call(t, member, { method: 'GET', url: '/api/v1/strategy/requests' })).json(),
    );
    expect(mine.items.map((i) => i.id)).toContain(req.id);
    const theirs = RequestList.parse(
      (await call(t, other, { method: 'GET', url: '/api/v1/strategy/requests' })).json(),
    );
    expect(theirs.items.map((i) => i.id)).not.toContain(req.id);
    const hidden = await call(t, other, {
      method: 'GET',
      url: `/api/v1/strategy/requests/${req.id}`,
    });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('REQUEST_NOT_FOUND');
    const all = RequestList.parse(
      (await call(t, pmo, { method: 'GET', url: '/api/v1/strategy/requests' })).json(),
    );
    expect(all.items.map((i) => i.id)).toContain(req.id);
  });

  it('refuses read-only accounts and bad input with the field', async () => {
    expect((await submit(viewer)).statusCode).toBe(403);
    const bad = await submit(member, { desiredStart: '2027-07-01', desiredEnd: '2027-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain('desiredEnd');
    const noTitle = await submit(member, { title: '' });
    expect(noTitle.statusCode).toBe(400);
  });

  it('goes through triage: ask for more, the requester completes it, the PMO accepts', async () => {
    const req = ProjectRequest.parse((await submit(member)).json());
    const url = `/api/v1/strategy/requests/${req.id}`;
    // A member may not triage.
    const denied = await call(t, member, {
      method: 'POST',
      url: `${url}/triage`,
      headers: { 'if-match': '"1"' },
      payload: { decision: 'accept' },
    });
    expect(denied.statusCode).toBe(403);
    const ask = await call(t, pmo, {
      method: 'POST',
      url: `${url}/triage`,
      headers: { 'if-match': '"1"' },
      payload: { decision: 'ask_info', note: 'Chiffrer les gains' },
    });
    expect(ask.statusCode).toBe(200);
    expect(ask.json()).toMatchObject({
      stage: 'needs_info',
      triageNote: 'Chiffrer les gains',
      version: 2,
    });
    // Stale version → 412 with the current state.
    const staleRes = await call(t, member, {
      method: 'PATCH',
      url,
      headers: { 'if-match': '"1"' },
      payload: { expectedBenefits: 'x' },
    });
    expect(staleRes.statusCode).toBe(412);
    expect(staleRes.json().error.details.current.version).toBe(2);
    // The requester completes it: back to triage.
    const completed = await call(t, member, {
      method: 'PATCH',
      url,
      headers: { 'if-match': '"2"' },
      payload: { expectedBenefits: '2 ETP, soit 140 000 € par an' },
    });
    expect(completed.json()).toMatchObject({ stage: 'submitted', version: 3 });
    const accepted = await call(t, pmo, {
      method: 'POST',
      url: `${url}/triage`,
      headers: { 'if-match': '"3"' },
      payload: { decision: 'accept' },
    });
    expect(accepted.json()).toMatchObject({ stage: 'evaluation' });
    // Once in evaluation the requester may no longer edit it.
    const locked = await call(t, member, {
      method: 'PATCH',
      url,
      headers: { 'if-match': '"4"' },
      payload: { title: 'Autre' },
    });
    expect(locked.statusCode).toBe(403);
    // Accepting twice is a stage error.
    const again = await call(t, pmo, {
      method: 'POST',
      url: `${url}/triage`,
      headers: { 'if-match': '"4"' },
      payload: { decision: 'accept' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('REQUEST_STAGE_INVALID');
    // The audit trail has every step.
    const audit = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/audit?entityType=project_request&entityId=${req.id}`,
    });
    expect(audit.json().items).toHaveLength(4);
  });

  it('computes the business case indicators and creates the project on approval', async () => {
    const sponsor = await buildPerson(t, { firstName: 'Claire', lastName: 'Martin' });
    const portfolio = await buildPortfolio(t);
    const req = ProjectRequest.parse((await submit(member, { sponsorId: sponsor.id })).json());
    const url = `/api/v1/strategy/requests/${req.id}`;
    await call(t, pmo, {
      method: 'POST',
      url: `${url}/triage`,
      headers: { 'if-match': '"1"' },
      payload: { decision: 'accept' },
    });
    const bc = {
      periodicity: 'year',
      firstPeriod: '2027',
      discountRate: '8',
      lines: [
        { kind: 'investment', label: 'Projet', amounts: [12000000] },
        { kind: 'run', label: 'Licences', amounts: [0, 1500000, 1500000, 1500000] },
        {
          kind: 'saving',
          label: '2 ETP',
          amounts: [0, 14000000, 14000000, 14000000],
          confidence: 80,
        },
      ],
    };
    const bad = await call(t, pmo, {
      method: 'PUT',
      url: `${url}/business-case`,
      headers: { 'if-match': '"2"' },
      payload: { ...bc, discountRate: 'huit' },
    });
    expect(bad.statusCode).toBe(400);
    const res = await call(t, pmo, {
      method: 'PUT',
      url: `${url}/business-case`,
      headers: { 'if-match': '"2"' },
      payload: bc,
    });
    expect(res.statusCode).toBe(200);
    const withCase = ProjectRequest.parse(res.json());
    const base = withCase.businessCase!.indicators.base;
    expect(base.net).toEqual([-12000000, 9700000, 9700000, 9700000]);
    expect(base.npv).toBe(npv([-12000000, 9700000, 9700000, 9700000], '8'));
    expect(base.irr.status).toBe('ok');
    expect(withCase.businessCase!.indicators.delay1Year.npv).toBeLessThan(base.npv);
    // The list shows the NPV.
    const list = RequestList.parse(
      (await call(t, pmo, { method: 'GET', url: '/api/v1/strategy/requests' })).json(),
    );
    expect(list.items.find((i) => i.id === req.id)!.npv).toBe(base.npv);

    const code = `DEM-${uniq()}`;
    const approved = await call(t, pmo, {
      method: 'POST',
      url: `${url}/approve`,
      headers: { 'if-match': '"3"' },
      payload: { code, portfolioId: portfolio.id },
    });
    expect(approved.statusCode).toBe(200);
    const done = ProjectRequest.parse(approved.json());
    expect(done.stage).toBe('approved');
    const project = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/projects/${done.project!.id}`,
    });
    expect(project.json()).toMatchObject({
      code,
      name: 'Dématérialisation des notes de frais',
      sponsor: { id: sponsor.id },
      portfolio: { id: portfolio.id },
      plannedStart: '2027-01-04',
    });
  });
});
