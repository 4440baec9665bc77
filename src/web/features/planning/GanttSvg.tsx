import { memo, type PointerEvent as ReactPointerEvent } from 'react';
import type { PlanLink, PlanTask } from '../../../contracts/planning.ts';
import { toEpochDay } from '../../../core/calendar/days.ts';
import { arrowHead, pathOf, routeLink, type Point } from './arrows.ts';
import type { GanttPalette } from './gantt-palette.ts';
import type { WorkingDayTest } from './plan-calendar.ts';
import { TICK_UNITS, tickLabel, ticksOf, xOf, type TimeScale } from './timeline-scale.ts';
import type { RowWindow } from './virtual-window.ts';

export const ROW_HEIGHT = 32;
export const HEADER_HEIGHT = 48;
const BAR_TOP = 8;
const BAR_HEIGHT = 14;

export type DragMode = 'move' | 'resize' | 'link';

/** A bar being dragged: its new left and right x (the others are drawn where they are). */
export interface BarPreview {
  taskId: string;
  x0: number;
  x1: number;
}

export interface BaselineDates {
  start: string | null;
  finish: string | null;
}

/** The horizontal extent of a task's bar (a milestone is a point at the start of its day). */
export function barExtent(scale: TimeScale, task: PlanTask): { x0: number; x1: number } {
  const x0 = xOf(scale, toEpochDay(task.schedule.start));
  if (task.kind === 'milestone') return { x0, x1: x0 };
  return { x0, x1: xOf(scale, toEpochDay(task.schedule.finish) + 1) };
}

interface GanttSvgProps {
  rows: readonly PlanTask[];
  window: RowWindow;
  scale: TimeScale;
  /** The visible horizontal range, in px: only the ticks and shading there are drawn. */
  xFrom: number;
  xTo: number;
  palette: GanttPalette;
  showCritical: boolean;
  showLabels: boolean;
  baselines: ReadonlyMap<string, BaselineDates> | null;
  links: readonly PlanLink[];
  rowOf: ReadonlyMap<string, number>;
  isWorking: WorkingDayTest;
  today: number;
  statusDate: string | null;
  selectedId: string | null;
  selectedLinkId?: string | null;
  preview?: BarPreview | null;
  linkDraft?: { x0: number; y0: number; x1: number; y1: number } | null;
  editable?: boolean;
  title: string;
  description: string;
  onBarPointerDown?: (task: PlanTask, mode: DragMode, event: ReactPointerEvent) => void;
  onLinkClick?: (link: PlanLink, event: React.MouseEvent) => void;
  onRowClick?: (task: PlanTask) => void;
}

