import type { z } from 'zod';
import type {
  CreateRiskBody,
  EscalateRiskBody,
  CreateRiskCategoryBody,
  Heatmap,
  HeatmapQuery,
  Risk,
  RiskDetail,
  RiskListQuery,
  RiskSettings as RiskSettingsBody,
  UpdateRiskBody,
  UpdateRiskCategoryBody,
} from '../../../contracts/risks.ts';
import { escalation } from '../../../core/raid/escalation.ts';
import { DomainError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import { roleGrants, type Permission } from '../../../core/platform/permissions.ts';
import {
  criticalityOf,
  DEFAULT_RISK_SETTINGS,
  expectedMonetaryValue,
  overallImpact,
  riskScore,
  settingsProblem,
  strategiesFor,
  type RiskSettings,
} from '../../../core/risks/register.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { decodeCursor, encodeCursor } from '../../db/cursor.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { assertPeopleExist } from '../org/org.service.ts';
import { recordAudit } from '../platform/audit.service.ts';
import {
  authorizeProject,
  getPortfolio,
  getProgram,
  getProject,
  listProjects,
} from '../portfolio/portfolio.service.ts';
import { rerateSummary } from '../../../core/register/rerate.ts';
import * as repo from './risks.repository.ts';

// ---------------------------------------------------------------- settings and categories

/** The PMO's scales and matrix (the default 5 × 5 until the PMO saves its own). */
export async function getSettings(db: Executor): Promise<RiskSettings & { version: number }> {
  const row = await repo.findSettings(db);
  if (!row) return { ...DEFAULT_RISK_SETTINGS, version: 0 };
  return { ...(row.settings as RiskSettings), version: row.version };
}

export async function updateSettings(
  ctx: Ctx,
  actor: Actor,
  version: number,
  body: z.infer<typeof RiskSettingsBody>,
) {
  const problem = settingsProblem(body);
  if (problem) {
    throw new DomainError('VALIDATION_FAILED', problem, {
      issues: [{ path: ['body', 'matrix'], message: problem }],
    });
  }
  await ctx.db.transaction(async (tx) => {
    const before = await getSettings(tx);
    if (before.version !== version) {
      throw new DomainError(
        'VERSION_MISMATCH',
        'Someone else changed the risk scales; reload them',
        {
          current: before,
        },
      );
    }
    if (version === 0) await repo.insertSettings(tx, DEFAULT_RISK_SETTINGS);
    const row = await repo.updateSettings(tx, body, Math.max(1, version));
    if (!row) throw new DomainError('VERSION_MISMATCH', 'Someone else changed the risk scales');
    // Scales of another size: every risk moves to the same place on the new scale, dated.
    const rerate = rerateSummary(before, body);
    if (rerate.probabilityMap || rerate.impactMap) {
      await repo.rerateRisks(
        tx,
        rerate.probabilityMap,
        rerate.impactMap,
        today(),
        `Échelles modifiées : ${before.probability.length}×${before.impact.length} → ${body.probability.length}×${body.impact.length}`,
        assessorOf(actor),
      );
    }
    // The EMV of every risk follows the percentages of the probability levels.
    await repo.recomputeEmv(
      tx,
      body.probability.map((l) => l.percent),
    );
    await recordAudit(tx, actor, {
      entityType: 'risk_settings',
      entityId: '00000000-0000-0000-0000-000000000000',
      entityLabel: 'Échelles et matrice des risques',
      action: 'update',
      before: { ...before, version: undefined },
      after: body as unknown as Record<string, unknown>,
    });
  });
  return getSettings(ctx.db);
}

const toCategory = (c: Awaited<ReturnType<typeof repo.listCategories>>[number]) => ({
  id: c.id,
  code: c.code,
  name: c.name,
  description: c.description,
  parentId: c.parentId,
  version: c.version,
});

export async function listCategories(ctx: Ctx) {
  return { items: (await repo.listCategories(ctx.db)).map(toCategory) };
}

async function assertCategory(tx: Executor, id: string | null | undefined, path = 'categoryId') {
  if (id && !(await repo.findCategory(tx, id))) {
    throw new DomainError('RISK_CATEGORY_NOT_FOUND', `No risk category ${id}`, {
      issues: [{ path: ['body', path], message: 'No such category' }],
    });
  }
}

function duplicateCategory(code: string | undefined) {
  return new DomainError('DUPLICATE_CODE', `The category code ${code} is already used`, {
    issues: [{ path: ['body', 'code'], message: 'Already used' }],
  });
}

export async function createCategory(
  ctx: Ctx,
  actor: Actor,
  body: z.infer<typeof CreateRiskCategoryBody>,
) {
  try {
    return await ctx.db.transaction(async (tx) => {
      await assertCategory(tx, body.parentId, 'parentId');
      const row = await repo.insertCategory(tx, body);
      await recordAudit(tx, actor, {
        entityType: 'risk_category',
        entityId: row.id,
        entityLabel: row.name,
        action: 'create',
        after: toCategory(row),
      });
      return toCategory(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateCategory(body.code);
    throw err;
  }
}

export async function updateCategory(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  body: z.infer<typeof UpdateRiskCategoryBody>,
) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const before = await repo.findCategory(tx, id);
      if (!before) throw new DomainError('RISK_CATEGORY_NOT_FOUND', `No risk category ${id}`);
      if (body.parentId === id) {
        throw new DomainError('HIERARCHY_CYCLE', 'A category cannot be its own parent');
      }
      await assertCategory(tx, body.parentId, 'parentId');
      const after = await repo.updateCategory(tx, id, version, body);
      if (!after) {
        throw new DomainError('VERSION_MISMATCH', 'Someone else changed this category; reload it', {
          current: toCategory(before),
        });
      }
      await recordAudit(tx, actor, {
        entityType: 'risk_category',
        entityId: id,
        entityLabel: after.name,
        action: 'update',
        before: toCategory(before),
        after: toCategory(after),
      });
      return toCategory(after);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateCategory(body.code);
    throw err;
  }
}

/** Removes a category no risk and no sub-category uses (If-Match). */
export async function deleteCategory(ctx: Ctx, actor: Actor, id: string, version: number) {
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findCategory(tx, id);
    if (!before) throw new DomainError('RISK_CATEGORY_NOT_FOUND', `No risk category ${id}`);
    const use = await repo.categoryUse(tx, id);
    if (use.risks > 0 || use.children > 0) {
      throw new DomainError('RISK_CATEGORY_IN_USE', 'Risks or sub-categories use this category', {
        risks: use.risks,
        children: use.children,
      });
    }
    if (!(await repo.deleteCategory(tx, id, version))) {
      throw new DomainError('VERSION_MISMATCH', 'Someone else changed this category; reload it', {
        current: toCategory(before),
      });
    }
    await recordAudit(tx, actor, {
      entityType: 'risk_category',
      entityId: id,
      entityLabel: before.name,
      action: 'delete',
      before: toCategory(before),
    });
  });
}

