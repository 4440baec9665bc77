import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Methodology, ProjectGovernance } from '../../src/contracts/governance.ts';
import { MigrationPreview } from '../../src/contracts/methods.ts';
import { Plan } from '../../src/contracts/planning.ts';
import { planTaskMethodKeys } from '../../src/server/modules/methods/method.tables.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';
import { buildPerson, buildPortfolio, buildProject } from '../helpers/factories.ts';
import { eq } from 'drizzle-orm';

let t: TestApp;
let pmo: string;
let manager: string;
let managerPersonId: string;
let portfolioId: string;

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

beforeAll(async () => {
  t = await buildTestApp();
  portfolioId = (await buildPortfolio(t)).id;
  managerPersonId = (await buildPerson(t)).id;
  pmo = (await signIn(t, 'pmo')).cookie;
  manager = (await signIn(t, 'member', { personId: managerPersonId })).cookie;
});
afterAll(async () => t?.close());

const v1Content = {
  phases: [
    {
      key: 'cadrage',
      name: 'Cadrage',
      deliverables: [],
      gate: null,
      wbs: [
        { name: 'Étude d’opportunité', duration: 5 },
        { name: 'Note de cadrage', duration: 3 },
      ],
    },
    {
      key: 'realisation',
      name: 'Réalisation',
      deliverables: [],
      gate: null,
      wbs: [{ name: 'Développements', duration: 10 }],
    },
  ],
  roles: [],
  documents: [],
  ceremonies: [],
};

describe('a version move matches WBS items by their stable key', () => {
  it('does not add again a phase or task the new version renamed, also for a plan keyed by name once', async () => {
    const s = uniq()
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .slice(-8);
    const created = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/methodologies',
      payload: { code: `MK-${s}`, name: 'Méthode à clés', kind: 'waterfall', content: v1Content },
    });
    expect(created.statusCode, created.body).toBe(201);
    const m = Methodology.parse(created.json());
    // Every WBS item has its key, given by the server.
    const [etude] = m.content.phases[0]!.wbs;
    expect(etude!.key).toBe('cadrage/etude-d-opportunite');

    const apply = async () => {
      const p = await buildProject(t, portfolioId, { managerId: managerPersonId });
      const g = ProjectGovernance.parse(
        (
          await call(t, manager, {
            method: 'POST',
            url: `/api/v1/projects/${p.id}/governance`,
            payload: { methodologyId: m.id, createWbs: true },
          })
        ).json(),
      );
      return { p, g };
    };
    const fresh = await apply();
    // A plan laid down before tasks carried their key: its key rows are gone.
    const legacy = await apply();
    const keysOf = async (projectId: string) =>
      t.ctx.db.select().from(planTaskMethodKeys).where(eq(planTaskMethodKeys.projectId, projectId));
    expect(await keysOf(fresh.p.id)).toHaveLength(5);
    await t.ctx.db.delete(planTaskMethodKeys).where(eq(planTaskMethodKeys.projectId, legacy.p.id));

    // Version 2 (as the editor sends it: keys kept) renames the phase and a task, adds a task.
    const v2 = structuredClone(m.content);
    v2.phases[0]!.name = 'Initialisation';
    v2.phases[0]!.wbs[0]!.name = 'Étude préalable';
    v2.phases[1]!.wbs.push({ name: 'Recette', duration: 4, children: [] });
    const published = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/methodologies/${m.id}/versions`,
      headers: ifMatch(m.version),
      payload: { notes: 'Renommages', content: v2 },
    });
    expect(published.statusCode, published.body).toBe(201);

    for (const { p, g } of [fresh, legacy]) {
      const url = `/api/v1/projects/${p.id}/method-migration`;
      const preview = MigrationPreview.parse(
        (await call(t, manager, { method: 'GET', url })).json(),
      );
      expect(
        preview.wbs.groups.map((x) => [x.parentPath.join(' › '), x.items.map((i) => i.name)]),
      ).toEqual([['Réalisation', ['Recette']]]);
      const moved = await call(t, manager, {
        method: 'POST',
        url,
        headers: ifMatch(g.version),
        payload: { version: 2 },
      });
      expect(moved.statusCode, moved.body).toBe(200);
      const plan = Plan.parse(
        (await call(t, manager, { method: 'GET', url: `/api/v1/projects/${p.id}/plan` })).json(),
      );
      expect(plan.tasks.map((x) => x.name).sort()).toEqual(
        [
          'Cadrage',
          'Étude d’opportunité',
          'Note de cadrage',
          'Réalisation',
          'Développements',
          'Recette',
        ].sort(),
      );
      // Every task now carries its key (the legacy plan's were matched by name once).
      const keys = await keysOf(p.id);
      expect(keys).toHaveLength(6);
      const recette = plan.tasks.find((x) => x.name === 'Recette')!;
      expect(keys.find((k) => k.taskId === recette.id)?.key).toBe('realisation/recette');
    }
  });
});
