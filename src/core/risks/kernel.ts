import type { SimulationKernel } from './montecarlo.ts';

// The inner loop of the Monte Carlo simulation, on typed arrays only.
//
// `runKernelBlocks` is *self-contained*: it reads nothing but its arguments and JavaScript
// built-ins (no import, no module constant, no helper function). That lets a worker thread run
// it from its source text (`runKernelBlocks.toString()`, see simulation-runner.ts) without
// loading any module, so a worker is ready in a few milliseconds instead of the hundreds a
// TypeScript module graph costs to load in a fresh isolate. The constants it needs are written
// as literals and checked against their named definitions in kernel.test.ts:
//   leaf kinds (planning/cpm.ts LeafKind): 0 Normal, 1 FixedStart, 2 FixedFinish, 3 Started, 4 Done;
//   shape groups (distributions.ts Shape): 0 uniform, 1 triangular, 2 PERT.

/** The raw outcome of a range of blocks. */
export interface KernelResult {
  /** T of each iteration of the range, in iteration order. */
  durations: Float64Array;
  /** Per leaf: iterations in which it was critical. */
  criticalCount: Int32Array;
  /** Per block of the range: for each sampled leaf Σd, Σd², Σd·T, then for each risk Σoccur, Σoccur·T. */
  sums: Float64Array;
}

/**
 * Runs blocks [firstBlock, blockEnd) of a simulation of `iterations` iterations, block b
 * starting from the sfc32 state `states[4(b − firstBlock)] …`. Per iteration: one uniform draw
 * per risk, then one per sampled leaf (in the kernel's order); durations; one forward pass in
 * topological order; the critical leaves traced back from the finish; the sensitivity sums.
 */
