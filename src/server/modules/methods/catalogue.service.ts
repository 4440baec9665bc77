import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  LinkMilestoneBody,
  MilestoneEvidence,
  MilestoneEvidenceBody,
  ProjectStandards,
  StandardKpi,
  StandardMilestone,
  StandardMilestoneBody,
  Standards,
  UpdateStandardMilestoneBody,
} from '../../../contracts/methods.ts';
import { DomainError, validationError } from '../../../core/errors.ts';
import type { GateMilestone } from '../../../core/governance/gates.ts';
import type { MethodologyContent } from '../../../core/governance/model.ts';
import { milestoneRefs, resolveMilestones, unknownCodes } from '../../../core/methods/catalogue.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import { projectGrants } from '../../../core/platform/permissions.ts';
import type { Ctx } from '../../context.ts';
import { type Executor, queryRows } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import {
  deliverables,
  methodologies,
  methodologyVersions,
  projectLifecycles,
} from '../governance/governance.tables.ts';
import { recordAudit } from '../platform/audit.service.ts';
import { planTasks } from '../planning/planning.tables.ts';
import { authorizeProject } from '../portfolio/portfolio.service.ts';
import { kpiDefinitions } from '../reporting/reporting.tables.ts';
import { milestoneEvidence, projectMilestoneLinks, standardMilestones } from './method.tables.ts';
import { today } from './methods.service.ts';

/**
 * The company's common language of milestones and KPIs: the standard milestone catalogue
 * (here), the KPI catalogue (reporting's definitions, read here), which methods name them, and
 * what a project's method asks of it (its standard milestones found in its plan, its KPIs).
 */

type MilestoneRow = typeof standardMilestones.$inferSelect;

const notFound = (id: string) =>
  new DomainError('STANDARD_MILESTONE_NOT_FOUND', `No standard milestone ${id}`);

const duplicate = (code: string | undefined) =>
  new DomainError('DUPLICATE_CODE', `The milestone code ${code} is already used`, {
    issues: [{ path: ['body', 'code'], message: 'Already used' }],
  });

function stale(current: unknown) {
  return new DomainError('VERSION_MISMATCH', 'Someone else changed this milestone; reload it', {
    current,
  });
}

/** Every version of every method (content only): who names which code. */
async function methodContents(db: Executor, latestOnly: boolean) {
  const rows = await db
    .select({
      id: methodologies.id,
      code: methodologies.code,
      name: methodologies.name,
      content: methodologyVersions.content,
    })
    .from(methodologyVersions)
    .innerJoin(methodologies, eq(methodologies.id, methodologyVersions.methodologyId))
    .where(latestOnly ? eq(methodologyVersions.number, methodologies.latestVersion) : undefined)
    .orderBy(asc(methodologies.name), asc(methodologyVersions.number));
  return rows.map((r) => ({ ...r, content: r.content as MethodologyContent }));
}

type MethodRef = { id: string; code: string; name: string };

function usage(methods: Awaited<ReturnType<typeof methodContents>>) {
  const milestones = new Map<string, MethodRef[]>();
  const kpis = new Map<string, MethodRef[]>();
  const add = (map: Map<string, MethodRef[]>, code: string, m: MethodRef) => {
    const list = map.get(code) ?? [];
    if (!list.some((x) => x.id === m.id)) list.push(m);
    map.set(code, list);
  };
  for (const m of methods) {
    const ref = { id: m.id, code: m.code, name: m.name };
    for (const r of milestoneRefs(m.content)) add(milestones, r.code, ref);
    for (const k of m.content.kpis ?? []) add(kpis, k, ref);
  }
  return { milestones, kpis };
}

function toMilestone(r: MilestoneRow, usedBy: MethodRef[]): StandardMilestone {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.nameEn,
    definition: r.definition,
    definitionEn: r.definitionEn,
    evidence: r.evidence,
    evidenceRequired: r.evidenceRequired,
    usedBy,
    version: r.version,
  };
}

