/*
 * Labels of a bubble chart placed without overlap (the value × risk chart of the portfolio
 * dashboard): the largest bubbles first, each label tried on its bubble, then next to it in
 * eight directions; the labels left without a place are then tried further out with a leader
 * line. The first place inside the plot that overlaps no label already placed wins, and a label
 * with no free place at all is left out (the bubble's tooltip and the chart's table still name
 * it). Pure: no DOM, sizes estimated from the text's length.
 */

export interface LabelBubble {
  /** Centre and radius, in the chart's units. */
  x: number;
  y: number;
  r: number;
  label: string;
}

export interface PlacedLabel {
  /** Index into the bubbles given. */
  index: number;
  /** Anchor point of the text (its baseline) and its anchor. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  /** The box the text takes. */
  box: Box;
  /** A line from the bubble's edge to the label, when the label sits away from its bubble. */
  leader?: { x1: number; y1: number; x2: number; y2: number };
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface LabelOptions {
  /** The plot the labels must stay in. */
  bounds: Box;
  /** Font size; a character is taken as 0.62 of it wide (codes are short, capitals and digits). */
  fontSize?: number;
  /** Space between a label and its bubble, and between labels. */
  gap?: number;
}

export const overlaps = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

const inside = (a: Box, b: Box) =>
  a.left >= b.left && a.right <= b.right && a.top >= b.top && a.bottom <= b.bottom;

/** Whether the segment from (x1, y1) to (x2, y2) crosses the box (Liang–Barsky clipping). */
export function segmentCrosses(x1: number, y1: number, x2: number, y2: number, b: Box): boolean {
  const dx = x2 - x1;
  const dy = y2 - y1;
  let t0 = 0;
  let t1 = 1;
  for (const [p, q] of [
    [-dx, x1 - b.left],
    [dx, b.right - x1],
    [-dy, y1 - b.top],
    [dy, b.bottom - y1],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
  }
  return t0 < t1;
}

/** The eight directions around a bubble, in the order they are tried (sides, then corners). */
const NEAR: readonly [number, number][] = [
  [0, -1],
  [0, 1],
  [1, 0],
  [-1, 0],
  [Math.SQRT1_2, -Math.SQRT1_2],
  [-Math.SQRT1_2, -Math.SQRT1_2],
  [Math.SQRT1_2, Math.SQRT1_2],
  [-Math.SQRT1_2, Math.SQRT1_2],
];

/** Twenty-four directions, every 15°, from the right going round (for labels further out). */
const FAR: readonly [number, number][] = Array.from({ length: 24 }, (_, i) => {
  const a = (i * Math.PI) / 12;
  return [Math.cos(a), Math.sin(a)] as [number, number];
});

/**
 * Places the labels it can; never two overlapping, all inside the plot, and a leader line never
 * crosses another label. First pass, largest bubble first: on the bubble (when it is wide
 * enough), then next to it in eight directions (above, below, right, left, the four corners).
 * Second pass, for the labels still without a place: every 15° around the bubble, one to three
 * label heights further out, with a leader line from the bubble's edge to the label.
 */
export function placeLabels(bubbles: readonly LabelBubble[], o: LabelOptions): PlacedLabel[] {
  const size = o.fontSize ?? 10;
  const gap = o.gap ?? 2;
  const h = size * 1.2;
  const order = bubbles.map((_, i) => i).sort((a, b) => bubbles[b]!.r - bubbles[a]!.r || a - b);
  const placed: PlacedLabel[] = [];
  const done = new Set<number>();
  /**
   * The box of a label `w` wide in direction (ux, uy) (a unit vector), its nearest side or
   * corner `d` from the bubble's edge: to the right of that point when the direction points
   * right, to its left when it points left, centred on it otherwise (likewise vertically).
   */
  const boxAt = (b: LabelBubble, w: number, [ux, uy]: [number, number], d: number) => {
    const px = b.x + ux * (b.r + d);
    const py = b.y + uy * (b.r + d);
    const side = (u: number) => (u > 0.3 ? 1 : u < -0.3 ? -1 : 0);
    const sx = side(ux);
    const sy = side(uy);
    const left = sx > 0 ? px : sx < 0 ? px - w : px - w / 2;
    const top = sy > 0 ? py : sy < 0 ? py - h : py - h / 2;
    const anchor: PlacedLabel['anchor'] = sx > 0 ? 'start' : sx < 0 ? 'end' : 'middle';
    return {
      box: { left, top, right: left + w, bottom: top + h },
      anchor,
      edge: { x: b.x + ux * b.r, y: b.y + uy * b.r },
      end: { x: px, y: py },
    };
  };
  const tryPlace = (
    index: number,
    c: { box: Box; anchor: PlacedLabel['anchor'] },
    leader?: PlacedLabel['leader'],
  ) => {
    if (!inside(c.box, o.bounds)) return false;
    const padded = {
      left: c.box.left - gap,
      top: c.box.top - gap,
      right: c.box.right + gap,
      bottom: c.box.bottom + gap,
    };
    if (placed.some((p) => overlaps(padded, p.box))) return false;
    if (leader) {
      const l = leader;
      if (placed.some((p) => segmentCrosses(l.x1, l.y1, l.x2, l.y2, p.box))) return false;
    }
    // A label placed later must not cover an earlier leader line either.
    if (
      placed.some(
        (p) =>
          p.leader && segmentCrosses(p.leader.x1, p.leader.y1, p.leader.x2, p.leader.y2, padded),
      )
    )
      return false;
    const x =
      c.anchor === 'middle'
        ? (c.box.left + c.box.right) / 2
        : c.anchor === 'start'
          ? c.box.left
          : c.box.right;
    // Baseline: about 0.8 of the box's height from its top.
    placed.push({
      index,
      x,
      y: c.box.top + h * 0.8,
      anchor: c.anchor,
      box: c.box,
      ...(leader ? { leader } : {}),
    });
    done.add(index);
    return true;
  };
  for (const index of order) {
    const b = bubbles[index]!;
    if (!b.label) continue;
    const w = b.label.length * size * 0.62;
    if (b.r * 2 >= w) {
      const on = { left: b.x - w / 2, top: b.y - h / 2, right: b.x + w / 2, bottom: b.y + h / 2 };
      if (tryPlace(index, { box: on, anchor: 'middle' })) continue;
    }
    for (const d of NEAR) if (tryPlace(index, boxAt(b, w, d, gap))) break;
  }
  for (const index of order) {
    const b = bubbles[index]!;
    if (!b.label || done.has(index)) continue;
    const w = b.label.length * size * 0.62;
    out: for (const step of [1, 2, 3])
      for (const d of FAR) {
        const c = boxAt(b, w, d, gap + step * h);
        const leader = { x1: c.edge.x, y1: c.edge.y, x2: c.end.x, y2: c.end.y };
        if (tryPlace(index, c, leader)) break out;
      }
  }
  return placed;
}
