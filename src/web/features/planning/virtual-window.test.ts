import { describe, expect, it } from 'vitest';
import { chunkedRows, scrollToRow, visibleRows } from './virtual-window.ts';

describe('virtualised rows', () => {
  it('renders the visible rows plus the overscan', () => {
    expect(visibleRows(0, 320, 32, 5000, 4)).toEqual({ first: 0, last: 14 });
    expect(visibleRows(3200, 320, 32, 5000, 4)).toEqual({ first: 96, last: 114 });
  });

  it('keeps a partly visible row', () => {
    expect(visibleRows(16, 32, 32, 100, 0)).toEqual({ first: 0, last: 2 });
  });

  it('stops at the ends of the list', () => {
    expect(visibleRows(5000 * 32, 600, 32, 5000, 6)).toEqual({ first: 4994, last: 5000 });
    expect(visibleRows(-50, 600, 32, 3, 6)).toEqual({ first: 0, last: 3 });
    expect(visibleRows(0, 600, 32, 0)).toEqual({ first: 0, last: 0 });
  });

  it('scrolls just enough to show a row', () => {
    expect(scrollToRow(10, 0, 320, 32)).toBe(32);
    expect(scrollToRow(2, 320, 320, 32)).toBe(64);
    expect(scrollToRow(5, 0, 320, 32)).toBeNull();
  });
});

describe('chunked rows', () => {
  it('moves the window by whole chunks, one chunk beyond each edge', () => {
    expect(chunkedRows(0, 640, 32, 5000, 16)).toEqual({ first: 0, last: 48 });
    // Scrolling within a chunk keeps the same window (no re-render).
    expect(chunkedRows(32 * 20, 640, 32, 5000, 16)).toEqual({ first: 0, last: 64 });
    expect(chunkedRows(32 * 21, 640, 32, 5000, 16)).toEqual({ first: 0, last: 64 });
    expect(chunkedRows(32 * 40, 640, 32, 5000, 16)).toEqual({ first: 16, last: 80 });
    expect(chunkedRows(32 * 4990, 640, 32, 5000, 16)).toEqual({ first: 4960, last: 5000 });
  });
});
