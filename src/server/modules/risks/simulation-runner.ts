import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runKernelBlocks } from '../../../core/risks/kernel.ts';
import {
  BLOCK_SIZE,
  blockCount,
  blockStates,
  checkIterations,
  mergeBlocks,
  simulateBlocks,
  type BlockResult,
  type SimulationKernel,
  type SimulationModel,
  type SimulationSamples,
} from '../../../core/risks/montecarlo.ts';
import { seedWords } from '../../../core/risks/random.ts';

// Runs a simulation on several threads: the blocks are cut into chunks that the calling
// thread and the worker threads take in turn from one queue; the results are merged in block
// order, so the outcome is the same with any number of threads (see core/risks/montecarlo.ts).
// Used by `jalon simulate` and the server's simulation job; loads no server code.
//
// A worker runs the kernel from its source text (core/risks/kernel.ts is self-contained for
// that): it loads no module, so it is ready in milliseconds. A worker gets its first chunk only
// once it says it is ready, so a slow start never holds up the chunks the calling thread could
// have run itself.

/** The worker's program: the kernel's source, then a loop over the chunks it is sent. */
const WORKER_SOURCE = `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const runKernelBlocks = (${runKernelBlocks.toString()});
const { kernel, iterations, blockSize } = workerData;
parentPort.on('message', (chunk) => {
  if (chunk === null) {
    parentPort.close();
    return;
  }
  const result = runKernelBlocks(kernel, chunk.states, iterations, blockSize, chunk.firstBlock, chunk.blockEnd);
  parentPort.postMessage(
    { firstBlock: chunk.firstBlock, blockEnd: chunk.blockEnd, ...result },
    [result.durations.buffer, result.criticalCount.buffer, result.sums.buffer],
  );
});
parentPort.postMessage('ready');
`;

/**
 * The pooled worker's program: like WORKER_SOURCE, but it lives across simulations. Each run
 * first sends `{ kernel, iterations, blockSize }`; chunks follow until the next run's kernel.
 * Reused, its kernel code stays compiled: a fresh worker runs its first chunks unoptimised.
 */
const POOL_WORKER_SOURCE = `'use strict';
const { parentPort } = require('node:worker_threads');
const runKernelBlocks = (${runKernelBlocks.toString()});
let job;
parentPort.on('message', (message) => {
  if (message.kernel) {
    job = message;
    return;
  }
  const result = runKernelBlocks(job.kernel, message.states, job.iterations, job.blockSize, message.firstBlock, message.blockEnd);
  parentPort.postMessage(
    { firstBlock: message.firstBlock, blockEnd: message.blockEnd, ...result },
    [result.durations.buffer, result.criticalCount.buffer, result.sums.buffer],
  );
});
parentPort.postMessage('ready');
`;

/** Idle pooled workers, kept (unreferenced, so they never hold a process open) for the next run. */
const idleWorkers: Worker[] = [];
/** Idle workers kept at most; a run needing more starts them, and the extra ones end after it. */
const MAX_IDLE_WORKERS = 4;

/** A pooled worker for one run: idle if there is one (already 'ready'), else a new one. */
function leaseWorker(): { worker: Worker; ready: boolean } {
  const idle = idleWorkers.pop();
  if (idle) {
    forgetListeners(idle);
    idle.ref();
    return { worker: idle, ready: true };
  }
  return { worker: new Worker(POOL_WORKER_SOURCE, { eval: true }), ready: false };
}

/** Our listeners only: Node's own (which start and stop the worker's port) must stay. */
function forgetListeners(worker: Worker): void {
  for (const event of ['message', 'error', 'exit']) worker.removeAllListeners(event);
}

function releaseWorker(worker: Worker, healthy: boolean): void {
  forgetListeners(worker);
  if (!healthy || idleWorkers.length >= MAX_IDLE_WORKERS) {
    void worker.terminate();
    return;
  }
  worker.unref();
  // An idle worker that fails or ends leaves the pool.
  const drop = (): void => {
    const at = idleWorkers.indexOf(worker);
    if (at >= 0) idleWorkers.splice(at, 1);
  };
  worker.once('error', drop);
  worker.once('exit', drop);
  idleWorkers.push(worker);
}

export interface RunOptions {
  /** Threads to use, the calling one included; default: the machine's cores (at most 8). */
  threads?: number;
  /** Called after each chunk with the iterations done so far. */
  onProgress?: (done: number, total: number) => void;
}

/** Below this many link-and-task visits, starting a worker costs more than it saves. */
const PARALLEL_THRESHOLD = 4_000_000;
/** Chunks a worker holds at once: the one it runs and the next. */
const WORKER_QUEUE = 2;
/** Chunks per thread: enough to balance uneven threads, few enough to keep messages rare. */
const CHUNKS_PER_THREAD = 4;

/**
 * A worker thread running the kernel: it posts 'ready', then answers each
 * `{ firstBlock, blockEnd, states }` it is sent with that range's BlockResult, and exits on null.
 */
export function startKernelWorker(kernel: SimulationKernel, iterations: number): Worker {
  return new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { kernel, iterations, blockSize: BLOCK_SIZE },
  });
}

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

  // Chunks in flight on workers; the calling thread waits for them once the queue is empty.
  let inFlight = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const settle = (): void => {
    wake?.();
    wake = undefined;
  };
  const workers: Worker[] = [];
  let healthy = true;
  try {
    for (let w = 1; w < threads; w++) {
      const { worker, ready } = leaseWorker();
      workers.push(worker);
      worker.postMessage({ kernel, iterations, blockSize: BLOCK_SIZE });
      const feed = (): void => {
        const chunk = chunks[next++];
        if (chunk !== undefined) {
          const [firstBlock, blockEnd] = chunk;
          inFlight++;
          worker.postMessage({
            firstBlock,
            blockEnd,
            states: blockStates(words, firstBlock, blockEnd),
          });
        }
        settle();
      };
      // A worker keeps one chunk queued behind the one it runs: it hears of its next chunk only
      // when the calling thread yields, which is after a whole chunk of its own.
      const start = (): void => {
        for (let k = 0; k < WORKER_QUEUE; k++) feed();
      };
      worker.on('message', (message: BlockResult | 'ready') => {
        if (message === 'ready') return start();
        inFlight--;
        record(message);
        feed();
      });
      worker.once('error', (error) => {
        healthy = false;
        failure ??= error;
        settle();
      });
      worker.once('exit', (code) => {
        healthy = false;
        failure ??= new Error(`simulation worker exited with ${code}`);
        settle();
      });
      if (ready) start();
    }
    // The calling thread works too, yielding between chunks so worker messages get through.
    for (let chunk = chunks[next++]; chunk !== undefined; chunk = chunks[next++]) {
      record(simulateBlocks(kernel, words, iterations, chunk[0], chunk[1]));
      if (threads > 1) await new Promise<void>((resolve) => setImmediate(resolve));
      if (failure) throw failure;
    }
    // Workers still starting get nothing left to do; wait only for the chunks they are running.
    while (inFlight > 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
    if (failure) throw failure;
  } catch (error) {
    healthy = false;
    throw error;
  } finally {
    // Workers that may still be running a chunk are not reused.
    for (const worker of workers) releaseWorker(worker, healthy && inFlight === 0);
  }
  return mergeBlocks(kernel, iterations, results);
}
