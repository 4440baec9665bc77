import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationList } from '../../src/contracts/notifications.ts';
import {
  Consolidation,
  PendingTimesheetList,
  Timesheet,
  TimesheetTargets,
} from '../../src/contracts/time.ts';
import { createPerson } from '../../src/server/modules/org/org.service.ts';
import { createTask } from '../../src/server/modules/planning/planning.service.ts';
import { updateProject } from '../../src/server/modules/portfolio/portfolio.service.ts';
import { runTimeReminders } from '../../src/server/modules/time/time.reminders.ts';
import { actualHoursByTask, approvedHours } from '../../src/server/modules/time/time.service.ts';
import { SYSTEM_ACTOR } from '../../src/server/seed/demo.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';
import { buildMember, buildPortfolio, buildProject } from '../helpers/factories.ts';

let t: TestApp;
let pmo: string;
let portfolioId: string;

const WEEK = '2026-11-16';
const PREV = '2026-11-09';

beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  portfolioId = (await buildPortfolio(t)).id;
});
afterAll(async () => t?.close());

async function person(managerId: string | null = null) {
  const u = uniq();
  return createPerson(t.ctx, SYSTEM_ACTOR, {
    firstName: 'Camille',
    lastName: `Cra${u}`,
    email: `cra${u.toLowerCase()}@exemple.test`,
    managerId,
  });
}

/** A team: a manager, a contributor reporting to them, a project manager and two projects. */
async function team() {
  const manager = await person();
  const worker = await person(manager.id);
  const pm = await person();
  const projectA = await buildProject(t, portfolioId, { managerId: pm.id });
  const projectB = await buildProject(t, portfolioId);
  await buildMember(t, projectA.id, worker.id, 'contributor');
  await buildMember(t, projectB.id, worker.id, 'contributor');
  return {
    manager: { ...manager, cookie: (await signIn(t, 'member', { personId: manager.id })).cookie },
    worker: { ...worker, cookie: (await signIn(t, 'member', { personId: worker.id })).cookie },
    pm: { ...pm, cookie: (await signIn(t, 'member', { personId: pm.id })).cookie },
    projectA,
    projectB,
  };
}

const zero = [0, 0, 0, 0, 0, 0, 0];
const line = (
  target: { projectId?: string; taskId?: string; activityId?: string },
  hours: number[],
) => ({
  projectId: target.projectId ?? null,
  taskId: target.taskId ?? null,
  activityId: target.activityId ?? null,
  hours,
});

async function getWeek(cookie: string, week = WEEK) {
  const res = await call(t, cookie, { url: `/api/v1/me/timesheets/${week}` });
  expect(res.statusCode, res.body).toBe(200);
  return Timesheet.parse(res.json());
}

function save(cookie: string, lines: object[], version: number, week = WEEK) {
  return call(t, cookie, {
    method: 'PUT',
    url: `/api/v1/me/timesheets/${week}`,
    payload: { lines },
    headers: { 'if-match': `"${version}"` },
  });
}

function submit(cookie: string, version: number, week = WEEK) {
  return call(t, cookie, {
    method: 'POST',
    url: `/api/v1/me/timesheets/${week}/submit`,
    payload: {},
    headers: { 'if-match': `"${version}"` },
  });
}

async function activityId(code: string) {
  const res = await call(t, pmo, { url: '/api/v1/time/activities' });
  return (res.json() as { items: { id: string; code: string }[] }).items.find(
    (a) => a.code === code,
  )!.id;
}

