/** The rows to render of a list of fixed-height rows: `first` (inclusive) to `last` (exclusive). */
export interface RowWindow {
  first: number;
  last: number;
}

/**
 * The rows visible in a viewport of `height` pixels scrolled by `scrollTop`, plus `overscan` rows
 * either side so a fast scroll never shows a blank row.
 * @example visibleRows(0, 320, 32, 5000, 4) → { first: 0, last: 14 }
 */
export function visibleRows(
  scrollTop: number,
  height: number,
  rowHeight: number,
  count: number,
  overscan = 6,
): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { first: 0, last: 0 };
  const top = Math.max(0, scrollTop);
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((top + Math.max(0, height)) / rowHeight) + overscan);
  return { first: Math.min(first, last), last };
}

/** The scrollTop that brings row `index` into view, or null when it is already fully visible. */
export function scrollToRow(
  index: number,
  scrollTop: number,
  height: number,
  rowHeight: number,
  headerHeight = 0,
): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  const viewTop = scrollTop;
  const viewBottom = scrollTop + height - headerHeight;
  if (top < viewTop) return top;
  if (bottom > viewBottom) return bottom - (height - headerHeight);
  return null;
}

/**
 * Like `visibleRows`, but the bounds move by whole chunks of rows, so scrolling re-renders once
 * per chunk rather than once per row; at least one chunk is rendered beyond each edge.
 */
export function chunkedRows(
  scrollTop: number,
  height: number,
  rowHeight: number,
  count: number,
  chunk = 16,
): RowWindow {
  const { first, last } = visibleRows(scrollTop, height, rowHeight, count, 0);
  if (last === 0) return { first: 0, last: 0 };
  return {
    first: Math.max(0, (Math.floor(first / chunk) - 1) * chunk),
    last: Math.min(count, (Math.ceil(last / chunk) + 1) * chunk),
  };
}
