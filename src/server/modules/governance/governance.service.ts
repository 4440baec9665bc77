import type { z } from 'zod';
import {
  type ApplyMethodologyBody,
  type ComplianceList,
  type CreateDeliverableBody,
  type CreateGlossaryTermBody,
  type CreateMethodologyBody,
  type Deliverable,
  type GateCondition,
  type GateDecision,
  type GateDecisionBody,
  type GateDecisionQuery,
  type GlossaryTerm,
  type Methodology,
  MethodologyContent,
  type MethodologySummary,
  type ProjectGovernance,
  type PublishVersionBody,
  type Raci,
  type RaciBody,
  type SetCriterionBody,
  type UpdateConditionBody,
  type UpdateDeliverableBody,
  type UpdateGlossaryTermBody,
} from '../../../contracts/governance.ts';
import { DomainError, validationError } from '../../../core/errors.ts';
import {
  applyGateDecision,
  complianceScore,
  type DeliverableState,
  gateReadiness,
  mayDecideGate,
  methodologyIssues,
} from '../../../core/governance/gates.ts';
import type {
  GateDecisionKind,
  LifecycleStatus,
  MethodologyKind,
} from '../../../core/governance/model.ts';
import { checkRaci } from '../../../core/governance/raci.ts';
import { type Actor, userIdOf } from '../../../core/platform/actor.ts';
import { projectGrants } from '../../../core/platform/permissions.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { decodeCursor, encodeCursor } from '../../db/cursor.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { assertPeopleExist } from '../org/org.service.ts';
import { recordAudit } from '../platform/audit.service.ts';
import { phaseMilestoneStates } from '../methods/catalogue.service.ts';
import { appendTaskTreeInTx } from '../planning/planning.service.ts';
import { authorizeProject, visibleProjectsCondition } from '../portfolio/portfolio.service.ts';
import { assertStandardCodes } from '../methods/catalogue.service.ts';
import { countLessons } from '../methods/methods.repository.ts';
import { saveTaskKeys, withIds } from '../methods/task-keys.ts';
import { withWbsKeys } from '../../../core/methods/editor.ts';
import { methodTrees } from '../../../core/methods/wbs-migration.ts';
import * as repo from './governance.repository.ts';

type Content = z.infer<typeof MethodologyContent>;

function stale(what: string, current: unknown) {
  return new DomainError('VERSION_MISMATCH', `Someone else changed this ${what}; reload it`, {
    current,
  });
}

const notFound = (id: string) => new DomainError('METHODOLOGY_NOT_FOUND', `No methodology ${id}`);

/**
 * Stored content is parsed again, so defaults added to the contract later apply to old versions;
 * WBS items without a stable key (versions published before keys) get their derived one.
 */
const contentOf = (raw: unknown): Content => {
  const content = MethodologyContent.parse(raw);
  return { ...content, phases: withWbsKeys(content).phases };
};

function assertContent(content: Content) {
  const issues = methodologyIssues(content);
  if (issues.length > 0) throw validationError(issues);
}

// ---------------------------------------------------------------- methodologies

function toSummary(
  row: Awaited<ReturnType<typeof repo.listMethodologies>>[number],
): MethodologySummary {
  const content = contentOf(row.content);
  return {
    id: row.m.id,
    code: row.m.code,
    name: row.m.name,
    kind: row.m.kind as MethodologyKind,
    description: row.m.description,
    latestVersion: row.m.latestVersion,
    phaseNames: content.phases.map((p) => p.name),
    projectCount: Number(row.projectCount),
    version: row.m.version,
  };
}

export async function listMethodologies(ctx: Ctx) {
  const rows = await repo.listMethodologies(ctx.db);
  return { items: rows.map(toSummary) };
}

export async function getMethodology(
  ctx: Ctx,
  id: string,
  versionNumber?: number,
): Promise<Methodology> {
  const [row] = await repo.listMethodologies(ctx.db, id);
  if (!row) throw notFound(id);
  const versions = await repo.listVersions(ctx.db, id);
  const shown = versionNumber ?? row.m.latestVersion;
  const version = await repo.findVersion(ctx.db, id, shown);
  if (!version) {
    throw new DomainError('METHODOLOGY_NOT_FOUND', `No version ${shown} of methodology ${id}`, {
      issues: [{ path: ['querystring', 'version'], message: 'No such version' }],
    });
  }
  return {
    ...toSummary(row),
    versions: versions.map((v) => ({
      number: v.v.number,
      notes: v.v.notes,
      publishedAt: v.v.publishedAt.toISOString(),
      publishedBy: v.v.publishedBy,
      projectCount: Number(v.projectCount),
    })),
    shownVersion: shown,
    content: contentOf(version.content),
  };
}

