import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbsenceList } from '../../src/contracts/resources.ts';
import {
  Bench,
  Enrolment,
  EnrolmentList,
  TrainingCosts,
  TrainingSession,
} from '../../src/contracts/staffing.ts';
import { createOrgUnit, createPerson } from '../../src/server/modules/org/org.service.ts';
import { SYSTEM_ACTOR } from '../../src/server/seed/demo.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';

// Training sessions on a real database: an approved enrolment makes the person unavailable on
// the session's days (a « formation » absence the bench and the heat map read); editing the
// session moves it and tells the people enrolled; cancelling it gives the capacity back; costs
// by year and department; bench and gap downloads; a skill a course teaches cannot be deleted.

let t: TestApp;
let rm: string;
let employee: string;
let personId: string;
let otherId: string;
let unitId: string;
let skillId: string;
let courseId: string;
let courseCode: string;
let session: TrainingSession;

const absencesOf = async (id: string) =>
  AbsenceList.parse(
    (await call(t, rm, { method: 'GET', url: `/api/v1/absences?personId=${id}` })).json(),
  ).items.filter((a) => a.kind === 'formation');

const capacityOf = async (id: string, from: string, to: string) => {
  const res = await call(t, rm, {
    method: 'GET',
    url: `/api/v1/staffing/bench?from=${from}&to=${to}&maxUtilisation=100&limit=500`,
  });
  expect(res.statusCode).toBe(200);
  return Bench.parse(res.json()).items.find((p) => p.person.id === id)?.capacityHours;
};

const notices = async (cookie: string) =>
  (await call(t, cookie, { method: 'GET', url: '/api/v1/me/notifications' })).json().items as {
    kind: string;
    data: Record<string, string>;
  }[];

beforeAll(async () => {
  t = await buildTestApp();
  rm = (await signIn(t, 'resource_manager')).cookie;
  unitId = (
    await createOrgUnit(t.ctx, SYSTEM_ACTOR, { code: `DSI${uniq()}`.slice(0, 20), name: 'DSI' })
  ).id;
  personId = (
    await createPerson(t.ctx, SYSTEM_ACTOR, {
      firstName: 'Inès',
      lastName: `Formée${uniq()}`,
      orgUnitId: unitId,
    })
  ).id;
  otherId = (
    await createPerson(t.ctx, SYSTEM_ACTOR, { firstName: 'Paul', lastName: `Autre${uniq()}` })
  ).id;
  employee = (await signIn(t, 'member', { personId })).cookie;
  const cat = await call(t, rm, {
    method: 'POST',
    url: '/api/v1/skill-categories',
    payload: { code: `Q${uniq()}`, name: 'Qualité' },
  });
  skillId = (
    await call(t, rm, {
      method: 'POST',
      url: '/api/v1/skills',
      payload: { categoryId: cat.json().id, code: `ISO${uniq()}`, name: 'ISO 9001' },
    })
  ).json().id;
  courseCode = `ISO-${uniq()}`;
  courseId = (
    await call(t, rm, {
      method: 'POST',
      url: '/api/v1/training/courses',
      payload: {
        code: courseCode,
        title: 'ISO 9001 Lead Auditor',
        skillId,
        targetLevel: 3,
        durationHours: 21,
        costMinor: 245000,
        format: 'presentiel',
      },
    })
  ).json().id;
  // Monday 1 to Wednesday 3 March 2027.
  session = TrainingSession.parse(
    (
      await call(t, rm, {
        method: 'POST',
        url: '/api/v1/training/sessions',
        payload: { courseId, start: '2027-03-01', finish: '2027-03-03', seats: 2, place: 'Lyon' },
      })
    ).json(),
  );
});
afterAll(async () => t?.close());

describe('training sessions in capacity', () => {
  it('an approved enrolment makes the person unavailable on the session days', async () => {
    const before = await capacityOf(personId, '2027-03-01', '2027-03-07');
    expect(before).toBeGreaterThan(0);
    const res = await call(t, rm, {
      method: 'POST',
      url: '/api/v1/training/enrolments',
      payload: { sessionId: session.id, personId },
    });
    expect(res.statusCode).toBe(201);
    expect(Enrolment.parse(res.json()).status).toBe('approved');
    const abs = await absencesOf(personId);
    expect(abs).toHaveLength(1);
    expect(abs[0]).toMatchObject({ start: '2027-03-01', finish: '2027-03-03', status: 'approved' });
    const after = await capacityOf(personId, '2027-03-01', '2027-03-07');
    // Three working days of the person's week are taken by the course.
    expect(after).toBeCloseTo(before! * (2 / 5), 5);
  });

  it('a second enrolment by a resource manager is approved and blocks its person too', async () => {
    const req = await call(t, rm, {
      method: 'POST',
      url: '/api/v1/training/enrolments',
      payload: { sessionId: session.id, personId: otherId },
    });
    expect(req.statusCode).toBe(201);
    expect(await absencesOf(otherId)).toHaveLength(1);
  });
});

