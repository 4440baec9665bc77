import { readFile } from 'node:fs/promises';
import { isIsoDate } from '../core/calendar/days.ts';
import { PlanningError } from '../core/planning/planning-error.ts';
import {
  compileSimulation,
  summarize,
  toScheduleRiskJson,
  MAX_ITERATIONS,
  type SimulationSummary,
} from '../core/risks/montecarlo.ts';
import { parseScheduleRisk } from '../core/risks/schedule-risk-file.ts';
import { SimulationError } from '../core/risks/simulation-error.ts';
import { runSimulation } from '../server/modules/risks/simulation-runner.ts';
import { parse, runCommand, UsageError } from './args.ts';
import { decodeText, jsonErrorOffset, MAX_PLAN_FILE_BYTES } from './plan-file.ts';

const help = `Usage: jalon simulate FILE [--iterations N] [--seed S] [--json] [--target DATE] [--threads N]

Monte Carlo schedule risk analysis of a project.json whose leaf tasks may carry three-point
estimates (triangular, pert, uniform) and which may list risk events (formats/schedule-risk.md).
Prints the P10/P50/P80/P90 durations and finish dates, the criticality of each task, the
sensitivity (tornado) and a histogram. The same file, iterations and seed always give the same
result, whatever the number of threads.

Options:
  --iterations N   iterations to run (default 10000, at most ${MAX_ITERATIONS})
  --seed S         seed of the random streams, any text (default "1")
  --json           print the result as JSON (the format of formats/schedule-risk.md)
  --target DATE    also print the probability of finishing by DATE (YYYY-MM-DD)
  --threads N      threads to use (default: the machine's cores)
  -h, --help       show this help

Exit status: 0 simulated, 1 bad input (the message names the line, task or risk), 2 usage error.`;

/** `jalon simulate FILE …`: returns the exit status. */
export async function runSimulate(argv: string[]): Promise<number> {
  return runCommand(help, async () => {
    const { values, positionals } = parse(
      argv,
      {
        iterations: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean' },
        target: { type: 'string' },
        threads: { type: 'string' },
      },
      true,
    );
    if (values.help) {
      console.log(help);
      return 0;
    }
    if (positionals.length !== 1) {
      throw new UsageError(
        positionals.length === 0 ? 'simulate needs a FILE' : 'simulate takes one FILE',
      );
    }
    const iterations = wholeNumber(values.iterations ?? '10000', '--iterations', MAX_ITERATIONS);
    const threads =
      values.threads === undefined ? undefined : wholeNumber(values.threads, '--threads', 64);
    const seed = values.seed ?? '1';
    if (values.target !== undefined && !isIsoDate(values.target)) {
      throw new UsageError(`--target ${JSON.stringify(values.target)} is not a date (YYYY-MM-DD)`);
    }
    const file = positionals[0]!;
    const text = await readText(file);
    let summary: SimulationSummary;
    try {
      const input = parseScheduleRisk(parseJson(text));
      const model = compileSimulation(input);
      const samples = await runSimulation(model, iterations, seed, threads ? { threads } : {});
      summary = summarize(model, samples, {
        seed,
        sensitivityLimit: 10,
        ...(values.target !== undefined ? { targetDate: values.target } : {}),
      });
    } catch (error) {
      throw located(error, file, text);
    }
    if (values.json) {
      const json = toScheduleRiskJson(summary);
      if (summary.target) json.target = summary.target;
      process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      process.stdout.write(formatReport(summary));
    }
    return 0;
  });
}

function wholeNumber(text: string, option: string, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > max) {
    throw new UsageError(`${option} ${JSON.stringify(text)} is not a whole number in 1..${max}`);
  }
  return n;
}

