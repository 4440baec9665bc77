import { describe, expect, it } from 'vitest';
import { formatHours, moveFor, parseHours } from './grid.ts';

describe('parseHours', () => {
  it.each([
    ['', 0],
    ['  ', 0],
    ['7', 7],
    ['7,5', 7.5],
    ['7.25', 7.25],
    ['7,', 7],
    ['7h30', 7.5],
    ['7H', 7],
    ['0:45', 0.75],
    ['7h20', 7.33],
  ])('reads %j as %d hours', (text, hours) => expect(parseHours(text)).toBe(hours));

  it.each(['x', '-1', '7,555', '7h75', '1e2', '123'])('refuses %j', (text) =>
    expect(parseHours(text)).toBeNull(),
  );
});

describe('formatHours', () => {
  it('shows 0 as an empty cell and decimals with a comma in French', () => {
    expect(formatHours(0)).toBe('');
    expect(formatHours(7.5)).toBe('7,5');
    expect(formatHours(7.5, '.')).toBe('7.5');
  });
});

describe('moveFor', () => {
  const size = { rows: 3, cols: 7 };
  it('moves up, down and with Enter within the grid', () => {
    expect(moveFor('ArrowDown', { row: 0, col: 2 }, size)).toEqual({ row: 1, col: 2 });
    expect(moveFor('Enter', { row: 1, col: 2 }, size)).toEqual({ row: 2, col: 2 });
    expect(moveFor('Enter', { row: 2, col: 2 }, size)).toBeNull();
    expect(moveFor('ArrowUp', { row: 0, col: 2 }, size)).toBeNull();
  });
  it('moves sideways only from the edge of the text', () => {
    expect(moveFor('ArrowRight', { row: 0, col: 0 }, size)).toEqual({ row: 0, col: 1 });
    expect(
      moveFor('ArrowRight', { row: 0, col: 0 }, size, { atStart: true, atEnd: false }),
    ).toBeNull();
    expect(moveFor('ArrowLeft', { row: 0, col: 0 }, size)).toBeNull();
    expect(moveFor('Tab', { row: 0, col: 0 }, size)).toBeNull();
  });
});
