import { type Cell, toCsv } from '../../../core/tabular/csv.ts';

/** Downloads rows as a French CSV file (`;`, decimal comma, BOM, formula guard). */
export function downloadCsv(filename: string, rows: Cell[][]) {
  const blob = new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}