// ---------------------------------------------------------------- who sees which risks

/** The projects and programmes whose risks the actor may read (everything for global readers). */
export async function readScope(ctx: Ctx, actor: Actor): Promise<repo.RiskScope> {
  if (roleGrants(actor.role, 'risk.read')) return { all: true };
  const projectIds: string[] = [];
  const programIds = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await listProjects(ctx, actor, {
      limit: 200,
      sort: 'code',
      order: 'asc',
      ...(cursor ? { cursor } : {}),
    });
    for (const p of page.items) {
      projectIds.push(p.id);
      if (p.program) programIds.add(p.program.id);
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return { all: false, projectIds, programIds: [...programIds] };
}

/**
 * Checks the actor may read (or manage) the risks of a programme. Programmes are visible to
 * every signed-in user, so a refusal is FORBIDDEN. Readers: global risk readers, the
 * programme manager, members of one of its projects; managers: global risk managers and the
 * programme manager.
 */
export async function authorizeProgram(
  ctx: Ctx,
  actor: Actor,
  programId: string,
  permission: Permission,
) {
  const program = await getProgram(ctx, actor, programId);
  const manages = actor.personId !== null && program.manager?.id === actor.personId;
  if (roleGrants(actor.role, permission)) return program;
  if (manages && (permission === 'risk.read' || actor.role !== 'viewer')) return program;
  if (permission === 'risk.read') {
    const scope = await readScope(ctx, actor);
    if (!scope.all && scope.programIds.includes(programId)) return program;
  }
  throw new DomainError('FORBIDDEN', `You may not ${permission} on this program`, { permission });
}

/** Loads a risk the actor may act on: not readable → RISK_NOT_FOUND, read-only → FORBIDDEN. */
export async function authorizeRisk(
  ctx: Ctx,
  tx: Executor,
  actor: Actor,
  id: string,
  permission: Permission,
) {
  const risk = await repo.findRisk(tx, id);
  if (!risk) throw new DomainError('RISK_NOT_FOUND', `No risk ${id}`);
  const check = async (p: Permission) => {
    if (!risk.projectId && !risk.programId) {
      // A portfolio register is the PMO's: global roles only.
      if (roleGrants(actor.role, p)) return;
      throw new DomainError('FORBIDDEN', `You may not ${p} on this portfolio`, { permission: p });
    }
    if (risk.projectId) {
      try {
        await authorizeProject(tx, actor, risk.projectId, p);
        return;
      } catch (err) {
        // An escalated risk is also read and managed from its programme.
        if (!risk.programId || !(err instanceof DomainError)) throw err;
      }
    }
    await authorizeProgram(ctx, actor, risk.programId!, p);
  };
  try {
    await check('risk.read');
  } catch (err) {
    if (err instanceof DomainError) throw new DomainError('RISK_NOT_FOUND', `No risk ${id}`);
    throw err;
  }
  if (permission !== 'risk.read') await check(permission);
  return risk;
}

// ---------------------------------------------------------------- risks

export function toRisk(settings: RiskSettings, v: repo.RiskView): Risk {
  const r = v.r;
  const residualP = r.residualProbability;
  const residualI = r.residualImpact;
  const hasResidual = residualP !== null || residualI !== null;
  const rp = residualP ?? r.probability;
  const ri = residualI ?? r.impact;
  return {
    id: r.id,
    code: `R-${r.number}`,
    project: r.projectId ? { id: r.projectId, name: v.projectName ?? '' } : null,
    program: r.programId ? { id: r.programId, name: v.programName ?? '' } : null,
    portfolio: r.portfolioId ? { id: r.portfolioId, name: v.portfolioName ?? '' } : null,
    escalated: r.escalatedAt !== null,
    escalatedTo:
      r.escalatedAt === null
        ? null
        : r.portfolioId !== null && (r.projectId !== null || r.programId !== null)
          ? 'portfolio'
          : 'program',
    escalationReason: r.escalationReason,
    kind: r.kind as Risk['kind'],
    title: r.title,
    cause: r.cause,
    event: r.event,
    effect: r.effect,
    category: r.categoryId ? { id: r.categoryId, name: v.categoryName ?? '' } : null,
    probability: r.probability,
    impacts: {
      cost: r.impactCost,
      schedule: r.impactSchedule,
      quality: r.impactQuality,
      reputation: r.impactReputation,
    },
    impact: r.impact,
    score: r.score,
    criticality: criticalityOf(settings, r.probability, r.impact),
    costImpactCents: Number(r.costImpactCents),
    currency: r.currency,
    emvCents: Number(r.emvCents),
    contingencyCents:
      r.contingencyCents !== null
        ? Number(r.contingencyCents)
        : r.kind === 'threat'
          ? Number(r.emvCents)
          : 0,
    scheduleImpactDays: r.scheduleImpactDays,
    proximity: r.proximity,
    owner: r.ownerId ? { id: r.ownerId, name: v.ownerName ?? '' } : null,
    strategy: r.strategy as Risk['strategy'],
    response: r.response,
    residualProbability: residualP,
    residualImpact: residualI,
    residualScore: hasResidual ? riskScore(rp, ri) : null,
    residualCriticality: hasResidual ? criticalityOf(settings, rp, ri) : null,
    status: r.status as Risk['status'],
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

type Assessed = Pick<
  repo.RiskInsert,
  | 'kind'
  | 'probability'
  | 'impactCost'
  | 'impactSchedule'
  | 'impactQuality'
  | 'impactReputation'
  | 'costImpactCents'
  | 'residualProbability'
  | 'residualImpact'
>;

/** The computed columns of a risk from what people entered, after checking it against the scales. */
function computed(settings: RiskSettings, r: Assessed) {
  const p = settings.probability.length;
  const i = settings.impact.length;
  const issues: { path: string[]; message: string }[] = [];
  const check = (value: number | null | undefined, max: number, path: string[]) => {
    if (value !== null && value !== undefined && value > max) {
      issues.push({ path: ['body', ...path], message: `The scale has ${max} levels` });
    }
  };
  check(r.probability, p, ['probability']);
  check(r.residualProbability, p, ['residualProbability']);
  check(r.residualImpact, i, ['residualImpact']);
  check(r.impactCost, i, ['impacts', 'cost']);
  check(r.impactSchedule, i, ['impacts', 'schedule']);
  check(r.impactQuality, i, ['impacts', 'quality']);
  check(r.impactReputation, i, ['impacts', 'reputation']);
  if (issues.length > 0)
    throw new DomainError('VALIDATION_FAILED', 'A level is off the scale', { issues });
  const impact = overallImpact({
    cost: r.impactCost ?? null,
    schedule: r.impactSchedule ?? null,
    quality: r.impactQuality ?? null,
    reputation: r.impactReputation ?? null,
  });
  return {
    impact,
    score: riskScore(r.probability!, impact),
    emvCents: expectedMonetaryValue(
      settings,
      r.kind as 'threat' | 'opportunity',
      r.probability!,
      Number(r.costImpactCents ?? 0),
    ),
  };
}

function checkStrategy(kind: string, strategy: string | null | undefined) {
  if (strategy && !strategiesFor(kind as 'threat' | 'opportunity').includes(strategy as never)) {
    throw new DomainError('VALIDATION_FAILED', `Strategy ${strategy} does not fit a ${kind}`, {
      issues: [{ path: ['body', 'strategy'], message: `Not a strategy for a ${kind}` }],
    });
  }
}

const auditFields = (r: repo.RiskRow) => ({
  title: r.title,
  kind: r.kind,
  cause: r.cause,
  event: r.event,
  effect: r.effect,
  categoryId: r.categoryId,
  probability: r.probability,
  impactCost: r.impactCost,
  impactSchedule: r.impactSchedule,
  impactQuality: r.impactQuality,
  impactReputation: r.impactReputation,
  costImpactCents: Number(r.costImpactCents),
  contingencyCents: r.contingencyCents === null ? null : Number(r.contingencyCents),
  scheduleImpactDays: r.scheduleImpactDays,
  proximity: r.proximity,
  ownerId: r.ownerId,
  strategy: r.strategy,
  response: r.response,
  residualProbability: r.residualProbability,
  residualImpact: r.residualImpact,
  status: r.status,
  programId: r.programId,
  portfolioId: r.portfolioId,
  escalationReason: r.escalationReason,
});

function missing(id: string): never {
  throw new DomainError('RISK_NOT_FOUND', `No risk ${id}`);
}

const today = () => new Date().toISOString().slice(0, 10);

/** The account behind an assessment (the system actor of the seed and jobs is none). */
const assessorOf = (actor: Actor | null) =>
  actor && /^[0-9a-f-]{36}$/i.test(actor.userId) ? actor.userId : null;

function assessmentOf(r: repo.RiskRow, actor: Actor | null, note: string, on = today()) {
  return {
    riskId: r.id,
    assessedOn: on,
    probability: r.probability,
    impact: r.impact,
    residualProbability: r.residualProbability,
    residualImpact: r.residualImpact,
    emvCents: Number(r.emvCents),
    status: r.status,
    note,
    assessedBy: assessorOf(actor),
  };
}

/** The values of a new risk row from a create body (numbers and computed columns). */
function newRiskValues(settings: RiskSettings, body: CreateRiskBody) {
  checkStrategy(body.kind, body.strategy);
  const values = {
    kind: body.kind,
    title: body.title,
    cause: body.cause,
    event: body.event,
    effect: body.effect,
    categoryId: body.categoryId,
    probability: body.probability,
    impactCost: body.impacts.cost ?? null,
    impactSchedule: body.impacts.schedule ?? null,
    impactQuality: body.impacts.quality ?? null,
    impactReputation: body.impacts.reputation ?? null,
    costImpactCents: body.costImpactCents,
    currency: body.currency,
    contingencyCents: body.contingencyCents,
    scheduleImpactDays: body.scheduleImpactDays,
    proximity: body.proximity,
    ownerId: body.ownerId,
    strategy: body.strategy,
    response: body.response,
    residualProbability: body.residualProbability,
    residualImpact: body.residualImpact,
    status: body.status,
    closedAt: body.status === 'closed' ? new Date() : null,
  };
  return { ...values, ...computed(settings, values) };
}

async function insertRiskIn(
  ctx: Ctx,
  actor: Actor,
  container: { projectId: string | null; programId: string | null; portfolioId?: string | null },
  body: CreateRiskBody,
) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ctx.db.transaction(async (tx) => {
        const settings = await getSettings(tx);
        await assertCategory(tx, body.categoryId);
        if (body.ownerId) await assertPeopleExist(tx, { ownerId: body.ownerId });
        const number = await repo.nextNumber(
          tx,
          container.projectId,
          container.programId,
          container.portfolioId ?? null,
        );
        const row = await repo.insertRisk(tx, {
          ...newRiskValues(settings, body),
          ...container,
          number,
        });
        await repo.insertAssessments(tx, [assessmentOf(row, actor, '')]);
        await recordAudit(tx, actor, {
          entityType: 'risk',
          entityId: row.id,
          entityLabel: `R-${row.number} ${row.title}`,
          projectId: row.projectId,
          action: 'create',
          after: auditFields(row),
        });
        return row.id;
      });
    } catch (err) {
      // Two risks created at once in the same register: take the next number.
      if (isUniqueViolation(err) && attempt < 3) continue;
      throw err;
    }
  }
}