/** The timeline of the Gantt: shading, grid, bars, baselines, arrows, today and status date. */
export function GanttSvg(props: GanttSvgProps) {
  const { rows, window, scale, palette: c, xFrom, xTo } = props;
  const height = rows.length * ROW_HEIGHT;
  const extent = (task: PlanTask) => {
    if (props.preview?.taskId === task.id) return props.preview;
    return barExtent(scale, task);
  };

  const bars: React.ReactNode[] = [];
  for (let i = window.first; i < window.last; i++) {
    const task = rows[i];
    if (!task) continue;
    const { x0, x1 } = extent(task);
    bars.push(
      <TaskBar
        key={task.id}
        task={task}
        row={i}
        x0={x0}
        x1={x1}
        scale={scale}
        palette={c}
        showCritical={props.showCritical}
        showLabels={props.showLabels}
        editable={props.editable === true && props.onBarPointerDown !== undefined}
        baseline={props.baselines?.get(task.id)}
        onBarPointerDown={props.onBarPointerDown}
        onRowClick={props.onRowClick}
      />,
    );
  }

  const arrow = arrowOf({
    rows,
    extent,
    palette: c,
    showCritical: props.showCritical,
    selectedLinkId: props.selectedLinkId ?? null,
    onLinkClick: props.onLinkClick,
  });
  const arrows: React.ReactNode[] = [];
  for (const link of props.links) {
    const a = props.rowOf.get(link.fromTaskId);
    const b = props.rowOf.get(link.toTaskId);
    if (a === undefined || b === undefined) continue;
    if (Math.max(a, b) < window.first || Math.min(a, b) >= window.last) continue;
    arrows.push(arrow(link, a, b));
  }

  const markers = dateLines(scale, props.today, props.statusDate, height, c);

  return (
    <svg
      width={scale.width}
      height={height}
      role="img"
      aria-labelledby="gantt-title gantt-desc"
      style={{ display: 'block', background: c.background }}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id="gantt-title">{props.title}</title>
      <desc id="gantt-desc">{props.description}</desc>
      <Backdrop
        scale={scale}
        xFrom={xFrom}
        xTo={xTo}
        height={height}
        palette={c}
        isWorking={props.isWorking}
      />
      {props.selectedId !== null && props.rowOf.has(props.selectedId) && (
        <rect
          x={xFrom}
          y={props.rowOf.get(props.selectedId)! * ROW_HEIGHT}
          width={xTo - xFrom}
          height={ROW_HEIGHT}
          fill={c.selection}
          opacity={0.7}
        />
      )}
      {markers}
      {arrows}
      {bars}
      {props.linkDraft && (
        <line
          x1={props.linkDraft.x0}
          y1={props.linkDraft.y0}
          x2={props.linkDraft.x1}
          y2={props.linkDraft.y1}
          stroke={c.arrow}
          strokeWidth={1.5}
          strokeDasharray="4 3"
        />
      )}
    </svg>
  );
}

interface LinkArrowProps {
  link: PlanLink;
  from: PlanTask;
  to: PlanTask;
  /** The rows of the predecessor and of the successor. */
  a: number;
  b: number;
  fromExtent: { x0: number; x1: number };
  toExtent: { x0: number; x1: number };
  palette: GanttPalette;
  showCritical: boolean;
  selected: boolean;
  /**
   * Only the line, where a block shows neither end of the arrow (it passes through): no head
   * (it is in another block) and the line itself takes the click, instead of a wider path.
   */
  passing?: boolean;
  onLinkClick: GanttSvgProps['onLinkClick'];
}

interface ArrowContext {
  rows: readonly PlanTask[];
  /** Where a task's bar is drawn (the dragged bar where it is being dragged). */
  extent: (task: PlanTask) => { x0: number; x1: number };
  palette: GanttPalette;
  showCritical: boolean;
  selectedLinkId: string | null;
  onLinkClick: GanttSvgProps['onLinkClick'];
}

/**
 * The arrow of `link` from row `a` to row `b`, drawn the same way in the exported SVG and in each
 * block of the on-screen timeline.
 */
export function arrowOf(ctx: ArrowContext) {
  return (link: PlanLink, a: number, b: number, passing = false) => {
    const from = ctx.rows[a]!;
    const to = ctx.rows[b]!;
    return (
      <LinkArrow
        key={link.id}
        link={link}
        from={from}
        to={to}
        a={a}
        b={b}
        fromExtent={ctx.extent(from)}
        toExtent={ctx.extent(to)}
        palette={ctx.palette}
        showCritical={ctx.showCritical}
        selected={ctx.selectedLinkId === link.id}
        passing={passing}
        onLinkClick={ctx.onLinkClick}
      />
    );
  };
}

/** The route of a link from row `a` to row `b` between the two bars (timeline coordinates). */
function linkPoints(
  link: PlanLink,
  a: number,
  b: number,
  fromExtent: { x0: number; x1: number },
  toExtent: { x0: number; x1: number },
): Point[] {
  return routeLink(
    link.type,
    { ...fromExtent, y: a * ROW_HEIGHT + ROW_HEIGHT / 2 },
    { ...toExtent, y: b * ROW_HEIGHT + ROW_HEIGHT / 2 },
    ROW_HEIGHT,
  );
}

