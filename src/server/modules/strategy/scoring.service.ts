/**
 * Scoring models (criteria, weights, scales with descriptions), the evaluators' sheets, and the
 * ranked list of candidates with each score explained (src/core/strategy/scoring.ts).
 *
 * Access: the models and the ranking are read with `strategy.read` and written by the PMO
 * (`strategy.manage`); an evaluator (`strategy.evaluate`) writes only their own sheets.
 */
import type {
  CreateEvaluationBody,
  Evaluation,
  Ranking,
  ScoringCriterion,
  ScoringModel,
  ScoringModelBody,
  UpdateEvaluationBody,
  UpdateScoringModelBody,
} from '../../../contracts/scenarios.ts';
import { DomainError, validationError, type ValidationIssue } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import {
  type Criterion,
  type Evaluation as CoreEvaluation,
  ScoringError,
  scoreCandidates,
  validateModel,
} from '../../../core/strategy/scoring.ts';
import { alignmentLevel } from '../../../core/scenarios/alignment.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { recordAudit } from '../platform/audit.service.ts';
import { authorizeProject } from '../portfolio/portfolio.service.ts';
import * as repo from './scoring.repository.ts';
import { findRequest as findRequestRow } from './strategy.repository.ts';

/** The evaluator id of the levels read from the strategy map (alignment criteria). */
export const STRATEGY_MAP = '00000000-0000-0000-0000-000000000000';

const modelNotFound = (id: string) =>
  new DomainError('SCORING_MODEL_NOT_FOUND', `No scoring model ${id}`);
const evaluationNotFound = (id: string) =>
  new DomainError('EVALUATION_NOT_FOUND', `No evaluation ${id}`);
const stale = (what: string, current: unknown) =>
  new DomainError('VERSION_MISMATCH', `Someone else changed this ${what}; reload it`, { current });

const toCore = (criteria: readonly ScoringCriterion[]): Criterion[] =>
  criteria.map((c) => ({
    id: c.key,
    weight: c.weight,
    direction: c.direction,
    levels: c.levels,
  }));

/** The core's checks, reported on the body's fields. */
function checkCriteria(criteria: readonly ScoringCriterion[]): void {
  try {
    validateModel(toCore(criteria));
  } catch (err) {
    if (!(err instanceof ScoringError)) throw err;
    const path: (string | number)[] = ['body'];
    for (const part of err.path.split('.')) {
      const m = /^(\w+)\[(\d+)\]$/.exec(part);
      if (m) path.push(m[1]!, Number(m[2]));
      else path.push(part === 'id' ? 'key' : part);
    }
    throw validationError([{ path, message: err.message.replace(/^[^:]*: /, '') }]);
  }
}

function toModel(row: repo.ScoringModelRow, evaluationCount: number): ScoringModel {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    // Models saved before the alignment criterion existed have no source: evaluators.
    criteria: (row.criteria as ScoringCriterion[]).map((c) => ({
      ...c,
      source: c.source ?? 'evaluators',
    })),
    evaluationCount,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const modelFields = (m: repo.ScoringModelRow) => ({
  name: m.name,
  description: m.description,
  criteria: m.criteria,
});

async function uniqueName<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isUniqueViolation(err, 'strategy_scoring_models_name_key'))
      throw new DomainError('CONFLICT', 'A scoring model already has this name', {
        issues: [{ path: ['body', 'name'], message: 'Already used' }],
      });
    throw err;
  }
}

export async function listModels(ctx: Ctx): Promise<{ items: ScoringModel[] }> {
  const rows = await repo.listModels(ctx.db);
  return { items: rows.map((r) => toModel(r.m, Number(r.evaluationCount))) };
}

export async function getModel(ctx: Ctx, id: string, db: Executor = ctx.db): Promise<ScoringModel> {
  const row = await repo.findModel(db, id);
  if (!row) throw modelNotFound(id);
  return toModel(row.m, Number(row.evaluationCount));
}

export async function createModel(
  ctx: Ctx,
  actor: Actor,
  input: ScoringModelBody,
): Promise<ScoringModel> {
  checkCriteria(input.criteria);
  const id = await uniqueName(() =>
    ctx.db.transaction(async (tx) => {
      const row = await repo.insertModel(tx, input);
      await recordAudit(tx, actor, {
        entityType: 'scoring_model',
        entityId: row.id,
        entityLabel: row.name,
        action: 'create',
        after: modelFields(row),
      });
      return row.id;
    }),
  );
  return getModel(ctx, id);
}

