import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Budget, CostLedger } from '../../src/contracts/finance.ts';
import { HeatMap } from '../../src/contracts/resources.ts';
import { TrainingCostPosting, TrainingCostPostingList } from '../../src/contracts/skills.ts';
import { Bench, DevelopmentGoalList, PlannablePeople } from '../../src/contracts/staffing.ts';
import { createPerson } from '../../src/server/modules/org/org.service.ts';
import { SYSTEM_ACTOR } from '../../src/server/seed/demo.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';
import { buildCourse, buildPortfolio, buildProject } from '../helpers/factories.ts';

// Issue 4, training: (1) an approved « congés » on a training day takes that day once from
// capacity (bench and heat map); (2) a session's cost charged to a project budget line as a
// commitment, made an actual cost, withdrawn — through the finance service, seen in the budget.

let t: TestApp;
let rm: string;
let fin: string;
let personId: string;
let secondId: string;
let projectId: string;
let lineId: string;
let sessionId: string;

const bench = async (id: string) => {
  const res = await call(t, rm, {
    method: 'GET',
    url: `/api/v1/staffing/bench?from=2027-03-01&to=2027-03-07&maxUtilisation=100&limit=500`,
  });
  expect(res.statusCode).toBe(200);
  return Bench.parse(res.json()).items.find((p) => p.person.id === id)?.capacityHours;
};
const heatMap = async (id: string) => {
  const res = await call(t, rm, {
    method: 'GET',
    url: `/api/v1/capacity?from=2027-03-01&buckets=1&unit=week&groupBy=person&limit=500`,
  });
  expect(res.statusCode).toBe(200);
  const row = HeatMap.parse(res.json()).rows.find((r) => r.key === id);
  return row?.cells[0]?.capacity;
};
const ledger = async () =>
  CostLedger.parse(
    (await call(t, fin, { method: 'GET', url: `/api/v1/projects/${projectId}/costs` })).json(),
  );
const budgetLine = async () =>
  Budget.parse(
    (await call(t, fin, { method: 'GET', url: `/api/v1/projects/${projectId}/budget` })).json(),
  ).lines.find((l) => l.id === lineId)!;

beforeAll(async () => {
  t = await buildTestApp();
  rm = (await signIn(t, 'resource_manager')).cookie;
  fin = (await signIn(t, 'finance')).cookie;
  personId = (
    await createPerson(t.ctx, SYSTEM_ACTOR, { firstName: 'Léa', lastName: `Double${uniq()}` })
  ).id;
  secondId = (
    await createPerson(t.ctx, SYSTEM_ACTOR, { firstName: 'Marc', lastName: `Second${uniq()}` })
  ).id;
  const portfolio = await buildPortfolio(t);
  projectId = (await buildProject(t, portfolio.id)).id;
  const line = await call(t, fin, {
    method: 'POST',
    url: `/api/v1/projects/${projectId}/budget/lines`,
    payload: {
      label: 'Formation de l’équipe',
      category: 'other',
      nature: 'opex',
      spread: { amount: 1_000_000, from: '2027-01', to: '2027-06' },
    },
  });
  expect(line.statusCode).toBe(201);
  lineId = line.json().id;
  const courseId = (
    await buildCourse(t, rm, {
      category: { code: 'C', name: 'Cloud' },
      skill: { code: 'K8S', name: 'Kubernetes' },
      course: {
        code: 'CKA-',
        title: 'Kubernetes Administrator',
        provider: 'Linux Foundation',
        durationHours: 21,
        costMinor: 180000,
      },
    })
  ).courseId;
  // Monday 1 to Wednesday 3 March 2027.
  sessionId = (
    await call(t, rm, {
      method: 'POST',
      url: '/api/v1/training/sessions',
      payload: { courseId, start: '2027-03-01', finish: '2027-03-03', seats: 4, place: 'Paris' },
    })
  ).json().id;
});
afterAll(async () => t?.close());