export async function createMethodology(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreateMethodologyBody>,
): Promise<Methodology> {
  assertContent(input.content);
  try {
    const id = await ctx.db.transaction(async (tx) => {
      await assertStandardCodes(tx, input.content);
      const m = await repo.insertMethodology(tx, {
        code: input.code,
        name: input.name,
        kind: input.kind,
        description: input.description,
        latestVersion: 1,
      });
      await repo.insertVersion(tx, {
        methodologyId: m.id,
        number: 1,
        content: withWbsKeys(input.content),
        notes: '',
        publishedBy: actor.name,
      });
      await recordAudit(tx, actor, {
        entityType: 'methodology',
        entityId: m.id,
        entityLabel: m.name,
        action: 'create',
        after: { code: m.code, name: m.name, kind: m.kind, version: 1 },
      });
      return m.id;
    });
    return getMethodology(ctx, id);
  } catch (err) {
    if (isUniqueViolation(err, 'gov_methodologies_code_key')) {
      throw new DomainError('DUPLICATE_CODE', `The code ${input.code} is already used`, {
        issues: [{ path: ['body', 'code'], message: 'Already used' }],
      });
    }
    throw err;
  }
}

/** Publishes a new version; projects on older versions keep theirs. */
export async function publishVersion(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof PublishVersionBody>,
): Promise<Methodology> {
  assertContent(input.content);
  await ctx.db.transaction(async (tx) => {
    await assertStandardCodes(tx, input.content);
    const before = await repo.findMethodology(tx, id);
    if (!before) throw notFound(id);
    const next = before.latestVersion + 1;
    const after = await repo.updateMethodology(tx, id, version, {
      latestVersion: next,
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.description === undefined ? {} : { description: input.description }),
    });
    if (!after) throw stale('methodology', await getMethodology({ ...ctx, db: tx }, id));
    await repo.insertVersion(tx, {
      methodologyId: id,
      number: next,
      content: withWbsKeys(input.content),
      notes: input.notes,
      publishedBy: actor.name,
    });
    await recordAudit(tx, actor, {
      entityType: 'methodology',
      entityId: id,
      entityLabel: after.name,
      action: 'update',
      before: {
        name: before.name,
        description: before.description,
        latestVersion: before.latestVersion,
      },
      after: { name: after.name, description: after.description, latestVersion: next },
    });
  });
  return getMethodology(ctx, id);
}

// ---------------------------------------------------------------- a project's lifecycle

const ref = (id: string | null, name: string | null | undefined) =>
  id ? { id, name: name ?? '' } : null;

function toDeliverable(row: { d: repo.DeliverableRow; ownerName: string | null }): Deliverable {
  const d = row.d;
  return {
    id: d.id,
    phaseKey: d.phaseKey,
    key: d.key,
    name: d.name,
    required: d.required,
    status: d.status as Deliverable['status'],
    reference: d.reference,
    owner: ref(d.ownerId, row.ownerName),
    approvedBy: d.approvedBy,
    approvedAt: d.approvedAt?.toISOString() ?? null,
    version: d.version,
  };
}

function toCondition(row: { c: repo.ConditionRow; ownerName: string | null }): GateCondition {
  const c = row.c;
  return {
    id: c.id,
    decisionId: c.decisionId,
    description: c.description,
    owner: ref(c.ownerId, row.ownerName),
    dueDate: c.dueDate,
    status: c.status as GateCondition['status'],
    closedAt: c.closedAt?.toISOString() ?? null,
    version: c.version,
  };
}

