import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds the web app into dist/web when it is missing or older than its sources or the way it
 * is built (the page, Vite's config and its precompression step).
 */
export async function ensureWebBuild(): Promise<void> {
  const index = path.join(ROOT, 'dist/web/index.html');
  const sources = path.join(ROOT, 'src/web');
  if (!existsSync(sources)) return;
  const recipe = ['index.html', 'vite.config.ts', 'src/cli/web-precompress.ts']
    .map((f) => path.join(ROOT, f))
    .filter((f) => existsSync(f))
    .map((f) => statSync(f).mtimeMs);
  const newest = Math.max(newestMtime(sources), ...recipe);
  if (existsSync(index) && statSync(index).mtimeMs >= newest) return;
  console.log('› Construction de l’application web (une fois)…');
  const { build } = await import('vite');
  // Build beside the live folder, then swap: a running server never sees a half-built app.
  const out = path.join(ROOT, 'dist/web');
  const next = path.join(ROOT, `dist/web.next-${process.pid}`);
  await build({
    root: ROOT,
    configFile: path.join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: next, emptyOutDir: true },
  });
  const old = path.join(ROOT, `dist/web.old-${process.pid}`);
  if (existsSync(out)) renameSync(out, old);
  renameSync(next, out);
  rmSync(old, { recursive: true, force: true });
}
