/** Every way a simulation input can be refused. */
export type SimulationErrorCode =
  'INVALID_ESTIMATE' | 'INVALID_RISK' | 'INVALID_OPTIONS' | 'INVALID_FILE' | 'UNKNOWN_TASK';

/**
 * The error the risk core throws: `message` names the culprit (task, risk, key), `details`
 * locates it (`task`, `risk`, `path`) so that a caller can point at a line of the file.
 */
export class SimulationError extends Error {
  readonly code: SimulationErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: SimulationErrorCode,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'SimulationError';
    this.code = code;
    this.details = details;
  }
}
