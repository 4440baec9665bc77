import {
  blockCount,
  blockStates,
  checkIterations,
  mergeBlocks,
  type BlockResult,
  type SimulationModel,
  type SimulationSamples,
} from '../../../core/risks/montecarlo.ts';
import { seedWords } from '../../../core/risks/random.ts';
import { startKernelWorker } from '../risks/simulation-runner.ts';

// The server's way of running a simulation: entirely on a kernel worker thread (the one
// `jalon simulate` uses, see risks/simulation-runner.ts), so the web server's event loop stays
// free while thousands of iterations run. The blocks are sent in about 20 chunks, one at a
// time, so the caller hears of the progress after each; the merge is in block order, so the
// outcome is exactly the in-process `simulate` result for the same seed.

const CHUNKS = 20;

export async function simulateOffThread(
  model: SimulationModel,
  iterations: number,
  seed: string,
  onProgress?: (done: number, total: number) => void,
): Promise<SimulationSamples> {
  checkIterations(iterations);
  const words = seedWords(seed);
  const blocks = blockCount(iterations);
  const chunkCount = Math.min(blocks, CHUNKS);
  const chunks: [number, number][] = [];
  for (let c = 0; c < chunkCount; c++) {
    chunks.push([
      Math.floor((c * blocks) / chunkCount),
      Math.floor(((c + 1) * blocks) / chunkCount),
    ]);
  }
  const worker = startKernelWorker(model.kernel, iterations);
  const results: BlockResult[] = [];
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      const send = () => {
        const chunk = chunks[next++];
        if (chunk === undefined) {
          resolve();
          return;
        }
        worker.postMessage({
          firstBlock: chunk[0],
          blockEnd: chunk[1],
          states: blockStates(words, chunk[0], chunk[1]),
        });
      };
      worker.on('message', (message: BlockResult | 'ready') => {
        if (message !== 'ready') {
          results.push(message);
          done += message.durations.length;
          onProgress?.(done, iterations);
        }
        send();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (next <= chunks.length) reject(new Error(`simulation worker exited with ${code}`));
      });
    });
  } finally {
    void worker.terminate();
  }
  return mergeBlocks(model.kernel, iterations, results);
}
