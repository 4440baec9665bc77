import { z } from 'zod';
import {
  DELIVERABLE_STATUSES,
  GATE_APPROVERS,
  GATE_DECISIONS,
  LIFECYCLE_STATUSES,
  METHODOLOGY_KINDS,
  type WbsTemplateTask as CoreWbsTask,
} from '../core/governance/model.ts';
import {
  ACTION_STATUSES,
  AUDIT_KINDS,
  AUDIT_STATUSES,
  CHECK_RESULTS,
  FINDING_SEVERITIES,
  FINDING_STATUSES,
} from '../core/governance/quality.ts';
import { RACI_LETTERS } from '../core/governance/raci.ts';
import { Id, Instant, IsoDate, PageQuery, Ref, Text, pageOf } from './common.ts';

/**
 * The governance API: the methodology library (versioned lifecycles with gates, deliverables,
 * default WBS, roles, documents, ceremonies), a project's lifecycle (phase, deliverables, gate
 * readiness and decisions with conditions), portfolio views (gate decisions, compliance), the
 * RACI matrix of a project and the glossary.
 */

export const MethodologyKind = z.enum(METHODOLOGY_KINDS);
export const GateApprover = z.enum(GATE_APPROVERS);
export const GateDecisionKind = z.enum(GATE_DECISIONS);
export type GateDecisionKind = z.infer<typeof GateDecisionKind>;
export const DeliverableStatus = z.enum(DELIVERABLE_STATUSES);
export type DeliverableStatus = z.infer<typeof DeliverableStatus>;
export const LifecycleStatus = z.enum(LIFECYCLE_STATUSES);
export type LifecycleStatus = z.infer<typeof LifecycleStatus>;

const Key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Lowercase letters, digits, - or _ (at most 40)');

export const WbsTemplateTask: z.ZodType<CoreWbsTask> = z.lazy(() =>
  z.object({
    name: Text(200),
    duration: z.number().int().min(0).max(2000),
    children: z.array(WbsTemplateTask).max(100).default([]),
    milestone: z.string().trim().min(1).max(30).nullable().optional(),
    /** Stable across versions (kept on rename); given by the editor, derived when absent. */
    key: z
      .string()
      .regex(/^[a-z0-9][a-z0-9/_-]{0,299}$/, 'Lowercase letters, digits, /, - or _')
      .optional(),
  }),
) as z.ZodType<CoreWbsTask>;

export const PhaseTemplate = z.object({
  key: Key,
  name: Text(120),
  deliverables: z
    .array(z.object({ key: Key, name: Text(200), required: z.boolean().default(true) }))
    .max(50)
    .default([]),
  gate: z
    .object({
      name: Text(120),
      criteria: z
        .array(z.object({ key: Key, label: Text(300) }))
        .max(50)
        .default([]),
      approvers: z.array(GateApprover).max(3),
    })
    .nullable()
    .default(null),
  wbs: z.array(WbsTemplateTask).max(100).default([]),
});
export type PhaseTemplate = z.infer<typeof PhaseTemplate>;

export const MethodologyContent = z.object({
  phases: z.array(PhaseTemplate).min(1).max(20),
  roles: z
    .array(z.object({ name: Text(120), description: z.string().trim().max(1000).default('') }))
    .max(50)
    .default([]),
  documents: z.array(Text(200)).max(100).default([]),
  ceremonies: z
    .array(
      z.object({
        name: Text(120),
        frequency: z.string().trim().max(120).default(''),
        description: z.string().trim().max(1000).default(''),
      }),
    )
    .max(50)
    .default([]),
  /** Codes of the company's KPI definitions that projects on this method follow. */
  kpis: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
});
export type MethodologyContent = z.infer<typeof MethodologyContent>;

export const MethodologyVersion = z.object({
  number: z.number().int(),
  notes: z.string(),
  publishedAt: Instant,
  publishedBy: z.string().nullable(),
  /** Projects following this version. */
  projectCount: z.number().int(),
});

