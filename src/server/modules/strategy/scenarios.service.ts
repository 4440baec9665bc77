/**
 * Portfolio scenarios: a saved selection problem with the PMO's forcing, run with HiGHS in the
 * optimizer worker (time limit); its efficient frontier is a background job (frontier.job.ts).
 * Read with `strategy.read`, written and run by the PMO (`strategy.manage`). A run does not hold
 * a transaction while the solver works: the result is stored afterwards, against the version
 * the run started from (someone changed it meanwhile → 412).
 */
import { and, asc, eq } from 'drizzle-orm';
import type {
  BacklogParams,
  CreateScenarioBody,
  FrontierPoint,
  Scenario,
  ScenarioSummary,
  SelectionResultSchema,
  UpdateScenarioBody,
} from '../../../contracts/scenarios.ts';
import { DomainError, validationError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import { applyForcing } from '../../../core/scenarios/frontier.ts';
import {
  parseSelection,
  SelectionError,
  type SelectionProblem,
  type SelectionResult,
} from '../../../core/strategy/selection.ts';
import type { Ctx } from '../../context.ts';
import type { Executor } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { recordAudit } from '../platform/audit.service.ts';
import { OptimizerError, runOptimizer } from './optimizer/optimizer.ts';
import { portfolioScenarios } from './scenarios.tables.ts';

type Row = typeof portfolioScenarios.$inferSelect;

const notFound = (id: string) => new DomainError('SCENARIO_NOT_FOUND', `No scenario ${id}`);

/** A SelectionError's JSON path as an issue path under body.selection (or body.forcedIn…). */
function selectionIssue(err: SelectionError, root: 'selection' | null) {
  const parts = err.path
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return validationError([
    {
      path: root ? ['body', root, ...parts] : ['body', ...parts],
      message: err.message.replace(/^[^:]*: /, ''),
    },
  ]);
}

/** The scenario's problem with its forcing applied; bad files or ids → VALIDATION_FAILED. */
function problemOf(selection: unknown, forcedIn: string[], forcedOut: string[]): SelectionProblem {
  let problem: SelectionProblem;
  try {
    problem = parseSelection(selection);
  } catch (err) {
    if (err instanceof SelectionError) throw selectionIssue(err, 'selection');
    throw err;
  }
  try {
    return applyForcing(problem, forcedIn, forcedOut);
  } catch (err) {
    if (err instanceof SelectionError) throw selectionIssue(err, null);
    throw err;
  }
}

function toSummary(row: Row): ScenarioSummary {
  const selection = row.selection as { periods?: unknown; candidates?: unknown[] };
  const result = row.result as SelectionResult | null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    candidateCount: Array.isArray(selection.candidates) ? selection.candidates.length : 0,
    periods: Array.isArray(selection.periods) ? (selection.periods as string[]) : [],
    status: result?.status ?? null,
    objective: result?.objective ?? null,
    selectedCount: result ? result.selected.length : null,
    runAt: row.runAt?.toISOString() ?? null,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toScenario(row: Row): Scenario {
  const forcedIn = row.forcedIn as string[];
  const forcedOut = row.forcedOut as string[];
  const problem = problemOf(row.selection, [], []);
  return {
    ...toSummary(row),
    selection: row.selection as Record<string, unknown>,
    candidates: problem.candidates.map((c) => ({
      id: c.id,
      name: c.name,
      value: c.value,
      totalCost: c.cost.reduce((a, b) => a + b, 0),
      mandatory: c.mandatory,
    })),
    budget: problem.budget,
    forcedIn,
    forcedOut,
    result: row.result as SelectionResultSchema | null,
    frontier: row.frontier as FrontierPoint[] | null,
    runSeconds: row.runSeconds,
    backlog: (row.backlog as BacklogParams | null) ?? null,
  };
}

const fields = (r: Row) => ({
  name: r.name,
  description: r.description,
  forcedIn: r.forcedIn,
  forcedOut: r.forcedOut,
  candidates: (r.selection as { candidates?: unknown[] }).candidates?.length ?? 0,
});

async function find(db: Executor, id: string): Promise<Row> {
  const [row] = await db.select().from(portfolioScenarios).where(eq(portfolioScenarios.id, id));
  if (!row) throw notFound(id);
  return row;
}

async function uniqueName<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isUniqueViolation(err, 'strategy_portfolio_scenarios_name_key'))
      throw new DomainError('CONFLICT', 'A scenario already has this name', {
        issues: [{ path: ['body', 'name'], message: 'Already used' }],
      });
    throw err;
  }
}

export async function listScenarios(ctx: Ctx): Promise<{ items: ScenarioSummary[] }> {
  const rows = await ctx.db.select().from(portfolioScenarios).orderBy(asc(portfolioScenarios.name));
  return { items: rows.map(toSummary) };
}

export async function getScenario(ctx: Ctx, id: string): Promise<Scenario> {
  return toScenario(await find(ctx.db, id));
}

