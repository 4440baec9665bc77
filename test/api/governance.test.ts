import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ComplianceList,
  GateDecisionList,
  GlossaryList,
  Methodology,
  ProjectGovernance,
  Raci,
} from '../../src/contracts/governance.ts';
import { Plan } from '../../src/contracts/planning.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import { buildPerson, buildPortfolio, buildProject } from '../helpers/factories.ts';

let t: TestApp;
let pmo: string;
let executive: string;
let manager: string;
let outsider: string;
let managerPersonId: string;
let portfolioId: string;

const LIFECYCLE = {
  phases: [
    {
      key: 'cadrage',
      name: 'Cadrage',
      deliverables: [
        { key: 'note-cadrage', name: 'Note de cadrage', required: true },
        { key: 'plan-com', name: 'Plan de communication', required: false },
      ],
      gate: {
        name: 'J1 — Lancement',
        approvers: ['pmo', 'sponsor'],
        criteria: [
          { key: 'perimetre', label: 'Périmètre validé' },
          { key: 'budget', label: 'Budget engagé' },
        ],
      },
      wbs: [
        { name: 'Note de cadrage', duration: 10 },
        { name: 'COPIL de lancement', duration: 0 },
      ],
    },
    {
      key: 'realisation',
      name: 'Réalisation',
      deliverables: [{ key: 'pv-recette', name: 'PV de recette', required: true }],
      gate: { name: 'J2 — Mise en production', approvers: ['pmo'], criteria: [] },
      wbs: [{ name: 'Développements', duration: 20 }],
    },
    { key: 'cloture', name: 'Clôture', deliverables: [], gate: null, wbs: [] },
  ],
  roles: [{ name: 'Sponsor', description: 'Arbitre' }],
  documents: ['Note de cadrage'],
  ceremonies: [{ name: 'COPIL', frequency: 'Mensuel', description: '' }],
};

async function createMethodology(code: string) {
  const res = await call(t, pmo, {
    method: 'POST',
    url: '/api/v1/methodologies',
    payload: { code, name: `Méthode ${code}`, kind: 'waterfall', content: LIFECYCLE },
  });
  expect(res.statusCode, res.body).toBe(201);
  return Methodology.parse(res.json());
}

async function governedProject(code: string) {
  const project = await buildProject(t, portfolioId, { managerId: managerPersonId });
  const m = await createMethodology(code);
  const res = await call(t, manager, {
    method: 'POST',
    url: `/api/v1/projects/${project.id}/governance`,
    payload: { methodologyId: m.id },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { project, methodology: m, governance: ProjectGovernance.parse(res.json()) };
}

beforeAll(async () => {
  t = await buildTestApp();
  portfolioId = (await buildPortfolio(t)).id;
  managerPersonId = (await buildPerson(t)).id;
  pmo = (await signIn(t, 'pmo')).cookie;
  executive = (await signIn(t, 'executive')).cookie;
  manager = (await signIn(t, 'member', { personId: managerPersonId })).cookie;
  outsider = (await signIn(t, 'member', { personId: (await buildPerson(t)).id })).cookie;
});
afterAll(async () => t?.close());

describe('methodology library', () => {
  it('refuses a lifecycle with a phase key used twice, naming the field', async () => {
    const phases = [LIFECYCLE.phases[0], LIFECYCLE.phases[0]];
    const res = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/methodologies',
      payload: {
        code: 'BAD-1',
        name: 'Mauvaise',
        kind: 'waterfall',
        content: { ...LIFECYCLE, phases },
      },
    });
    expect(res.statusCode).toBe(400);
    const issues = res.json().error.details.issues as { path: unknown[] }[];
    expect(issues.map((i) => i.path.join('.'))).toContain('body.content.phases.1.key');
  });

  it('is read by everyone and managed by the PMO only', async () => {
    await createMethodology('LIB-1');
    const list = await call(t, outsider, { method: 'GET', url: '/api/v1/methodologies' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((m: { code: string }) => m.code)).toContain('LIB-1');
    const denied = await call(t, manager, {
      method: 'POST',
      url: '/api/v1/methodologies',
      payload: { code: 'LIB-2', name: 'x', kind: 'agile', content: LIFECYCLE },
    });
    expect(denied.statusCode).toBe(403);
  });

  it('publishes a new version and keeps projects on the version they started with', async () => {
    const { project, methodology } = await governedProject('VER-1');
    const renamed = {
      ...LIFECYCLE,
      phases: LIFECYCLE.phases.map((p) => (p.key === 'cadrage' ? { ...p, name: 'Cadrage v2' } : p)),
    };
    const stale = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/methodologies/${methodology.id}/versions`,
      headers: { 'if-match': '"99"' },
      payload: { notes: 'Renommage', content: renamed },
    });
    expect(stale.statusCode).toBe(412);
    const res = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/methodologies/${methodology.id}/versions`,
      headers: { 'if-match': `"${methodology.version}"` },
      payload: { notes: 'Renommage', content: renamed },
    });
    expect(res.statusCode, res.body).toBe(201);
    const v2 = Methodology.parse(res.json());
    expect(v2.latestVersion).toBe(2);
    expect(v2.versions.map((v) => [v.number, v.projectCount])).toEqual([
      [2, 0],
      [1, 1],
    ]);
    const v1 = Methodology.parse(
      (
        await call(t, pmo, {
          method: 'GET',
          url: `/api/v1/methodologies/${methodology.id}?version=1`,
        })
      ).json(),
    );
    expect(v1.content.phases[0]!.name).toBe('Cadrage');
    const g = ProjectGovernance.parse(
      (
        await call(t, manager, { method: 'GET', url: `/api/v1/projects/${project.id}/governance` })
      ).json(),
    );
    expect(g.methodologyVersion).toBe(1);
    expect(g.latestVersion).toBe(2);
    expect(g.phases[0]!.name).toBe('Cadrage');
  });
});