export const MethodologySummary = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  kind: MethodologyKind,
  description: z.string(),
  latestVersion: z.number().int(),
  phaseNames: z.array(z.string()),
  projectCount: z.number().int(),
  version: z.number().int(),
});
export type MethodologySummary = z.infer<typeof MethodologySummary>;
export const MethodologyList = z.object({ items: z.array(MethodologySummary) });

export const Methodology = MethodologySummary.extend({
  versions: z.array(MethodologyVersion),
  /** The content of the version asked for (the latest by default). */
  shownVersion: z.number().int(),
  content: MethodologyContent,
});
export type Methodology = z.infer<typeof Methodology>;

export const MethodologyQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

export const CreateMethodologyBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,29}$/, 'Capitals, digits and dashes (2 to 30)'),
  name: Text(120),
  kind: MethodologyKind,
  description: z.string().trim().max(2000).default(''),
  content: MethodologyContent,
});

/** Publishes a new version (If-Match: the methodology's version); older ones stay for their projects. */
export const PublishVersionBody = z.object({
  name: Text(120).optional(),
  description: z.string().trim().max(2000).optional(),
  notes: z.string().trim().max(2000).default(''),
  content: MethodologyContent,
});

// ---------------------------------------------------------------- a project's lifecycle

export const ApplyMethodologyBody = z.object({
  methodologyId: Id,
  /** A published version (the latest by default). */
  version: z.number().int().min(1).optional(),
  /** The phase the project is in now (the first by default), for a project already under way. */
  phaseKey: Key.optional(),
  /** Adds the method's default WBS to the project's plan. */
  createWbs: z.boolean().default(true),
});

export const Deliverable = z.object({
  id: Id,
  phaseKey: z.string(),
  key: z.string(),
  name: z.string(),
  required: z.boolean(),
  status: DeliverableStatus,
  /** A link or a file reference (e.g. a document in the GED). */
  reference: z.string(),
  owner: Ref.nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: Instant.nullable(),
  version: z.number().int(),
});
export type Deliverable = z.infer<typeof Deliverable>;

export const CreateDeliverableBody = z.object({
  phaseKey: Key,
  name: Text(200),
  required: z.boolean().default(false),
  reference: z.string().trim().max(1000).default(''),
  ownerId: Id.nullable().optional(),
});

export const UpdateDeliverableBody = z.object({
  status: DeliverableStatus.optional(),
  reference: z.string().trim().max(1000).optional(),
  ownerId: Id.nullable().optional(),
});

export const DeliverableParams = z.object({ id: Id, deliverableId: Id });

export const SetCriterionBody = z.object({
  phaseKey: Key,
  criterionKey: Key,
  met: z.boolean(),
});

export const GateCondition = z.object({
  id: Id,
  decisionId: Id,
  description: z.string(),
  owner: Ref.nullable(),
  dueDate: IsoDate,
  status: z.enum(['open', 'done']),
  closedAt: Instant.nullable(),
  version: z.number().int(),
});
export type GateCondition = z.infer<typeof GateCondition>;

export const UpdateConditionBody = z.object({ status: z.enum(['open', 'done']) });
export const ConditionParams = z.object({ id: Id, conditionId: Id });

export const GateDecision = z.object({
  id: Id,
  project: z.object({ id: Id, code: z.string(), name: z.string() }),
  phaseKey: z.string(),
  phaseName: z.string(),
  gateName: z.string(),
  decision: GateDecisionKind,
  comment: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: Instant,
  /** Readiness when the decision was taken. */
  readiness: z.object({
    done: z.number().int(),
    total: z.number().int(),
    missing: z.array(z.string()),
  }),
  conditions: z.array(GateCondition),
});
export type GateDecision = z.infer<typeof GateDecision>;