describe('an absence on a training day counts once', () => {
  it('a sick day approved on Tuesday, then a three-day training: capacity loses three days', async () => {
    // (Congés on Tuesday would now refuse the enrolment: TRAINING_ON_ABSENCE, skills-attendance.)
    expect(await bench(personId)).toBeCloseTo(35, 5);
    const abs = await call(t, rm, {
      method: 'POST',
      url: '/api/v1/absences',
      payload: { personId, kind: 'maladie', start: '2027-03-02', finish: '2027-03-02' },
    });
    expect(abs.statusCode).toBe(201);
    if (abs.json().status !== 'approved') {
      const ok = await call(t, rm, {
        method: 'POST',
        url: `/api/v1/absences/${abs.json().id}/decision`,
        headers: { 'if-match': `"${abs.json().version}"` },
        payload: { decision: 'approve' },
      });
      expect(ok.statusCode).toBe(200);
    }
    expect(await bench(personId)).toBeCloseTo(28, 5);
    for (const id of [personId, secondId]) {
      const e = await call(t, rm, {
        method: 'POST',
        url: '/api/v1/training/enrolments',
        payload: { sessionId, personId: id },
      });
      expect(e.statusCode).toBe(201);
    }
    // Monday–Wednesday taken once (Tuesday is both sick leave and training): 14 h left, not 7.
    expect(await bench(personId)).toBeCloseTo(14, 5);
    expect(await heatMap(personId)).toBeCloseTo(14, 5);
    expect(await bench(secondId)).toBeCloseTo(14, 5);
  });
});

