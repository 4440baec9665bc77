import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const node = path.join(repoRoot, 'node_modules/.bin/node');
const dir = mkdtempSync(path.join(tmpdir(), 'jalon-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jalon(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(node, [path.join(repoRoot, 'bin/jalon.mjs'), 'simulate', ...args], {
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

const example = `{
  "start": "2027-01-04",
  "calendar": { "workdays": [1, 2, 3, 4, 5], "holidays": [] },
  "tasks": [
    { "id": "a", "name": "Spécifications", "duration": 10,
      "estimate": { "distribution": "triangular", "min": 8, "mode": 10, "max": 16 } },
    { "id": "b", "name": "Développement", "duration": 20,
      "estimate": { "distribution": "pert", "min": 15, "mode": 20, "max": 35 } },
    { "id": "c", "name": "Recette", "duration": 5 }
  ],
  "dependencies": [ { "from": "a", "to": "b", "type": "FS", "lag": 0 },
                    { "from": "b", "to": "c", "type": "FS", "lag": 0 } ],
  "risks": [ { "id": "R1", "name": "Fournisseur en retard", "probability": 0.3,
               "impacts": [ { "task": "b", "days": 10 } ] } ]
}`;

/** A chain of 30 phases of 20 parallel uncertain tasks: big enough to run on worker threads. */
function largeNetwork(): string {
  const tasks: unknown[] = [];
  const dependencies: unknown[] = [];
  for (let p = 0; p < 30; p++) {
    for (let k = 0; k < 20; k++) {
      tasks.push({
        id: `p${p}t${k}`,
        name: `Tâche ${p}.${k}`,
        duration: 5,
        estimate: {
          distribution: ['pert', 'triangular', 'uniform'][k % 3],
          min: 3,
          mode: 5,
          max: 9 + k,
        },
      });
      if (p > 0)
        dependencies.push({ from: `p${p - 1}t${k}`, to: `p${p}t${k}`, type: 'FS', lag: 0 });
      if (p > 0 && k > 0)
        dependencies.push({ from: `p${p - 1}t${k - 1}`, to: `p${p}t${k}`, type: 'SS', lag: 2 });
    }
  }
  return JSON.stringify({ start: '2027-01-04', tasks, dependencies });
}

describe('jalon simulate', () => {
  it('prints exactly the keys of the format document with --json', () => {
    const r = jalon(
      file('example.json', example),
      '--json',
      '--seed',
      '42',
      '--iterations',
      '2000',
    );
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual([
      'iterations',
      'seed',
      'deterministic',
      'durationDays',
      'finish',
      'criticality',
      'histogram',
    ]);
    expect(out.iterations).toBe(2000);
    expect(out.seed).toBe('42');
    expect(out.deterministic).toEqual({ durationDays: 35, finish: '2027-02-19' });
    expect(Object.keys(out.durationDays)).toEqual(['mean', 'stdev', 'p10', 'p50', 'p80', 'p90']);
    expect(out.criticality).toEqual({ a: 1, b: 1, c: 1 });
    expect(out.histogram.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(2000);
    // The finish of a percentile is the working day in which that duration ends.
    expect(out.finish.p50 >= '2027-02-19').toBe(true);
  });

  it('gives the same result for the same seed whatever the number of threads', () => {
    const f = file('large.json', largeNetwork());
    const one = jalon(f, '--json', '--seed', 'x', '--threads', '1', '--iterations', '2500');
    const two = jalon(f, '--json', '--seed', 'x', '--threads', '2', '--iterations', '2500');
    expect(one.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const other = jalon(f, '--json', '--seed', 'y', '--threads', '2', '--iterations', '2500');
    expect(other.stdout).not.toBe(one.stdout);
  });

  it('prints a readable report with French dates and the probability of a target', () => {
    const r = jalon(file('report.json', example), '--seed', '42', '--target', '2027-03-01');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Deterministic plan         35 working days   finish 19/02/2027');
    expect(r.stdout).toMatch(/Finish by 01\/03\/2027: \d+\.\d % of iterations/);
    expect(r.stdout).toContain('R1 Fournisseur en retard');
  });

  it('names the file, line and task of a bad estimate', () => {
    const r = jalon(file('bad.json', example.replace('"max": 35', '"max": 12')));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('INVALID_ESTIMATE');
    expect(r.stderr).toContain('bad.json:7: task "b"');
  });

  it('names the risk of an impact on an unknown task, and the line of a JSON error', () => {
    const unknown = jalon(file('unknown.json', example.replace('"task": "b"', '"task": "zz"')));
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain(
      'unknown.json:13: risk "R1" has an impact on an unknown task "zz"',
    );
    const broken = jalon(file('broken.json', example.replace('"duration": 5 }', '"duration": 5 ')));
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/INVALID_FILE: invalid JSON, line 1[01]/);
    const probability = jalon(file('p.json', example.replace('0.3', '1.3')));
    expect(probability.stderr).toContain('risk "R1": probability 1.3 is not a number in 0..1');
  });

  it('refuses bad options with the usage', () => {
    expect(jalon('--help').status).toBe(0);
    const r = jalon(file('opts.json', example), '--iterations', 'many');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--iterations "many" is not a whole number');
    expect(jalon().status).toBe(2);
  });
});
