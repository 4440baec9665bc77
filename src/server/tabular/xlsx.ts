import ExcelJS from 'exceljs';
import { type Cell, guardFormula } from '../../core/tabular/csv.ts';

/**
 * XLSX both ways with exceljs. Written cells are values, never formulas (text starting like a
 * formula is guarded as in CSV); read cells come back as text, the way the CSV reader gives them,
 * so one import pipeline serves both formats.
 */

export interface SheetSpec {
  name: string;
  rows: readonly (readonly Cell[])[];
  /** Column widths in characters (optional). */
  widths?: readonly number[];
  /** Number formats per column index, e.g. `'#,##0.00 "€"'` or `'dd/mm/yyyy'`. */
  numberFormats?: Readonly<Record<number, string>>;
}

/** A workbook of one or more sheets; the first row of each is a bold, frozen header. */
export async function toXlsx(sheets: readonly SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Jalon';
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name.slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    for (const row of spec.rows) {
      sheet.addRow(row.map((c) => (typeof c === 'string' ? guardFormula(c) : (c ?? null))));
    }
    sheet.getRow(1).font = { bold: true };
    spec.widths?.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
    for (const [index, format] of Object.entries(spec.numberFormats ?? {})) {
      sheet.getColumn(Number(index) + 1).numFmt = format;
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The first sheet (or the named one) as rows of text cells with their 1-based row numbers. */
export async function readXlsx(
  data: Buffer | ArrayBuffer,
  sheetName?: string,
): Promise<{ line: number; cells: string[] }[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as ArrayBuffer);
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) return [];
  const rows: { line: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    rows.push({ line, cells });
  });
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}
