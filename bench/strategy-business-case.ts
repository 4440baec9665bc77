// `npm run bench strategy-business-case`: NPV and IRR of 10,000 business cases.
import { computeIndicators, type BusinessCaseInput } from '../src/core/strategy/business-case.ts';
import { type BenchOptions, type BenchResult, median, quantile, round } from './lib.ts';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 10-year cases: a 1–2-year investment, run costs, two benefit lines at 50–100 % confidence. */
export function generateCases(n: number, seed = 6): BusinessCaseInput[] {
  const random = prng(seed);
  const money = (max: number): number => Math.round(random() * max) * 100;
  return Array.from({ length: n }, () => {
    const years = 10;
    const invest = Array.from({ length: 1 + Math.floor(random() * 2) }, () => money(2_000_000));
    return {
      periodicity: 'year' as const,
      discountRate: ['8', '7.5', '10', '6.25'][Math.floor(random() * 4)]!,
      lines: [
        { kind: 'investment' as const, label: 'Investissement', amounts: invest },
        {
          kind: 'run' as const,
          label: 'Exploitation',
          amounts: Array.from({ length: years }, (_, t) => (t === 0 ? 0 : money(150_000))),
        },
        {
          kind: 'saving' as const,
          label: 'Économies',
          amounts: Array.from({ length: years }, (_, t) => (t < 2 ? 0 : money(600_000))),
          confidence: 50 + Math.floor(random() * 51),
        },
        {
          kind: 'revenue' as const,
          label: 'Revenus',
          amounts: Array.from({ length: years }, (_, t) => (t < 3 ? 0 : money(400_000))),
          confidence: 50 + Math.floor(random() * 51),
        },
      ],
    };
  });
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const cases = generateCases(10_000);
  const samples: number[] = [];
  const cpu: number[] = [];
  let sink = 0;
  const runs = opts.quick ? 3 : Math.max(5, opts.runs * 3);
  for (let r = 0; r <= runs; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const c of cases) {
      const ind = computeIndicators(c);
      sink += ind.npv + (ind.irr.status === 'ok' ? ind.irr.rate : 0);
    }
    if (r > 0) {
      // The first run warms up. CPU time too: on a loaded machine wall time mostly measures waiting.
      samples.push(performance.now() - t0);
      const used = process.cpuUsage(c0);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  opts.log(`checksum ${sink}`);
  return [
    {
      name: 'business cases: NPV (exact), IRR, ROI, payback',
      size: '10,000 cases × 10 years × 4 lines',
      median: round(median(samples)),
      p95: round(quantile(samples, 0.95)),
      unit: 'ms',
      target: '< 100 ms',
    },
    {
      name: 'business cases: same, CPU time of the thread',
      size: '10,000 cases × 10 years × 4 lines',
      median: round(median(cpu)),
      p95: round(quantile(cpu, 0.95)),
      unit: 'ms CPU',
    },
  ];
}
