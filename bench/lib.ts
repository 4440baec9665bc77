import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * One line of the benchmark table. `median` is in `unit`; `p95`/`p99` too, when the measure
 * has a distribution worth showing. `ok` says whether `target` is met; when a benchmark leaves
 * it out, the runner checks a simple target such as `< 50 ms` or `≥ 2,000 req/s` against the
 * median itself.
 */
export interface BenchResult {
  name: string;
  size: string;
  median: number;
  unit: string;
  p95?: number;
  p99?: number;
  target?: string;
  ok?: boolean;
}

/** What the runner passes to every benchmark's `run`. */
export interface BenchOptions {
  /** Repetitions of each measurement; the table shows their median. */
  runs: number;
  /** Shorter measurements, for trying a benchmark out (`--quick`). */
  quick: boolean;
  /** Progress messages, on stderr so `--json` stays clean. */
  log: (message: string) => void;
  /** Facts about the environment for the table's header, such as the PostgreSQL version. */
  note: (key: string, value: string) => void;
}

/** A benchmark module: `bench/<name>.ts` exporting `run`. */
export type BenchRun = (opts: BenchOptions) => Promise<BenchResult[]>;

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The `q` quantile (0–1) of samples, nearest-rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

/** Rounds to 3 significant digits at most, keeping integers whole: 2345.6 → 2346, 1.2345 → 1.23. */
export function round(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 100) return Math.round(x);
  return Number(x.toPrecision(3));
}

/**
 * Checks a target written as `OP NUMBER [unit]` (`< 50 ms`, `≥ 2,000 req/s`) against a value;
 * undefined when the target is not of that form or its unit is not `unit`.
 */
export function meetsTarget(target: string, value: number, unit: string): boolean | undefined {
  const m = /^\s*(<=|>=|≤|≥|<|>)\s*([\d.,\s\u202f]+?)\s*(\S+)?\s*$/.exec(target);
  if (!m) return undefined;
  const [, op, num, targetUnit] = m;
  if (targetUnit && targetUnit !== unit) return undefined;
  const limit = Number(num!.replace(/[,\s\u202f]/g, ''));
  if (!Number.isFinite(limit)) return undefined;
  switch (op) {
    case '<':
      return value < limit;
    case '<=':
    case '≤':
      return value <= limit;
    case '>':
      return value > limit;
    default:
      return value >= limit;
  }
}

/** The machine the numbers were measured on. */
export function machine(): Record<string, string> {
  const cpus = os.cpus();
  return {
    CPU: `${cpus[0]?.model.trim() ?? 'unknown'} × ${cpus.length}`,
    RAM: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    OS: `${os.type()} ${os.release()}`,
    Node: process.version,
    // Other work on the machine skews every figure: say how busy it was.
    'Load at start': os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' '),
  };
}

/**
 * Starts the local PostgreSQL 15 (installing it on Debian if needed) with scripts/pg-start.sh
 * and returns its URL. Needs root.
 */
export function startPostgres(): string {
  const res = spawnSync(path.join(REPO_ROOT, 'scripts/pg-start.sh'), {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (res.status !== 0) throw new Error(`scripts/pg-start.sh failed (exit ${res.status})`);
  const url = res.stdout.trim().split('\n').pop();
  if (!url?.startsWith('postgres://'))
    throw new Error(`scripts/pg-start.sh printed no URL: ${res.stdout}`);
  return url;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
