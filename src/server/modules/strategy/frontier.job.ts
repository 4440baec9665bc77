/**
 * The efficient frontier of a scenario as a background job with progress: the request stores a
 * run (queued) and hands it to the job queue (pg-boss queue `strategy-frontier` when the server
 * runs its jobs; an in-process queue otherwise, e.g. tests or `JALON_JOBS=false`). The job solves
 * each budget level of FRONTIER_FACTORS in the optimizer worker, writing its progress and the
 * points found so far after each level, so the page can be left and come back. When all levels
 * are solved the frontier is stored on the scenario (one transaction with its audit event),
 * unless the scenario's problem or forcing changed meanwhile (→ failed, SCENARIO_CHANGED).
 * One run is kept per scenario; a new request replaces a finished one, a running one → 409.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FrontierPoint, FrontierRun } from '../../../contracts/scenarios.ts';
import { DomainError, validationError } from '../../../core/errors.ts';
import { type Actor, userIdOf } from '../../../core/platform/actor.ts';
import {
  applyForcing,
  FRONTIER_FACTORS,
  frontierPoints,
  scaleBudget,
  totalBudget,
} from '../../../core/scenarios/frontier.ts';
import {
  parseSelection,
  SelectionError,
  type SelectionResult,
} from '../../../core/strategy/selection.ts';
import type { Ctx } from '../../context.ts';
import { serialRunner } from '../../jobs/serial.ts';
import { recordAudit } from '../platform/audit.service.ts';
import { OptimizerError, runOptimizer } from './optimizer/optimizer.ts';
import { frontierRuns } from './portfolio.tables.ts';
import { getScenario } from './scenarios.service.ts';
import { portfolioScenarios } from './scenarios.tables.ts';

type RunRow = typeof frontierRuns.$inferSelect;

/** The pg-boss queue the server's job runner works (src/server/jobs/queue.ts). */
export const FRONTIER_QUEUE = 'strategy-frontier';

