// The built web app goes precompressed: the build writes a brotli and a gzip copy beside each text
// file (src/cli/web-precompress.ts), the server sends the one the browser accepts, the plain file
// to the others; hashed chunks are kept for a year, the page that names them is revalidated.
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../src/cli/web-precompress.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { Database } from '../../src/server/db/client.ts';
import { openTestDatabase } from '../helpers/app.ts';

const CHUNK = '/assets/index-Ab12Cd34.js';
const STYLE = '/assets/index-Ef56Gh78.css';
const TINY = '/assets/IconCheck-Ij90Kl12.js';
const INDEX = `<!doctype html><html lang="fr"><head><title>Jalon</title>
<script type="module" crossorigin src="${CHUNK}"></script>
<link rel="stylesheet" crossorigin href="${STYLE}"></head><body><div id="root"></div>
${'<!-- a page long enough for its compression to pay -->\n'.repeat(20)}</body></html>`;

let dir: string;
let app: FastifyInstance;
let database: Database;
let drop: () => Promise<void>;

const file = (url: string) => readFileSync(path.join(dir, url));
const get = (url: string, acceptEncoding?: string) =>
  app.inject({
    method: 'GET',
    url,
    headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
  });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'jalon-web-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), INDEX);
  const lines = Array.from(
    { length: 400 },
    (_, i) => `export const label${i} = t('projets.tache', { n: ${i}, nom: 'Tâche ${i}' });`,
  );
  writeFileSync(path.join(dir, CHUNK), lines.join('\n'));
  writeFileSync(path.join(dir, STYLE), '.gantt-row{display:flex;height:28px}\n'.repeat(200));
  writeFileSync(path.join(dir, TINY), 'export{a as b};');
  await precompressDir(dir);

  ({ database, drop } = await openTestDatabase());
  const config = loadConfig({ LOG_LEVEL: 'silent', JALON_JOBS: 'false' });
  app = await buildApp({ config, database, logger: false, serveWeb: true, webDir: dir });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  await drop?.();
  rmSync(dir, { recursive: true, force: true });
});

describe('precompressDir', () => {
  it('writes .br and .gz beside the files whose compression pays, not beside the others', () => {
    for (const url of [CHUNK, STYLE, '/index.html']) {
      expect(existsSync(path.join(dir, `${url}.br`)), url).toBe(true);
      expect(existsSync(path.join(dir, `${url}.gz`)), url).toBe(true);
      expect(brotliDecompressSync(file(`${url}.br`))).toEqual(file(url));
      expect(gunzipSync(file(`${url}.gz`))).toEqual(file(url));
    }
    expect(existsSync(path.join(dir, `${TINY}.br`))).toBe(false);
    expect(existsSync(path.join(dir, `${TINY}.gz`))).toBe(false);
  });
});

describe('static assets', () => {
  it('sends a hashed chunk in brotli to a browser that accepts it, immutable', async () => {
    const plain = await get(CHUNK);
    const res = await get(CHUNK, 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe(plain.headers['content-type']);
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
    expect(res.rawPayload.length).toBeLessThan(file(CHUNK).length / 4);
    expect(brotliDecompressSync(res.rawPayload)).toEqual(file(CHUNK));
  });

  it('sends gzip to a browser without brotli, the plain file to one without either', async () => {
    const gz = await get(STYLE, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toMatch(/^text\/css/);
    expect(gunzipSync(gz.rawPayload)).toEqual(file(STYLE));

    const plain = await get(CHUNK);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    // A shared cache must not hand this copy to a browser that accepts brotli.
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.rawPayload).toEqual(file(CHUNK));

    const refused = await get(CHUNK, 'br;q=0, gzip;q=0');
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.rawPayload).toEqual(file(CHUNK));
  });

  it('sends a file with no compressed copy as it is', async () => {
    const res = await get(TINY, 'br, gzip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.rawPayload).toEqual(file(TINY));
  });

  it('has the page itself revalidated, compressed, at / and on every page of the app', async () => {
    for (const url of [
      '/',
      '/index.html',
      '/projects/0190a0b2-0000-7000-8000-000000000000/gantt',
    ]) {
      const res = await get(url, 'br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(brotliDecompressSync(res.rawPayload).toString(), url).toBe(INDEX);
    }
    const plain = await get('/projects');
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(INDEX);
  });

  it('answers 404 for a chunk that is not there, whatever the encoding', async () => {
    const res = await get('/assets/index-Missing0.js', 'br');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-encoding']).toBeUndefined();
  });
});
