// A worker thread of the Monte Carlo simulation: receives the kernel once, then ranges of
// blocks to run, and posts each range's result back (buffers transferred, not copied).
import { parentPort, workerData } from 'node:worker_threads';
import { simulateBlocks, type SimulationKernel } from '../../../core/risks/montecarlo.ts';

interface Setup {
  kernel: SimulationKernel;
  words: Uint32Array;
  iterations: number;
}

const { kernel, words, iterations } = workerData as Setup;
parentPort!.on('message', (range: { firstBlock: number; blockEnd: number } | null) => {
  if (range === null) {
    parentPort!.close();
    return;
  }
  const result = simulateBlocks(kernel, words, iterations, range.firstBlock, range.blockEnd);
  parentPort!.postMessage(result, [
    result.durations.buffer as ArrayBuffer,
    result.criticalCount.buffer as ArrayBuffer,
    result.sums.buffer as ArrayBuffer,
  ]);
});
