import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanChange, PlanTask } from '../../src/contracts/planning.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import { buildMember, buildPerson, buildPortfolio, buildProject } from '../helpers/factories.ts';

let t: TestApp;
let pmo: string;
let portfolioId: string;

beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  portfolioId = (await buildPortfolio(t)).id;
});
afterAll(async () => t?.close());

async function plan(projectId: string) {
  const res = await call(t, pmo, { url: `/api/v1/projects/${projectId}/plan` });
  return res.json() as { tasks: PlanTask[]; settings: { version: number }; projectFinish: string };
}

async function settings(projectId: string, body: object) {
  const { settings: s } = await plan(projectId);
  const res = await call(t, pmo, {
    method: 'PATCH',
    url: `/api/v1/projects/${projectId}/plan/settings`,
    payload: body,
    headers: { 'if-match': `"${s.version}"` },
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function add(projectId: string, body: object): Promise<PlanTask> {
  const res = await call(t, pmo, {
    method: 'POST',
    url: `/api/v1/projects/${projectId}/plan/tasks`,
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(201);
  const change = res.json() as PlanChange;
  return change.tasks.find((x) => x.id === change.createdTaskIds[0])!;
}

async function link(projectId: string, fromTaskId: string, toTaskId: string, type = 'FS', lag = 0) {
  return call(t, pmo, {
    method: 'POST',
    url: `/api/v1/projects/${projectId}/plan/links`,
    payload: { fromTaskId, toTaskId, type, lag },
  });
}

async function patch(projectId: string, taskId: string, body: object) {
  const task = (await plan(projectId)).tasks.find((x) => x.id === taskId)!;
  const res = await call(t, pmo, {
    method: 'PATCH',
    url: `/api/v1/projects/${projectId}/plan/tasks/${taskId}`,
    payload: body,
    headers: { 'if-match': `"${task.version}"` },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as PlanChange;
}

describe('baselines, milestones and their trend', () => {
  it('compares the plan with a baseline, and marks milestones done, due or late', async () => {
    const past = await buildProject(t, portfolioId, { code: 'PRJ-PAST' });
    await settings(past.id, { start: '2020-01-06' });
    const dev = await add(past.id, { name: 'Développement', duration: 5 });
    const goLive = await add(past.id, { name: 'Mise en production', duration: 0 });
    await link(past.id, dev.id, goLive.id);
    const accepted = await add(past.id, { name: 'Recette validée', duration: 0 });
    await patch(past.id, accepted.id, { percentComplete: 100 });

    const future = await buildProject(t, portfolioId, { code: 'PRJ-FUTURE' });
    await settings(future.id, { start: '2099-01-05', statusDate: '2099-01-05' });
    const build = await add(future.id, { name: 'Réalisation', duration: 10 });
    const copil = await add(future.id, { name: 'COPIL de clôture', duration: 0 });
    const review = await add(future.id, {
      name: 'Revue qualité',
      duration: 0,
      constraint: { type: 'MSO', date: '2099-06-03' },
    });
    await link(future.id, build.id, copil.id);
    const b = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/projects/${future.id}/baselines`,
      payload: { name: 'Baseline COPIL' },
    });
    expect(b.statusCode, b.body).toBe(201);
    const baseline = b.json();
    expect(baseline).toMatchObject({
      name: 'Baseline COPIL',
      taskCount: 3,
      projectFinish: '2099-06-03',
    });

    // Slip: three more days of work, at a later status date.
    await patch(future.id, build.id, { duration: 13 });
    await settings(future.id, { statusDate: '2099-01-12' });

    const cmp = await call(t, pmo, {
      url: `/api/v1/projects/${future.id}/baselines/${baseline.id}/comparison`,
    });
    expect(cmp.statusCode, cmp.body).toBe(200);
    const rows = cmp.json().rows as {
      taskId: string;
      finishVariance: number;
      durationVariance: number;
      added: boolean;
    }[];
    // Not started at the new status date, the work now starts from it (5 days later) and lasts 3 more.
    expect(rows.find((r) => r.taskId === build.id)).toMatchObject({
      startVariance: 5,
      finishVariance: 8,
      durationVariance: 3,
      added: false,
    });
    expect(rows.find((r) => r.taskId === copil.id)).toMatchObject({ finishVariance: 8 });
    expect(cmp.json().projectFinishVariance).toBe(0);
    const list = await call(t, pmo, { url: `/api/v1/projects/${future.id}/baselines` });
    expect(list.json().items.map((x: { name: string }) => x.name)).toEqual(['Baseline COPIL']);

    const all = await call(t, pmo, { url: `/api/v1/milestones?portfolioId=${portfolioId}` });
    expect(all.statusCode, all.body).toBe(200);
    const byName = new Map(
      (
        all.json().items as {
          name: string;
          status: string;
          slippage: number | null;
          baselineDate: string | null;
        }[]
      ).map((m) => [m.name, m]),
    );
    // In the past and not done: late. Done: done. Later than its baseline but still ahead: due
    // (its slippage says it moved; issue 8's rule). Otherwise due.
    expect(byName.get('Mise en production')).toMatchObject({
      status: 'late',
      baselineDate: null,
      slippage: null,
    });
    expect(byName.get('Recette validée')).toMatchObject({ status: 'done' });
    expect(byName.get('COPIL de clôture')).toMatchObject({ status: 'due', slippage: 8 });
    expect(byName.get('Revue qualité')).toMatchObject({ status: 'due', slippage: 0 });
    const late = await call(t, pmo, {
      url: `/api/v1/milestones?portfolioId=${portfolioId}&status=late`,
    });
    expect(
      late
        .json()
        .items.map((m: { name: string }) => m.name)
        .sort(),
    ).toEqual(['Mise en production']);
    const window = await call(t, pmo, {
      url: `/api/v1/milestones?projectId=${future.id}&from=2099-05-01&to=2099-12-31`,
    });
    expect(window.json().items.map((m: { name: string }) => m.name)).toEqual(['Revue qualité']);

    const trend = await call(t, pmo, { url: `/api/v1/projects/${future.id}/milestone-trend` });
    const points = trend.json().points as { statusDate: string; dates: Record<string, string> }[];
    expect(points.map((x) => x.statusDate)).toEqual(['2099-01-05', '2099-01-12']);
    expect(points[0]!.dates[copil.id]! < points[1]!.dates[copil.id]!).toBe(true);
    expect(trend.json().milestones).toHaveLength(2);
    expect(trend.json().milestones.every((m: { done: boolean }) => !m.done)).toBe(true);
    // Reached milestones are flagged (their line stops there), with the actual finish when known.
    await patch(future.id, review.id, { percentComplete: 100, actualFinish: '2099-06-03' });
    const reached = await call(t, pmo, { url: `/api/v1/projects/${future.id}/milestone-trend` });
    const flags = Object.fromEntries(
      reached
        .json()
        .milestones.map((m: { id: string; done: boolean; doneOn: string | null }) => [
          m.id,
          [m.done, m.doneOn],
        ]),
    );
    expect(flags).toEqual({ [copil.id]: [false, null], [review.id]: [true, '2099-06-03'] });

    const del = await call(t, pmo, {
      method: 'DELETE',
      url: `/api/v1/projects/${future.id}/baselines/${baseline.id}`,
    });
    expect(del.statusCode).toBe(204);
    const gone = await call(t, pmo, {
      url: `/api/v1/projects/${future.id}/baselines/${baseline.id}/comparison`,
    });
    expect(gone.json().error.code).toBe('BASELINE_NOT_FOUND');
  });
});

describe('cross-project links and the roadmap', () => {
  it('reschedules the successor project when its predecessor slips, refuses loops, and draws the link', async () => {
    const upstream = await buildProject(t, portfolioId, { code: 'PRJ-UP' });
    const downstream = await buildProject(t, portfolioId, { code: 'PRJ-DOWN' });
    await settings(upstream.id, { start: '2027-01-04' });
    await settings(downstream.id, { start: '2027-01-04' });
    const phase = await add(upstream.id, { name: 'Socle technique' });
    const api = await add(upstream.id, { name: 'API clients', duration: 10, parentId: phase.id });
    const ready = await add(upstream.id, { name: 'API livrée', duration: 0, parentId: phase.id });
    await link(upstream.id, api.id, ready.id);
    const integ = await add(downstream.id, { name: 'Intégration portail', duration: 5 });
    const res = await link(downstream.id, api.id, integ.id, 'FS', 2);
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as PlanChange).links[0]!.fromProject).toMatchObject({
      id: upstream.id,
      code: 'PRJ-UP',
    });
    const start = async () =>
      (await plan(downstream.id)).tasks.find((x) => x.id === integ.id)!.schedule.start;
    // API clients: 4–15 January 2027; two working days later: 20 January.
    expect(await start()).toBe('2027-01-20');
    await patch(upstream.id, api.id, { duration: 15 });
    expect(await start()).toBe('2027-01-27');

    const loop = await link(upstream.id, integ.id, api.id);
    expect(loop.json().error.code).toBe('PLAN_CYCLE');

    const roadmap = await call(t, pmo, { url: `/api/v1/roadmap?portfolioId=${portfolioId}` });
    expect(roadmap.statusCode, roadmap.body).toBe(200);
    const up = roadmap.json().projects.find((p: { id: string }) => p.id === upstream.id);
    expect(up.phases).toEqual([
      { id: phase.id, name: 'Socle technique', start: '2027-01-04', finish: '2027-01-22' },
    ]);
    expect(up.milestones).toMatchObject([
      { id: ready.id, name: 'API livrée', date: '2027-01-25', done: false },
    ]);
    expect(roadmap.json().links).toEqual([
      {
        fromProjectId: upstream.id,
        fromTaskId: api.id,
        toProjectId: downstream.id,
        toTaskId: integ.id,
        type: 'FS',
        lag: 2,
      },
    ]);

    // Deleting the predecessor frees the successor.
    const v = (await plan(upstream.id)).tasks.find((x) => x.id === phase.id)!.version;
    await call(t, pmo, {
      method: 'DELETE',
      url: `/api/v1/projects/${upstream.id}/plan/tasks/${phase.id}`,
      headers: { 'if-match': `"${v}"` },
    });
    expect(await start()).toBe('2027-01-04');
  });
});

describe('the iCalendar feed', () => {
  it('serves the milestones and tasks of the projects its owner sees, and stops when revoked', async () => {
    const mine = await buildProject(t, portfolioId, { code: 'PRJ-ICAL' });
    const other = await buildProject(t, portfolioId, { code: 'PRJ-SECRET' });
    await settings(mine.id, { start: '2027-03-01' });
    await settings(other.id, { start: '2027-03-01' });
    await add(mine.id, {
      name: 'Comité de pilotage de lancement du programme de transformation numérique, avec la direction générale; ordre du jour',
      duration: 0,
    });
    await add(mine.id, { name: 'Ateliers', duration: 3 });
    await add(other.id, { name: 'Projet confidentiel', duration: 2 });
    const person = await buildPerson(t);
    await buildMember(t, mine.id, person.id, 'contributor');
    const member = (await signIn(t, 'member', { personId: person.id })).cookie;

    expect((await call(t, member, { url: '/api/v1/me/calendar-feed' })).json()).toEqual({
      url: null,
      createdAt: null,
    });
    const created = await call(t, member, { method: 'POST', url: '/api/v1/me/calendar-feed' });
    expect(created.statusCode).toBe(201);
    const url = new URL(created.json().url as string);
    expect(url.pathname).toMatch(/^\/api\/v1\/ical\/[\w-]{40,}$/);
    expect((await call(t, member, { url: '/api/v1/me/calendar-feed' })).json().url).toBeNull();

    const feed = await t.app.inject({ url: url.pathname });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const text = feed.body;
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain(
      'SUMMARY:◆ [PRJ-ICAL] Comité de pilotage de lancement du programme de transformation numérique\\, avec la direction générale\\; ordre du jour',
    );
    expect(unfolded).toContain('DTSTART;VALUE=DATE:20270301\r\nDTEND;VALUE=DATE:20270302');
    expect(unfolded).toContain('SUMMARY:[PRJ-ICAL] Ateliers\r\n');
    expect(unfolded).toContain('DTEND;VALUE=DATE:20270304');
    expect(unfolded).not.toContain('PRJ-SECRET');
    expect(unfolded.match(/BEGIN:VEVENT/g)).toHaveLength(2);

    // Regenerating replaces the token; revoking ends the feed.
    const again = await call(t, member, { method: 'POST', url: '/api/v1/me/calendar-feed' });
    expect((await t.app.inject({ url: url.pathname })).statusCode).toBe(404);
    const second = new URL(again.json().url as string).pathname;
    expect((await t.app.inject({ url: second })).statusCode).toBe(200);
    expect(
      (await call(t, member, { method: 'DELETE', url: '/api/v1/me/calendar-feed' })).statusCode,
    ).toBe(204);
    expect((await t.app.inject({ url: second })).statusCode).toBe(404);
  });
});
