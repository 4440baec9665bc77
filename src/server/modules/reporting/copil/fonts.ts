import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

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
      readFileSync(require.resolve(`@fontsource/dejavu-sans/files/${name}`));
    cache = {
      regular: file('dejavu-sans-latin-400-normal.woff'),
      bold: file('dejavu-sans-latin-700-normal.woff'),
    };
  }
  return cache;
}