/** The distance from point (x, y) to a polyline. */
function distanceTo(points: readonly Point[], x: number, y: number): number {
  let best = Infinity;
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1]!;
    const [bx, by] = points[i]!;
    const dx = bx - ax;
    const dy = by - ay;
    const length2 = dx * dx + dy * dy;
    const t =
      length2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / length2));
    best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
  }
  return best;
}

/** How far from a passing line a click still picks it (half the click target's width), px. */
const PICK_DISTANCE = 4.5;

/** One dependency arrow, routed between the two bars (absolute timeline coordinates). */
function LinkArrow({
  link,
  from,
  to,
  a,
  b,
  fromExtent,
  toExtent,
  palette: c,
  showCritical,
  selected,
  passing = false,
  onLinkClick,
}: LinkArrowProps) {
  const points = linkPoints(link, a, b, fromExtent, toExtent);
  const critical = showCritical && from.schedule.critical && to.schedule.critical;
  const color = critical ? c.criticalProgress : c.arrow;
  const d = pathOf(points);
  if (passing) {
    return (
      <g data-link-id={link.id}>
        <path
          d={d}
          fill="none"
          stroke={color}
          strokeWidth={selected ? 2.5 : 1.2}
          style={onLinkClick ? { cursor: 'pointer' } : undefined}
          onClick={onLinkClick && ((e) => onLinkClick(link, e))}
        />
      </g>
    );
  }
  return (
    <g data-link-id={link.id}>
      <path d={d} fill="none" stroke={color} strokeWidth={selected ? 2.5 : 1.2} />
      <path d={arrowHead(points)} fill={color} />
      {onLinkClick && (
        <path
          d={d}
          fill="none"
          stroke="transparent"
          strokeWidth={9}
          style={{ cursor: 'pointer' }}
          onClick={(e) => onLinkClick(link, e)}
        />
      )}
    </g>
  );
}

/** A dependency with the rows of its two tasks among the rows shown. */
export interface LinkRow {
  link: PlanLink;
  a: number;
  b: number;
}

/** The links whose two tasks are both shown (a collapsed summary hides its children's). */
export function linkRowsOf(
  links: readonly PlanLink[],
  rowOf: ReadonlyMap<string, number>,
): LinkRow[] {
  const out: LinkRow[] = [];
  for (const link of links) {
    const a = rowOf.get(link.fromTaskId);
    const b = rowOf.get(link.toTaskId);
    if (a !== undefined && b !== undefined) out.push({ link, a, b });
  }
  return out;
}

/**
 * Rows per block of the on-screen timeline (`GanttChunk`) and of the task table's window: a block
 * is mounted each time the view scrolls by its height (256 px), so each step's work is small.
 */
export const CHUNK_ROWS = 8;

interface GanttChunkProps {
  /** The block: rows `index × CHUNK_ROWS` to the next block, or the last row. */
  index: number;
  rows: readonly PlanTask[];
  linkRows: readonly LinkRow[];
  scale: TimeScale;
  palette: GanttPalette;
  showCritical: boolean;
  showLabels: boolean;
  baselines: ReadonlyMap<string, BaselineDates> | null;
  /** The selected row when it is in this block, else −1 (other blocks are not redrawn). */
  selectedRow: number;
  selectedLinkId: string | null;
  preview: BarPreview | null;
  editable: boolean;
  /**
   * Drawn light, while the view scrolls fast: each row's bar (without progress, baseline or
   * handles) and its label, no arrows. The view draws it whole once scrolling slows.
   */
  light?: boolean;
  onBarPointerDown?: GanttSvgProps['onBarPointerDown'];
  onLinkClick?: GanttSvgProps['onLinkClick'];
}

/**
 * One block of rows of the on-screen timeline: its bars and the parts of the arrows that cross
 * it, in its own small SVG placed at its rows (an arrow spanning several blocks is drawn in each,
 * clipped to it, so the pieces join). Scrolling mounts the blocks that come into view and
 * unmounts those that leave; a block already shown is not redrawn (memoised on its data).
 */
