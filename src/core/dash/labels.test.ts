import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { overlaps, placeLabels, segmentCrosses } from './labels.ts';

const bounds = { left: 0, top: 0, right: 600, bottom: 300 };

describe('placeLabels', () => {
  it('keeps a large bubble’s label on it', () => {
    const [p] = placeLabels([{ x: 300, y: 150, r: 30, label: 'PRJ-1' }], { bounds });
    expect(p).toMatchObject({ index: 0, x: 300, anchor: 'middle' });
    expect(p!.box.top).toBeLessThan(150);
    expect(p!.box.bottom).toBeGreaterThan(150);
  });

  it('moves the labels of bubbles piled at one point around them, never on each other', () => {
    // Twelve projects with no alignment: all at x = 0 of the plot, risks close together.
    const bubbles = Array.from({ length: 12 }, (_, i) => ({
      x: 40,
      y: 150 + (i % 3),
      r: 6 + i,
      label: `PRJ-2026-0${10 + i}`,
    }));
    const placed = placeLabels(bubbles, { bounds });
    expect(placed.length).toBeGreaterThan(1);
    expect(placed.length).toBeLessThan(12);
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++)
        expect(overlaps(placed[i]!.box, placed[j]!.box)).toBe(false);
    // The largest bubble is labelled first.
    expect(placed[0]!.index).toBe(11);
  });

  it('places a label left of a bubble at the right edge, and drops one that cannot fit', () => {
    const [right] = placeLabels([{ x: 590, y: 150, r: 5, label: 'PRJ-9' }], { bounds });
    expect(right).toMatchObject({ anchor: 'end' });
    expect(right!.box.right).toBeLessThanOrEqual(585);
    const tiny = { left: 0, top: 0, right: 20, bottom: 20 };
    expect(placeLabels([{ x: 10, y: 10, r: 2, label: 'PRJ-LONG' }], { bounds: tiny })).toEqual([]);
  });

  it('labels a crowded chart further out with leader lines when the places next to bubbles are taken', () => {
    // 31 projects (the demo's count) crowded in the left half of the plot, seeded.
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const plot = { left: 72, top: 22, right: 578, bottom: 298 };
    const bubbles = Array.from({ length: 31 }, (_, i) => ({
      x: 100 + rnd() * 250,
      y: 60 + rnd() * 200,
      r: 4 + Math.sqrt(rnd()) * 22,
      label: `PRJ-2026-0${10 + i}`,
    }));
    const placed = placeLabels(bubbles, { bounds: plot, fontSize: 10 });
    const near = placed.filter((p) => !p.leader);
    const far = placed.filter((p) => p.leader);
    expect(far.length).toBeGreaterThan(0);
    expect(placed.length).toBeGreaterThanOrEqual(28);
    for (const p of far) {
      const b = bubbles[p.index]!;
      // The leader starts on the bubble's edge and ends on the label's box.
      expect(Math.hypot(p.leader!.x1 - b.x, p.leader!.y1 - b.y)).toBeCloseTo(b.r, 5);
      const { x2, y2 } = p.leader!;
      expect(x2 >= p.box.left - 1e-9 && x2 <= p.box.right + 1e-9).toBe(true);
      expect(y2 >= p.box.top - 1e-9 && y2 <= p.box.bottom + 1e-9).toBe(true);
    }
    expect(near.length + far.length).toBe(placed.length);
  });

  it('tells whether a segment crosses a box', () => {
    const box = { left: 10, top: 10, right: 20, bottom: 20 };
    expect(segmentCrosses(0, 15, 30, 15, box)).toBe(true);
    expect(segmentCrosses(0, 0, 30, 30, box)).toBe(true);
    expect(segmentCrosses(0, 0, 5, 5, box)).toBe(false);
    expect(segmentCrosses(0, 25, 30, 25, box)).toBe(false);
    expect(segmentCrosses(15, 0, 15, 9, box)).toBe(false);
    expect(segmentCrosses(15, 0, 15, 11, box)).toBe(true);
  });

  it('never overlaps two labels nor leaves the plot (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.integer({ min: 0, max: 600 }),
            y: fc.integer({ min: 0, max: 300 }),
            r: fc.integer({ min: 2, max: 30 }),
            label: fc.string({ minLength: 0, maxLength: 14 }),
          }),
          { maxLength: 40 },
        ),
        (bubbles) => {
          const placed = placeLabels(bubbles, { bounds });
          const seen = new Set<number>();
          for (const p of placed) {
            expect(seen.has(p.index)).toBe(false);
            seen.add(p.index);
            expect(p.box.left).toBeGreaterThanOrEqual(0);
            expect(p.box.right).toBeLessThanOrEqual(600);
            expect(p.box.top).toBeGreaterThanOrEqual(0);
            expect(p.box.bottom).toBeLessThanOrEqual(300);
          }
          for (let i = 0; i < placed.length; i++)
            for (let j = i + 1; j < placed.length; j++)
              expect(overlaps(placed[i]!.box, placed[j]!.box)).toBe(false);
          // No leader line crosses another label.
          for (const p of placed)
            for (const q of placed)
              if (p !== q && p.leader) {
                const l = p.leader;
                expect(segmentCrosses(l.x1, l.y1, l.x2, l.y2, q.box)).toBe(false);
              }
        },
      ),
      { numRuns: 200 },
    );
  });
});
