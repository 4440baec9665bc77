import { z } from 'zod';
import {
  ACTION_SOURCES,
  ACTION_STATUSES,
  CHANGE_STATUSES,
  DECISION_STATUSES,
  ISSUE_PRIORITIES,
  ISSUE_STATUSES,
} from '../core/risks/raid.ts';
import { Id, Instant, IsoDate, Ref, Text } from './common.ts';

/**
 * The RAID logs of a project beside its risk register: issues (what happened), decisions
 * (what was decided, by whom, when), change requests (what, why, impact analysis pre-filled
 * from the plan and budget, approval workflow) and the actions shared by all of them.
 * Money in integer cents; business dates `YYYY-MM-DD`.
 */

const Cents = z.number().int().min(-1e15).max(1e15);
const LongText = (max = 4000) => z.string().trim().max(max);
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Expected YYYY-MM');

export const IssuePriority = z.enum(ISSUE_PRIORITIES);
export const IssueStatus = z.enum(ISSUE_STATUSES);
export const DecisionStatus = z.enum(DECISION_STATUSES);
export const ChangeStatus = z.enum(CHANGE_STATUSES);
export const ActionSource = z.enum(ACTION_SOURCES);
export const ActionStatus = z.enum(ACTION_STATUSES);

/** A project of the log, for program-level views. */
const ProjectRef = z.object({ id: Id, name: z.string() });

export const RaidListQuery = z
  .object({
    projectId: Id.optional(),
    programId: Id.optional(),
    /** Issues only: the portfolio's escalated issues (PMO and global roles). */
    portfolioId: Id.optional(),
    /**
     * Issues only, with `programId` or `portfolioId`: only the issues escalated to that
     * programme or portfolio.
     */
    escalated: z.enum(['true', 'false']).optional(),
    status: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.string())).optional(),
  })
  .refine(
    (q) => q.projectId !== undefined || q.programId !== undefined || q.portfolioId !== undefined,
    {
      message: 'projectId, programId or portfolioId is required',
      path: ['projectId'],
    },
  );
export type RaidListQuery = z.infer<typeof RaidListQuery>;

// ---------------------------------------------------------------- issues

