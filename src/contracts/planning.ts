import { z } from 'zod';
import { Id, Instant, IsoDate, Ref, Text } from './common.ts';

/**
 * The planning API: a project's plan (WBS tasks, links, calendar, status date), its computed
 * schedule, baselines, and the portfolio views (roadmap, milestones). Durations and lags are in
 * working days of the project's calendar.
 */

export const LinkType = z.enum(['FS', 'SS', 'FF', 'SF']);
export const ConstraintType = z.enum(['SNET', 'SNLT', 'FNET', 'FNLT', 'MSO', 'MFO']);
export type ConstraintType = z.infer<typeof ConstraintType>;

/** The calendar of a project: the French base calendar, its variant, and exceptions. */
export const PlanCalendar = z.object({
  /** `fr`: national public holidays; `fr-alsace-moselle` adds Good Friday and 26 December; `none`: no holidays. */
  holidays: z.enum(['fr', 'fr-alsace-moselle', 'none']).default('fr'),
  /** Whit Monday is often a worked "journée de solidarité". */
  whitMondayWorked: z.boolean().default(false),
  /** ISO weekdays worked, 1 = Monday … 7 = Sunday. */
  workdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5]),
  /** Extra days off (closures, bridges). */
  daysOff: z.array(IsoDate).max(1000).default([]),
  /** Days worked although they are weekends or holidays. */
  workedDays: z.array(IsoDate).max(1000).default([]),
  hoursPerDay: z.number().gt(0).max(24).default(7),
});
export type PlanCalendar = z.infer<typeof PlanCalendar>;

export const PlanSettings = z.object({
  /** Day 0 of the schedule: the first working day on or after it. */
  start: IsoDate,
  /** Progress is known up to this day; unfinished work is scheduled from it. */
  statusDate: IsoDate.nullable(),
  calendar: PlanCalendar,
  version: z.number().int(),
});
export type PlanSettings = z.infer<typeof PlanSettings>;

export const UpdatePlanSettingsBody = z.object({
  start: IsoDate.optional(),
  statusDate: IsoDate.nullable().optional(),
  calendar: PlanCalendar.partial().optional(),
});

/** What the engine computed for a task (working-day floats; dates are working days). */
export const TaskSchedule = z.object({
  start: IsoDate,
  finish: IsoDate,
  lateStart: IsoDate.nullable(),
  lateFinish: IsoDate.nullable(),
  totalFloat: z.number().nullable(),
  freeFloat: z.number().nullable(),
  critical: z.boolean(),
});

export const PlanTask = z.object({
  id: Id,
  parentId: Id.nullable(),
  /** Outline number, e.g. `2.1.3`. */
  wbs: z.string(),
  /** 0-based depth in the outline. */
  level: z.number().int(),
  name: z.string(),
  kind: z.enum(['summary', 'task', 'milestone']),
  /** Working days (leaves); summaries: the span of their leaves. */
  duration: z.number().int(),
  constraint: z.object({ type: ConstraintType, date: IsoDate }).nullable(),
  deadline: IsoDate.nullable(),
  owner: Ref.nullable(),
  notes: z.string(),
  percentComplete: z.number().min(0).max(100),
  actualStart: IsoDate.nullable(),
  actualFinish: IsoDate.nullable(),
  /** Working days left (leaves). */
  remaining: z.number(),
  schedule: TaskSchedule,
  version: z.number().int(),
});
export type PlanTask = z.infer<typeof PlanTask>;

export const PlanLink = z.object({
  id: Id,
  fromTaskId: Id,
  toTaskId: Id,
  type: LinkType,
  lag: z.number().int(),
  /** Set when the predecessor belongs to another project (cross-project link). */
  fromProject: z.object({ id: Id, code: z.string(), name: z.string() }).nullable(),
  /** For If-Match on PATCH and DELETE of the link. */
  version: z.number().int(),
});
export type PlanLink = z.infer<typeof PlanLink>;

