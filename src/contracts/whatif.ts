import { z } from 'zod';
import { MoveReason } from './capacity.ts';
import { Id, IsoDate } from './common.ts';
import { Priority } from './portfolio.ts';
import { GroupBy, HeatMap, ProjectShift } from './resources.ts';

/** A project in a portfolio simulation (a hypothetical one has no id of its own). */
export const WhatIfProjectRef = z.object({
  /** The project's id, or "new" for the hypothetical project. */
  id: z.string(),
  code: z.string(),
  name: z.string(),
  hypothetical: z.boolean(),
});
export type WhatIfProjectRef = z.infer<typeof WhatIfProjectRef>;

const TaskRef = z.object({ id: z.string(), wbs: z.string(), name: z.string() });

export const PortfolioLevelingMove = z.object({
  project: WhatIfProjectRef,
  task: TaskRef,
  from: IsoDate,
  to: IsoDate,
  /** Working days of delay. */
  delay: z.number().int(),
  totalFloat: z.number().nullable(),
  reason: MoveReason,
  person: z.object({ id: Id, name: z.string() }).nullable(),
  /** The task (and its project) that held that person. */
  blockedBy: z.object({ project: WhatIfProjectRef, task: TaskRef }).nullable(),
  /**
   * What the move gains: the person-days and hours over capacity that undoing it alone would
   * bring back (zero for a task that only follows a moved predecessor).
   */
  gain: z.object({ days: z.number().int(), hours: z.number() }),
});
export type PortfolioLevelingMove = z.infer<typeof PortfolioLevelingMove>;

export const PortfolioLevelingProject = WhatIfProjectRef.extend({
  /** The priority leveling used (the project's, or the one the scenario gave it). */
  priority: Priority,
  finishBefore: IsoDate.nullable(),
  finishAfter: IsoDate.nullable(),
  /** Tasks of this project that moved. */
  moved: z.number().int(),
});

/** What leveling the portfolio would do, most important projects first: nothing is saved. */
export const PortfolioLevelingPreview = z.object({
  portfolioId: Id,
  projects: z.array(PortfolioLevelingProject),
  moves: z.array(PortfolioLevelingMove),
  /** Person-days over capacity before and after (the portfolio's tasks, other loads counted). */
  overBefore: z.number().int(),
  overAfter: z.number().int(),
  /** Hours over capacity (summed over person-days) before and after. */
  overHoursBefore: z.number(),
  overHoursAfter: z.number(),
  /** Moves the scheme made that gained nothing, given back (not in `moves`). */
  dropped: z.number().int(),
  unresolved: z.array(z.object({ project: WhatIfProjectRef, task: TaskRef })),
  people: z.number().int(),
  tasks: z.number().int(),
  /** Identifies this exact result: apply it with the same fingerprint. */
  fingerprint: z.string(),
});
export type PortfolioLevelingPreview = z.infer<typeof PortfolioLevelingPreview>;

export const PortfolioLevelingBody = z.object({
  /** Count proposed (soft) allocations of projects outside the portfolio as load. */
  includeSoft: z.boolean().default(false),
});

export const ApplyPortfolioLevelingBody = PortfolioLevelingBody.extend({
  fingerprint: z.string().min(1).max(100),
});

export const PortfolioLevelingApplied = z.object({
  /** Tasks given a "start no earlier than" constraint. */
  constrained: z.number().int(),
  /** Projects whose plan changed. */
  projects: z.number().int(),
  moves: z.number().int(),
});
export type PortfolioLevelingApplied = z.infer<typeof PortfolioLevelingApplied>;

/** A project that does not exist yet, to see whether it fits. */
export const HypotheticalProject = z
  .object({
    name: z.string().trim().min(1).max(200),
    priority: Priority,
    start: IsoDate,
    finish: IsoDate,
    people: z
      .array(z.object({ personId: Id, hoursPerWeek: z.number().min(0.5).max(80) }))
      .min(1)
      .max(50),
  })
  .refine((p) => p.finish >= p.start, {
    path: ['finish'],
    message: 'The finish must be on or after the start',
  });
export type HypotheticalProject = z.infer<typeof HypotheticalProject>;

/** A simulation on a portfolio: nothing is saved. */
export const PortfolioWhatIfBody = z.object({
  from: IsoDate,
  unit: z.enum(['week', 'month']).default('week'),
  buckets: z.number().int().min(1).max(104).default(12),
  groupBy: GroupBy.default('person'),
  includeSoft: z.boolean().default(true),
  overOnly: z.boolean().default(false),
  limit: z.number().int().min(1).max(500).default(200),
  /** New priorities of some of the portfolio's projects. */
  priorities: z
    .array(z.object({ projectId: Id, priority: Priority }))
    .max(500)
    .default([]),
  /** Projects taken out (stopped or not launched). */
  removed: z.array(Id).max(500).default([]),
  /** Projects whose start moves (calendar days; negative is earlier). */
  shifts: z.array(ProjectShift).max(500).default([]),
  added: HypotheticalProject.nullable().default(null),
  /** Level the portfolio by priority in the "after" picture (else loads stay where they are). */
  level: z.boolean().default(true),
});
export type PortfolioWhatIfBody = z.infer<typeof PortfolioWhatIfBody>;

export const PortfolioWhatIfResult = z.object({
  before: HeatMap,
  after: HeatMap,
  /** The leveling of the scenario (null when not asked). */
  leveling: PortfolioLevelingPreview.nullable(),
});
export type PortfolioWhatIfResult = z.infer<typeof PortfolioWhatIfResult>;

// ---------------------------------------------------------------- teams with dated members

export const TeamMember = z.object({
  id: Id,
  teamId: Id,
  person: z.object({ id: Id, name: z.string() }),
  start: IsoDate,
  /** Inclusive; null: open-ended. */
  finish: IsoDate.nullable(),
  /** Today within the dates. */
  current: z.boolean(),
  version: z.number().int(),
});
export type TeamMember = z.infer<typeof TeamMember>;

export const TeamDetail = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  lead: z.object({ id: Id, name: z.string() }).nullable(),
  version: z.number().int(),
  members: z.array(TeamMember),
});
export type TeamDetail = z.infer<typeof TeamDetail>;

const memberDates = <T extends { start?: string; finish?: string | null }>(b: T) =>
  !b.start || !b.finish || b.finish >= b.start;

export const CreateTeamMemberBody = z
  .object({ personId: Id, start: IsoDate, finish: IsoDate.nullable().default(null) })
  .refine(memberDates, { path: ['finish'], message: 'The finish must be on or after the start' });

export const UpdateTeamMemberBody = z
  .object({ start: IsoDate.optional(), finish: IsoDate.nullable().optional() })
  .refine(memberDates, { path: ['finish'], message: 'The finish must be on or after the start' });

export const TeamMemberParams = z.object({ id: Id, memberId: Id });

// ---------------------------------------------------------------- timesheet (CRA) follow-ups

/** Absences touching a timesheet week, and the hours they take each day (Monday first). */
export const WeekAbsences = z.object({
  weekStart: IsoDate,
  items: z.array(
    z.object({
      id: Id,
      kind: z.string(),
      status: z.enum(['requested', 'approved']),
      start: IsoDate,
      finish: IsoDate,
      dayFraction: z.number(),
    }),
  ),
  /** Hours approved absences take (not available for work), per day. */
  blocked: z.array(z.number()).length(7),
  /** Hours requested (not yet approved) absences would take, per day. */
  requested: z.array(z.number()).length(7),
  /** The person's working hours per weekday. */
  workHours: z.array(z.number()).length(7),
});
export type WeekAbsences = z.infer<typeof WeekAbsences>;
