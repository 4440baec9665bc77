import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { users } from '../platform/platform.tables.ts';
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

/** A model's evaluation sheets with the evaluator's name, optionally for one request. */
export function listEvaluations(db: Executor, modelId: string, requestId?: string) {
  return db
    .select({ e: scoringEvaluations, evaluatorName: users.name })
    .from(scoringEvaluations)
    .innerJoin(users, eq(users.id, scoringEvaluations.evaluatorId))
    .where(
      requestId
        ? and(eq(scoringEvaluations.modelId, modelId), eq(scoringEvaluations.requestId, requestId))
        : eq(scoringEvaluations.modelId, modelId),
    )
    .orderBy(asc(scoringEvaluations.requestId), asc(users.name));
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

/** The strongest contribution level (1–3) of each of these requests to any objective. */
export async function strongestContributions(
  db: Executor,
  requestIds: readonly string[],
): Promise<Map<string, number>> {
  if (requestIds.length === 0) return new Map();
  const rows = await db
    .select({
      requestId: contributions.requestId,
      level: sql<number>`max(${contributions.level})::int`,
    })
    .from(contributions)
    .where(inArray(contributions.requestId, [...requestIds]))
    .groupBy(contributions.requestId);
  return new Map(rows.map((r) => [r.requestId!, Number(r.level)]));
}
