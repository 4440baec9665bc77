import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readMspdi } from '../../src/core/planning/mspdi-read.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const node = path.join(repoRoot, 'node_modules/.bin/node');
const dir = mkdtempSync(path.join(tmpdir(), 'jalon-schedule-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jalon(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(node, [path.join(repoRoot, 'bin/jalon.mjs'), 'schedule', ...args], {
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

const example = JSON.stringify({
  start: '2026-04-27',
  calendar: { workdays: [1, 2, 3, 4, 5], holidays: ['2026-05-01', '2026-05-08'] },
  tasks: [
    { id: 't1', name: 'Cadrage', summary: true },
    { id: 't2', name: 'Note de cadrage', duration: 5, parent: 't1' },
    { id: 't3', name: 'COPIL de lancement', duration: 0, parent: 't1' },
    { id: 't4', name: 'Ateliers', duration: 10 },
  ],
  dependencies: [
    { from: 't2', to: 't3', type: 'FS', lag: 0 },
    { from: 't2', to: 't4', type: 'SS', lag: 2 },
  ],
});

describe('jalon schedule', () => {
  it('prints the JSON result of the format document with --json', () => {
    const r = jalon(file('project.json', example), '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.projectFinish).toBe('2026-05-14');
    expect(out.tasks.t3).toEqual({
      start: '2026-05-05',
      finish: '2026-05-05',
      lateStart: '2026-05-15',
      lateFinish: '2026-05-15',
      totalFloat: 7,
      critical: false,
    });
    expect(out.criticalPath).toEqual(['t2', 't4']);
  });

  it('prints an aligned table with French dates by default', () => {
    const r = jalon(file('table.json', example));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/t4 {2}Ateliers +29\/04\/2026 {2}14\/05\/2026 +10 {2}29\/04\/2026/);
    expect(r.stdout).toContain('Critical path: t2 → t4');
  });

  it('writes MS Project XML that reads back as the same plan with --mspdi', () => {
    const out = path.join(dir, 'out.xml');
    expect(jalon(file('x.json', example), '--json', '--mspdi', out).status).toBe(0);
    const back = readMspdi(readFileSync(out, 'utf8'));
    expect(back.plan.tasks.map((t) => t.id)).toEqual(['t1', 't2', 't3', 't4']);
    // And the XML itself schedules to the same result.
    expect(JSON.parse(jalon(out, '--json').stdout)).toEqual(
      JSON.parse(jalon(file('y.json', example), '--json').stdout),
    );
  });

  it.each([
    ['no file', [], 2, 'schedule needs a FILE'],
    ['an unknown option', ['x.json', '--nope'], 2, "Unknown option '--nope'"],
    ['a missing file', [path.join(dir, 'absent.json')], 1, 'INVALID_FILE: cannot read'],
  ])('exits non-zero on %s', (_what, args, status, message) => {
    const r = jalon(...args);
    expect(r.status).toBe(status);
    expect(r.stderr).toContain(message);
  });

  it.each([
    [
      'malformed JSON, naming the line',
      '{\n "start": "2026-01-05",\n "tasks": [ oops ]\n}',
      'INVALID_FILE: invalid JSON, line 3',
    ],
    [
      'a cycle, naming its tasks',
      JSON.stringify({
        start: '2026-01-05',
        tasks: [
          { id: 'a', name: 'A', duration: 1 },
          { id: 'b', name: 'B', duration: 1 },
        ],
        dependencies: [
          { from: 'a', to: 'b' },
          { from: 'b', to: 'a' },
        ],
      }),
      'CYCLE: dependency cycle: a → b → a',
    ],
    [
      'bad XML, naming the line',
      '<Project>\n<StartDate>2026-01-05</StartDate>\n<Tasks></Task>\n</Project>',
      'INVALID_FILE: line 3',
    ],
  ])('refuses %s with exit 1', (_what, content, message) => {
    const r = jalon(file('bad.txt', content));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(message);
  });

  it('reads an MS Project XML file saved as UTF-16', () => {
    const xml = `<?xml version="1.0" encoding="UTF-16"?>\n<Project xmlns="http://schemas.microsoft.com/project"><StartDate>2026-04-27T08:00:00</StartDate><Tasks><Task><UID>1</UID><Name>Étude</Name><OutlineLevel>1</OutlineLevel><Duration>PT16H0M0S</Duration></Task></Tasks></Project>`;
    const p = path.join(dir, 'utf16.xml');
    writeFileSync(p, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]));
    const r = jalon(p, '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).tasks['1']).toMatchObject({
      start: '2026-04-27',
      finish: '2026-04-28',
    });
  });
});