export async function createProjectRisk(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  body: CreateRiskBody,
) {
  await authorizeProject(ctx.db, actor, projectId, 'risk.manage');
  const id = await insertRiskIn(ctx, actor, { projectId, programId: null }, body);
  return getRisk(ctx, actor, id);
}

export async function createProgramRisk(
  ctx: Ctx,
  actor: Actor,
  programId: string,
  body: CreateRiskBody,
) {
  await authorizeProgram(ctx, actor, programId, 'risk.manage');
  const id = await insertRiskIn(ctx, actor, { projectId: null, programId }, body);
  return getRisk(ctx, actor, id);
}

/** A risk of the portfolio register itself (PMO and global risk managers). */
export async function createPortfolioRisk(
  ctx: Ctx,
  actor: Actor,
  portfolioId: string,
  body: CreateRiskBody,
) {
  if (!roleGrants(actor.role, 'risk.manage')) {
    throw new DomainError('FORBIDDEN', 'You may not manage the portfolio register', {
      permission: 'risk.manage',
    });
  }
  await getPortfolio(ctx, actor, portfolioId);
  const id = await insertRiskIn(
    ctx,
    actor,
    { projectId: null, programId: null, portfolioId },
    body,
  );
  return getRisk(ctx, actor, id);
}

export async function getRisk(
  ctx: Ctx,
  actor: Actor,
  id: string,
): Promise<z.infer<typeof RiskDetail>> {
  await authorizeRisk(ctx, ctx.db, actor, id, 'risk.read');
  const view = await repo.findRiskView(ctx.db, id);
  const settings = await getSettings(ctx.db);
  const history = await repo.listAssessments(ctx.db, id);
  if (!view) throw new DomainError('RISK_NOT_FOUND', `No risk ${id}`);
  return {
    ...toRisk(settings, view),
    history: history.map(({ a, by }) => ({
      assessedOn: a.assessedOn,
      probability: a.probability,
      impact: a.impact,
      score: riskScore(a.probability, a.impact),
      residualProbability: a.residualProbability,
      residualImpact: a.residualImpact,
      emvCents: Number(a.emvCents),
      status: a.status as Risk['status'],
      note: a.note,
      by,
    })),
  };
}