export const GanttChunk = memo(function GanttChunk(props: GanttChunkProps) {
  const { index, rows, scale, palette: c, preview } = props;
  const first = index * CHUNK_ROWS;
  const last = Math.min(rows.length, first + CHUNK_ROWS);
  const top = first * ROW_HEIGHT;
  const extent = (task: PlanTask) =>
    preview?.taskId === task.id ? preview : barExtent(scale, task);
  const light = props.light === true;
  const editable = !light && props.editable && props.onBarPointerDown !== undefined;

  const bars: React.ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const task = rows[i]!;
    const { x0, x1 } = extent(task);
    bars.push(
      <TaskBar
        key={task.id}
        task={task}
        row={i}
        x0={x0}
        x1={x1}
        scale={scale}
        palette={c}
        showCritical={props.showCritical}
        showLabels={props.showLabels}
        editable={editable}
        light={light}
        baseline={light ? undefined : props.baselines?.get(task.id)}
        onBarPointerDown={props.onBarPointerDown}
        onRowClick={undefined}
      />,
    );
  }
  // An arrow may run along the boundary just below or above its rows: one row of margin.
  const arrow = arrowOf({
    rows,
    extent,
    palette: c,
    showCritical: props.showCritical,
    selectedLinkId: props.selectedLinkId,
    onLinkClick: props.onLinkClick,
  });
  const arrows: React.ReactNode[] = [];
  // Most arrows of a long plan only pass through a block (neither end near it): their lines are
  // drawn as one path per colour, and a click on it picks the nearest of them by position.
  const passing: { link: PlanLink; points: Point[]; critical: boolean }[] = [];
  if (!light)
    for (const { link, a, b } of props.linkRows) {
      if (Math.max(a, b) + 1 < first || Math.min(a, b) - 1 >= last) continue;
      const near = (row: number) => row + 1 >= first && row - 1 < last;
      if (near(a) || near(b) || link.id === props.selectedLinkId) {
        arrows.push(arrow(link, a, b, !near(a) && !near(b)));
        continue;
      }
      const from = rows[a]!;
      const to = rows[b]!;
      passing.push({
        link,
        points: linkPoints(link, a, b, extent(from), extent(to)),
        critical: props.showCritical && from.schedule.critical && to.schedule.critical,
      });
    }
  const onLinkClick = props.onLinkClick;
  const pick =
    onLinkClick &&
    ((e: React.MouseEvent<SVGPathElement>) => {
      const box = e.currentTarget.ownerSVGElement?.getBoundingClientRect();
      const x = e.clientX - (box?.left ?? 0);
      const y = e.clientY - (box?.top ?? 0) + top;
      let best: PlanLink | null = null;
      let bestDistance = PICK_DISTANCE;
      for (const p of passing) {
        const d = distanceTo(p.points, x, y);
        if (d <= bestDistance) {
          best = p.link;
          bestDistance = d;
        }
      }
      if (best) onLinkClick(best, e);
    });
  const passingPath = (critical: boolean) =>
    passing
      .filter((p) => p.critical === critical)
      .map((p) => pathOf(p.points))
      .join(' ');
  return (
    <svg
      className={light ? 'gantt-chunk is-light' : 'gantt-chunk'}
      width={scale.width}
      height={(last - first) * ROW_HEIGHT}
      style={{ top }}
      aria-hidden
      xmlns="http://www.w3.org/2000/svg"
    >
      <g transform={`translate(0 ${-top})`}>
        {props.selectedRow >= first && props.selectedRow < last && (
          <rect
            x={0}
            y={props.selectedRow * ROW_HEIGHT}
            width={scale.width}
            height={ROW_HEIGHT}
            fill={c.selection}
            opacity={0.7}
          />
        )}
        {passing.length > 0 && (
          <g data-links={passing.map((p) => p.link.id).join(' ')}>
            {[false, true].map((critical) => {
              const d = passingPath(critical);
              return d === '' ? null : (
                <path
                  key={String(critical)}
                  d={d}
                  fill="none"
                  stroke={critical ? c.criticalProgress : c.arrow}
                  strokeWidth={1.2}
                />
              );
            })}
            {pick && (
              <path
                d={`${passingPath(false)} ${passingPath(true)}`.trim()}
                fill="none"
                stroke="transparent"
                strokeWidth={PICK_DISTANCE * 2}
                style={{ cursor: 'pointer' }}
                onClick={pick}
              />
            )}
          </g>
        )}
        {arrows}
        {bars}
      </g>
    </svg>
  );
});

