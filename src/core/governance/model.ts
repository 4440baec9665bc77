/**
 * The governance model: methodologies (a lifecycle of phases with exit gates, deliverables,
 * a default WBS, roles, documents, ceremonies) and the state of a project that follows one.
 */

export const METHODOLOGY_KINDS = ['waterfall', 'agile', 'hybrid'] as const;
export type MethodologyKind = (typeof METHODOLOGY_KINDS)[number];

/** Who may decide a gate: the PMO, the executive committee, or the project's sponsor. */
export const GATE_APPROVERS = ['pmo', 'executive', 'sponsor'] as const;
export type GateApprover = (typeof GATE_APPROVERS)[number];

export const GATE_DECISIONS = ['go', 'go_with_conditions', 'recycle', 'hold', 'stop'] as const;
export type GateDecisionKind = (typeof GATE_DECISIONS)[number];

export const DELIVERABLE_STATUSES = ['draft', 'submitted', 'approved'] as const;
export type DeliverableStatus = (typeof DELIVERABLE_STATUSES)[number];

/** Where a project stands in its lifecycle. */
export const LIFECYCLE_STATUSES = ['active', 'on_hold', 'stopped', 'completed'] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

export interface GateCriterion {
  key: string;
  label: string;
}

export interface DeliverableTemplate {
  key: string;
  name: string;
  /** Required deliverables must be approved for the gate to be ready and count for compliance. */
  required: boolean;
}

/** The gate that closes a phase: its checklist and who decides it. */
export interface GateTemplate {
  name: string;
  criteria: GateCriterion[];
  approvers: GateApprover[];
}

/** One task of the default WBS; `duration` in working days (0 = milestone). */
export interface WbsTemplateTask {
  name: string;
  duration: number;
  children: WbsTemplateTask[];
  /** A milestone (duration 0) may stand for a standard milestone of the catalogue (its code). */
  milestone?: string | null;
  /**
   * The item's stable key across the method's versions (kept when it is renamed or moved).
   * Absent in versions published before keys existed: derived from its outline path of names.
   */
  key?: string;
}

export interface PhaseTemplate {
  key: string;
  name: string;
  deliverables: DeliverableTemplate[];
  /** The gate at the end of the phase (null: the phase ends without a formal review). */
  gate: GateTemplate | null;
  /** The default WBS of the phase (its summary task is the phase itself). */
  wbs: WbsTemplateTask[];
}

export interface MethodologyRole {
  name: string;
  description: string;
}

export interface Ceremony {
  name: string;
  frequency: string;
  description: string;
}

/** The content of one published version of a methodology. */
export interface MethodologyContent {
  phases: PhaseTemplate[];
  roles: MethodologyRole[];
  documents: string[];
  ceremonies: Ceremony[];
  /** The codes of the catalogue's KPIs (reporting's definitions) projects on this method follow. */
  kpis?: string[];
}
