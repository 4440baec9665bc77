// The server tests share a module graph per worker (vitest.config.ts, `isolate: false`): a module
// mock there would silently not apply once another file imported the module. Files that mock are
// named `*.isolated.test.ts` and run in their own module graph.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function testFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.test\.tsx?$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .filter((f) => !f.startsWith(path.join('src', 'web')));
}

describe('server tests and module mocks', () => {
  it('every server test file that mocks a module runs isolated', () => {
    const offenders = [...testFiles('src'), ...testFiles('test')].filter(
      (f) =>
        !f.endsWith('.isolated.test.ts') &&
        /\bvi\.(mock|doMock)\(/.test(readFileSync(path.join(root, f), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
