import type { PlanLink } from '../../../contracts/planning.ts';

/** A bar as the router sees it: its left and right x and the y of its middle. */
export interface BarBox {
  x0: number;
  x1: number;
  y: number;
}

export type Point = readonly [number, number];

/** Horizontal run out of the predecessor and into the successor, in pixels. */
export const ARROW_GAP = 8;

/**
 * The orthogonal route of a dependency arrow, from the predecessor's side (end for FS/FF,
 * start for SS/SF) to the successor's side (start for FS/SS, end for FF/SF), entering the
 * successor horizontally. Three segments when one vertical run fits between the two stubs;
 * otherwise five, the middle one along the row boundary just above or below the predecessor.
 */
export function routeLink(
  type: PlanLink['type'],
  from: BarBox,
  to: BarBox,
  rowHeight: number,
  gap = ARROW_GAP,
): Point[] {
  const fromEnd = type === 'FS' || type === 'FF';
  const toStart = type === 'FS' || type === 'SS';
  const sx = fromEnd ? from.x1 : from.x0;
  const tx = toStart ? to.x0 : to.x1;
  // Out of the predecessor: rightwards from its end, leftwards from its start.
  const outX = fromEnd ? sx + gap : sx - gap;
  // Into the successor: from the left into its start, from the right into its end.
  const inX = toStart ? tx - gap : tx + gap;
  let vx: number | null;
  if (fromEnd && toStart) vx = outX <= inX ? outX : null;
  else if (!fromEnd && toStart) vx = Math.min(outX, inX);
  else if (fromEnd && !toStart) vx = Math.max(outX, inX);
  else vx = inX <= outX ? outX : null;
  if (vx !== null) {
    if (from.y === to.y)
      return [
        [sx, from.y],
        [tx, to.y],
      ];
    return [
      [sx, from.y],
      [vx, from.y],
      [vx, to.y],
      [tx, to.y],
    ];
  }
  const midY = from.y + (to.y >= from.y ? rowHeight / 2 : -rowHeight / 2);
  return [
    [sx, from.y],
    [outX, from.y],
    [outX, midY],
    [inX, midY],
    [inX, to.y],
    [tx, to.y],
  ];
}

/** An SVG path `d` through the points. */
export function pathOf(points: readonly Point[]): string {
  return points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round(x)} ${round(y)}`).join(' ');
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The arrowhead at the last point, pointing along the last segment. */
export function arrowHead(points: readonly Point[], size = 5): string {
  const last = points[points.length - 1];
  const prev = points[points.length - 2];
  if (!last || !prev) return '';
  const [x, y] = last;
  const dir = Math.sign(x - prev[0]) || 1;
  return `M${round(x)} ${round(y)} L${round(x - dir * size)} ${round(y - size)} L${round(x - dir * size)} ${round(y + size)} Z`;
}
