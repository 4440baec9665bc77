import { z } from 'zod';
import { Id, Instant, PageQuery, Ref, pageOf } from './common.ts';

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'archive',
  'restore',
  'delete',
  'login',
  'logout',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);

export const AUDIT_ENTITIES = [
  'user',
  'session',
  'org_unit',
  'person',
  'portfolio',
  'program',
  'project',
  'project_member',
  'task',
  'task_link',
  'baseline',
  'plan',
  'timesheet',
  'time_activity',
  'time_lock',
  'time_settings',
  'status_report',
  'status_override',
  'reporting_settings',
  'kpi',
  'risk',
  'risk_category',
  'risk_settings',
  'raid_issue',
  'raid_decision',
  'change_request',
  'raid_action',
  'project_request',
  'budget_line',
  'budget_revision',
  'purchase_order',
  'actual_cost',
  'actual_import',
  'exchange_rate',
  'finance_close',
  'methodology',
  'project_lifecycle',
  'deliverable',
  'gate_decision',
  'gate_condition',
  'raci',
  'glossary_term',
  'quality_checklist',
  'quality_audit',
  'quality_finding',
  'corrective_action',
  'resource_role',
  'resource_team',
  'resource_profile',
  'cost_rate',
  'absence',
  'allocation',
  'assignment',
  'copil_template',
  'copil_pack',
  'smtp_settings',
  'report_subscription',
  'strategic_objective',
  'strategy_contribution',
  'skill_category',
  'skill',
  'skill_level',
  'person_skill',
  'resource_request',
  'sim_estimate',
  'sim_risk_event',
  'sim_cost_range',
  'sim_run',
] as const;
export const AuditEntity = z.enum(AUDIT_ENTITIES);

/** One changed field: its value before and after (absent on create / delete). */
export const FieldChange = z.object({ before: z.unknown(), after: z.unknown() });

export const AuditEvent = z.object({
  id: Id,
  at: Instant,
  actor: Ref.nullable(),
  entityType: AuditEntity,
  entityId: Id,
  entityLabel: z.string(),
  projectId: Id.nullable(),
  action: AuditAction,
  changes: z.record(z.string(), FieldChange),
});
export type AuditEvent = z.infer<typeof AuditEvent>;
export const AuditList = pageOf(AuditEvent);

export const AuditListQuery = PageQuery.extend({
  entityType: AuditEntity.optional(),
  entityId: Id.optional(),
  actorId: Id.optional(),
  action: AuditAction.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export const ProjectHistoryQuery = PageQuery.extend({ action: AuditAction.optional() });