export async function updateRisk(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  body: UpdateRiskBody,
) {
  // Authorised first: programme checks read through other services (their own connection).
  await authorizeRisk(ctx, ctx.db, actor, id, 'risk.manage');
  await ctx.db.transaction(async (tx) => {
    const before = (await repo.findRisk(tx, id)) ?? missing(id);
    const settings = await getSettings(tx);
    if (body.categoryId !== undefined) await assertCategory(tx, body.categoryId);
    if (body.ownerId) await assertPeopleExist(tx, { ownerId: body.ownerId });
    const { impacts, note, ...rest } = body;
    const merged = {
      ...before,
      ...rest,
      impactCost: impacts?.cost !== undefined ? impacts.cost : before.impactCost,
      impactSchedule: impacts?.schedule !== undefined ? impacts.schedule : before.impactSchedule,
      impactQuality: impacts?.quality !== undefined ? impacts.quality : before.impactQuality,
      impactReputation:
        impacts?.reputation !== undefined ? impacts.reputation : before.impactReputation,
    };
    checkStrategy(merged.kind, merged.strategy);
    const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...values } = merged;
    const after = await repo.updateRisk(tx, id, version, {
      ...values,
      ...computed(settings, merged),
      closedAt: merged.status === 'closed' ? (before.closedAt ?? new Date()) : null,
    });
    if (!after) {
      const current = await repo.findRiskView(tx, id);
      throw new DomainError('VERSION_MISMATCH', 'Someone else changed this risk; reload it', {
        current: current ? toRisk(settings, current) : null,
      });
    }
    const reassessed =
      after.probability !== before.probability ||
      after.impact !== before.impact ||
      after.residualProbability !== before.residualProbability ||
      after.residualImpact !== before.residualImpact ||
      after.status !== before.status ||
      Number(after.emvCents) !== Number(before.emvCents) ||
      (note !== undefined && note !== '');
    if (reassessed) await repo.insertAssessments(tx, [assessmentOf(after, actor, note ?? '')]);
    await recordAudit(tx, actor, {
      entityType: 'risk',
      entityId: id,
      entityLabel: `R-${after.number} ${after.title}`,
      projectId: after.projectId,
      action: 'update',
      before: auditFields(before),
      after: auditFields(after),
    });
  });
  return getRisk(ctx, actor, id);
}

