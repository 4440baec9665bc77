import { z } from 'zod';
import { Id, IsoDate } from './common.ts';
import { CapacityQuery } from './resources.ts';

/** Why leveling moved a task. */
export const MoveReason = z.enum(['within_float', 'beyond_float', 'predecessor']);

export const LevelingMove = z.object({
  task: z.object({ id: Id, wbs: z.string(), name: z.string() }),
  from: IsoDate,
  to: IsoDate,
  /** Working days of delay. */
  delay: z.number().int(),
  /** Total float of the task before leveling, in working days. */
  totalFloat: z.number().nullable(),
  reason: MoveReason,
  /** The over-allocated person who made the delay (resource-driven moves). */
  person: z.object({ id: Id, name: z.string() }).nullable(),
  /** The task that held that person (resource-driven moves). */
  blockedBy: z.object({ id: Id, wbs: z.string(), name: z.string() }).nullable(),
});
export type LevelingMove = z.infer<typeof LevelingMove>;

/** What leveling would do to a plan: nothing is saved. */
export const LevelingPreview = z.object({
  projectId: Id,
  moves: z.array(LevelingMove),
  /** Person-days over capacity before and after (this plan's tasks, other projects' load counted). */
  overBefore: z.number().int(),
  overAfter: z.number().int(),
  /** Tasks for which no room was found: they stay over-allocated. */
  unresolved: z.array(z.object({ id: Id, wbs: z.string(), name: z.string() })),
  projectFinishBefore: IsoDate.nullable(),
  projectFinishAfter: IsoDate.nullable(),
  /** People whose load was leveled. */
  people: z.number().int(),
  tasks: z.number().int(),
  /** Identifies this exact result: apply it with the same fingerprint. */
  fingerprint: z.string(),
});
export type LevelingPreview = z.infer<typeof LevelingPreview>;

export const LevelingBody = z.object({
  /** Count proposed (soft) allocations of other projects as load. */
  includeSoft: z.boolean().default(false),
});

export const ApplyLevelingBody = LevelingBody.extend({
  /** The preview's fingerprint: if the plan or the loads changed since, nothing is applied. */
  fingerprint: z.string().min(1).max(100),
});

export const LevelingApplied = z.object({
  /** Tasks given a "start no earlier than" constraint. */
  constrained: z.number().int(),
  moves: z.number().int(),
  projectFinish: IsoDate.nullable(),
});
export type LevelingApplied = z.infer<typeof LevelingApplied>;

/** The heat map as a file: every group (no row limit), one line per group and period. */
export const CapacityExportQuery = CapacityQuery.omit({ limit: true }).extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  locale: z.enum(['fr', 'en']).default('fr'),
});