interface GanttBackdropProps {
  scale: TimeScale;
  xFrom: number;
  xTo: number;
  /** The height drawn: the scroller's (it stays in place while the rows scroll). */
  height: number;
  palette: GanttPalette;
  isWorking: WorkingDayTest;
  today: number;
  statusDate: string | null;
  title: string;
  description: string;
}

/**
 * What does not depend on the rows, on screen: non-working days, grid lines, the today and
 * status-date lines, as high as the scroller and kept in place (CSS sticky) while the rows
 * scroll over it, so vertical scrolling redraws none of it.
 */
export const GanttBackdrop = memo(function GanttBackdrop(props: GanttBackdropProps) {
  const { scale, height, palette: c } = props;
  return (
    <div className="gantt-backdrop" style={{ height }}>
      <svg
        width={scale.width}
        height={height}
        role="img"
        aria-labelledby="gantt-title gantt-desc"
        style={{ display: 'block', background: c.background }}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id="gantt-title">{props.title}</title>
        <desc id="gantt-desc">{props.description}</desc>
        <Backdrop
          scale={scale}
          xFrom={props.xFrom}
          xTo={props.xTo}
          height={height}
          palette={c}
          isWorking={props.isWorking}
        />
        {dateLines(scale, props.today, props.statusDate, height, c)}
      </svg>
    </div>
  );
});

/** The today line and the status-date line (dashed). */
function dateLines(
  scale: TimeScale,
  today: number,
  statusDate: string | null,
  height: number,
  c: GanttPalette,
): React.ReactNode[] {
  const markers: React.ReactNode[] = [];
  if (today >= scale.origin && today < scale.end) {
    const x = xOf(scale, today);
    markers.push(
      <line key="today" x1={x} x2={x} y1={0} y2={height} stroke={c.today} strokeWidth={1.5} />,
    );
  }
  if (statusDate) {
    const x = xOf(scale, toEpochDay(statusDate) + 1);
    markers.push(
      <line
        key="status"
        x1={x}
        x2={x}
        y1={0}
        y2={height}
        stroke={c.statusDate}
        strokeWidth={1.5}
        strokeDasharray="6 4"
      />,
    );
  }
  return markers;
}

/**
 * The non-working days and the grid lines of the visible horizontal range, over the whole
 * height: they do not depend on the rows shown, so scrolling down re-renders none of them
 * (only the bars and arrows of the rows that come into view).
 */
const Backdrop = memo(function Backdrop({
  scale,
  xFrom,
  xTo,
  height,
  palette: c,
  isWorking,
}: {
  scale: TimeScale;
  xFrom: number;
  xTo: number;
  height: number;
  palette: GanttPalette;
  isWorking: WorkingDayTest;
}) {
  const dayFrom = scale.origin + Math.floor(xFrom / scale.dayWidth);
  const dayTo = scale.origin + Math.ceil(xTo / scale.dayWidth) + 1;
  const shading: React.ReactNode[] = [];
  if (scale.zoom === 'day' || scale.zoom === 'week') {
    for (let d = Math.max(dayFrom, scale.origin); d < Math.min(dayTo, scale.end); d++) {
      if (!isWorking(d)) {
        shading.push(
          <rect
            key={d}
            x={xOf(scale, d)}
            y={0}
            width={scale.dayWidth}
            height={height}
            fill={c.nonWorking}
          />,
        );
      }
    }
  }
  const gridUnit = TICK_UNITS[scale.zoom].minor;
  return (
    <>
      {shading}
      {ticksOf(scale, gridUnit, dayFrom, dayTo).map((tick) => (
        <line key={tick.day} x1={tick.x} x2={tick.x} y1={0} y2={height} stroke={c.grid} />
      ))}
    </>
  );
});

