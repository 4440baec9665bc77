import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'jalon-cli-'));

/**
 * How long one `jalon` process may run before it counts as hung. A command on the database
 * opens the embedded PostgreSQL (the first one also migrates it: ~10 s of CPU); a 2-core machine
 * running the rest of the suite beside it stretches that several times over, so the budget is
 * wide — a process that does not exit still fails the test, with its output.
 */
const PROCESS_BUDGET_MS = 180_000;
/** A test's own limit: its processes' budgets, one after the other. */
const budgetFor = (processes: number) => processes * PROCESS_BUDGET_MS + 10_000;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const running = new Set<ChildProcess>();

/**
 * Runs `jalon ARGS` in a child process, asynchronously: the test worker stays responsive (a
 * blocking spawnSync starved Vitest's own messages to the worker, and a command killed by its
 * timeout in the middle of a migration left a broken database to the next ones).
 */
function jalon(args: string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/jalon.mjs'), ...args], {
      env: { ...process.env, JALON_DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `jalon ${args.join(' ')} did not exit within ${PROCESS_BUDGET_MS / 1000} s\n` +
            `stdout: ${stdout}\nstderr: ${stderr}`,
        ),
      );
    }, PROCESS_BUDGET_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      running.delete(child);
      reject(err);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

afterAll(() => {
  // A test that failed on its own limit leaves no process behind on the data directory.
  for (const child of running) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('jalon CLI', () => {
  it(
    'prints help and exits 0, and exits 2 on an unknown command',
    { timeout: budgetFor(2) },
    async () => {
      const help = await jalon(['--help']);
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/start.*\n.*migrate/s);
      const bad = await jalon(['frobnicate']);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('unknown command "frobnicate"');
    },
  );

  it(
    'explains a bad option with the command help and exit code 2',
    { timeout: budgetFor(1) },
    async () => {
      const res = await jalon(['user', 'create', '--email', 'a@b.fr']);
      expect(res.status).toBe(2);
      expect(res.stderr).toContain('--name is required');
      expect(res.stderr).toContain('Usage: jalon user');
    },
  );

  it(
    'creates, lists and disables an account, with the password from stdin',
    { timeout: budgetFor(7) },
    async () => {
      const created = await jalon(
        [
          'user',
          'create',
          '--email',
          'Admin@Exemple.fr',
          '--name',
          'Alice Admin',
          '--role',
          'admin',
          '--password-stdin',
        ],
        'a-long-enough-password\n',
      );
      expect(created.stderr).toBe('');
      expect(created.status).toBe(0);
      expect(created.stdout).toContain('admin@exemple.fr');
      const dup = await jalon(
        [
          'user',
          'create',
          '--email',
          'admin@exemple.fr',
          '--name',
          'Bis',
          '--role',
          'pmo',
          '--password-stdin',
        ],
        'a-long-enough-password\n',
      );
      expect(dup.status).toBe(1);
      expect(dup.stderr).toContain('DUPLICATE_EMAIL');
      const short = await jalon(
        [
          'user',
          'create',
          '--email',
          'b@exemple.fr',
          '--name',
          'B',
          '--role',
          'pmo',
          '--password-stdin',
        ],
        'short\n',
      );
      expect(short.status).toBe(1);
      expect(short.stderr).toContain('12 characters');
      const list = await jalon(['user', 'list', '--json']);
      expect(JSON.parse(list.stdout)).toEqual([
        expect.objectContaining({ email: 'admin@exemple.fr', role: 'admin', disabled: false }),
      ]);
      expect((await jalon(['user', 'disable', '--email', 'admin@exemple.fr'])).status).toBe(0);
      expect(JSON.parse((await jalon(['user', 'list', '--json'])).stdout)[0].disabled).toBe(true);
    },
  );
});
