import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Enrolment, EnrolmentList } from '../../src/contracts/staffing.ts';
import { createPerson } from '../../src/server/modules/org/org.service.ts';
import { SYSTEM_ACTOR } from '../../src/server/seed/demo.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';
import { buildCourse } from '../helpers/factories.ts';

// Issue 4, training vs absences: (1) an enrolment cannot be marked attended (or completed) when
// the person was sick on every day of the session; sick on some days, they attended the others
// (shown); (2) enrolling someone whose congés/RTT (requested or approved) fall on a session day
// is refused naming the absence and the days — on enrolment, on approval of a request, and when
// the session is moved onto them (the mirror of ABSENCE_ON_TRAINING).

let t: TestApp;
let rm: string;
let people: string[];
let courseId: string;
let employee: string;

async function session(start: string, finish: string) {
  const res = await call(t, rm, {
    method: 'POST',
    url: '/api/v1/training/sessions',
    payload: { courseId, start, finish, seats: 6, place: 'Lyon' },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; version: number };
}
const enrol = (sessionId: string, personId: string, cookie = rm) =>
  call(t, cookie, {
    method: 'POST',
    url: '/api/v1/training/enrolments',
    payload: { sessionId, personId },
  });
async function absence(personId: string, kind: string, start: string, finish: string) {
  const res = await call(t, rm, {
    method: 'POST',
    url: '/api/v1/absences',
    payload: { personId, kind, start, finish },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; version: number; status: string };
}
const transition = (e: { id: string; version: number }, action: string) =>
  call(t, rm, {
    method: 'POST',
    url: `/api/v1/training/enrolments/${e.id}/transition`,
    headers: { 'if-match': `"${e.version}"` },
    payload: { action },
  });
const enrolments = async (sessionId: string) =>
  EnrolmentList.parse(
    (
      await call(t, rm, {
        method: 'GET',
        url: `/api/v1/training/enrolments?sessionId=${sessionId}`,
      })
    ).json(),
  ).items;

beforeAll(async () => {
  t = await buildTestApp();
  rm = (await signIn(t, 'resource_manager')).cookie;
  people = [];
  for (const first of ['Inès', 'Paul', 'Chloé', 'Yann', 'Léa']) {
    people.push(
      (await createPerson(t.ctx, SYSTEM_ACTOR, { firstName: first, lastName: `Présence${uniq()}` }))
        .id,
    );
  }
  employee = (await signIn(t, 'member', { personId: people[4] })).cookie;
  courseId = (
    await buildCourse(t, rm, {
      category: { code: 'P', name: 'Gestion de projet' },
      skill: { code: 'PRINCE', name: 'PRINCE2' },
      course: {
        code: 'PR2-',
        title: 'PRINCE2 Foundation',
        provider: 'Cegos',
        durationHours: 21,
        costMinor: 180000,
      },
    })
  ).courseId;
});
afterAll(async () => t?.close());

describe('attendance and sick days', () => {
  it('refuses attended or completed when sick every day; sick some days → attended the others', async () => {
    // Monday 7 – Wednesday 9 June 2027.
    const s = await session('2027-06-07', '2027-06-09');
    const [ines, paul] = people as [string, string];
    const a = Enrolment.parse((await enrol(s.id, ines)).json());
    const b = Enrolment.parse((await enrol(s.id, paul)).json());
    expect(a.attendedDays).toEqual([{ start: '2027-06-07', finish: '2027-06-09' }]);

    // Inès is sick the whole week (declared over the training: allowed).
    await absence(ines, 'maladie', '2027-06-07', '2027-06-11');
    // Paul is sick on the Tuesday only.
    await absence(paul, 'maladie', '2027-06-08', '2027-06-08');

    const all = await transition(a, 'attend');
    expect(all.statusCode).toBe(409);
    expect(all.json().error.code).toBe('ATTENDANCE_ALL_DAYS_SICK');
    expect(all.json().error.details.missedDays).toEqual([
      { start: '2027-06-07', finish: '2027-06-09' },
    ]);
    // Completing (which records the attendance) is refused too, and nothing changed.
    expect((await transition(a, 'complete')).json().error.code).toBe('ATTENDANCE_ALL_DAYS_SICK');
    expect((await enrolments(s.id)).find((e) => e.id === a.id)!.status).toBe('approved');

    const some = await transition(b, 'attend');
    expect(some.statusCode).toBe(200);
    const attended = Enrolment.parse(some.json());
    expect(attended.status).toBe('attended');
    expect(attended.missedDays).toEqual([{ start: '2027-06-08', finish: '2027-06-08' }]);
    expect(attended.attendedDays).toEqual([
      { start: '2027-06-07', finish: '2027-06-07' },
      { start: '2027-06-09', finish: '2027-06-09' },
    ]);
    // Inès's enrolment can still be cancelled (she did not attend).
    expect((await transition(a, 'cancel')).statusCode).toBe(200);
  });
});

describe('enrolling someone on leave', () => {
  it('refuses an enrolment on approved congés or a requested RTT, naming the absence and the days', async () => {
    // Monday 14 – Wednesday 16 June 2027.
    const s = await session('2027-06-14', '2027-06-16');
    const [, , chloe, yann] = people as [string, string, string, string];
    const conges = await absence(chloe, 'conges', '2027-06-16', '2027-06-25');
    if (conges.status !== 'approved') {
      const ok = await call(t, rm, {
        method: 'POST',
        url: `/api/v1/absences/${conges.id}/decision`,
        headers: { 'if-match': `"${conges.version}"` },
        payload: { decision: 'approve' },
      });
      expect(ok.statusCode).toBe(200);
    }
    const refused = await enrol(s.id, chloe);
    expect(refused.statusCode).toBe(409);
    const err = refused.json().error;
    expect(err.code).toBe('TRAINING_ON_ABSENCE');
    expect(err.details.issues[0].path).toEqual(['body', 'personId']);
    expect(err.details.conflicts).toEqual([
      {
        person: { id: chloe, name: expect.stringContaining('Chloé') },
        absences: [
          expect.objectContaining({
            id: conges.id,
            kind: 'conges',
            status: 'approved',
            start: '2027-06-16',
            finish: '2027-06-25',
            days: [{ start: '2027-06-16', finish: '2027-06-16' }],
          }),
        ],
      },
    ]);
    expect(await enrolments(s.id)).toEqual([]);

    const rtt = await absence(yann, 'rtt', '2027-06-14', '2027-06-14');
    const r2 = await enrol(s.id, yann);
    expect(r2.statusCode).toBe(409);
    expect(r2.json().error.details.conflicts[0].absences[0]).toMatchObject({
      id: rtt.id,
      kind: 'rtt',
      days: [{ start: '2027-06-14', finish: '2027-06-14' }],
    });

    // A sick leave does not stop an enrolment: the day is shown as missed.
    const [, paul] = people as [string, string];
    await absence(paul, 'maladie', '2027-06-15', '2027-06-15');
    const withSick = await enrol(s.id, paul);
    expect(withSick.statusCode).toBe(201);
    expect(Enrolment.parse(withSick.json()).missedDays).toEqual([
      { start: '2027-06-15', finish: '2027-06-15' },
    ]);
  });

  it('refuses approving a request once leave covers a session day, and moving a session onto leave', async () => {
    const s = await session('2027-06-21', '2027-06-22');
    const lea = people[4]!;
    // Léa asks for the training herself (a request, not yet approved), then asks for a day off.
    const asked = await enrol(s.id, lea, employee);
    expect(asked.statusCode).toBe(201);
    const request = Enrolment.parse(asked.json());
    expect(request.status).toBe('requested');
    const off = await absence(lea, 'conges', '2027-06-22', '2027-06-22');
    const approve = await transition(request, 'approve');
    expect(approve.statusCode).toBe(409);
    expect(approve.json().error.code).toBe('TRAINING_ON_ABSENCE');
    expect(approve.json().error.details.conflicts[0].absences[0].id).toBe(off.id);
    // Her day off cancelled, the request can be approved.
    expect(
      (
        await call(t, rm, {
          method: 'POST',
          url: `/api/v1/absences/${off.id}/cancel`,
          headers: {
            'if-match': `"${off.version}"`,
          },
        })
      ).statusCode,
    ).toBe(200);
    const ok = await transition(request, 'approve');
    expect(ok.statusCode).toBe(200);

    // Chloé's congés start on 16 June: moving this session onto them is refused, naming her.
    const chloe = people[2]!;
    const s2 = await session('2027-06-10', '2027-06-11');
    expect((await enrol(s2.id, chloe)).statusCode).toBe(201);
    const move = await call(t, rm, {
      method: 'PATCH',
      url: `/api/v1/training/sessions/${s2.id}`,
      headers: { 'if-match': `"${s2.version}"` },
      payload: { start: '2027-06-15', finish: '2027-06-17' },
    });
    expect(move.statusCode).toBe(409);
    expect(move.json().error.code).toBe('TRAINING_ON_ABSENCE');
    expect(move.json().error.details.conflicts[0]).toMatchObject({
      person: { id: chloe },
      absences: [{ kind: 'conges', days: [{ start: '2027-06-16', finish: '2027-06-17' }] }],
    });
    // Her own « formation » absence for this session does not count against a move.
    const fine = await call(t, rm, {
      method: 'PATCH',
      url: `/api/v1/training/sessions/${s2.id}`,
      headers: { 'if-match': `"${s2.version}"` },
      payload: { start: '2027-06-11', finish: '2027-06-15' },
    });
    expect(fine.statusCode).toBe(200);
  });
});