export function runKernelBlocks(
  k: SimulationKernel,
  states: Int32Array,
  iterations: number,
  blockSize: number,
  firstBlock: number,
  blockEnd: number,
): KernelResult {
  const n = k.leafCount;
  const m = k.sampledLeaf.length;
  const riskCount = k.riskProbability.length;
  const stride = 3 * m + 2 * riskCount;
  const firstIteration = firstBlock * blockSize;
  const lastIteration = Math.min(iterations, blockEnd * blockSize);
  const durations = new Float64Array(Math.max(0, lastIteration - firstIteration));
  const criticalCount = new Int32Array(n);
  const sums = new Float64Array(Math.max(0, blockEnd - firstBlock) * stride);

  const baseDuration = k.baseDuration;
  const kind = k.kind;
  const done = k.done;
  const startLow = k.startLow;
  const finishLow = k.finishLow;
  const startLinkStart = k.startLinkStart;
  const startLinkFrom = k.startLinkFrom;
  const startLinkLag = k.startLinkLag;
  const finishLinkStart = k.finishLinkStart;
  const finishLinkFrom = k.finishLinkFrom;
  const finishLinkLag = k.finishLinkLag;
  const sampledLeaf = k.sampledLeaf;
  const sampleMin = k.sampleMin;
  const sampleRange = k.sampleRange;
  const sampleParam = k.sampleParam;
  const pertOffset0 = k.pertOffset0;
  const pertOffset1 = k.pertOffset1;
  const pertTables = k.pertTables;
  const pertKnots = k.pertKnots;
  const riskProbability = k.riskProbability;
  const impactStart = k.impactStart;
  const impactLeaf = k.impactLeaf;
  const impactDays = k.impactDays;
  const uniformEnd = k.shapeEnd[0]!;
  const triangularEnd = k.shapeEnd[1]!;
  const fast = k.allNormal === 1;
  // Durations of the iteration: the plan's for leaves without an estimate (set once), sampled
  // ones overwritten each iteration, risk impacts undone after each iteration (`saved`).
  const dur = Float64Array.from(baseDuration);
  const savedLeaf = new Int32Array(impactLeaf.length);
  const savedDuration = new Float64Array(impactLeaf.length);
  const sampledDuration = new Float64Array(m);
  // Early start and finish of leaf i at slots 2i and 2i + 1: a link reads its slot directly.
  const dates = new Float64Array(2 * n);
  const mark = new Uint8Array(n);
  const occurred = new Uint8Array(riskCount);

  let out = 0;
  for (let block = firstBlock; block < blockEnd; block++) {
    // sfc32, inlined: its state stays in locals for the whole block.
    const s0 = 4 * (block - firstBlock);
    let ra = states[s0]!;
    let rb = states[s0 + 1]!;
    let rc = states[s0 + 2]!;
    let rd = states[s0 + 3]!;
    const base = (block - firstBlock) * stride;
    const length = Math.min(blockSize, iterations - block * blockSize);
    for (let it = 0; it < length; it++) {
      // 1. The risks that occur (one draw each).
      for (let r = 0; r < riskCount; r++) {
        const t = (((ra + rb) | 0) + rd) | 0;
        rd = (rd + 1) | 0;
        ra = rb ^ (rb >>> 9);
        rb = (rc + (rc << 3)) | 0;
        rc = (rc << 21) | (rc >>> 11);
        rc = (rc + t) | 0;
        occurred[r] = (t >>> 0) * 2.3283064365386963e-10 < riskProbability[r]! ? 1 : 0;
      }
      // 2. Durations: the sampled estimates (one draw each), then the risks.
      for (let s = 0; s < uniformEnd; s++) {
        const t = (((ra + rb) | 0) + rd) | 0;
        rd = (rd + 1) | 0;
        ra = rb ^ (rb >>> 9);
        rb = (rc + (rc << 3)) | 0;
        rc = (rc << 21) | (rc >>> 11);
        rc = (rc + t) | 0;
        const d = sampleMin[s]! + sampleRange[s]! * ((t >>> 0) * 2.3283064365386963e-10);
        sampledDuration[s] = d;
        dur[sampledLeaf[s]!] = d;
      }
      for (let s = uniformEnd; s < triangularEnd; s++) {
        const t = (((ra + rb) | 0) + rd) | 0;
        rd = (rd + 1) | 0;
        ra = rb ^ (rb >>> 9);
        rb = (rc + (rc << 3)) | 0;
        rc = (rc << 21) | (rc >>> 11);
        rc = (rc + t) | 0;
        const v = (t >>> 0) * 2.3283064365386963e-10;
        const c = sampleParam[s]!;
        const x = v < c ? Math.sqrt(v * c) : 1 - Math.sqrt((1 - v) * (1 - c));
        const d = sampleMin[s]! + sampleRange[s]! * x;
        sampledDuration[s] = d;
        dur[sampledLeaf[s]!] = d;
      }
      for (let s = triangularEnd; s < m; s++) {
        const t = (((ra + rb) | 0) + rd) | 0;
        rd = (rd + 1) | 0;
        ra = rb ^ (rb >>> 9);
        rb = (rc + (rc << 3)) | 0;
        rc = (rc << 21) | (rc >>> 11);
        rc = (rc + t) | 0;
        const position = (t >>> 0) * 2.3283064365386963e-10 * pertKnots;
        const j = position | 0;
        const f = position - j;
        const o0 = pertOffset0[s]! + j;
        const o1 = pertOffset1[s]! + j;
        const q0 = pertTables[o0]! + f * (pertTables[o0 + 1]! - pertTables[o0]!);
        const q1 = pertTables[o1]! + f * (pertTables[o1 + 1]! - pertTables[o1]!);
        const d = sampleMin[s]! + sampleRange[s]! * (q0 + sampleParam[s]! * (q1 - q0));
        sampledDuration[s] = d;
        dur[sampledLeaf[s]!] = d;
      }
      let saved = 0;
      for (let r = 0; r < riskCount; r++) {
        if (occurred[r] === 0) continue;
        for (let q = impactStart[r]!, end = impactStart[r + 1]!; q < end; q++) {
          const leaf = impactLeaf[q]!;
          savedLeaf[saved] = leaf;
          savedDuration[saved++] = dur[leaf]!;
          const d = dur[leaf]! + impactDays[q]!;
          dur[leaf] = d > 0 ? d : 0;
        }
      }

      // 3. Forward pass in topological order.
      let T = 0;
      if (fast) {
        // Every leaf is Normal with no finish bound: only FF/SF links can push a finish.
        for (let i = 0; i < n; i++) {
          const d = dur[i]!;
          let start = startLow[i]!;
          for (let p = startLinkStart[i]!, end = startLinkStart[i + 1]!; p < end; p++) {
            const v = dates[startLinkFrom[p]!]! + startLinkLag[p]!;
            if (v > start) start = v;
          }
          const f0 = finishLinkStart[i]!;
          const f1 = finishLinkStart[i + 1]!;
          if (f0 < f1) {
            let finish = -1e15;
            for (let p = f0; p < f1; p++) {
              const v = dates[finishLinkFrom[p]!]! + finishLinkLag[p]!;
              if (v > finish) finish = v;
            }
            if (finish - d > start) start = finish - d;
          }
          const finish = start + d;
          dates[2 * i] = start;
          dates[2 * i + 1] = finish;
          if (finish > T) T = finish;
        }
      } else {
        for (let i = 0; i < n; i++) {
          const d = dur[i]!;
          let start = startLow[i]!;
          let finish = finishLow[i]!;
          for (let p = startLinkStart[i]!, end = startLinkStart[i + 1]!; p < end; p++) {
            const v = dates[startLinkFrom[p]!]! + startLinkLag[p]!;
            if (v > start) start = v;
          }
          for (let p = finishLinkStart[i]!, end = finishLinkStart[i + 1]!; p < end; p++) {
            const v = dates[finishLinkFrom[p]!]! + finishLinkLag[p]!;
            if (v > finish) finish = v;
          }
          switch (kind[i]) {
            case 0: // Normal
              if (finish - d > start) start = finish - d;
              finish = start + d;
              break;
            case 1: // FixedStart
              start = startLow[i]!;
              finish = start + d;
              break;
            case 2: // FixedFinish
              finish = finishLow[i]!;
              start = finish - d;
              break;
            case 3: // Started
              start = startLow[i]!;
              break;
            default: // Done
              start = startLow[i]!;
              finish = finishLow[i]!;
          }
          dates[2 * i] = start;
          dates[2 * i + 1] = finish;
          if (finish > T) T = finish;
        }
      }
      durations[out++] = T;
      // Undo the risk impacts (latest first, so a leaf hit twice gets its first value back).
      while (saved > 0) {
        saved--;
        dur[savedLeaf[saved]!] = savedDuration[saved]!;
      }

      // 4. Critical leaves: those that end the project, and back from them every predecessor
      // whose link drives its successor (zero total float, as the CPM backward pass would say).
      // One backward pass: predecessors come earlier in topological order, so a leaf's mark is
      // final when the pass reaches it; the pass clears the marks behind it for the next iteration.
      const eps = 1e-9 * (1 + Math.abs(T));
      const end = T - eps;
      for (let i = n - 1; i >= 0; i--) {
        const finishDate = dates[2 * i + 1]!;
        if (mark[i] === 0 && finishDate < end) continue;
        mark[i] = 0;
        if (done[i] === 0) criticalCount[i]!++;
        const leafKind = kind[i]!;
        if (leafKind === 0) {
          const start = dates[2 * i]! - eps;
          for (let p = startLinkStart[i]!, e = startLinkStart[i + 1]!; p < e; p++) {
            const slot = startLinkFrom[p]!;
            if (dates[slot]! + startLinkLag[p]! >= start) mark[slot >> 1] = 1;
          }
        } else if (leafKind !== 3) continue;
        const finish = finishDate - eps;
        for (let p = finishLinkStart[i]!, e = finishLinkStart[i + 1]!; p < e; p++) {
          const slot = finishLinkFrom[p]!;
          if (dates[slot]! + finishLinkLag[p]! >= finish) mark[slot >> 1] = 1;
        }
      }

      // 5. Sensitivity sums (per block, merged in block order): sampled durations before risks.
      let o = base;
      for (let s = 0; s < m; s++, o += 3) {
        const d = sampledDuration[s]!;
        sums[o]! += d;
        sums[o + 1]! += d * d;
        sums[o + 2]! += d * T;
      }
      for (let r = 0; r < riskCount; r++, o += 2) {
        if (occurred[r] === 1) {
          sums[o]! += 1;
          sums[o + 1]! += T;
        }
      }
    }
  }
  return { durations, criticalCount, sums };
}