export async function deleteRisk(ctx: Ctx, actor: Actor, id: string, version: number) {
  // Authorised first: programme checks read through other services (their own connection).
  await authorizeRisk(ctx, ctx.db, actor, id, 'risk.manage');
  await ctx.db.transaction(async (tx) => {
    const before = (await repo.findRisk(tx, id)) ?? missing(id);
    const gone = await repo.deleteRisk(tx, id, version);
    if (!gone) {
      throw new DomainError('VERSION_MISMATCH', 'Someone else changed this risk; reload it', {
        current: { version: before.version },
      });
    }
    await recordAudit(tx, actor, {
      entityType: 'risk',
      entityId: id,
      entityLabel: `R-${before.number} ${before.title}`,
      projectId: before.projectId,
      action: 'delete',
      before: auditFields(before),
    });
  });
}

/** Why a risk cannot be raised (the messages of RISK_NOT_ESCALATABLE). */
const RISK_REFUSALS = {
  program: {
    already: 'This risk is already in its programme register',
    'not-project': 'Only project risks are escalated to a programme',
    'no-target': 'This project belongs to no programme',
  },
  portfolio: {
    already: 'This risk is already in its portfolio register',
    'not-project': 'No portfolio to escalate to',
    'no-target': 'No portfolio to escalate to',
  },
} as const;