describe('training costs posted to a project budget', () => {
  let posting: TrainingCostPosting;

  it('refuses resource managers (finance writes budgets)', async () => {
    const res = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/training/sessions/${sessionId}/postings`,
      payload: { projectId, lineId, kind: 'commitment' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a line of another project', async () => {
    const other = (await buildProject(t, (await buildPortfolio(t)).id)).id;
    const res = await call(t, fin, {
      method: 'POST',
      url: `/api/v1/training/sessions/${sessionId}/postings`,
      payload: { projectId: other, lineId, kind: 'commitment' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('BUDGET_LINE_NOT_FOUND');
  });

  it('posts course cost × seats held as a commitment on the line', async () => {
    const res = await call(t, fin, {
      method: 'POST',
      url: `/api/v1/training/sessions/${sessionId}/postings`,
      payload: { projectId, lineId, kind: 'commitment' },
    });
    expect(res.statusCode).toBe(201);
    posting = TrainingCostPosting.parse(res.json());
    expect(posting).toMatchObject({
      kind: 'commitment',
      amountMinor: 360000,
      participants: 2,
      postedOn: '2027-03-01',
      line: { id: lineId, name: 'Formation de l’équipe' },
      outOfDate: false,
    });
    expect(posting.reference).toMatch(/^FORM-CKA-.*-2027-03-01$/);
    const l = await ledger();
    const po = l.purchaseOrders.find((o) => o.id === posting.purchaseOrderId);
    expect(po).toMatchObject({ amount: 360000, lineId, supplier: 'Linux Foundation' });
    expect((await budgetLine()).committed).toBe(360000);
    const again = await call(t, fin, {
      method: 'POST',
      url: `/api/v1/training/sessions/${sessionId}/postings`,
      payload: { projectId, lineId, kind: 'actual' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('TRAINING_COST_ALREADY_POSTED');
    const list = TrainingCostPostingList.parse(
      (
        await call(t, rm, {
          method: 'GET',
          url: `/api/v1/training/postings?sessionId=${sessionId}`,
        })
      ).json(),
    );
    expect(list.items.map((p) => p.id)).toEqual([posting.id]);
  });

  it('makes the commitment an actual cost (If-Match), then withdraws it', async () => {
    const stale = await call(t, fin, {
      method: 'POST',
      url: `/api/v1/training/postings/${posting.id}/realise`,
      headers: { 'if-match': '"99"' },
      payload: {},
    });
    expect(stale.statusCode).toBe(412);
    const res = await call(t, fin, {
      method: 'POST',
      url: `/api/v1/training/postings/${posting.id}/realise`,
      headers: { 'if-match': `"${posting.version}"` },
      payload: { date: '2027-03-10' },
    });
    expect(res.statusCode).toBe(200);
    const after = TrainingCostPosting.parse(res.json());
    expect(after).toMatchObject({ kind: 'actual', purchaseOrderId: null, postedOn: '2027-03-10' });
    const l = await ledger();
    expect(l.purchaseOrders.find((o) => o.id === posting.purchaseOrderId)).toBeUndefined();
    expect(l.actuals.find((a) => a.id === after.actualCostId)).toMatchObject({
      amount: 360000,
      date: '2027-03-10',
      lineId,
    });
    const line = await budgetLine();
    expect(line.actual).toBe(360000);
    expect(line.committed).toBe(0);
    const twice = await call(t, fin, {
      method: 'POST',
      url: `/api/v1/training/postings/${posting.id}/realise`,
      headers: { 'if-match': `"${after.version}"` },
      payload: {},
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('TRAINING_COST_ALREADY_ACTUAL');
    const gone = await call(t, fin, {
      method: 'DELETE',
      url: `/api/v1/training/postings/${posting.id}`,
      headers: { 'if-match': `"${after.version}"` },
    });
    expect(gone.statusCode).toBe(204);
    expect((await ledger()).actuals.find((a) => a.id === after.actualCostId)).toBeUndefined();
    expect((await budgetLine()).actual).toBe(0);
    const missing = await call(t, rm, {
      method: 'GET',
      url: `/api/v1/training/postings/${posting.id}`,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('TRAINING_COST_POSTING_NOT_FOUND');
  });

  it('posts the session’s own amount as an actual; deleting it in the budget removes the posting', async () => {
    const res = await call(t, fin, {
      method: 'POST',
      url: `/api/v1/training/sessions/${sessionId}/postings`,
      payload: { projectId, lineId: null, kind: 'actual', amountMinor: 500000 },
    });
    expect(res.statusCode).toBe(201);
    const p = TrainingCostPosting.parse(res.json());
    expect(p).toMatchObject({ kind: 'actual', amountMinor: 500000, ownCost: true, line: null });
    const a = (await ledger()).actuals.find((x) => x.id === p.actualCostId)!;
    const del = await call(t, fin, {
      method: 'DELETE',
      url: `/api/v1/projects/${projectId}/actuals/${a.id}`,
      headers: { 'if-match': `"${a.version}"` },
    });
    expect(del.statusCode).toBe(204);
    const list = TrainingCostPostingList.parse(
      (
        await call(t, rm, {
          method: 'GET',
          url: `/api/v1/training/postings?sessionId=${sessionId}`,
        })
      ).json(),
    );
    expect(list.items).toEqual([]);
  });
});

describe('development plans: who may write them, as the web shows it', () => {
  it('the line manager writes their report’s plan; the person reads it; resource roles write any', async () => {
    const boss = await createPerson(t.ctx, SYSTEM_ACTOR, {
      firstName: 'Nadia',
      lastName: `Chef${uniq()}`,
    });
    const report = await createPerson(t.ctx, SYSTEM_ACTOR, {
      firstName: 'Hugo',
      lastName: `Équipier${uniq()}`,
      managerId: boss.id,
    });
    const bossCookie = (await signIn(t, 'member', { personId: boss.id })).cookie;
    const selfCookie = (await signIn(t, 'member', { personId: report.id })).cookie;
    const plannable = async (cookie: string) =>
      PlannablePeople.parse(
        (await call(t, cookie, { method: 'GET', url: '/api/v1/training/plannable-people' })).json(),
      );
    expect(await plannable(bossCookie)).toEqual({
      all: false,
      items: [{ id: report.id, name: expect.stringContaining('Hugo') }],
    });
    expect(await plannable(selfCookie)).toEqual({ all: false, items: [] });
    expect((await plannable(rm)).all).toBe(true);
    const canPlan = async (cookie: string) =>
      DevelopmentGoalList.parse(
        (
          await call(t, cookie, {
            method: 'GET',
            url: `/api/v1/resources/${report.id}/development-goals`,
          })
        ).json(),
      ).canPlan;
    expect(await canPlan(bossCookie)).toBe(true);
    expect(await canPlan(selfCookie)).toBe(false);
    expect(await canPlan(rm)).toBe(true);
  });
});