type KpiRow = typeof kpiDefinitions.$inferSelect;
const toKpi = (k: KpiRow, usedBy: MethodRef[]): StandardKpi => ({
  id: k.id,
  code: k.code,
  nameFr: k.nameFr,
  nameEn: k.nameEn,
  description: k.description,
  unit: k.unit,
  level: k.level as StandardKpi['level'],
  direction: k.direction as StandardKpi['direction'],
  target: k.target,
  standard: k.standard,
  usedBy,
});

/** The catalogue: standard milestones and active KPI definitions, with the methods using each. */
export async function listStandards(ctx: Ctx): Promise<Standards> {
  const milestones = await ctx.db
    .select()
    .from(standardMilestones)
    .where(isNull(standardMilestones.archivedAt))
    .orderBy(asc(standardMilestones.code));
  const kpis = await ctx.db
    .select()
    .from(kpiDefinitions)
    .where(isNull(kpiDefinitions.archivedAt))
    .orderBy(asc(kpiDefinitions.code));
  const used = usage(await methodContents(ctx.db, true));
  return {
    milestones: milestones.map((m) => toMilestone(m, used.milestones.get(m.code) ?? [])),
    kpis: kpis.map((k) => toKpi(k, used.kpis.get(k.code) ?? [])),
  };
}

async function findMilestone(db: Executor, id: string) {
  const [row] = await db.select().from(standardMilestones).where(eq(standardMilestones.id, id));
  return row;
}

export async function getMilestone(ctx: Ctx, id: string): Promise<StandardMilestone> {
  const row = await findMilestone(ctx.db, id);
  if (!row) throw notFound(id);
  const used = usage(await methodContents(ctx.db, true));
  return toMilestone(row, used.milestones.get(row.code) ?? []);
}

export async function createMilestone(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof StandardMilestoneBody>,
): Promise<StandardMilestone> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx.insert(standardMilestones).values(input).returning();
      await recordAudit(tx, actor, {
        entityType: 'standard_milestone',
        entityId: row!.id,
        entityLabel: `${row!.code} — ${row!.name}`,
        action: 'create',
        after: input,
      });
      return toMilestone(row!, []);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'gov_standard_milestones_code_key')) throw duplicate(input.code);
    throw err;
  }
}

/** Methods (any version) naming this code: a code cannot change or go while they do. */
async function methodsNaming(db: Executor, code: string) {
  return usage(await methodContents(db, false)).milestones.get(code) ?? [];
}

function inUse(code: string, methods: MethodRef[]) {
  return new DomainError(
    'IN_USE',
    `The standard milestone ${code} is named by ${methods.map((m) => m.code).join(', ')}`,
    { methods: methods.map((m) => ({ code: m.code, name: m.name })) },
  );
}

export async function updateMilestone(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdateStandardMilestoneBody>,
): Promise<StandardMilestone> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const before = await findMilestone(tx, id);
      if (!before) throw notFound(id);
      if (input.code !== undefined && input.code !== before.code) {
        const users = await methodsNaming(tx, before.code);
        if (users.length > 0) throw inUse(before.code, users);
      }
      const [after] = await tx
        .update(standardMilestones)
        .set({ ...input, version: sql`${standardMilestones.version} + 1`, updatedAt: new Date() })
        .where(and(eq(standardMilestones.id, id), eq(standardMilestones.version, version)))
        .returning();
      if (!after) throw stale(toMilestone(before, []));
      await recordAudit(tx, actor, {
        entityType: 'standard_milestone',
        entityId: id,
        entityLabel: `${after.code} — ${after.name}`,
        action: 'update',
        before: toMilestone(before, []),
        after: toMilestone(after, []),
      });
      const used = usage(await methodContents(tx, true));
      return toMilestone(after, used.milestones.get(after.code) ?? []);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'gov_standard_milestones_code_key')) throw duplicate(input.code);
    throw err;
  }
}

