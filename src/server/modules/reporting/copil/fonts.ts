import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';

/*
 * The font of generated documents: DejaVu Sans (OFL-1.1, from the npm package
 * `@fontsource/dejavu-sans`). Unlike the standard PDF fonts (Helvetica, WinAnsi encoding) it has
 * the narrow no-break space U+202F that French number formatting uses, the no-break space,
 * « », œ, € and the typographic apostrophe. Embedded (subset) in PDFs; named in PPTX and DOCX,
 * where the reader's own font substitution applies.
 */

export const FONT_FAMILY = 'DejaVu Sans';

const require = createRequire(import.meta.url);
let cache: { regular: Buffer; bold: Buffer } | undefined;

export function packFonts(): { regular: Buffer; bold: Buffer } {
  if (!cache) {
    const file = (name: string) =>
      woffToSfnt(readFileSync(require.resolve(`@fontsource/dejavu-sans/files/${name}`)));
    cache = {
      regular: file('dejavu-sans-latin-400-normal.woff'),
      bold: file('dejavu-sans-latin-700-normal.woff'),
    };
  }
  return cache;
}

/**
 * A WOFF font as a plain TrueType (sfnt) font: each table inflated once. fontkit reads WOFF
 * directly but inflates a table again on every access, which made a 30-page PDF take a minute.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') return woff;
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const e = 44 + i * 20;
    const offset = woff.readUInt32BE(e + 4);
    const compLength = woff.readUInt32BE(e + 8);
    const origLength = woff.readUInt32BE(e + 12);
    const raw = woff.subarray(offset, offset + compLength);
    tables.push({
      tag: woff.readUInt32BE(e),
      checksum: woff.readUInt32BE(e + 16),
      data: compLength < origLength ? inflateSync(raw) : Buffer.from(raw),
    });
  }
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + numTables * 16);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((t, i) => {
    const r = 12 + i * 16;
    header.writeUInt32BE(t.tag, r);
    header.writeUInt32BE(t.checksum, r + 4);
    header.writeUInt32BE(offset, r + 8);
    header.writeUInt32BE(t.data.length, r + 12);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}
