import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardFormula, parseCsv, parseDecimal, parseMinorUnits, toCsv } from './csv.ts';

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