describe('my week', () => {
  it('suggests my projects on a week never saved, saves it in one go and versions it', async () => {
    const { worker, projectA, projectB } = await team();
    const empty = await getWeek(worker.cookie);
    expect(empty.version).toBe(0);
    expect(empty.status).toBe('draft');
    expect(empty.lines.map((l) => l.project?.id).sort()).toEqual([projectA.id, projectB.id].sort());
    expect(empty.days.map((d) => d.weekend)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);

    const res = await save(
      worker.cookie,
      [
        line({ projectId: projectA.id }, [7.5, 3.25, 0, 0, 0, 0, 0]),
        line({ projectId: projectB.id }, [0, 4, 7, 0, 0, 0, 0]),
      ],
      0,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    const week = Timesheet.parse(res.json());
    expect(week.totals.perDay).toEqual([7.5, 7.25, 7, 0, 0, 0, 0]);
    expect(week.totals.total).toBe(21.75);
    expect(week.lines.map((l) => l.total)).toEqual([10.75, 11]);

    expect((await save(worker.cookie, [], 0)).statusCode).toBe(412);
    const noIfMatch = await call(t, worker.cookie, {
      method: 'PUT',
      url: `/api/v1/me/timesheets/${WEEK}`,
      payload: { lines: [] },
    });
    expect(noIfMatch.statusCode).toBe(428);
    const reloaded = await getWeek(worker.cookie);
    expect(reloaded.version).toBe(1);
    expect(reloaded.totals.total).toBe(21.75);
  });

  it('refuses a week that breaks the rules, listing every violation with its cell', async () => {
    const { worker, projectA } = await team();
    const other = await buildProject(t, portfolioId);
    const res = await save(
      worker.cookie,
      [
        line({ projectId: projectA.id }, [11, 0, 0, 0, 0, 0, 0]),
        line({ projectId: other.id }, [1, 0, 0, 0, 0, 0, 0]),
      ],
      0,
    );
    expect(res.statusCode).toBe(409);
    const body = res.json() as { error: { code: string; details: { violations: object[] } } };
    expect(body.error.code).toBe('TIMESHEET_INVALID');
    expect(body.error.details.violations).toEqual([
      { code: 'PROJECT_UNKNOWN', line: 1, day: null },
      { code: 'DAY_OVER_MAX', line: null, day: 0, value: 12, limit: 10 },
    ]);
    expect(
      (await save(worker.cookie, [line({ projectId: projectA.id }, [1, 0, 0, 0, 0, 0, 25])], 0))
        .statusCode,
    ).toBe(400);
  });

  it('refuses a task of another project and hours on a closed project', async () => {
    const { worker, projectA, projectB } = await team();
    const task = await createTask(t.ctx, SYSTEM_ACTOR, projectB.id, {
      name: 'Recette',
      duration: 5,
      parentId: null,
      notes: '',
    });
    const taskId = task.createdTaskIds[0]!;
    const wrong = await save(
      worker.cookie,
      [line({ projectId: projectA.id, taskId }, [1, ...zero.slice(1)])],
      0,
    );
    expect(
      (wrong.json() as { error: { details: { violations: { code: string }[] } } }).error.details
        .violations[0]!.code,
    ).toBe('TASK_OTHER_PROJECT');
    const right = await save(
      worker.cookie,
      [line({ projectId: projectB.id, taskId }, [2, ...zero.slice(1)])],
      0,
    );
    expect(right.statusCode, right.body).toBe(200);
    expect(Timesheet.parse(right.json()).lines[0]!.task?.name).toBe('Recette');

    await updateProject(t.ctx, SYSTEM_ACTOR, projectA.id, projectA.version, { status: 'closed' });
    const closed = await save(
      worker.cookie,
      [line({ projectId: projectA.id }, [1, ...zero.slice(1)])],
      1,
    );
    expect(
      (closed.json() as { error: { details: { violations: { code: string }[] } } }).error.details
        .violations,
    ).toEqual([{ code: 'PROJECT_CLOSED', line: 0, day: null }]);
  });

  it('lists my projects with their tasks and the activities I may charge', async () => {
    const { worker, projectA } = await team();
    const res = await call(t, worker.cookie, { url: '/api/v1/me/timesheet-targets' });
    const targets = TimesheetTargets.parse(res.json());
    expect(targets.projects.map((p) => p.id)).toContain(projectA.id);
    expect(targets.activities.map((a) => a.code)).toEqual(
      expect.arrayContaining(['CONGES', 'RTT', 'FORMATION', 'REUNION']),
    );
  });

  it('refuses hours on a locked period, and only PMO or finance lock', async () => {
    const { worker, projectA } = await team();
    const denied = await call(t, worker.cookie, {
      method: 'POST',
      url: '/api/v1/time/locks',
      payload: { from: '2026-10-01', to: '2026-10-31' },
    });
    expect(denied.statusCode).toBe(403);
    const finance = (await signIn(t, 'finance')).cookie;
    const lock = await call(t, finance, {
      method: 'POST',
      url: '/api/v1/time/locks',
      payload: { from: '2026-10-01', to: '2026-10-28', label: 'Clôture octobre' },
    });
    expect(lock.statusCode, lock.body).toBe(201);
    const week = await getWeek(worker.cookie, '2026-10-26');
    expect(week.days.map((d) => d.locked)).toEqual([true, true, true, false, false, false, false]);
    const res = await save(
      worker.cookie,
      [line({ projectId: projectA.id }, [0, 0, 0, 2, 0, 0, 0])],
      0,
      '2026-10-26',
    );
    expect(res.statusCode).toBe(200);
    const refused = await save(
      worker.cookie,
      [line({ projectId: projectA.id }, [1, 0, 0, 2, 0, 0, 0])],
      1,
      '2026-10-26',
    );
    expect(
      (refused.json() as { error: { details: { violations: object[] } } }).error.details.violations,
    ).toEqual([{ code: 'PERIOD_LOCKED', line: 0, day: 0 }]);
    const id = (lock.json() as { id: string }).id;
    expect(
      (await call(t, finance, { method: 'DELETE', url: `/api/v1/time/locks/${id}` })).statusCode,
    ).toBe(204);
  });

  it('copies last week into this one', async () => {
    const { worker, projectA } = await team();
    const conges = await activityId('CONGES');
    await save(
      worker.cookie,
      [
        line({ projectId: projectA.id }, [7, 7, 0, 7, 0, 0, 0]),
        line({ activityId: conges }, [0, 0, 0, 0, 7, 0, 0]),
      ],
      0,
      PREV,
    );
    const res = await call(t, worker.cookie, {
      method: 'POST',
      url: `/api/v1/me/timesheets/${WEEK}/copy-previous`,
      headers: { 'if-match': '"0"' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const week = Timesheet.parse(res.json());
    expect(week.totals.total).toBe(28);
    expect(week.lines.map((l) => l.activity?.code ?? l.project?.code)).toEqual([
      projectA.code,
      'CONGES',
    ]);
  });

  it('tells an account without a person that it has no timesheet', async () => {
    const viewer = (await signIn(t, 'member')).cookie;
    const res = await call(t, viewer, { url: `/api/v1/me/timesheets/${WEEK}` });
    expect(res.statusCode).toBe(409);
    expect((res.json() as { error: { code: string } }).error.code).toBe('NO_PERSON');
    const notMonday = await call(t, viewer, { url: `/api/v1/me/timesheets/2026-11-17` });
    expect(notMonday.statusCode).toBe(400);
  });
});

describe('approval', () => {
  it('goes draft → submitted → approved by the line manager (resource-manager policy), not by others', async () => {
    const { worker, manager, pm, projectA } = await team();
    const saved = Timesheet.parse(
      (
        await save(worker.cookie, [line({ projectId: projectA.id }, [7, 7, 0, 0, 0, 0, 0])], 0)
      ).json(),
    );
    const submitted = Timesheet.parse((await submit(worker.cookie, saved.version)).json());
    expect(submitted.status).toBe('submitted');
    expect((await save(worker.cookie, [], submitted.version)).json()).toMatchObject({
      error: { code: 'TIMESHEET_NOT_EDITABLE' },
    });

    const pending = PendingTimesheetList.parse(
      (await call(t, manager.cookie, { url: '/api/v1/timesheets/pending' })).json(),
    );
    const mine = pending.items.find((i) => i.id === submitted.id)!;
    expect(mine.total).toBe(14);
    // The project manager is not an approver under this policy.
    const pmPending = PendingTimesheetList.parse(
      (await call(t, pm.cookie, { url: '/api/v1/timesheets/pending' })).json(),
    );
    expect(pmPending.items.map((i) => i.id)).not.toContain(submitted.id);
    const stranger = (await signIn(t, 'member', { personId: (await person()).id })).cookie;
    expect(
      (await call(t, stranger, { url: `/api/v1/timesheets/${submitted.id}` })).statusCode,
    ).toBe(404);
    // Nobody approves their own week.
    const self = await call(t, worker.cookie, {
      method: 'POST',
      url: `/api/v1/timesheets/${submitted.id}/approve`,
      payload: {},
      headers: { 'if-match': `"${mine.version}"` },
    });
    expect(self.statusCode).toBe(403);

    const approved = await call(t, manager.cookie, {
      method: 'POST',
      url: `/api/v1/timesheets/${submitted.id}/approve`,
      payload: {},
      headers: { 'if-match': `"${mine.version}"` },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(Timesheet.parse(approved.json()).status).toBe('approved');

    const hours = await approvedHours(t.ctx.db, { projectIds: [projectA.id] });
    expect(hours).toEqual([
      { projectId: projectA.id, taskId: null, personId: worker.id, date: '2026-11-16', hours: 7 },
      { projectId: projectA.id, taskId: null, personId: worker.id, date: '2026-11-17', hours: 7 },
    ]);
  });

  it('rejects with a comment, notifies the person, who corrects and submits again', async () => {
    const { worker, manager, projectA } = await team();
    const saved = Timesheet.parse(
      (
        await save(worker.cookie, [line({ projectId: projectA.id }, [9, 0, 0, 0, 0, 0, 0])], 0)
      ).json(),
    );
    const submitted = Timesheet.parse((await submit(worker.cookie, saved.version)).json());
    const noComment = await call(t, manager.cookie, {
      method: 'POST',
      url: `/api/v1/timesheets/${submitted.id}/reject`,
      payload: {},
      headers: { 'if-match': `"${submitted.version}"` },
    });
    expect(noComment.statusCode).toBe(400);
    const rejected = await call(t, manager.cookie, {
      method: 'POST',
      url: `/api/v1/timesheets/${submitted.id}/reject`,
      payload: { comment: 'Lundi : 7 h maximum sur ce projet' },
      headers: { 'if-match': `"${submitted.version}"` },
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const mine = await getWeek(worker.cookie);
    expect(mine.status).toBe('rejected');
    expect(mine.comment).toBe('Lundi : 7 h maximum sur ce projet');
    expect(mine.editable).toBe(true);
    const notes = NotificationList.parse(
      (await call(t, worker.cookie, { url: '/api/v1/me/notifications' })).json(),
    );
    expect(notes.unread).toBe(1);
    expect(notes.items[0]).toMatchObject({ kind: 'time.rejected', data: { week: WEEK } });

    const fixed = Timesheet.parse(
      (
        await save(
          worker.cookie,
          [line({ projectId: projectA.id }, [7, 0, 0, 0, 0, 0, 0])],
          mine.version,
        )
      ).json(),
    );
    const again = Timesheet.parse((await submit(worker.cookie, fixed.version)).json());
    expect(again.status).toBe('submitted');
    expect(again.comment).toBeNull();
    expect(again.lines.every((l) => l.approval === 'pending')).toBe(true);
  });

  it('under the project-manager policy, approves a week per project line', async () => {
    const settings = await call(t, pmo, { url: '/api/v1/time/settings' });
    const switched = await call(t, pmo, {
      method: 'PATCH',
      url: '/api/v1/time/settings',
      payload: { approverPolicy: 'project_manager' },
      headers: { 'if-match': settings.headers.etag as string },
    });
    expect(switched.statusCode, switched.body).toBe(200);
    try {
      const { worker, pm, projectA, projectB } = await team();
      const pmB = await person();
      await updateProject(t.ctx, SYSTEM_ACTOR, projectB.id, projectB.version, {
        managerId: pmB.id,
      });
      const pmBCookie = (await signIn(t, 'member', { personId: pmB.id })).cookie;
      const saved = Timesheet.parse(
        (
          await save(
            worker.cookie,
            [
              line({ projectId: projectA.id }, [4, 0, 0, 0, 0, 0, 0]),
              line({ projectId: projectB.id }, [3, 0, 0, 0, 0, 0, 0]),
            ],
            0,
          )
        ).json(),
      );
      const submitted = Timesheet.parse((await submit(worker.cookie, saved.version)).json());

      const forA = PendingTimesheetList.parse(
        (await call(t, pm.cookie, { url: '/api/v1/timesheets/pending' })).json(),
      ).items.find((i) => i.id === submitted.id)!;
      expect(forA.pendingHours).toBe(4);
      expect(forA.projects).toEqual([projectA.code]);
      const afterA = Timesheet.parse(
        (
          await call(t, pm.cookie, {
            method: 'POST',
            url: `/api/v1/timesheets/${submitted.id}/approve`,
            payload: {},
            headers: { 'if-match': `"${forA.version}"` },
          })
        ).json(),
      );
      expect(afterA.status).toBe('submitted');
      expect(afterA.lines.map((l) => l.approval)).toEqual(['approved', 'pending']);
      expect(
        (await approvedHours(t.ctx.db, { personIds: [worker.id] })).map((h) => h.hours),
      ).toEqual([4]);

      const afterB = await call(t, pmBCookie, {
        method: 'POST',
        url: `/api/v1/timesheets/${submitted.id}/approve`,
        payload: {},
        headers: { 'if-match': `"${afterA.version}"` },
      });
      expect(Timesheet.parse(afterB.json()).status).toBe('approved');
    } finally {
      const now = await call(t, pmo, { url: '/api/v1/time/settings' });
      await call(t, pmo, {
        method: 'PATCH',
        url: '/api/v1/time/settings',
        payload: { approverPolicy: 'resource_manager' },
        headers: { 'if-match': now.headers.etag as string },
      });
    }
  });

  it('approves many weeks in one action, skipping stale ones', async () => {
    const { worker, manager, projectA } = await team();
    const ids: { id: string; version: number }[] = [];
    for (const week of ['2026-09-07', '2026-09-14', '2026-09-21']) {
      const s = Timesheet.parse(
        (
          await save(
            worker.cookie,
            [line({ projectId: projectA.id }, [7, 7, 7, 7, 7, 0, 0])],
            0,
            week,
          )
        ).json(),
      );
      const sub = Timesheet.parse((await submit(worker.cookie, s.version, week)).json());
      ids.push({ id: sub.id!, version: sub.version });
    }
    ids[2]!.version = 99;
    const res = await call(t, manager.cookie, {
      method: 'POST',
      url: '/api/v1/timesheets/approve',
      payload: { items: ids },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      approved: expect.arrayContaining([ids[0]!.id, ids[1]!.id]),
      skipped: [{ id: ids[2]!.id, reason: 'VERSION_MISMATCH' }],
    });
    expect((await getWeek(worker.cookie, '2026-09-07')).status).toBe('approved');
    expect((await getWeek(worker.cookie, '2026-09-21')).status).toBe('submitted');
  });
});

describe('consolidation, actuals and reminders', () => {
  it('consolidates a month per person and per project and exports it', async () => {
    const { worker, manager, projectA } = await team();
    const task = await createTask(t.ctx, SYSTEM_ACTOR, projectA.id, {
      name: 'Développement',
      duration: 5,
      parentId: null,
      notes: '',
    });
    const taskId = task.createdTaskIds[0]!;
    const formation = await activityId('FORMATION');
    const week = '2027-03-01';
    const s = Timesheet.parse(
      (
        await save(
          worker.cookie,
          [
            line({ projectId: projectA.id, taskId }, [7.5, 7.5, 0, 0, 0, 0, 0]),
            line({ activityId: formation }, [0, 0, 7, 0, 0, 0, 0]),
          ],
          0,
          week,
        )
      ).json(),
    );
    const sub = Timesheet.parse((await submit(worker.cookie, s.version, week)).json());
    await call(t, manager.cookie, {
      method: 'POST',
      url: `/api/v1/timesheets/${sub.id}/approve`,
      payload: {},
      headers: { 'if-match': `"${sub.version}"` },
    });
    expect((await actualHoursByTask(t.ctx.db, projectA.id)).get(taskId)).toBe(15);

    const byPerson = Consolidation.parse(
      (await call(t, pmo, { url: '/api/v1/time/consolidation?month=2027-03&by=person' })).json(),
    );
    expect(byPerson.rows.find((r) => r.key === worker.id)).toMatchObject({
      approved: 22,
      submitted: 0,
      draft: 0,
      total: 22,
    });
    const byProject = Consolidation.parse(
      (await call(t, pmo, { url: '/api/v1/time/consolidation?month=2027-03&by=project' })).json(),
    );
    expect(byProject.rows.find((r) => r.key === projectA.id)).toMatchObject({
      kind: 'project',
      approved: 15,
      people: 1,
    });
    expect(byProject.rows.find((r) => r.code === 'FORMATION')).toMatchObject({
      kind: 'activity',
      approved: 7,
    });
    expect(
      (await call(t, worker.cookie, { url: '/api/v1/time/consolidation?month=2027-03' }))
        .statusCode,
    ).toBe(403);

    const csv = await call(t, pmo, {
      url: '/api/v1/time/consolidation/export?month=2027-03&by=project&format=csv',
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFFCode;Projet ou activité;Heures validées')).toBe(true);
    expect(csv.body).toContain(`${projectA.code};Projet ${projectA.code};15;0;0;15;1`);
    const xlsx = await call(t, pmo, {
      url: '/api/v1/time/consolidation/export?month=2027-03&format=xlsx',
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('lists people the French way in the consolidation and its exports: surname first, accents ignored', async () => {
    // Three people who charge a week of May 2027 (a month no other test uses).
    const week = '2027-05-03';
    const formation = await activityId('FORMATION');
    const names = [
      ['Zoé', 'Escoffier'],
      ['Léo', 'Éluard'],
      ['Anne', 'Dupont'],
    ];
    for (const [firstName, lastName] of names) {
      const p = await createPerson(t.ctx, SYSTEM_ACTOR, {
        firstName: firstName!,
        lastName: lastName!,
      });
      const cookie = (await signIn(t, 'member', { personId: p.id })).cookie;
      expect(
        (await save(cookie, [line({ activityId: formation }, [7, 0, 0, 0, 0, 0, 0])], 0, week))
          .statusCode,
      ).toBe(200);
    }
    const expected = ['Dupont Anne', 'Éluard Léo', 'Escoffier Zoé'];
    const byPerson = Consolidation.parse(
      (await call(t, pmo, { url: '/api/v1/time/consolidation?month=2027-05&by=person' })).json(),
    );
    expect(byPerson.rows.map((r) => r.name)).toEqual(expected);
    const csv = await call(t, pmo, {
      url: '/api/v1/time/consolidation/export?month=2027-05&by=person&format=csv',
    });
    expect(
      csv.body
        .split('\r\n')
        .slice(1, 4)
        .map((l) => l.split(';')[0]),
    ).toEqual(expected);
  });

  it('reminds people whose week is missing, once, and they mark it read', async () => {
    const { worker } = await team();
    const first = await runTimeReminders(t.ctx, '2026-12-09');
    expect(first.notified).toBeGreaterThan(0);
    const again = await runTimeReminders(t.ctx, '2026-12-09');
    expect(again.notified).toBe(0);
    const list = NotificationList.parse(
      (await call(t, worker.cookie, { url: '/api/v1/me/notifications' })).json(),
    );
    const late = list.items.find((n) => n.kind === 'time.late')!;
    expect(late.data).toEqual({ week: '2026-11-30' });
    const read = await call(t, worker.cookie, {
      method: 'POST',
      url: '/api/v1/me/notifications/read',
      payload: { ids: [late.id] },
    });
    expect(read.json()).toEqual({ unread: list.unread - 1 });
    const run = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/time/reminders/run',
      payload: {},
    });
    expect(run.statusCode).toBe(200);
  });
});
