/**
 * Quality assurance: audits and reviews of a project against a checklist the PMO maintains,
 * findings with a severity, corrective actions followed until closed. Pure rules, no I/O.
 */

export const AUDIT_KINDS = ['audit', 'review'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** The outcome of one checklist item: conforme, non conforme, non applicable. */
export const CHECK_RESULTS = ['conform', 'non_conform', 'na'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

/** Écart mineur, majeur, critique. */
export const FINDING_SEVERITIES = ['minor', 'major', 'critical'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export const FINDING_STATUSES = ['open', 'closed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const ACTION_STATUSES = ['todo', 'in_progress', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/**
 * Where an audit stands, derived from its state (never stored, so it always follows):
 * planned (nothing assessed yet), in_progress (being assessed), follow_up (assessment done,
 * findings still open), closed (assessment done and every finding closed).
 */
export const AUDIT_STATUSES = ['planned', 'in_progress', 'follow_up', 'closed'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

export interface ChecklistItem {
  key: string;
  label: string;
}

export interface AuditItem extends ChecklistItem {
  result: CheckResult | null;
  comment: string;
}

export interface Issue {
  path: (string | number)[];
  message: string;
}

/** Problems of a checklist template: at least one item, keys unique. */
export function checklistIssues(items: readonly ChecklistItem[], at: string[] = ['body', 'items']) {
  const issues: Issue[] = [];
  if (items.length === 0) issues.push({ path: at, message: 'At least one item' });
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.key)) issues.push({ path: [...at, i, 'key'], message: 'Duplicate key' });
    seen.add(item.key);
  });
  return issues;
}

/** A fresh audit's items from its checklist: nothing assessed yet. */
export function itemsFromChecklist(items: readonly ChecklistItem[]): AuditItem[] {
  return items.map((i) => ({ key: i.key, label: i.label, result: null, comment: '' }));
}

export interface AuditScore {
  total: number;
  assessed: number;
  conform: number;
  nonConform: number;
  na: number;
  /** Conform items out of those that apply, in whole percent rounded down; null when none apply. */
  rate: number | null;
}

export function auditScore(items: readonly Pick<AuditItem, 'result'>[]): AuditScore {
  let conform = 0;
  let nonConform = 0;
  let na = 0;
  for (const i of items) {
    if (i.result === 'conform') conform += 1;
    else if (i.result === 'non_conform') nonConform += 1;
    else if (i.result === 'na') na += 1;
  }
  const applicable = conform + nonConform;
  return {
    total: items.length,
    assessed: conform + nonConform + na,
    conform,
    nonConform,
    na,
    rate: applicable === 0 ? null : Math.floor((conform * 100) / applicable),
  };
}

/**
 * Why an audit's assessment cannot be marked done: an item not assessed, or a non-conform item
 * without a comment saying what is wrong. Paths point into the items.
 */
export function completionIssues(
  items: readonly Pick<AuditItem, 'result' | 'comment'>[],
  at: (string | number)[] = ['body', 'items'],
): Issue[] {
  const issues: Issue[] = [];
  items.forEach((item, i) => {
    if (item.result === null)
      issues.push({ path: [...at, i, 'result'], message: 'Not assessed yet' });
    else if (item.result === 'non_conform' && item.comment.trim() === '')
      issues.push({ path: [...at, i, 'comment'], message: 'Say what is not conform' });
  });
  return issues;
}

export function auditStatus(audit: {
  completed: boolean;
  items: readonly Pick<AuditItem, 'result'>[];
  findings: readonly { status: FindingStatus }[];
}): AuditStatus {
  if (!audit.completed) {
    const started = audit.items.some((i) => i.result !== null) || audit.findings.length > 0;
    return started ? 'in_progress' : 'planned';
  }
  return audit.findings.some((f) => f.status === 'open') ? 'follow_up' : 'closed';
}

/**
 * Why a finding cannot be closed: corrective actions still open, or a major/critical finding
 * closed without any corrective action. Null when it may close.
 */
export function findingCloseBlocker(
  severity: FindingSeverity,
  actions: readonly { status: ActionStatus }[],
): 'actions_open' | 'action_required' | null {
  if (actions.some((a) => a.status !== 'done')) return 'actions_open';
  if (severity !== 'minor' && actions.length === 0) return 'action_required';
  return null;
}

/** An open corrective action past its due date (dates are `YYYY-MM-DD`, so they compare as text). */
export function actionOverdue(
  action: { status: ActionStatus; dueDate: string },
  today: string,
): boolean {
  return action.status !== 'done' && action.dueDate < today;
}

const SEVERITY_RANK: Record<FindingSeverity, number> = { critical: 0, major: 1, minor: 2 };

/** Findings in the order the PMO reads them: open first, then critical → minor, then oldest. */
export function compareFindings(
  a: { status: FindingStatus; severity: FindingSeverity; createdAt: string },
  b: { status: FindingStatus; severity: FindingSeverity; createdAt: string },
): number {
  if (a.status !== b.status) return a.status === 'open' ? -1 : 1;
  const s = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  if (s !== 0) return s;
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}
