/** Worker thread entry: solves one selection problem posted by optimizer.ts and posts the result. */
import { parentPort, workerData } from 'node:worker_threads';
import type { SelectionProblem } from '../../../../core/strategy/selection.ts';
import { solveSelection, type SolveOptions } from './highs-solve.ts';

const { problem, options } = workerData as { problem: SelectionProblem; options: SolveOptions };
try {
  const result = await solveSelection(problem, options);
  parentPort!.postMessage({ ok: true, result });
} catch (error) {
  const e = error as Error & { code?: string };
  parentPort!.postMessage({ ok: false, code: e.code ?? 'INTERNAL', message: e.message });
}