export const Issue = z.object({
  id: Id,
  /** `I-4`: numbered per project. */
  code: z.string(),
  project: ProjectRef,
  title: z.string(),
  description: z.string(),
  impact: z.string(),
  owner: Ref.nullable(),
  priority: IssuePriority,
  status: IssueStatus,
  raisedOn: IsoDate,
  dueDate: IsoDate.nullable(),
  resolution: z.string(),
  resolvedOn: IsoDate.nullable(),
  /** The risk that occurred, when the issue comes from the register. */
  risk: Ref.nullable(),
  /** The WBS task the issue affects: `{ id, name: "1.2.3 Recette" }`. */
  task: Ref.nullable(),
  /** Escalated: the programme and/or portfolio it was raised to, when and why. */
  program: Ref.nullable(),
  portfolio: Ref.nullable(),
  escalatedTo: z.enum(['program', 'portfolio']).nullable(),
  escalatedAt: Instant.nullable(),
  escalationReason: z.string(),
  openActions: z.number().int(),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Issue = z.infer<typeof Issue>;
export const IssueList = z.object({ items: z.array(Issue) });

export const CreateIssueBody = z.object({
  title: Text(200),
  description: LongText().default(''),
  impact: LongText().default(''),
  ownerId: Id.nullable().default(null),
  priority: IssuePriority.default('medium'),
  status: IssueStatus.default('open'),
  raisedOn: IsoDate.optional(),
  dueDate: IsoDate.nullable().default(null),
  resolution: LongText().default(''),
  riskId: Id.nullable().default(null),
  taskId: Id.nullable().default(null),
});
export type CreateIssueBody = z.infer<typeof CreateIssueBody>;
export const UpdateIssueBody = z.object({
  title: Text(200).optional(),
  description: LongText().optional(),
  impact: LongText().optional(),
  ownerId: Id.nullable().optional(),
  priority: IssuePriority.optional(),
  status: IssueStatus.optional(),
  raisedOn: IsoDate.optional(),
  dueDate: IsoDate.nullable().optional(),
  resolution: LongText().optional(),
  riskId: Id.nullable().optional(),
  taskId: Id.nullable().optional(),
});
export type UpdateIssueBody = z.infer<typeof UpdateIssueBody>;
export const IssueParams = z.object({ issueId: Id });

/** Raises an issue to the project's programme (default) or portfolio, with the reason. */
export const EscalateIssueBody = z.object({
  to: z.enum(['program', 'portfolio']).default('program'),
  reason: z.string().trim().min(1).max(1000),
});
export type EscalateIssueBody = z.infer<typeof EscalateIssueBody>;

// ---------------------------------------------------------------- decisions

export const LinkedItem = z.object({
  type: z.enum(['risk', 'issue', 'change_request']),
  id: Id,
});
export const LinkedItemView = LinkedItem.extend({ code: z.string(), title: z.string() });

export const Decision = z.object({
  id: Id,
  /** `D-2`: numbered per project. */
  code: z.string(),
  project: ProjectRef,
  title: z.string(),
  decision: z.string(),
  alternatives: z.string(),
  /** The person who decided (the sponsor, the PMO…). */
  decidedBy: Ref.nullable(),
  /** The body that decided: COPIL, CODIR, comité de projet… */
  forum: z.string(),
  decidedOn: IsoDate,
  status: DecisionStatus,
  links: z.array(LinkedItemView),
  /** Set when the decision records the approval or rejection of a change request. */
  changeRequest: Ref.nullable(),
  openActions: z.number().int(),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Decision = z.infer<typeof Decision>;
export const DecisionList = z.object({ items: z.array(Decision) });

export const CreateDecisionBody = z.object({
  title: Text(200),
  decision: LongText().default(''),
  alternatives: LongText().default(''),
  decidedById: Id.nullable().default(null),
  forum: LongText(120).default(''),
  decidedOn: IsoDate.optional(),
  status: DecisionStatus.default('decided'),
  links: z.array(LinkedItem).max(50).default([]),
});
export type CreateDecisionBody = z.infer<typeof CreateDecisionBody>;
export const UpdateDecisionBody = z.object({
  title: Text(200).optional(),
  decision: LongText().optional(),
  alternatives: LongText().optional(),
  decidedById: Id.nullable().optional(),
  forum: LongText(120).optional(),
  decidedOn: IsoDate.optional(),
  status: DecisionStatus.optional(),
  links: z.array(LinkedItem).max(50).optional(),
});
export type UpdateDecisionBody = z.infer<typeof UpdateDecisionBody>;
export const DecisionParams = z.object({ decisionId: Id });

// ---------------------------------------------------------------- change requests

/** A change of a plan task's duration, in working days (negative shortens it). */
export const TaskChange = z.object({
  taskId: Id,
  deltaDays: z.number().int().min(-1000).max(1000),
});
/** A change of a budget line in one month, in cents (negative lowers it). */
export const BudgetChange = z.object({ lineId: Id, month: Month, deltaCents: Cents });

export const ChangeRequest = z.object({
  id: Id,
  /** `DC-3`: numbered per project. */
  code: z.string(),
  project: ProjectRef,
  title: z.string(),
  /** What changes. */
  description: z.string(),
  /** Why. */
  justification: z.string(),
  scopeImpact: z.string(),
  riskImpact: z.string(),
  taskChanges: z.array(TaskChange),
  budgetChanges: z.array(BudgetChange),
  risks: z.array(Ref),
  /** Σ of the budget changes. */
  costImpactCents: z.number().int(),
  /** The slip of the project finish the analysis foresees, in working days (≥ 0). */
  scheduleImpactDays: z.number().int(),
  requestedBy: Ref.nullable(),
  status: ChangeStatus,
  submittedAt: Instant.nullable(),
  decidedAt: Instant.nullable(),
  decidedByName: z.string().nullable(),
  decisionComment: z.string(),
  decision: Ref.nullable(),
  /** The plan and budget were changed on approval. */
  applied: z.boolean(),
  openActions: z.number().int(),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type ChangeRequest = z.infer<typeof ChangeRequest>;
export const ChangeRequestList = z.object({ items: z.array(ChangeRequest) });

/** The impact analysis: each affected task with its dates and float, each budget line. */
export const ChangeAnalysis = z.object({
  tasks: z.array(
    z.object({
      taskId: Id,
      wbs: z.string(),
      name: z.string(),
      start: IsoDate.nullable(),
      finish: IsoDate.nullable(),
      duration: z.number().int(),
      totalFloat: z.number().nullable(),
      critical: z.boolean(),
      deltaDays: z.number().int(),
      newDuration: z.number().int(),
      /** Working days the project finish would slip through this task (delta beyond float). */
      slipDays: z.number().int(),
    }),
  ),
  budget: z.array(
    z.object({
      lineId: Id,
      label: z.string(),
      month: Month,
      totalCents: z.number().int(),
      deltaCents: z.number().int(),
      newTotalCents: z.number().int(),
    }),
  ),
  /** False when the caller may not read the project's finances (budget left out). */
  budgetVisible: z.boolean(),
  projectFinish: IsoDate.nullable(),
  scheduleImpactDays: z.number().int(),
  costImpactCents: z.number().int(),
  risks: z.array(z.object({ id: Id, code: z.string(), title: z.string(), score: z.number() })),
});
export type ChangeAnalysis = z.infer<typeof ChangeAnalysis>;
export const ChangeRequestDetail = ChangeRequest.extend({ analysis: ChangeAnalysis });
export type ChangeRequestDetail = z.infer<typeof ChangeRequestDetail>;

export const CreateChangeRequestBody = z.object({
  title: Text(200),
  description: LongText().default(''),
  justification: LongText().default(''),
  scopeImpact: LongText().default(''),
  riskImpact: LongText().default(''),
  taskChanges: z.array(TaskChange).max(200).default([]),
  budgetChanges: z.array(BudgetChange).max(200).default([]),
  riskIds: z.array(Id).max(50).default([]),
});
export type CreateChangeRequestBody = z.infer<typeof CreateChangeRequestBody>;
export const UpdateChangeRequestBody = z.object({
  title: Text(200).optional(),
  description: LongText().optional(),
  justification: LongText().optional(),
  scopeImpact: LongText().optional(),
  riskImpact: LongText().optional(),
  taskChanges: z.array(TaskChange).max(200).optional(),
  budgetChanges: z.array(BudgetChange).max(200).optional(),
  riskIds: z.array(Id).max(50).optional(),
});
export type UpdateChangeRequestBody = z.infer<typeof UpdateChangeRequestBody>;
export const ChangeRequestParams = z.object({ changeId: Id });

export const DecideChangeBody = z.object({
  decision: z.enum(['approve', 'reject']),
  comment: LongText(2000).default(''),
  /** On approval: change the plan and budget as the request says (default true). */
  apply: z.boolean().default(true),
});
export type DecideChangeBody = z.infer<typeof DecideChangeBody>;

// ---------------------------------------------------------------- actions

export const RaidAction = z.object({
  id: Id,
  source: z.object({ type: ActionSource, id: Id, code: z.string(), title: z.string() }),
  project: ProjectRef.nullable(),
  program: Ref.nullable(),
  title: z.string(),
  owner: Ref.nullable(),
  dueDate: IsoDate.nullable(),
  status: ActionStatus,
  doneOn: IsoDate.nullable(),
  /** The WBS task the action serves. */
  task: Ref.nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type RaidAction = z.infer<typeof RaidAction>;
export const RaidActionList = z.object({ items: z.array(RaidAction) });

export const ActionListQuery = z.object({
  sourceType: ActionSource.optional(),
  sourceId: Id.optional(),
  projectId: Id.optional(),
  status: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(ActionStatus)).optional(),
});

export const CreateActionBody = z.object({
  sourceType: ActionSource,
  sourceId: Id,
  title: Text(300),
  ownerId: Id.nullable().default(null),
  dueDate: IsoDate.nullable().default(null),
  taskId: Id.nullable().default(null),
});
export type CreateActionBody = z.infer<typeof CreateActionBody>;
export const UpdateActionBody = z.object({
  title: Text(300).optional(),
  ownerId: Id.nullable().optional(),
  dueDate: IsoDate.nullable().optional(),
  status: ActionStatus.optional(),
  taskId: Id.nullable().optional(),
});
export type UpdateActionBody = z.infer<typeof UpdateActionBody>;
export const ActionParams = z.object({ actionId: Id });

// ---------------------------------------------------------------- task pickers and impacts

/** A task of the project's WBS, for the searchable task pickers of the RAID forms. */
export const RaidTaskOption = z.object({
  id: Id,
  wbs: z.string(),
  name: z.string(),
  isSummary: z.boolean(),
  milestone: z.boolean(),
  finish: IsoDate.nullable(),
});
export type RaidTaskOption = z.infer<typeof RaidTaskOption>;
export const RaidTaskOptionList = z.object({ items: z.array(RaidTaskOption) });
export const RaidTaskQuery = z.object({
  q: z.string().trim().max(200).optional(),
  /** Leaves only (risk impacts: summaries take no delay). */
  leaves: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** A register risk's schedule impact: the working days it adds to each leaf task it hits. */
export const RiskTaskImpact = z.object({
  taskId: Id,
  days: z.number().positive().max(1000),
});
export const RiskTaskImpacts = z.object({
  riskId: Id,
  /** The risk as a simulation event: probability (the PMO's % for its level), cost in cents. */
  probability: z.number().min(0).max(1),
  costImpactCents: z.number().int(),
  impacts: z.array(RiskTaskImpact.extend({ wbs: z.string(), name: z.string() })),
  /** Counted by the project's schedule risk simulation (open or monitored threat with impacts). */
  inSimulation: z.boolean(),
  version: z.number().int(),
});
export type RiskTaskImpacts = z.infer<typeof RiskTaskImpacts>;
export const PutRiskTaskImpactsBody = z.object({
  impacts: z.array(RiskTaskImpact).max(200),
});
export type PutRiskTaskImpactsBody = z.infer<typeof PutRiskTaskImpactsBody>;