async function withConditions(
  db: Executor,
  rows: Awaited<ReturnType<typeof repo.listDecisions>>,
): Promise<GateDecision[]> {
  const conditions = await repo.listConditions(
    db,
    rows.map((r) => r.d.id),
  );
  const byDecision = new Map<string, GateCondition[]>();
  for (const c of conditions) {
    const list = byDecision.get(c.c.decisionId) ?? [];
    list.push(toCondition(c));
    byDecision.set(c.c.decisionId, list);
  }
  return rows.map((r) => ({
    id: r.d.id,
    project: { id: r.d.projectId, code: r.projectCode, name: r.projectName },
    phaseKey: r.d.phaseKey,
    phaseName: r.d.phaseName,
    gateName: r.d.gateName,
    decision: r.d.decision as GateDecisionKind,
    comment: r.d.comment,
    decidedBy: r.d.decidedByName,
    decidedAt: r.d.decidedAt.toISOString(),
    readiness: r.d.readiness as GateDecision['readiness'],
    conditions: byDecision.get(r.d.id) ?? [],
  }));
}

const states = (rows: { d: repo.DeliverableRow }[]): DeliverableState[] =>
  rows.map(({ d }) => ({
    phaseKey: d.phaseKey,
    key: d.key,
    name: d.name,
    required: d.required,
    status: d.status as DeliverableState['status'],
  }));

async function loadLifecycle(db: Executor, projectId: string) {
  const row = await repo.findLifecycle(db, projectId);
  if (!row)
    throw new DomainError('LIFECYCLE_NOT_SET', `Project ${projectId} follows no methodology yet`);
  const content = contentOf(row.v.content);
  const phaseIndex = Math.max(
    0,
    content.phases.findIndex((p) => p.key === row.l.currentPhaseKey),
  );
  return { ...row, content, phaseIndex, phase: content.phases[phaseIndex]! };
}

export async function getProjectGovernance(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
): Promise<ProjectGovernance> {
  const { roles } = await authorizeProject(ctx.db, actor, projectId, 'project.read');
  const lc = await loadLifecycle(ctx.db, projectId);
  const [deliverableRows, checks, decisionRows] = await Promise.all([
    repo.listDeliverables(ctx.db, projectId),
    repo.listChecks(ctx.db, projectId),
    repo.listDecisions(ctx.db, { visible: undefined, projectId, limit: 200 }),
  ]);
  const status = lc.l.status as LifecycleStatus;
  const delivStates = states(deliverableRows);
  const checked = new Set(
    checks.filter((c) => c.phaseKey === lc.phase.key).map((c) => c.criterionKey),
  );
  const ended = status === 'completed' || status === 'stopped';
  const closureGate = !ended && lc.phaseIndex === lc.content.phases.length - 1;
  const lessonCount = closureGate ? await countLessons(ctx.db, projectId) : 0;
  const approvers = lc.phase.gate?.approvers ?? [];
  const prepare = projectGrants(actor.role, roles, 'project.update');
  return {
    projectId,
    methodology: {
      id: lc.m.id,
      code: lc.m.code,
      name: lc.m.name,
      kind: lc.m.kind as MethodologyKind,
    },
    methodologyVersion: lc.v.number,
    latestVersion: lc.m.latestVersion,
    status,
    currentPhaseKey: lc.phase.key,
    phases: lc.content.phases.map((p, i) => ({
      key: p.key,
      name: p.name,
      state:
        i < lc.phaseIndex || status === 'completed'
          ? 'done'
          : i === lc.phaseIndex
            ? 'current'
            : 'upcoming',
      gate: p.gate
        ? { name: p.gate.name, approvers: p.gate.approvers, criteria: p.gate.criteria }
        : null,
    })),
    readiness:
      ended || !lc.phase.gate
        ? null
        : gateReadiness(
            lc.phase,
            delivStates,
            checked,
            await phaseMilestoneStates(ctx.db, projectId, lc.content, lc.phase.key),
          ),
    deliverables: deliverableRows.map(toDeliverable),
    decisions: await withConditions(ctx.db, decisionRows),
    compliance: complianceScore(lc.content.phases, delivStates, lc.phaseIndex, status),
    roles: lc.content.roles,
    documents: lc.content.documents,
    ceremonies: lc.content.ceremonies,
    closure: { closureGate, lessonCount },
    can: {
      prepare,
      decide:
        !ended &&
        projectGrants(actor.role, roles, 'gate.decide') &&
        mayDecideGate(approvers, actor.role, roles),
      approve: projectGrants(actor.role, roles, 'gate.decide'),
    },
    version: lc.l.version,
  };
}

/**
 * Puts a project on a methodology: its lifecycle (at the first phase, or the one given for a
 * project under way), the deliverables of every phase, and the default WBS in its plan.
 */
