import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MigrationPreview } from '../../src/contracts/methods.ts';
import { Plan } from '../../src/contracts/planning.ts';
import { planTaskMethodKeys } from '../../src/server/modules/methods/method.tables.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import {
  applyMethodology,
  buildMethodology,
  buildPerson,
  buildPortfolio,
  buildProject,
  codeTag,
} from '../helpers/factories.ts';
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
    const m = await buildMethodology(t, pmo, {
      code: `MK-${codeTag()}`,
      name: 'Méthode à clés',
      content: v1Content,
    });
    // Every WBS item has its key, given by the server.
    const [etude] = m.content.phases[0]!.wbs;
    expect(etude!.key).toBe('cadrage/etude-d-opportunite');

    const apply = async () => {
      const p = await buildProject(t, portfolioId, { managerId: managerPersonId });
      return { p, g: await applyMethodology(t, manager, p.id, m.id) };
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

  it('moves a task the new version puts under another phase instead of adding it again', async () => {
    const m = await buildMethodology(t, pmo, {
      code: `MV-${codeTag()}`,
      name: 'Méthode qui bouge',
      content: v1Content,
    });
    const p = await buildProject(t, portfolioId, { managerId: managerPersonId });
    const g = await applyMethodology(t, manager, p.id, m.id);
    const planOf = async () =>
      Plan.parse(
        (await call(t, manager, { method: 'GET', url: `/api/v1/projects/${p.id}/plan` })).json(),
      );
    const before = await planOf();
    const note = before.tasks.find((x) => x.name === 'Note de cadrage')!;

    // Version 2 (keys kept, as the editor sends them) moves « Note de cadrage » from Cadrage to
    // Réalisation, after « Développements », and adds « Recette » at the end of Réalisation.
    const v2 = structuredClone(m.content);
    const [moved] = v2.phases[0]!.wbs.splice(1, 1);
    v2.phases[1]!.wbs.push(moved!, { name: 'Recette', duration: 4, children: [] });
    const published = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/methodologies/${m.id}/versions`,
      headers: ifMatch(m.version),
      payload: { notes: 'La note passe en réalisation', content: v2 },
    });
    expect(published.statusCode, published.body).toBe(201);

    const url = `/api/v1/projects/${p.id}/method-migration`;
    const preview = MigrationPreview.parse((await call(t, manager, { method: 'GET', url })).json());
    expect(preview.wbs.moves).toEqual([
      { name: 'Note de cadrage', fromPath: ['Cadrage'], toPath: ['Réalisation'] },
    ]);
    expect(
      preview.wbs.groups.map((x) => [x.parentPath.join(' › '), x.items.map((i) => i.name)]),
    ).toEqual([['Réalisation', ['Recette']]]);
    const done = await call(t, manager, {
      method: 'POST',
      url,
      headers: ifMatch(g.version),
      payload: { version: 2 },
    });
    expect(done.statusCode, done.body).toBe(200);

    const after = await planOf();
    expect(after.tasks).toHaveLength(before.tasks.length + 1);
    const byId = new Map(after.tasks.map((x) => [x.id, x]));
    const children = (name: string) => {
      const parent = after.tasks.find((x) => x.name === name)!;
      return after.tasks.filter((x) => x.parentId === parent.id).map((x) => x.name);
    };
    // The same task (its id, so its progress and assignments), now under Réalisation.
    const same = byId.get(note.id)!;
    expect(byId.get(same.parentId!)!.name).toBe('Réalisation');
    expect(children('Réalisation')).toEqual(['Développements', 'Note de cadrage', 'Recette']);
    expect(children('Cadrage')).toEqual(['Étude d’opportunité']);
    expect(after.tasks.filter((x) => x.name === 'Note de cadrage')).toHaveLength(1);
    // The move is audited on the task.
    const audit = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/audit?entityType=task&entityId=${note.id}`,
    });
    expect(audit.statusCode, audit.body).toBe(200);
    expect(JSON.stringify(audit.json())).toContain(same.parentId!);
    // Nothing more to move or add.
    const again = await call(t, manager, { method: 'GET', url });
    expect(again.statusCode).toBe(409);
  });
});
