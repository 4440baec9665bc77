import {
  complianceScore,
  type DeliverableState,
  gateReadiness,
} from '../src/core/governance/gates.ts';
import type { PhaseTemplate } from '../src/core/governance/model.ts';
import { checkRaci, type RaciRowInput } from '../src/core/governance/raci.ts';
import { type BenchOptions, type BenchResult, median, round } from './lib.ts';

// The governance views computed in core for a whole portfolio: compliance and gate readiness
// of every project (the compliance page, the gate decision list), and the RACI checks of a
// large matrix. The issue sets no target; these keep the views well under a frame budget.

const PHASES: PhaseTemplate[] = Array.from({ length: 6 }, (_, i) => ({
  key: `p${i}`,
  name: `Phase ${i + 1}`,
  deliverables: Array.from({ length: 4 }, (_, j) => ({
    key: `d${i}-${j}`,
    name: `Livrable ${i + 1}.${j + 1}`,
    required: j < 3,
  })),
  gate: {
    name: `J${i}`,
    approvers: ['pmo'],
    criteria: Array.from({ length: 4 }, (_, j) => ({ key: `c${j}`, label: `Critère ${j + 1}` })),
  },
  wbs: [],
}));

const STATUSES = ['draft', 'submitted', 'approved'] as const;

function portfolio(projects: number) {
  return Array.from({ length: projects }, (_, p) => ({
    current: p % PHASES.length,
    deliverables: PHASES.flatMap((ph, i) =>
      ph.deliverables.map((d, j): DeliverableState => ({
        phaseKey: ph.key,
        key: d.key,
        name: d.name,
        required: d.required,
        status: STATUSES[(p + i + j) % 3]!,
      })),
    ),
    checked: new Set(['c0', 'c2']),
  }));
}

function time(fn: () => void, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const size = opts.quick ? 2_000 : 10_000;
  const projects = portfolio(size);
  const runs = Math.max(5, opts.runs);
  let sink = 0;
  const compliance = time(() => {
    for (const p of projects) {
      sink += complianceScore(PHASES, p.deliverables, p.current, 'active').approved;
      sink += gateReadiness(PHASES[p.current]!, p.deliverables, p.checked).done;
    }
  }, runs);
  const rows: RaciRowInput[] = Array.from({ length: 300 }, (_, i) => ({
    key: `r${i}`,
    activity: `Activité ${i}`,
    cells: Object.fromEntries(
      Array.from({ length: 30 }, (_, j) => [
        `c${j}`,
        j === i % 30 ? ['A' as const] : j % 7 === 0 ? ['R' as const] : [],
      ]),
    ),
  }));
  const raci = time(() => {
    for (let k = 0; k < 100; k++) sink += checkRaci(rows).length;
  }, runs);
  opts.log(`governance checksum ${sink}`);
  return [
    {
      name: 'compliance + gate readiness, whole portfolio',
      size: `${size.toLocaleString('en')} projects × 6 phases × 4 deliverables`,
      median: round(compliance),
      unit: 'ms',
      target: '< 100 ms',
    },
    {
      name: 'RACI checks (×100)',
      size: '300 activities × 30 roles',
      median: round(raci / 100),
      unit: 'ms',
      target: '< 5 ms',
    },
  ];
}