export async function applyMethodology(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  input: z.infer<typeof ApplyMethodologyBody>,
): Promise<ProjectGovernance> {
  await ctx.db.transaction((tx) => applyMethodologyInTx(tx, actor, projectId, input));
  return getProjectGovernance(ctx, actor, projectId);
}

export async function applyMethodologyInTx(
  tx: Executor,
  actor: Actor,
  projectId: string,
  input: z.infer<typeof ApplyMethodologyBody>,
  /** Where the method's fields sit in the request, for error paths. */
  at: string[] = ['body'],
) {
  const { project } = await authorizeProject(tx, actor, projectId, 'project.update');
  if (await repo.findLifecycle(tx, projectId)) {
    throw new DomainError(
      'LIFECYCLE_ALREADY_SET',
      `Project ${projectId} already follows a methodology`,
    );
  }
  const m = await repo.findMethodology(tx, input.methodologyId);
  if (!m) {
    throw new DomainError('METHODOLOGY_NOT_FOUND', `No methodology ${input.methodologyId}`, {
      issues: [{ path: [...at, 'methodologyId'], message: 'No such methodology' }],
    });
  }
  const version = await repo.findVersion(tx, m.id, input.version ?? m.latestVersion);
  if (!version) {
    throw validationError([{ path: [...at, 'version'], message: 'No such version' }]);
  }
  const content = contentOf(version.content);
  const phaseKey = input.phaseKey ?? content.phases[0]!.key;
  if (!content.phases.some((p) => p.key === phaseKey)) {
    throw validationError([
      { path: [...at, 'phaseKey'], message: 'No such phase in this methodology' },
    ]);
  }
  await repo.insertLifecycle(tx, {
    projectId,
    methodologyVersionId: version.id,
    currentPhaseKey: phaseKey,
    status: 'active',
  });
  await repo.insertDeliverables(
    tx,
    content.phases.flatMap((p) =>
      p.deliverables.map((d) => ({
        projectId,
        phaseKey: p.key,
        key: d.key,
        name: d.name,
        required: d.required,
        ownerId: project.managerId,
      })),
    ),
  );
  let tasks = 0;
  if (input.createWbs) {
    // Each task keeps the method's item key it comes from (a later version move matches by it).
    const keys = new Map<string, string>();
    const tree = withIds(
      methodTrees(content).map((p) => p.tree),
      keys,
    );
    tasks = await appendTaskTreeInTx(tx, actor, projectId, tree);
    await saveTaskKeys(tx, projectId, keys);
  }
  await recordAudit(tx, actor, {
    entityType: 'project_lifecycle',
    entityId: projectId,
    entityLabel: `${project.code} — ${m.name} v${version.number}`,
    projectId,
    action: 'create',
    after: { methodology: m.code, version: version.number, phase: phaseKey, tasks },
  });
}

export async function createDeliverable(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  input: z.infer<typeof CreateDeliverableBody>,
): Promise<Deliverable> {
  const id = await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.update');
    const lc = await loadLifecycle(tx, projectId);
    if (!lc.content.phases.some((p) => p.key === input.phaseKey)) {
      throw validationError([{ path: ['body', 'phaseKey'], message: 'No such phase' }]);
    }
    await assertPeopleExist(tx, { ownerId: input.ownerId });
    const [row] = await repo.insertDeliverables(tx, [
      {
        projectId,
        phaseKey: input.phaseKey,
        key: `x-${crypto.randomUUID().slice(0, 8)}`,
        name: input.name,
        required: input.required,
        reference: input.reference,
        ownerId: input.ownerId ?? null,
      },
    ]);
    await recordAudit(tx, actor, {
      entityType: 'deliverable',
      entityId: row!.id,
      entityLabel: `${project.code} — ${row!.name}`,
      projectId,
      action: 'create',
      after: { name: row!.name, phase: row!.phaseKey, required: row!.required },
    });
    return row!.id;
  });
  return getDeliverable(ctx, projectId, id);
}

async function getDeliverable(ctx: Ctx, projectId: string, id: string) {
  const rows = await repo.listDeliverables(ctx.db, projectId);
  const row = rows.find((r) => r.d.id === id);
  if (!row) throw new DomainError('DELIVERABLE_NOT_FOUND', `No deliverable ${id}`);
  return toDeliverable(row);
}

