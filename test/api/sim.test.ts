import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanChange } from '../../src/contracts/planning.ts';
import { RiskEvent, SimModel, SimRun, SimRunList } from '../../src/contracts/sim.ts';
import { resumeRuns, waitForRun } from '../../src/server/modules/sim/sim.service.ts';
import { simRuns } from '../../src/server/modules/sim/sim.tables.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import { buildMember, buildPerson, buildPortfolio, buildProject } from '../helpers/factories.ts';

let t: TestApp;
let pmo: string;
let manager: string;
let contributor: string;
let reader: string;
let outsider: string;
let projectId: string;
let otherProjectId: string;
let phase: string;
let taskA: string;
let taskB: string;
let milestone: string;
let otherTask: string;
let lineId: string;

const put = (cookie: string, url: string, payload: object, version?: number) =>
  call(t, cookie, {
    method: 'PUT',
    url,
    payload,
    ...(version !== undefined ? { headers: { 'if-match': `"${version}"` } } : {}),
  });
const post = (cookie: string, url: string, payload: object) =>
  call(t, cookie, { method: 'POST', url, payload });
const patch = (cookie: string, url: string, payload: object, version: number) =>
  call(t, cookie, { method: 'PATCH', url, payload, headers: { 'if-match': `"${version}"` } });
const del = (cookie: string, url: string, version: number) =>
  call(t, cookie, { method: 'DELETE', url, headers: { 'if-match': `"${version}"` } });

beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  const portfolioId = (await buildPortfolio(t)).id;
  projectId = (await buildProject(t, portfolioId, { plannedStart: '2027-01-04' })).id;
  otherProjectId = (await buildProject(t, portfolioId, { plannedStart: '2027-01-04' })).id;
  const pm = await buildPerson(t);
  const co = await buildPerson(t);
  const rd = await buildPerson(t);
  await buildMember(t, projectId, pm.id, 'project_manager');
  await buildMember(t, projectId, co.id, 'contributor');
  await buildMember(t, projectId, rd.id, 'reader');
  manager = (await signIn(t, 'member', { personId: pm.id })).cookie;
  contributor = (await signIn(t, 'member', { personId: co.id })).cookie;
  reader = (await signIn(t, 'member', { personId: rd.id })).cookie;
  outsider = (await signIn(t, 'member', { personId: (await buildPerson(t)).id })).cookie;

  const add = async (project: string, body: object) => {
    const res = await post(pmo, `/api/v1/projects/${project}/plan/tasks`, body);
    expect(res.statusCode, res.body).toBe(201);
    return PlanChange.parse(res.json()).createdTaskIds[0]!;
  };
  phase = await add(projectId, { name: 'Réalisation', duration: 1 });
  taskA = await add(projectId, { name: 'Développement', duration: 10, parentId: phase });
  taskB = await add(projectId, { name: 'Recette', duration: 5, parentId: phase });
  milestone = await add(projectId, { name: 'Mise en production', duration: 0 });
  otherTask = await add(otherProjectId, { name: 'Ailleurs', duration: 3 });
  for (const [from, to] of [
    [taskA, taskB],
    [taskB, milestone],
  ]) {
    const res = await post(pmo, `/api/v1/projects/${projectId}/plan/links`, {
      fromTaskId: from,
      toTaskId: to,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  const line = await post(pmo, `/api/v1/projects/${projectId}/budget/lines`, {
    label: 'Intégrateur',
    category: 'external_services',
    nature: 'opex',
    amounts: [{ month: '2027-01', amount: 10_000_000 }],
  });
  expect(line.statusCode, line.body).toBe(201);
  lineId = (line.json() as { id: string }).id;
});
afterAll(async () => t?.close());

const base = () => `/api/v1/projects/${projectId}/schedule-risk`;

describe('estimates', () => {
  it('sets an estimate with If-Match 0, then only with its version; audits it', async () => {
    const url = `${base()}/estimates/${taskA}`;
    const body = { distribution: 'triangular', min: 8, mode: 10, max: 16 };
    expect((await put(manager, url, body)).statusCode).toBe(428);
    const created = await put(manager, url, body, 0);
    expect(created.statusCode, created.body).toBe(200);
    expect(created.headers.etag).toBe('"1"');
    const again = await put(manager, url, { ...body, max: 18 }, 0);
    expect(again.statusCode).toBe(412);
    expect(again.json().error.details.current).toMatchObject({ max: 16, version: 1 });
    const updated = await put(manager, url, { ...body, max: 18 }, 1);
    expect(updated.json()).toMatchObject({ max: 18, version: 2 });
    const back = await put(manager, url, body, 2);
    expect(back.statusCode).toBe(200);

    const model = SimModel.parse((await call(t, reader, { url: base() })).json());
    expect(model.tasks.map((x) => x.name)).toEqual([
      'Réalisation',
      'Développement',
      'Recette',
      'Mise en production',
    ]);
    expect(model.tasks.find((x) => x.id === taskA)!.estimate).toMatchObject({ mode: 10, max: 16 });
    expect(model.tasks.find((x) => x.id === milestone)!.milestone).toBe(true);
    expect(model.can).toEqual({ edit: false, run: false, cost: false });
    expect(model.cost).toBeNull();

    const audit = await call(t, pmo, { url: `/api/v1/audit?entityType=sim_estimate` });
    expect(audit.statusCode, audit.body).toBe(200);
    expect((audit.json() as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a bad range naming the field, a summary, a task of another project', async () => {
    const bad = await put(
      manager,
      `${base()}/estimates/${taskB}`,
      { distribution: 'pert', min: 6, mode: 4, max: 9 },
      0,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(bad.json().error.details.issues[0].path).toEqual(['body', 'mode']);
    const summary = await put(
      manager,
      `${base()}/estimates/${phase}`,
      { distribution: 'uniform', min: 1, mode: 1, max: 3 },
      0,
    );
    expect(summary.statusCode).toBe(400);
    const foreign = await put(
      manager,
      `${base()}/estimates/${otherTask}`,
      { distribution: 'uniform', min: 1, mode: 1, max: 3 },
      0,
    );
    expect(foreign.json().error).toMatchObject({ code: 'TASK_NOT_FOUND' });
  });

  it('a reader may not edit; an outsider does not see the project', async () => {
    const body = { distribution: 'uniform', min: 4, mode: 5, max: 7 };
    expect((await put(reader, `${base()}/estimates/${taskB}`, body, 0)).json().error).toMatchObject(
      { code: 'FORBIDDEN' },
    );
    expect((await call(t, outsider, { url: base() })).json().error).toMatchObject({
      code: 'PROJECT_NOT_FOUND',
    });
    expect(
      (await put(outsider, `${base()}/estimates/${taskB}`, body, 0)).json().error,
    ).toMatchObject({ code: 'PROJECT_NOT_FOUND' });
  });

  it('removes an estimate with If-Match', async () => {
    const url = `${base()}/estimates/${taskB}`;
    await put(manager, url, { distribution: 'uniform', min: 4, mode: 5, max: 7 }, 0);
    expect((await del(manager, url, 9)).statusCode).toBe(412);
    expect((await del(manager, url, 1)).statusCode).toBe(204);
  });
});

describe('risk events and cost ranges', () => {
  let eventId: string;

  it('creates an event on tasks, changes it with If-Match, refuses tasks from elsewhere', async () => {
    const res = await post(manager, `${base()}/events`, {
      name: 'Recette refusée',
      probability: 1,
      impacts: [{ taskId: taskB, days: 3 }],
      costImpact: 2_000_000,
    });
    expect(res.statusCode, res.body).toBe(201);
    const event = RiskEvent.parse(res.json());
    eventId = event.id;
    expect(event).toMatchObject({ probability: 1, costImpact: 2_000_000, version: 1 });

    const foreign = await post(manager, `${base()}/events`, {
      name: 'X',
      probability: 0.5,
      impacts: [{ taskId: otherTask, days: 3 }],
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details.issues[0].path).toEqual(['body', 'impacts', '0', 'taskId']);

    const changed = await patch(
      manager,
      `/api/v1/schedule-risk/events/${eventId}`,
      { name: 'Recette refusée par la MOA' },
      1,
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ version: 2, impacts: [{ taskId: taskB, days: 3 }] });
    expect(
      (await patch(manager, `/api/v1/schedule-risk/events/${eventId}`, { name: 'Z' }, 1))
        .statusCode,
    ).toBe(412);
    expect(
      (await call(t, outsider, { url: `/api/v1/schedule-risk/events/${eventId}` })).json().error,
    ).toMatchObject({ code: 'SIM_EVENT_NOT_FOUND' });
    // The reader sees the event but not its cost.
    const seen = await call(t, reader, { url: `/api/v1/schedule-risk/events/${eventId}` });
    expect(seen.json()).toMatchObject({ costImpact: 0 });
  });

  it('a contributor manages events but not money', async () => {
    const res = await post(contributor, `${base()}/events`, {
      name: 'Coût caché',
      probability: 0.2,
      costImpact: 100,
    });
    expect(res.json().error).toMatchObject({ code: 'FORBIDDEN' });
    const ok = await post(contributor, `${base()}/events`, { name: 'Délai', probability: 0 });
    expect(ok.statusCode).toBe(201);
    expect(
      (await del(contributor, `/api/v1/schedule-risk/events/${ok.json().id}`, 1)).statusCode,
    ).toBe(204);
  });

  it('sets a cost range on a budget line', async () => {
    const url = `${base()}/cost-ranges/${lineId}`;
    const body = { distribution: 'triangular', min: 9_000_000, mode: 10_000_000, max: 14_000_000 };
    expect((await put(contributor, url, body, 0)).json().error).toMatchObject({
      code: 'FORBIDDEN',
    });
    const res = await put(manager, url, body, 0);
    expect(res.statusCode, res.body).toBe(200);
    const model = SimModel.parse((await call(t, manager, { url: base() })).json());
    expect(model.cost).toMatchObject({
      budget: 10_000_000,
      lines: [{ id: lineId, amount: 10_000_000, range: { max: 14_000_000, version: 1 } }],
    });
  });
});

describe('runs', () => {
  let first: SimRun;

  it('runs in the background with the results of the plan, milestones and cost', async () => {
    const res = await post(manager, `${base()}/runs`, {
      iterations: 4000,
      seed: 'copil',
      targetDate: '2027-02-01',
      milestoneIds: [milestone],
    });
    expect(res.statusCode, res.body).toBe(202);
    const queued = SimRun.parse(res.json());
    expect(['queued', 'running']).toContain(queued.state);
    const busy = await post(manager, `${base()}/runs`, { iterations: 1000 });
    expect(busy.json().error).toMatchObject({ code: 'SIM_RUN_BUSY' });
    await waitForRun(queued.id);
    first = SimRun.parse(
      (await call(t, manager, { url: `/api/v1/schedule-risk/runs/${queued.id}` })).json(),
    );
    expect(first).toMatchObject({ state: 'done', progress: 100, number: 1 });
    expect(first.inputs).toEqual({ tasks: 3, estimates: 1, events: 1, costRanges: 1 });
    const s = first.result!.schedule;
    // A ~ Tri(8, 10, 16), B = 5 + 3 (a certain risk): T has mean 34/3 + 8 and sd √(Var A).
    const mean = 34 / 3 + 8;
    const sd = Math.sqrt((64 + 256 + 100 - 80 - 128 - 160) / 18);
    expect(Math.abs(s.durationDays.mean - mean)).toBeLessThan((5 * sd) / Math.sqrt(4000));
    expect(s.deterministic.durationDays).toBe(15);
    expect(s.durationDays.p10).toBeLessThanOrEqual(s.durationDays.p50);
    expect(s.durationDays.p80).toBeLessThanOrEqual(s.durationDays.p90);
    expect(s.finish.p80 >= s.finish.p50).toBe(true);
    expect(s.criticality.map((c) => c.index)).toEqual([1, 1, 1]);
    expect(s.sensitivity[0]).toMatchObject({ kind: 'task', id: taskA });
    expect(s.histogram.reduce((a, b) => a + b.count, 0)).toBe(4000);
    expect(s.target!.date).toBe('2027-02-01');
    const m = first.result!.milestones[0]!;
    expect(m).toMatchObject({ taskId: milestone, name: 'Mise en production' });
    expect(m.p50 <= m.p80 && m.p80 <= m.p90).toBe(true);
    const cost = first.result!.cost!;
    // Line ~ Tri(90k, 100k, 140k €) + 20k € certain: mean 130k €.
    expect(Math.abs(cost.mean - 13_000_000)).toBeLessThan(100_000);
    expect(cost.budget).toBe(10_000_000);
    expect(cost.contingencyP80).toBe(cost.p80 - 10_000_000);
    expect(cost.contingencyP80).toBeGreaterThan(0);
    expect(first.p80Cost).toBe(cost.p80);
  });

  it('the same inputs and seed give the same result; the reader sees no money', async () => {
    const res = await post(manager, `${base()}/runs`, {
      iterations: 4000,
      seed: 'copil',
      targetDate: '2027-02-01',
      milestoneIds: [milestone],
    });
    await waitForRun(res.json().id);
    const second = SimRun.parse(
      (await call(t, manager, { url: `/api/v1/schedule-risk/runs/${res.json().id}` })).json(),
    );
    expect(second.number).toBe(2);
    expect(second.result).toEqual(first.result);
    const seen = SimRun.parse(
      (await call(t, reader, { url: `/api/v1/schedule-risk/runs/${second.id}` })).json(),
    );
    expect(seen.result!.cost).toBeNull();
    expect(seen.p80Cost).toBeNull();
    const list = SimRunList.parse((await call(t, reader, { url: `${base()}/runs` })).json());
    expect(list.items.map((r) => r.number)).toEqual([2, 1]);
    expect(
      (await call(t, outsider, { url: `/api/v1/schedule-risk/runs/${second.id}` })).json().error,
    ).toMatchObject({ code: 'SIM_RUN_NOT_FOUND' });
    expect((await del(reader, `/api/v1/schedule-risk/runs/${second.id}`, 1)).statusCode).toBe(403);
    expect((await del(manager, `/api/v1/schedule-risk/runs/${second.id}`, 7)).statusCode).toBe(412);
    expect(
      (await del(manager, `/api/v1/schedule-risk/runs/${second.id}`, second.version)).statusCode,
    ).toBe(204);
  });

  it('a run left running by a stopped server is run again on start, to the same result', async () => {
    const [row] = await t.ctx.db
      .insert(simRuns)
      .values({
        projectId,
        number: 3,
        state: 'running',
        progress: 40,
        iterations: 4000,
        seed: 'copil',
        targetDate: '2027-02-01',
        milestoneIds: [milestone],
      })
      .returning();
    expect(await resumeRuns(t.ctx)).toBe(1);
    await waitForRun(row!.id);
    const [done] = await t.ctx.db.select().from(simRuns).where(eq(simRuns.id, row!.id));
    expect(done!.state).toBe('done');
    expect(done!.result).toEqual(first.result);
  });
});
