// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../i18n.ts';
import { GanttView } from './GanttView.tsx';
import { buildPlan } from './plan-fixture.ts';
import { CHUNK_ROWS } from './GanttSvg.tsx';

// jsdom has no layout: the scroller is 1200 × 600 px, the rest has no size.
beforeAll(async () => {
  const size = (px: number) => ({
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('gantt-scroller') ? px : 0;
    },
  });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', size(600));
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', size(1200));
  await initI18n('fr');
});

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

// 10 phases of 99 tasks: 1,000 rows, 125 blocks of 8.
const plan = buildPlan({ phases: 10, perPhase: 99 });

function renderGantt() {
  const client = new QueryClient();
  const view = render(
    <QueryClientProvider client={client}>
      <MantineProvider>
        <GanttView
          plan={plan}
          projectId={plan.projectId}
          projectName="Plan de test"
          baselines={null}
        />
      </MantineProvider>
    </QueryClientProvider>,
  );
  const scroller = view.container.querySelector<HTMLElement>('.gantt-scroller')!;
  const timeline = view.container.querySelector<HTMLElement>('.gantt-timeline')!;
  const grid = view.container.querySelector<HTMLElement>('.gantt-grid')!;
  // The view reads the new position in the next animation frame (not in the scroll event) and
  // mounts the table's rows then; the timeline's block comes a frame later.
  const scrollTo = (top: number) =>
    act(async () => {
      scroller.scrollTop = top;
      fireEvent.scroll(scroller);
      await nextFrame();
      await nextFrame();
    });
  const blocks = () =>
    [...timeline.querySelectorAll<SVGElement>('svg.gantt-chunk')].map((svg) => svg.style.top);
  return { scroller, timeline, grid, scrollTo, blocks };
}