const deliverableFields = (d: repo.DeliverableRow) => ({
  status: d.status,
  reference: d.reference,
  ownerId: d.ownerId,
});

/** Changes a deliverable; approving it (or withdrawing an approval) takes a gate approver. */
export async function updateDeliverable(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  deliverableId: string,
  version: number,
  input: z.infer<typeof UpdateDeliverableBody>,
): Promise<Deliverable> {
  await ctx.db.transaction(async (tx) => {
    const { project, roles } = await authorizeProject(tx, actor, projectId, 'project.update');
    const before = await repo.findDeliverable(tx, projectId, deliverableId);
    if (!before) throw new DomainError('DELIVERABLE_NOT_FOUND', `No deliverable ${deliverableId}`);
    const touchesApproval =
      input.status !== undefined &&
      input.status !== before.status &&
      (input.status === 'approved' || before.status === 'approved');
    if (touchesApproval && !projectGrants(actor.role, roles, 'gate.decide')) {
      throw new DomainError('FORBIDDEN', 'Only a gate approver may approve a deliverable', {
        permission: 'gate.decide',
      });
    }
    await assertPeopleExist(tx, { ownerId: input.ownerId });
    const approval =
      input.status === 'approved' && before.status !== 'approved'
        ? { approvedBy: actor.name, approvedAt: new Date() }
        : input.status !== undefined && input.status !== 'approved'
          ? { approvedBy: null, approvedAt: null }
          : {};
    const after = await repo.updateDeliverable(tx, deliverableId, version, {
      ...(input.status === undefined ? {} : { status: input.status }),
      ...(input.reference === undefined ? {} : { reference: input.reference }),
      ...(input.ownerId === undefined ? {} : { ownerId: input.ownerId }),
      ...approval,
    });
    if (!after)
      throw stale(
        'deliverable',
        await getDeliverable({ ...ctx, db: tx }, projectId, deliverableId),
      );
    await recordAudit(tx, actor, {
      entityType: 'deliverable',
      entityId: deliverableId,
      entityLabel: `${project.code} — ${after.name}`,
      projectId,
      action: 'update',
      before: deliverableFields(before),
      after: deliverableFields(after),
    });
  });
  return getDeliverable(ctx, projectId, deliverableId);
}

/** Ticks or unticks a criterion of the current gate's checklist. */
export async function setCriterion(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  input: z.infer<typeof SetCriterionBody>,
): Promise<ProjectGovernance> {
  await ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.update');
    const lc = await loadLifecycle(tx, projectId);
    const phase = lc.content.phases.find((p) => p.key === input.phaseKey);
    const criterion = phase?.gate?.criteria.find((c) => c.key === input.criterionKey);
    if (!phase || !criterion) {
      throw validationError([
        {
          path: ['body', phase ? 'criterionKey' : 'phaseKey'],
          message: 'Not a criterion of this lifecycle',
        },
      ]);
    }
    const changed = await repo.setCheck(
      tx,
      { projectId, phaseKey: phase.key, criterionKey: criterion.key, checkedBy: actor.name },
      input.met,
    );
    if (changed) {
      await recordAudit(tx, actor, {
        entityType: 'project_lifecycle',
        entityId: projectId,
        entityLabel: `${project.code} — ${phase.gate!.name}`,
        projectId,
        action: 'update',
        before: { [`criterion:${criterion.label}`]: !input.met },
        after: { [`criterion:${criterion.label}`]: input.met },
      });
    }
  });
  return getProjectGovernance(ctx, actor, projectId);
}

/**
 * Records the decision on the gate that closes the current phase (If-Match: the lifecycle's
 * version): its readiness at that moment, its conditions, and the lifecycle's new position.
 */
