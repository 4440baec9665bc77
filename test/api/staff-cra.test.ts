import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Timesheet } from '../../src/contracts/time.ts';
import { SYSTEM_ACTOR } from '../../src/server/seed/demo.ts';
import { createPerson } from '../../src/server/modules/org/org.service.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

// 9–15 November 2026: Wednesday 11 is a public holiday (Armistice).
const WEEK = '2026-11-09';

describe('CRA absence rule (server side)', () => {
  it('refuses work on a public holiday or an approved full-day absence and caps a half day', async () => {
    const u = uniq();
    const worker = await createPerson(t.ctx, SYSTEM_ACTOR, {
      firstName: 'Inès',
      lastName: `Abs${u}`,
      email: `abs${u.toLowerCase()}@exemple.test`,
    });
    const me = (await signIn(t, 'member', { personId: worker.id })).cookie;
    const rm = (await signIn(t, 'resource_manager')).cookie;
    const ask = async (start: string, finish: string, dayFraction: number, kind = 'conges') => {
      const a = (
        await call(t, me, {
          method: 'POST',
          url: '/api/v1/absences',
          payload: { kind, start, finish, dayFraction },
        })
      ).json();
      return a as { id: string; version: number };
    };
    const approve = async (a: { id: string; version: number }) => {
      const r = await call(t, rm, {
        method: 'POST',
        url: `/api/v1/absences/${a.id}/decision`,
        headers: { 'if-match': `"${a.version}"` },
        payload: { decision: 'approve' },
      });
      expect(r.statusCode, r.body).toBe(200);
    };
    await approve(await ask('2026-11-09', '2026-11-09', 1)); // Monday off
    await approve(await ask('2026-11-12', '2026-11-12', 0.5, 'rtt')); // Thursday morning
    await ask('2026-11-13', '2026-11-13', 1); // Friday asked for, not approved: no rule

    const activities = (await call(t, rm, { url: '/api/v1/time/activities' })).json() as {
      items: { id: string; code: string }[];
    };
    const id = (code: string) => activities.items.find((a) => a.code === code)!.id;
    const line = (code: string, hours: number[]) => ({
      projectId: null,
      taskId: null,
      activityId: id(code),
      hours,
    });
    const save = (lines: unknown[], week = WEEK, version = 1) =>
      call(t, me, {
        method: 'PUT',
        url: `/api/v1/me/timesheets/${week}`,
        headers: { 'if-match': `"${version}"` },
        payload: { lines },
      });

    // Copying a full week into this one leaves the holiday and the day off empty, and trims
    // the half day to what is left.
    const before = await save([line('REUNION', [7, 7, 7, 7, 7, 0, 0])], '2026-11-02', 0);
    expect(before.statusCode, before.body).toBe(200);
    const copied = await call(t, me, {
      method: 'POST',
      url: `/api/v1/me/timesheets/${WEEK}/copy-previous`,
      headers: { 'if-match': '"0"' },
    });
    expect(copied.statusCode, copied.body).toBe(200);
    expect(Timesheet.parse(copied.json()).lines.map((l) => l.hours)).toEqual([
      [0, 7, 0, 3.5, 7, 0, 0],
    ]);

    const refused = await save([
      line('REUNION', [2, 7, 1, 5, 7, 0, 0]),
      line('CONGES', [7, 0, 0, 0, 0, 0, 0]),
    ]);
    expect(refused.statusCode).toBe(409);
    const body = refused.json() as {
      error: { code: string; details: { violations: Record<string, unknown>[] } };
    };
    expect(body.error.code).toBe('TIMESHEET_INVALID');
    expect(body.error.details.violations).toEqual([
      { code: 'DAY_ABSENT', line: 0, day: 0, kind: 'conges' },
      { code: 'DAY_HOLIDAY', line: 0, day: 2 },
      { code: 'DAY_OVER_ABSENCE', line: null, day: 3, value: 5, limit: 3.5, kind: 'rtt' },
    ]);

    // The same week within the rule saves; the absence is declared on its own line.
    const ok = await save([
      line('REUNION', [0, 7, 0, 3.5, 7, 0, 0]),
      line('CONGES', [7, 0, 0, 0, 0, 0, 0]),
      line('RTT', [0, 0, 0, 3.5, 0, 0, 0]),
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