describe('session edit and cancel', () => {
  it('refuses a stale version, seats below those held and dates out of order', async () => {
    const stale = await call(t, rm, {
      method: 'PATCH',
      url: `/api/v1/training/sessions/${session.id}`,
      headers: { 'if-match': `"${session.version + 5}"` },
      payload: { place: 'Paris' },
    });
    expect(stale.statusCode).toBe(412);
    const missing = await call(t, rm, {
      method: 'PATCH',
      url: `/api/v1/training/sessions/${session.id}`,
      payload: { place: 'Paris' },
    });
    expect(missing.statusCode).toBe(428);
    const seats = await call(t, rm, {
      method: 'PATCH',
      url: `/api/v1/training/sessions/${session.id}`,
      headers: { 'if-match': `"${session.version}"` },
      payload: { seats: 1 },
    });
    expect(seats.statusCode).toBe(409);
    expect(seats.json().error.code).toBe('SESSION_SEATS_BELOW_TAKEN');
    expect(seats.json().error.details).toMatchObject({ taken: 2, seats: 1 });
    const order = await call(t, rm, {
      method: 'PATCH',
      url: `/api/v1/training/sessions/${session.id}`,
      headers: { 'if-match': `"${session.version}"` },
      payload: { finish: '2027-02-26' },
    });
    expect(order.statusCode).toBe(400);
    expect(JSON.stringify(order.json().error.details)).toContain('finish');
    const member = await call(t, employee, {
      method: 'PATCH',
      url: `/api/v1/training/sessions/${session.id}`,
      headers: { 'if-match': `"${session.version}"` },
      payload: { place: 'Paris' },
    });
    expect(member.statusCode).toBe(403);
  });

  it('moves the session: absences follow, the people enrolled are told', async () => {
    const res = await call(t, rm, {
      method: 'PATCH',
      url: `/api/v1/training/sessions/${session.id}`,
      headers: { 'if-match': `"${session.version}"` },
      payload: { start: '2027-03-08', finish: '2027-03-09', place: 'Paris', seats: 3 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe(`"${session.version + 1}"`);
    session = TrainingSession.parse(res.json());
    expect(session).toMatchObject({ start: '2027-03-08', finish: '2027-03-09', seats: 3 });
    expect((await absencesOf(personId))[0]).toMatchObject({
      start: '2027-03-08',
      finish: '2027-03-09',
      status: 'approved',
    });
    const inbox = await notices(employee);
    const changed = inbox.find((n) => n.kind === 'training.session_changed');
    expect(changed?.data).toMatchObject({
      course: 'ISO 9001 Lead Auditor',
      start: '2027-03-08',
      previousStart: '2027-03-01',
      place: 'Paris',
    });
    const admin = (await signIn(t, 'admin')).cookie;
    const audit = await call(t, admin, {
      method: 'GET',
      url: `/api/v1/audit?entityType=training_session&entityId=${session.id}`,
    });
    expect(audit.statusCode).toBe(200);
    expect(JSON.stringify(audit.json())).toContain('Paris');
  });

  it('costs count the participants holding a seat, by year and department', async () => {
    const res = await call(t, rm, {
      method: 'GET',
      url: '/api/v1/training/costs?fromYear=2027&toYear=2027',
    });
    expect(res.statusCode).toBe(200);
    const costs = TrainingCosts.parse(res.json());
    const dsi = costs.rows.find((r) => r.orgUnit?.id === unitId);
    expect(dsi).toMatchObject({ year: 2027, participants: 1, costMinor: 245000, hours: 21 });
    const total = costs.totals.find((x) => x.year === 2027 && x.currency === 'EUR');
    expect(total!.costMinor).toBeGreaterThanOrEqual(490000);
    const bad = await call(t, rm, {
      method: 'GET',
      url: '/api/v1/training/costs?fromYear=2027&toYear=2026',
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain('toYear');
    const member = await call(t, employee, {
      method: 'GET',
      url: '/api/v1/training/costs?fromYear=2027&toYear=2027',
    });
    expect(member.statusCode).toBe(403);
  });

  it('cancels the session: enrolments and absences cancelled, people told, capacity back', async () => {
    const before = await capacityOf(personId, '2027-03-08', '2027-03-14');
    const res = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/training/sessions/${session.id}/cancel`,
      headers: { 'if-match': `"${session.version}"` },
      payload: { reason: 'Formateur indisponible' },
    });
    expect(res.statusCode).toBe(200);
    session = TrainingSession.parse(res.json());
    expect(session.status).toBe('cancelled');
    const enrolments = EnrolmentList.parse(
      (
        await call(t, rm, {
          method: 'GET',
          url: `/api/v1/training/enrolments?sessionId=${session.id}`,
        })
      ).json(),
    ).items;
    expect(enrolments.map((e) => e.status)).toEqual(['cancelled', 'cancelled']);
    expect((await absencesOf(personId))[0]!.status).toBe('cancelled');
    const after = await capacityOf(personId, '2027-03-08', '2027-03-14');
    expect(after).toBeCloseTo(before! * (5 / 3), 5);
    const cancelled = (await notices(employee)).find(
      (n) => n.kind === 'training.session_cancelled',
    );
    expect(cancelled?.data).toMatchObject({
      reason: 'Formateur indisponible',
      start: '2027-03-08',
    });
    const again = await call(t, rm, {
      method: 'PATCH',
      url: `/api/v1/training/sessions/${session.id}`,
      headers: { 'if-match': `"${session.version}"` },
      payload: { place: 'Nantes' },
    });
    expect(again.json().error.code).toBe('SESSION_CANCELLED');
    const costs = TrainingCosts.parse(
      (
        await call(t, rm, {
          method: 'GET',
          url: '/api/v1/training/costs?fromYear=2027&toYear=2027',
        })
      ).json(),
    );
    expect(costs.rows.find((r) => r.orgUnit?.id === unitId)).toBeUndefined();
  });
});

describe('downloads and skill deletion', () => {
  it('exports the bench and the skill gaps as CSV and XLSX', async () => {
    const csv = await call(t, rm, {
      method: 'GET',
      url: '/api/v1/staffing/bench/export?from=2027-03-01&to=2027-03-14&maxUtilisation=100',
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('disponibles-2027-03-01-2027-03-14.csv');
    const lines = csv.body.replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(lines[0]).toMatch(/^Personne;Fonction;Entité;Équipe;Rôle;Niveau;Capacité \(h\)/);
    expect(lines[0]).toContain('Sem. du 01/03/2027');
    expect(lines.some((l) => l.startsWith(`Inès Formée`) && l.includes(';DSI;'))).toBe(true);
    const xlsx = await call(t, rm, {
      method: 'GET',
      url: '/api/v1/staffing/bench/export?from=2027-03-01&to=2027-03-14&format=xlsx&locale=en',
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const gaps = await call(t, rm, {
      method: 'GET',
      url: '/api/v1/staffing/skill-gaps/export?from=2027-01-01&quarters=2&locale=en',
    });
    expect(gaps.statusCode).toBe(200);
    expect(gaps.body.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toMatch(
      /^Skill;Domain;Minimum level;Requests;Quarter;Start;End;Demand \(h\)/,
    );
    const member = await call(t, employee, {
      method: 'GET',
      url: '/api/v1/staffing/bench/export?from=2027-03-01&to=2027-03-14',
    });
    expect(member.statusCode).toBe(403);
    const bad = await call(t, rm, {
      method: 'GET',
      url: '/api/v1/staffing/skill-gaps/export?from=2027-01-01&format=pdf',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses to delete a skill a course teaches, naming the course (409, not 500)', async () => {
    const skill = (
      (await call(t, rm, { method: 'GET', url: '/api/v1/skills' })).json().items as {
        id: string;
        version: number;
      }[]
    ).find((s) => s.id === skillId)!;
    const res = await call(t, rm, {
      method: 'DELETE',
      url: `/api/v1/skills/${skillId}`,
      headers: { 'if-match': `"${skill.version}"` },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SKILL_IN_USE');
    expect(res.json().error.details).toMatchObject({ holders: 0, courses: [courseCode] });
  });
});
