import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Budget, CostLedger } from '../../src/contracts/finance.ts';
import { TrainingCostPosting, TrainingCostPostingList } from '../../src/contracts/skills.ts';
import { Bench, EnrolmentList } from '../../src/contracts/staffing.ts';
import { createPerson } from '../../src/server/modules/org/org.service.ts';
import { SYSTEM_ACTOR } from '../../src/server/seed/demo.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';
import { buildCourse, buildPortfolio, buildProject } from '../helpers/factories.ts';

// Issue 4, training: (1) an absence declared on a training day — a sick day is allowed and the
// person is marked absent from the training; congés are refused naming the training; (2) a
// session's cost posting follows its enrolments and its cancellation (a commitment is
// recomputed or removed in the same transaction; an actual cost is only flagged for review).

let t: TestApp;
let rm: string;
let fin: string;
let people: string[];
let projectId: string;
let lineId: string;
let courseId: string;

const COST = 150000;

async function session(start: string, finish: string) {
  const res = await call(t, rm, {
    method: 'POST',
    url: '/api/v1/training/sessions',
    payload: { courseId, start, finish, seats: 6, place: 'Lyon' },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}
async function enrol(sessionId: string, personId: string) {
  const res = await call(t, rm, {
    method: 'POST',
    url: '/api/v1/training/enrolments',
    payload: { sessionId, personId },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; version: number };
}
async function absence(personId: string, kind: string, start: string, finish: string) {
  return call(t, rm, {
    method: 'POST',
    url: '/api/v1/absences',
    payload: { personId, kind, start, finish },
  });
}
const enrolments = async (sessionId: string) =>
  EnrolmentList.parse(
    (
      await call(t, rm, {
        method: 'GET',
        url: `/api/v1/training/enrolments?sessionId=${sessionId}`,
      })
    ).json(),
  ).items;
const postings = async (sessionId: string) =>
  TrainingCostPostingList.parse(
    (
      await call(t, fin, { method: 'GET', url: `/api/v1/training/postings?sessionId=${sessionId}` })
    ).json(),
  ).items;
const ledger = async () =>
  CostLedger.parse(
    (await call(t, fin, { method: 'GET', url: `/api/v1/projects/${projectId}/costs` })).json(),
  );
const committed = async () =>
  Budget.parse(
    (await call(t, fin, { method: 'GET', url: `/api/v1/projects/${projectId}/budget` })).json(),
  ).lines.find((l) => l.id === lineId)!.committed;
async function post(sessionId: string, kind: 'commitment' | 'actual') {
  const res = await call(t, fin, {
    method: 'POST',
    url: `/api/v1/training/sessions/${sessionId}/postings`,
    payload: { projectId, lineId, kind },
  });
  expect(res.statusCode).toBe(201);
  return TrainingCostPosting.parse(res.json());
}

beforeAll(async () => {
  t = await buildTestApp();
  rm = (await signIn(t, 'resource_manager')).cookie;
  fin = (await signIn(t, 'finance')).cookie;
  people = [];
  for (const first of ['Inès', 'Paul', 'Chloé', 'Yann']) {
    people.push(
      (await createPerson(t.ctx, SYSTEM_ACTOR, { firstName: first, lastName: `Suivi${uniq()}` }))
        .id,
    );
  }
  projectId = (await buildProject(t, (await buildPortfolio(t)).id)).id;
  const line = await call(t, fin, {
    method: 'POST',
    url: `/api/v1/projects/${projectId}/budget/lines`,
    payload: {
      label: 'Montée en compétences',
      category: 'other',
      nature: 'opex',
      spread: { amount: 2_000_000, from: '2027-01', to: '2027-12' },
    },
  });
  expect(line.statusCode).toBe(201);
  lineId = line.json().id;
  courseId = (
    await buildCourse(t, rm, {
      category: { code: 'F', name: 'Sécurité' },
      skill: { code: 'EBIOS', name: 'EBIOS RM' },
      course: {
        code: 'EBIOS-',
        title: 'EBIOS Risk Manager',
        provider: 'ANSSI Formation',
        durationHours: 14,
        costMinor: COST,
      },
    })
  ).courseId;
});
afterAll(async () => t?.close());

describe('an absence declared on a training day', () => {
  it('refuses congés naming the training, allows a sick day and marks the training day missed', async () => {
    // Monday 5 – Tuesday 6 April 2027.
    const s = await session('2027-04-05', '2027-04-06');
    const [ines] = people as [string];
    await enrol(s, ines);
    const bench = async () =>
      Bench.parse(
        (
          await call(t, rm, {
            method: 'GET',
            url: '/api/v1/staffing/bench?from=2027-04-05&to=2027-04-11&maxUtilisation=100&limit=500',
          })
        ).json(),
      ).items.find((p) => p.person.id === ines)?.capacityHours;
    expect(await bench()).toBeCloseTo(21, 5);

    const conges = await absence(ines, 'conges', '2027-04-06', '2027-04-09');
    expect(conges.statusCode).toBe(409);
    expect(conges.json().error.code).toBe('ABSENCE_ON_TRAINING');
    expect(conges.json().error.details.trainings).toEqual([
      expect.objectContaining({
        sessionId: s,
        title: 'EBIOS Risk Manager',
        start: '2027-04-05',
        finish: '2027-04-06',
      }),
    ]);
    expect((await absence(ines, 'rtt', '2027-04-05', '2027-04-05')).json().error.code).toBe(
      'ABSENCE_ON_TRAINING',
    );

    const sick = await absence(ines, 'maladie', '2027-04-06', '2027-04-07');
    expect(sick.statusCode).toBe(201);
    const [e] = await enrolments(s);
    expect(e!.missedDays).toEqual([{ start: '2027-04-06', finish: '2027-04-06' }]);
    // The Tuesday counts once (training and sickness); Wednesday is sick: 14 h left, not 7.
    if (sick.json().status !== 'approved') {
      const ok = await call(t, rm, {
        method: 'POST',
        url: `/api/v1/absences/${sick.json().id}/decision`,
        headers: { 'if-match': `"${sick.json().version}"` },
        payload: { decision: 'approve' },
      });
      expect(ok.statusCode).toBe(200);
    }
    expect(await bench()).toBeCloseTo(14, 5);

    // Sickness over the congés of another week is still an overlap, as before.
    const c2 = await absence(ines, 'conges', '2027-04-12', '2027-04-13');
    expect(c2.statusCode).toBe(201);
    const s2 = await absence(ines, 'maladie', '2027-04-13', '2027-04-13');
    expect(s2.statusCode).toBe(409);
    expect(s2.json().error.code).toBe('ABSENCE_OVERLAP');

    // Cancelling the sick leave gives the training day back.
    const cancel = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/absences/${sick.json().id}/cancel`,
      headers: {
        'if-match': `"${sick.json().version + (sick.json().status !== 'approved' ? 1 : 0)}"`,
      },
    });
    expect(cancel.statusCode).toBe(200);
    expect((await enrolments(s))[0]!.missedDays).toEqual([]);
  });
});

describe('a posting follows its session', () => {
  it('a commitment is recomputed with the seats held, and removed with the session', async () => {
    const s = await session('2027-05-10', '2027-05-11');
    const [a, b, c] = people as [string, string, string];
    await enrol(s, a);
    await enrol(s, b);
    const p = await post(s, 'commitment');
    expect(p.amountMinor).toBe(2 * COST);
    expect(await committed()).toBe(2 * COST);

    // A resource manager (no finance.manage) enrols a third person: the order follows.
    const third = await enrol(s, c);
    let [now] = await postings(s);
    expect(now).toMatchObject({ amountMinor: 3 * COST, participants: 3, outOfDate: false });
    expect(now!.version).toBeGreaterThan(p.version);
    const order = (await ledger()).purchaseOrders.find((o) => o.id === p.purchaseOrderId);
    expect(order).toMatchObject({ amount: 3 * COST, reference: p.reference });
    expect(await committed()).toBe(3 * COST);

    // The enrolment is cancelled: back to two.
    const back = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/training/enrolments/${third.id}/transition`,
      headers: { 'if-match': `"${third.version}"` },
      payload: { action: 'cancel' },
    });
    expect(back.statusCode).toBe(200);
    [now] = await postings(s);
    expect(now).toMatchObject({ amountMinor: 2 * COST, participants: 2 });
    expect(await committed()).toBe(2 * COST);

    // The session is cancelled: the commitment goes, with its purchase order.
    const ses = await call(t, rm, { method: 'GET', url: `/api/v1/training/sessions/${s}` });
    const cancelled = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/training/sessions/${s}/cancel`,
      headers: { 'if-match': `"${ses.json().version}"` },
      payload: { reason: 'Formateur indisponible' },
    });
    expect(cancelled.statusCode).toBe(200);
    expect(await postings(s)).toEqual([]);
    expect((await ledger()).purchaseOrders.find((o) => o.id === p.purchaseOrderId)).toBeUndefined();
    expect(await committed()).toBe(0);
  });

  it('an actual cost is never changed: flagged for review, checked by finance (If-Match)', async () => {
    const s = await session('2027-06-07', '2027-06-08');
    const [a, b, , d] = people as [string, string, string, string];
    await enrol(s, a);
    await enrol(s, b);
    const p = await post(s, 'actual');
    expect(p).toMatchObject({ amountMinor: 2 * COST, review: null });

    await enrol(s, d);
    let [now] = await postings(s);
    expect(now).toMatchObject({
      kind: 'actual',
      amountMinor: 2 * COST,
      participants: 2,
      review: 'participants_changed',
    });
    expect((await ledger()).actuals.find((x) => x.id === p.actualCostId)?.amount).toBe(2 * COST);

    const noRight = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/training/postings/${p.id}/reviewed`,
      headers: { 'if-match': `"${now!.version}"` },
    });
    expect(noRight.statusCode).toBe(403);
    const stale = await call(t, fin, {
      method: 'POST',
      url: `/api/v1/training/postings/${p.id}/reviewed`,
      headers: { 'if-match': `"${p.version}"` },
    });
    expect(stale.statusCode).toBe(412);
    const ok = await call(t, fin, {
      method: 'POST',
      url: `/api/v1/training/postings/${p.id}/reviewed`,
      headers: { 'if-match': `"${now!.version}"` },
    });
    expect(ok.statusCode).toBe(200);
    expect(TrainingCostPosting.parse(ok.json())).toMatchObject({
      review: null,
      participants: 3,
      amountMinor: 2 * COST,
    });

    const ses = await call(t, rm, { method: 'GET', url: `/api/v1/training/sessions/${s}` });
    const cancelled = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/training/sessions/${s}/cancel`,
      headers: { 'if-match': `"${ses.json().version}"` },
      payload: { reason: 'Annulée par l’organisme' },
    });
    expect(cancelled.statusCode).toBe(200);
    [now] = await postings(s);
    expect(now).toMatchObject({
      kind: 'actual',
      amountMinor: 2 * COST,
      review: 'session_cancelled',
    });
    expect((await ledger()).actuals.find((x) => x.id === p.actualCostId)?.amount).toBe(2 * COST);
  });
});
