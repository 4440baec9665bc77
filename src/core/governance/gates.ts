import { DomainError, type ValidationIssue, validationError } from '../errors.ts';
import type { GlobalRole, ProjectRole } from '../platform/permissions.ts';
import type {
  DeliverableStatus,
  GateApprover,
  GateDecisionKind,
  LifecycleStatus,
  MethodologyContent,
  PhaseTemplate,
} from './model.ts';

/** A deliverable of a project, as far as readiness and compliance care. */
export interface DeliverableState {
  phaseKey: string;
  key: string;
  name: string;
  required: boolean;
  status: DeliverableStatus;
}

export interface ReadinessItem {
  key: string;
  label: string;
  met: boolean;
}

/** What a gate review shows: each criterion and required deliverable, done or missing. */
export interface GateReadiness {
  criteria: ReadinessItem[];
  deliverables: (ReadinessItem & { status: DeliverableStatus | 'missing'; required: boolean })[];
  /** The standard milestones the phase's WBS names: each must be reached in the plan. */
  milestones: (ReadinessItem & {
    state: GateMilestone['state'];
    /** Whether the evidence its standard asks for is attached (`not_required` when it asks none). */
    evidence: 'present' | 'missing' | 'not_required';
  })[];
  /** Criteria met plus required deliverables approved plus standard milestones reached. */
  done: number;
  /** Criteria plus required deliverables. */
  total: number;
  /** Labels of what is not done yet, criteria first. */
  missing: string[];
  /** True when everything required is done (a gate with nothing to check is ready). */
  ready: boolean;
  /** done / total in whole percent (100 when total is 0). */
  percent: number;
}

/** A standard milestone the phase requires, as the project's plan stands (see core/methods/catalogue). */
export interface GateMilestone {
  code: string;
  name: string;
  state: 'reached' | 'late' | 'planned' | 'missing';
  /** The standard requires evidence (a document or a link) for the milestone to count. */
  evidenceRequired?: boolean;
  /** How many pieces of evidence the project attached to it. */
  evidenceCount?: number;
}

/**
 * Readiness of the gate that closes `phase`: criteria checked, required deliverables of the
 * phase approved and the standard milestones of the phase reached (a milestone late, planned
 * or absent from the plan is missing) with their evidence attached when their standard requires
 * it (a reached milestone without it is still missing). Optional deliverables are listed but never block.
 * @example gateReadiness(phase, [], new Set()) // every criterion and required deliverable missing
 */
export function gateReadiness(
  phase: PhaseTemplate,
  deliverables: readonly DeliverableState[],
  checked: ReadonlySet<string>,
  milestones: readonly GateMilestone[] = [],
): GateReadiness {
  const criteria = (phase.gate?.criteria ?? []).map((c) => ({
    key: c.key,
    label: c.label,
    met: checked.has(c.key),
  }));
  const ofPhase = deliverables.filter((d) => d.phaseKey === phase.key);
  const byKey = new Map(ofPhase.map((d) => [d.key, d]));
  const rows: GateReadiness['deliverables'] = phase.deliverables.map((tpl) => {
    const d = byKey.get(tpl.key);
    const required = d?.required ?? tpl.required;
    return {
      key: tpl.key,
      label: d?.name ?? tpl.name,
      required,
      status: d?.status ?? 'missing',
      met: d?.status === 'approved',
    };
  });
  // Deliverables added to the project beyond its method count too.
  const known = new Set(phase.deliverables.map((d) => d.key));
  for (const d of ofPhase) {
    if (known.has(d.key)) continue;
    rows.push({
      key: d.key,
      label: d.name,
      required: d.required,
      status: d.status,
      met: d.status === 'approved',
    });
  }
  const ms = milestones.map((m) => {
    const evidence: 'present' | 'missing' | 'not_required' = !m.evidenceRequired
      ? 'not_required'
      : (m.evidenceCount ?? 0) > 0
        ? 'present'
        : 'missing';
    return {
      key: m.code,
      label: `${m.code} — ${m.name}`,
      state: m.state,
      evidence,
      met: m.state === 'reached' && evidence !== 'missing',
    };
  });
  const blocking = [...criteria, ...rows.filter((r) => r.required), ...ms];
  const done = blocking.filter((b) => b.met).length;
  const total = blocking.length;
  return {
    criteria,
    deliverables: rows,
    milestones: ms,
    done,
    total,
    missing: blocking.filter((b) => !b.met).map((b) => b.label),
    ready: done === total,
    percent: total === 0 ? 100 : Math.floor((done * 100) / total),
  };
}

/** Where a lifecycle stands: the index of its current phase and its status. */
export interface LifecyclePosition {
  phaseIndex: number;
  status: LifecycleStatus;
}

/**
 * The position after a gate decision on the current phase of a lifecycle of `phaseCount`
 * phases: a go (with or without conditions) moves to the next phase, or completes the
 * lifecycle after the last one; recycle stays in the phase (work to redo, reviewed again);
 * hold suspends; stop ends the project. A held lifecycle is decided again to resume.
 */
