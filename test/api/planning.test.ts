import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Plan, PlanChange, PlanTask } from '../../src/contracts/planning.ts';
import { applyPlanChange } from '../../src/web/features/planning/plan-cache.ts';
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

/** A planning helper bound to one project and one caller. */
function planOf(projectId: string, cookie = pmo) {
  const base = `/api/v1/projects/${projectId}/plan`;
  const api = {
    get: async () => {
      const res = await call(t, cookie, { url: base });
      expect(res.statusCode).toBe(200);
      // Large plan responses skip zod at serialisation: check them against the contract here.
      return Plan.parse(res.json());
    },
    settings: async (body: object, version?: number) => {
      const v = version ?? (await api.get()).settings.version;
      return call(t, cookie, {
        method: 'PATCH',
        url: `${base}/settings`,
        payload: body,
        headers: { 'if-match': `"${v}"` },
      });
    },
    add: async (body: object) => {
      const res = await call(t, cookie, { method: 'POST', url: `${base}/tasks`, payload: body });
      expect(res.statusCode, res.body).toBe(201);
      const change = PlanChange.parse(res.json());
      return change.tasks.find((x) => x.id === change.createdTaskIds[0])!;
    },
    link: (fromTaskId: string, toTaskId: string, type = 'FS', lag = 0) =>
      call(t, cookie, {
        method: 'POST',
        url: `${base}/links`,
        payload: { fromTaskId, toTaskId, type, lag },
      }),
    task: async (id: string) => (await api.get()).tasks.find((x) => x.id === id)!,
    patch: async (id: string, body: object) => {
      const task = await api.task(id);
      return call(t, cookie, {
        method: 'PATCH',
        url: `${base}/tasks/${id}`,
        payload: body,
        headers: { 'if-match': `"${task.version}"` },
      });
    },
  };
  return api;
}

async function newProject(overrides: object = {}) {
  return buildProject(t, portfolioId, { plannedStart: '2026-04-27', ...overrides });
}

/** The worked example of formats/project-network.md, built through the API. */
async function workedExample() {
  const project = await newProject();
  const p = planOf(project.id);
  expect(
    (
      await p.settings({
        start: '2026-04-27',
        calendar: { holidays: 'none', daysOff: ['2026-05-01', '2026-05-08'] },
      })
    ).statusCode,
  ).toBe(200);
  const t1 = await p.add({ name: 'Cadrage' });
  const t2 = await p.add({ name: 'Note de cadrage', duration: 5, parentId: t1.id });
  const t3 = await p.add({ name: 'COPIL de lancement', duration: 0, parentId: t1.id });
  const t4 = await p.add({ name: 'Ateliers', duration: 10 });
  expect((await p.link(t2.id, t3.id)).statusCode).toBe(201);
  expect((await p.link(t2.id, t4.id, 'SS', 2)).statusCode).toBe(201);
  return { project, p, t1, t2, t3, t4 };
}