export async function decideGate(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  version: number,
  input: z.infer<typeof GateDecisionBody>,
): Promise<ProjectGovernance> {
  await ctx.db.transaction(async (tx) => {
    const { project, roles } = await authorizeProject(tx, actor, projectId, 'gate.decide');
    const lc = await loadLifecycle(tx, projectId);
    const gate = lc.phase.gate ?? {
      name: lc.phase.name,
      criteria: [],
      approvers: ['pmo' as const],
    };
    if (!mayDecideGate(gate.approvers, actor.role, roles)) {
      throw new DomainError('FORBIDDEN', `Only ${gate.approvers.join(', ')} may decide this gate`, {
        permission: 'gate.decide',
        approvers: gate.approvers,
      });
    }
    const next = applyGateDecision(
      { phaseIndex: lc.phaseIndex, status: lc.l.status as LifecycleStatus },
      lc.content.phases.length,
      input.decision,
      input.conditions.length,
    );
    // The gate that closes the project needs the lessons learned (REX) first.
    if (next.status === 'completed' && (await countLessons(tx, projectId)) === 0) {
      throw new DomainError(
        'LESSONS_REQUIRED',
        `Record at least one lesson learned on ${project.code} before its closure gate`,
        { projectId },
      );
    }
    await assertPeopleExist(tx, {
      ...Object.fromEntries(input.conditions.map((c, i) => [`conditions.${i}.ownerId`, c.ownerId])),
    });
    // One query at a time on a transaction (never concurrent on one client).
    const deliverableRows = await repo.listDeliverables(tx, projectId);
    const checks = await repo.listChecks(tx, projectId);
    const readiness = gateReadiness(
      { ...lc.phase, gate },
      states(deliverableRows),
      new Set(checks.filter((c) => c.phaseKey === lc.phase.key).map((c) => c.criterionKey)),
      await phaseMilestoneStates(tx, projectId, lc.content, lc.phase.key),
    );
    const after = await repo.updateLifecycle(tx, projectId, version, {
      currentPhaseKey: lc.content.phases[next.phaseIndex]!.key,
      status: next.status,
    });
    if (!after) {
      throw stale('lifecycle', {
        version: lc.l.version,
        currentPhaseKey: lc.l.currentPhaseKey,
        status: lc.l.status,
      });
    }
    const decision = await repo.insertDecision(tx, {
      projectId,
      phaseKey: lc.phase.key,
      phaseName: lc.phase.name,
      gateName: gate.name,
      decision: input.decision,
      comment: input.comment,
      decidedById: userIdOf(actor),
      decidedByName: actor.name,
      readiness: { done: readiness.done, total: readiness.total, missing: readiness.missing },
    });
    await repo.insertConditions(
      tx,
      input.conditions.map((c) => ({
        decisionId: decision.id,
        projectId,
        description: c.description,
        ownerId: c.ownerId,
        dueDate: c.dueDate,
      })),
    );
    await recordAudit(tx, actor, {
      entityType: 'gate_decision',
      entityId: decision.id,
      entityLabel: `${project.code} — ${gate.name}`,
      projectId,
      action: 'create',
      after: {
        decision: input.decision,
        phase: lc.phase.key,
        readiness: `${readiness.done}/${readiness.total}`,
        conditions: input.conditions.length,
        comment: input.comment,
      },
    });
    await recordAudit(tx, actor, {
      entityType: 'project_lifecycle',
      entityId: projectId,
      entityLabel: `${project.code} — ${lc.m.name}`,
      projectId,
      action: 'update',
      before: { phase: lc.l.currentPhaseKey, status: lc.l.status },
      after: { phase: after.currentPhaseKey, status: after.status },
    });
  });
  return getProjectGovernance(ctx, actor, projectId);
}

/** Closes (or reopens) a condition of a gate decision. */
export async function updateCondition(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  conditionId: string,
  version: number,
  input: z.infer<typeof UpdateConditionBody>,
): Promise<GateCondition> {
  return ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.update');
    const before = await repo.findCondition(tx, projectId, conditionId);
    if (!before) throw new DomainError('CONDITION_NOT_FOUND', `No condition ${conditionId}`);
    const after = await repo.updateCondition(tx, conditionId, version, {
      status: input.status,
      closedAt: input.status === 'done' ? (before.closedAt ?? new Date()) : null,
    });
    if (!after) throw stale('condition', toCondition({ c: before, ownerName: null }));
    await recordAudit(tx, actor, {
      entityType: 'gate_condition',
      entityId: conditionId,
      entityLabel: `${project.code} — ${after.description}`,
      projectId,
      action: 'update',
      before: { status: before.status },
      after: { status: after.status },
    });
    const [withOwner] = (await repo.listConditions(tx, [after.decisionId])).filter(
      (c) => c.c.id === conditionId,
    );
    return toCondition(withOwner!);
  });
}

