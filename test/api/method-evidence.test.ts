import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectGovernance } from '../../src/contracts/governance.ts';
import { ProjectStandards, Standards } from '../../src/contracts/methods.ts';
import { and, eq } from 'drizzle-orm';
import { deliverables } from '../../src/server/modules/governance/governance.tables.ts';
import { SYSTEM_ACTOR } from '../../src/server/seed/demo.ts';
import { seedDemoEvidence } from '../../src/server/seed/demo-method.ts';
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

/** A method with one gated phase whose WBS ends on the standard milestone `code`. */
function methodWith(code: string, s: string) {
  return buildMethodology(t, pmo, {
    code: `ME-${s}`,
    name: 'Méthode à preuves',
    content: {
      phases: [
        {
          key: 'cadrage',
          name: 'Cadrage',
          deliverables: [{ key: 'note', name: 'Note de cadrage', required: true }],
          gate: { name: 'J1', approvers: ['pmo'], criteria: [] },
          wbs: [
            { name: 'Rédaction', duration: 3 },
            { name: 'Lancement validé', duration: 0, milestone: code },
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
      kpis: [],
    },
  });
}

describe('evidence of standard milestones', () => {
  it('counts a milestone at the gate only when reached with the evidence its standard requires', async () => {
    const s = codeTag();
    const j1 = await buildStandardMilestone(t, pmo, {
      code: `J1-${s}`,
      name: 'Lancement validé',
      evidence: 'Compte rendu du comité de lancement signé',
      evidenceRequired: true,
    });
    expect(j1.evidenceRequired).toBe(true);
    const m = await methodWith(j1.code, s);
    const project = await buildProject(t, portfolioId, { managerId: managerPersonId });
    const other = await buildProject(t, portfolioId, { managerId: managerPersonId });
    for (const p of [project, other]) await applyMethodology(t, manager, p.id, m.id);
    const govUrl = `/api/v1/projects/${project.id}/governance`;
    const gov = async () =>
      ProjectGovernance.parse((await call(t, manager, { method: 'GET', url: govUrl })).json());

    // The gate's deliverable approved and the milestone reached: still missing its evidence.
    const g0 = await gov();
    const note = g0.deliverables.find((d) => d.key === 'note')!;
    const submitted = await call(t, manager, {
      method: 'PATCH',
      url: `/api/v1/projects/${project.id}/deliverables/${note.id}`,
      headers: ifMatch(note.version),
      payload: { status: 'submitted', reference: 'GED-2026-014' },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const approved = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/projects/${project.id}/deliverables/${note.id}`,
      headers: ifMatch(submitted.json().version),
      payload: { status: 'approved' },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const plan = Plan.parse(
      (
        await call(t, manager, { method: 'GET', url: `/api/v1/projects/${project.id}/plan` })
      ).json(),
    );
    const lancement = plan.tasks.find((x) => x.name === 'Lancement validé')!;
    const done = await call(t, manager, {
      method: 'PATCH',
      url: `/api/v1/projects/${project.id}/plan/tasks/${lancement.id}`,
      headers: ifMatch(lancement.version),
      payload: { percentComplete: 100 },
    });
    expect(done.statusCode, done.body).toBe(200);
    const g1 = await gov();
    expect(g1.readiness?.milestones.map((x) => [x.key, x.state, x.evidence, x.met])).toEqual([
      [j1.code, 'reached', 'missing', false],
    ]);
    expect(g1.readiness?.missing).toEqual([`${j1.code} — Lancement validé`]);
    expect(g1.readiness?.ready).toBe(false);

    // Bad input: neither or both kinds, a document of another project, an unknown milestone.
    const url = `/api/v1/projects/${project.id}/standards/evidence`;
    const neither = await call(t, manager, {
      method: 'POST',
      url,
      payload: { milestoneId: j1.id },
    });
    expect(neither.statusCode).toBe(400);
    expect(JSON.stringify(neither.json())).toContain('documentId');
    const notHttp = await call(t, manager, {
      method: 'POST',
      url,
      payload: { milestoneId: j1.id, url: 'javascript:alert(1)' },
    });
    expect(notHttp.statusCode).toBe(400);
    const otherNote = (
      await call(t, manager, { method: 'GET', url: `/api/v1/projects/${other.id}/governance` })
    )
      .json()
      .deliverables.find((d: { key: string }) => d.key === 'note');
    const foreign = await call(t, manager, {
      method: 'POST',
      url,
      payload: { milestoneId: j1.id, documentId: otherNote.id },
    });
    expect(foreign.statusCode).toBe(400);
    expect(JSON.stringify(foreign.json())).toContain('documentId');
    const unknown = await call(t, manager, {
      method: 'POST',
      url,
      payload: { milestoneId: otherNote.id, url: 'https://ged.exemple.fr/x' },
    });
    expect(unknown.json().error.code).toBe('STANDARD_MILESTONE_NOT_FOUND');
    // An outsider does not see the project.
    const hidden = await call(t, outsider, {
      method: 'POST',
      url,
      payload: { milestoneId: j1.id, url: 'https://ged.exemple.fr/pv.pdf' },
    });
    expect(hidden.json().error.code).toBe('PROJECT_NOT_FOUND');

    // A link, then a document of the project: both listed with who attached them.
    const byLink = await call(t, manager, {
      method: 'POST',
      url,
      payload: { milestoneId: j1.id, url: 'https://ged.exemple.fr/cr-lancement.pdf', note: 'CR' },
    });
    expect(byLink.statusCode, byLink.body).toBe(201);
    const byDoc = await call(t, manager, {
      method: 'POST',
      url,
      payload: { milestoneId: j1.id, documentId: note.id },
    });
    expect(byDoc.statusCode, byDoc.body).toBe(201);
    const ps = ProjectStandards.parse(byDoc.json());
    const row = ps.milestones.find((x) => x.milestone.code === j1.code)!;
    expect(row.milestone.evidenceRequired).toBe(true);
    expect(row.evidence.map((e) => [e.url, e.document?.name ?? null, e.note])).toEqual([
      ['https://ged.exemple.fr/cr-lancement.pdf', null, 'CR'],
      [null, 'Note de cadrage', ''],
    ]);
    expect(row.evidence.every((e) => e.addedBy.length > 0 && e.addedAt.length > 0)).toBe(true);
    expect(ps.documents.map((d) => d.name)).toContain('Note de cadrage');
    const g2 = await gov();
    expect(g2.readiness?.milestones.map((x) => [x.evidence, x.met])).toEqual([['present', true]]);
    expect(g2.readiness?.ready).toBe(true);

    // Removing: If-Match required, stale refused, unknown id 404; the last one gone, missing again.
    const [first, second] = row.evidence;
    const del = (id: string, version: number) =>
      call(t, manager, {
        method: 'DELETE',
        url: `${url}/${id}`,
        headers: ifMatch(version),
      });
    expect((await del(first!.id, first!.version + 1)).statusCode).toBe(412);
    const missingId = await del(j1.id, 1);
    expect(missingId.statusCode).toBe(404);
    expect(missingId.json().error.code).toBe('MILESTONE_EVIDENCE_NOT_FOUND');
    expect((await del(first!.id, first!.version)).statusCode).toBe(204);
    expect((await gov()).readiness?.ready).toBe(true);
    expect((await del(second!.id, second!.version)).statusCode).toBe(204);
    expect((await gov()).readiness?.milestones[0]?.evidence).toBe('missing');

    // Once the standard stops requiring evidence, the reached milestone counts again.
    const relaxed = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/standard-milestones/${j1.id}`,
      headers: ifMatch(j1.version),
      payload: { evidenceRequired: false },
    });
    expect(relaxed.statusCode, relaxed.body).toBe(200);
    expect((await gov()).readiness?.milestones.map((x) => [x.evidence, x.met])).toEqual([
      ['not_required', true],
    ]);

    const history = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/projects/${project.id}/history`,
    });
    const events = (history.json().items as { entityType: string; action: string }[]).filter(
      (e) => e.entityType === 'milestone_evidence',
    );
    expect(events.map((e) => e.action).sort()).toEqual(['create', 'create', 'delete', 'delete']);
  });
});

describe('the demo evidence', () => {
  it('attaches the approved deliverable, else a link, to the reached milestones that require it, once', async () => {
    // The demo's J1 (its code is what the demo maps to « Note de cadrage »).
    const std = Standards.parse(
      (await call(t, pmo, { method: 'GET', url: '/api/v1/standards' })).json(),
    );
    const j1 =
      std.milestones.find((x) => x.code === 'J1') ??
      (await buildStandardMilestone(t, pmo, {
        code: 'J1',
        name: 'Lancement validé',
        evidence: 'Compte rendu du COPIL de lancement signé par le sponsor',
        evidenceRequired: true,
      }));
    const m = await methodWith(j1.code, codeTag());
    const projects = [];
    for (let i = 0; i < 3; i++) {
      const p = await buildProject(t, portfolioId, { managerId: managerPersonId });
      await applyMethodology(t, manager, p.id, m.id);
      projects.push(p);
    }
    const [withNote, withoutNote, notReached] = projects as [
      (typeof projects)[0],
      (typeof projects)[0],
      (typeof projects)[0],
    ];
    await t.ctx.db
      .update(deliverables)
      .set({ status: 'approved' })
      .where(and(eq(deliverables.projectId, withNote.id), eq(deliverables.key, 'note')));
    for (const p of [withNote, withoutNote]) {
      const plan = Plan.parse(
        (await call(t, manager, { method: 'GET', url: `/api/v1/projects/${p.id}/plan` })).json(),
      );
      const task = plan.tasks.find((x) => x.name === 'Lancement validé')!;
      const done = await call(t, manager, {
        method: 'PATCH',
        url: `/api/v1/projects/${p.id}/plan/tasks/${task.id}`,
        headers: ifMatch(task.version),
        payload: { percentComplete: 100 },
      });
      expect(done.statusCode, done.body).toBe(200);
    }
    // Seeded twice: nothing is attached twice.
    await seedDemoEvidence(t.ctx, SYSTEM_ACTOR, projects);
    await seedDemoEvidence(t.ctx, SYSTEM_ACTOR, projects);
    const evidenceOf = async (projectId: string) => {
      const ps = ProjectStandards.parse(
        (
          await call(t, manager, { method: 'GET', url: `/api/v1/projects/${projectId}/standards` })
        ).json(),
      );
      return ps.milestones
        .find((x) => x.milestone.code === 'J1')!
        .evidence.map((e) => e.document?.name ?? e.url);
    };
    expect(await evidenceOf(withNote.id)).toEqual(['Note de cadrage']);
    expect(await evidenceOf(withoutNote.id)).toEqual([
      `https://ged.groupe-exemple.fr/projets/${withoutNote.code}/j1.pdf`,
    ]);
    expect(await evidenceOf(notReached.id)).toEqual([]);
    // The gate now counts the reached J1 as met.
    const g = ProjectGovernance.parse(
      (
        await call(t, manager, { method: 'GET', url: `/api/v1/projects/${withNote.id}/governance` })
      ).json(),
    );
    expect(g.readiness?.milestones.map((x) => [x.state, x.evidence, x.met])).toEqual([
      ['reached', 'present', true],
    ]);
  });
});
