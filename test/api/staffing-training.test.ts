import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PersonSkillList } from '../../src/contracts/skills.ts';
import {
  DevelopmentGoal,
  DevelopmentGoalList,
  Enrolment,
  EnrolmentList,
  TrainingCourse,
  TrainingSession,
} from '../../src/contracts/staffing.ts';
import { SYSTEM_ACTOR } from '../../src/server/seed/demo.ts';
import { createPerson } from '../../src/server/modules/org/org.service.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';

// Training on a real database: a course teaching a skill to level 4, a session with one seat,
// a person enrolling themself, the manager planning their development, the resource manager
// approving and completing — which raises the person's level and closes the goal.

let t: TestApp;
let rm: string;
let employee: string;
let manager: string;
let outsider: string;
let personId: string;
let otherId: string;
let skillId: string;
let course: TrainingCourse;
let session: TrainingSession;

beforeAll(async () => {
  t = await buildTestApp();
  rm = (await signIn(t, 'resource_manager')).cookie;
  const boss = await createPerson(t.ctx, SYSTEM_ACTOR, {
    firstName: 'Hélène',
    lastName: `Chef${uniq()}`,
  });
  const me = await createPerson(t.ctx, SYSTEM_ACTOR, {
    firstName: 'Karim',
    lastName: `Data${uniq()}`,
    managerId: boss.id,
  });
  personId = me.id;
  otherId = (await createPerson(t.ctx, SYSTEM_ACTOR, { firstName: 'Léa', lastName: `X${uniq()}` }))
    .id;
  employee = (await signIn(t, 'member', { personId: me.id })).cookie;
  manager = (await signIn(t, 'member', { personId: boss.id })).cookie;
  outsider = (await signIn(t, 'member')).cookie;
  const cat = await call(t, rm, {
    method: 'POST',
    url: '/api/v1/skill-categories',
    payload: { code: `T${uniq()}`, name: 'Data' },
  });
  skillId = (
    await call(t, rm, {
      method: 'POST',
      url: '/api/v1/skills',
      payload: { categoryId: cat.json().id, code: `BI${uniq()}`, name: 'Power BI' },
    })
  ).json().id;
});
afterAll(async () => t?.close());