/** Deletes a milestone no method names (else IN_USE naming the methods); its project links go. */
export async function deleteMilestone(ctx: Ctx, actor: Actor, id: string, version: number) {
  await ctx.db.transaction(async (tx) => {
    const before = await findMilestone(tx, id);
    if (!before) throw notFound(id);
    const users = await methodsNaming(tx, before.code);
    if (users.length > 0) throw inUse(before.code, users);
    const rows = await tx
      .delete(standardMilestones)
      .where(and(eq(standardMilestones.id, id), eq(standardMilestones.version, version)))
      .returning({ id: standardMilestones.id });
    if (rows.length === 0) throw stale(toMilestone(before, []));
    await recordAudit(tx, actor, {
      entityType: 'standard_milestone',
      entityId: id,
      entityLabel: `${before.code} — ${before.name}`,
      action: 'delete',
      before: { code: before.code, name: before.name },
    });
  });
}

/**
 * Refuses a method whose content names a standard milestone or a KPI the catalogue does not
 * have (a validation error at the field's path under `at`).
 */
export async function assertStandardCodes(
  db: Executor,
  content: MethodologyContent,
  at: string[] = ['body', 'content'],
) {
  const codes = milestoneRefs(content).map((r) => r.code);
  const kpiCodes = content.kpis ?? [];
  if (codes.length === 0 && kpiCodes.length === 0) return;
  const ms =
    codes.length === 0
      ? []
      : await db
          .select({ code: standardMilestones.code })
          .from(standardMilestones)
          .where(inArray(standardMilestones.code, codes));
  const ks =
    kpiCodes.length === 0
      ? []
      : await db
          .select({ code: kpiDefinitions.code })
          .from(kpiDefinitions)
          // A method's projects follow project-level KPIs (programme/portfolio ones roll up).
          .where(and(inArray(kpiDefinitions.code, kpiCodes), eq(kpiDefinitions.level, 'project')));
  const issues = unknownCodes(
    content,
    new Set(ms.map((m) => m.code)),
    new Set(ks.map((k) => k.code)),
  );
  if (issues.length > 0)
    throw validationError(issues.map((i) => ({ ...i, path: [...at, ...i.path] })));
}

// ---------------------------------------------------------------- a project's standards