describe('the plan of a project', () => {
  it('schedules the worked example of the format document exactly', async () => {
    const { p, t1, t2, t3, t4 } = await workedExample();
    const plan = await p.get();
    const byId = new Map(plan.tasks.map((x) => [x.id, x]));
    expect(plan.tasks.map((x) => [x.wbs, x.name, x.kind])).toEqual([
      ['1', 'Cadrage', 'summary'],
      ['1.1', 'Note de cadrage', 'task'],
      ['1.2', 'COPIL de lancement', 'milestone'],
      ['2', 'Ateliers', 'task'],
    ]);
    expect(byId.get(t1.id)!.schedule).toMatchObject({ start: '2026-04-27', finish: '2026-05-04' });
    expect(byId.get(t2.id)!.schedule).toMatchObject({
      start: '2026-04-27',
      finish: '2026-05-04',
      lateStart: '2026-04-27',
      totalFloat: 0,
      critical: true,
    });
    expect(byId.get(t3.id)!.schedule).toMatchObject({
      start: '2026-05-05',
      totalFloat: 7,
      critical: false,
    });
    expect(byId.get(t4.id)!.schedule).toMatchObject({
      start: '2026-04-29',
      finish: '2026-05-14',
      critical: true,
    });
    expect(plan.projectStart).toBe('2026-04-27');
    expect(plan.projectFinish).toBe('2026-05-14');
    expect(plan.criticalPath).toEqual([t2.id, t4.id]);
    expect(plan.nonWorkingDays).toContain('2026-05-01');
    expect(plan.nonWorkingDays).toContain('2026-05-02');
    expect(plan.can.edit).toBe(true);
  });

  it('reschedules after an edit and returns only what changed, with the If-Match of the task', async () => {
    const { project, p, t1, t2, t3, t4 } = await workedExample();
    const before = await p.task(t2.id);
    const stale = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/projects/${project.id}/plan/tasks/${t2.id}`,
      payload: { duration: 6 },
      headers: { 'if-match': `"${before.version + 5}"` },
    });
    expect(stale.statusCode).toBe(412);
    // The 412 carries the task as the plan shows it now (schedule included), to patch in.
    const current = PlanTask.parse(stale.json().error.details.current);
    expect(current).toMatchObject({
      id: t2.id,
      version: before.version,
      duration: before.duration,
    });
    expect(current.schedule.start).toBe(before.schedule.start);
    const missing = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/projects/${project.id}/plan/tasks/${t2.id}`,
      payload: { duration: 6 },
    });
    expect(missing.statusCode).toBe(428);
    const res = await p.patch(t2.id, { duration: 8 });
    expect(res.statusCode, res.body).toBe(200);
    const change = res.json() as PlanChange;
    const ids = [...change.tasks, ...change.schedules].map((x) => x.id).sort();
    // t2 (edited), its summary and the milestone after it moved; Ateliers (SS) did not.
    expect(ids).toEqual([t1.id, t2.id, t3.id].sort());
    // The milestone's dates alone moved: it comes back in the compact form.
    expect(change.schedules.map((x) => x.id)).toEqual([t3.id]);
    expect(ids).not.toContain(t4.id);
    expect(change.tasks.find((x) => x.id === t2.id)).toMatchObject({
      duration: 8,
      version: before.version + 1,
    });
    // 8 days from 27 April, 1 May off: finishes 7 May; 8 May is off too, so the milestone is on the 11th.
    expect(change.schedules.find((x) => x.id === t3.id)!.schedule).toMatchObject({
      start: '2026-05-11',
      totalFloat: 4,
    });
    expect(change.projectFinish).toBe('2026-05-14');
    // A second identical edit changes no schedule: only the task itself comes back.
    const again = (await p.patch(t4.id, { notes: 'Ateliers métiers' })).json() as PlanChange;
    expect(again.tasks.map((x) => x.id)).toEqual([t4.id]);
    expect(again.schedules).toEqual([]);
  });

  it('writes what it returns: the plan before an edit, patched with the answer, is the plan after', async () => {
    const { p, t2, t4 } = await workedExample();
    const t5 = await p.add({ name: 'Restitution', duration: 3 });
    expect((await p.link(t4.id, t5.id, 'FF', 1)).statusCode).toBe(201);
    for (const [id, fields] of [
      [t2.id, { duration: 9 }], // successors' dates alone move; the summary's span changes
      [t4.id, { duration: 4 }], // the other way: floats and the critical path change
      [t2.id, { duration: 5 }],
    ] as const) {
      const before = await p.get();
      const res = await p.patch(id, fields);
      expect(res.statusCode, res.body).toBe(200);
      const patched = applyPlanChange(before, res.json() as PlanChange);
      const after = await p.get();
      expect(patched.tasks).toEqual(after.tasks);
      expect(patched.links).toEqual(after.links);
      expect([patched.projectStart, patched.projectFinish, patched.criticalPath]).toEqual([
        after.projectStart,
        after.projectFinish,
        after.criticalPath,
      ]);
    }
  });

  it('refuses a dependency cycle, names the tasks on the loop, and writes nothing', async () => {
    const { p, t2, t3, t4 } = await workedExample();
    const t5 = await p.add({ name: 'Synthèse', duration: 2 });
    expect((await p.link(t4.id, t5.id)).statusCode).toBe(201);
    const res = await p.link(t5.id, t2.id);
    expect(res.statusCode).toBe(409);
    const body = res.json();
    expect(body.error.code).toBe('PLAN_CYCLE');
    expect(body.error.details.tasks.map((x: { name: string }) => x.name).sort()).toEqual(
      ['Ateliers', 'Note de cadrage', 'Synthèse'].sort(),
    );
    expect(body.error.message).toMatch(/Note de cadrage → Ateliers → Synthèse → Note de cadrage/);
    expect((await p.get()).links).toHaveLength(3);
    expect((await p.link(t3.id, t3.id)).json().error.code).toBe('PLAN_CYCLE');
  });

  it('links leaves only, and refuses sub-tasks under a task that has links', async () => {
    const { project, p, t1, t2, t4 } = await workedExample();
    const res = await p.link(t1.id, t4.id);
    expect(res.json().error).toMatchObject({
      code: 'PLAN_INVALID',
      details: { reason: 'LINK_ON_SUMMARY' },
    });
    const sub = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/plan/tasks`,
      payload: { name: 'Sous-tâche', parentId: t2.id },
    });
    expect(sub.json().error).toMatchObject({
      code: 'PLAN_INVALID',
      details: { task: { name: 'Note de cadrage' } },
    });
  });

  it('handles FF and SF links, leads, constraints, deadlines and progress from a status date', async () => {
    const project = await newProject();
    const p = planOf(project.id);
    await p.settings({ start: '2026-11-02' });
    const a = await p.add({ name: 'Développement', duration: 10 });
    const b = await p.add({ name: 'Tests', duration: 5 });
    const c = await p.add({ name: 'Documentation', duration: 3 });
    const d = await p.add({ name: 'Mise en production', duration: 0, deadline: '2026-11-10' });
    await p.link(a.id, b.id, 'FF', 2);
    await p.link(a.id, c.id, 'FS', -2);
    await p.link(b.id, d.id, 'SF', 0);
    let plan = await p.get();
    const get = (id: string) => plan.tasks.find((x) => x.id === id)!;
    // A: 2–13 Nov (11 Nov is a holiday) → 2–16 Nov; B finishes 2 days after A: 18 Nov.
    expect(get(a.id).schedule).toMatchObject({ start: '2026-11-02', finish: '2026-11-16' });
    expect(get(b.id).schedule.finish).toBe('2026-11-18');
    expect(get(c.id).schedule.start).toBe('2026-11-13');
    // The deadline is missed: negative float.
    expect(get(d.id).schedule.totalFloat).toBeLessThan(0);
    expect(
      (await p.patch(a.id, { constraint: { type: 'SNET', date: '2026-11-04' } })).statusCode,
    ).toBe(200);
    plan = await p.get();
    expect(get(a.id).schedule.start).toBe('2026-11-04');
    // Progress: half done on the status date, the rest is scheduled from it.
    await p.settings({ statusDate: '2026-11-20' });
    const res = await p.patch(a.id, { percentComplete: 50, actualStart: '2026-11-04' });
    expect(res.statusCode, res.body).toBe(200);
    plan = await p.get();
    expect(get(a.id).schedule.finish >= '2026-11-26').toBe(true);
    expect(get(a.id).remaining).toBe(5);
    const bad = await p.patch(a.id, { actualFinish: '2026-11-01' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('editing the outline', () => {
  it('indents, outdents, reorders, copies and deletes subtrees, renumbering the WBS', async () => {
    const project = await newProject();
    const p = planOf(project.id);
    const phase1 = await p.add({ name: 'Conception' });
    const a = await p.add({ name: 'Spécifications', duration: 5 });
    const b = await p.add({ name: 'Maquettes', duration: 3 });
    const phase2 = await p.add({ name: 'Réalisation' });
    const c = await p.add({ name: 'Développement', duration: 10 });
    const move = async (id: string, parentId: string | null, afterTaskId: string | null) => {
      const task = await p.task(id);
      const res = await call(t, pmo, {
        method: 'POST',
        url: `/api/v1/projects/${project.id}/plan/tasks/${id}/move`,
        payload: { parentId, afterTaskId },
        headers: { 'if-match': `"${task.version}"` },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as PlanChange;
    };
    // Indent a and b under phase 1, c under phase 2.
    await move(a.id, phase1.id, null);
    await move(b.id, phase1.id, a.id);
    await move(c.id, phase2.id, null);
    const outline = async () => (await p.get()).tasks.map((x) => `${x.wbs} ${x.name}`);
    expect(await outline()).toEqual([
      '1 Conception',
      '1.1 Spécifications',
      '1.2 Maquettes',
      '2 Réalisation',
      '2.1 Développement',
    ]);
    expect((await p.task(phase1.id)).kind).toBe('summary');
    // Reorder: Maquettes first.
    await move(b.id, phase1.id, null);
    // Outdent: Développement after Réalisation at the top level; Réalisation becomes a task again.
    await move(c.id, null, phase2.id);
    expect(await outline()).toEqual([
      '1 Conception',
      '1.1 Maquettes',
      '1.2 Spécifications',
      '2 Réalisation',
      '3 Développement',
    ]);
    expect((await p.task(phase2.id)).kind).toBe('task');
    // A task under its own sub-task: refused.
    const phase1Now = await p.task(phase1.id);
    const cyc = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/plan/tasks/${phase1.id}/move`,
      payload: { parentId: a.id, afterTaskId: null },
      headers: { 'if-match': `"${phase1Now.version}"` },
    });
    expect(cyc.json().error).toMatchObject({
      code: 'PLAN_INVALID',
      details: { reason: 'OUTLINE_CYCLE' },
    });
    // Copy the phase: the subtree and its internal links, not the links to the rest.
    await p.link(b.id, a.id);
    await p.link(a.id, c.id);
    const copied = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/plan/tasks/${phase1.id}/copy`,
    });
    expect(copied.statusCode, copied.body).toBe(201);
    expect((copied.json() as PlanChange).createdTaskIds).toHaveLength(3);
    expect(await outline()).toEqual([
      '1 Conception',
      '1.1 Maquettes',
      '1.2 Spécifications',
      '2 Conception (copie)',
      '2.1 Maquettes',
      '2.2 Spécifications',
      '3 Réalisation',
      '4 Développement',
    ]);
    expect((await p.get()).links).toHaveLength(3);
    // Delete the original phase: its sub-tasks and their links go too.
    const del = await call(t, pmo, {
      method: 'DELETE',
      url: `/api/v1/projects/${project.id}/plan/tasks/${phase1.id}`,
      headers: { 'if-match': `"${(await p.task(phase1.id)).version}"` },
    });
    expect(del.statusCode, del.body).toBe(200);
    const removed = del.json() as PlanChange;
    expect(removed.removedTaskIds.sort()).toEqual([phase1.id, a.id, b.id].sort());
    expect(removed.removedLinkIds).toHaveLength(2);
    expect(await outline()).toEqual([
      '1 Conception (copie)',
      '1.1 Maquettes',
      '1.2 Spécifications',
      '2 Réalisation',
      '3 Développement',
    ]);
    // Every write is in the project's history, field by field.
    const history = await call(t, pmo, { url: `/api/v1/projects/${project.id}/history?limit=100` });
    const events = history.json().items as {
      entityType: string;
      action: string;
      changes: Record<string, unknown>;
    }[];
    expect(events.filter((e) => e.entityType === 'task' && e.action === 'create')).toHaveLength(6);
    expect(
      events.some(
        (e) => e.entityType === 'task' && e.action === 'update' && 'parentId' in e.changes,
      ),
    ).toBe(true);
    expect(events.some((e) => e.entityType === 'task' && e.action === 'delete')).toBe(true);
    expect(events.some((e) => e.entityType === 'task_link' && e.action === 'create')).toBe(true);
  });

  it('lets a contributor read the plan but not change it, and hides it from others', async () => {
    const project = await newProject();
    const p = planOf(project.id);
    await p.add({ name: 'Cadrage', duration: 3 });
    const person = await buildPerson(t);
    await buildMember(t, project.id, person.id, 'contributor');
    const contributor = (await signIn(t, 'member', { personId: person.id })).cookie;
    const outsider = (await signIn(t, 'member')).cookie;
    const read = await call(t, contributor, { url: `/api/v1/projects/${project.id}/plan` });
    expect(read.statusCode).toBe(200);
    expect(read.json().can.edit).toBe(false);
    const write = await call(t, contributor, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/plan/tasks`,
      payload: { name: 'X' },
    });
    expect(write.statusCode).toBe(403);
    const hidden = await call(t, outsider, { url: `/api/v1/projects/${project.id}/plan` });
    expect(hidden.json().error.code).toBe('PROJECT_NOT_FOUND');
  });

  it('updates a link and reschedules; a stale If-Match on the settings is refused', async () => {
    const { project, p, t2, t4 } = await workedExample();
    const link = (await p.get()).links.find((l) => l.toTaskId === t4.id)!;
    const res = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/projects/${project.id}/plan/links/${link.id}`,
      payload: { type: 'FS', lag: 1 },
      headers: { 'if-match': `"${link.version}"` },
    });
    expect(res.statusCode, res.body).toBe(200);
    const change = res.json() as PlanChange;
    expect(change.links[0]).toMatchObject({
      id: link.id,
      type: 'FS',
      lag: 1,
      version: link.version + 1,
    });
    // Ateliers now starts the second working day after Note de cadrage (4 May): 6 May.
    expect(change.schedules.find((x) => x.id === t4.id)!.schedule.start).toBe('2026-05-06');
    expect((await p.settings({ statusDate: '2026-05-04' }, 0)).statusCode).toBe(412);
    const removed = await call(t, pmo, {
      method: 'DELETE',
      url: `/api/v1/projects/${project.id}/plan/links/${link.id}`,
      headers: { 'if-match': `"${link.version + 1}"` },
    });
    expect((removed.json() as PlanChange).removedLinkIds).toEqual([link.id]);
    expect((await p.task(t4.id)).schedule.start).toBe('2026-04-27');
    expect((await p.task(t2.id)).schedule.critical).toBe(false);
  });
});
