import { describe, expect, it } from 'vitest';
import { LeafKind } from '../planning/cpm.ts';
import { Shape } from './distributions.ts';
import { runKernelBlocks } from './kernel.ts';

describe('the self-contained kernel', () => {
  it('writes the leaf kinds and shape groups as the literals their definitions give', () => {
    // kernel.ts cannot import them (it runs from its source text on worker threads).
    expect(LeafKind).toEqual({ Normal: 0, FixedStart: 1, FixedFinish: 2, Started: 3, Done: 4 });
    expect(Shape).toEqual({ Uniform: 0, Triangular: 1, Pert: 2 });
  });

  it('compiles from its own source text alone', () => {
    const rebuilt = new Function(`return (${runKernelBlocks.toString()});`)() as unknown;
    expect(typeof rebuilt).toBe('function');
  });
});