/** What its method asks of a project: its standard milestones in its plan, and its KPIs. */
export async function getProjectStandards(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
): Promise<ProjectStandards> {
  const { roles } = await authorizeProject(ctx.db, actor, projectId, 'project.read');
  const [lc] = await ctx.db
    .select({
      id: methodologies.id,
      name: methodologies.name,
      number: methodologyVersions.number,
      content: methodologyVersions.content,
    })
    .from(projectLifecycles)
    .innerJoin(
      methodologyVersions,
      eq(methodologyVersions.id, projectLifecycles.methodologyVersionId),
    )
    .innerJoin(methodologies, eq(methodologies.id, methodologyVersions.methodologyId))
    .where(eq(projectLifecycles.projectId, projectId));
  const content = lc ? (lc.content as MethodologyContent) : null;
  const refs = content ? milestoneRefs(content) : [];
  const links = await ctx.db
    .select()
    .from(projectMilestoneLinks)
    .where(eq(projectMilestoneLinks.projectId, projectId));
  const wantedIds = links.map((l) => l.milestoneId);
  const codes = refs.map((r) => r.code);
  const catalogue =
    codes.length + wantedIds.length === 0
      ? []
      : await ctx.db
          .select()
          .from(standardMilestones)
          .where(
            or(
              codes.length ? inArray(standardMilestones.code, codes) : undefined,
              wantedIds.length ? inArray(standardMilestones.id, wantedIds) : undefined,
            ),
          );
  const byCode = new Map(catalogue.map((m) => [m.code, m]));
  const byId = new Map(catalogue.map((m) => [m.id, m]));
  // The method's milestones first (in outline order), then ones linked by hand beyond it.
  const wanted: { m: MilestoneRow; phaseName: string | null; names: string[] }[] = [];
  for (const r of refs) {
    const m = byCode.get(r.code);
    if (m) wanted.push({ m, phaseName: r.phaseName, names: [r.taskName, m.name] });
  }
  for (const l of links) {
    const m = byId.get(l.milestoneId);
    if (m && !wanted.some((w) => w.m.id === m.id)) wanted.push({ m, phaseName: null, names: [] });
  }
  const tasks = await planMilestones(ctx.db, projectId);
  const resolved = resolveMilestones(
    wanted.map((w) => ({ code: w.m.code, names: w.names })),
    new Map(
      links.flatMap((l) => {
        const m = byId.get(l.milestoneId);
        return m ? [[m.code, l.taskId] as const] : [];
      }),
    ),
    tasks,
    today(),
  );
  const kpiCodes = content?.kpis ?? [];
  const kpis =
    kpiCodes.length === 0
      ? []
      : await ctx.db
          .select()
          .from(kpiDefinitions)
          .where(inArray(kpiDefinitions.code, kpiCodes))
          .orderBy(asc(kpiDefinitions.code));
  const latest =
    kpis.length === 0
      ? []
      : await queryRows<{
          kpi_id: string;
          as_of: string;
          value: number | null;
          status: string | null;
        }>(
          ctx.db,
          sql`select distinct on (kpi_id) kpi_id, as_of::text as as_of, value, status
            from kpi_values
            where scope_type = 'project' and scope_id = ${projectId}
              and kpi_id in ${kpis.map((k) => k.id)}
            order by kpi_id, as_of desc`,
        );
  const latestBy = new Map(latest.map((v) => [v.kpi_id, v]));
  const evidence = await evidenceOf(ctx.db, projectId);
  const documents = await ctx.db
    .select({ id: deliverables.id, name: deliverables.name, status: deliverables.status })
    .from(deliverables)
    .where(eq(deliverables.projectId, projectId))
    .orderBy(asc(deliverables.name));
  return {
    methodology: lc ? { id: lc.id, name: lc.name, version: lc.number } : null,
    milestones: wanted.map((w, i) => {
      const r = resolved[i]!;
      const { usedBy: _u, version: _v, ...m } = toMilestone(w.m, []);
      return {
        milestone: m,
        phaseName: w.phaseName,
        task: r.task
          ? {
              id: r.task.id,
              name: r.task.name,
              date: r.task.date,
              percentComplete: r.task.percentComplete,
            }
          : null,
        how: r.how,
        state: r.state,
        evidence: evidence.get(w.m.id) ?? [],
      };
    }),
    documents,
    kpis: kpis.map((k) => {
      const { usedBy: _u, ...kpi } = toKpi(k, []);
      const v = latestBy.get(k.id);
      return {
        ...kpi,
        latest: v
          ? {
              asOf: v.as_of,
              value: v.value === null ? null : Number(v.value),
              status: v.status,
            }
          : null,
      };
    }),
    planMilestones: tasks.map((t) => ({ id: t.id, name: t.name, date: t.date })),
    canLink: projectGrants(actor.role, roles, 'project.update'),
  };
}

/** The evidence attached to a project's standard milestones, by milestone id, oldest first. */
async function evidenceOf(db: Executor, projectId: string) {
  const rows = await db
    .select({
      e: milestoneEvidence,
      doc: {
        id: deliverables.id,
        name: deliverables.name,
        status: deliverables.status,
        reference: deliverables.reference,
      },
    })
    .from(milestoneEvidence)
    .leftJoin(deliverables, eq(deliverables.id, milestoneEvidence.deliverableId))
    .where(eq(milestoneEvidence.projectId, projectId))
    .orderBy(asc(milestoneEvidence.addedAt), asc(milestoneEvidence.id));
  const out = new Map<string, MilestoneEvidence[]>();
  for (const { e, doc } of rows) {
    const list = out.get(e.milestoneId) ?? [];
    list.push({
      id: e.id,
      document: e.deliverableId && doc ? doc : null,
      url: e.url,
      note: e.note,
      addedBy: e.addedBy,
      addedAt: e.addedAt.toISOString(),
      version: e.version,
    });
    out.set(e.milestoneId, list);
  }
  return out;
}