/**
 * Raises a risk to a higher register, with the reason: a project risk to its programme, or a
 * project or programme risk to its portfolio. It stays in its own register too.
 */
export async function escalateRisk(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  body: EscalateRiskBody = { to: 'program', reason: '' },
) {
  // Authorised first: programme checks read through other services (their own connection).
  const checked = await authorizeRisk(ctx, ctx.db, actor, id, 'risk.manage');
  const project = checked.projectId ? await getProject(ctx, actor, checked.projectId) : null;
  const program =
    !project && checked.programId ? await getProgram(ctx, actor, checked.programId) : null;
  await ctx.db.transaction(async (tx) => {
    const before = (await repo.findRisk(tx, id)) ?? missing(id);
    const outcome = escalation(body.to, before, {
      program: project?.program,
      portfolio: project?.portfolio ?? program?.portfolio,
    });
    if (!outcome.ok) {
      throw new DomainError('RISK_NOT_ESCALATABLE', RISK_REFUSALS[body.to][outcome.refusal]);
    }
    const { change } = outcome;
    const note = `${body.to === 'program' ? 'Remonté au programme' : 'Remonté au portefeuille'} ${outcome.name}`;
    const after = await repo.updateRisk(tx, id, version, {
      ...change,
      escalatedAt: new Date(),
      escalationReason: body.reason,
    });
    if (!after) {
      throw new DomainError('VERSION_MISMATCH', 'Someone else changed this risk; reload it', {
        current: { version: before.version },
      });
    }
    await repo.insertAssessments(tx, [
      assessmentOf(after, actor, body.reason ? `${note} : ${body.reason}` : note),
    ]);
    await recordAudit(tx, actor, {
      entityType: 'risk',
      entityId: id,
      entityLabel: `R-${after.number} ${after.title}`,
      projectId: after.projectId,
      action: 'update',
      before: auditFields(before),
      after: auditFields(after),
    });
  });
  return getRisk(ctx, actor, id);
}