async function readText(file: string): Promise<string> {
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_PLAN_FILE_BYTES) {
      throw new PlanningError(
        'FILE_TOO_LARGE',
        `${file} is larger than ${MAX_PLAN_FILE_BYTES} bytes`,
      );
    }
    const text = decodeText(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ENOENT' || e.code === 'EISDIR' || e.code === 'EACCES') {
      throw Object.assign(new Error(`cannot read ${file} (${e.code})`), { code: 'INVALID_FILE' });
    }
    throw error;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const line = lineAt(text, jsonErrorOffset(text));
    throw new SimulationError(
      'INVALID_FILE',
      `invalid JSON, line ${line}: ${(error as Error).message}`,
      {
        line,
      },
    );
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Adds `FILE:LINE:` to a refusal that names a task or a risk found in the text. */
function located(error: unknown, file: string, text: string): unknown {
  if (!(error instanceof SimulationError || error instanceof PlanningError)) return error;
  const details = error.details as Record<string, unknown>;
  let offset = -1;
  const find = (id: unknown, from: number): number => {
    if (typeof id !== 'string') return -1;
    const pattern = new RegExp(
      `"id"\\s*:\\s*${JSON.stringify(id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
      'g',
    );
    pattern.lastIndex = Math.max(0, from);
    return pattern.exec(text)?.index ?? -1;
  };
  if (details.risk !== undefined) offset = find(details.risk, text.search(/"risks"\s*:/));
  else if (details.task !== undefined) offset = find(details.task, 0);
  else if (typeof details.line === 'number') return error;
  if (offset < 0) return error;
  error.message = `${file}:${lineAt(text, offset)}: ${error.message}`;
  return error;
}

const fr = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const num = (x: number): string => x.toFixed(1);

/** The readable report: percentiles, criticality, tornado and a text histogram. */
export function formatReport(s: SimulationSummary): string {
  const out: string[] = [];
  out.push(`Monte Carlo: ${s.iterations} iterations, seed "${s.seed}"`, '');
  out.push(
    `Deterministic plan   ${String(s.deterministic.durationDays).padStart(8)} working days   finish ${fr(s.deterministic.finish)}`,
  );
  out.push(
    `Mean ± stdev         ${num(s.durationDays.mean).padStart(8)} ± ${num(s.durationDays.stdev)} working days`,
  );
  for (const p of ['p10', 'p50', 'p80', 'p90'] as const) {
    out.push(
      `${p.toUpperCase().padEnd(20)} ${num(s.durationDays[p]).padStart(8)} working days   finish ${fr(s.finish[p])}`,
    );
  }
  if (s.target) {
    out.push(
      `Finish by ${fr(s.target.date)}: ${(s.target.probability * 100).toFixed(1)} % of iterations`,
    );
  }
  const critical = Object.entries(s.criticality)
    .filter(([, c]) => c > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15);
  out.push('', 'Criticality (share of iterations on the critical path):');
  for (const [id, c] of critical) out.push(`  ${(c * 100).toFixed(1).padStart(5)} %  ${id}`);
  if (s.sensitivity.length > 0) {
    out.push('', 'Sensitivity (correlation of the duration with the project duration):');
    for (const e of s.sensitivity) {
      const extra =
        e.kind === 'risk'
          ? `  (risk, occurs ${((e.occurrence ?? 0) * 100).toFixed(1)} %, +${num(e.meanImpactDays ?? 0)} days when it does)`
          : '';
      out.push(`  ${e.correlation.toFixed(2).padStart(5)}  ${e.id} ${e.name}${extra}`);
    }
  }
  out.push('', 'Histogram of the project duration (working days):');
  const peak = Math.max(...s.histogram.map((b) => b.count));
  for (const b of s.histogram) {
    const bar = '#'.repeat(peak > 0 ? Math.round((b.count / peak) * 40) : 0);
    out.push(
      `  ${String(b.from).padStart(6)} – ${String(b.to).padEnd(6)} ${String(b.count).padStart(7)} ${bar}`,
    );
  }
  out.push('');
  return out.join('\n');
}
