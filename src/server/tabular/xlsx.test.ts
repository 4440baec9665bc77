import { describe, expect, it } from 'vitest';
import { readXlsx, toXlsx } from './xlsx.ts';

describe('xlsx', () => {
  it('round-trips values, guards formulas, keeps row numbers', async () => {
    const buffer = await toXlsx([
      {
        name: 'Export',
        rows: [
          ['Projet', 'Montant'],
          ['=HYPERLINK("x")', 1234.5],
          ['Été', null],
        ],
      },
    ]);
    const rows = await readXlsx(buffer);
    expect(rows).toEqual([
      { line: 1, cells: ['Projet', 'Montant'] },
      { line: 2, cells: ['\'=HYPERLINK("x")', '1234.5'] },
      { line: 3, cells: ['Été'] },
    ]);
  });
});
