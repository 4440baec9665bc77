import type { FastifyError, FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { DomainError, type ErrorCode, type ValidationIssue } from '../../core/errors.ts';

/** The HTTP status of every error code: one table, checked exhaustively by its type. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_DISABLED: 403,
  TOO_MANY_REQUESTS: 429,
  CSRF_REJECTED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PROJECT_NOT_FOUND: 404,
  PORTFOLIO_NOT_FOUND: 404,
  PROGRAM_NOT_FOUND: 404,
  ORG_UNIT_NOT_FOUND: 404,
  PERSON_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  MEMBER_NOT_FOUND: 404,
  TASK_NOT_FOUND: 404,
  LINK_NOT_FOUND: 404,
  BASELINE_NOT_FOUND: 404,
  TIMESHEET_NOT_FOUND: 404,
  ACTIVITY_NOT_FOUND: 404,
  LOCKED_PERIOD_NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE_CODE: 409,
  DUPLICATE_EMAIL: 409,
  HIERARCHY_CYCLE: 409,
  HIERARCHY_MISMATCH: 409,
  IN_USE: 409,
  PLAN_INVALID: 409,
  PLAN_CYCLE: 409,
  IMPORT_INVALID: 400,
  TIMESHEET_INVALID: 409,
  TIMESHEET_NOT_EDITABLE: 409,
  TIMESHEET_EMPTY: 409,
  NO_PERSON: 409,
  PRECONDITION_REQUIRED: 428,
  VERSION_MISMATCH: 412,
  SETUP_ALREADY_DONE: 409,
  SETUP_TOKEN_INVALID: 403,
  STATUS_REPORT_NOT_FOUND: 404,
  STATUS_REPORT_EXISTS: 409,
  STATUS_REPORT_STATE: 409,
  KPI_NOT_FOUND: 404,
  KPI_FORMULA_INVALID: 400,
  METHODOLOGY_NOT_FOUND: 404,
  DELIVERABLE_NOT_FOUND: 404,
  CONDITION_NOT_FOUND: 404,
  GLOSSARY_TERM_NOT_FOUND: 404,
  LIFECYCLE_NOT_SET: 409,
  LIFECYCLE_ALREADY_SET: 409,
  LIFECYCLE_ENDED: 409,
  QUALITY_CHECKLIST_NOT_FOUND: 404,
  QUALITY_AUDIT_NOT_FOUND: 404,
  QUALITY_FINDING_NOT_FOUND: 404,
  CORRECTIVE_ACTION_NOT_FOUND: 404,
  FINDING_NOT_CLOSABLE: 409,
  INTERNAL: 500,
  RISK_NOT_FOUND: 404,
  RISK_CATEGORY_NOT_FOUND: 404,
  RISK_NOT_ESCALATABLE: 409,
  ISSUE_NOT_FOUND: 404,
  DECISION_NOT_FOUND: 404,
  CHANGE_REQUEST_NOT_FOUND: 404,
  CHANGE_REQUEST_WRONG_STATUS: 409,
  ACTION_NOT_FOUND: 404,
  REQUEST_NOT_FOUND: 404,
  REQUEST_STAGE_INVALID: 409,
  BUDGET_LINE_NOT_FOUND: 404,
  BUDGET_REVISION_NOT_FOUND: 404,
  REVISION_NOT_PENDING: 409,
  PURCHASE_ORDER_NOT_FOUND: 404,
  ACTUAL_NOT_FOUND: 404,
  NO_EXCHANGE_RATE: 400,
  RESOURCE_ROLE_NOT_FOUND: 404,
  RESOURCE_TEAM_NOT_FOUND: 404,
  ABSENCE_NOT_FOUND: 404,
  ABSENCE_OVERLAP: 409,
  ABSENCE_ALREADY_DECIDED: 409,
  ALLOCATION_NOT_FOUND: 404,
  ASSIGNMENT_NOT_FOUND: 404,
  LEVELING_STALE: 409,
  COPIL_TEMPLATE_NOT_FOUND: 404,
  COPIL_TEMPLATE_EXISTS: 409,
  COPIL_PACK_NOT_FOUND: 404,
  COPIL_PACK_NOT_READY: 409,
  SUBSCRIPTION_NOT_FOUND: 404,
  SMTP_NOT_CONFIGURED: 409,
  SMTP_SEND_FAILED: 502,
  OBJECTIVE_NOT_FOUND: 404,
  OBJECTIVE_HAS_CHILDREN: 409,
  CONTRIBUTION_NOT_FOUND: 404,
  SKILL_CATEGORY_NOT_FOUND: 404,
  SKILL_CATEGORY_NOT_EMPTY: 409,
  SKILL_NOT_FOUND: 404,
  SKILL_IN_USE: 409,
  PERSON_SKILL_NOT_FOUND: 404,
  SKILL_SOURCE_NOT_ALLOWED: 403,
  RESOURCE_REQUEST_NOT_FOUND: 404,
  REQUEST_NOT_EDITABLE: 409,
  WHATIF_PROJECT_NOT_IN_PORTFOLIO: 400,
  TEAM_MEMBER_NOT_FOUND: 404,
  TEAM_MEMBERSHIP_OVERLAP: 409,
  TIMESHEET_NOT_RECALLABLE: 409,
  REQUEST_TRANSITION_INVALID: 409,
  REQUEST_NOT_OPEN: 409,
  TRAINING_COURSE_NOT_FOUND: 404,
  TRAINING_SESSION_NOT_FOUND: 404,
  SESSION_FULL: 409,
  SESSION_CANCELLED: 409,
  ALREADY_ENROLLED: 409,
  ENROLMENT_NOT_FOUND: 404,
  ENROLMENT_TRANSITION_INVALID: 409,
  DEVELOPMENT_GOAL_NOT_FOUND: 404,
  FORECAST_NOT_FOUND: 404,
  FORECAST_NOT_PENDING: 409,
  FORECAST_ALREADY_SUBMITTED: 409,
  EXCHANGE_RATE_NOT_FOUND: 404,
  DISCOUNT_RATE_NOT_FOUND: 404,
  BENEFIT_NOT_FOUND: 404,
  PROJECT_NOT_CLOSED: 409,
  SCORING_MODEL_NOT_FOUND: 404,
  EVALUATION_NOT_FOUND: 404,
  EVALUATION_EXISTS: 409,
  SCENARIO_NOT_FOUND: 404,
  OPTIMIZER_FAILED: 422,
  POLICY_NOT_FOUND: 404,
  ROLE_DESCRIPTION_NOT_FOUND: 404,
  LESSON_NOT_FOUND: 404,
  SIM_EVENT_NOT_FOUND: 404,
  SIM_RUN_NOT_FOUND: 404,
  SIM_RUN_BUSY: 409,
  RISK_CATEGORY_IN_USE: 409,
  ISSUE_NOT_ESCALATABLE: 409,
  SESSION_SEATS_BELOW_TAKEN: 409,
  STANDARD_MILESTONE_NOT_FOUND: 404,
  LESSONS_REQUIRED: 409,
  METHOD_VERSION_NOT_NEWER: 409,
  TRAINING_COST_ALREADY_POSTED: 409,
  TRAINING_COST_POSTING_NOT_FOUND: 404,
  TRAINING_COST_ALREADY_ACTUAL: 409,
  FRONTIER_RUNNING: 409,
  ABSENCE_ON_TRAINING: 409,
  SCENARIO_NOT_FROM_BACKLOG: 409,
  BACKLOG_CHANGED: 409,
  MILESTONE_EVIDENCE_NOT_FOUND: 404,
  TRAINING_ON_ABSENCE: 409,
  ATTENDANCE_ALL_DAYS_SICK: 409,
  ATTENDANCE_NOT_STARTED: 409,
};

/** Codes for errors raised by Fastify or its plugins rather than by our code. */
const GENERIC_CODES: Partial<Record<number, ErrorCode>> = {
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
};

function body(code: ErrorCode, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Maps every thrown error to the error body; 5xx never carry internals. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | DomainError, req, reply) => {
    if (err instanceof DomainError) {
      const status = HTTP_STATUS[err.code];
      if (status >= 500) req.log.error({ err }, 'domain error');
      return reply.status(status).send(body(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const issues: ValidationIssue[] = err.validation.map((v) => ({
        path: [where, ...v.instancePath.split('/').filter(Boolean)],
        message: v.message ?? 'invalid',
        code: String(
          v.params?.issue && typeof v.params.issue === 'object' && 'code' in v.params.issue
            ? v.params.issue.code
            : v.keyword,
        ),
      }));
      return reply
        .status(400)
        .send(body('VALIDATION_FAILED', 'The request is not valid', { issues }));
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      return reply.status(500).send(body('INTERNAL', 'Internal error'));
    }
    const status = err.statusCode ?? 500;
    if (status === 429)
      return reply.status(429).send(body('TOO_MANY_REQUESTS', 'Too many requests'));
    if (status === 415 || status === 413 || (status === 400 && err.code?.startsWith('FST_'))) {
      return reply.status(400).send(
        body('VALIDATION_FAILED', err.message, {
          issues: [{ path: ['body'], message: err.message }],
        }),
      );
    }
    if (status < 500) {
      return reply
        .status(status)
        .send(body(GENERIC_CODES[status] ?? 'VALIDATION_FAILED', err.message));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL', 'Internal error'));
  });
}

/** The error body of an unknown route. */
export function notFoundBody(method: string, url: string) {
  return body('NOT_FOUND', `No route ${method} ${url.split('?')[0]}`);
}
