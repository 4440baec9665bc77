import { z } from 'zod';
import {
  LINE_APPROVALS,
  TIMESHEET_STATUSES,
  VIOLATION_CODES,
  isMonday,
} from '../core/time/timesheet.ts';
import { Id, Instant, IsoDate, Ref, Text } from './common.ts';

export const TimesheetStatus = z.enum(TIMESHEET_STATUSES);
export const LineApproval = z.enum(LINE_APPROVALS);

/** A week is named by its Monday, `YYYY-MM-DD`. */
export const WeekStart = IsoDate.refine(isMonday, 'must be a Monday');
export const WeekParams = z.object({ week: WeekStart });

/** Hours of one cell: 0–24 with at most two decimals (the rules check the rest). */
export const Hours = z.number().min(0).max(24);
/** The seven cells of a line, Monday first. */
export const WeekHoursSchema = z.array(Hours).length(7);

export const ACTIVITY_KINDS = ['absence', 'training', 'internal', 'support'] as const;
export const ActivityKind = z.enum(ACTIVITY_KINDS);

/** A non-project activity people may charge time to (congés, formation, réunions internes…). */
export const Activity = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  kind: ActivityKind,
  active: z.boolean(),
  version: z.number().int(),
});
export type Activity = z.infer<typeof Activity>;
export const ActivityList = z.object({ items: z.array(Activity) });
export const CreateActivityBody = z.object({
  code: Text(20),
  name: Text(200),
  kind: ActivityKind,
  active: z.boolean().default(true),
});
export const UpdateActivityBody = CreateActivityBody.partial();

export const APPROVER_POLICIES = ['resource_manager', 'project_manager'] as const;
export const ApproverPolicy = z.enum(APPROVER_POLICIES);

/** The rules and the approval policy of timesheets (one record for the organisation). */
export const TimeSettings = z.object({
  maxHoursPerDay: z.number(),
  maxHoursPerWeek: z.number(),
  approverPolicy: ApproverPolicy,
  /** Days after the end of a week before its missing timesheet counts as late. */
  lateAfterDays: z.number().int(),
  remindersEnabled: z.boolean(),
  version: z.number().int(),
});
export type TimeSettings = z.infer<typeof TimeSettings>;
export const UpdateTimeSettingsBody = z.object({
  maxHoursPerDay: z.number().gt(0).max(24).optional(),
  maxHoursPerWeek: z.number().gt(0).max(168).optional(),
  approverPolicy: ApproverPolicy.optional(),
  lateAfterDays: z.number().int().min(0).max(60).optional(),
  remindersEnabled: z.boolean().optional(),
});

/** A closed period: no hours may be entered or changed on its days. */
export const LockedPeriod = z.object({
  id: Id,
  from: IsoDate,
  to: IsoDate,
  label: z.string(),
  lockedBy: Ref.nullable(),
  lockedAt: Instant,
});
export type LockedPeriod = z.infer<typeof LockedPeriod>;
export const LockedPeriodList = z.object({ items: z.array(LockedPeriod) });
export const CreateLockedPeriodBody = z
  .object({ from: IsoDate, to: IsoDate, label: z.string().trim().max(200).default('') })
  .refine((b) => b.from <= b.to, { path: ['to'], message: 'must not be before from' });

export const TimesheetLine = z.object({
  id: Id.nullable(),
  project: z.object({ id: Id, code: z.string(), name: z.string() }).nullable(),
  task: Ref.nullable(),
  activity: z.object({ id: Id, code: z.string(), name: z.string(), kind: ActivityKind }).nullable(),
  hours: WeekHoursSchema,
  total: z.number(),
  approval: LineApproval,
  decidedBy: Ref.nullable(),
  comment: z.string().nullable(),
  /** Whether the reader may approve or reject this line now. */
  canDecide: z.boolean(),
});
export type TimesheetLine = z.infer<typeof TimesheetLine>;

export const WeekDay = z.object({
  date: IsoDate,
  /** A French public holiday (jour férié). */
  holiday: z.boolean(),
  weekend: z.boolean(),
  locked: z.boolean(),
});