interface TaskBarProps {
  task: PlanTask;
  row: number;
  x0: number;
  x1: number;
  scale: TimeScale;
  palette: GanttPalette;
  showCritical: boolean;
  showLabels: boolean;
  editable: boolean;
  /** The bar and its label only (no progress): while scrolling fast. */
  light?: boolean;
  baseline: BaselineDates | undefined;
  onBarPointerDown: GanttSvgProps['onBarPointerDown'];
  onRowClick: GanttSvgProps['onRowClick'];
}

/** One row's bar, redrawn only when its task, position or display options change. */
const TaskBar = memo(function TaskBar(props: TaskBarProps) {
  const { task, row, palette: c, showCritical, editable, baseline } = props;
  const extent = { x0: props.x0, x1: props.x1 };
  const y = row * ROW_HEIGHT;
  const critical = showCritical && task.schedule.critical;
  const down = (mode: DragMode) =>
    editable ? (e: ReactPointerEvent) => props.onBarPointerDown?.(task, mode, e) : undefined;
  let baselineBar: React.ReactNode = null;
  if (baseline?.start && baseline.finish) {
    const bx0 = xOf(props.scale, toEpochDay(baseline.start));
    const bx1 = task.kind === 'milestone' ? bx0 : xOf(props.scale, toEpochDay(baseline.finish) + 1);
    baselineBar =
      task.kind === 'milestone' ? (
        <path
          d={`M${bx0} ${y + 20} l5 5 l-5 5 l-5 -5 Z`}
          fill={c.baseline}
          data-baseline={task.id}
        />
      ) : (
        <rect
          x={bx0}
          y={y + BAR_TOP + BAR_HEIGHT + 2}
          width={Math.max(2, bx1 - bx0)}
          height={5}
          fill={c.baseline}
          rx={1}
          data-baseline={task.id}
        />
      );
  }
  const label = props.showLabels ? (
    <text
      x={
        extent.x1 +
        (task.kind === 'milestone' ? 10 : 6) +
        (editable && task.kind !== 'summary' ? 10 : 0)
      }
      y={y + BAR_TOP + BAR_HEIGHT - 3}
      fontSize={11}
      fill={c.text}
      style={{ pointerEvents: 'none' }}
    >
      {task.name}
    </text>
  ) : null;

  if (task.kind === 'summary') {
    const { x0, x1 } = extent;
    const yb = y + BAR_TOP + 2;
    return (
      <g onClick={() => props.onRowClick?.(task)}>
        {baselineBar}
        <path
          d={`M${x0} ${yb} H${x1} V${yb + 10} L${x1 - 5} ${yb + 5} H${x0 + 5} L${x0} ${yb + 10} Z`}
          fill={critical ? c.criticalProgress : c.summary}
          data-task-id={task.id}
        />
        {label}
      </g>
    );
  }
  if (task.kind === 'milestone') {
    const x = extent.x0;
    const cy = y + BAR_TOP + BAR_HEIGHT / 2;
    return (
      <g onClick={() => props.onRowClick?.(task)}>
        {baselineBar}
        <path
          d={`M${x} ${cy - 8} L${x + 8} ${cy} L${x} ${cy + 8} L${x - 8} ${cy} Z`}
          fill={critical ? c.criticalProgress : c.milestone}
          stroke={c.background}
          data-task-id={task.id}
          onPointerDown={down('move')}
          style={editable ? { cursor: 'grab' } : undefined}
        />
        {editable && (
          <circle
            cx={x + 13}
            cy={cy}
            r={4}
            fill={c.background}
            stroke={c.arrow}
            onPointerDown={down('link')}
            style={{ cursor: 'crosshair' }}
          />
        )}
        {label}
      </g>
    );
  }
  const { x0, x1 } = extent;
  const w = Math.max(2, x1 - x0);
  const yb = y + BAR_TOP;
  return (
    <g onClick={() => props.onRowClick?.(task)}>
      {baselineBar}
      <rect
        x={x0}
        y={yb}
        width={w}
        height={BAR_HEIGHT}
        rx={3}
        fill={critical ? c.critical : c.bar}
        data-task-id={task.id}
        onPointerDown={down('move')}
        style={editable ? { cursor: 'grab' } : undefined}
      />
      {task.percentComplete > 0 && !props.light && (
        <rect
          x={x0}
          y={yb + 4}
          width={(w * task.percentComplete) / 100}
          height={BAR_HEIGHT - 8}
          fill={critical ? c.criticalProgress : c.barProgress}
          style={{ pointerEvents: 'none' }}
        />
      )}
      {editable && (
        <>
          <rect
            x={x1 - 4}
            y={yb}
            width={6}
            height={BAR_HEIGHT}
            fill="transparent"
            onPointerDown={down('resize')}
            style={{ cursor: 'ew-resize' }}
          />
          <circle
            cx={x1 + 8}
            cy={yb + BAR_HEIGHT / 2}
            r={4}
            fill={c.background}
            stroke={c.arrow}
            onPointerDown={down('link')}
            style={{ cursor: 'crosshair' }}
          />
        </>
      )}
      {label}
    </g>
  );
});

