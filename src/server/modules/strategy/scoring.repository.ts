import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { users } from '../platform/platform.tables.ts';
import { projects } from '../portfolio/portfolio.tables.ts';
import { contributions } from './objectives.tables.ts';
import { scoringEvaluations, scoringModels } from './scenarios.tables.ts';
import { projectRequests } from './strategy.tables.ts';

export type ScoringModelRow = typeof scoringModels.$inferSelect;
export type NewScoringModel = typeof scoringModels.$inferInsert;
export type EvaluationRow = typeof scoringEvaluations.$inferSelect;

const evaluationCount = sql<number>`cast((select count(*) from ${scoringEvaluations} where ${scoringEvaluations.modelId} = ${scoringModels.id}) as int)`;

export function listModels(db: Executor) {
  return db
    .select({ m: scoringModels, evaluationCount })
    .from(scoringModels)
    .orderBy(asc(scoringModels.name));
}

export async function findModel(db: Executor, id: string) {
  const [row] = await db
    .select({ m: scoringModels, evaluationCount })
    .from(scoringModels)
    .where(eq(scoringModels.id, id));
  return row;
}

export async function insertModel(db: Executor, values: NewScoringModel) {
  const [row] = await db.insert(scoringModels).values(values).returning();
  return row!;
}

export async function updateModel(
  db: Executor,
  id: string,
  version: number,
  values: Partial<NewScoringModel>,
) {
  const [row] = await db
    .update(scoringModels)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(scoringModels.id, id), eq(scoringModels.version, version)))
    .returning();
  return row;
}

export async function deleteModel(db: Executor, id: string, version: number) {
  const [row] = await db
    .delete(scoringModels)
    .where(and(eq(scoringModels.id, id), eq(scoringModels.version, version)))
    .returning();
  return row;
}

/** A model's evaluation sheets with the evaluator's name, optionally for one request or project. */
export function listEvaluations(
  db: Executor,
  modelId: string,
  of: { requestId?: string; projectId?: string } = {},
) {
  return db
    .select({ e: scoringEvaluations, evaluatorName: users.name })
    .from(scoringEvaluations)
    .innerJoin(users, eq(users.id, scoringEvaluations.evaluatorId))
    .where(
      and(
        eq(scoringEvaluations.modelId, modelId),
        of.requestId ? eq(scoringEvaluations.requestId, of.requestId) : undefined,
        of.projectId ? eq(scoringEvaluations.projectId, of.projectId) : undefined,
      ),
    )
    .orderBy(asc(scoringEvaluations.requestId), asc(scoringEvaluations.projectId), asc(users.name));
}

export async function findEvaluation(db: Executor, id: string) {
  const [row] = await db
    .select({ e: scoringEvaluations, evaluatorName: users.name })
    .from(scoringEvaluations)
    .innerJoin(users, eq(users.id, scoringEvaluations.evaluatorId))
    .where(eq(scoringEvaluations.id, id));
  return row;
}

export async function insertEvaluations(
  db: Executor,
  values: (typeof scoringEvaluations.$inferInsert)[],
) {
  if (values.length === 0) return [];
  return db.insert(scoringEvaluations).values(values).returning();
}

export async function updateEvaluation(
  db: Executor,
  id: string,
  version: number,
  values: { scores?: Record<string, number>; comment?: string },
) {
  const [row] = await db
    .update(scoringEvaluations)
    .set({ ...values, version: version + 1, updatedAt: new Date() })
    .where(and(eq(scoringEvaluations.id, id), eq(scoringEvaluations.version, version)))
    .returning();
  return row;
}

export async function deleteEvaluation(db: Executor, id: string, version: number) {
  const [row] = await db
    .delete(scoringEvaluations)
    .where(and(eq(scoringEvaluations.id, id), eq(scoringEvaluations.version, version)))
    .returning();
  return row;
}

/** The candidates a ranking lists: requests in evaluation, and any request scored under the model. */
export function rankedRequests(db: Executor, modelId: string) {
  return db
    .select({
      id: projectRequests.id,
      number: projectRequests.number,
      title: projectRequests.title,
      stage: projectRequests.stage,
    })
    .from(projectRequests)
    .where(
      or(
        eq(projectRequests.stage, 'evaluation'),
        inArray(
          projectRequests.id,
          db
            .select({ id: scoringEvaluations.requestId })
            .from(scoringEvaluations)
            .where(eq(scoringEvaluations.modelId, modelId)),
        ),
      ),
    )
    .orderBy(asc(projectRequests.number));
}

/**
 * The running projects a ranking lists with the requests (active or on hold, not archived),
 * and any project scored under the model.
 */
export function rankedProjects(db: Executor, modelId: string) {
  return db
    .select({ id: projects.id, code: projects.code, name: projects.name, status: projects.status })
    .from(projects)
    .where(
      and(
        isNull(projects.archivedAt),
        or(
          inArray(projects.status, ['active', 'on_hold']),
          inArray(
            projects.id,
            db
              .select({ id: sql<string>`${scoringEvaluations.projectId}` })
              .from(scoringEvaluations)
              .where(eq(scoringEvaluations.modelId, modelId)),
          ),
        ),
      ),
    )
    .orderBy(asc(projects.code));
}

/**
 * The strongest contribution level (1–3) of each of these requests and projects to any
 * objective, by candidate id (one grouped statement).
 */
export async function strongestContributions(
  db: Executor,
  candidateIds: readonly string[],
): Promise<Map<string, number>> {
  if (candidateIds.length === 0) return new Map();
  const ids = [...candidateIds];
  const candidate = sql<string>`coalesce(${contributions.requestId}, ${contributions.projectId})`;
  const rows = await db
    .select({ id: candidate, level: sql<number>`max(${contributions.level})::int` })
    .from(contributions)
    .where(or(inArray(contributions.requestId, ids), inArray(contributions.projectId, ids)))
    .groupBy(candidate);
  return new Map(rows.map((r) => [String(r.id), Number(r.level)]));
}