export async function updateModel(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: UpdateScoringModelBody,
): Promise<ScoringModel> {
  const current = await repo.findModel(ctx.db, id);
  if (!current) throw modelNotFound(id);
  if (input.criteria) checkCriteria(input.criteria);
  await uniqueName(() =>
    ctx.db.transaction(async (tx) => {
      const row = await repo.updateModel(tx, id, version, input);
      if (!row) throw stale('scoring model', await getModel(ctx, id, tx));
      await recordAudit(tx, actor, {
        entityType: 'scoring_model',
        entityId: id,
        entityLabel: row.name,
        action: 'update',
        before: modelFields(current.m),
        after: modelFields(row),
      });
    }),
  );
  return getModel(ctx, id);
}

/** Deletes a model and its evaluation sheets (the audit records how many). */
export async function deleteModel(ctx: Ctx, actor: Actor, id: string, version: number) {
  const current = await repo.findModel(ctx.db, id);
  if (!current) throw modelNotFound(id);
  await ctx.db.transaction(async (tx) => {
    const row = await repo.deleteModel(tx, id, version);
    if (!row) throw stale('scoring model', await getModel(ctx, id, tx));
    await recordAudit(tx, actor, {
      entityType: 'scoring_model',
      entityId: id,
      entityLabel: row.name,
      action: 'delete',
      before: { ...modelFields(row), evaluations: Number(current.evaluationCount) },
    });
  });
}

// ---------------------------------------------------------------- evaluations

/** The scores of a sheet that still fit the model, and the keys that no longer do. */
function splitScores(criteria: readonly ScoringCriterion[], scores: Record<string, number>) {
  const byKey = new Map(criteria.map((c) => [c.key, c]));
  const valid: Record<string, number> = {};
  const outdated: string[] = [];
  for (const [key, value] of Object.entries(scores)) {
    const c = byKey.get(key);
    if (c && c.levels.some((l) => l.value === value)) valid[key] = value;
    else outdated.push(key);
  }
  return { valid, outdated: outdated.sort() };
}

function toEvaluation(
  row: repo.EvaluationRow,
  evaluatorName: string,
  criteria: readonly ScoringCriterion[],
): Evaluation {
  const scores = row.scores as Record<string, number>;
  return {
    id: row.id,
    modelId: row.modelId,
    requestId: row.requestId,
    projectId: row.projectId,
    evaluator: { id: row.evaluatorId, name: evaluatorName },
    scores,
    comment: row.comment,
    outdated: splitScores(criteria, scores).outdated,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Every score must be a level of a criterion of the model. */
function checkScores(criteria: readonly ScoringCriterion[], scores: Record<string, number>): void {
  const byKey = new Map(criteria.map((c) => [c.key, c]));
  const issues: ValidationIssue[] = [];
  for (const [key, value] of Object.entries(scores)) {
    const c = byKey.get(key);
    if (!c) issues.push({ path: ['body', 'scores', key], message: 'Not a criterion of the model' });
    else if (c.source === 'alignment')
      issues.push({
        path: ['body', 'scores', key],
        message: 'Read from the strategy map (contributions to objectives): not scored by hand',
      });
    else if (!c.levels.some((l) => l.value === value))
      issues.push({
        path: ['body', 'scores', key],
        message: `${value} is not a level of the scale (${c.levels.map((l) => l.value).join(', ')})`,
      });
  }
  if (issues.length > 0) throw validationError(issues);
}

export async function listEvaluations(
  ctx: Ctx,
  modelId: string,
  of: { requestId?: string; projectId?: string } = {},
): Promise<{ items: Evaluation[] }> {
  const model = await getModel(ctx, modelId);
  const rows = await repo.listEvaluations(ctx.db, modelId, of);
  return { items: rows.map((r) => toEvaluation(r.e, r.evaluatorName, model.criteria)) };
}

/**
 * The candidate a new sheet scores: a request (not rejected) or a running project the evaluator
 * can see (an invisible one → PROJECT_NOT_FOUND; a closed or cancelled one is not re-scored).
 */
async function candidateOf(ctx: Ctx, actor: Actor, input: CreateEvaluationBody) {
  if (input.projectId) {
    const { project } = await authorizeProject(ctx.db, actor, input.projectId, 'project.read');
    if (project.archivedAt || project.status === 'closed' || project.status === 'cancelled')
      throw validationError([
        {
          path: ['body', 'projectId'],
          message: `A ${project.archivedAt ? 'archived' : project.status} project is not scored`,
        },
      ]);
    return { requestId: null, projectId: project.id, reference: project.code };
  }
  const request = await findRequestRow(ctx.db, input.requestId!);
  if (!request)
    throw new DomainError('REQUEST_NOT_FOUND', `No request ${input.requestId}`, {
      issues: [{ path: ['body', 'requestId'], message: 'No such request' }],
    });
  if (request.stage === 'rejected')
    throw new DomainError('REQUEST_STAGE_INVALID', 'A rejected request is not scored', {
      stage: request.stage,
    });
  return {
    requestId: request.id,
    projectId: null,
    reference: `DEM-${String(request.number).padStart(4, '0')}`,
  };
}

export async function createEvaluation(
  ctx: Ctx,
  actor: Actor,
  modelId: string,
  input: CreateEvaluationBody,
): Promise<Evaluation> {
  const model = await getModel(ctx, modelId);
  const candidate = await candidateOf(ctx, actor, input);
  checkScores(model.criteria, input.scores);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await repo.insertEvaluations(tx, [
        {
          modelId,
          requestId: candidate.requestId,
          projectId: candidate.projectId,
          evaluatorId: actor.userId,
          scores: input.scores,
          comment: input.comment,
        },
      ]);
      await recordAudit(tx, actor, {
        entityType: 'scoring_evaluation',
        entityId: row!.id,
        entityLabel: `${model.name} · ${candidate.reference}`,
        projectId: candidate.projectId,
        action: 'create',
        after: { scores: input.scores, comment: input.comment },
      });
      return toEvaluation(row!, actor.name, model.criteria);
    });
  } catch (err) {
    if (
      isUniqueViolation(err, 'strategy_scoring_evaluations_key') ||
      isUniqueViolation(err, 'strategy_scoring_evaluations_project_key')
    )
      throw new DomainError(
        'EVALUATION_EXISTS',
        'You already scored this candidate; change your sheet',
        {
          issues: [
            {
              path: ['body', candidate.projectId ? 'projectId' : 'requestId'],
              message: 'Already scored by you',
            },
          ],
        },
      );
    throw err;
  }
}

