import type {
  ApproveBody,
  BusinessCaseBody,
  CreateRequestBody,
  ProjectRequest,
  RequestStage,
  RequestSummary,
  TeamEffort,
  TriageBody,
  UpdateRequestBody,
} from '../../../contracts/strategy.ts';
import { DomainError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import { roleGrants } from '../../../core/platform/permissions.ts';
import {
  BusinessCaseError,
  sensitivity,
  validateCase,
} from '../../../core/strategy/business-case.ts';
import type { Ctx } from '../../context.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { assertPeopleExist } from '../org/org.service.ts';
import { recordAudit } from '../platform/audit.service.ts';
import { createProject, getPortfolio } from '../portfolio/portfolio.service.ts';
import * as repo from './strategy.repository.ts';

const reference = (n: number) => `DEM-${String(n).padStart(4, '0')}`;
const label = (r: repo.RequestRow) => `${reference(r.number)} ${r.title}`;

/** Who sees every request: the PMO and the roles that hold `strategy.read`. Others see their own. */
const seesAll = (actor: Actor) => roleGrants(actor.role, 'strategy.read');
const manages = (actor: Actor) => roleGrants(actor.role, 'strategy.manage');

function notFound(id: string) {
  return new DomainError('REQUEST_NOT_FOUND', `No project request ${id}`);
}

function stale(current: unknown) {
  return new DomainError('VERSION_MISMATCH', 'Someone else changed this request; reload it', {
    current,
  });
}

function wrongStage(stage: string, action: string) {
  return new DomainError(
    'REQUEST_STAGE_INVALID',
    `A request in stage ${stage} cannot be ${action}`,
    {
      stage,
    },
  );
}

function businessCaseOf(row: repo.RequestRow): ProjectRequest['businessCase'] {
  const bc = row.businessCase as BusinessCaseBody | null;
  if (!bc) return null;
  return { ...bc, indicators: sensitivity(bc) };
}

type TeamNames = ReadonlyMap<string, string>;

function toRequest(v: repo.RequestView, teams: TeamNames): ProjectRequest {
  const r = v.r;
  return {
    id: r.id,
    reference: reference(r.number),
    title: r.title,
    problem: r.problem,
    expectedBenefits: r.expectedBenefits,
    requester: r.requesterId ? { id: r.requesterId, name: r.requesterName ?? '' } : null,
    sponsor: r.sponsorId ? { id: r.sponsorId, name: v.sponsorName ?? '' } : null,
    portfolio: r.portfolioId ? { id: r.portfolioId, name: v.portfolioName ?? '' } : null,
    roughCost: r.roughCost === null ? null : Number(r.roughCost),
    currency: r.currency,
    roughEffortDays: r.roughEffortDays,
    effortByTeam: (r.effortByTeam as TeamEffort[]).map((e) => ({
      team: { id: e.teamId, name: teams.get(e.teamId) ?? '' },
      days: e.days,
    })),
    desiredStart: r.desiredStart,
    desiredEnd: r.desiredEnd,
    urgency: r.urgency as ProjectRequest['urgency'],
    stage: r.stage as RequestStage,
    triageNote: r.triageNote,
    project: r.projectId ? { id: r.projectId, name: v.projectName ?? '' } : null,
    businessCase: businessCaseOf(r),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const fields = (r: repo.RequestRow) => ({
  title: r.title,
  problem: r.problem,
  expectedBenefits: r.expectedBenefits,
  sponsorId: r.sponsorId,
  portfolioId: r.portfolioId,
  roughCost: r.roughCost,
  roughEffortDays: r.roughEffortDays,
  effortByTeam: r.effortByTeam,
  desiredStart: r.desiredStart,
  desiredEnd: r.desiredEnd,
  urgency: r.urgency,
  stage: r.stage,
  triageNote: r.triageNote,
  businessCase: r.businessCase,
  projectId: r.projectId,
});

export async function listRequests(ctx: Ctx, actor: Actor): Promise<{ items: RequestSummary[] }> {
  const rows = await repo.listViews(ctx.db, seesAll(actor) ? null : actor.userId);
  const teams = await repo.teamNames(ctx.db);
  return {
    items: rows.map((v) => {
      const { businessCase, problem: _problem, ...rest } = toRequest(v, teams);
      return { ...rest, npv: businessCase ? businessCase.indicators.base.npv : null };
    }),
  };
}

/** Loads a request the actor may see; one they may not is "not found". */
async function visibleRow(ctx: Ctx, actor: Actor, id: string) {
  const v = await repo.findView(ctx.db, id);
  if (!v || (!seesAll(actor) && v.r.requesterId !== actor.userId)) throw notFound(id);
  return v;
}

export async function getRequest(ctx: Ctx, actor: Actor, id: string): Promise<ProjectRequest> {
  const v = await visibleRow(ctx, actor, id);
  return toRequest(v, await repo.teamNames(ctx.db));
}

/** Every team of a split exists; else 400 on the first unknown one. */
async function assertTeams(ctx: Ctx, split: readonly TeamEffort[] | undefined) {
  if (!split || split.length === 0) return;
  const known = await repo.teamNames(ctx.db);
  const k = split.findIndex((e) => !known.has(e.teamId));
  if (k >= 0)
    throw new DomainError('VALIDATION_FAILED', `No team ${split[k]!.teamId}`, {
      issues: [{ path: ['body', 'effortByTeam', k, 'teamId'], message: 'No such team' }],
    });
}

export async function createRequest(
  ctx: Ctx,
  actor: Actor,
  input: CreateRequestBody,
): Promise<ProjectRequest> {
  if (actor.role === 'viewer')
    throw new DomainError('FORBIDDEN', 'Read-only accounts may not submit requests', {
      permission: 'strategy.submit',
    });
  if (input.portfolioId) await getPortfolio(ctx, actor, input.portfolioId);
  await assertTeams(ctx, input.effortByTeam);
  for (let attempt = 0; ; attempt++) {
    try {
      const id = await ctx.db.transaction(async (tx) => {
        await assertPeopleExist(tx, { sponsorId: input.sponsorId });
        const row = await repo.insertRequest(tx, {
          number: await repo.nextNumber(tx),
          title: input.title,
          problem: input.problem,
          expectedBenefits: input.expectedBenefits,
          requesterId: actor.userId,
          requesterName: actor.name,
          requesterPersonId: actor.personId,
          sponsorId: input.sponsorId ?? null,
          portfolioId: input.portfolioId ?? null,
          roughCost: input.roughCost ?? null,
          roughEffortDays: input.roughEffortDays ?? null,
          effortByTeam: input.effortByTeam ?? [],
          desiredStart: input.desiredStart ?? null,
          desiredEnd: input.desiredEnd ?? null,
          urgency: input.urgency,
        });
        await recordAudit(tx, actor, {
          entityType: 'project_request',
          entityId: row.id,
          entityLabel: label(row),
          action: 'create',
          after: fields(row),
        });
        return row.id;
      });
      return getRequest(ctx, actor, id);
    } catch (err) {
      // Two submissions at once drew the same number: draw again.
      if (attempt < 3 && isUniqueViolation(err, 'strategy_requests_number_key')) continue;
      throw err;
    }
  }
}

/**
 * Edits a request. The requester may while it waits for triage or for more information (an
 * edit in `needs_info` sends it back to triage); the PMO may at any open stage.
 */
export async function updateRequest(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: UpdateRequestBody,
): Promise<ProjectRequest> {
  const current = await visibleRow(ctx, actor, id);
  const r = current.r;
  const own = r.requesterId === actor.userId;
  if (!manages(actor) && !(own && (r.stage === 'submitted' || r.stage === 'needs_info')))
    throw new DomainError('FORBIDDEN', 'You may not change this request', {
      permission: 'strategy.manage',
    });
  if (r.stage === 'approved' || r.stage === 'rejected') throw wrongStage(r.stage, 'changed');
  if (input.portfolioId) await getPortfolio(ctx, actor, input.portfolioId);
  await assertTeams(ctx, input.effortByTeam);
  const start = input.desiredStart === undefined ? r.desiredStart : input.desiredStart;
  const end = input.desiredEnd === undefined ? r.desiredEnd : input.desiredEnd;
  if (start && end && start > end)
    throw new DomainError('VALIDATION_FAILED', 'desiredEnd is before desiredStart', {
      issues: [{ path: ['body', 'desiredEnd'], message: 'Must not be before the desired start' }],
    });
  await ctx.db.transaction(async (tx) => {
    if (input.sponsorId) await assertPeopleExist(tx, { sponsorId: input.sponsorId });
    const row = await repo.updateRequest(tx, id, version, {
      ...input,
      ...(own && r.stage === 'needs_info' ? { stage: 'submitted' } : {}),
    });
    if (!row) throw stale(toRequest(current, await repo.teamNames(tx)));
    await recordAudit(tx, actor, {
      entityType: 'project_request',
      entityId: id,
      entityLabel: label(row),
      action: 'update',
      before: fields(r),
      after: fields(row),
    });
  });
  return getRequest(ctx, actor, id);
}

const TRIAGE: Record<TriageBody['decision'], { from: string[]; to: RequestStage }> = {
  accept: { from: ['submitted', 'needs_info'], to: 'evaluation' },
  ask_info: { from: ['submitted', 'evaluation'], to: 'needs_info' },
  reject: { from: ['submitted', 'needs_info', 'evaluation'], to: 'rejected' },
};

/** The PMO's triage: accept into evaluation, ask for more information, or reject. */
export async function triageRequest(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: TriageBody,
): Promise<ProjectRequest> {
  const current = await visibleRow(ctx, actor, id);
  const rule = TRIAGE[input.decision];
  if (!rule.from.includes(current.r.stage))
    throw wrongStage(current.r.stage, `triaged with ${input.decision}`);
  await ctx.db.transaction(async (tx) => {
    const row = await repo.updateRequest(tx, id, version, {
      stage: rule.to,
      triageNote: input.note,
      decidedAt: rule.to === 'rejected' ? new Date() : null,
    });
    if (!row) throw stale(toRequest(current, await repo.teamNames(tx)));
    await recordAudit(tx, actor, {
      entityType: 'project_request',
      entityId: id,
      entityLabel: label(row),
      action: 'update',
      before: fields(current.r),
      after: fields(row),
    });
  });
  return getRequest(ctx, actor, id);
}

/** Writes the business case of a request in evaluation (the PMO, with the sponsor's figures). */
export async function putBusinessCase(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: BusinessCaseBody,
): Promise<ProjectRequest> {
  const current = await visibleRow(ctx, actor, id);
  if (current.r.stage !== 'evaluation' && current.r.stage !== 'submitted')
    throw wrongStage(current.r.stage, 'given a business case');
  try {
    validateCase(input);
  } catch (err) {
    if (err instanceof BusinessCaseError)
      throw new DomainError('VALIDATION_FAILED', err.message, {
        issues: [
          { path: ['body', ...err.path.split(/[.[\]]+/).filter(Boolean)], message: err.message },
        ],
      });
    throw err;
  }
  await ctx.db.transaction(async (tx) => {
    const row = await repo.updateRequest(tx, id, version, { businessCase: input });
    if (!row) throw stale(toRequest(current, await repo.teamNames(tx)));
    await recordAudit(tx, actor, {
      entityType: 'project_request',
      entityId: id,
      entityLabel: label(row),
      action: 'update',
      before: { businessCase: current.r.businessCase },
      after: { businessCase: row.businessCase },
    });
  });
  return getRequest(ctx, actor, id);
}

/**
 * Approves a request in evaluation: creates the project through the portfolio service (its
 * own transaction, audited there), then marks the request approved and linked to it.
 */
export async function approveRequest(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: ApproveBody,
): Promise<ProjectRequest> {
  const current = await visibleRow(ctx, actor, id);
  const r = current.r;
  if (r.stage !== 'evaluation') throw wrongStage(r.stage, 'approved');
  if (r.version !== version) throw stale(toRequest(current, await repo.teamNames(ctx.db)));
  const project = await createProject(ctx, actor, {
    code: input.code,
    name: r.title,
    description: r.problem,
    portfolioId: input.portfolioId,
    sponsorId: r.sponsorId,
    managerId: input.managerId ?? null,
    status: 'proposed',
    priority: r.urgency as ProjectRequest['urgency'],
    plannedStart: r.desiredStart,
    plannedEnd: r.desiredEnd,
    tags: [reference(r.number)],
    customFields: {},
  });
  await ctx.db.transaction(async (tx) => {
    const row = await repo.updateRequest(tx, id, version, {
      stage: 'approved',
      projectId: project.id,
      portfolioId: input.portfolioId,
      decidedAt: new Date(),
    });
    if (!row) throw stale(toRequest(current, await repo.teamNames(tx)));
    await recordAudit(tx, actor, {
      entityType: 'project_request',
      entityId: id,
      entityLabel: label(row),
      action: 'update',
      before: fields(r),
      after: fields(row),
    });
  });
  return getRequest(ctx, actor, id);
}