/** One person's week. A week never saved has `id` null and `version` 0. */
export const Timesheet = z.object({
  id: Id.nullable(),
  person: Ref,
  weekStart: IsoDate,
  isoWeek: z.object({ year: z.number().int(), week: z.number().int() }),
  status: TimesheetStatus,
  submittedAt: Instant.nullable(),
  decidedAt: Instant.nullable(),
  comment: z.string().nullable(),
  days: z.array(WeekDay).length(7),
  lines: z.array(TimesheetLine),
  totals: z.object({ perDay: z.array(z.number()).length(7), total: z.number() }),
  rules: z.object({ maxHoursPerDay: z.number(), maxHoursPerWeek: z.number() }),
  editable: z.boolean(),
  version: z.number().int(),
});
export type Timesheet = z.infer<typeof Timesheet>;

export const SaveLineBody = z.object({
  projectId: Id.nullable().default(null),
  taskId: Id.nullable().default(null),
  activityId: Id.nullable().default(null),
  hours: WeekHoursSchema,
});
export const SaveTimesheetBody = z.object({ lines: z.array(SaveLineBody).max(100) });

/** A broken rule as the API reports it (`details.violations` of `TIMESHEET_INVALID`). */
export const TimesheetViolation = z.object({
  code: z.enum(VIOLATION_CODES),
  line: z.number().int().nullable(),
  day: z.number().int().nullable(),
  value: z.number().optional(),
  limit: z.number().optional(),
  kind: z.string().optional(),
});

/** What a person may charge time to: their projects (with tasks) and the active activities. */
export const TimesheetTargets = z.object({
  projects: z.array(
    z.object({
      id: Id,
      code: z.string(),
      name: z.string(),
      tasks: z.array(z.object({ id: Id, name: z.string(), wbs: z.string() })),
    }),
  ),
  activities: z.array(Activity),
});
export type TimesheetTargets = z.infer<typeof TimesheetTargets>;

export const DecisionBody = z.object({ comment: z.string().trim().max(2000).optional() });
export const RejectBody = z.object({ comment: Text(2000) });

/** A submitted week waiting for the reader's decision, with the lines they may decide. */
export const PendingTimesheet = z.object({
  id: Id,
  person: Ref,
  weekStart: IsoDate,
  submittedAt: Instant.nullable(),
  total: z.number(),
  /** Hours of the lines the reader may decide (all of them, or their projects' lines). */
  pendingHours: z.number(),
  projects: z.array(z.string()),
  version: z.number().int(),
});
export type PendingTimesheet = z.infer<typeof PendingTimesheet>;
export const PendingTimesheetList = z.object({ items: z.array(PendingTimesheet) });

export const BulkApproveBody = z.object({
  items: z
    .array(z.object({ id: Id, version: z.number().int() }))
    .min(1)
    .max(1000),
  comment: z.string().trim().max(2000).optional(),
});
export const BulkApproveResult = z.object({
  approved: z.array(Id),
  skipped: z.array(z.object({ id: Id, reason: z.enum(['VERSION_MISMATCH', 'NOT_APPROVABLE']) })),
});

export const ConsolidationQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
  by: z.enum(['person', 'project']).default('person'),
});
export const ConsolidationExportQuery = ConsolidationQuery.extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  /** The language of the column headers. */
  locale: z.enum(['fr', 'en']).default('fr'),
});

/** Hours of a month per person or per project (non-project activities under their own rows). */
export const ConsolidationRow = z.object({
  key: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  /** `person`, `project`, or `activity` (a non-project activity in the per-project view). */
  kind: z.enum(['person', 'project', 'activity']),
  approved: z.number(),
  submitted: z.number(),
  draft: z.number(),
  total: z.number(),
  people: z.number().int(),
});
export const Consolidation = z.object({
  month: z.string(),
  by: z.enum(['person', 'project']),
  locked: z.boolean(),
  rows: z.array(ConsolidationRow),
  totals: z.object({
    approved: z.number(),
    submitted: z.number(),
    draft: z.number(),
    total: z.number(),
  }),
});
export type Consolidation = z.infer<typeof Consolidation>;

export const ReminderRun = z.object({ missing: z.number().int(), notified: z.number().int() });
