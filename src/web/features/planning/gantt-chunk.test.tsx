// @vitest-environment jsdom
import { fireEvent, render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PlanLink } from '../../../contracts/planning.ts';
import { toEpochDay } from '../../../core/calendar/days.ts';
import { LIGHT_PALETTE } from './gantt-palette.ts';
import { CHUNK_ROWS, GanttChunk, GanttSvg, ROW_HEIGHT, linkRowsOf } from './GanttSvg.tsx';
import { buildPlan, fixtureId } from './plan-fixture.ts';
import { createScale } from './timeline-scale.ts';

// 1 summary + 59 tasks: blocks 0–7 of 8 rows (the last one of 4).
const plan = buildPlan({ phases: 1, perPhase: 59 });
const rows = plan.tasks;
const rowOf = new Map(rows.map((t, i) => [t.id, i]));
// A long link from row 2 down to row 40 (blocks 0 to 5), beside the chain.
const long = {
  id: fixtureId(900_000),
  fromTaskId: rows[2]!.id,
  toTaskId: rows[40]!.id,
  type: 'SS' as const,
  lag: 0,
  fromProject: null,
  version: 1,
};
const links = [...plan.links, long];
const scale = createScale('week', toEpochDay(plan.projectStart!), toEpochDay(plan.projectFinish!));

function chunk(
  index: number,
  selectedRow = -1,
  light = false,
  onLinkClick?: (link: PlanLink) => void,
  selectedLinkId: string | null = null,
) {
  const { container } = render(
    <GanttChunk
      index={index}
      rows={rows}
      linkRows={linkRowsOf(links, rowOf)}
      scale={scale}
      palette={LIGHT_PALETTE}
      showCritical
      showLabels
      baselines={null}
      selectedRow={selectedRow}
      selectedLinkId={selectedLinkId}
      preview={null}
      editable={false}
      light={light}
      onLinkClick={onLinkClick}
    />,
  );
  return container.querySelector('svg.gantt-chunk')!;
}

describe('GanttChunk (one block of rows of the on-screen timeline)', () => {
  it('draws the bars of its rows only, in an SVG placed at its first row', () => {
    expect(CHUNK_ROWS).toBe(8);
    const svg = chunk(2);
    const ids = [...svg.querySelectorAll('[data-task-id]')].map((e) =>
      e.getAttribute('data-task-id'),
    );
    expect(ids).toEqual(rows.slice(16, 24).map((t) => t.id));
    expect(svg.getAttribute('height')).toBe(String(CHUNK_ROWS * ROW_HEIGHT));
    expect((svg as SVGElement).style.top).toBe(`${16 * ROW_HEIGHT}px`);
  });

  it('the last block is as high as its rows', () => {
    const svg = chunk(7);
    expect(svg.querySelectorAll('[data-task-id]')).toHaveLength(4);
    expect(svg.getAttribute('height')).toBe(String(4 * ROW_HEIGHT));
  });

  it('draws an arrow in every block it crosses (clipped there), and in no other', () => {
    const has = (index: number) =>
      chunk(index).querySelector(`[data-link-id="${long.id}"], [data-links~="${long.id}"]`) !==
      null;
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(has)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    // The chain link from row 15 to row 16 runs across the boundary of blocks 1 and 2.
    const boundary = plan.links.find((l) => rowOf.get(l.toTaskId) === 16)!;
    expect(chunk(1).querySelector(`[data-link-id="${boundary.id}"]`)).not.toBeNull();
    expect(chunk(2).querySelector(`[data-link-id="${boundary.id}"]`)).not.toBeNull();
  });

  it('draws the lines passing through a block as one path per colour, one element for all', () => {
    const svg = chunk(2);
    const group = svg.querySelector('[data-links]')!;
    expect(group.getAttribute('data-links')!.split(' ')).toContain(long.id);
    // A line of each colour in use and one click target: three paths, whatever their number.
    expect(group.querySelectorAll('path').length).toBeLessThanOrEqual(3);
    expect(svg.querySelectorAll(`[data-link-id="${long.id}"]`)).toHaveLength(0);
  });

  it('a click on a passing line picks that link by position, a click beside it none', () => {
    const clicked: string[] = [];
    const svg = chunk(2, -1, false, (link) => clicked.push(link.id));
    const target = svg.querySelector<SVGPathElement>('[data-links] path[stroke="transparent"]')!;
    // The long SS link runs down at x = start of row 2's bar − 8, through block 2 (rows 16–23,
    // top 512 px; jsdom puts the block's box at 0, 0).
    const x =
      Number(
        /^M(\S+)/.exec(
          chunk(0).querySelector(`[data-link-id="${long.id}"] path`)!.getAttribute('d')!,
        )![1],
      ) - 8;
    fireEvent.click(target, { clientX: x + 1, clientY: 100 });
    expect(clicked).toEqual([long.id]);
    fireEvent.click(target, { clientX: x + 40, clientY: 100 });
    expect(clicked).toEqual([long.id]);
  });

  it('the selected link is drawn on its own, thicker, in the blocks it passes through', () => {
    const svg = chunk(2, -1, false, undefined, long.id);
    const own = svg.querySelector(`[data-link-id="${long.id}"] path`)!;
    expect(own.getAttribute('stroke-width')).toBe('2.5');
    expect(svg.querySelector('[data-links]')?.getAttribute('data-links') ?? '').not.toContain(
      long.id,
    );
  });

  it('shows the selection only in the block of the selected row', () => {
    expect(chunk(2, 20).querySelector('rect[opacity="0.7"]')?.getAttribute('y')).toBe(
      String(20 * ROW_HEIGHT),
    );
    expect(chunk(2).querySelector('rect[opacity="0.7"]')).toBeNull();
  });
});

