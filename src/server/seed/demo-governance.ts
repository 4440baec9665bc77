import { and, eq, inArray, sql } from 'drizzle-orm';
import { CreateGlossaryTermBody, CreateMethodologyBody } from '../../contracts/governance.ts';
import type { Actor } from '../../core/platform/actor.ts';
import type { Ctx } from '../context.ts';
import { toActor } from '../modules/platform/auth.service.ts';
import { findUserByEmail } from '../modules/platform/platform.repository.ts';
import {
  applyMethodologyInTx,
  createMethodology,
  createTerms,
  decideGate,
  saveRaci,
  setCriterion,
} from '../modules/governance/governance.service.ts';
import {
  deliverables,
  gateChecks,
  gateConditions,
  gateDecisions,
} from '../modules/governance/governance.tables.ts';
import { DEMO_GLOSSARY, DEMO_METHODOLOGIES } from './demo-governance-data.ts';
import { seedDemoQuality } from './demo-governance-quality.ts';
import { seedDemoEvidence, seedDemoStandards } from './demo-method.ts';
import { seedDemoClosureLessons } from './demo-methods.ts';
import { DEMO_TODAY, type DemoPlanProject } from './demo-planning.ts';

// The demo's governance: the three methodologies, the glossary, and every top-level demo
// project on a lifecycle at the phase its dates say, with the gate decisions of the phases
// already passed (some with conditions, one recycled), approved deliverables, and a RACI.

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const isoOf = (day: number) => new Date(Math.round(day) * 86_400_000).toISOString().slice(0, 10);

