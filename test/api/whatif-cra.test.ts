import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Timesheet } from '../../src/contracts/time.ts';
import { WeekAbsences } from '../../src/contracts/whatif.ts';
import { SYSTEM_ACTOR } from '../../src/server/seed/demo.ts';
import { createPerson } from '../../src/server/modules/org/org.service.ts';
import { runTimeReminders } from '../../src/server/modules/time/time.reminders.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const WEEK = '2026-11-16';

async function person(managerId: string | null = null) {
  const u = uniq();
  return createPerson(t.ctx, SYSTEM_ACTOR, {
    firstName: 'Camille',
    lastName: `Cra${u}`,
    email: `cra${u.toLowerCase()}@exemple.test`,
    managerId,
  });
}

describe('timesheet follow-ups', () => {
  it('shows the week absences with their hours, and takes back a submitted week before any decision', async () => {
    const manager = await person();
    const worker = await person(manager.id);
    const me = (await signIn(t, 'member', { personId: worker.id })).cookie;
    const boss = (await signIn(t, 'member', { personId: manager.id })).cookie;
    const rm = (await signIn(t, 'resource_manager')).cookie;

    // Monday–Tuesday off (approved), Friday afternoon asked for.
    const ask = async (start: string, finish: string, dayFraction: number) =>
      (
        await call(t, me, {
          method: 'POST',
          url: '/api/v1/absences',
          payload: { kind: 'conges', start, finish, dayFraction },
        })
      ).json();
    const off = await ask('2026-11-16', '2026-11-17', 1);
    await ask('2026-11-20', '2026-11-20', 0.5);
    const decided = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/absences/${off.id}/decision`,
      headers: { 'if-match': `"${off.version}"` },
      payload: { decision: 'approve' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const res = await call(t, me, { url: `/api/v1/me/timesheets/${WEEK}/absences` });
    expect(res.statusCode).toBe(200);
    const absences = WeekAbsences.parse(res.json());
    expect(absences.blocked).toEqual([7, 7, 0, 0, 0, 0, 0]);
    expect(absences.requested).toEqual([0, 0, 0, 0, 3.5, 0, 0]);
    expect(absences.items.map((a) => a.status)).toEqual(['approved', 'requested']);

    // Fill and submit the week, then take it back.
    const activities = (await call(t, rm, { url: '/api/v1/time/activities' })).json() as {
      items: { id: string; code: string }[];
    };
    const conges = activities.items.find((a) => a.code === 'CONGES')!.id;
    const saved = await call(t, me, {
      method: 'PUT',
      url: `/api/v1/me/timesheets/${WEEK}`,
      headers: { 'if-match': '"0"' },
      payload: {
        lines: [
          { projectId: null, taskId: null, activityId: conges, hours: [7, 7, 0, 0, 0, 0, 0] },
        ],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const submitted = Timesheet.parse(
      (
        await call(t, me, {
          method: 'POST',
          url: `/api/v1/me/timesheets/${WEEK}/submit`,
          headers: { 'if-match': `"${saved.json().version}"` },
          payload: {},
        })
      ).json(),
    );
    expect(submitted.status).toBe('submitted');
    const recall = (version: number) =>
      call(t, me, {
        method: 'POST',
        url: `/api/v1/me/timesheets/${WEEK}/recall`,
        headers: { 'if-match': `"${version}"` },
      });
    expect((await recall(submitted.version + 5)).statusCode).toBe(412);
    const back = await recall(submitted.version);
    expect(back.statusCode, back.body).toBe(200);
    const draft = Timesheet.parse(back.json());
    expect(draft).toMatchObject({ status: 'draft', editable: true, submittedAt: null });
    expect(draft.totals.total).toBe(14);
    const again = await recall(draft.version);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('TIMESHEET_NOT_RECALLABLE');

    // Once the manager decided, it is too late.
    const resubmitted = Timesheet.parse(
      (
        await call(t, me, {
          method: 'POST',
          url: `/api/v1/me/timesheets/${WEEK}/submit`,
          headers: { 'if-match': `"${draft.version}"` },
          payload: {},
        })
      ).json(),
    );
    // The reminders job tells the line manager, with the oldest week waiting (a date in the bell).
    await runTimeReminders(t.ctx, '2026-12-15');
    const bell = (await call(t, boss, { url: '/api/v1/me/notifications' })).json() as {
      items: { kind: string; data: unknown }[];
    };
    expect(bell.items.find((n) => n.kind === 'time.approvals')?.data).toEqual({
      count: 1,
      week: WEEK,
    });
    const approved = await call(t, boss, {
      method: 'POST',
      url: `/api/v1/timesheets/${resubmitted.id}/approve`,
      headers: { 'if-match': `"${resubmitted.version}"` },
      payload: {},
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const late = await recall(approved.json().version);
    expect(late.statusCode).toBe(409);
  });
});
