import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** What the browser loads as text: the bundle's chunks and styles, the page, the icons. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt)$/;
/** A variant is written only when it saves at least this share of the file. */
const MIN_SAVING = 0.1;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && COMPRESSIBLE.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/**
 * Writes `<file>.br` (brotli, best quality) and `<file>.gz` (gzip -9) beside every text file of
 * `dir` whose compression saves something; the server sends them as they are to the browsers that
 * accept them (@fastify/static `preCompressed`), so the web app's ~2.7 MB of JavaScript costs
 * neither CPU per request nor its full size on the wire. Source maps are left alone (only the
 * developer tools fetch them). Returns the number of files compressed.
 */
export async function precompressDir(dir: string): Promise<number> {
  const files = await filesUnder(dir);
  let written = 0;
  // zlib's async calls run on libuv's thread pool: the files are compressed in parallel.
  await Promise.all(
    files.map(async (file) => {
      const data = await readFile(file);
      const [br, gz] = await Promise.all([
        brotli(data, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          },
        }),
        gzipAsync(data, { level: 9 }),
      ]);
      const worthIt = (c: Buffer) => c.length <= data.length * (1 - MIN_SAVING);
      if (worthIt(br)) await writeFile(`${file}.br`, br);
      if (worthIt(gz)) await writeFile(`${file}.gz`, gz);
      if (worthIt(br) || worthIt(gz)) written++;
    }),
  );
  return written;
}

/** The Vite plugin: precompresses the output folder once the build has written it. */
export function precompress(): Plugin {
  return {
    name: 'jalon:precompress',
    apply: 'build',
    async writeBundle(options) {
      if (options.dir) await precompressDir(options.dir);
    },
  };
}