/** The whole plan of a project with its schedule. */
export const Plan = z.object({
  projectId: Id,
  settings: PlanSettings,
  tasks: z.array(PlanTask),
  links: z.array(PlanLink),
  projectStart: IsoDate.nullable(),
  projectFinish: IsoDate.nullable(),
  /** Critical leaf task ids in start order. */
  criticalPath: z.array(Id),
  /** Non-working days between projectStart and projectFinish (weekends, holidays), for shading. */
  nonWorkingDays: z.array(IsoDate),
  can: z.object({ edit: z.boolean(), baseline: z.boolean() }),
});
export type Plan = z.infer<typeof Plan>;

/**
 * What an edit changed, once rescheduled: the tasks and links whose data or computed dates
 * changed (tasks whose dates alone moved in the compact `schedules`), those removed, and the new
 * project span. The client patches its copy with it.
 */
export const PlanChange = z.object({
  /** Tasks whose own data, outline or summary roll-up changed, whole. */
  tasks: z.array(PlanTask),
  /**
   * Tasks of which only the computed schedule moved (the usual bulk of a reschedule), as their id
   * and new schedule: their data and version are unchanged.
   */
  schedules: z.array(z.object({ id: Id, schedule: TaskSchedule })),
  links: z.array(PlanLink),
  removedTaskIds: z.array(Id),
  removedLinkIds: z.array(Id),
  /** Tasks this edit created (create, copy), so the client can select them. */
  createdTaskIds: z.array(Id),
  projectStart: IsoDate.nullable(),
  projectFinish: IsoDate.nullable(),
  criticalPath: z.array(Id),
});
export type PlanChange = z.infer<typeof PlanChange>;

const TaskFields = {
  name: Text(300),
  duration: z.number().int().min(0).max(10000),
  constraint: z.object({ type: ConstraintType, date: IsoDate }).nullable(),
  deadline: IsoDate.nullable(),
  ownerId: Id.nullable(),
  notes: z.string().max(20000),
  percentComplete: z.number().min(0).max(100),
  actualStart: IsoDate.nullable(),
  actualFinish: IsoDate.nullable(),
};

export const CreateTaskBody = z.object({
  name: TaskFields.name,
  duration: TaskFields.duration.default(1),
  parentId: Id.nullable().default(null),
  /** Insert after this sibling; at the end of the parent when absent. */
  afterTaskId: Id.nullable().optional(),
  constraint: TaskFields.constraint.optional(),
  deadline: TaskFields.deadline.optional(),
  ownerId: TaskFields.ownerId.optional(),
  notes: TaskFields.notes.default(''),
});

export const UpdateTaskBody = z.object({
  name: TaskFields.name.optional(),
  duration: TaskFields.duration.optional(),
  constraint: TaskFields.constraint.optional(),
  deadline: TaskFields.deadline.optional(),
  ownerId: TaskFields.ownerId.optional(),
  notes: TaskFields.notes.optional(),
  percentComplete: TaskFields.percentComplete.optional(),
  actualStart: TaskFields.actualStart.optional(),
  actualFinish: TaskFields.actualFinish.optional(),
});

/** Moves a task (and its subtree) in the outline: indent, outdent and reorder are all moves. */
export const MoveTaskBody = z.object({
  parentId: Id.nullable(),
  /** Place after this sibling; first under the parent when null. */
  afterTaskId: Id.nullable(),
});

export const TaskParams = z.object({ id: Id, taskId: Id });
export const LinkParams = z.object({ id: Id, linkId: Id });

export const CreateLinkBody = z.object({
  fromTaskId: Id,
  toTaskId: Id,
  type: LinkType.default('FS'),
  lag: z.number().int().min(-10000).max(10000).default(0),
});
export const UpdateLinkBody = z.object({
  type: LinkType.optional(),
  lag: z.number().int().min(-10000).max(10000).optional(),
});

// ---------------------------------------------------------------- baselines

export const Baseline = z.object({
  id: Id,
  name: z.string(),
  createdAt: Instant,
  createdBy: Ref.nullable(),
  projectFinish: IsoDate.nullable(),
  taskCount: z.number().int(),
});
export const BaselineList = z.object({ items: z.array(Baseline) });
export const CreateBaselineBody = z.object({ name: Text(200) });
export const BaselineParams = z.object({ id: Id, baselineId: Id });

