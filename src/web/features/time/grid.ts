/*
 * The keyboard logic of the weekly grid, kept apart from React so it is tested alone: reading
 * what people type in a cell (7,5 / 7.5 / 7h30 / 7:30) and where the arrows and Enter go.
 */

/**
 * Hours typed in a cell: `''` is 0; a comma or a dot for decimals; `7h30`, `7:30`, `7h` too.
 * Returns null when the text is not hours (the cell is then flagged, nothing is sent).
 * @example parseHours('7,5') === 7.5; parseHours('7h30') === 7.5; parseHours('x') === null
 */
export function parseHours(text: string): number | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, '');
  if (s === '') return 0;
  const hm = /^(\d{1,2})(?:h|:)(\d{1,2})?$/.exec(s);
  if (hm) {
    const minutes = Number(hm[2] ?? 0);
    if (minutes >= 60) return null;
    return Math.round((Number(hm[1]) + minutes / 60) * 100) / 100;
  }
  if (!/^\d{1,2}([.,]\d{0,2})?$/.test(s)) return null;
  return Number(s.replace(',', '.'));
}

/** Hours for a cell: empty for 0, else with the locale's decimal separator (`7,5`). */
export function formatHours(hours: number, decimal: ',' | '.' = ','): string {
  if (hours === 0) return '';
  return String(Math.round(hours * 100) / 100).replace('.', decimal);
}

export interface CellPos {
  row: number;
  col: number;
}

/**
 * Where a key moves the focus in a grid of `rows` × `cols` cells, or null when it does not
 * move (the key then does what it does in a text field). Left/right move only when the caret
 * is at the edge of the text, so people can still edit inside a cell.
 */
export function moveFor(
  key: string,
  pos: CellPos,
  size: { rows: number; cols: number },
  caret: { atStart: boolean; atEnd: boolean } = { atStart: true, atEnd: true },
): CellPos | null {
  const clampRow = (r: number) => Math.max(0, Math.min(size.rows - 1, r));
  const clampCol = (c: number) => Math.max(0, Math.min(size.cols - 1, c));
  switch (key) {
    case 'ArrowUp':
      return pos.row > 0 ? { row: pos.row - 1, col: pos.col } : null;
    case 'ArrowDown':
    case 'Enter':
      return pos.row < size.rows - 1 ? { row: clampRow(pos.row + 1), col: pos.col } : null;
    case 'ArrowLeft':
      return caret.atStart && pos.col > 0 ? { row: pos.row, col: clampCol(pos.col - 1) } : null;
    case 'ArrowRight':
      return caret.atEnd && pos.col < size.cols - 1
        ? { row: pos.row, col: clampCol(pos.col + 1) }
        : null;
    default:
      return null;
  }
}
