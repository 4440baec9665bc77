import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'jalon-cli-'));
const jalon = (args: string[], input?: string) =>
  spawnSync(process.execPath, [path.join(ROOT, 'bin/jalon.mjs'), ...args], {
    env: { ...process.env, JALON_DATA_DIR: dataDir, DATABASE_URL: '' },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('jalon CLI', () => {
  it('prints help and exits 0, and exits 2 on an unknown command', () => {
    const help = jalon(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/start.*\n.*migrate/s);
    const bad = jalon(['frobnicate']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown command "frobnicate"');
  });

  it('explains a bad option with the command help and exit code 2', () => {
    const res = jalon(['user', 'create', '--email', 'a@b.fr']);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('--name is required');
    expect(res.stderr).toContain('Usage: jalon user');
  });

  it(
    'creates, lists and disables an account, with the password from stdin',
    { timeout: 180_000 },
    () => {
      const created = jalon(
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
      const dup = jalon(
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
      const short = jalon(
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
      const list = jalon(['user', 'list', '--json']);
      expect(JSON.parse(list.stdout)).toEqual([
        expect.objectContaining({ email: 'admin@exemple.fr', role: 'admin', disabled: false }),
      ]);
      expect(jalon(['user', 'disable', '--email', 'admin@exemple.fr']).status).toBe(0);
      expect(JSON.parse(jalon(['user', 'list', '--json']).stdout)[0].disabled).toBe(true);
    },
  );
});