/** The plan's milestones (leaf tasks of duration 0) in outline order. */
function planMilestones(db: Executor, projectId: string) {
  return db
    .select({
      id: planTasks.id,
      name: planTasks.name,
      date: planTasks.finish,
      percentComplete: planTasks.percentComplete,
      actualFinish: planTasks.actualFinish,
    })
    .from(planTasks)
    .where(
      and(
        eq(planTasks.projectId, projectId),
        eq(planTasks.duration, 0),
        eq(planTasks.isSummary, false),
      ),
    )
    .orderBy(asc(planTasks.wbs));
}

/**
 * The standard milestones a phase's WBS names, with their state in the project's plan (found
 * as on the project's standards section: link first, else by name): what its gate requires.
 * No authorisation (the caller has checked the project). Three reads (four when one of them
 * requires evidence: the evidence counts), none when the phase names no standard milestone.
 */
export async function phaseMilestoneStates(
  db: Executor,
  projectId: string,
  content: MethodologyContent,
  phaseKey: string,
): Promise<GateMilestone[]> {
  const refs = milestoneRefs(content);
  if (!refs.some((r) => r.phaseKey === phaseKey)) return [];
  const catalogue = await db
    .select()
    .from(standardMilestones)
    .where(
      inArray(
        standardMilestones.code,
        refs.map((r) => r.code),
      ),
    );
  const byCode = new Map(catalogue.map((m) => [m.code, m]));
  const links = await db
    .select()
    .from(projectMilestoneLinks)
    .where(eq(projectMilestoneLinks.projectId, projectId));
  const codeOf = new Map(catalogue.map((m) => [m.id, m.code]));
  const known = refs.filter((r) => byCode.has(r.code));
  const resolved = resolveMilestones(
    known.map((r) => ({ code: r.code, names: [r.taskName, byCode.get(r.code)!.name] })),
    new Map(
      links.flatMap((l) => {
        const code = codeOf.get(l.milestoneId);
        return code ? [[code, l.taskId] as const] : [];
      }),
    ),
    await planMilestones(db, projectId),
    today(),
  );
  const ofPhase = known.flatMap((r, i) => (r.phaseKey === phaseKey ? [{ r, i }] : []));
  const required = ofPhase
    .map(({ r }) => byCode.get(r.code)!)
    .filter((m) => m.evidenceRequired)
    .map((m) => m.id);
  const counts =
    required.length === 0
      ? []
      : await db
          .select({
            milestoneId: milestoneEvidence.milestoneId,
            n: sql<number>`count(*)::int`,
          })
          .from(milestoneEvidence)
          .where(
            and(
              eq(milestoneEvidence.projectId, projectId),
              inArray(milestoneEvidence.milestoneId, required),
            ),
          )
          .groupBy(milestoneEvidence.milestoneId);
  const countOf = new Map(counts.map((c) => [c.milestoneId, Number(c.n)]));
  return ofPhase.map(({ r, i }) => {
    const m = byCode.get(r.code)!;
    return {
      code: r.code,
      name: m.name,
      state: resolved[i]!.state,
      evidenceRequired: m.evidenceRequired,
      evidenceCount: countOf.get(m.id) ?? 0,
    };
  });
}

/** Links a plan milestone to a standard milestone (or removes the link), audited. */
export async function linkMilestone(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  input: z.infer<typeof LinkMilestoneBody>,
): Promise<ProjectStandards> {
  await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.update');
    const m = await findMilestone(tx, input.milestoneId);
    if (!m) throw notFound(input.milestoneId);
    let taskName: string | null = null;
    if (input.taskId) {
      const [task] = await tx
        .select({
          name: planTasks.name,
          duration: planTasks.duration,
          summary: planTasks.isSummary,
        })
        .from(planTasks)
        .where(and(eq(planTasks.id, input.taskId), eq(planTasks.projectId, projectId)));
      if (!task)
        throw validationError([{ path: ['body', 'taskId'], message: 'No such task in this plan' }]);
      if (task.duration !== 0 || task.summary)
        throw validationError([
          { path: ['body', 'taskId'], message: 'Not a milestone (duration 0)' },
        ]);
      taskName = task.name;
      await tx
        .insert(projectMilestoneLinks)
        .values({ projectId, milestoneId: m.id, taskId: input.taskId, linkedBy: actor.name })
        .onConflictDoUpdate({
          target: [projectMilestoneLinks.projectId, projectMilestoneLinks.milestoneId],
          set: { taskId: input.taskId, linkedBy: actor.name, linkedAt: new Date() },
        });
    } else {
      await tx
        .delete(projectMilestoneLinks)
        .where(
          and(
            eq(projectMilestoneLinks.projectId, projectId),
            eq(projectMilestoneLinks.milestoneId, m.id),
          ),
        );
    }
    await recordAudit(tx, actor, {
      entityType: 'standard_milestone',
      entityId: m.id,
      entityLabel: `${project.code} — ${m.code}`,
      projectId,
      action: 'update',
      after: { project: project.code, milestone: m.code, task: taskName },
    });
  });
  return getProjectStandards(ctx, actor, projectId);
}

