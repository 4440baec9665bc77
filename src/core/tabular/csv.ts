/**
 * CSV as French spreadsheets expect it, both ways: `;` separators, decimal comma, a UTF-8 BOM so
 * Excel reads accents, CRLF line ends, and cells that a spreadsheet would run as a formula
 * (`=`, `+`, `-`, `@`, tab, CR) neutralised with a leading apostrophe (CSV/formula injection).
 */

export type Cell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** `;` by default (French Excel); `,` for English consumers. */
  separator?: ';' | ',';
  /** Decimal separator for numbers: `,` by default. */
  decimal?: ',' | '.';
  /** Prefix a UTF-8 byte-order mark (default true). */
  bom?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe for spreadsheets: a leading formula character gets an apostrophe. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function formatCell(cell: Cell, separator: string, decimal: string): string {
  if (cell === null || cell === undefined) return '';
  let text: string;
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return '';
    text = String(cell);
    if (decimal === ',') text = text.replace('.', ',');
  } else if (typeof cell === 'boolean') {
    text = cell ? '1' : '0';
  } else {
    text = guardFormula(cell);
  }
  return /["\r\n]/.test(text) || text.includes(separator)
    ? `"${text.replaceAll('"', '""')}"`
    : text;
}

/** Rows (the first usually the header) as one CSV document. */
export function toCsv(rows: readonly (readonly Cell[])[], options: CsvOptions = {}): string {
  const separator = options.separator ?? ';';
  const decimal = options.decimal ?? ',';
  const body = rows
    .map((row) => row.map((cell) => formatCell(cell, separator, decimal)).join(separator))
    .join('\r\n');
  return ((options.bom ?? true) ? '\uFEFF' : '') + body + '\r\n';
}

export interface ParsedCsv {
  separator: ';' | ',' | '\t';
  /** Rows of raw cell texts; `line` is the 1-based line of the file where the row starts. */
  rows: { line: number; cells: string[] }[];
}

/** Guesses the separator from the first line: the most frequent of `;`, `,` and tab outside quotes. */
function sniffSeparator(text: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as ';']++;
  }
  if (counts[';'] >= counts[','] && counts[';'] >= counts['\t']) return ';';
  return counts['\t'] > counts[','] ? '\t' : ',';
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Parses CSV text (RFC 4180 quoting, any line end, optional BOM, separator sniffed unless given).
 * Empty lines are skipped. Throws `CsvSyntaxError` with the line of an unterminated quote.
 *
 * Each cell is cut out of the text with one `slice` (a quoted cell: one slice per run between
 * doubled quotes) rather than built one character at a time. A quote opens a quoted cell only as
 * the cell's first character; after its closing quote, the rest of the cell up to the separator
 * or line end is taken as written (`"ab"cd` is `abcd`), and a quote inside an unquoted cell is
 * an ordinary character. A line break inside quotes counts for the line numbers.
 */
export function parseCsv(input: string, separator?: ';' | ',' | '\t'): ParsedCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const sep = separator ?? sniffSeparator(text);
  const sepCode = sep.charCodeAt(0);
  const n = text.length;
  const rows: ParsedCsv['rows'] = [];
  let cells: string[] = [];
  let line = 1;
  let rowLine = 1;
  let i = 0;
  /** Index of the next separator, CR or LF at or after `from` (n when none). */
  const cellEnd = (from: number): number => {
    let j = from;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === sepCode || c === CR || c === LF) break;
      j++;
    }
    return j;
  };
  for (;;) {
    let cell: string;
    if (i < n && text.charCodeAt(i) === QUOTE) {
      const quoteLine = line;
      let pos = i + 1;
      cell = '';
      for (;;) {
        const close = text.indexOf('"', pos);
        if (close === -1) throw new CsvSyntaxError(quoteLine);
        for (
          let nl = text.indexOf('\n', pos);
          nl !== -1 && nl < close;
          nl = text.indexOf('\n', nl + 1)
        ) {
          line++;
        }
        if (text.charCodeAt(close + 1) === QUOTE) {
          cell += text.slice(pos, close + 1);
          pos = close + 2;
        } else {
          cell += text.slice(pos, close);
          pos = close + 1;
          break;
        }
      }
      i = cellEnd(pos);
      if (i > pos) cell += text.slice(pos, i);
    } else {
      const start = i;
      i = cellEnd(start);
      cell = text.slice(start, i);
    }
    if (i >= n) {
      if (cell !== '' || cells.length > 0) {
        cells.push(cell);
        rows.push({ line: rowLine, cells });
      }
      break;
    }
    cells.push(cell);
    const c = text.charCodeAt(i);
    i++;
    if (c === sepCode) continue;
    if (c === CR && text.charCodeAt(i) === LF) i++;
    if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
    cells = [];
    line++;
    rowLine = line;
  }
  return { separator: sep, rows };
}

export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(line: number) {
    super(`Unterminated quoted cell starting on line ${line}`);
    this.name = 'CsvSyntaxError';
    this.line = line;
  }
}

/**
 * A number written the French or the English way (`1 234,56`, `1234.56`, `1,234.56`, `-12`),
 * or null when the text is not one. Spaces (incl. no-break ones) group thousands.
 */
export function parseDecimal(text: string): number | null {
  let t = text.trim().replace(/[\s\u00A0\u202F]/g, '');
  if (t === '') return null;
  const lastComma = t.lastIndexOf(',');
  const lastDot = t.lastIndexOf('.');
  if (lastComma > lastDot) t = t.replaceAll('.', '').replace(',', '.');
  else if (lastDot > lastComma && lastComma !== -1) t = t.replaceAll(',', '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  return Number(t);
}

/** An amount in text (`1 234,56`) as integer minor units (123456), exactly; null when not one. */
export function parseMinorUnits(text: string, fractionDigits = 2): number | null {
  const n = parseDecimal(text);
  if (n === null) return null;
  const normalised = text.trim().replace(/[\s\u00A0\u202F]/g, '');
  const fraction = /[.,](\d+)$/.exec(normalised)?.[1] ?? '';
  if (fraction.length > fractionDigits && /[1-9]/.test(fraction.slice(fractionDigits))) return null;
  const minor = Math.round(n * 10 ** fractionDigits);
  return Number.isSafeInteger(minor) ? minor : null;
}