// ---------------------------------------------------------------- portfolio views

export async function listGateDecisions(
  ctx: Ctx,
  actor: Actor,
  query: z.infer<typeof GateDecisionQuery>,
) {
  const after = query.cursor ? (decodeCursor(query.cursor, 2) as [string, string]) : undefined;
  const rows = await repo.listDecisions(ctx.db, {
    visible: visibleProjectsCondition(actor),
    projectId: query.projectId,
    portfolioId: query.portfolioId,
    decision: query.decision,
    phaseKey: query.phaseKey,
    from: query.from,
    to: query.to,
    openConditions:
      query.openConditions === undefined ? undefined : query.openConditions === 'true',
    after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1]?.d;
  return {
    items: await withConditions(ctx.db, page),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor([last.decidedAt.toISOString(), last.id])
        : null,
  };
}

/** Compliance of every visible project (set-wise: two queries whatever the number of projects). */
export async function listCompliance(
  ctx: Ctx,
  actor: Actor,
  portfolioId?: string,
): Promise<z.infer<typeof ComplianceList>> {
  const rows = await repo.complianceRows(ctx.db, visibleProjectsCondition(actor), portfolioId);
  const governed = rows.filter((r) => r.lifecycle !== null);
  const states = await repo.deliverableStates(
    ctx.db,
    governed.map((r) => r.id),
  );
  const byProject = new Map<string, DeliverableState[]>();
  for (const s of states) {
    const list = byProject.get(s.projectId) ?? [];
    list.push({ ...s, status: s.status as DeliverableState['status'] });
    byProject.set(s.projectId, list);
  }
  const contents = new Map<string, Content>();
  return {
    items: rows.map((r) => {
      const base = {
        project: { id: r.id, code: r.code, name: r.name },
        portfolio: { id: r.portfolioId, name: r.portfolioName },
        openConditions: Number(r.openConditions),
        overdueConditions: Number(r.overdueConditions),
      };
      if (!r.lifecycle || !r.methodologyId) {
        return {
          ...base,
          methodology: null,
          status: null,
          phaseName: null,
          score: null,
          required: 0,
          approved: 0,
        };
      }
      const cacheKey = `${r.methodologyId}:${r.versionNumber}`;
      let content = contents.get(cacheKey);
      if (!content) {
        content = contentOf(r.content);
        contents.set(cacheKey, content);
      }
      const index = Math.max(
        0,
        content.phases.findIndex((p) => p.key === r.lifecycle!.currentPhaseKey),
      );
      const status = r.lifecycle.status as LifecycleStatus;
      const c = complianceScore(content.phases, byProject.get(r.id) ?? [], index, status);
      return {
        ...base,
        methodology: {
          id: r.methodologyId,
          name: r.methodologyName ?? '',
          version: r.versionNumber ?? 1,
        },
        status,
        phaseName: content.phases[index]?.name ?? null,
        score: c.score,
        required: c.required,
        approved: c.approved,
      };
    }),
  };
}

// ---------------------------------------------------------------- RACI

function toRaci(row: { columns: unknown; rows: unknown; version: number } | undefined): Raci {
  const columns = (row?.columns ?? []) as Raci['columns'];
  const rows = (row?.rows ?? []) as Raci['rows'];
  return { columns, rows, checks: checkRaci(rows), version: row?.version ?? 0 };
}

export async function getRaci(ctx: Ctx, actor: Actor, projectId: string): Promise<Raci> {
  await authorizeProject(ctx.db, actor, projectId, 'project.read');
  return toRaci(await repo.findRaci(ctx.db, projectId));
}

/** Saves the whole matrix (If-Match: its version, 0 for the first save). */
export async function saveRaci(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  version: number,
  input: z.infer<typeof RaciBody>,
): Promise<Raci> {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const columnKeys = new Set<string>();
  input.columns.forEach((c, i) => {
    if (columnKeys.has(c.key))
      issues.push({ path: ['body', 'columns', i, 'key'], message: 'Used twice' });
    columnKeys.add(c.key);
  });
  const rowKeys = new Set<string>();
  input.rows.forEach((r, i) => {
    if (rowKeys.has(r.key))
      issues.push({ path: ['body', 'rows', i, 'key'], message: 'Used twice' });
    rowKeys.add(r.key);
    for (const k of Object.keys(r.cells))
      if (!columnKeys.has(k))
        issues.push({ path: ['body', 'rows', i, 'cells', k], message: 'No such column' });
  });
  if (issues.length > 0) throw validationError(issues);
  return ctx.db.transaction(async (tx) => {
    const { project } = await authorizeProject(tx, actor, projectId, 'project.update');
    await assertPeopleExist(tx, {
      ...Object.fromEntries(input.columns.map((c, i) => [`columns.${i}.personId`, c.personId])),
    });
    const before = await repo.findRaci(tx, projectId);
    const values = { columns: input.columns, rows: input.rows };
    let after;
    if (!before) {
      if (version !== 0) throw stale('RACI matrix', toRaci(undefined));
      after = await repo.insertRaci(tx, { projectId, ...values });
    } else {
      after = await repo.updateRaci(tx, projectId, version, values);
      if (!after) throw stale('RACI matrix', toRaci(before));
    }
    await recordAudit(tx, actor, {
      entityType: 'raci',
      entityId: projectId,
      entityLabel: `${project.code} — RACI`,
      projectId,
      action: before ? 'update' : 'create',
      before: before
        ? { rows: (before.rows as unknown[]).length, columns: (before.columns as unknown[]).length }
        : null,
      after: { rows: input.rows.length, columns: input.columns.length },
    });
    return toRaci(after);
  });
}

// ---------------------------------------------------------------- glossary

function toTerm(r: repo.GlossaryRow): GlossaryTerm {
  return {
    id: r.id,
    term: r.term,
    termEn: r.termEn,
    definition: r.definition,
    definitionEn: r.definitionEn,
    example: r.example,
    category: r.category as GlossaryTerm['category'],
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}

const duplicateTerm = (term: string | undefined) =>
  new DomainError('DUPLICATE_CODE', `The term ${term} is already defined`, {
    issues: [{ path: ['body', 'term'], message: 'Already defined' }],
  });

export async function listGlossary(ctx: Ctx, q?: string, category?: string) {
  const rows = await repo.listGlossary(ctx.db, q, category);
  return { items: rows.map(toTerm) };
}

export async function getTerm(ctx: Ctx, id: string) {
  const row = await repo.findTerm(ctx.db, id);
  if (!row) throw new DomainError('GLOSSARY_TERM_NOT_FOUND', `No term ${id}`);
  return toTerm(row);
}

export async function createTerms(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreateGlossaryTermBody>[],
): Promise<GlossaryTerm[]> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const rows = await repo.insertTerms(tx, input);
      for (const row of rows) {
        await recordAudit(tx, actor, {
          entityType: 'glossary_term',
          entityId: row.id,
          entityLabel: row.term,
          action: 'create',
          after: { term: row.term, category: row.category },
        });
      }
      return rows.map(toTerm);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'gov_glossary_terms_term_key')) throw duplicateTerm(input[0]?.term);
    throw err;
  }
}

