/**
 * Runs the HiGHS solve of a selection problem in a worker thread, so the caller's event loop
 * (the HTTP server, the CLI's progress) stays free. HiGHS enforces the time limit itself; the
 * worker is terminated if it overruns it by more than a grace period.
 */
import { Worker } from 'node:worker_threads';
import type { SelectionProblem, SelectionResult } from '../../../../core/strategy/selection.ts';
import type { SolveOptions } from './highs-solve.ts';

const GRACE_SECONDS = 15;

export class OptimizerError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'OptimizerError';
    this.code = code;
  }
}

export function runOptimizer(
  problem: SelectionProblem,
  options: SolveOptions = {},
): Promise<SelectionResult> {
  const timeLimit = options.timeLimit ?? 30;
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./optimizer-worker.ts', import.meta.url), {
      workerData: { problem, options: { ...options, timeLimit } },
    });
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new OptimizerError(
              'OPTIMIZER_TIMEOUT',
              `the solver did not stop within ${timeLimit + GRACE_SECONDS} s`,
            ),
          ),
        ),
      (timeLimit + GRACE_SECONDS) * 1000,
    );
    worker.once(
      'message',
      (msg: { ok: true; result: SelectionResult } | { ok: false; code: string; message: string }) =>
        finish(() =>
          msg.ok ? resolve(msg.result) : reject(new OptimizerError(msg.code, msg.message)),
        ),
    );
    worker.once('error', (err) =>
      finish(() => reject(new OptimizerError('INTERNAL', err.message))),
    );
    worker.once('exit', (code) =>
      finish(() =>
        reject(new OptimizerError('INTERNAL', `the optimizer worker exited (code ${code})`)),
      ),
    );
  });
}
