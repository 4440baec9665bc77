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
  'CONFLICT',
  'DUPLICATE_CODE',
  'DUPLICATE_EMAIL',
  'HIERARCHY_CYCLE',
  'HIERARCHY_MISMATCH',
  'IN_USE',
  'PLAN_INVALID',
  'PLAN_CYCLE',
  'IMPORT_INVALID',
  'PRECONDITION_REQUIRED',
  'VERSION_MISMATCH',
  'SETUP_ALREADY_DONE',
  'SETUP_TOKEN_INVALID',
  'INTERNAL',
  'RESOURCE_ROLE_NOT_FOUND',
  'RESOURCE_TEAM_NOT_FOUND',
  'ABSENCE_NOT_FOUND',
  'ABSENCE_OVERLAP',
  'ABSENCE_ALREADY_DECIDED',
  'ALLOCATION_NOT_FOUND',
  'ASSIGNMENT_NOT_FOUND',
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
