import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LevelingApplied, LevelingPreview } from '../../src/contracts/capacity.ts';
import { auditEvents } from '../../src/server/modules/platform/platform.tables.ts';
import { readXlsx } from '../../src/server/tabular/xlsx.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import { buildMember, buildPerson, buildPortfolio, buildProject } from '../helpers/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe('leveling a plan', () => {
  it('previews what moves and why, applies it through the plan, and refuses a stale preview', async () => {
    const portfolio = await buildPortfolio(t);
    const project = await buildProject(t, portfolio.id, { plannedStart: '2026-03-02' });
    const pmPerson = await buildPerson(t);
    await buildMember(t, project.id, pmPerson.id, 'project_manager');
    const pm = (await signIn(t, 'member', { personId: pmPerson.id })).cookie;
    const dev = await buildPerson(t, { firstName: 'Inès', lastName: 'Martin' });
    const task = async (name: string, duration: number) =>
      (
        await call(t, pm, {
          method: 'POST',
          url: `/api/v1/projects/${project.id}/plan/tasks`,
          payload: { name, duration },
        })
      ).json();
    await task('Développement', 5);
    await task('Documentation', 5);
    await task('Recette', 5);
    const plan = (
      await call(t, pm, { method: 'GET', url: `/api/v1/projects/${project.id}/plan` })
    ).json();
    const id = (name: string) => plan.tasks.find((x: { name: string }) => x.name === name).id;
    // Recette follows Documentation; Développement and Documentation both need Inès full time.
    await call(t, pm, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/plan/links`,
      payload: { fromTaskId: id('Documentation'), toTaskId: id('Recette'), type: 'FS', lag: 0 },
    });
    for (const name of ['Développement', 'Documentation']) {
      const res = await call(t, pm, {
        method: 'POST',
        url: `/api/v1/projects/${project.id}/assignments`,
        payload: { taskId: id(name), personId: dev.id, effortHours: 35 },
      });
      expect(res.statusCode).toBe(201);
    }

    const res = await call(t, pm, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/leveling/preview`,
      payload: {},
    });
    expect(res.statusCode).toBe(200);
    const preview = LevelingPreview.parse(res.json());
    expect(preview.overBefore).toBe(5);
    expect(preview.overAfter).toBe(0);
    const byName = new Map(preview.moves.map((m) => [m.task.name, m]));
    // Développement has 5 days of float (nothing follows it): it is the one delayed, within it.
    expect(byName.get('Développement')).toMatchObject({
      from: '2026-03-02',
      to: '2026-03-09',
      delay: 5,
      reason: 'within_float',
      person: { id: dev.id, name: 'Inès Martin' },
      blockedBy: { name: 'Documentation' },
    });
    expect(byName.has('Documentation')).toBe(false);
    expect(preview.projectFinishAfter).toBe(preview.projectFinishBefore);

    // Nothing saved by the preview.
    const same = LevelingPreview.parse(
      (
        await call(t, pm, {
          method: 'POST',
          url: `/api/v1/projects/${project.id}/leveling/preview`,
          payload: {},
        })
      ).json(),
    );
    expect(same.fingerprint).toBe(preview.fingerprint);

    const stale = await call(t, pm, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/leveling/apply`,
      payload: { fingerprint: 'not-the-one' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('LEVELING_STALE');
    expect(stale.json().error.details.preview.fingerprint).toBe(preview.fingerprint);

    // A reader of the project may preview, not apply; an outsider sees no project.
    const readerPerson = await buildPerson(t);
    await buildMember(t, project.id, readerPerson.id, 'reader');
    const reader = (await signIn(t, 'member', { personId: readerPerson.id })).cookie;
    const denied = await call(t, reader, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/leveling/apply`,
      payload: { fingerprint: preview.fingerprint },
    });
    expect(denied.statusCode).toBe(403);
    const outsider = (await signIn(t, 'member', { personId: (await buildPerson(t)).id })).cookie;
    const hidden = await call(t, outsider, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/leveling/preview`,
      payload: {},
    });
    expect(hidden.json().error.code).toBe('PROJECT_NOT_FOUND');

    const applied = await call(t, pm, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/leveling/apply`,
      payload: { fingerprint: preview.fingerprint },
    });
    expect(applied.statusCode).toBe(200);
    expect(LevelingApplied.parse(applied.json())).toMatchObject({ constrained: 1, moves: 1 });
    const after = (
      await call(t, pm, { method: 'GET', url: `/api/v1/projects/${project.id}/plan` })
    ).json();
    const dev2 = after.tasks.find((x: { name: string }) => x.name === 'Développement');
    expect(dev2.schedule.start).toBe('2026-03-09');
    expect(dev2.constraint).toEqual({ type: 'SNET', date: '2026-03-09' });
    const again = LevelingPreview.parse(
      (
        await call(t, pm, {
          method: 'POST',
          url: `/api/v1/projects/${project.id}/leveling/preview`,
          payload: {},
        })
      ).json(),
    );
    expect(again.overBefore).toBe(0);
    expect(again.moves).toEqual([]);
    const [event] = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, dev2.id), eq(auditEvents.action, 'update')))
      .orderBy(desc(auditEvents.at))
      .limit(1);
    expect(event?.changes).toMatchObject({
      constraint: { before: null, after: 'SNET 2026-03-09' },
    });
  });
});

describe('heat map export', () => {
  it('downloads every group as CSV (French conventions) and XLSX, for resource readers only', async () => {
    const rm = (await signIn(t, 'resource_manager')).cookie;
    const csv = await call(t, rm, {
      method: 'GET',
      url: '/api/v1/capacity/export?from=2026-03-02&buckets=2&groupBy=person&format=csv',
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('plan-de-charge-personnes-2026-03-02.csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      'Regroupement;Personnes;Début;Fin;Capacité (h);Affecté (h);Dont proposé (h);Tâches (h);Charge (h);Disponible (h);Taux de charge (%);Personnes en surcharge',
    );
    // Inès (7 h × 5 days a week, two 35 h tasks leveled one after the other) — one line a week.
    const ines = lines.filter((l) => l.startsWith('Inès Martin;'));
    expect(ines).toEqual([
      'Inès Martin;1;02/03/2026;08/03/2026;35;0;0;35;35;0;100;0',
      'Inès Martin;1;09/03/2026;15/03/2026;35;0;0;35;35;0;100;0',
    ]);
    const xlsx = await call(t, rm, {
      method: 'GET',
      url: '/api/v1/capacity/export?from=2026-03-02&buckets=2&format=xlsx&locale=en',
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('capacity-teams-2026-03-02.xlsx');
    const rows = await readXlsx(xlsx.rawPayload);
    expect(rows[0]?.cells.slice(0, 3)).toEqual(['Group', 'People', 'Start']);
    const member = (await signIn(t, 'member', { personId: (await buildPerson(t)).id })).cookie;
    const denied = await call(t, member, {
      method: 'GET',
      url: '/api/v1/capacity/export?from=2026-03-02&buckets=2',
    });
    expect(denied.statusCode).toBe(403);
  });
});