export function applyGateDecision(
  position: LifecyclePosition,
  phaseCount: number,
  decision: GateDecisionKind,
  conditionCount: number,
): LifecyclePosition {
  if (position.status === 'stopped' || position.status === 'completed') {
    throw new DomainError('LIFECYCLE_ENDED', `The lifecycle is ${position.status}`);
  }
  if (decision === 'go_with_conditions' && conditionCount === 0) {
    throw validationError([
      {
        path: ['body', 'conditions'],
        message: 'A go with conditions needs at least one condition',
      },
    ]);
  }
  if (decision !== 'go_with_conditions' && decision !== 'recycle' && conditionCount > 0) {
    throw validationError([
      { path: ['body', 'conditions'], message: `A ${decision} decision takes no conditions` },
    ]);
  }
  switch (decision) {
    case 'go':
    case 'go_with_conditions':
      return position.phaseIndex + 1 >= phaseCount
        ? { phaseIndex: position.phaseIndex, status: 'completed' }
        : { phaseIndex: position.phaseIndex + 1, status: 'active' };
    case 'recycle':
      return { phaseIndex: position.phaseIndex, status: 'active' };
    case 'hold':
      return { phaseIndex: position.phaseIndex, status: 'on_hold' };
    case 'stop':
      return { phaseIndex: position.phaseIndex, status: 'stopped' };
  }
}

/**
 * True when a user may decide a gate whose approvers are `approvers`: administrators always;
 * the PMO and executives by their global role; a sponsor by their role on the project.
 */
export function mayDecideGate(
  approvers: readonly GateApprover[],
  role: GlobalRole,
  projectRoles: readonly ProjectRole[],
): boolean {
  if (role === 'admin') return true;
  return approvers.some(
    (a) =>
      (a === 'pmo' && role === 'pmo') ||
      (a === 'executive' && role === 'executive') ||
      (a === 'sponsor' && projectRoles.includes('sponsor') && role !== 'viewer'),
  );
}

export interface PhaseCompliance {
  phaseKey: string;
  phaseName: string;
  required: number;
  approved: number;
}

export interface Compliance {
  phases: PhaseCompliance[];
  /** Required deliverables approved in the phases already due, in whole percent; null when none is due yet. */
  score: number | null;
  required: number;
  approved: number;
}

/**
 * How far a project follows its method: for each phase, its required deliverables and how many
 * are approved. The score counts the phases already passed (before the current one; every phase
 * once the lifecycle is completed), so a project is not penalised for work still in progress.
 * @example complianceScore(phases, delivs, 2, 'active') // phases 0 and 1 count
 */
export function complianceScore(
  phases: readonly PhaseTemplate[],
  deliverables: readonly DeliverableState[],
  currentIndex: number,
  status: LifecycleStatus,
): Compliance {
  // One pass over the deliverables, whatever the number of phases.
  const index = new Map(phases.map((p, i) => [p.key, i]));
  const rows = phases.map((p): PhaseCompliance => ({
    phaseKey: p.key,
    phaseName: p.name,
    required: 0,
    approved: 0,
  }));
  for (const d of deliverables) {
    if (!d.required) continue;
    const row = rows[index.get(d.phaseKey) ?? -1];
    if (!row) continue;
    row.required++;
    if (d.status === 'approved') row.approved++;
  }
  const dueCount = status === 'completed' ? phases.length : currentIndex;
  const due = rows.slice(0, Math.max(0, dueCount));
  const required = due.reduce((s, r) => s + r.required, 0);
  const approved = due.reduce((s, r) => s + r.approved, 0);
  return {
    phases: rows,
    score: required === 0 ? null : Math.floor((approved * 100) / required),
    required,
    approved,
  };
}

const KEY = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** Every problem of a methodology's content (keys unique and well-formed, gates with approvers). */
export function methodologyIssues(content: MethodologyContent): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const at = (...path: (string | number)[]) => ['body', 'content', ...path];
  if (content.phases.length === 0)
    issues.push({ path: at('phases'), message: 'At least one phase' });
  const phaseKeys = new Set<string>();
  const deliverableKeys = new Set<string>();
  content.phases.forEach((p, i) => {
    if (!KEY.test(p.key))
      issues.push({ path: at('phases', i, 'key'), message: 'Lowercase letters, digits, - or _' });
    if (phaseKeys.has(p.key))
      issues.push({ path: at('phases', i, 'key'), message: `Phase key ${p.key} used twice` });
    phaseKeys.add(p.key);
    p.deliverables.forEach((d, j) => {
      if (!KEY.test(d.key))
        issues.push({
          path: at('phases', i, 'deliverables', j, 'key'),
          message: 'Lowercase letters, digits, - or _',
        });
      if (deliverableKeys.has(d.key))
        issues.push({
          path: at('phases', i, 'deliverables', j, 'key'),
          message: `Deliverable key ${d.key} used twice`,
        });
      deliverableKeys.add(d.key);
    });
    if (p.gate) {
      if (p.gate.approvers.length === 0)
        issues.push({
          path: at('phases', i, 'gate', 'approvers'),
          message: 'At least one approver',
        });
      const criteria = new Set<string>();
      p.gate.criteria.forEach((c, j) => {
        if (criteria.has(c.key))
          issues.push({
            path: at('phases', i, 'gate', 'criteria', j, 'key'),
            message: `Criterion key ${c.key} used twice`,
          });
        criteria.add(c.key);
      });
    }
  });
  return issues;
}
