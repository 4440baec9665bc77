import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PortfolioLevelingApplied,
  PortfolioLevelingPreview,
  PortfolioWhatIfResult,
} from '../../src/contracts/whatif.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import { buildPerson, buildPortfolio, buildProject } from '../helpers/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe('portfolio what-if and leveling by priority', () => {
  it('levels the lower priority first, simulates priorities, removals and a new project, applies with a fingerprint', async () => {
    const portfolio = await buildPortfolio(t);
    const other = await buildPortfolio(t);
    const pmo = (await signIn(t, 'pmo')).cookie;
    const rm = (await signIn(t, 'resource_manager')).cookie;
    const member = (await signIn(t, 'member', { personId: (await buildPerson(t)).id })).cookie;
    const ines = await buildPerson(t, { firstName: 'Inès', lastName: 'Martin' });
    const erp = await buildProject(t, portfolio.id, {
      code: 'ERP',
      plannedStart: '2026-03-02',
      priority: 'high',
    });
    const crm = await buildProject(t, portfolio.id, {
      code: 'CRM',
      plannedStart: '2026-03-02',
      priority: 'low',
    });
    const outside = await buildProject(t, other.id, { plannedStart: '2026-03-02' });
    const taskWithInes = async (projectId: string, name: string) => {
      await call(t, pmo, {
        method: 'POST',
        url: `/api/v1/projects/${projectId}/plan/tasks`,
        payload: { name, duration: 5 },
      });
      const plan = (
        await call(t, pmo, { method: 'GET', url: `/api/v1/projects/${projectId}/plan` })
      ).json();
      const task = plan.tasks.find((x: { name: string }) => x.name === name);
      const res = await call(t, pmo, {
        method: 'POST',
        url: `/api/v1/projects/${projectId}/assignments`,
        payload: { taskId: task.id, personId: ines.id, effortHours: 35 },
      });
      expect(res.statusCode).toBe(201);
      return task.id as string;
    };
    await taskWithInes(erp.id, 'Paramétrage ERP');
    const crmTask = await taskWithInes(crm.id, 'Migration CRM');

    // Preview: the low-priority CRM waits for the ERP.
    const url = `/api/v1/portfolios/${portfolio.id}`;
    const res = await call(t, rm, { method: 'POST', url: `${url}/leveling/preview`, payload: {} });
    expect(res.statusCode).toBe(200);
    const preview = PortfolioLevelingPreview.parse(res.json());
    expect(preview).toMatchObject({ overBefore: 5, overAfter: 0, people: 1, tasks: 2 });
    expect(preview.moves).toEqual([
      expect.objectContaining({
        project: expect.objectContaining({ id: crm.id, code: 'CRM' }),
        task: expect.objectContaining({ name: 'Migration CRM' }),
        from: '2026-03-02',
        to: '2026-03-09',
        delay: 5,
        reason: 'beyond_float',
        person: { id: ines.id, name: 'Inès Martin' },
        blockedBy: {
          project: expect.objectContaining({ id: erp.id }),
          task: expect.objectContaining({ name: 'Paramétrage ERP' }),
        },
      }),
    ]);
    const crmRow = preview.projects.find((p) => p.id === crm.id)!;
    expect(crmRow).toMatchObject({ priority: 'low', moved: 1, finishAfter: '2026-03-13' });

    // What-if: the CRM becomes critical, so the ERP is the one that waits.
    const base = { from: '2026-03-02', buckets: 3, groupBy: 'person' };
    const whatIf = async (body: object, cookie = rm) =>
      call(t, cookie, { method: 'POST', url: `${url}/what-if`, payload: { ...base, ...body } });
    const swapped = PortfolioWhatIfResult.parse(
      (await whatIf({ priorities: [{ projectId: crm.id, priority: 'critical' }] })).json(),
    );
    expect(swapped.leveling!.moves.map((m) => m.project.id)).toEqual([erp.id]);
    const inesRow = (h: PortfolioWhatIfResult['before']) =>
      h.rows.find((r) => r.key === ines.id)!.cells.map((c) => c.load);
    expect(inesRow(swapped.before)).toEqual([70, 0, 0]);
    expect(inesRow(swapped.after)).toEqual([35, 35, 0]);
    expect(swapped.before.rows.find((r) => r.key === ines.id)!.cells[0]!.overPeople).toBe(1);
    expect(swapped.after.rows.find((r) => r.key === ines.id)!.cells[0]!.overPeople).toBe(0);

    // Without the CRM (not leveled): only the ERP's week remains.
    const removed = PortfolioWhatIfResult.parse(
      (await whatIf({ removed: [crm.id], level: false })).json(),
    );
    expect(removed.leveling).toBeNull();
    expect(inesRow(removed.after)).toEqual([35, 0, 0]);

    // A critical new project needing Inès full time in the first week pushes both.
    const added = PortfolioWhatIfResult.parse(
      (
        await whatIf({
          added: {
            name: 'Nouveau portail',
            priority: 'critical',
            start: '2026-03-02',
            finish: '2026-03-06',
            people: [{ personId: ines.id, hoursPerWeek: 35 }],
          },
        })
      ).json(),
    );
    const moved = new Map(added.leveling!.moves.map((m) => [m.project.code, m.to]));
    expect(Object.fromEntries(moved)).toEqual({ ERP: '2026-03-09', CRM: '2026-03-16' });
    expect(added.leveling!.projects.find((p) => p.hypothetical)).toMatchObject({
      name: 'Nouveau portail',
      moved: 0,
    });
    expect(inesRow(added.after)).toEqual([35, 35, 35]);

    // A project of another portfolio is refused; a member has no capacity right.
    const wrong = await whatIf({ shifts: [{ projectId: outside.id, days: 7 }] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('WHATIF_PROJECT_NOT_IN_PORTFOLIO');
    expect((await whatIf({}, member)).statusCode).toBe(403);

    // Apply: the resource manager may not change the plans; a stale fingerprint is refused.
    const byRm = await call(t, rm, {
      method: 'POST',
      url: `${url}/leveling/apply`,
      payload: { fingerprint: preview.fingerprint },
    });
    expect(byRm.statusCode).toBe(403);
    const stale = await call(t, pmo, {
      method: 'POST',
      url: `${url}/leveling/apply`,
      payload: { fingerprint: 'old' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.preview.fingerprint).toBe(preview.fingerprint);
    const applied = await call(t, pmo, {
      method: 'POST',
      url: `${url}/leveling/apply`,
      payload: { fingerprint: preview.fingerprint },
    });
    expect(applied.statusCode).toBe(200);
    expect(PortfolioLevelingApplied.parse(applied.json())).toEqual({
      constrained: 1,
      projects: 1,
      moves: 1,
    });
    const plan = (
      await call(t, pmo, { method: 'GET', url: `/api/v1/projects/${crm.id}/plan` })
    ).json();
    const migrated = plan.tasks.find((x: { id: string }) => x.id === crmTask);
    expect(migrated.schedule.start).toBe('2026-03-09');
    expect(migrated.constraint).toEqual({ type: 'SNET', date: '2026-03-09' });
    const again = PortfolioLevelingPreview.parse(
      (await call(t, rm, { method: 'POST', url: `${url}/leveling/preview`, payload: {} })).json(),
    );
    expect(again.overBefore).toBe(0);
    expect(again.moves).toEqual([]);
  });
});
