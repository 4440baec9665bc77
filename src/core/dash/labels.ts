/*
 * Labels of a bubble chart placed without overlap (the value × risk chart of the portfolio
 * dashboard): the largest bubbles first, each label tried on its bubble, then above, below, to
 * the right and to the left of it; the first place inside the plot that overlaps no label
 * already placed wins, and a label with no free place is left out (the bubble's tooltip and
 * the chart's table still name it). Pure: no DOM, sizes estimated from the text's length.
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

/** Places the labels it can, largest bubble first; never two overlapping, all inside the plot. */
export function placeLabels(bubbles: readonly LabelBubble[], o: LabelOptions): PlacedLabel[] {
  const size = o.fontSize ?? 10;
  const gap = o.gap ?? 2;
  const order = bubbles.map((_, i) => i).sort((a, b) => bubbles[b]!.r - bubbles[a]!.r || a - b);
  const placed: PlacedLabel[] = [];
  for (const index of order) {
    const b = bubbles[index]!;
    if (!b.label) continue;
    const w = b.label.length * size * 0.62;
    const h = size * 1.2;
    // Candidate boxes: on the bubble (when it is wide enough), above, below, right, left.
    const candidates: { box: Box; anchor: PlacedLabel['anchor'] }[] = [];
    const centred = (top: number) => ({
      box: { left: b.x - w / 2, top, right: b.x + w / 2, bottom: top + h },
      anchor: 'middle' as const,
    });
    if (b.r * 2 >= w) candidates.push(centred(b.y - h / 2));
    candidates.push(centred(b.y - b.r - gap - h), centred(b.y + b.r + gap));
    candidates.push({
      box: {
        left: b.x + b.r + gap,
        top: b.y - h / 2,
        right: b.x + b.r + gap + w,
        bottom: b.y + h / 2,
      },
      anchor: 'start',
    });
    candidates.push({
      box: {
        left: b.x - b.r - gap - w,
        top: b.y - h / 2,
        right: b.x - b.r - gap,
        bottom: b.y + h / 2,
      },
      anchor: 'end',
    });
    for (const c of candidates) {
      if (!inside(c.box, o.bounds)) continue;
      const padded = {
        left: c.box.left - gap,
        top: c.box.top - gap,
        right: c.box.right + gap,
        bottom: c.box.bottom + gap,
      };
      if (placed.some((p) => overlaps(padded, p.box))) continue;
      const x = c.anchor === 'middle' ? b.x : c.anchor === 'start' ? c.box.left : c.box.right;
      // Baseline: about 0.8 of the box's height from its top.
      placed.push({ index, x, y: c.box.top + h * 0.8, anchor: c.anchor, box: c.box });
      break;
    }
  }
  return placed;
}