interface GanttHeaderProps {
  scale: TimeScale;
  xFrom: number;
  xTo: number;
  palette: GanttPalette;
  locale: string;
  weekLabel: (week: number) => string;
  quarterLabel: (quarter: number) => string;
  isWorking: WorkingDayTest;
}

/** The two header rows of the timeline (e.g. months over Monday weeks "S48"). */
export function GanttHeader({ scale, xFrom, xTo, palette: c, ...labels }: GanttHeaderProps) {
  const dayFrom = scale.origin + Math.floor(xFrom / scale.dayWidth);
  const dayTo = scale.origin + Math.ceil(xTo / scale.dayWidth) + 1;
  const units = TICK_UNITS[scale.zoom];
  const half = HEADER_HEIGHT / 2;
  const row = (unit: typeof units.major, y: number, wide: boolean) =>
    ticksOf(scale, unit, dayFrom, dayTo).map((tick) => {
      const text = tickLabel(tick, labels.locale, labels.weekLabel, labels.quarterLabel, wide);
      const centered = !wide;
      const off = unit === 'day' && !labels.isWorking(tick.day);
      return (
        <g key={`${unit}-${tick.day}`}>
          {off && <rect x={tick.x} y={y} width={tick.width} height={half} fill={c.nonWorking} />}
          <line x1={tick.x} x2={tick.x} y1={y} y2={y + half} stroke={c.grid} />
          <text
            x={centered ? tick.x + tick.width / 2 : tick.x + 6}
            y={y + half / 2 + 4}
            fontSize={11}
            textAnchor={centered ? 'middle' : 'start'}
            fill={c.headerText}
          >
            {(wide ? tick.width > text.length * 6.5 : tick.width > 14) ? text : ''}
          </text>
        </g>
      );
    });
  return (
    <svg width={scale.width} height={HEADER_HEIGHT} aria-hidden style={{ display: 'block' }}>
      <rect width={scale.width} height={HEADER_HEIGHT} fill={c.headerBackground} />
      {row(units.major, 0, true)}
      <line x1={0} x2={scale.width} y1={half} y2={half} stroke={c.grid} />
      {row(units.minor, half, false)}
      <line
        x1={0}
        x2={scale.width}
        y1={HEADER_HEIGHT - 0.5}
        y2={HEADER_HEIGHT - 0.5}
        stroke={c.grid}
      />
    </svg>
  );
}
