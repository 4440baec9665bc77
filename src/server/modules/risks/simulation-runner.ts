import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  blockCount,
  checkIterations,
  mergeBlocks,
  simulateBlocks,
  type BlockResult,
  type SimulationModel,
  type SimulationSamples,
} from '../../../core/risks/montecarlo.ts';
import { seedWords } from '../../../core/risks/random.ts';

// Runs a simulation on several threads: the blocks are cut into chunks that the calling
// thread and the worker threads take in turn from one queue; the results are merged in block
// order, so the outcome is the same with any number of threads (see core/risks/montecarlo.ts).
// Used by `jalon simulate` and the server's simulation job; loads no server code.

export interface RunOptions {
  /** Threads to use, the calling one included; default: the machine's cores (at most 8). */
  threads?: number;
  /** Called after each chunk with the iterations done so far. */
  onProgress?: (done: number, total: number) => void;
}

/** Below this many link-and-task visits, starting a worker costs more than it saves. */
const PARALLEL_THRESHOLD = 4_000_000;
/** Chunks per thread: enough to balance uneven threads, few enough to keep messages rare. */
const CHUNKS_PER_THREAD = 4;

export async function runSimulation(
  model: SimulationModel,
  iterations: number,
  seed: string,
  options: RunOptions = {},
): Promise<SimulationSamples> {
  checkIterations(iterations);
  const kernel = model.kernel;
  const words = seedWords(seed);
  const blocks = blockCount(iterations);
  const work =
    iterations *
    (kernel.leafCount + kernel.startLinkFrom.length + kernel.finishLinkFrom.length + 1);
  const cores = Math.min(8, options.threads ?? availableParallelism());
  const threads = work < PARALLEL_THRESHOLD ? 1 : Math.max(1, Math.min(cores, blocks));
  const chunkCount = Math.min(
    blocks,
    threads === 1 && !options.onProgress ? 1 : threads * CHUNKS_PER_THREAD,
  );
  const chunks: [number, number][] = [];
  for (let c = 0; c < chunkCount; c++) {
    chunks.push([
      Math.floor((c * blocks) / chunkCount),
      Math.floor(((c + 1) * blocks) / chunkCount),
    ]);
  }
  const results: BlockResult[] = [];
  let done = 0;
  let next = 0;
  const record = (result: BlockResult): void => {
    results.push(result);
    done += result.durations.length;
    options.onProgress?.(done, iterations);
  };

  const workers: Worker[] = [];
  try {
    const workerRuns: Promise<void>[] = [];
    for (let w = 1; w < threads; w++) {
      const worker = new Worker(new URL('./simulation.worker.ts', import.meta.url), {
        workerData: { kernel, words, iterations },
      });
      workers.push(worker);
      workerRuns.push(
        new Promise<void>((resolve, reject) => {
          const take = (): void => {
            const chunk = chunks[next++];
            if (chunk === undefined) {
              worker.postMessage(null);
              resolve();
              return;
            }
            worker.postMessage({ firstBlock: chunk[0], blockEnd: chunk[1] });
          };
          worker.on('message', (result: BlockResult) => {
            record(result);
            take();
          });
          worker.once('error', reject);
          worker.once('exit', (code) => {
            if (code !== 0) reject(new Error(`simulation worker exited with ${code}`));
          });
          take();
        }),
      );
    }
    // The calling thread works too, yielding between chunks so worker messages get through.
    for (let chunk = chunks[next++]; chunk !== undefined; chunk = chunks[next++]) {
      record(simulateBlocks(kernel, words, iterations, chunk[0], chunk[1]));
      if (threads > 1) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await Promise.all(workerRuns);
  } finally {
    for (const worker of workers) void worker.terminate();
  }
  return mergeBlocks(kernel, iterations, results);
}
