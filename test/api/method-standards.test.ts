import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectGovernance } from '../../src/contracts/governance.ts';
import { MigrationPreview, ProjectStandards, Standards } from '../../src/contracts/methods.ts';
import { Plan } from '../../src/contracts/planning.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import {
  applyMethodology,
  buildMethodology,
  buildPerson,
  buildPortfolio,
  buildProject,
  buildStandardMilestone,
  codeTag,
} from '../helpers/factories.ts';

let t: TestApp;
let pmo: string;
let manager: string;
let outsider: string;
let managerPersonId: string;
let portfolioId: string;

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

beforeAll(async () => {
  t = await buildTestApp();
  portfolioId = (await buildPortfolio(t)).id;
  managerPersonId = (await buildPerson(t)).id;
  pmo = (await signIn(t, 'pmo')).cookie;
  manager = (await signIn(t, 'member', { personId: managerPersonId })).cookie;
  outsider = (await signIn(t, 'member', { personId: (await buildPerson(t)).id })).cookie;
});
afterAll(async () => t?.close());

const milestone = (code: string, name: string) =>
  buildStandardMilestone(t, pmo, {
    code,
    name,
    definition: `Définition de ${name}`,
    evidence: 'PV signé',
  });

async function kpi(code: string) {
  const res = await call(t, pmo, {
    method: 'POST',
    url: '/api/v1/kpis',
    payload: {
      code,
      nameFr: 'Écart de valeur',
      nameEn: 'Schedule variance',
      formula: 'work_earned - work_planned',
      direction: 'up',
      green: 0,
      amber: -10,
      level: 'project',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
}

const content = (j0: string, mep: string, kpis: string[], extraPhase = false) => ({
  phases: [
    {
      key: 'cadrage',
      name: 'Cadrage',
      deliverables: [{ key: 'note', name: 'Note de cadrage', required: true }],
      gate: { name: 'J1', approvers: ['pmo'], criteria: [] },
      wbs: [
        {
          name: 'Cadrage détaillé',
          duration: 1,
          children: [
            { name: 'Note de cadrage', duration: 5 },
            { name: 'Lancement validé', duration: 0, milestone: j0 },
          ],
        },
      ],
    },
    ...(extraPhase
      ? [
          {
            key: 'conception',
            name: 'Conception',
            deliverables: [{ key: 'dat', name: 'Dossier d’architecture', required: true }],
            gate: null,
            wbs: [],
          },
        ]
      : []),
    {
      key: 'realisation',
      name: 'Réalisation',
      deliverables: [{ key: 'pv', name: 'PV de recette', required: true }],
      gate: { name: 'J2', approvers: ['pmo'], criteria: [] },
      wbs: [
        { name: 'Développements', duration: 10 },
        { name: 'Mise en production', duration: 0, milestone: mep },
      ],
    },
  ],
  roles: [],
  documents: [],
  ceremonies: [],
  kpis,
});

describe('standard milestones and KPIs', () => {
  it('keeps a catalogue that methods and projects refer to', async () => {
    const s = codeTag();
    const j0 = await milestone(`J0-${s}`, 'Lancement');
    const mep = await milestone(`MEP-${s}`, 'Mise en production');
    const kpiCode = `SV_${s}`;
    await kpi(kpiCode);

    // Only the PMO manages the catalogue; a code is unique.
    const forbidden = await call(t, manager, {
      method: 'POST',
      url: '/api/v1/standard-milestones',
      payload: { code: `X-${s}`, name: 'X' },
    });
    expect(forbidden.statusCode).toBe(403);
    const dup = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/standard-milestones',
      payload: { code: j0.code, name: 'Autre' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE_CODE');

    // A method naming an unknown milestone or KPI is refused, with the field's path.
    const bad = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/methodologies',
      payload: {
        code: `M-${s}`,
        name: 'Méthode',
        kind: 'waterfall',
        content: content('NOPE', mep.code, ['NOPE_KPI']),
      },
    });
    expect(bad.statusCode).toBe(400);
    const paths = JSON.stringify(bad.json());
    expect(paths).toContain('milestone');
    expect(paths).toContain('kpis');

    const m = await buildMethodology(t, pmo, {
      code: `M-${s}`,
      name: 'Méthode standard',
      content: content(j0.code, mep.code, [kpiCode]),
    });
    expect(m.content.kpis).toEqual([kpiCode]);

    // The catalogue says which methods use what.
    const std = Standards.parse(
      (await call(t, outsider, { method: 'GET', url: '/api/v1/standards' })).json(),
    );
    expect(std.milestones.find((x) => x.code === j0.code)?.usedBy.map((u) => u.id)).toEqual([m.id]);
    expect(std.kpis.find((k) => k.code === kpiCode)?.usedBy.map((u) => u.id)).toEqual([m.id]);

    // A milestone a method names cannot be deleted nor recoded: 409 naming the method.
    const del = await call(t, pmo, {
      method: 'DELETE',
      url: `/api/v1/standard-milestones/${j0.id}`,
      headers: ifMatch(j0.version),
    });
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe('IN_USE');
    expect(JSON.stringify(del.json())).toContain(`M-${s}`);
    const stale = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/standard-milestones/${j0.id}`,
      headers: ifMatch(j0.version + 5),
      payload: { definition: 'Nouvelle définition' },
    });
    expect(stale.statusCode).toBe(412);

    // A project on the method: its standard milestones are found in its plan by name.
    const project = await buildProject(t, portfolioId, { managerId: managerPersonId });
    const applied = await call(t, manager, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/governance`,
      payload: { methodologyId: m.id },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const url = `/api/v1/projects/${project.id}/standards`;
    const ps = ProjectStandards.parse((await call(t, manager, { method: 'GET', url })).json());
    expect(ps.methodology?.id).toBe(m.id);
    expect(ps.milestones.map((x) => [x.milestone.code, x.how, x.task?.name])).toEqual([
      [j0.code, 'matched', 'Lancement validé'],
      [mep.code, 'matched', 'Mise en production'],
    ]);
    expect(ps.milestones.every((x) => x.state === 'planned' || x.state === 'late')).toBe(true);
    expect(ps.kpis.map((k) => k.code)).toEqual([kpiCode]);
    expect(ps.canLink).toBe(true);

    // An outsider does not see the project.
    const hidden = await call(t, outsider, { method: 'GET', url });
    expect(hidden.json().error.code).toBe('PROJECT_NOT_FOUND');

    // Linking by hand: only a milestone of this plan.
    const plan = Plan.parse(
      (
        await call(t, manager, { method: 'GET', url: `/api/v1/projects/${project.id}/plan` })
      ).json(),
    );
    const notMilestone = plan.tasks.find((x) => x.name === 'Développements')!;
    const refused = await call(t, manager, {
      method: 'POST',
      url: `${url}/links`,
      payload: { milestoneId: mep.id, taskId: notMilestone.id },
    });
    expect(refused.statusCode).toBe(400);
    expect(JSON.stringify(refused.json())).toContain('taskId');
    const lancement = plan.tasks.find((x) => x.name === 'Lancement validé')!;
    const linked = await call(t, manager, {
      method: 'POST',
      url: `${url}/links`,
      payload: { milestoneId: mep.id, taskId: lancement.id },
    });
    expect(linked.statusCode, linked.body).toBe(200);
    const after = ProjectStandards.parse(linked.json());
    const mepRow = after.milestones.find((x) => x.milestone.code === mep.code)!;
    expect([mepRow.how, mepRow.task?.id]).toEqual(['linked', lancement.id]);
    // The linked task is no longer matched to J0 by name: J0 finds no other milestone.
    expect(after.milestones.find((x) => x.milestone.code === j0.code)?.state).toBe('missing');
    const outsiderLink = await call(t, outsider, {
      method: 'POST',
      url: `${url}/links`,
      payload: { milestoneId: mep.id, taskId: null },
    });
    expect(outsiderLink.json().error.code).toBe('PROJECT_NOT_FOUND');
    const history = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/projects/${project.id}/history`,
    });
    expect(
      (history.json().items as { entityType: string }[]).some(
        (e) => e.entityType === 'standard_milestone',
      ),
    ).toBe(true);
  });
});

describe('moving a project to a newer method version', () => {
  it('previews what changes, then moves keeping what the project did', async () => {
    const s = codeTag();
    const j0 = await milestone(`J0-${s}`, 'Lancement');
    const mep = await milestone(`MEP-${s}`, 'Mise en production');
    const m = await buildMethodology(t, pmo, {
      code: `MV-${s}`,
      name: 'Méthode versionnée',
      content: content(j0.code, mep.code, []),
    });
    const project = await buildProject(t, portfolioId, { managerId: managerPersonId });
    const applied = await applyMethodology(t, manager, project.id, m.id, false);
    const url = `/api/v1/projects/${project.id}/method-migration`;

    // Already on the latest version: nothing newer.
    const none = await call(t, manager, { method: 'GET', url });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('METHOD_VERSION_NOT_NEWER');

    // Version 2 adds a phase with a deliverable and drops the note de cadrage.
    const v2 = content(j0.code, mep.code, [], true);
    v2.phases[0]!.deliverables = [{ key: 'charte', name: 'Charte projet', required: true }];
    const published = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/methodologies/${m.id}/versions`,
      headers: ifMatch(m.version),
      payload: { notes: 'Ajout de la conception', content: v2 },
    });
    expect(published.statusCode, published.body).toBe(201);

    const preview = MigrationPreview.parse((await call(t, manager, { method: 'GET', url })).json());
    expect([preview.fromVersion, preview.toVersion]).toEqual([1, 2]);
    expect(preview.phaseKept).toBe(true);
    expect(preview.phaseKey).toBe('cadrage');
    expect(preview.added.map((d) => d.key).sort()).toEqual(['charte', 'dat']);
    expect(preview.kept.map((d) => d.key)).toEqual(['pv']);
    expect(preview.outside.map((d) => d.key)).toEqual(['note']);
    expect(preview.changes.some((c) => c.kind === 'phase_added')).toBe(true);

    // An outsider sees nothing; a stale lifecycle version is refused with the current state.
    const hidden = await call(t, outsider, { method: 'GET', url });
    expect(hidden.json().error.code).toBe('PROJECT_NOT_FOUND');
    const stale = await call(t, manager, {
      method: 'POST',
      url,
      headers: ifMatch(applied.version + 3),
      payload: { version: 2 },
    });
    expect(stale.statusCode).toBe(412);

    const moved = await call(t, manager, {
      method: 'POST',
      url,
      headers: ifMatch(applied.version),
      payload: { version: 2 },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const g = ProjectGovernance.parse(moved.json());
    expect(g.methodologyVersion).toBe(2);
    expect(g.phases.map((p) => p.key)).toEqual(['cadrage', 'conception', 'realisation']);
    const byKey = new Map(g.deliverables.map((d) => [d.key, d]));
    expect(byKey.get('charte')?.required).toBe(true);
    expect(byKey.get('dat')?.phaseKey).toBe('conception');
    // The note the project wrote stays, now optional.
    expect(byKey.get('note')?.required).toBe(false);
    const history = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/projects/${project.id}/history`,
    });
    const audit = (history.json().items as { entityType: string }[]).filter(
      (e) => e.entityType === 'project_lifecycle' && JSON.stringify(e).includes('charte'),
    );
    expect(audit).toHaveLength(1);
  });
});

describe('a newer method version adds its WBS to the plan', () => {
  it('previews and adds the tasks and milestones the plan lacks, in place, chained, audited', async () => {
    const s = codeTag();
    const j0 = await milestone(`J0-${s}`, 'Lancement');
    const mep = await milestone(`MEP-${s}`, 'Mise en production');
    const m = await buildMethodology(t, pmo, {
      code: `MW-${s}`,
      name: 'Méthode WBS',
      content: content(j0.code, mep.code, []),
    });
    const project = await buildProject(t, portfolioId, { managerId: managerPersonId });
    const applied = await applyMethodology(t, manager, project.id, m.id);
    const planUrl = `/api/v1/projects/${project.id}/plan`;
    const before = Plan.parse((await call(t, manager, { method: 'GET', url: planUrl })).json());
    // The project removes « Note de cadrage »: a newer version must not put it back.
    const note = before.tasks.find((x) => x.name === 'Note de cadrage')!;
    const del = await call(t, manager, {
      method: 'DELETE',
      url: `/api/v1/projects/${project.id}/plan/tasks/${note.id}`,
      headers: ifMatch(note.version),
    });
    expect(del.statusCode, del.body).toBe(200);

    // Version 2: a review milestone inside « Cadrage détaillé », a task after « Développements »,
    // and a new phase with its own WBS.
    const v2 = content(j0.code, mep.code, [], true);
    (v2.phases[0]!.wbs[0] as { children: unknown[] }).children.push({
      name: 'Revue de cadrage',
      duration: 0,
    });
    v2.phases[1]!.wbs = [{ name: 'Dossier d’architecture', duration: 4 }];
    v2.phases[2]!.wbs.splice(1, 0, { name: 'Recette utilisateur', duration: 3 });
    const published = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/methodologies/${m.id}/versions`,
      headers: ifMatch(m.version),
      payload: { notes: 'WBS enrichi', content: v2 },
    });
    expect(published.statusCode, published.body).toBe(201);

    const url = `/api/v1/projects/${project.id}/method-migration`;
    const preview = MigrationPreview.parse((await call(t, manager, { method: 'GET', url })).json());
    expect(
      preview.wbs.groups.map((g) => [g.parentPath.join(' › '), g.items.map((i) => i.name)]),
    ).toEqual([
      ['Cadrage › Cadrage détaillé', ['Revue de cadrage']],
      ['', ['Conception']],
      ['Réalisation', ['Recette utilisateur']],
    ]);
    expect(preview.wbs.groups[0]!.items[0]!.milestone).toBe(true);
    expect(preview.wbs.tasks).toBe(4);

    const moved = await call(t, manager, {
      method: 'POST',
      url,
      headers: ifMatch(applied.version),
      payload: { version: 2 },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = Plan.parse((await call(t, manager, { method: 'GET', url: planUrl })).json());
    expect(after.tasks).toHaveLength(before.tasks.length - 1 + 4);
    expect(after.tasks.some((x) => x.name === 'Note de cadrage')).toBe(false);
    // In outline order: the new phase between Cadrage and Réalisation, the task in its place.
    expect(after.tasks.filter((x) => x.parentId === null).map((x) => x.name)).toEqual([
      'Cadrage',
      'Conception',
      'Réalisation',
    ]);
    const real = after.tasks.find((x) => x.name === 'Réalisation')!;
    expect(
      after.tasks
        .filter((x) => x.parentId === real.id)
        .sort((a, b) => a.wbs.localeCompare(b.wbs, undefined, { numeric: true }))
        .map((x) => x.name),
    ).toEqual(['Développements', 'Recette utilisateur', 'Mise en production']);
    // Chained after its preceding sibling: « Recette utilisateur » follows « Développements ».
    const id = (n: string) => after.tasks.find((x) => x.name === n)!.id;
    expect(
      after.links.some(
        (l) => l.fromTaskId === id('Développements') && l.toTaskId === id('Recette utilisateur'),
      ),
    ).toBe(true);
    const history = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/projects/${project.id}/history`,
    });
    const lifecycle = (
      history.json().items as {
        entityType: string;
        changes: Record<string, { after?: unknown }>;
      }[]
    ).find((e) => e.entityType === 'project_lifecycle' && 'tasksAdded' in e.changes);
    expect(lifecycle?.changes.tasksAdded?.after).toBe(4);

    // The gate of « Cadrage » requires its standard milestone J0 reached in the plan.
    const govUrl = `/api/v1/projects/${project.id}/governance`;
    const gov = ProjectGovernance.parse(
      (await call(t, manager, { method: 'GET', url: govUrl })).json(),
    );
    expect(gov.readiness?.milestones.map((x) => [x.key, x.state, x.met])).toEqual([
      [j0.code, 'planned', false],
    ]);
    expect(gov.readiness?.missing).toContain(`${j0.code} — Lancement`);
    // Everything else of the gate done: only J0 is missing, and « Mes approbations » (the PMO's
    // home page) does not offer a gate that the review says is not ready.
    const gateKeys = new Set(gov.readiness!.deliverables.map((x) => x.key));
    for (const d of gov.deliverables.filter((x) => gateKeys.has(x.key))) {
      const submitted = await call(t, manager, {
        method: 'PATCH',
        url: `/api/v1/projects/${project.id}/deliverables/${d.id}`,
        headers: ifMatch(d.version),
        payload: { status: 'submitted', reference: 'https://ged.exemple.fr/livrable.pdf' },
      });
      expect(submitted.statusCode, submitted.body).toBe(200);
      const approved = await call(t, pmo, {
        method: 'PATCH',
        url: `/api/v1/projects/${project.id}/deliverables/${d.id}`,
        headers: ifMatch(submitted.json().version),
        payload: { status: 'approved' },
      });
      expect(approved.statusCode, approved.body).toBe(200);
    }
    const onlyJ0 = ProjectGovernance.parse(
      (await call(t, manager, { method: 'GET', url: govUrl })).json(),
    );
    expect(onlyJ0.readiness?.missing).toEqual([`${j0.code} — Lancement`]);
    const gatesOnHome = async () =>
      (
        (await call(t, pmo, { method: 'GET', url: '/api/v1/me/home' })).json() as {
          approvals: { gates: { project: { id: string } }[] };
        }
      ).approvals.gates.map((g) => g.project.id);
    expect(await gatesOnHome()).not.toContain(project.id);
    const lancement = after.tasks.find((x) => x.name === 'Lancement validé')!;
    const done = await call(t, manager, {
      method: 'PATCH',
      url: `/api/v1/projects/${project.id}/plan/tasks/${lancement.id}`,
      headers: ifMatch(lancement.version),
      payload: { percentComplete: 100 },
    });
    expect(done.statusCode, done.body).toBe(200);
    const reached = ProjectGovernance.parse(
      (await call(t, manager, { method: 'GET', url: govUrl })).json(),
    );
    expect(reached.readiness?.milestones.map((x) => [x.state, x.met])).toEqual([['reached', true]]);
    expect(reached.readiness?.missing).not.toContain(`${j0.code} — Lancement`);
    expect(await gatesOnHome()).toContain(project.id);

    // Nothing newer: a second move is refused, the plan is unchanged.
    const again = await call(t, manager, { method: 'GET', url });
    expect(again.json().error.code).toBe('METHOD_VERSION_NOT_NEWER');
  });
});
