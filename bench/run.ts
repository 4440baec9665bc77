// `npm run bench [name…] [--json] [--runs N] [--quick]`: runs the benchmarks in bench/*.ts
// (each exports `run(opts): Promise<BenchResult[]>`) and prints one table.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import {
  type BenchOptions,
  type BenchResult,
  type BenchRun,
  machine,
  meetsTarget,
  REPO_ROOT,
  round,
} from './lib.ts';

const HELP = `Usage: npm run bench -- [name…] [--json] [--runs N] [--quick]

Runs the benchmarks bench/<name>.ts (all of them by default) and prints one table.
  --json      print the results (and the machine) as JSON on stdout
  --runs N    repetitions of each measurement, the table shows the median (default 3)
  --quick     shorter measurements, to try a benchmark out (numbers not comparable)`;

const BENCH_DIR = path.join(REPO_ROOT, 'bench');
const NOT_BENCHES = new Set(['run', 'lib', 'answers-check']);

interface Row extends BenchResult {
  bench: string;
}

function available(): string[] {
  return readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .filter((n) => !NOT_BENCHES.has(n))
    .sort();
}

function isResult(r: unknown): r is BenchResult {
  const o = r as Partial<BenchResult> | null;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.name === 'string' &&
    typeof o.size === 'string' &&
    typeof o.median === 'number' &&
    typeof o.unit === 'string'
  );
}

function fmt(x: number | undefined, unit: string): string {
  if (x === undefined) return '';
  const n = round(x);
  return `${n.toLocaleString('en')} ${unit}`;
}

function table(rows: Row[], header: Record<string, string>): string {
  const head = ['benchmark', 'size', 'median', 'p95', 'p99', 'target', 'result'];
  const cells = rows.map((r) => [
    `${r.bench}: ${r.name}`,
    r.size,
    fmt(r.median, r.unit),
    fmt(r.p95, r.unit),
    fmt(r.p99, r.unit),
    r.target ?? '',
    r.ok === undefined ? '' : r.ok ? 'ok' : 'NOT OK',
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
  const right = new Set([2, 3, 4]);
  const line = (row: string[]) =>
    row
      .map((c, k) => (right.has(k) ? c.padStart(widths[k]!) : c.padEnd(widths[k]!)))
      .join('  ')
      .trimEnd();
  const facts = Object.entries(header).map(([k, v]) => `${k}: ${v}`);
  return [
    ...facts,
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
  ].join('\n');
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      json: { type: 'boolean' },
      runs: { type: 'string' },
      quick: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(`${HELP}\n\nBenchmarks: ${available().join(', ')}`);
    return 0;
  }
  const runs = values.runs === undefined ? 3 : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(`bench: --runs must be a whole number ≥ 1, got "${values.runs}"`);
    return 2;
  }
  const all = available();
  const names = positionals.length ? positionals : all;
  const unknown = names.filter((n) => !all.includes(n));
  if (unknown.length) {
    console.error(`bench: no benchmark ${unknown.join(', ')} (available: ${all.join(', ')})`);
    return 2;
  }

  const started = new Date();
  const machineFacts = machine();
  const notes: Record<string, string> = {};
  const opts: BenchOptions = {
    runs,
    quick: values.quick ?? false,
    log: (m) => console.error(`  ${m}`),
    note: (k, v) => {
      notes[k] = v;
    },
  };
  const rows: Row[] = [];
  let failed = false;
  for (const name of names) {
    console.error(`bench ${name}…`);
    const t0 = performance.now();
    try {
      const mod = (await import(pathToFileURL(path.join(BENCH_DIR, `${name}.ts`)).href)) as {
        run?: BenchRun;
      };
      if (typeof mod.run !== 'function') throw new Error(`bench/${name}.ts exports no run()`);
      const results: unknown[] = await mod.run(opts);
      for (const r of results) {
        if (!isResult(r))
          throw new Error(`bench/${name}.ts returned a malformed result: ${JSON.stringify(r)}`);
        const ok = r.ok ?? (r.target ? meetsTarget(r.target, r.median, r.unit) : undefined);
        rows.push({ bench: name, ...r, ...(ok === undefined ? {} : { ok }) });
      }
      console.error(`bench ${name}: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    } catch (err) {
      failed = true;
      console.error(
        `bench ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
    }
  }

  const header = {
    Date: started.toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    ...machineFacts,
    ...notes,
  };
  if (values.json) {
    console.log(JSON.stringify({ machine: header, results: rows }, null, 2));
  } else {
    console.log(`\n${table(rows, header)}`);
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();
