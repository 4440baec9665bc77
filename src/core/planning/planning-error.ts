/** Every way a plan, a calendar or an exchange file can be refused by the planning engine. */
export type PlanningErrorCode =
  | 'CYCLE'
  | 'UNKNOWN_TASK'
  | 'DUPLICATE_TASK'
  | 'LINK_ON_SUMMARY'
  | 'INVALID_LINK'
  | 'INVALID_PARENT'
  | 'INVALID_DURATION'
  | 'INVALID_DATE'
  | 'INVALID_CALENDAR'
  | 'INVALID_CONSTRAINT'
  | 'INVALID_PROGRESS'
  | 'INVALID_FILE'
  | 'UNSAFE_XML'
  | 'FILE_TOO_LARGE'
  | 'OUT_OF_RANGE';

/** Details that locate the culprit: a task id, a link, a line of a file, a JSON path… */
export type PlanningErrorDetails = Readonly<Record<string, unknown>>;

/**
 * The only error the planning core throws. `message` names the culprit (task, link, line);
 * the server maps `code` to its DomainError, the CLI prints `code: message`.
 */
export class PlanningError extends Error {
  readonly code: PlanningErrorCode;
  readonly details: PlanningErrorDetails;

  constructor(code: PlanningErrorCode, message: string, details: PlanningErrorDetails = {}) {
    super(message);
    this.name = 'PlanningError';
    this.code = code;
    this.details = details;
  }
}