/** A sheet, writable only by its evaluator. */
async function ownSheet(ctx: Ctx, actor: Actor, modelId: string, id: string) {
  const found = await repo.findEvaluation(ctx.db, id);
  if (!found || found.e.modelId !== modelId) throw evaluationNotFound(id);
  if (found.e.evaluatorId !== actor.userId)
    throw new DomainError('FORBIDDEN', 'Only its evaluator changes an evaluation sheet');
  return found;
}

export async function updateEvaluation(
  ctx: Ctx,
  actor: Actor,
  modelId: string,
  id: string,
  version: number,
  input: UpdateEvaluationBody,
): Promise<Evaluation> {
  const model = await getModel(ctx, modelId);
  const current = await ownSheet(ctx, actor, modelId, id);
  if (input.scores) checkScores(model.criteria, input.scores);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.updateEvaluation(tx, id, version, input);
    if (!row)
      throw stale('evaluation', toEvaluation(current.e, current.evaluatorName, model.criteria));
    await recordAudit(tx, actor, {
      entityType: 'scoring_evaluation',
      entityId: id,
      entityLabel: model.name,
      action: 'update',
      before: { scores: current.e.scores, comment: current.e.comment },
      after: { scores: row.scores, comment: row.comment },
    });
    return toEvaluation(row, current.evaluatorName, model.criteria);
  });
}

export async function deleteEvaluation(
  ctx: Ctx,
  actor: Actor,
  modelId: string,
  id: string,
  version: number,
) {
  const model = await getModel(ctx, modelId);
  const current = await ownSheet(ctx, actor, modelId, id);
  await ctx.db.transaction(async (tx) => {
    const row = await repo.deleteEvaluation(tx, id, version);
    if (!row)
      throw stale('evaluation', toEvaluation(current.e, current.evaluatorName, model.criteria));
    await recordAudit(tx, actor, {
      entityType: 'scoring_evaluation',
      entityId: id,
      entityLabel: model.name,
      action: 'delete',
      before: { scores: row.scores, comment: row.comment },
    });
  });
}

// ---------------------------------------------------------------- ranking

/**
 * The ranked candidates under a model: requests in evaluation and any request scored under it,
 * with the running projects (re-scored with the same models), each total explained per
 * criterion (points, spread) and per evaluator. Scores a model change made invalid are left out
 * (the sheet lists them as outdated).
 */
