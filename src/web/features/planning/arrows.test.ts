import { describe, expect, it } from 'vitest';
import { arrowHead, pathOf, routeLink, type Point } from './arrows.ts';

const ROW = 32;
const a = { x0: 100, x1: 200, y: 16 };

/** Every segment is horizontal or vertical. */
const orthogonal = (points: Point[]) =>
  points.every((p, i) => i === 0 || p[0] === points[i - 1]![0] || p[1] === points[i - 1]![1]);

describe('dependency arrows', () => {
  it('routes finish-to-start forward in three segments, down from the end', () => {
    const route = routeLink('FS', a, { x0: 260, x1: 300, y: 48 }, ROW);
    expect(route).toEqual([
      [200, 16],
      [208, 16],
      [208, 48],
      [260, 48],
    ]);
  });

  it('routes finish-to-start backwards around the rows in five segments', () => {
    const route = routeLink('FS', a, { x0: 150, x1: 180, y: 80 }, ROW);
    expect(route).toEqual([
      [200, 16],
      [208, 16],
      [208, 32],
      [142, 32],
      [142, 80],
      [150, 80],
    ]);
    expect(orthogonal(route)).toBe(true);
  });

  it('goes up when the successor is above', () => {
    const route = routeLink('FS', { x0: 100, x1: 200, y: 80 }, { x0: 50, x1: 90, y: 16 }, ROW);
    expect(route[2]).toEqual([208, 64]);
  });

  it('leaves start-to-start from the left of both bars', () => {
    const route = routeLink('SS', a, { x0: 130, x1: 300, y: 48 }, ROW);
    expect(route).toEqual([
      [100, 16],
      [92, 16],
      [92, 48],
      [130, 48],
    ]);
  });

  it('joins finish-to-finish on the right of both bars, entering from the right', () => {
    const route = routeLink('FF', a, { x0: 130, x1: 240, y: 48 }, ROW);
    expect(route).toEqual([
      [200, 16],
      [248, 16],
      [248, 48],
      [240, 48],
    ]);
    expect(arrowHead(route)).toBe('M240 48 L245 43 L245 53 Z');
  });

  it('routes start-to-finish directly when the successor ends before, around it otherwise', () => {
    expect(routeLink('SF', a, { x0: 20, x1: 60, y: 48 }, ROW)).toEqual([
      [100, 16],
      [92, 16],
      [92, 48],
      [60, 48],
    ]);
    const around = routeLink('SF', a, { x0: 20, x1: 150, y: 48 }, ROW);
    expect(around).toHaveLength(6);
    expect(around[around.length - 1]).toEqual([150, 48]);
    expect(orthogonal(around)).toBe(true);
  });

  it('writes an SVG path', () => {
    expect(
      pathOf([
        [0, 0],
        [10.04, 0],
        [10.04, 5],
      ]),
    ).toBe('M0 0 L10 0 L10 5');
  });
});