describe('GanttChunk drawn light (while the view scrolls fast)', () => {
  it('draws each bar and its label, without arrows, progress or baselines', () => {
    const full = chunk(1);
    const light = chunk(1, -1, true);
    expect(light.classList.contains('is-light')).toBe(true);
    const ids = (svg: Element) =>
      [...svg.querySelectorAll('[data-task-id]')].map((e) => e.getAttribute('data-task-id'));
    expect(ids(light)).toEqual(ids(full));
    expect([...light.querySelectorAll('text')].map((e) => e.textContent)).toEqual(
      [...full.querySelectorAll('text')].map((e) => e.textContent),
    );
    expect(full.querySelectorAll('[data-link-id]').length).toBeGreaterThan(0);
    expect(light.querySelectorAll('[data-link-id]')).toHaveLength(0);
    expect(light.querySelectorAll('*').length).toBeLessThan(full.querySelectorAll('*').length / 2);
  });
});

describe('arrowOf (one arrow drawing for the exported SVG and the blocks on screen)', () => {
  it('draws a link with the same path in the export and in each block it crosses', () => {
    const { container } = render(
      <GanttSvg
        rows={rows}
        window={{ first: 0, last: rows.length }}
        scale={scale}
        xFrom={0}
        xTo={scale.width}
        palette={LIGHT_PALETTE}
        showCritical
        showLabels
        baselines={null}
        links={links}
        rowOf={rowOf}
        isWorking={() => true}
        today={0}
        statusDate={null}
        selectedId={null}
        title="t"
        description="d"
      />,
    );
    const paths = (root: Element, id: string) =>
      [...root.querySelectorAll(`[data-link-id="${id}"] path`)].map((p) => p.getAttribute('d'));
    const exported = paths(container, long.id);
    expect(exported).toHaveLength(2);
    // The blocks of its ends (row 2, row 40, and block 4 whose last row is next to row 40):
    // line and head, as exported.
    for (const k of [0, 4, 5]) expect(paths(chunk(k), long.id)).toEqual(exported);
    // The blocks it passes through: the same line, alone (its head is in another block), in
    // the one path of the block's passing lines of its colour.
    for (const k of [1, 2, 3]) {
      const svg = chunk(k);
      expect(paths(svg, long.id)).toEqual([]);
      const lines = [...svg.querySelectorAll('[data-links] path:not([stroke="transparent"])')];
      expect(lines.filter((l) => l.getAttribute('d')!.includes(exported[0]!))).toHaveLength(1);
    }
    const local = plan.links[20]!;
    const k = Math.floor(rowOf.get(local.toTaskId)! / CHUNK_ROWS);
    expect(paths(chunk(k), local.id)).toEqual(paths(container, local.id));
  });
});