function toRun(row: RunRow): FrontierRun {
  return {
    id: row.id,
    scenarioId: row.scenarioId,
    scenarioVersion: row.scenarioVersion,
    state: row.state as FrontierRun['state'],
    progress: row.progress,
    levelsDone: row.levelsDone,
    levels: row.levels,
    timeLimit: row.timeLimit,
    points: row.points as FrontierPoint[],
    error: (row.error as FrontierRun['error']) ?? null,
    requestedBy: row.requestedByName,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

// ---------------------------------------------------------------- the queue

type Send = (runId: string) => Promise<unknown>;
let queueSend: Send | null = null;

/** Called by the job runner once its pg-boss queue works `strategy-frontier`. */
export function useFrontierQueue(send: Send | null) {
  queueSend = send;
}

/** Runs started in this process without pg-boss, one after the other (the cores are shared). */
const inProcess = serialRunner();

function runInProcess(ctx: Ctx, runId: string) {
  inProcess.run(runId, () => runFrontierJob(ctx, runId));
}

async function dispatch(ctx: Ctx, runId: string) {
  if (queueSend) await queueSend(runId);
  else runInProcess(ctx, runId);
}

/** Waits for a run started in this process to finish (tests, seeding). */
export async function waitForFrontier(runId: string) {
  await inProcess.wait(runId);
}

/**
 * Without pg-boss, runs left queued or running by a stopped server are run again on start
 * (with pg-boss the queue keeps them and retries an expired one).
 */
export async function resumeFrontierRuns(ctx: Ctx) {
  if (ctx.config.jobs) return 0;
  const rows = await ctx.db
    .select({ id: frontierRuns.id })
    .from(frontierRuns)
    .where(inArray(frontierRuns.state, ['queued', 'running']));
  for (const r of rows) runInProcess(ctx, r.id);
  return rows.length;
}

// ---------------------------------------------------------------- the API

export async function getFrontierRun(ctx: Ctx, scenarioId: string) {
  await getScenario(ctx, scenarioId); // SCENARIO_NOT_FOUND
  const [row] = await ctx.db
    .select()
    .from(frontierRuns)
    .where(eq(frontierRuns.scenarioId, scenarioId));
  return { run: row ? toRun(row) : null };
}

/** Queues the frontier of the scenario at this version (If-Match); 202 with the run. */
export async function requestFrontier(
  ctx: Ctx,
  actor: Actor,
  scenarioId: string,
  version: number,
  timeLimit: number,
): Promise<FrontierRun> {
  const scenario = await getScenario(ctx, scenarioId);
  if (scenario.version !== version)
    throw new DomainError('VERSION_MISMATCH', 'Someone else changed this scenario; reload it', {
      current: scenario,
    });
  let problem;
  try {
    problem = applyForcing(
      parseSelection(scenario.selection),
      scenario.forcedIn,
      scenario.forcedOut,
    );
  } catch (err) {
    if (err instanceof SelectionError)
      throw validationError([{ path: ['body', 'selection'], message: err.message }]);
    throw err;
  }
  if (totalBudget(problem) === null)
    throw validationError([
      { path: ['body', 'selection', 'budget'], message: 'No period has a budget: no frontier' },
    ]);
  const row = await ctx.db.transaction(async (tx) => {
    const [previous] = await tx
      .select()
      .from(frontierRuns)
      .where(eq(frontierRuns.scenarioId, scenarioId))
      .for('update');
    if (previous && (previous.state === 'queued' || previous.state === 'running'))
      throw new DomainError('FRONTIER_RUNNING', 'The frontier of this scenario is being computed', {
        run: toRun(previous),
      });
    const values = {
      scenarioId,
      scenarioVersion: version,
      timeLimit,
      state: 'queued',
      progress: 0,
      levelsDone: 0,
      levels: FRONTIER_FACTORS.length,
      points: [],
      error: null,
      requestedBy: userIdOf(actor),
      requestedByName: actor.name,
      startedAt: null,
      finishedAt: null,
    };
    const [saved] = previous
      ? await tx
          .update(frontierRuns)
          .set({
            ...values,
            version: previous.version + 1,
            createdAt: new Date(),
            updatedAt: new Date(),
          })
          .where(eq(frontierRuns.id, previous.id))
          .returning()
      : await tx.insert(frontierRuns).values(values).returning();
    await recordAudit(tx, actor, {
      entityType: 'portfolio_scenario',
      entityId: scenarioId,
      entityLabel: scenario.name,
      action: 'update',
      before: { frontierRun: previous?.state ?? null },
      after: { frontierRun: 'queued', frontierTimeLimit: timeLimit },
    });
    return saved!;
  });
  await dispatch(ctx, row.id);
  return toRun(row);
}

// ---------------------------------------------------------------- the job

class RunFailure extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;
  constructor(code: string, details: Record<string, unknown> = {}) {
    super(code);
    this.code = code;
    this.details = details;
  }
}

const problemKey = (r: typeof portfolioScenarios.$inferSelect) =>
  JSON.stringify([r.selection, r.forcedIn, r.forcedOut]);

async function scenarioRow(ctx: Ctx, id: string) {
  const [row] = await ctx.db.select().from(portfolioScenarios).where(eq(portfolioScenarios.id, id));
  return row;
}

/** The job: every budget level solved in turn, progress written after each. */
export async function runFrontierJob(ctx: Ctx, runId: string): Promise<void> {
  const [run] = await ctx.db.select().from(frontierRuns).where(eq(frontierRuns.id, runId));
  if (!run || run.state === 'done' || run.state === 'failed') return;
  const update = (values: Partial<typeof frontierRuns.$inferInsert>) =>
    ctx.db
      .update(frontierRuns)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(frontierRuns.id, runId));
  try {
    await update({
      state: 'running',
      progress: 0,
      levelsDone: 0,
      points: [],
      startedAt: new Date(),
    });
    const start = await scenarioRow(ctx, run.scenarioId);
    if (!start || start.version !== run.scenarioVersion)
      throw new RunFailure('SCENARIO_CHANGED', { version: start?.version ?? null });
    const key = problemKey(start);
    const problem = applyForcing(
      parseSelection(start.selection),
      start.forcedIn as string[],
      start.forcedOut as string[],
    );
    const each = Math.max(1, Math.floor(run.timeLimit / FRONTIER_FACTORS.length));
    const solved: { factor: number; result: SelectionResult }[] = [];
    for (const factor of FRONTIER_FACTORS) {
      let result: SelectionResult;
      try {
        result = await runOptimizer(scaleBudget(problem, factor), {
          timeLimit: each,
          relativeGap: 1e-3,
        });
      } catch (err) {
        if (err instanceof OptimizerError)
          throw new RunFailure('OPTIMIZER_FAILED', { reason: err.code, factor });
        throw err;
      }
      solved.push({ factor, result });
      // Someone changed the problem or the forcing meanwhile: stop, the points would be wrong.
      const now = await scenarioRow(ctx, run.scenarioId);
      if (!now || problemKey(now) !== key) throw new RunFailure('SCENARIO_CHANGED', {});
      await update({
        levelsDone: solved.length,
        progress: Math.round((100 * solved.length) / FRONTIER_FACTORS.length),
        points: frontierPoints(problem, solved),
      });
    }
    const points = frontierPoints(problem, solved);
    const actor: Actor = {
      userId: run.requestedBy ?? 'system',
      name: run.requestedByName,
      email: '',
      role: 'pmo',
      personId: null,
    };
    await ctx.db.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(portfolioScenarios)
        .where(eq(portfolioScenarios.id, run.scenarioId))
        .for('update');
      if (!current || problemKey(current) !== key) throw new RunFailure('SCENARIO_CHANGED', {});
      await tx
        .update(portfolioScenarios)
        .set({
          frontier: points,
          version: sql`${portfolioScenarios.version} + 1`,
          updatedAt: new Date(),
        })
        .where(eq(portfolioScenarios.id, current.id));
      await tx
        .update(frontierRuns)
        .set({
          state: 'done',
          progress: 100,
          points,
          finishedAt: new Date(),
          updatedAt: new Date(),
        })
        .where(and(eq(frontierRuns.id, runId)));
      await recordAudit(tx, actor, {
        entityType: 'portfolio_scenario',
        entityId: current.id,
        entityLabel: current.name,
        action: 'update',
        before: {
          frontierRun: 'running',
          frontierPoints: (current.frontier as unknown[] | null)?.length ?? 0,
        },
        after: { frontierRun: 'done', frontierPoints: points.length },
      });
    });
  } catch (err) {
    const failure =
      err instanceof RunFailure
        ? err
        : new RunFailure('FRONTIER_FAILED', { message: (err as Error).message });
    await update({
      state: 'failed',
      error: { code: failure.code, details: failure.details },
      finishedAt: new Date(),
    }).catch(() => undefined);
  }
}