export const GateDecisionBody = z.object({
  decision: GateDecisionKind,
  comment: z.string().trim().max(4000).default(''),
  conditions: z
    .array(
      z.object({
        description: Text(500),
        ownerId: Id.nullable().default(null),
        dueDate: IsoDate,
      }),
    )
    .max(30)
    .default([]),
});

const ReadinessItem = z.object({ key: z.string(), label: z.string(), met: z.boolean() });
export const GateReadiness = z.object({
  criteria: z.array(ReadinessItem),
  deliverables: z.array(
    ReadinessItem.extend({
      status: z.enum([...DELIVERABLE_STATUSES, 'missing']),
      required: z.boolean(),
    }),
  ),
  /** The standard milestones the phase's WBS names, each to be reached in the plan. */
  milestones: z.array(
    ReadinessItem.extend({
      state: z.enum(['reached', 'late', 'planned', 'missing']),
      /** The evidence its standard asks for: attached, missing, or none asked. */
      evidence: z.enum(['present', 'missing', 'not_required']),
    }),
  ),
  done: z.number().int(),
  total: z.number().int(),
  missing: z.array(z.string()),
  ready: z.boolean(),
  percent: z.number().int(),
});
export type GateReadiness = z.infer<typeof GateReadiness>;

export const Compliance = z.object({
  phases: z.array(
    z.object({
      phaseKey: z.string(),
      phaseName: z.string(),
      required: z.number().int(),
      approved: z.number().int(),
    }),
  ),
  score: z.number().int().nullable(),
  required: z.number().int(),
  approved: z.number().int(),
});

export const ProjectGovernance = z.object({
  projectId: Id,
  methodology: z.object({ id: Id, code: z.string(), name: z.string(), kind: MethodologyKind }),
  methodologyVersion: z.number().int(),
  latestVersion: z.number().int(),
  status: LifecycleStatus,
  currentPhaseKey: z.string(),
  phases: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      state: z.enum(['done', 'current', 'upcoming']),
      gate: z
        .object({
          name: z.string(),
          approvers: z.array(GateApprover),
          criteria: z.array(z.object({ key: z.string(), label: z.string() })),
        })
        .nullable(),
    }),
  ),
  /** Readiness of the gate closing the current phase (null when it has no gate or the lifecycle ended). */
  readiness: GateReadiness.nullable(),
  deliverables: z.array(Deliverable),
  decisions: z.array(GateDecision),
  compliance: Compliance,
  roles: MethodologyContent.shape.roles,
  documents: MethodologyContent.shape.documents,
  ceremonies: MethodologyContent.shape.ceremonies,
  /** The current gate closes the project (last phase): it needs lessons learned (REX) first. */
  closure: z.object({ closureGate: z.boolean(), lessonCount: z.number().int() }),
  can: z.object({ prepare: z.boolean(), decide: z.boolean(), approve: z.boolean() }),
  version: z.number().int(),
});
export type ProjectGovernance = z.infer<typeof ProjectGovernance>;

// ---------------------------------------------------------------- portfolio views

export const GateDecisionQuery = PageQuery.extend({
  portfolioId: Id.optional(),
  projectId: Id.optional(),
  decision: GateDecisionKind.optional(),
  phaseKey: Key.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  openConditions: z.enum(['true', 'false']).optional(),
});
export const GateDecisionList = pageOf(GateDecision);

export const ComplianceQuery = z.object({ portfolioId: Id.optional() });
export const ComplianceRow = z.object({
  project: z.object({ id: Id, code: z.string(), name: z.string() }),
  portfolio: Ref,
  methodology: z.object({ id: Id, name: z.string(), version: z.number().int() }).nullable(),
  status: LifecycleStatus.nullable(),
  phaseName: z.string().nullable(),
  score: z.number().int().nullable(),
  required: z.number().int(),
  approved: z.number().int(),
  openConditions: z.number().int(),
  overdueConditions: z.number().int(),
});
export const ComplianceList = z.object({ items: z.array(ComplianceRow) });

