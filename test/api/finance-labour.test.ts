import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabourSyncResult } from '../../src/contracts/finance.ts';
import { Timesheet } from '../../src/contracts/time.ts';
import { createPerson } from '../../src/server/modules/org/org.service.ts';
import { SYSTEM_ACTOR } from '../../src/server/seed/demo.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';
import { buildMember, buildPortfolio, buildProject } from '../helpers/factories.ts';

/*
 * Labour actuals: approved CRA hours × the person's cost rate valid on the day worked become the
 * project's actual costs (source "labour"), per person and month, recomputed idempotently.
 */
let t: TestApp;
let pmo: string;
let finance: string;

beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  finance = (await signIn(t, 'finance')).cookie;
});
afterAll(async () => t?.close());

const WEEK = '2026-11-16';

async function approvedWeek(cookie: string, projectId: string, hours: number[]) {
  const week = Timesheet.parse(
    (await call(t, cookie, { url: `/api/v1/me/timesheets/${WEEK}` })).json(),
  );
  const saved = await call(t, cookie, {
    method: 'PUT',
    url: `/api/v1/me/timesheets/${WEEK}`,
    payload: { lines: [{ projectId, taskId: null, activityId: null, hours }] },
    headers: { 'if-match': `"${week.version}"` },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const submitted = await call(t, cookie, {
    method: 'POST',
    url: `/api/v1/me/timesheets/${WEEK}/submit`,
    payload: {},
    headers: { 'if-match': `"${Timesheet.parse(saved.json()).version}"` },
  });
  expect(submitted.statusCode, submitted.body).toBe(200);
  const sheet = Timesheet.parse(submitted.json());
  const approved = await call(t, pmo, {
    method: 'POST',
    url: '/api/v1/timesheets/approve',
    payload: { items: [{ id: sheet.id, version: sheet.version }] },
  });
  expect(approved.statusCode, approved.body).toBe(200);
  expect(approved.json().approved).toEqual([sheet.id]);
}

describe('labour actuals', () => {
  it('prices approved hours at the rate valid on each day, per person and month, idempotently', async () => {
    const portfolio = await buildPortfolio(t);
    const project = await buildProject(t, portfolio.id);
    const u = uniq();
    const worker = await createPerson(t.ctx, SYSTEM_ACTOR, {
      firstName: 'Inès',
      lastName: `Labour${u}`,
      email: `labour${u.toLowerCase()}@exemple.test`,
      managerId: null,
    });
    await buildMember(t, project.id, worker.id, 'contributor');
    const rm = (await signIn(t, 'resource_manager')).cookie;
    // 60 €/h until Tuesday 17 November, 80 €/h from Wednesday 18.
    for (const [validFrom, rateMinor] of [
      ['2026-01-01', 6000],
      ['2026-11-18', 8000],
    ] as const) {
      const res = await call(t, rm, {
        method: 'POST',
        url: `/api/v1/resources/${worker.id}/rates`,
        payload: { validFrom, rateMinor },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const cookie = (await signIn(t, 'member', { personId: worker.id })).cookie;
    await approvedWeek(cookie, project.id, [7.5, 7, 7.25, 0, 0, 0, 0]);

    const sync = async () => {
      const res = await call(t, finance, {
        method: 'POST',
        url: '/api/v1/finance/labour-actuals/sync',
      });
      expect(res.statusCode, res.body).toBe(200);
      return LabourSyncResult.parse(res.json());
    };
    await sync();
    const ledger = async () =>
      (
        (await call(t, pmo, { url: `/api/v1/projects/${project.id}/costs` })).json() as {
          actuals: { source: string; amountEur: number; date: string }[];
        }
      ).actuals.filter((a) => a.source === 'labour');
    // 7.5 h × 60 + 7 h × 60 + 7.25 h × 80 = 450 + 420 + 580 = 1 450 €, booked on the last day worked.
    expect(await ledger()).toEqual([
      expect.objectContaining({ source: 'labour', amountEur: 145_000, date: '2026-11-18' }),
    ]);
    // Run again: the same single row, not a second one.
    await sync();
    expect(await ledger()).toHaveLength(1);

    // A labour row follows the timesheets: finance can neither edit nor delete it by hand.
    const [row] = (await call(t, finance, { url: `/api/v1/projects/${project.id}/costs` })).json()
      .actuals as { id: string; source: string; version: number }[];
    const url = `/api/v1/projects/${project.id}/actuals/${row!.id}`;
    const headers = { 'if-match': `"${row!.version}"` };
    const edit = await call(t, finance, {
      method: 'PATCH',
      url,
      payload: { source: 'other', date: '2026-11-18', amount: 1 },
      headers,
    });
    expect(edit.statusCode, edit.body).toBe(403);
    const del = await call(t, finance, { method: 'DELETE', url, headers });
    expect(del.statusCode, del.body).toBe(403);
    expect(await ledger()).toHaveLength(1);

    // Only finance, PMO and admin may trigger it.
    const member = await call(t, cookie, {
      method: 'POST',
      url: '/api/v1/finance/labour-actuals/sync',
    });
    expect(member.statusCode).toBe(403);
  });
});