/** Current plan against a baseline, per task. Variances in working days (positive = later / longer). */
export const BaselineComparison = z.object({
  baseline: Baseline,
  projectFinishVariance: z.number().nullable(),
  rows: z.array(
    z.object({
      taskId: Id,
      wbs: z.string(),
      name: z.string(),
      kind: z.enum(['summary', 'task', 'milestone']),
      baselineStart: IsoDate.nullable(),
      baselineFinish: IsoDate.nullable(),
      baselineDuration: z.number().nullable(),
      start: IsoDate,
      finish: IsoDate,
      duration: z.number(),
      startVariance: z.number().nullable(),
      finishVariance: z.number().nullable(),
      durationVariance: z.number().nullable(),
      /** New since the baseline. */
      added: z.boolean(),
    }),
  ),
});

// ---------------------------------------------------------------- exchange

export const ImportQuery = z.object({
  format: z.enum(['mspdi', 'json']),
  /** Preview only: nothing is written. */
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** `replace` the project's plan, or `append` the imported tasks at the end. */
  mode: z.enum(['replace', 'append']).default('replace'),
});
export const ImportReport = z.object({
  dryRun: z.boolean(),
  tasks: z.number().int(),
  summaries: z.number().int(),
  milestones: z.number().int(),
  links: z.number().int(),
  baselines: z.number().int(),
  projectStart: IsoDate.nullable(),
  projectFinish: IsoDate.nullable(),
  warnings: z.array(z.object({ line: z.number().int().nullable(), message: z.string() })),
});
export const ExportQuery = z.object({ format: z.enum(['mspdi', 'json', 'csv']) });

// ---------------------------------------------------------------- portfolio views

export const RoadmapQuery = z.object({
  portfolioId: Id.optional(),
  programId: Id.optional(),
  status: z
    .union([z.string(), z.array(z.string())])
    .transform((s) => (Array.isArray(s) ? s : [s]))
    .optional(),
});
export const Roadmap = z.object({
  projects: z.array(
    z.object({
      id: Id,
      code: z.string(),
      name: z.string(),
      status: z.string(),
      portfolio: Ref,
      program: Ref.nullable(),
      parentId: Id.nullable(),
      start: IsoDate.nullable(),
      finish: IsoDate.nullable(),
      /** Finish of the latest baseline, to show slippage. */
      baselineFinish: IsoDate.nullable(),
      phases: z.array(z.object({ id: Id, name: z.string(), start: IsoDate, finish: IsoDate })),
      milestones: z.array(
        z.object({
          id: Id,
          name: z.string(),
          date: IsoDate,
          baselineDate: IsoDate.nullable(),
          done: z.boolean(),
        }),
      ),
    }),
  ),
  /** Links between tasks of different projects, for arrows between rows. */
  links: z.array(
    z.object({
      fromProjectId: Id,
      fromTaskId: Id,
      toProjectId: Id,
      toTaskId: Id,
      type: LinkType,
      lag: z.number().int(),
    }),
  ),
});

export const MilestoneStatus = z.enum(['done', 'due', 'late']);
export const MilestoneQuery = z.object({
  portfolioId: Id.optional(),
  programId: Id.optional(),
  projectId: Id.optional(),
  status: MilestoneStatus.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const MilestoneList = z.object({
  items: z.array(
    z.object({
      id: Id,
      name: z.string(),
      project: z.object({ id: Id, code: z.string(), name: z.string() }),
      date: IsoDate,
      baselineDate: IsoDate.nullable(),
      /** Working days, positive = later than the baseline. */
      slippage: z.number().nullable(),
      status: MilestoneStatus,
      critical: z.boolean(),
    }),
  ),
});

/** The planned date of each milestone as recorded at each status date. */
export const MilestoneTrend = z.object({
  milestones: z.array(
    z.object({
      id: Id,
      name: z.string(),
      /** Reached: 100 % complete or an actual finish (its line ends on the diagonal). */
      done: z.boolean(),
      /** The actual finish when reached and recorded. */
      doneOn: IsoDate.nullable(),
    }),
  ),
  points: z.array(z.object({ statusDate: IsoDate, dates: z.record(z.string(), IsoDate) })),
});

// ---------------------------------------------------------------- iCalendar

export const CalendarFeed = z.object({ url: z.string().nullable(), createdAt: Instant.nullable() });
