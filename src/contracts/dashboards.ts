import { z } from 'zod';
import { Id, Instant, IsoDate, Ref } from './common.ts';
import { ProjectStatus } from './portfolio.ts';
import { ReportsDue, Trend, Weather } from './reporting.ts';

/*
 * Dashboards: "Mon accueil" (the home page of every signed-in user). The server sends codes and
 * data; the web app words them.
 */

const ProjectRef = z.object({ id: Id, code: z.string(), name: z.string() });

/** Why a project is on my list: I manage it, sponsor it, or am a member with a project role. */
export const MyProjectRole = z.enum(['project_manager', 'sponsor', 'contributor', 'reader']);

export const MyProject = ProjectRef.extend({
  status: ProjectStatus,
  portfolio: Ref,
  roles: z.array(MyProjectRole),
  plannedEnd: IsoDate.nullable(),
  /** The latest submitted or reviewed status report's weather (null: none yet). */
  weather: Weather.nullable(),
  weatherPeriod: IsoDate.nullable(),
  trend: Trend.nullable(),
  /** The report of the period expected now, when I manage the project and it is not sent yet. */
  reportDue: z
    .object({
      periodStart: IsoDate,
      state: z.enum(['missing', 'draft', 'changes_requested']),
    })
    .nullable(),
});
export type MyProject = z.infer<typeof MyProject>;

/**
 * An action assigned to me. On main today: the response of a risk I own (open or monitored);
 * the shared RAID actions plug in here with `kind: 'action'`.
 */
export const MyAction = z.object({
  /** risk_response: the response of a risk I own; action: a RAID action I own (its `source`). */
  kind: z.enum(['risk_response', 'action']),
  id: Id,
  /** */
  reference: z.string(),
  title: z.string(),
  response: z.string(),
  strategy: z.string().nullable(),
  status: z.string(),
  /** Risk responses: the risk's criticality; RAID actions: null. */
  score: z.number().int().nullable(),
  /** RAID actions: what the action belongs to (risk, issue, decision, change request). */
  source: z.enum(['risk', 'issue', 'decision', 'change_request']).nullable(),
  /** The date the risk may occur by (proximité), the date to act before. */
  dueDate: IsoDate.nullable(),
  overdue: z.boolean(),
  project: ProjectRef.nullable(),
  program: Ref.nullable(),
});
export type MyAction = z.infer<typeof MyAction>;

export const MyApprovals = z.object({
  timesheets: z.array(
    z.object({
      id: Id,
      person: Ref,
      weekStart: IsoDate,
      pendingHours: z.number(),
      submittedAt: Instant.nullable(),
    }),
  ),
  budgetRevisions: z.array(
    z.object({
      id: Id,
      project: ProjectRef,
      number: z.number().int(),
      /** EUR minor units. */
      total: z.number().int(),
      reason: z.string(),
      submittedBy: z.string().nullable(),
      submittedAt: Instant,
    }),
  ),
  gates: z.array(
    z.object({
      project: ProjectRef,
      phaseName: z.string(),
      gateName: z.string(),
      /** Criteria checked and required deliverables approved, in whole percent. */
      readiness: z.number().int(),
    }),
  ),
});
export type MyApprovals = z.infer<typeof MyApprovals>;

export const MyTimesheet = z.object({
  weekStart: IsoDate,
  id: Id.nullable(),
  status: z.enum(['none', 'draft', 'submitted', 'approved', 'rejected']),
  hours: z.number(),
  /** Working hours of the week (profile hours, minus public holidays and approved absences). */
  expectedHours: z.number(),
  /** Last week's sheet when it was not submitted (late), else null. */
  lastWeek: z
    .object({ weekStart: IsoDate, status: z.enum(['none', 'draft', 'rejected']) })
    .nullable(),
});
export type MyTimesheet = z.infer<typeof MyTimesheet>;

export const MyHome = z.object({
  today: IsoDate,
  person: Ref.nullable(),
  projects: z.array(MyProject),
  actions: z.array(MyAction),
  approvals: MyApprovals,
  /** Null when the account is not linked to a person (no timesheet). */
  timesheet: MyTimesheet.nullable(),
  reportsDue: ReportsDue.shape.items,
});
export type MyHome = z.infer<typeof MyHome>;