describe('training', () => {
  it('lets resource managers build the catalogue and plan sessions, with named errors', async () => {
    const forbidden = await call(t, employee, {
      method: 'POST',
      url: '/api/v1/training/courses',
      payload: {},
    });
    expect(forbidden.statusCode).toBe(403);
    const code = `PBI-${uniq()}`;
    const payload = {
      code,
      title: 'Power BI avancé',
      provider: 'Orsys',
      skillId,
      targetLevel: 4,
      durationHours: 21,
      costMinor: 189000,
      format: 'presentiel',
    };
    const res = await call(t, rm, { method: 'POST', url: '/api/v1/training/courses', payload });
    expect(res.statusCode).toBe(201);
    course = TrainingCourse.parse(res.json());
    expect(course.skill).toEqual({ id: skillId, name: 'Power BI' });
    const dup = await call(t, rm, { method: 'POST', url: '/api/v1/training/courses', payload });
    expect(dup.json().error.code).toBe('DUPLICATE_CODE');
    expect(JSON.stringify(dup.json().error.details)).toContain('code');
    const stale = await call(t, rm, {
      method: 'PATCH',
      url: `/api/v1/training/courses/${course.id}`,
      headers: { 'if-match': '"7"' },
      payload: { durationHours: 14 },
    });
    expect(stale.statusCode).toBe(412);
    const badSession = await call(t, rm, {
      method: 'POST',
      url: '/api/v1/training/sessions',
      payload: { courseId: course.id, start: '2027-02-10', finish: '2027-02-08', seats: 1 },
    });
    expect(badSession.statusCode).toBe(400);
    expect(JSON.stringify(badSession.json().error.details)).toContain('finish');
    const s = await call(t, rm, {
      method: 'POST',
      url: '/api/v1/training/sessions',
      payload: {
        courseId: course.id,
        start: '2026-02-09',
        finish: '2026-02-11',
        seats: 1,
        place: 'Paris',
      },
    });
    expect(s.statusCode).toBe(201);
    session = TrainingSession.parse(s.json());
    expect(session).toMatchObject({ seats: 1, taken: 0, waiting: 0 });
  });

  let goal: DevelopmentGoal;
  it('lets the manager plan a goal; the person reads it; others cannot', async () => {
    const res = await call(t, manager, {
      method: 'POST',
      url: `/api/v1/resources/${personId}/development-goals`,
      payload: { skillId, targetLevel: 4, dueOn: '2027-06-30', courseId: course.id },
    });
    expect(res.statusCode).toBe(201);
    goal = DevelopmentGoal.parse(res.json());
    expect(goal).toMatchObject({ currentLevel: null, status: 'planned' });
    const byEmployee = await call(t, employee, {
      method: 'POST',
      url: `/api/v1/resources/${personId}/development-goals`,
      payload: { skillId, targetLevel: 5, dueOn: '2027-06-30' },
    });
    expect(byEmployee.statusCode).toBe(403);
    const read = await call(t, employee, {
      method: 'GET',
      url: `/api/v1/resources/${personId}/development-goals`,
    });
    expect(DevelopmentGoalList.parse(read.json()).items).toHaveLength(1);
    const hidden = await call(t, outsider, {
      method: 'GET',
      url: `/api/v1/resources/${personId}/development-goals`,
    });
    expect(hidden.json().error.code).toBe('PERSON_NOT_FOUND');
  });

  it('enrols, approves within the seats, completes: the level rises and the goal is met', async () => {
    const mine = await call(t, employee, {
      method: 'POST',
      url: '/api/v1/training/enrolments',
      payload: { sessionId: session.id },
    });
    expect(mine.statusCode).toBe(201);
    let enrolment = Enrolment.parse(mine.json());
    expect(enrolment.status).toBe('requested');
    const twice = await call(t, employee, {
      method: 'POST',
      url: '/api/v1/training/enrolments',
      payload: { sessionId: session.id },
    });
    expect(twice.json().error.code).toBe('ALREADY_ENROLLED');
    const forOther = await call(t, employee, {
      method: 'POST',
      url: '/api/v1/training/enrolments',
      payload: { sessionId: session.id, personId: otherId },
    });
    expect(forOther.json().error.code).toBe('PERSON_NOT_FOUND');
    const selfApprove = await call(t, employee, {
      method: 'POST',
      url: `/api/v1/training/enrolments/${enrolment.id}/transition`,
      headers: { 'if-match': `"${enrolment.version}"` },
      payload: { action: 'approve' },
    });
    expect(selfApprove.statusCode).toBe(403);
    const approved = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/training/enrolments/${enrolment.id}/transition`,
      headers: { 'if-match': `"${enrolment.version}"` },
      payload: { action: 'approve' },
    });
    expect(approved.statusCode).toBe(200);
    enrolment = Enrolment.parse(approved.json());
    // The only seat is taken: enrolling someone else directly is refused.
    const full = await call(t, rm, {
      method: 'POST',
      url: '/api/v1/training/enrolments',
      payload: { sessionId: session.id, personId: otherId },
    });
    expect(full.json().error.code).toBe('SESSION_FULL');
    const early = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/training/enrolments/${enrolment.id}/transition`,
      headers: { 'if-match': `"${enrolment.version}"` },
      payload: { action: 'approve' },
    });
    expect(early.json().error.code).toBe('ENROLMENT_TRANSITION_INVALID');
    const done = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/training/enrolments/${enrolment.id}/transition`,
      headers: { 'if-match': `"${enrolment.version}"` },
      payload: { action: 'complete', evaluation: 5 },
    });
    expect(done.statusCode).toBe(200);
    expect(Enrolment.parse(done.json())).toMatchObject({ status: 'completed', evaluation: 5 });

    const skills = PersonSkillList.parse(
      (
        await call(t, employee, { method: 'GET', url: `/api/v1/resources/${personId}/skills` })
      ).json(),
    );
    const held = skills.items.find((s) => s.skill.id === skillId)!;
    expect(held).toMatchObject({ level: 4, source: 'training', assessedOn: '2026-02-11' });
    const goals = DevelopmentGoalList.parse(
      (
        await call(t, employee, {
          method: 'GET',
          url: `/api/v1/resources/${personId}/development-goals`,
        })
      ).json(),
    );
    expect(goals.items[0]).toMatchObject({ status: 'done', currentLevel: 4 });
    const list = EnrolmentList.parse(
      (
        await call(t, employee, { method: 'GET', url: '/api/v1/training/enrolments?mine=true' })
      ).json(),
    );
    expect(list.items.map((e) => e.id)).toEqual([enrolment.id]);
    const admin = (await signIn(t, 'admin')).cookie;
    const audit = await call(t, admin, {
      method: 'GET',
      url: `/api/v1/audit?entityType=person_skill&entityId=${held.id}`,
    });
    expect(JSON.stringify(audit.json())).toContain('training');
  });
});