describe('a project on a lifecycle', () => {
  it('gets its phases, deliverables and the default WBS in its plan', async () => {
    const { project, governance: g } = await governedProject('APP-1');
    expect(g.phases.map((p) => [p.key, p.state])).toEqual([
      ['cadrage', 'current'],
      ['realisation', 'upcoming'],
      ['cloture', 'upcoming'],
    ]);
    expect(g.deliverables.map((d) => [d.key, d.status, d.owner?.id])).toEqual([
      ['note-cadrage', 'draft', managerPersonId],
      ['plan-com', 'draft', managerPersonId],
      ['pv-recette', 'draft', managerPersonId],
    ]);
    expect(g.readiness).toMatchObject({ done: 0, total: 3, ready: false, percent: 0 });
    expect(g.readiness!.missing).toEqual(['Périmètre validé', 'Budget engagé', 'Note de cadrage']);
    const plan = Plan.parse(
      (
        await call(t, manager, { method: 'GET', url: `/api/v1/projects/${project.id}/plan` })
      ).json(),
    );
    expect(plan.tasks.map((x) => x.name)).toEqual([
      'Cadrage',
      'Note de cadrage',
      'COPIL de lancement',
      'Réalisation',
      'Développements',
    ]);
    // The leaves are chained: the development starts after the launch committee.
    expect(plan.links).toHaveLength(2);
    const again = await call(t, manager, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/governance`,
      payload: { methodologyId: g.methodology.id },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('LIFECYCLE_ALREADY_SET');
  });

  it('hides the lifecycle of a project the caller may not see', async () => {
    const { project } = await governedProject('HID-1');
    const res = await call(t, outsider, {
      method: 'GET',
      url: `/api/v1/projects/${project.id}/governance`,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('PROJECT_NOT_FOUND');
    const list = GateDecisionList.parse(
      (await call(t, outsider, { method: 'GET', url: '/api/v1/gate-decisions' })).json(),
    );
    expect(list.items).toEqual([]);
  });

  it('says LIFECYCLE_NOT_SET for a project on no methodology', async () => {
    const project = await buildProject(t, portfolioId);
    const res = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/projects/${project.id}/governance`,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('LIFECYCLE_NOT_SET');
  });
});

describe('gate review', () => {
  it('shows readiness, lets only approvers approve, and a go with conditions moves to the next phase', async () => {
    const { project, governance } = await governedProject('GATE-1');
    const base = `/api/v1/projects/${project.id}`;
    const note = governance.deliverables.find((d) => d.key === 'note-cadrage')!;

    // The project manager prepares: ticks a criterion, submits the charter with its link.
    const tick = await call(t, manager, {
      method: 'POST',
      url: `${base}/governance/criteria`,
      payload: { phaseKey: 'cadrage', criterionKey: 'perimetre', met: true },
    });
    expect(tick.statusCode, tick.body).toBe(200);
    expect(ProjectGovernance.parse(tick.json()).readiness).toMatchObject({ done: 1, total: 3 });
    const submit = await call(t, manager, {
      method: 'PATCH',
      url: `${base}/deliverables/${note.id}`,
      headers: { 'if-match': `"${note.version}"` },
      payload: { status: 'submitted', reference: 'https://ged.exemple.fr/note-cadrage.pdf' },
    });
    expect(submit.statusCode, submit.body).toBe(200);
    // …but may neither approve it nor decide the gate.
    const approveByManager = await call(t, manager, {
      method: 'PATCH',
      url: `${base}/deliverables/${note.id}`,
      headers: { 'if-match': `"${submit.json().version}"` },
      payload: { status: 'approved' },
    });
    expect(approveByManager.statusCode).toBe(403);
    const decideByManager = await call(t, manager, {
      method: 'POST',
      url: `${base}/gate-decisions`,
      headers: { 'if-match': `"${governance.version}"` },
      payload: { decision: 'go' },
    });
    expect(decideByManager.statusCode).toBe(403);

    const approve = await call(t, pmo, {
      method: 'PATCH',
      url: `${base}/deliverables/${note.id}`,
      headers: { 'if-match': `"${submit.json().version}"` },
      payload: { status: 'approved' },
    });
    expect(approve.statusCode, approve.body).toBe(200);
    expect(approve.json()).toMatchObject({ status: 'approved', approvedBy: 'Utilisateur pmo' });

    const before = ProjectGovernance.parse(
      (await call(t, pmo, { method: 'GET', url: `${base}/governance` })).json(),
    );
    expect(before.readiness).toMatchObject({ done: 2, total: 3, missing: ['Budget engagé'] });
    expect(before.can).toEqual({ prepare: true, decide: true, approve: true });

    const noConditions = await call(t, pmo, {
      method: 'POST',
      url: `${base}/gate-decisions`,
      headers: { 'if-match': `"${before.version}"` },
      payload: { decision: 'go_with_conditions', conditions: [] },
    });
    expect(noConditions.statusCode).toBe(400);
    expect(noConditions.json().error.details.issues[0].path).toEqual(['body', 'conditions']);

    const stale = await call(t, pmo, {
      method: 'POST',
      url: `${base}/gate-decisions`,
      headers: { 'if-match': `"${before.version + 5}"` },
      payload: { decision: 'go' },
    });
    expect(stale.statusCode).toBe(412);

    const go = await call(t, pmo, {
      method: 'POST',
      url: `${base}/gate-decisions`,
      headers: { 'if-match': `"${before.version}"` },
      payload: {
        decision: 'go_with_conditions',
        comment: 'Go sous réserve du budget',
        conditions: [
          {
            description: 'Faire valider le budget par la DAF',
            ownerId: managerPersonId,
            dueDate: '2026-12-15',
          },
        ],
      },
    });
    expect(go.statusCode, go.body).toBe(201);
    const after = ProjectGovernance.parse(go.json());
    expect(after.currentPhaseKey).toBe('realisation');
    expect(after.phases.map((p) => p.state)).toEqual(['done', 'current', 'upcoming']);
    const decision = after.decisions[0]!;
    expect(decision).toMatchObject({
      decision: 'go_with_conditions',
      phaseKey: 'cadrage',
      gateName: 'J1 — Lancement',
      decidedBy: 'Utilisateur pmo',
      readiness: { done: 2, total: 3, missing: ['Budget engagé'] },
    });
    expect(decision.conditions[0]).toMatchObject({
      status: 'open',
      dueDate: '2026-12-15',
      owner: { id: managerPersonId },
    });
    // Compliance: the required deliverable of the passed phase is approved.
    expect(after.compliance).toMatchObject({ score: 100, required: 1, approved: 1 });

    // The condition is followed up to closure.
    const cond = decision.conditions[0]!;
    const close = await call(t, manager, {
      method: 'PATCH',
      url: `${base}/gate-conditions/${cond.id}`,
      headers: { 'if-match': `"${cond.version}"` },
      payload: { status: 'done' },
    });
    expect(close.statusCode, close.body).toBe(200);
    expect(close.json().status).toBe('done');

    // The decision is audited.
    const history = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/projects/${project.id}/history`,
    });
    const kinds = (history.json().items as { entityType: string }[]).map((e) => e.entityType);
    expect(kinds).toContain('gate_decision');
    expect(kinds).toContain('gate_condition');

    // Only the PMO approves the second gate: an executive may not.
    const byExecutive = await call(t, executive, {
      method: 'POST',
      url: `${base}/gate-decisions`,
      headers: { 'if-match': `"${after.version}"` },
      payload: { decision: 'go' },
    });
    expect(byExecutive.statusCode).toBe(403);

    // The last go completes the lifecycle; no decision after that.
    const g2 = await call(t, pmo, {
      method: 'POST',
      url: `${base}/gate-decisions`,
      headers: { 'if-match': `"${after.version}"` },
      payload: { decision: 'go' },
    });
    const v3 = ProjectGovernance.parse(g2.json());
    // The closure gate needs the lessons learned (REX) first.
    expect(v3.closure).toEqual({ closureGate: true, lessonCount: 0 });
    const noRex = await call(t, pmo, {
      method: 'POST',
      url: `${base}/gate-decisions`,
      headers: { 'if-match': `"${v3.version}"` },
      payload: { decision: 'go' },
    });
    expect(noRex.statusCode).toBe(409);
    expect(noRex.json().error.code).toBe('LESSONS_REQUIRED');
    const lesson = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/lessons`,
      payload: { kind: 'worked', category: 'governance', title: 'Jalons tenus grâce au COPIL' },
    });
    expect(lesson.statusCode, lesson.body).toBe(201);
    const g3 = await call(t, pmo, {
      method: 'POST',
      url: `${base}/gate-decisions`,
      headers: { 'if-match': `"${v3.version}"` },
      payload: { decision: 'go' },
    });
    expect(ProjectGovernance.parse(g3.json()).status).toBe('completed');
    const g4 = await call(t, pmo, {
      method: 'POST',
      url: `${base}/gate-decisions`,
      headers: { 'if-match': `"${v3.version + 1}"` },
      payload: { decision: 'go' },
    });
    expect(g4.json().error.code).toBe('LIFECYCLE_ENDED');
  });

  it('lists decisions across the portfolio with filters, and compliance per project', async () => {
    const { project, governance } = await governedProject('LIST-1');
    const hold = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/gate-decisions`,
      headers: { 'if-match': `"${governance.version}"` },
      payload: { decision: 'hold', comment: 'Arbitrage budgétaire' },
    });
    expect(hold.statusCode, hold.body).toBe(201);
    expect(ProjectGovernance.parse(hold.json()).status).toBe('on_hold');
    const held = GateDecisionList.parse(
      (await call(t, pmo, { method: 'GET', url: '/api/v1/gate-decisions?decision=hold' })).json(),
    );
    expect(held.items.map((d) => d.project.id)).toEqual([project.id]);
    const paged = GateDecisionList.parse(
      (await call(t, pmo, { method: 'GET', url: '/api/v1/gate-decisions?limit=1' })).json(),
    );
    expect(paged.items).toHaveLength(1);
    expect(paged.nextCursor).not.toBeNull();
    const next = GateDecisionList.parse(
      (
        await call(t, pmo, {
          method: 'GET',
          url: `/api/v1/gate-decisions?limit=1&cursor=${paged.nextCursor}`,
        })
      ).json(),
    );
    expect(next.items[0]!.id).not.toBe(paged.items[0]!.id);

    const compliance = ComplianceList.parse(
      (
        await call(t, pmo, {
          method: 'GET',
          url: `/api/v1/governance/compliance?portfolioId=${portfolioId}`,
        })
      ).json(),
    );
    const row = compliance.items.find((r) => r.project.id === project.id)!;
    expect(row).toMatchObject({ status: 'on_hold', phaseName: 'Cadrage', score: null });
    const mine = ComplianceList.parse(
      (await call(t, manager, { method: 'GET', url: '/api/v1/governance/compliance' })).json(),
    );
    expect(mine.items.every((r) => r.project.id !== undefined)).toBe(true);
    const outsiders = ComplianceList.parse(
      (await call(t, outsider, { method: 'GET', url: '/api/v1/governance/compliance' })).json(),
    );
    expect(outsiders.items).toEqual([]);
  });
});

describe('method chosen when creating a project', () => {
  it('lays down lifecycle, deliverables and WBS with the project, or creates nothing', async () => {
    const m = await createMethodology('NEW-1');
    const code = `PRJ-M${Date.now() % 100000}`;
    const bad = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/projects',
      payload: {
        code,
        name: 'Projet méthode',
        portfolioId,
        managerId: managerPersonId,
        methodology: { methodologyId: portfolioId },
      },
    });
    expect(bad.statusCode).toBe(404);
    expect(bad.json().error.details.issues[0].path).toEqual([
      'body',
      'methodology',
      'methodologyId',
    ]);
    const created = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/projects',
      payload: {
        code,
        name: 'Projet méthode',
        portfolioId,
        managerId: managerPersonId,
        methodology: { methodologyId: m.id },
      },
    });
    // The failed attempt left nothing behind: the same code is free.
    expect(created.statusCode, created.body).toBe(201);
    const projectId = created.json().id as string;
    const g = ProjectGovernance.parse(
      (
        await call(t, manager, { method: 'GET', url: `/api/v1/projects/${projectId}/governance` })
      ).json(),
    );
    expect(g.methodology.code).toBe('NEW-1');
    expect(g.currentPhaseKey).toBe('cadrage');
    expect(g.deliverables.map((d) => d.key).sort()).toEqual(
      ['note-cadrage', 'pv-recette', 'plan-com'].sort(),
    );
    const plan = Plan.parse(
      (await call(t, manager, { method: 'GET', url: `/api/v1/projects/${projectId}/plan` })).json(),
    );
    expect(plan.tasks).toHaveLength(5);
  });
});

describe('RACI', () => {
  it('saves the matrix with If-Match and reports rows without one Accountable or a Responsible', async () => {
    const project = await buildProject(t, portfolioId, { managerId: managerPersonId });
    const url = `/api/v1/projects/${project.id}/raci`;
    const empty = Raci.parse((await call(t, manager, { method: 'GET', url })).json());
    expect(empty).toMatchObject({ rows: [], version: 0 });
    const body = {
      columns: [
        { key: 'sponsor', label: 'Sponsor' },
        { key: 'cp', label: 'Chef de projet' },
      ],
      rows: [
        { key: 'cadrage', activity: 'Note de cadrage', cells: { sponsor: ['A'], cp: ['R'] } },
        { key: 'budget', activity: 'Budget', cells: { sponsor: ['A'], cp: ['A'] } },
      ],
    };
    const saved = await call(t, manager, {
      method: 'PUT',
      url,
      headers: { 'if-match': '"0"' },
      payload: body,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(Raci.parse(saved.json()).checks).toEqual([
      { key: 'budget', problems: ['several_accountable', 'no_responsible'] },
    ]);
    const stale = await call(t, manager, {
      method: 'PUT',
      url,
      headers: { 'if-match': '"0"' },
      payload: body,
    });
    expect(stale.statusCode).toBe(412);
    const badColumn = await call(t, manager, {
      method: 'PUT',
      url,
      headers: { 'if-match': '"1"' },
      payload: { ...body, rows: [{ key: 'x', activity: 'X', cells: { nobody: ['R'] } }] },
    });
    expect(badColumn.statusCode).toBe(400);
    expect(badColumn.json().error.details.issues[0].path).toEqual([
      'body',
      'rows',
      0,
      'cells',
      'nobody',
    ]);
    const denied = await call(t, outsider, {
      method: 'PUT',
      url,
      headers: { 'if-match': '"1"' },
      payload: body,
    });
    expect(denied.statusCode).toBe(404);
  });
});

describe('glossary', () => {
  it('is searchable in French and English by everyone, and managed by the PMO', async () => {
    const created = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/glossary',
      payload: {
        term: 'COPIL',
        termEn: 'Steering committee',
        definition: 'Comité de pilotage',
        category: 'governance',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const dup = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/glossary',
      payload: { term: 'COPIL', definition: 'x' },
    });
    expect(dup.statusCode).toBe(409);
    const found = GlossaryList.parse(
      (await call(t, outsider, { method: 'GET', url: '/api/v1/glossary?q=steering' })).json(),
    );
    expect(found.items.map((i) => i.term)).toEqual(['COPIL']);
    const denied = await call(t, manager, {
      method: 'POST',
      url: '/api/v1/glossary',
      payload: { term: 'Lot', definition: 'x' },
    });
    expect(denied.statusCode).toBe(403);
    const id = created.json().id as string;
    const patch = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/glossary/${id}`,
      headers: { 'if-match': '"1"' },
      payload: { example: 'Le COPIL de mars' },
    });
    expect(patch.json().example).toBe('Le COPIL de mars');
    const del = await call(t, pmo, {
      method: 'DELETE',
      url: `/api/v1/glossary/${id}`,
      headers: { 'if-match': '"1"' },
    });
    expect(del.statusCode).toBe(412);
    const del2 = await call(t, pmo, {
      method: 'DELETE',
      url: `/api/v1/glossary/${id}`,
      headers: { 'if-match': '"2"' },
    });
    expect(del2.statusCode).toBe(204);
  });
});