// ---------------------------------------------------------------- RACI

export const RaciLetter = z.enum(RACI_LETTERS);
export const RaciColumn = z.object({
  key: Key,
  label: Text(120),
  personId: Id.nullable().default(null),
});
export const RaciRow = z.object({
  key: Key,
  activity: Text(300),
  cells: z.record(z.string(), z.array(RaciLetter).max(4)),
});
export const RaciBody = z.object({
  columns: z.array(RaciColumn).max(30),
  rows: z.array(RaciRow).max(300),
});
export const Raci = RaciBody.extend({
  checks: z.array(
    z.object({
      key: z.string(),
      problems: z.array(z.enum(['no_accountable', 'several_accountable', 'no_responsible'])),
    }),
  ),
  version: z.number().int(),
});
export type Raci = z.infer<typeof Raci>;

// ---------------------------------------------------------------- glossary

export const GlossaryCategory = z.enum([
  'governance',
  'planning',
  'finance',
  'quality',
  'milestone',
  'general',
]);
export const GlossaryTerm = z.object({
  id: Id,
  term: z.string(),
  termEn: z.string(),
  definition: z.string(),
  definitionEn: z.string(),
  example: z.string(),
  category: GlossaryCategory,
  version: z.number().int(),
  updatedAt: Instant,
});
export type GlossaryTerm = z.infer<typeof GlossaryTerm>;
export const GlossaryQuery = z.object({
  q: z.string().trim().max(100).optional(),
  category: GlossaryCategory.optional(),
});
export const GlossaryList = z.object({ items: z.array(GlossaryTerm) });
export const CreateGlossaryTermBody = z.object({
  term: Text(120),
  termEn: z.string().trim().max(120).default(''),
  definition: Text(2000),
  definitionEn: z.string().trim().max(2000).default(''),
  example: z.string().trim().max(1000).default(''),
  category: GlossaryCategory.default('general'),
});
export const UpdateGlossaryTermBody = CreateGlossaryTermBody.partial();

// ---------------------------------------------------------------- quality assurance

export const AuditKind = z.enum(AUDIT_KINDS);
export const CheckResult = z.enum(CHECK_RESULTS);
export const FindingSeverity = z.enum(FINDING_SEVERITIES);
export type FindingSeverity = z.infer<typeof FindingSeverity>;
export const FindingStatus = z.enum(FINDING_STATUSES);
export const ActionStatus = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof ActionStatus>;
export const AuditStatus = z.enum(AUDIT_STATUSES);
export type AuditStatus = z.infer<typeof AuditStatus>;

export const ChecklistItem = z.object({ key: Key, label: Text(300) });
export const QualityChecklist = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  items: z.array(ChecklistItem),
  archived: z.boolean(),
  auditCount: z.number().int(),
  version: z.number().int(),
  updatedAt: Instant,
});
export type QualityChecklist = z.infer<typeof QualityChecklist>;
export const QualityChecklistList = z.object({ items: z.array(QualityChecklist) });
export const CreateChecklistBody = z.object({
  name: Text(120),
  description: z.string().trim().max(2000).default(''),
  items: z.array(ChecklistItem).max(100),
});
export const UpdateChecklistBody = z.object({
  name: Text(120).optional(),
  description: z.string().trim().max(2000).optional(),
  items: z.array(ChecklistItem).max(100).optional(),
  archived: z.boolean().optional(),
});
export const ChecklistParams = z.object({ id: Id });