describe('GanttView scrolling (5,000-task plans)', () => {
  it('renders only the blocks of rows around the viewport', async () => {
    const { grid, blocks } = renderGantt();
    // 552 px of rows visible (18 rows), one block beyond: blocks 0–3 of 8 rows.
    expect(blocks()).toEqual(['0px', '256px', '512px', '768px']);
    // 32 rows of tasks and the row of column headers.
    expect(grid.querySelectorAll('[role="row"]')).toHaveLength(33);
    expect(grid.getAttribute('aria-rowcount')).toBe('1001');
  });

  it('scrolling inside a block changes nothing in the page', async () => {
    const { timeline, grid, scrollTo } = renderGantt();
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((r) => records.push(...r));
    for (const el of [timeline, grid])
      observer.observe(el, { subtree: true, childList: true, attributes: true });
    await scrollTo(100);
    await scrollTo(200);
    records.push(...observer.takeRecords());
    observer.disconnect();
    expect(records).toEqual([]);
  });

  it('crossing a block mounts the new block and its rows and leaves the others untouched', async () => {
    const { timeline, grid, scrollTo, blocks } = renderGantt();
    const before = [...timeline.querySelectorAll('svg.gantt-chunk')];
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((r) => records.push(...r));
    for (const el of [timeline, grid])
      observer.observe(el, { subtree: true, childList: true, attributes: true });
    // Rows 9 to 27 visible: blocks 0–4.
    await scrollTo(300);
    records.push(...observer.takeRecords());
    observer.disconnect();
    expect(blocks()).toEqual(['0px', '256px', '512px', '768px', '1024px']);
    const after = [...timeline.querySelectorAll('svg.gantt-chunk')];
    expect(after.slice(0, 4)).toEqual(before);
    // Only nodes added to the timeline (one block) and to the table (one block of 8 rows).
    expect(records.every((r) => r.type === 'childList' && r.removedNodes.length === 0)).toBe(true);
    expect(records.filter((r) => r.target === timeline)).toHaveLength(1);
    const added = records.filter((r) => r.target === grid).flatMap((r) => [...r.addedNodes]);
    expect(added).toHaveLength(1);
    expect((added[0] as HTMLElement).querySelectorAll('[role="row"]')).toHaveLength(CHUNK_ROWS);
    expect(records.every((r) => r.target === timeline || r.target === grid)).toBe(true);
  });

  it("on a scroll step, the timeline's new block mounts a frame after the table's rows", async () => {
    const { scroller, timeline, grid } = renderGantt();
    // Frames counted as the page sees them; React renders as it schedules (not inside act()).
    let frame = 0;
    let counting = true;
    const count = () => {
      frame++;
      if (counting) requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
    const mounted: [string, number][] = [];
    const observer = new MutationObserver((records) => {
      for (const r of records)
        if (r.addedNodes.length > 0)
          mounted.push([r.target === grid ? 'table' : 'timeline', frame]);
    });
    for (const el of [timeline, grid]) observer.observe(el, { childList: true });
    const env = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
    env.IS_REACT_ACT_ENVIRONMENT = false;
    try {
      // Two steps of less than a fling's (128 px): rows 7 to 24 visible, block 3 comes in.
      scroller.scrollTop = 100;
      fireEvent.scroll(scroller);
      await nextFrame();
      scroller.scrollTop = 220;
      fireEvent.scroll(scroller);
      await waitFor(() => expect(mounted.map(([what]) => what)).toEqual(['table', 'timeline']), {
        timeout: 5000,
      });
    } finally {
      env.IS_REACT_ACT_ENVIRONMENT = true;
      counting = false;
      observer.disconnect();
    }
    expect(mounted[1]![1]).toBeGreaterThan(mounted[0]![1]);
  });

  it('a row is an element per cell with its text in it, in a block placed once', () => {
    const { grid } = renderGantt();
    const row = grid.querySelector<HTMLElement>('[aria-rowindex="4"]')!;
    // Rows are in flow inside their block: no row is positioned on its own.
    expect(row.getAttribute('style')).toBeNull();
    expect(row.parentElement!.classList.contains('gantt-rows')).toBe(true);
    expect(row.parentElement!.style.top).toBe('0px');
    const cells = [...row.children];
    expect(cells.map((c) => c.getAttribute('role'))).toEqual(Array(7).fill('gridcell'));
    // A task's name cell holds its name as text (then what a screen reader alone reads): no
    // wrapper, no toggle's placeholder.
    const task = plan.tasks[2]!;
    const name = cells[1]!;
    expect(name.firstChild!.nodeType).toBe(Node.TEXT_NODE);
    expect(name.firstChild!.textContent).toBe(task.name);
    expect([...name.children].every((c) => c.classList.contains('visually-hidden'))).toBe(true);
    expect(row.querySelectorAll('*')).toHaveLength(7 + name.children.length);
  });

  it('a scroll event reads no layout: the position is read once, in the next frame, before any write', async () => {
    const { scroller, grid, timeline, blocks } = renderGantt();
    const reads: string[] = [];
    const writes: number[] = [];
    let inEvent = false;
    scroller.addEventListener('scroll', () => (inEvent = true), { capture: true });
    scroller.addEventListener('scroll', () => (inEvent = false));
    let top = 0;
    Object.defineProperty(scroller, 'scrollTop', {
      configurable: true,
      get: () => (reads.push(inEvent ? 'event' : `frame after ${writes.length} writes`), top),
      set: (v: number) => (top = v),
    });
    const observer = new MutationObserver((r) => writes.push(r.length));
    for (const el of [timeline, grid]) observer.observe(el, { subtree: true, childList: true });
    await act(async () => {
      top = 300;
      fireEvent.scroll(scroller);
      expect(reads).toEqual([]);
      await nextFrame();
    });
    observer.disconnect();
    expect(reads).toEqual(['frame after 0 writes']);
    expect(blocks()).toEqual(['0px', '256px', '512px', '768px', '1024px']);
  });

  it('far down, the blocks and rows of the start are gone', async () => {
    const { grid, scrollTo, blocks } = renderGantt();
    await scrollTo(20_000);
    // Rows 625 to 642 visible: blocks 77 (one before) to 81 (one after).
    expect(blocks()).toEqual([77, 78, 79, 80, 81].map((k) => `${k * 256}px`));
    const rows = [...grid.querySelectorAll('[role="row"]')];
    expect(rows).toHaveLength(41);
    // The row of column headers is row 1; the tasks' rows follow it.
    expect(rows[0]!.getAttribute('aria-rowindex')).toBe('1');
    expect(rows[1]!.getAttribute('aria-rowindex')).toBe(String(77 * 8 + 2));
  });
});

describe('GanttView flinging (rows drawn light while scrolling fast)', () => {
  // Once no fling step came for 50 ms, one light block per frame is drawn whole (jsdom's frames
  // are slow on a loaded machine: waited for, up to 5 s).
  const settle = (timeline: HTMLElement) =>
    waitFor(() => expect(timeline.querySelectorAll('svg.gantt-chunk.is-light')).toHaveLength(0), {
      timeout: 5000,
    });

  it('a fling mounts its blocks light (bars and names, no arrows), drawn whole once it slows', async () => {
    const { timeline, grid, scrollTo, blocks } = renderGantt();
    expect(timeline.querySelectorAll('[data-link-id]').length).toBeGreaterThan(0);
    // 600 px in one step, then 600 more: a fling.
    await scrollTo(600);
    await scrollTo(1200);
    // Rows 37 to 55 visible: blocks 3 (shown at first, drawn whole) to 7.
    expect(blocks()).toEqual([3, 4, 5, 6, 7].map((k) => `${k * 256}px`));
    // The blocks that came into view during the fling are light: bars and labels, no arrows.
    const light = [...timeline.querySelectorAll<SVGElement>('svg.gantt-chunk.is-light')];
    expect(light.map((svg) => svg.style.top)).toEqual([4, 5, 6, 7].map((k) => `${k * 256}px`));
    expect(light.flatMap((svg) => [...svg.querySelectorAll('[data-link-id]')])).toHaveLength(0);
    expect(light[0]!.querySelectorAll('[data-task-id]')).toHaveLength(CHUNK_ROWS);
    expect(light[0]!.querySelector('text')?.textContent).not.toBe('');
    // So are their rows in the table: the number and the name, then one empty cell spanning
    // the other columns (a row always covers every column, light or whole, for a screen reader).
    const row = grid.querySelector<HTMLElement>('[aria-rowindex="42"]')!;
    const cells = [...row.querySelectorAll('[role="gridcell"]')];
    expect(cells.map((c) => c.textContent)).toEqual([
      plan.tasks[40]!.wbs,
      plan.tasks[40]!.name,
      '',
    ]);
    expect(cells.map((c) => Number(c.getAttribute('aria-colspan') ?? 1))).toEqual([1, 1, 5]);

    await settle(timeline);
    expect(timeline.querySelectorAll('svg.gantt-chunk.is-light')).toHaveLength(0);
    expect(timeline.querySelectorAll('[data-link-id]').length).toBeGreaterThan(0);
    const filled = grid.querySelector<HTMLElement>('[aria-rowindex="42"]')!;
    expect(filled.querySelectorAll('[role="gridcell"]')).toHaveLength(7);
  });

  it('scrolling slowly mounts whole blocks', async () => {
    const { timeline, scrollTo } = renderGantt();
    for (let top = 48; top <= 480; top += 48) await scrollTo(top);
    expect(timeline.querySelectorAll('svg.gantt-chunk.is-light')).toHaveLength(0);
    const last = [...timeline.querySelectorAll('svg.gantt-chunk')].at(-1)!;
    expect(last.querySelectorAll('[data-link-id]').length).toBeGreaterThan(0);
  });
});

describe('GanttView active descendant', () => {
  it('names a row in the page even when the selected row is scrolled far away', async () => {
    const { grid, scrollTo } = renderGantt();
    fireEvent.click(grid.querySelector('[aria-rowindex="4"]')!);
    const selected = grid.getAttribute('aria-activedescendant');
    expect(selected).toBe(`gantt-row-${plan.tasks[2]!.id}`);
    await scrollTo(20_000);
    expect(grid.getAttribute('aria-activedescendant')).toBe(selected);
    const row = grid.querySelector(`[id="${selected}"]`);
    expect(row).not.toBeNull();
    expect(grid.contains(row)).toBe(true);
    expect(row!.getAttribute('aria-selected')).toBe('true');
    // The window's rows are still all there, the selected one besides them (and the headers).
    expect(grid.querySelectorAll('[role="row"]')).toHaveLength(42);
    // Back at the top, it is the same element (an edit in progress there would go on).
    await scrollTo(0);
    expect(grid.querySelector(`[id="${selected}"]`)).toBe(row);
    expect(grid.querySelectorAll(`[id="${selected}"]`)).toHaveLength(1);
  });
});

describe('GanttView column headers', () => {
  it('the table names its columns for a screen reader: a first row of column headers', () => {
    const { grid } = renderGantt();
    const [head, first] = within(grid).getAllByRole('row');
    expect(head!.getAttribute('aria-rowindex')).toBe('1');
    const headers = within(head!).getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual([
      'N°',
      'Nom',
      'Durée',
      'Début',
      'Fin',
      '% achevé',
      'Marge totale',
    ]);
    // Each task's row has a cell under each header, from row 2.
    expect(first!.getAttribute('aria-rowindex')).toBe('2');
    expect(within(first!).getAllByRole('gridcell')).toHaveLength(headers.length);
    // The head on screen repeats them outside the table: hidden from assistive technologies.
    const shown = grid.closest('.gantt-scroller')!.querySelector('.gantt-table-head')!;
    expect(shown.getAttribute('aria-hidden')).toBe('true');
  });
});