/** Creates a scenario; `backlog`: how it was built from the backlog (so it can be refreshed). */
export async function createScenario(
  ctx: Ctx,
  actor: Actor,
  input: CreateScenarioBody,
  backlog: BacklogParams | null = null,
): Promise<Scenario> {
  problemOf(input.selection, input.forcedIn, input.forcedOut);
  return uniqueName(() =>
    ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(portfolioScenarios)
        .values({ ...input, backlog })
        .returning();
      await recordAudit(tx, actor, {
        entityType: 'portfolio_scenario',
        entityId: row!.id,
        entityLabel: row!.name,
        action: 'create',
        after: { ...fields(row!), ...(backlog ? { backlog } : {}) },
      });
      return toScenario(row!);
    }),
  );
}

async function store(
  ctx: Ctx,
  actor: Actor,
  current: Row,
  version: number,
  values: Partial<typeof portfolioScenarios.$inferInsert>,
  auditExtra: Record<string, unknown> = {},
): Promise<Scenario> {
  return uniqueName(() =>
    ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .update(portfolioScenarios)
        .set({ ...values, version: version + 1, updatedAt: new Date() })
        .where(and(eq(portfolioScenarios.id, current.id), eq(portfolioScenarios.version, version)))
        .returning();
      if (!row)
        throw new DomainError('VERSION_MISMATCH', 'Someone else changed this scenario; reload it', {
          current: toScenario(await find(tx, current.id)),
        });
      await recordAudit(tx, actor, {
        entityType: 'portfolio_scenario',
        entityId: row.id,
        entityLabel: row.name,
        action: 'update',
        before: {
          ...fields(current),
          objective: (current.result as SelectionResult | null)?.objective ?? null,
        },
        after: {
          ...fields(row),
          objective: (row.result as SelectionResult | null)?.objective ?? null,
          ...auditExtra,
        },
      });
      return toScenario(row);
    }),
  );
}

/** Changes a scenario; a new file or new forcing clears the last result and frontier. */
export async function updateScenario(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: UpdateScenarioBody,
): Promise<Scenario> {
  const current = await find(ctx.db, id);
  const selection = input.selection ?? current.selection;
  const forcedIn = input.forcedIn ?? (current.forcedIn as string[]);
  const forcedOut = input.forcedOut ?? (current.forcedOut as string[]);
  problemOf(selection, forcedIn, forcedOut);
  const changesProblem =
    input.selection !== undefined || input.forcedIn !== undefined || input.forcedOut !== undefined;
  return store(ctx, actor, current, version, {
    ...input,
    ...(changesProblem ? { result: null, frontier: null, runAt: null, runSeconds: null } : {}),
  });
}

/**
 * A backlog scenario's file built again (backlog.service applyBacklogRefresh): the new file and
 * forcing, the last result and frontier cleared, the refresh's summary in the audit event.
 */
export async function replaceBacklogSelection(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: {
    selection: Record<string, unknown>;
    forcedIn: string[];
    forcedOut: string[];
    refresh: Record<string, unknown>;
  },
): Promise<Scenario> {
  const current = await find(ctx.db, id);
  problemOf(input.selection, input.forcedIn, input.forcedOut);
  return store(
    ctx,
    actor,
    current,
    version,
    {
      selection: input.selection,
      forcedIn: input.forcedIn,
      forcedOut: input.forcedOut,
      result: null,
      frontier: null,
      runAt: null,
      runSeconds: null,
    },
    { backlogRefresh: input.refresh },
  );
}

export async function deleteScenario(ctx: Ctx, actor: Actor, id: string, version: number) {
  const current = await find(ctx.db, id);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(portfolioScenarios)
      .where(and(eq(portfolioScenarios.id, id), eq(portfolioScenarios.version, version)))
      .returning();
    if (!row)
      throw new DomainError('VERSION_MISMATCH', 'Someone else changed this scenario; reload it', {
        current: toScenario(await find(tx, id)),
      });
    await recordAudit(tx, actor, {
      entityType: 'portfolio_scenario',
      entityId: id,
      entityLabel: current.name,
      action: 'delete',
      before: fields(current),
    });
  });
}

async function solve(problem: SelectionProblem, timeLimit: number): Promise<SelectionResult> {
  try {
    return await runOptimizer(problem, { timeLimit, relativeGap: 1e-3 });
  } catch (err) {
    if (err instanceof OptimizerError)
      throw new DomainError('OPTIMIZER_FAILED', err.message, { reason: err.code, timeLimit });
    throw err;
  }
}

/** Runs the scenario (HiGHS in the worker, within the time limit) and stores the result. */
export async function runScenario(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  timeLimit: number,
): Promise<Scenario> {
  const current = await find(ctx.db, id);
  if (current.version !== version)
    throw new DomainError('VERSION_MISMATCH', 'Someone else changed this scenario; reload it', {
      current: toScenario(current),
    });
  const problem = problemOf(
    current.selection,
    current.forcedIn as string[],
    current.forcedOut as string[],
  );
  const t0 = performance.now();
  const result = await solve(problem, timeLimit);
  return store(ctx, actor, current, version, {
    result,
    runAt: new Date(),
    runSeconds: Math.round(performance.now() - t0) / 1000,
  });
}
