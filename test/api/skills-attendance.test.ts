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
// the session is moved onto them (the mirror of ABSENCE_ON_TRAINING); (3) attendance is recorded
// from the session's first day only; (4) a sick leave declared after the attendance was recorded
// makes the attended days follow, and withdraws the attendance when it covers every day; (5) a
// session's days are the person's own working days (a part-timer's day off, public holidays).

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
    // Monday 8 – Wednesday 10 June 2026 (past: attendance may be recorded).
    const s = await session('2026-06-08', '2026-06-10');
    const [ines, paul] = people as [string, string];
    const a = Enrolment.parse((await enrol(s.id, ines)).json());
    const b = Enrolment.parse((await enrol(s.id, paul)).json());
    expect(a.attendedDays).toEqual([{ start: '2026-06-08', finish: '2026-06-10' }]);

    // Inès is sick the whole week (declared over the training: allowed).
    await absence(ines, 'maladie', '2026-06-08', '2026-06-12');
    // Paul is sick on the Tuesday only.
    await absence(paul, 'maladie', '2026-06-09', '2026-06-09');

    const all = await transition(a, 'attend');
    expect(all.statusCode).toBe(409);
    expect(all.json().error.code).toBe('ATTENDANCE_ALL_DAYS_SICK');
    expect(all.json().error.details.missedDays).toEqual([
      { start: '2026-06-08', finish: '2026-06-10' },
    ]);
    // Completing (which records the attendance) is refused too, and nothing changed.
    expect((await transition(a, 'complete')).json().error.code).toBe('ATTENDANCE_ALL_DAYS_SICK');
    expect((await enrolments(s.id)).find((e) => e.id === a.id)!.status).toBe('approved');

    const some = await transition(b, 'attend');
    expect(some.statusCode).toBe(200);
    const attended = Enrolment.parse(some.json());
    expect(attended.status).toBe('attended');
    expect(attended.missedDays).toEqual([{ start: '2026-06-09', finish: '2026-06-09' }]);
    expect(attended.attendedDays).toEqual([
      { start: '2026-06-08', finish: '2026-06-08' },
      { start: '2026-06-10', finish: '2026-06-10' },
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

describe('attendance rules on the server', () => {
  const newPerson = async (first: string) =>
    (await createPerson(t.ctx, SYSTEM_ACTOR, { firstName: first, lastName: `Règle${uniq()}` })).id;
  const setWeek = async (personId: string, weekHours: number[]) => {
    const res = await call(t, rm, {
      method: 'PUT',
      url: `/api/v1/resources/${personId}/profile`,
      headers: { 'if-match': '"0"' },
      payload: { weekHours },
    });
    expect(res.statusCode).toBe(200);
  };

  it('refuses « Présent » and « Terminée » before the session starts, saying from when', async () => {
    // A session to come (Monday 4 – Tuesday 5 March 2030).
    const s = await session('2030-03-04', '2030-03-05');
    const e = Enrolment.parse((await enrol(s.id, await newPerson('Noé'))).json());
    for (const action of ['attend', 'complete']) {
      const res = await transition(e, action);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('ATTENDANCE_NOT_STARTED');
      expect(res.json().error.details).toMatchObject({
        from: '2030-03-04',
        issues: [{ path: ['body', 'action'] }],
      });
    }
    expect((await enrolments(s.id))[0]).toMatchObject({ status: 'approved', version: e.version });
  });

  it('makes the attended days follow a sick leave declared after the attendance, and withdraws it when every day is sick', async () => {
    // Monday 19 – Wednesday 21 October 2026, past.
    const s = await session('2026-10-19', '2026-10-21');
    const [marc, zoe] = [await newPerson('Marc'), await newPerson('Zoé')];
    const zoeCookie = (await signIn(t, 'member', { personId: zoe })).cookie;
    const attend = async (personId: string) => {
      const e = Enrolment.parse((await enrol(s.id, personId)).json());
      const res = await transition(e, 'attend');
      expect(res.statusCode).toBe(200);
      return Enrolment.parse(res.json());
    };
    const m = await attend(marc);
    const z = await attend(zoe);
    expect(m.attendedDays).toEqual([{ start: '2026-10-19', finish: '2026-10-21' }]);

    // Marc's sick day on the Tuesday is declared afterwards: he attended the Monday and Wednesday.
    await absence(marc, 'maladie', '2026-10-20', '2026-10-20');
    const afterSick = (await enrolments(s.id)).find((e) => e.id === m.id)!;
    expect(afterSick.status).toBe('attended');
    expect(afterSick.missedDays).toEqual([{ start: '2026-10-20', finish: '2026-10-20' }]);
    expect(afterSick.attendedDays).toEqual([
      { start: '2026-10-19', finish: '2026-10-19' },
      { start: '2026-10-21', finish: '2026-10-21' },
    ]);

    // Zoé's sick leave covers the whole session: the attendance recorded is withdrawn (back to
    // approved, so it can be cancelled or recorded again if the sick leave is cancelled), and
    // she is told in her inbox.
    await absence(zoe, 'maladie', '2026-10-19', '2026-10-23');
    const withdrawn = (await enrolments(s.id)).find((e) => e.id === z.id)!;
    expect(withdrawn).toMatchObject({
      status: 'approved',
      version: z.version + 1,
      attendedDays: [],
      missedDays: [{ start: '2026-10-19', finish: '2026-10-21' }],
    });
    const inbox = await call(t, zoeCookie, { method: 'GET', url: '/api/v1/me/notifications' });
    expect(inbox.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'training.attendance_withdrawn',
          entity: { type: 'training_session', id: s.id },
          data: expect.objectContaining({ start: '2026-10-19', finish: '2026-10-21' }),
        }),
      ]),
    );
    // And recording it again is refused, as before any attendance.
    expect((await transition(withdrawn, 'attend')).json().error.code).toBe(
      'ATTENDANCE_ALL_DAYS_SICK',
    );
  });

  it('counts a session’s days in the person’s calendar: a part-timer’s day off and a public holiday are not training days', async () => {
    // Monday 11 – Friday 15 May 2026; Thursday 14 May is Ascension Day.
    const s = await session('2026-05-11', '2026-05-15');
    const [part, full] = [await newPerson('Alix'), await newPerson('Jade')];
    await setWeek(part, [7, 7, 0, 7, 7, 0, 0]);
    // Alix (Wednesdays off) took congés on Wednesday 13 and Thursday 14 (a holiday): neither is
    // a day of the session for her, so she may be enrolled.
    await absence(part, 'conges', '2026-05-13', '2026-05-14');
    const e = await enrol(s.id, part);
    expect(e.statusCode).toBe(201);
    expect(Enrolment.parse(e.json()).attendedDays).toEqual([
      { start: '2026-05-11', finish: '2026-05-12' },
      { start: '2026-05-15', finish: '2026-05-15' },
    ]);

    // Jade (full time) is enrolled; an RTT on the holiday does not fall on the training…
    const j = Enrolment.parse((await enrol(s.id, full)).json());
    expect(j.attendedDays).toEqual([
      { start: '2026-05-11', finish: '2026-05-13' },
      { start: '2026-05-15', finish: '2026-05-15' },
    ]);
    await absence(full, 'rtt', '2026-05-14', '2026-05-14');
    // …one on the Friday does, naming the training.
    const friday = await call(t, rm, {
      method: 'POST',
      url: '/api/v1/absences',
      payload: { personId: full, kind: 'rtt', start: '2026-05-15', finish: '2026-05-15' },
    });
    expect(friday.statusCode).toBe(409);
    expect(friday.json().error.code).toBe('ABSENCE_ON_TRAINING');

    // Alix sick on Monday and Tuesday: her Friday is the only day she attended.
    await absence(part, 'maladie', '2026-05-11', '2026-05-12');
    const sick = (await enrolments(s.id)).find((x) => x.person.id === part)!;
    expect(sick.missedDays).toEqual([{ start: '2026-05-11', finish: '2026-05-12' }]);
    expect(sick.attendedDays).toEqual([{ start: '2026-05-15', finish: '2026-05-15' }]);
  });
});