export async function ranking(ctx: Ctx, modelId: string): Promise<Ranking> {
  const model = await getModel(ctx, modelId);
  const requestRows = await repo.rankedRequests(ctx.db, modelId);
  const projectRows = await repo.rankedProjects(ctx.db, modelId);
  const requests: Ranking['items'][number]['candidate'][] = [
    ...requestRows.map((r) => ({
      kind: 'request' as const,
      id: r.id,
      reference: `DEM-${String(r.number).padStart(4, '0')}`,
      title: r.title,
      stage: r.stage,
    })),
    ...projectRows.map((p) => ({
      kind: 'project' as const,
      id: p.id,
      reference: p.code,
      title: p.name,
      stage: p.status,
    })),
  ];
  const sheets = await repo.listEvaluations(ctx.db, modelId);
  const evaluations: CoreEvaluation[] = [];
  const evaluators = new Map<string, string>();
  for (const { e, evaluatorName } of sheets) {
    evaluators.set(e.evaluatorId, evaluatorName);
    const { valid } = splitScores(model.criteria, e.scores as Record<string, number>);
    for (const [criterionId, value] of Object.entries(valid))
      evaluations.push({
        candidateId: (e.requestId ?? e.projectId)!,
        evaluatorId: e.evaluatorId,
        criterionId,
        value,
      });
  }
  // Alignment criteria: one level per candidate from its strongest contribution to an objective.
  const aligned = model.criteria.filter((c) => c.source === 'alignment');
  if (aligned.length > 0) {
    const strongest = await repo.strongestContributions(
      ctx.db,
      requests.map((r) => r.id),
    );
    for (const r of requests)
      for (const c of aligned) {
        for (let i = evaluations.length - 1; i >= 0; i--)
          if (evaluations[i]!.candidateId === r.id && evaluations[i]!.criterionId === c.key)
            evaluations.splice(i, 1);
        evaluations.push({
          candidateId: r.id,
          evaluatorId: STRATEGY_MAP,
          criterionId: c.key,
          value: alignmentLevel(c.levels, c.direction, strongest.get(r.id) ?? 0),
        });
      }
  }
  const scores = scoreCandidates(
    toCore(model.criteria),
    requests.map((r) => r.id),
    evaluations,
  );
  const byId = new Map(requests.map((r) => [r.id, r]));
  const totalWeight = model.criteria.reduce((s, c) => s + c.weight, 0);
  const weightOf = new Map(model.criteria.map((c) => [c.key, c.weight]));
  // Scored: some evaluator gave a level (a model read only from the map scores everyone).
  const byEvaluators = model.criteria.some((c) => c.source !== 'alignment');
  const isScored = (s: (typeof scores)[number]) =>
    !byEvaluators || s.evaluators.some((e) => e.evaluatorId !== STRATEGY_MAP);
  // Ranks among the scored only (same rule as the core: equal total and completeness tie).
  const ranked = [...scores.filter(isScored), ...scores.filter((s) => !isScored(s))];
  const rankOf = new Map<string, number | null>();
  ranked.forEach((s, i) => {
    if (!isScored(s)) return rankOf.set(s.candidateId, null);
    const prev = ranked[i - 1];
    const tie =
      prev &&
      Math.abs(prev.total - s.total) < 1e-9 &&
      Math.abs(prev.completeness - s.completeness) < 1e-9;
    rankOf.set(s.candidateId, tie ? rankOf.get(prev.candidateId)! : i + 1);
  });
  return {
    model,
    evaluators: [...evaluators]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    items: ranked.map((s) => ({
      candidate: byId.get(s.candidateId)!,
      rank: rankOf.get(s.candidateId) ?? null,
      scored: isScored(s),
      total: s.total,
      completeness: s.completeness,
      maxRelativeSpread: s.maxRelativeSpread,
      criteria: s.criteria.map((c) => ({
        key: c.criterionId,
        mean: c.mean,
        normalised: c.normalised,
        points: c.contribution * 100,
        maxPoints: ((weightOf.get(c.criterionId) ?? 0) / totalWeight) * 100,
        spread: c.spread,
        relativeSpread: c.relativeSpread,
        evaluations: c.evaluations,
      })),
      // The strategy map is not an evaluator: its levels show on their criterion only.
      evaluators: s.evaluators.filter((e) => e.evaluatorId !== STRATEGY_MAP),
    })),
  };
}
