import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CsvSyntaxError,
  guardFormula,
  parseCsv,
  parseDecimal,
  parseMinorUnits,
  toCsv,
  type ParsedCsv,
} from './csv.ts';

describe('toCsv', () => {
  it('writes French CSV: BOM, semicolons, decimal comma, CRLF', () => {
    expect(
      toCsv([
        ['Projet', 'Heures'],
        ['Migration ERP', 7.5],
      ]),
    ).toBe('\uFEFFProjet;Heures\r\nMigration ERP;7,5\r\n');
  });

  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+33 1 23', "'+33 1 23"],
    ['-2', "'-2"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['Normal', 'Normal'],
  ])('guards formula injection in %j', (input, out) => {
    expect(guardFormula(input)).toBe(out);
  });

  it('quotes separators, quotes and line breaks', () => {
    expect(toCsv([['a;b', 'dit "oui"', 'l1\nl2']], { bom: false })).toBe(
      '"a;b";"dit ""oui""";"l1\nl2"\r\n',
    );
  });

  it('leaves negative numbers as numbers (not guarded)', () => {
    expect(toCsv([[-12.5]], { bom: false })).toBe('-12,5\r\n');
  });
});

describe('parseCsv', () => {
  it('reads what toCsv writes (round trip of text cells)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.string().filter((s) => !/^[=+\-@\t\r]/.test(s)),
            { minLength: 2, maxLength: 4 },
          ),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        (rows) => {
          const parsed = parseCsv(toCsv(rows), ';');
          const expected = rows.filter((r) => r.length > 1 || r[0] !== '');
          expect(parsed.rows.map((r) => r.cells)).toEqual(expected);
        },
      ),
    );
  });

  it('sniffs the separator and numbers the lines of the file', () => {
    const parsed = parseCsv('a,b\n\n"x\ny",z\nlast,1');
    expect(parsed.separator).toBe(',');
    expect(parsed.rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['x\ny', 'z'] },
      { line: 5, cells: ['last', '1'] },
    ]);
  });

  it('reports the line of an unterminated quote', () => {
    expect(() => parseCsv('a;b\n"open;x\n')).toThrow(/line 2/);
  });
});

describe('parseDecimal / parseMinorUnits', () => {
  it.each([
    ['1 234,56', 1234.56],
    ['1\u202F234,5', 1234.5],
    ['1234.56', 1234.56],
    ['1,234.56', 1234.56],
    ['-12', -12],
    ['abc', null],
    ['', null],
    ['1,2,3', null],
  ])('%j → %j', (text, value) => {
    expect(parseDecimal(text)).toBe(value);
  });

  it.each([
    ['1 234,56', 123456],
    ['0,1', 10],
    ['12', 1200],
    ['1,005', null],
    ['1,000', 100],
  ])('minor units of %j → %j', (text, value) => {
    expect(parseMinorUnits(text)).toBe(value);
  });
});

/** The character-at-a-time reader this module had before cells were sliced: the reference. */
function parseCsvReference(text0: string, sep: ';' | ',' | '\t'): ParsedCsv['rows'] {
  const text = text0.charCodeAt(0) === 0xfeff ? text0.slice(1) : text0;
  const rows: ParsedCsv['rows'] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === sep) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) throw new CsvSyntaxError(quoteLine);
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

describe('parseCsv slices cells', () => {
  const outcome = (run: () => ParsedCsv['rows']) => {
    try {
      return { rows: run() };
    } catch (error) {
      return { errorLine: (error as CsvSyntaxError).line };
    }
  };

  it('reads any text exactly as the character-at-a-time reader did (rows, lines, errors)', () => {
    const piece = fc.constantFrom(
      'a',
      'bc',
      ' ',
      ';',
      ',',
      '\t',
      '"',
      '""',
      '\r',
      '\n',
      '\r\n',
      'é',
      '\uFEFF',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }),
        fc.constantFrom(';', ',', '\t'),
        (parts, sep) => {
          const text = parts.join('');
          const sliced = outcome(() => parseCsv(text, sep as ';').rows);
          expect(sliced).toEqual(outcome(() => parseCsvReference(text, sep as ';')));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['"ab"cd;e', [['abcd', 'e']]],
    ['x"y;"z""w"', [['x"y', 'z"w']]],
    ['"";""\r\n\r\nlast', [['', ''], ['last']]],
    ['a;\n', [['a', '']]],
  ])('reads %j', (text, cells) => {
    expect(parseCsv(text, ';').rows.map((r) => r.cells)).toEqual(cells);
  });

  it('numbers lines after quoted line breaks, CRLF and lone CR', () => {
    expect(parseCsv('"a\r\nb";c\rd\n"e\n\nf"\ng', ';').rows).toEqual([
      { line: 1, cells: ['a\r\nb', 'c'] },
      { line: 3, cells: ['d'] },
      { line: 4, cells: ['e\n\nf'] },
      { line: 7, cells: ['g'] },
    ]);
    expect(() => parseCsv('a\n"b\nc', ';')).toThrow(/line 2/);
  });

  // Its speed is measured by `npm run bench -- finance-rollup` (import of 100,000 rows), not here:
  // two wall-clock times of a few milliseconds compared in a test only measure the machine.
  it('reads 20,000 import rows exactly as the character-at-a-time reader', () => {
    const lines = ['date;montant;fournisseur;référence'];
    for (let i = 0; i < 20_000; i++) {
      lines.push(`2026-0${(i % 9) + 1}-15;${i},50;"Fournisseur ${i % 50}";FAC-${i}`);
    }
    const text = lines.join('\r\n');
    expect(parseCsv(text, ';').rows).toEqual(parseCsvReference(text, ';'));
  });
});