/** The scope and filters of a list or heat map, after checking the container is visible. */
export async function filterFor(
  ctx: Ctx,
  actor: Actor,
  q: {
    projectId?: string | undefined;
    programId?: string | undefined;
    portfolioId?: string | undefined;
    residual?: 'true' | 'false' | undefined;
    status?: string[] | undefined;
  },
): Promise<repo.RiskFilter> {
  let scope: repo.RiskScope;
  if (q.projectId) {
    await authorizeProject(ctx.db, actor, q.projectId, 'risk.read');
    scope = { all: true };
  } else if (q.programId) {
    await authorizeProgram(ctx, actor, q.programId, 'risk.read');
    scope = { all: true };
  } else {
    scope = await readScope(ctx, actor);
  }
  return {
    scope,
    projectId: q.projectId,
    programId: q.programId,
    portfolioId: q.portfolioId,
    status: q.status,
    residual: q.residual === 'true',
  };
}

export async function listRisks(ctx: Ctx, actor: Actor, q: RiskListQuery) {
  const settings = await getSettings(ctx.db);
  const filter = await filterFor(ctx, actor, q);
  filter.kind = q.kind;
  filter.ownerId = q.ownerId;
  filter.categoryId = q.categoryId;
  filter.q = q.q;
  filter.portfolioLevel = q.level === 'portfolio';
  const cells: [number, number][] = [];
  if (q.probability !== undefined && q.impact !== undefined) {
    cells.push([q.probability, q.impact]);
  } else if (q.criticality) {
    const wanted = new Set<string>(q.criticality);
    for (let p = 1; p <= settings.probability.length; p++) {
      for (let i = 0; i <= settings.impact.length; i++) {
        if (wanted.has(criticalityOf(settings, p, i))) cells.push([p, i]);
      }
    }
  }
  if (cells.length > 0 || q.criticality) filter.cells = cells;
  const after = q.cursor
    ? (decodeCursor(q.cursor, 2) as [string | number | null, string])
    : undefined;
  const rows = await repo.listRisks(ctx.db, filter, q.sort, after, q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1]?.r;
  const key = (r: repo.RiskRow) =>
    q.sort === 'score'
      ? r.score
      : q.sort === 'emv'
        ? Number(r.emvCents)
        : q.sort === 'code'
          ? r.number
          : r.proximity;
  return {
    items: page.map((v) => toRisk(settings, v)),
    nextCursor: rows.length > q.limit && last ? encodeCursor([key(last), last.id]) : null,
  };
}

export async function heatmap(
  ctx: Ctx,
  actor: Actor,
  q: z.infer<typeof HeatmapQuery>,
): Promise<Heatmap> {
  const settings = await getSettings(ctx.db);
  const filter = await filterFor(ctx, actor, {
    ...q,
    status: q.status ?? ['open', 'monitoring'],
  });
  const rows = await repo.heatmap(ctx.db, filter);
  let total = 0;
  let emvCents = 0;
  let contingencyCents = 0;
  const cells = rows.map((row) => {
    total += row.count;
    emvCents += Number(row.emvCents);
    contingencyCents += Number(row.contingencyCents);
    return {
      probability: row.probability,
      impact: row.impact,
      count: row.count,
      criticality: criticalityOf(settings, row.probability, row.impact),
    };
  });
  cells.sort((a, b) => a.probability - b.probability || a.impact - b.impact);
  return {
    residual: filter.residual === true,
    probabilityLevels: settings.probability.length,
    impactLevels: settings.impact.length,
    cells,
    total,
    emvCents,
    contingencyCents,
  };
}

/** For the demo seed: risks of a project written through the same rules, with a dated history. */
export async function seedProjectRisks(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  items: { body: CreateRiskBody; history: { on: string; probability: number; note: string }[] }[],
) {
  await ctx.db.transaction(async (tx) => {
    const settings = await getSettings(tx);
    let number = await repo.nextNumber(tx, projectId, null);
    for (const item of items) {
      const row = await repo.insertRisk(tx, {
        ...newRiskValues(settings, item.body),
        projectId,
        programId: null,
        number: number++,
      });
      await repo.insertAssessments(
        tx,
        item.history.map((h) => {
          const impact = row.impact;
          return {
            ...assessmentOf(row, actor, h.note, h.on),
            probability: h.probability,
            impact,
            emvCents: expectedMonetaryValue(
              settings,
              row.kind as 'threat',
              h.probability,
              Number(row.costImpactCents),
            ),
          };
        }),
      );
    }
  });
}