export const AuditItem = ChecklistItem.extend({
  result: CheckResult.nullable(),
  comment: z.string(),
});
export const CorrectiveAction = z.object({
  id: Id,
  findingId: Id,
  description: z.string(),
  owner: Ref.nullable(),
  dueDate: IsoDate,
  status: ActionStatus,
  doneAt: Instant.nullable(),
  overdue: z.boolean(),
  version: z.number().int(),
});
export type CorrectiveAction = z.infer<typeof CorrectiveAction>;
export const QualityFinding = z.object({
  id: Id,
  auditId: Id,
  itemKey: z.string().nullable(),
  description: z.string(),
  severity: FindingSeverity,
  status: FindingStatus,
  closedAt: Instant.nullable(),
  createdAt: Instant,
  actions: z.array(CorrectiveAction),
  version: z.number().int(),
});
export type QualityFinding = z.infer<typeof QualityFinding>;
export const AuditScoreSchema = z.object({
  total: z.number().int(),
  assessed: z.number().int(),
  conform: z.number().int(),
  nonConform: z.number().int(),
  na: z.number().int(),
  rate: z.number().int().nullable(),
});
export const QualityAudit = z.object({
  id: Id,
  projectId: Id,
  kind: AuditKind,
  title: z.string(),
  checklist: z.object({ id: Id.nullable(), name: z.string() }),
  auditor: Ref.nullable(),
  plannedDate: IsoDate,
  completedOn: IsoDate.nullable(),
  status: AuditStatus,
  items: z.array(AuditItem),
  score: AuditScoreSchema,
  summary: z.string(),
  findings: z.array(QualityFinding),
  version: z.number().int(),
});
export type QualityAudit = z.infer<typeof QualityAudit>;
export const QualityAuditList = z.object({ items: z.array(QualityAudit) });
export const CreateAuditBody = z.object({
  kind: AuditKind.default('audit'),
  title: Text(200),
  checklistId: Id,
  auditorId: Id.nullable().default(null),
  plannedDate: IsoDate,
});
export const UpdateAuditBody = z.object({
  title: Text(200).optional(),
  auditorId: Id.nullable().optional(),
  plannedDate: IsoDate.optional(),
  summary: z.string().trim().max(5000).optional(),
  /** Results by item key; items not sent keep theirs. */
  results: z
    .array(
      z.object({
        key: Key,
        result: CheckResult.nullable(),
        comment: z.string().trim().max(2000).default(''),
      }),
    )
    .max(100)
    .optional(),
  /** True marks the assessment done (every item assessed), false reopens it. */
  completed: z.boolean().optional(),
});
export const AuditParams = z.object({ id: Id, auditId: Id });
export const CreateFindingBody = z.object({
  itemKey: Key.nullable().default(null),
  description: Text(2000),
  severity: FindingSeverity,
});
export const UpdateFindingBody = z.object({
  description: Text(2000).optional(),
  severity: FindingSeverity.optional(),
  status: FindingStatus.optional(),
});
export const FindingParams = z.object({ id: Id, findingId: Id });
export const CreateActionBody = z.object({
  description: Text(1000),
  ownerId: Id,
  dueDate: IsoDate,
});
export const UpdateActionBody = z.object({
  description: Text(1000).optional(),
  ownerId: Id.optional(),
  dueDate: IsoDate.optional(),
  status: ActionStatus.optional(),
});
export const ActionParams = z.object({ id: Id, actionId: Id });

/** The PMO's follow-up across the portfolio: findings with their actions. */
export const FindingQuery = z.object({
  portfolioId: Id.optional(),
  projectId: Id.optional(),
  status: FindingStatus.optional(),
  severity: FindingSeverity.optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export const FindingRow = QualityFinding.extend({
  project: z.object({ id: Id, code: z.string(), name: z.string() }),
  audit: z.object({ id: Id, title: z.string(), kind: AuditKind }),
});
export type FindingRow = z.infer<typeof FindingRow>;
export const FindingList = z.object({
  items: z.array(FindingRow),
  /** Findings matching the filters (items stop at 500). */
  total: z.number().int(),
  summary: z.object({
    open: z.object({
      minor: z.number().int(),
      major: z.number().int(),
      critical: z.number().int(),
    }),
    openActions: z.number().int(),
    overdueActions: z.number().int(),
  }),
});