// ---------------------------------------------------------------- evidence of a standard milestone

const evidenceNotFound = (id: string) =>
  new DomainError('MILESTONE_EVIDENCE_NOT_FOUND', `No milestone evidence ${id} in this project`);

/**
 * Attaches evidence to one of the project's standard milestones: one of the project's
 * deliverables (its documents) or a link, recorded with who and when, audited.
 */
export async function addEvidence(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  input: z.infer<typeof MilestoneEvidenceBody>,
): Promise<ProjectStandards> {
  await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.update');
    const m = await findMilestone(tx, input.milestoneId);
    if (!m) throw notFound(input.milestoneId);
    let documentName: string | null = null;
    if (input.documentId) {
      const [doc] = await tx
        .select({ name: deliverables.name })
        .from(deliverables)
        .where(and(eq(deliverables.id, input.documentId), eq(deliverables.projectId, projectId)));
      if (!doc)
        throw validationError([
          {
            path: ['body', 'documentId'],
            message: 'No such document (deliverable) in this project',
          },
        ]);
      documentName = doc.name;
    }
    const [row] = await tx
      .insert(milestoneEvidence)
      .values({
        projectId,
        milestoneId: m.id,
        deliverableId: input.documentId ?? null,
        url: input.url ?? null,
        note: input.note,
        addedBy: actor.name,
      })
      .returning();
    await recordAudit(tx, actor, {
      entityType: 'milestone_evidence',
      entityId: row!.id,
      entityLabel: `${project.code} — ${m.code}`,
      projectId,
      action: 'create',
      after: {
        milestone: m.code,
        document: documentName,
        url: input.url ?? null,
        note: input.note,
      },
    });
  });
  return getProjectStandards(ctx, actor, projectId);
}

/** Removes a piece of evidence (If-Match: its version), audited. */
export async function removeEvidence(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  evidenceId: string,
  version: number,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.update');
    const [before] = await tx
      .select({ e: milestoneEvidence, code: standardMilestones.code })
      .from(milestoneEvidence)
      .innerJoin(standardMilestones, eq(standardMilestones.id, milestoneEvidence.milestoneId))
      .where(and(eq(milestoneEvidence.id, evidenceId), eq(milestoneEvidence.projectId, projectId)));
    if (!before) throw evidenceNotFound(evidenceId);
    const rows = await tx
      .delete(milestoneEvidence)
      .where(and(eq(milestoneEvidence.id, evidenceId), eq(milestoneEvidence.version, version)))
      .returning({ id: milestoneEvidence.id });
    if (rows.length === 0)
      throw new DomainError('VERSION_MISMATCH', 'Someone else changed this evidence; reload it', {
        current: { id: before.e.id, version: before.e.version },
      });
    await recordAudit(tx, actor, {
      entityType: 'milestone_evidence',
      entityId: evidenceId,
      entityLabel: `${project.code} — ${before.code}`,
      projectId,
      action: 'delete',
      before: {
        milestone: before.code,
        deliverableId: before.e.deliverableId,
        url: before.e.url,
        note: before.e.note,
        addedBy: before.e.addedBy,
      },
    });
  });
}
