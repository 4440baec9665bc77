/** The closed list of error codes Jalon returns. The HTTP status of each is in one table on the server. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_DISABLED',
  'TOO_MANY_REQUESTS',
  'CSRF_REJECTED',
  'FORBIDDEN',
  'NOT_FOUND',
  'PROJECT_NOT_FOUND',
  'PORTFOLIO_NOT_FOUND',
  'PROGRAM_NOT_FOUND',
  'ORG_UNIT_NOT_FOUND',
  'PERSON_NOT_FOUND',
  'USER_NOT_FOUND',
  'MEMBER_NOT_FOUND',
  'TASK_NOT_FOUND',
  'LINK_NOT_FOUND',
  'BASELINE_NOT_FOUND',
  'TIMESHEET_NOT_FOUND',
  'ACTIVITY_NOT_FOUND',
  'LOCKED_PERIOD_NOT_FOUND',
  'CONFLICT',
  'DUPLICATE_CODE',
  'DUPLICATE_EMAIL',
  'HIERARCHY_CYCLE',
  'HIERARCHY_MISMATCH',
  'IN_USE',
  'PLAN_INVALID',
  'PLAN_CYCLE',
  'IMPORT_INVALID',
  'TIMESHEET_INVALID',
  'TIMESHEET_NOT_EDITABLE',
  'TIMESHEET_EMPTY',
  'NO_PERSON',
  'PRECONDITION_REQUIRED',
  'VERSION_MISMATCH',
  'SETUP_ALREADY_DONE',
  'SETUP_TOKEN_INVALID',
  'STATUS_REPORT_NOT_FOUND',
  'STATUS_REPORT_EXISTS',
  'STATUS_REPORT_STATE',
  'KPI_NOT_FOUND',
  'KPI_FORMULA_INVALID',
  'METHODOLOGY_NOT_FOUND',
  'DELIVERABLE_NOT_FOUND',
  'CONDITION_NOT_FOUND',
  'GLOSSARY_TERM_NOT_FOUND',
  'LIFECYCLE_NOT_SET',
  'LIFECYCLE_ALREADY_SET',
  'LIFECYCLE_ENDED',
  'QUALITY_CHECKLIST_NOT_FOUND',
  'QUALITY_AUDIT_NOT_FOUND',
  'QUALITY_FINDING_NOT_FOUND',
  'CORRECTIVE_ACTION_NOT_FOUND',
  'FINDING_NOT_CLOSABLE',
  'INTERNAL',
  'RISK_NOT_FOUND',
  'RISK_CATEGORY_NOT_FOUND',
  'RISK_NOT_ESCALATABLE',
  'ISSUE_NOT_FOUND',
  'DECISION_NOT_FOUND',
  'CHANGE_REQUEST_NOT_FOUND',
  'CHANGE_REQUEST_WRONG_STATUS',
  'ACTION_NOT_FOUND',
  'REQUEST_NOT_FOUND',
  'REQUEST_STAGE_INVALID',
  'BUDGET_LINE_NOT_FOUND',
  'BUDGET_REVISION_NOT_FOUND',
  'REVISION_NOT_PENDING',
  'PURCHASE_ORDER_NOT_FOUND',
  'ACTUAL_NOT_FOUND',
  'NO_EXCHANGE_RATE',
  'RESOURCE_ROLE_NOT_FOUND',
  'RESOURCE_TEAM_NOT_FOUND',
  'ABSENCE_NOT_FOUND',
  'ABSENCE_OVERLAP',
  'ABSENCE_ALREADY_DECIDED',
  'ALLOCATION_NOT_FOUND',
  'ASSIGNMENT_NOT_FOUND',
  'LEVELING_STALE',
  'COPIL_TEMPLATE_NOT_FOUND',
  'COPIL_TEMPLATE_EXISTS',
  'COPIL_PACK_NOT_FOUND',
  'COPIL_PACK_NOT_READY',
  'SUBSCRIPTION_NOT_FOUND',
  'SMTP_NOT_CONFIGURED',
  'SMTP_SEND_FAILED',
  'OBJECTIVE_NOT_FOUND',
  'OBJECTIVE_HAS_CHILDREN',
  'CONTRIBUTION_NOT_FOUND',
  'SKILL_CATEGORY_NOT_FOUND',
  'SKILL_CATEGORY_NOT_EMPTY',
  'SKILL_NOT_FOUND',
  'SKILL_IN_USE',
  'PERSON_SKILL_NOT_FOUND',
  'SKILL_SOURCE_NOT_ALLOWED',
  'RESOURCE_REQUEST_NOT_FOUND',
  'REQUEST_NOT_EDITABLE',
  'REQUEST_TRANSITION_INVALID',
  'REQUEST_NOT_OPEN',
  'RISK_CATEGORY_IN_USE',
  'ISSUE_NOT_ESCALATABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One issue of a validation error: where (a path of keys) and why. */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
  code?: string;
}

/** The only error that core and services throw: a code from the closed list, a developer message, details. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

/** A validation failure listing every issue, so the client can show each next to its field. */
export function validationError(issues: ValidationIssue[]): DomainError {
  const summary = issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  return new DomainError('VALIDATION_FAILED', summary, { issues });
}