const termFields = (r: repo.GlossaryRow) => ({
  term: r.term,
  termEn: r.termEn,
  definition: r.definition,
  definitionEn: r.definitionEn,
  example: r.example,
  category: r.category,
});

export async function updateTerm(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdateGlossaryTermBody>,
): Promise<GlossaryTerm> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const before = await repo.findTerm(tx, id);
      if (!before) throw new DomainError('GLOSSARY_TERM_NOT_FOUND', `No term ${id}`);
      const after = await repo.updateTerm(tx, id, version, input);
      if (!after) throw stale('term', toTerm(before));
      await recordAudit(tx, actor, {
        entityType: 'glossary_term',
        entityId: id,
        entityLabel: after.term,
        action: 'update',
        before: termFields(before),
        after: termFields(after),
      });
      return toTerm(after);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'gov_glossary_terms_term_key')) throw duplicateTerm(input.term);
    throw err;
  }
}

export async function deleteTerm(ctx: Ctx, actor: Actor, id: string, version: number) {
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findTerm(tx, id);
    if (!before) throw new DomainError('GLOSSARY_TERM_NOT_FOUND', `No term ${id}`);
    if (!(await repo.deleteTerm(tx, id, version))) throw stale('term', toTerm(before));
    await recordAudit(tx, actor, {
      entityType: 'glossary_term',
      entityId: id,
      entityLabel: before.term,
      action: 'delete',
      before: termFields(before),
    });
  });
}