export async function seedDemoGovernance(
  ctx: Ctx,
  system: Actor,
  projects: DemoPlanProject[],
  people: { claire: string; thomas: string; nicolas: string },
) {
  const claireUser = await findUserByEmail(ctx.db, 'claire.martin@exemple.fr');
  const pmo = claireUser ? toActor(claireUser) : system;

  const methods = [];
  await seedDemoStandards(ctx, pmo);
  for (const m of DEMO_METHODOLOGIES)
    methods.push(await createMethodology(ctx, system, CreateMethodologyBody.parse(m)));
  await createTerms(
    ctx,
    system,
    DEMO_GLOSSARY.map((term) => CreateGlossaryTermBody.parse(term)),
  );

  const decisionDates: { id: string; at: string }[] = [];
  let k = 0;
  for (const p of projects) {
    if (p.code.split('-').length > 3) continue; // sub-projects follow their parent's lifecycle
    k++;
    const method = methods[k % 4 === 2 ? 1 : k % 4 === 3 ? 2 : 0]!;
    const phases = method.content.phases;
    // The phase the dates say: the span of the project split evenly over its phases.
    const start = dayNumber(p.start);
    const span = Math.max(1, dayNumber(p.end) - start);
    const elapsed = (dayNumber(DEMO_TODAY) - start) / span;
    let passed =
      p.status === 'proposed'
        ? 0
        : p.status === 'closed'
          ? phases.length
          : Math.min(phases.length - 1, Math.max(0, Math.floor(elapsed * (phases.length - 1))));
    if (p.status === 'active' && passed === 0) passed = 1;
    await ctx.db.transaction((tx) =>
      applyMethodologyInTx(tx, system, p.id, { methodologyId: method.id, createWbs: false }),
    );
    // Deliverables of the phases passed are approved (all but one here and there, which lowers
    // compliance); those of the current phase are under way.
    const approvedPhases = phases.slice(0, passed).map((ph) => ph.key);
    const current = phases[Math.min(passed, phases.length - 1)]!;
    if (approvedPhases.length > 0) {
      await ctx.db
        .update(deliverables)
        .set({
          status: 'approved',
          approvedBy: 'Claire Martin',
          approvedAt: new Date(`${DEMO_TODAY}T09:00:00Z`),
        })
        .where(
          and(eq(deliverables.projectId, p.id), inArray(deliverables.phaseKey, approvedPhases)),
        );
      if (k % 3 === 0) {
        const lastKey = approvedPhases[approvedPhases.length - 1]!;
        await ctx.db
          .update(deliverables)
          .set({ status: 'submitted', approvedBy: null, approvedAt: null })
          .where(
            and(
              eq(deliverables.projectId, p.id),
              eq(deliverables.phaseKey, lastKey),
              eq(deliverables.required, true),
              sql`${deliverables.key} = (select min(d.key) from ${deliverables} d where d.project_id = ${p.id} and d.phase_key = ${lastKey} and d.required)`,
            ),
          );
      }
    }
    if (p.status !== 'closed' && passed < phases.length) {
      await ctx.db
        .update(deliverables)
        .set({ status: k % 2 === 0 ? 'submitted' : 'draft' })
        .where(and(eq(deliverables.projectId, p.id), eq(deliverables.phaseKey, current.key)));
    }
    // The gate decisions of the phases passed, dated across the project's span.
    // Their checklists were ticked (all but one criterion where the go came with conditions).
    const checks = phases.slice(0, passed).flatMap((ph, i) =>
      (ph.gate?.criteria ?? [])
        .filter((c, j) => !(i === passed - 1 && k % 2 === 1 && j === 0))
        .map((c) => ({
          projectId: p.id,
          phaseKey: ph.key,
          criterionKey: c.key,
          checkedBy: 'Thomas Bernard',
        })),
    );
    if (checks.length > 0) await ctx.db.insert(gateChecks).values(checks);
    let version = 1;
    if (p.status === 'closed') await seedDemoClosureLessons(ctx, pmo, p);
    for (let i = 0; i < passed; i++) {
      const at = isoOf(start + ((i + 1) * span) / phases.length - 3);
      if (i === 0 && k % 5 === 1) {
        const g = await decideGate(ctx, pmo, p.id, version, {
          decision: 'recycle',
          comment:
            'Dossier incomplet: revoir le chiffrage avec la DAF et repasser au prochain COPIL.',
          conditions: [],
        });
        version = g.version;
        decisionDates.push({ id: g.decisions[0]!.id, at: isoOf(dayNumber(at) - 21) });
      }
      const withConditions = i === passed - 1 && k % 2 === 1;
      const due = isoOf(dayNumber(at) + 30);
      const g = await decideGate(ctx, pmo, p.id, version, {
        decision: withConditions ? 'go_with_conditions' : 'go',
        comment: withConditions
          ? 'Go prononcé en COPIL sous réserve de lever les points ci-dessous.'
          : 'Critères remplis, livrables validés.',
        conditions: withConditions
          ? [
              {
                description: 'Compléter le plan de gestion des risques',
                ownerId: p.managerId,
                dueDate: due,
              },
              {
                description: 'Faire valider le budget révisé par la DAF',
                ownerId: people.claire,
                dueDate: isoOf(dayNumber(due) + 15),
              },
            ]
          : [],
      });
      version = g.version;
      decisionDates.push({ id: g.decisions[0]!.id, at });
    }
    if (p.status === 'on_hold') {
      const g = await decideGate(ctx, pmo, p.id, version, {
        decision: 'hold',
        comment: 'Projet suspendu par le CODIR dans l’attente des arbitrages budgétaires.',
        conditions: [],
      });
      decisionDates.push({ id: g.decisions[0]!.id, at: isoOf(dayNumber(DEMO_TODAY) - 20) });
    }
    // The current gate's checklist is partly prepared.
    if (current.gate && passed < phases.length && p.status === 'active') {
      const first = current.gate.criteria[0];
      if (first)
        await setCriterion(ctx, system, p.id, {
          phaseKey: current.key,
          criterionKey: first.key,
          met: true,
        });
    }
  }
  // Decisions are dated when the COPILs took them, conditions closed for the oldest.
  for (const d of decisionDates) {
    await ctx.db
      .update(gateDecisions)
      .set({ decidedAt: new Date(`${d.at}T16:00:00Z`) })
      .where(eq(gateDecisions.id, d.id));
  }
  await ctx.db
    .update(gateConditions)
    .set({
      status: 'done',
      closedAt: sql`${gateConditions.dueDate}::timestamptz - interval '2 days'`,
    })
    .where(sql`${gateConditions.dueDate} < ${isoOf(dayNumber(DEMO_TODAY) - 60)}::date`);

  const crm = projects.find((p) => p.code === 'PRJ-2026-001');
  if (crm) {
    const cols = [
      { key: 'sponsor', label: 'Sponsor', personId: people.nicolas },
      { key: 'cp-moa', label: 'Chef de projet MOA', personId: null },
      { key: 'cp-moe', label: 'Chef de projet MOE', personId: people.thomas },
      { key: 'pmo', label: 'PMO', personId: people.claire },
      { key: 'metiers', label: 'Métiers', personId: null },
    ];
    const row = (
      key: string,
      activity: string,
      cells: Record<string, ('R' | 'A' | 'C' | 'I')[]>,
    ) => ({
      key,
      activity,
      cells,
    });
    await saveRaci(ctx, system, crm.id, 0, {
      columns: cols,
      rows: [
        row('cadrage', 'Rédiger la note de cadrage', {
          sponsor: ['A'],
          'cp-moa': ['R'],
          'cp-moe': ['C'],
          pmo: ['C'],
          metiers: ['I'],
        }),
        row('budget', 'Valider le budget', { sponsor: ['A'], 'cp-moa': ['R'], pmo: ['C'] }),
        row('specs', 'Spécifications fonctionnelles', {
          'cp-moa': ['A'],
          'cp-moe': ['R'],
          metiers: ['C'],
        }),
        row('recette', 'Recette et PV de recette', {
          'cp-moa': ['A', 'R'],
          'cp-moe': ['C'],
          metiers: ['R'],
        }),
        row('bascule', 'Plan de bascule', { 'cp-moe': ['R'], pmo: ['I'], sponsor: ['I'] }),
        row('reporting', 'Météo projet au COPIL', { 'cp-moe': ['R'], pmo: ['A'], sponsor: ['I'] }),
      ],
    });
  }
  await seedDemoQuality(ctx, pmo, projects, people);
  await seedDemoEvidence(
    ctx,
    pmo,
    projects.filter((p) => p.code.split('-').length <= 3),
  );
}
