import {
  ActionIcon,
  Button,
  Group,
  Kbd,
  Modal,
  Popover,
  Stack,
  Switch,
  Table,
  Text,
  Tooltip,
  useComputedColorScheme,
} from '@mantine/core';
import {
  IconArrowBarToLeft,
  IconArrowBarToRight,
  IconArrowDown,
  IconArrowUp,
  IconColumns,
  IconCopy,
  IconKeyboard,
  IconLink,
  IconPhoto,
  IconPlus,
  IconPrinter,
  IconTrash,
} from '@tabler/icons-react';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  memo,
  type KeyboardEvent,
  type PointerEvent as ReactPointerEvent,
  type ReactNode,
} from 'react';
import type { TFunction } from 'i18next';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Plan, PlanLink, PlanTask } from '../../../contracts/planning.ts';
import { fromEpochDay, toEpochDay } from '../../../core/calendar/days.ts';
import { parseDayMonthYear } from '../../components/DateField.tsx';
import { formatDay as formatDate } from './planning-format.ts';
import { currentLocale } from '../../i18n.ts';
import { exportGanttPng } from './gantt-export.tsx';
import { DARK_PALETTE, LIGHT_PALETTE, type GanttPalette } from './gantt-palette.ts';
import {
  CHUNK_ROWS,
  GanttBackdrop,
  GanttChunk,
  GanttHeader,
  HEADER_HEIGHT,
  ROW_HEIGHT,
  barExtent,
  linkRowsOf,
  type LinkRow,
  type BarPreview,
  type BaselineDates,
  type DragMode,
} from './GanttSvg.tsx';
import { LinkEditor, LinksDialog } from './LinkEditor.tsx';
import {
  indentMove,
  moveDownMove,
  moveUpMove,
  outdentMove,
  visibleTasks,
  type OutlineMove,
} from './outline.ts';
import { shiftWorkingDays, workingDayTest, workingDaysBetween } from './plan-calendar.ts';
import { usePlanMutations } from './planning-api.ts';
import {
  ZOOMS,
  createScale,
  dayAt,
  todayEpochDay,
  xOf,
  type TimeScale,
  type Zoom,
} from './timeline-scale.ts';
import { chunkedRows, scrollToRow, type RowWindow } from './virtual-window.ts';
import './gantt.css';

/** The timeline's header, redrawn only when the zoom or the horizontal range changes. */
const TimelineHeader = memo(GanttHeader);

type Field = 'name' | 'duration' | 'start' | 'finish' | 'percent';
const FIELDS: Field[] = ['name', 'duration', 'start', 'finish', 'percent'];

const COLUMNS = [
  { key: 'wbs', width: 52 },
  { key: 'name', width: 200 },
  { key: 'duration', width: 66 },
  { key: 'start', width: 82 },
  { key: 'finish', width: 82 },
  { key: 'percent', width: 70 },
  { key: 'float', width: 62 },
] as const;
const TABLE_WIDTH = COLUMNS.reduce((sum, c) => sum + c.width, 0);
/** Compact table: number, name and duration only (the dates stay in the timeline). */
const DETAIL_COLUMNS = new Set(['start', 'finish', 'percent', 'float']);
const COMPACT_WIDTH = COLUMNS.filter((c) => !DETAIL_COLUMNS.has(c.key)).reduce(
  (sum, c) => sum + c.width,
  0,
);
const X_CHUNK = 512;
/** The columns shown in the compact table. */
const COMPACT_COLUMNS = COLUMNS.filter((c) => !DETAIL_COLUMNS.has(c.key)).length;
/**
 * Scrolling this far from one scroll event to the next (about a frame) is a fling: the blocks of
 * the timeline that come into view are drawn light (bars and labels, no arrows or decorations),
 * and drawn whole once scrolling slows, a few per frame, nearest the middle of the view first.
 */
const FAST_SCROLL_PX = (CHUNK_ROWS * ROW_HEIGHT) / 2;
/** Scrolling has slowed when no fling step came for this long (ms): light blocks are filled in. */
const SETTLE_MS = 50;
/** Light blocks drawn whole per frame once scrolling has slowed (the two on screen: two frames). */
const FILL_PER_FRAME = 1;
const NO_CHUNKS: ReadonlySet<number> = new Set();
/** The room of a row's expand/collapse toggle before its name (px, with its gap). */
const TOGGLE_ROOM = 18;

/** The blocks of rows (`CHUNK_ROWS` each) a window of rows covers. */
function chunksOf(window: RowWindow): number[] {
  const out: number[] = [];
  for (let k = Math.floor(window.first / CHUNK_ROWS); k * CHUNK_ROWS < window.last; k++) {
    out.push(k);
  }
  return out;
}
/** The printable width of an A3 landscape page with 10 mm margins (gantt.css), in CSS pixels. */
const PRINT_WIDTH = 1500;

function editableFields(task: PlanTask): Field[] {
  if (task.kind === 'summary') return ['name'];
  if (task.kind === 'milestone') return ['name', 'duration', 'start', 'percent'];
  return FIELDS;
}

interface GanttViewProps {
  plan: Plan;
  projectId: string;
  projectName: string;
  baselines: ReadonlyMap<string, BaselineDates> | null;
  /** Extra toolbar controls (the baseline picker). */
  toolbarExtra?: ReactNode;
  /** A task just created outside the Gantt (the empty state): selected, its name in edition. */
  editFirst?: string | null;
}

/** The Gantt: the task table (the accessible representation) and the SVG timeline, side by side. */
export function GanttView({
  plan,
  projectId,
  projectName,
  baselines,
  toolbarExtra,
  editFirst = null,
}: GanttViewProps) {
  const { t } = useTranslation();
  const scheme = useComputedColorScheme('light');
  const palette = scheme === 'dark' ? DARK_PALETTE : LIGHT_PALETTE;
  const locale = currentLocale() === 'fr' ? 'fr-FR' : 'en-GB';
  const canEdit = plan.can.edit;

  const [zoom, setZoom] = useState<Zoom>('week');
  const [showCritical, setShowCritical] = useState(true);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [selectedId, setSelectedId] = useState<string | null>(editFirst);
  const [editing, setEditing] = useState<{ id: string; field: Field } | null>(
    editFirst ? { id: editFirst, field: 'name' } : null,
  );
  const [confirmDelete, setConfirmDelete] = useState<PlanTask | null>(null);
  const [linksFor, setLinksFor] = useState<PlanTask | null>(null);
  const [linkPopover, setLinkPopover] = useState<{ link: PlanLink; x: number; y: number } | null>(
    null,
  );
  const [preview, setPreview] = useState<BarPreview | null>(null);
  const [linkDraft, setLinkDraft] = useState<{
    x0: number;
    y0: number;
    x1: number;
    y1: number;
  } | null>(null);
  const [printing, setPrinting] = useState(false);
  const [compact, setCompact] = useState(false);
  // The rows shown and the blocks drawn light, set while scrolling: read by the table's and the
  // timeline's blocks, which render on their own (the view around them does not, on a scroll step).
  const [tableShown] = useState(() => new ShownRows());
  const [timelineShown] = useState(() => new ShownRows());
  const [xRange, setXRange] = useState({ from: 0, to: 2048 });
  /** The scroller's inner size (a ResizeObserver keeps it): scrolling reads no layout. */
  const [viewport, setViewport] = useState({ width: 1200, height: 600 });
  const scrolling = useRef<{
    top: number;
    frame: number;
    timer?: ReturnType<typeof setTimeout>;
    /** The frame that reads the scroll position after scroll events (0: none pending). */
    update: number;
    /** The frame that hands the new window to the timeline's blocks (0: none pending). */
    timeline: number;
  }>({
    top: 0,
    frame: 0,
    update: 0,
    timeline: 0,
  });

  const scrollerRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const focusAfterRender = useRef(false);

  const mutations = usePlanMutations(projectId, (ids) => {
    const id = ids[0];
    if (id) {
      setSelectedId(id);
      setEditing({ id, field: 'name' });
    }
  });

  const rows = useMemo(() => visibleTasks(plan.tasks, collapsed), [plan.tasks, collapsed]);
  const rowOf = useMemo(() => new Map(rows.map((task, i) => [task.id, i])), [rows]);
  const byId = useMemo(() => new Map(plan.tasks.map((task) => [task.id, task])), [plan.tasks]);
  const hasChildren = useMemo(
    () => new Set(plan.tasks.map((task) => task.parentId).filter((id) => id !== null)),
    [plan.tasks],
  );
  const isWorking = useMemo(() => workingDayTest(plan), [plan]);
  const today = todayEpochDay();
  const scale = useMemo(() => {
    const start = plan.projectStart ? toEpochDay(plan.projectStart) : today;
    const finish = plan.projectFinish ? toEpochDay(plan.projectFinish) : today + 30;
    const from = Math.min(start, today);
    const to = Math.max(finish, start + 30);
    if (!printing) return createScale(zoom, from, to);
    // On paper the whole project shows on the page width: the finest zoom that fits (the
    // remainder is scaled down), never finer than the one on screen.
    const order: Zoom[] = ['day', 'week', 'month', 'quarter'];
    const room = PRINT_WIDTH - (compact ? COMPACT_WIDTH : TABLE_WIDTH);
    for (const z of order.slice(order.indexOf(zoom))) {
      const candidate = createScale(z, from, to);
      if (candidate.width <= room || z === 'quarter') return candidate;
    }
    return createScale(zoom, from, to);
  }, [zoom, plan.projectStart, plan.projectFinish, today, printing, compact]);

  const selected = selectedId ? (byId.get(selectedId) ?? null) : null;
  const selectedIndex = selectedId ? (rowOf.get(selectedId) ?? -1) : -1;

  // The window of rows and the horizontal range move by whole blocks: most scroll events change
  // neither, and then nothing renders.
  const windowOf = useCallback(
    (top: number, scrollLeft: number, size: { width: number; height: number }) => {
      const next = chunkedRows(
        top,
        size.height - HEADER_HEIGHT,
        ROW_HEIGHT,
        rows.length,
        CHUNK_ROWS,
      );
      const left = Math.max(0, scrollLeft);
      const from = Math.max(0, Math.floor(left / X_CHUNK) * X_CHUNK - X_CHUNK);
      const to = Math.ceil((left + size.width) / X_CHUNK) * X_CHUNK + X_CHUNK;
      return { next, from, to };
    },
    [rows.length],
  );
  const current = useRef({ xRange, viewport });
  current.current = { xRange, viewport };

  // Once no fling step has come for SETTLE_MS, the light blocks are drawn whole, FILL_PER_FRAME
  // per frame, nearest the middle of the view first. Called on each fling step (no frame loop
  // runs while flinging).
  const fillLightLater = useCallback(() => {
    const s = scrolling.current;
    cancelAnimationFrame(s.frame);
    s.frame = 0;
    clearTimeout(s.timer);
    const tick = () => {
      s.frame = 0;
      const shown = tableShown.value;
      if (shown.light.size === 0) return;
      // A scroll step waits in this frame: still scrolling, and its callback reads the layout
      // (which a fill here would leave dirty). Try again next frame.
      if (s.update !== 0) {
        s.frame = requestAnimationFrame(tick);
        return;
      }
      const middle = (s.top + current.current.viewport.height / 2) / (CHUNK_ROWS * ROW_HEIGHT);
      // Rendered in this frame, before its style and layout (not in a task after it, which would
      // leave the layout dirty for the next frame's first read of the scroll position).
      const order = [...shown.light].sort(
        (a, b) => Math.abs(a + 0.5 - middle) - Math.abs(b + 0.5 - middle),
      );
      const light = new Set(order.slice(FILL_PER_FRAME));
      const next = { win: shown.win, light: light.size === 0 ? NO_CHUNKS : light };
      flushSync(() => {
        tableShown.set(next);
        timelineShown.set(next);
      });
      s.frame = requestAnimationFrame(tick);
    };
    s.timer = setTimeout(() => {
      s.timer = undefined;
      s.frame = requestAnimationFrame(tick);
    }, SETTLE_MS);
  }, [tableShown, timelineShown]);
  useEffect(
    () => () => {
      cancelAnimationFrame(scrolling.current.frame);
      cancelAnimationFrame(scrolling.current.update);
      cancelAnimationFrame(scrolling.current.timeline);
      clearTimeout(scrolling.current.timer);
    },
    [],
  );

  /**
   * Reads the scroll position (a layout read: never after a write in the same task). On a scroll
   * step (`step`), the timeline's blocks follow the table's a frame later.
   */
  const updateWindow = useCallback(
    (step?: boolean) => {
      const el = scrollerRef.current;
      if (!el) return;
      const s = scrolling.current;
      const top = el.scrollTop;
      // Without animation frames (a test page), nothing is drawn light: it could not be filled in.
      const fast =
        typeof requestAnimationFrame !== 'undefined' && Math.abs(top - s.top) >= FAST_SCROLL_PX;
      s.top = top;
      const { next, from, to } = windowOf(top, el.scrollLeft, current.current.viewport);
      const r = current.current.xRange;
      const { win: w, light: prev } = tableShown.value;
      if (w.first !== next.first || w.last !== next.last) {
        // Blocks coming into view during a fling are light; those leaving are forgotten.
        const shown = new Set(chunksOf(w));
        const light = new Set<number>();
        for (const k of chunksOf(next)) if (prev.has(k) || (fast && !shown.has(k))) light.add(k);
        const same = light.size === prev.size && [...light].every((k) => prev.has(k));
        const value = { win: next, light: same ? prev : light.size === 0 ? NO_CHUNKS : light };
        tableShown.set(value);
        // The timeline's new block mounts a frame after the table's rows, so that the two mounts
        // (each a React render, then style, layout and paint) do not fall in the same frame; the
        // window has a block to spare beyond each edge, more than a frame's scroll below a fling.
        // During a fling both come at once (the light blocks are cheap, and a frame late would
        // show an empty timeline).
        cancelAnimationFrame(s.timeline);
        s.timeline = 0;
        if (step !== true || fast) timelineShown.set(value);
        else
          s.timeline = requestAnimationFrame(() => {
            s.timeline = 0;
            timelineShown.set(tableShown.value);
          });
      }
      if (fast) fillLightLater();
      if (r.from !== from || r.to !== to) setXRange({ from, to });
    },
    [windowOf, fillLightLater, tableShown, timelineShown],
  );

  useLayoutEffect(updateWindow, [updateWindow, viewport]);

  // A scroll event reads nothing: React's render of the previous step has left the layout dirty,
  // and reading the scroll position here forced a synchronous style and layout in every scroll
  // event (a third of the main thread's time in a fling). The position is read in the next
  // frame's animation callback instead, and the new window renders as React schedules it (after
  // that frame). Rendering it at once there (flushSync) drew the rows a frame earlier but put a
  // whole block's mount into the scroll's frame: at 48 px/frame, 26 frames over 25 ms instead of
  // 7 (quiet, 5,000 tasks, 2026-11-27).
  const onScroll = useCallback(() => {
    const s = scrolling.current;
    if (typeof requestAnimationFrame === 'undefined') {
      updateWindow();
      return;
    }
    if (s.update !== 0) return;
    s.update = requestAnimationFrame(() => {
      s.update = 0;
      updateWindow(true);
    });
  }, [updateWindow]);

  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const measure = () =>
      setViewport((v) =>
        v.width === el.clientWidth && v.height === el.clientHeight
          ? v
          : { width: el.clientWidth, height: el.clientHeight },
      );
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Opening and zooming: show the start of the project (or the selected task) at the left.
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const anchor = selected ?? rows[0];
    const day = anchor ? toEpochDay(anchor.schedule.start) : today;
    el.scrollLeft = Math.max(0, xOf(scale, day) - 48);
    updateWindow();
    // Only when the scale changes: not on every selection.
  }, [scale]);

  useEffect(() => {
    if (!printing) return;
    const done = () => setPrinting(false);
    window.addEventListener('afterprint', done, { once: true });
    const frame = requestAnimationFrame(() => window.print());
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('afterprint', done);
    };
  }, [printing]);

  useEffect(() => {
    if (focusAfterRender.current && editing === null) {
      focusAfterRender.current = false;
      gridRef.current?.focus({ preventScroll: true });
    }
  });

  const select = (index: number) => {
    const task = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!task) return;
    setSelectedId(task.id);
    const el = scrollerRef.current;
    if (!el) return;
    const i = rowOf.get(task.id) ?? 0;
    const top = scrollToRow(i, el.scrollTop, el.clientHeight - HEADER_HEIGHT, ROW_HEIGHT);
    if (top !== null) el.scrollTop = top;
  };

  // ------------------------------------------------------------ writes

  const update = (
    task: PlanTask,
    body: Parameters<typeof mutations.updateTask.mutate>[0]['body'],
  ) => mutations.updateTask.mutate({ task, body });

  const move = (task: PlanTask, outline: OutlineMove | null) => {
    if (outline) mutations.moveTask.mutate({ task, move: outline });
  };

  const addTask = (after: PlanTask | null) =>
    mutations.createTask.mutate({
      name: t('planning.newTask'),
      duration: 1,
      parentId: after?.parentId ?? null,
      afterTaskId: after?.id ?? null,
    });

  const shiftTask = (task: PlanTask, days: number) => {
    if (task.kind === 'summary') return;
    const start = shiftWorkingDays(isWorking, toEpochDay(task.schedule.start), days);
    update(task, { constraint: { type: 'SNET', date: fromEpochDay(start) } });
  };

  const resizeTask = (task: PlanTask, days: number) => {
    if (task.kind === 'summary') return;
    update(task, { duration: Math.max(0, task.duration + days) });
  };

  const commitEdit = (task: PlanTask, field: Field, raw: string): boolean => {
    const text = raw.trim();
    switch (field) {
      case 'name':
        if (text === '') return false;
        if (text !== task.name) update(task, { name: text });
        return true;
      case 'duration': {
        const n = Number(text.replace(/\s*(j|d|jours?|days?)$/i, ''));
        if (!Number.isInteger(n) || n < 0 || n > 10000) return false;
        if (n !== task.duration) update(task, { duration: n });
        return true;
      }
      case 'percent': {
        const n = Number(text.replace(/\s*%$/, '').replace(',', '.'));
        if (!Number.isFinite(n) || n < 0 || n > 100) return false;
        if (n !== task.percentComplete) update(task, { percentComplete: n });
        return true;
      }
      case 'start':
      case 'finish': {
        const date = parseDayMonthYear(text);
        if (!date) return false;
        const current = field === 'start' ? task.schedule.start : task.schedule.finish;
        if (date !== current) {
          update(task, { constraint: { type: field === 'start' ? 'SNET' : 'FNET', date } });
        }
        return true;
      }
    }
  };

  // ------------------------------------------------------------ keyboard

  const onGridKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== gridRef.current) return;
    const page = Math.max(
      1,
      Math.floor((scrollerRef.current?.clientHeight ?? 320) / ROW_HEIGHT) - 2,
    );
    const task = selected;
    const handled = () => {
      e.preventDefault();
      e.stopPropagation();
    };
    const ctrl = e.ctrlKey || e.metaKey;
    if (!task) {
      if (['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp'].includes(e.key)) {
        handled();
        select(e.key === 'End' ? rows.length - 1 : 0);
      } else if (e.key === 'Insert' && canEdit) {
        handled();
        addTask(null);
      }
      return;
    }
    if (e.altKey && e.shiftKey && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
      if (!canEdit) return;
      handled();
      move(
        task,
        e.key === 'ArrowRight' ? indentMove(plan.tasks, task.id) : outdentMove(plan.tasks, task.id),
      );
      return;
    }
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      if (!canEdit) return;
      handled();
      move(
        task,
        e.key === 'ArrowUp' ? moveUpMove(plan.tasks, task.id) : moveDownMove(plan.tasks, task.id),
      );
      return;
    }
    if (ctrl && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) {
      if (!canEdit) return;
      handled();
      const step = e.key === 'ArrowRight' ? 1 : -1;
      if (e.shiftKey) resizeTask(task, step);
      else shiftTask(task, step);
      return;
    }
    if (ctrl && e.key.toLowerCase() === 'd') {
      if (!canEdit) return;
      handled();
      mutations.copyTask.mutate(task);
      return;
    }
    switch (e.key) {
      case 'ArrowDown':
        handled();
        select(selectedIndex + 1);
        break;
      case 'ArrowUp':
        handled();
        select(selectedIndex - 1);
        break;
      case 'PageDown':
        handled();
        select(selectedIndex + page);
        break;
      case 'PageUp':
        handled();
        select(selectedIndex - page);
        break;
      case 'Home':
        handled();
        select(0);
        break;
      case 'End':
        handled();
        select(rows.length - 1);
        break;
      case 'ArrowRight':
      case 'ArrowLeft':
        if (hasChildren.has(task.id)) {
          handled();
          toggle(task.id, e.key === 'ArrowLeft');
        }
        break;
      case 'Enter':
      case 'F2':
        if (!canEdit) return;
        handled();
        setEditing({ id: task.id, field: 'name' });
        break;
      case 'Insert':
        if (!canEdit) return;
        handled();
        addTask(task);
        break;
      case 'Delete':
        if (!canEdit) return;
        handled();
        setConfirmDelete(task);
        break;
      case 'Tab': {
        if (!canEdit || e.altKey || ctrl) return;
        const outline = e.shiftKey
          ? outdentMove(plan.tasks, task.id)
          : indentMove(plan.tasks, task.id);
        // Where the task cannot move, Tab leaves the table as usual (no keyboard trap).
        if (!outline) return;
        handled();
        move(task, outline);
        break;
      }
      case 'l':
      case 'L':
        handled();
        setLinksFor(task);
        break;
      case 'Escape':
        setSelectedId(null);
        break;
    }
  };

  const toggle = (id: string, collapse?: boolean) =>
    setCollapsed((set) => {
      const next = new Set(set);
      if (collapse ?? !next.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });

  // ------------------------------------------------------------ drag on the timeline

  const svgPoint = (e: { clientX: number; clientY: number }) => {
    const rect = bodyRef.current?.getBoundingClientRect();
    return { x: e.clientX - (rect?.left ?? 0), y: e.clientY - (rect?.top ?? 0) };
  };

  const onBarPointerDown = (task: PlanTask, mode: DragMode, e: ReactPointerEvent) => {
    if (!canEdit || e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    setSelectedId(task.id);
    const origin = barExtent(scale, task);
    const startX = e.clientX;
    const row = rowOf.get(task.id) ?? 0;
    const snap = (dx: number) => Math.round(dx / scale.dayWidth) * scale.dayWidth;
    const onMove = (ev: PointerEvent) => {
      const dx = ev.clientX - startX;
      if (mode === 'move')
        setPreview({ taskId: task.id, x0: origin.x0 + snap(dx), x1: origin.x1 + snap(dx) });
      else if (mode === 'resize') {
        setPreview({
          taskId: task.id,
          x0: origin.x0,
          x1: Math.max(origin.x0 + scale.dayWidth, origin.x1 + snap(dx)),
        });
      } else {
        const p = svgPoint(ev);
        setLinkDraft({
          x0: origin.x1 + 8,
          y0: row * ROW_HEIGHT + ROW_HEIGHT / 2,
          x1: p.x,
          y1: p.y,
        });
      }
    };
    const onUp = (ev: PointerEvent) => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      setPreview(null);
      setLinkDraft(null);
      const dx = ev.clientX - startX;
      const days = Math.round(dx / scale.dayWidth);
      if (mode === 'move' && days !== 0) {
        const start = shiftWorkingDays(isWorking, toEpochDay(task.schedule.start) + days, 0);
        update(task, { constraint: { type: 'SNET', date: fromEpochDay(start) } });
      } else if (mode === 'resize' && days !== 0) {
        const finish = dayAt(
          scale,
          Math.max(origin.x0 + scale.dayWidth, origin.x1 + days * scale.dayWidth) - 1,
        );
        const duration = Math.max(
          1,
          workingDaysBetween(isWorking, toEpochDay(task.schedule.start), finish),
        );
        if (duration !== task.duration) update(task, { duration });
      } else if (mode === 'link') {
        const p = svgPoint(ev);
        const target = rows[Math.floor(p.y / ROW_HEIGHT)];
        if (target && target.id !== task.id && target.kind !== 'summary') {
          mutations.createLink.mutate({
            fromTaskId: task.id,
            toTaskId: target.id,
            type: 'FS',
            lag: 0,
          });
        }
      }
    };
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
  };

  // Rows and bars are memoised: they get stable callbacks that read the latest state.
  const latest = useRef({ commitEdit, onBarPointerDown, canEdit });
  latest.current = { commitEdit, onBarPointerDown, canEdit };
  const rowActions = useMemo<RowActions>(
    () => ({
      select: (id) => setSelectedId(id),
      toggle: (id) => toggle(id),
      edit: (task, field) => {
        if (latest.current.canEdit && editableFields(task).includes(field)) {
          setEditing({ id: task.id, field });
        }
      },
      commit: (task, field, value, next) => {
        if (!latest.current.commitEdit(task, field, value)) return false;
        const fields = editableFields(task);
        const target = next === 0 ? undefined : fields[fields.indexOf(field) + next];
        if (target) setEditing({ id: task.id, field: target });
        else {
          setEditing(null);
          focusAfterRender.current = true;
        }
        return true;
      },
      cancel: () => {
        setEditing(null);
        focusAfterRender.current = true;
      },
    }),
    // toggle only uses the state setter.
    [],
  );
  const stableBarPointerDown = useCallback(
    (task: PlanTask, mode: DragMode, e: ReactPointerEvent) =>
      latest.current.onBarPointerDown(task, mode, e),
    [],
  );
  const onLinkClick = useCallback(
    (link: PlanLink, e: React.MouseEvent) => setLinkPopover({ link, x: e.clientX, y: e.clientY }),
    [],
  );
  const linkRows = useMemo(() => linkRowsOf(plan.links, rowOf), [plan.links, rowOf]);
  const text = useMemo(() => rowText(t), [t]);

  // ------------------------------------------------------------ render

  const xFrom = printing ? 0 : xRange.from;
  const xTo = printing ? scale.width : xRange.to;
  const critical = plan.criticalPath.length;
  const title = t('planning.gantt.title', { name: projectName });
  const description = t('planning.gantt.description', {
    count: plan.tasks.length,
    start: formatDate(plan.projectStart),
    finish: formatDate(plan.projectFinish),
    critical,
  });
  // Stable, so that the memoized header is not redrawn when only the rows shown change.
  const weekLabel = useCallback((n: number) => t('planning.weekShort', { n }), [t]);
  const quarterLabel = useCallback((n: number) => t('planning.quarterShort', { n }), [t]);

  const exportPng = () =>
    void exportGanttPng({
      rows,
      links: plan.links,
      scale,
      rowOf,
      isWorking,
      today,
      statusDate: plan.settings.statusDate,
      baselines,
      showCritical,
      title,
      description,
      locale,
      weekLabel,
      quarterLabel,
      window: tableShown.value.win,
      filename: `${projectName} - Gantt.png`,
    });

  // The toolbar does not depend on the scroll position: scrolling does not redraw it.
  const toolbar = useMemo(
    () => (
      <Group gap="xs" className="gantt-toolbar" wrap="wrap" mb="xs">
        {canEdit && (
          <Group gap={4} wrap="nowrap" role="group" aria-label={t('planning.toolbar.edit')}>
            <Button
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => addTask(selected)}
            >
              {t('planning.addTask')}
            </Button>
            <ToolButton
              label={t('planning.toolbar.outdent')}
              keys="Maj+Tab"
              disabled={!selected || !outdentMove(plan.tasks, selected.id)}
              onClick={() => selected && move(selected, outdentMove(plan.tasks, selected.id))}
            >
              <IconArrowBarToLeft size={16} />
            </ToolButton>
            <ToolButton
              label={t('planning.toolbar.indent')}
              keys="Tab"
              disabled={!selected || !indentMove(plan.tasks, selected.id)}
              onClick={() => selected && move(selected, indentMove(plan.tasks, selected.id))}
            >
              <IconArrowBarToRight size={16} />
            </ToolButton>
            <ToolButton
              label={t('planning.toolbar.moveUp')}
              keys="Alt+↑"
              disabled={!selected || !moveUpMove(plan.tasks, selected.id)}
              onClick={() => selected && move(selected, moveUpMove(plan.tasks, selected.id))}
            >
              <IconArrowUp size={16} />
            </ToolButton>
            <ToolButton
              label={t('planning.toolbar.moveDown')}
              keys="Alt+↓"
              disabled={!selected || !moveDownMove(plan.tasks, selected.id)}
              onClick={() => selected && move(selected, moveDownMove(plan.tasks, selected.id))}
            >
              <IconArrowDown size={16} />
            </ToolButton>
            <ToolButton
              label={t('planning.toolbar.copy')}
              keys="Ctrl+D"
              disabled={!selected}
              onClick={() => selected && mutations.copyTask.mutate(selected)}
            >
              <IconCopy size={16} />
            </ToolButton>
            <ToolButton
              label={t('planning.toolbar.links')}
              keys="L"
              disabled={!selected}
              onClick={() => selected && setLinksFor(selected)}
            >
              <IconLink size={16} />
            </ToolButton>
            <ToolButton
              label={t('planning.toolbar.delete')}
              keys="Suppr"
              disabled={!selected}
              color="red"
              onClick={() => selected && setConfirmDelete(selected)}
            >
              <IconTrash size={16} />
            </ToolButton>
          </Group>
        )}
        <ZoomControl value={zoom} onChange={setZoom} t={t} />
        <Switch
          size="sm"
          checked={showCritical}
          onChange={(e) => setShowCritical(e.currentTarget.checked)}
          label={t('planning.criticalPath')}
        />
        {toolbarExtra}
        <Group gap={4} ml="auto" wrap="nowrap">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPhoto size={14} aria-hidden />}
            onClick={exportPng}
          >
            {t('planning.exportPng')}
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPrinter size={14} aria-hidden />}
            onClick={() => setPrinting(true)}
          >
            {t('planning.print')}
          </Button>
          <Tooltip label={compact ? t('planning.columnsShow') : t('planning.columnsHide')}>
            <ActionIcon
              variant="default"
              size="md"
              aria-label={t('planning.columnsHide')}
              aria-pressed={compact}
              onClick={() => setCompact((c) => !c)}
            >
              <IconColumns size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <KeyboardHelp />
        </Group>
      </Group>
    ),
    // The handlers it calls read the latest state; these are what it shows.
    [canEdit, selected, plan.tasks, zoom, showCritical, toolbarExtra, compact, t],
  );

  const totalHeight = rows.length * ROW_HEIGHT;
  const tableWidth = compact ? COMPACT_WIDTH : TABLE_WIDTH;
  const printZoom = printing ? Math.min(1, PRINT_WIDTH / (tableWidth + scale.width)) : 1;
  const backdropHeight = printing
    ? printWindow(rows.length).last * ROW_HEIGHT
    : Math.min(totalHeight, Math.max(0, viewport.height - HEADER_HEIGHT));

  return (
    <div
      className={['gantt', printing && 'gantt-printing', compact && 'gantt-compact']
        .filter(Boolean)
        .join(' ')}
    >
      {toolbar}
      <div
        ref={scrollerRef}
        className="gantt-scroller"
        onScroll={onScroll}
        style={printing ? { zoom: printZoom } : undefined}
      >
        <div style={{ width: tableWidth + scale.width, position: 'relative' }}>
          <div className="gantt-head">
            {/* What the eye reads; a screen reader reads the same headers inside the table. */}
            <div className="gantt-table-head" aria-hidden style={{ width: tableWidth }}>
              {COLUMNS.map((c) => (
                <div
                  key={c.key}
                  className={`gantt-cell gantt-col-${c.key}`}
                  style={{ width: c.width }}
                >
                  {t(`planning.columns.${c.key}`)}
                </div>
              ))}
            </div>
            <TimelineHeader
              scale={scale}
              xFrom={xFrom}
              xTo={xTo}
              palette={palette}
              locale={locale}
              weekLabel={weekLabel}
              quarterLabel={quarterLabel}
              isWorking={isWorking}
            />
          </div>
          <div className="gantt-body" style={{ height: totalHeight }}>
            <div
              ref={gridRef}
              className="gantt-grid"
              role="treegrid"
              aria-label={t('planning.table.label', { name: projectName })}
              aria-rowcount={rows.length + 1}
              aria-multiselectable={false}
              aria-activedescendant={
                selectedId && rowOf.has(selectedId) ? `gantt-row-${selectedId}` : undefined
              }
              tabIndex={0}
              onKeyDown={onGridKeyDown}
              style={{ width: tableWidth, height: totalHeight }}
            >
              <ColumnHeaders t={t} />
              <TableBlocks
                shown={tableShown}
                rows={rows}
                printing={printing}
                selectedId={selectedId}
                selectedIndex={selectedIndex}
                showCritical={showCritical}
                hasChildren={hasChildren}
                collapsed={collapsed}
                editing={editing}
                compact={compact}
                actions={rowActions}
                text={text}
              />
            </div>
            <div
              ref={bodyRef}
              className="gantt-timeline"
              style={{ width: scale.width, height: totalHeight }}
              onClick={(e) => {
                // A click on a row of the timeline selects its task (not on an arrow: that
                // opens the link's editor).
                if ((e.target as Element).closest('[data-link-id], [data-links]')) return;
                const row = rows[Math.floor(svgPoint(e).y / ROW_HEIGHT)];
                if (row) setSelectedId(row.id);
              }}
            >
              <GanttBackdrop
                scale={scale}
                xFrom={xFrom}
                xTo={xTo}
                height={backdropHeight}
                palette={palette}
                isWorking={isWorking}
                today={today}
                statusDate={plan.settings.statusDate}
                title={title}
                description={description}
              />
              <TimelineBlocks
                shown={timelineShown}
                rows={rows}
                linkRows={linkRows}
                scale={scale}
                palette={palette}
                showCritical={showCritical}
                showLabels={zoom !== 'quarter'}
                baselines={baselines}
                selectedIndex={selectedIndex}
                selectedLinkId={linkPopover?.link.id ?? null}
                preview={preview}
                editable={canEdit}
                printing={printing}
                onBarPointerDown={stableBarPointerDown}
                onLinkClick={onLinkClick}
              />
              {linkDraft && (
                <svg
                  className="gantt-chunk"
                  width={scale.width}
                  height={totalHeight}
                  style={{ top: 0, pointerEvents: 'none' }}
                  aria-hidden
                >
                  <line
                    x1={linkDraft.x0}
                    y1={linkDraft.y0}
                    x2={linkDraft.x1}
                    y2={linkDraft.y1}
                    stroke={palette.arrow}
                    strokeWidth={1.5}
                    strokeDasharray="4 3"
                  />
                </svg>
              )}
            </div>
          </div>
        </div>
      </div>
      <Text size="xs" c="dimmed" mt={4} className="gantt-legend">
        {t('planning.legend', { count: plan.tasks.length, critical })}
      </Text>

      {linkPopover && (
        <Popover
          opened
          onChange={(o) => !o && setLinkPopover(null)}
          position="bottom"
          withArrow
          trapFocus
          shadow="md"
          closeOnEscape
        >
          <Popover.Target>
            <span
              style={{
                position: 'fixed',
                left: linkPopover.x,
                top: linkPopover.y,
                width: 1,
                height: 1,
              }}
            />
          </Popover.Target>
          <Popover.Dropdown>
            <LinkEditor
              link={linkPopover.link}
              tasks={byId}
              canEdit={canEdit}
              onSave={(body) =>
                mutations.updateLink.mutate(
                  { id: linkPopover.link.id, version: linkPopover.link.version, body },
                  { onSuccess: () => setLinkPopover(null) },
                )
              }
              onDelete={() =>
                mutations.deleteLink.mutate(
                  { id: linkPopover.link.id, version: linkPopover.link.version },
                  { onSuccess: () => setLinkPopover(null) },
                )
              }
            />
          </Popover.Dropdown>
        </Popover>
      )}

      {linksFor && (
        <LinksDialog
          task={byId.get(linksFor.id) ?? linksFor}
          plan={plan}
          tasks={byId}
          canEdit={canEdit}
          mutations={mutations}
          onClose={() => {
            setLinksFor(null);
            focusAfterRender.current = true;
          }}
        />
      )}

      <Modal
        opened={confirmDelete !== null}
        onClose={() => setConfirmDelete(null)}
        title={t('planning.deleteTitle')}
        centered
      >
        {confirmDelete && (
          <Stack>
            <Text size="sm">
              {hasChildren.has(confirmDelete.id)
                ? t('planning.deleteSummary', { name: confirmDelete.name })
                : t('planning.deleteTask', { name: confirmDelete.name })}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirmDelete(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                color="red"
                data-autofocus
                onClick={() => {
                  const index = rowOf.get(confirmDelete.id) ?? 0;
                  mutations.deleteTask.mutate(confirmDelete, {
                    onSuccess: () => {
                      const next = rows[index + 1] ?? rows[index - 1];
                      setSelectedId(next && next.id !== confirmDelete.id ? next.id : null);
                    },
                  });
                  setConfirmDelete(null);
                  focusAfterRender.current = true;
                }}
              >
                {t('common.delete')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </div>
  );
}

/**
 * The time scale: four toggle buttons (the pressed one is the scale shown). Not a Mantine
 * SegmentedControl: its sliding indicator measures the page (a forced layout of the whole
 * Gantt) when it mounts, on the first open of a 5,000-task plan.
 */
function ZoomControl({
  value,
  onChange,
  t,
}: {
  value: Zoom;
  onChange: (zoom: Zoom) => void;
  t: TFunction;
}) {
  return (
    <Button.Group aria-label={t('planning.zoom.label')} className="gantt-zoom">
      {ZOOMS.map((z) => (
        <Button
          key={z}
          size="xs"
          variant={z === value ? 'filled' : 'default'}
          aria-pressed={z === value}
          onClick={() => onChange(z)}
        >
          {t(`planning.zoom.${z}`)}
        </Button>
      ))}
    </Button.Group>
  );
}

function ToolButton({
  label,
  keys,
  children,
  ...rest
}: {
  label: string;
  keys: string;
  children: ReactNode;
  disabled?: boolean;
  color?: string;
  onClick: () => void;
}) {
  return (
    <Tooltip label={`${label} (${keys})`}>
      <ActionIcon variant="default" size="md" aria-label={label} aria-keyshortcuts={keys} {...rest}>
        {children}
      </ActionIcon>
    </Tooltip>
  );
}

function KeyboardHelp() {
  const { t } = useTranslation();
  const keys: [string, string][] = [
    ['↑ ↓', 'select'],
    ['Entrée / F2', 'edit'],
    ['Tab / Maj+Tab', 'indent'],
    ['Alt+↑ / Alt+↓', 'move'],
    ['Ctrl+← / Ctrl+→', 'shift'],
    ['Ctrl+Maj+← / →', 'resize'],
    ['Inser', 'add'],
    ['Suppr', 'delete'],
    ['Ctrl+D', 'copy'],
    ['L', 'links'],
    ['← →', 'collapse'],
  ];
  return (
    <Popover position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <ActionIcon variant="default" size="md" aria-label={t('planning.keys.title')}>
          <IconKeyboard size={16} aria-hidden />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Text fw={600} size="sm" mb={4}>
          {t('planning.keys.title')}
        </Text>
        <Table withRowBorders={false} verticalSpacing={2} fz="xs">
          <Table.Tbody>
            {keys.map(([k, what]) => (
              <Table.Tr key={what}>
                <Table.Td>
                  <Kbd size="xs">{k}</Kbd>
                </Table.Td>
                <Table.Td>{t(`planning.keys.${what}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Popover.Dropdown>
    </Popover>
  );
}

/**
 * The table's column headers, for assistive technologies: its first row (a screen reader names
 * each cell's column from them). Out of sight: the head on screen stays above the rows while they
 * scroll, outside the table's element, and is hidden from assistive technologies.
 */
const ColumnHeaders = memo(function ColumnHeaders({ t }: { t: TFunction }) {
  return (
    <div role="row" aria-rowindex={1} className="visually-hidden">
      {COLUMNS.map((c) => (
        <div key={c.key} role="columnheader" className={`gantt-col-${c.key}`}>
          {t(`planning.columns.${c.key}`)}
        </div>
      ))}
    </div>
  );
});

/** The rows printed: the first 2,000 (a larger plan prints in parts, from its outline). */
function printWindow(count: number): RowWindow {
  return { first: 0, last: Math.min(count, 2000) };
}

/** The rows shown and the blocks among them drawn light (mounted during a fling). */
interface Shown {
  win: RowWindow;
  light: ReadonlySet<number>;
}

/**
 * The window of rows, set while scrolling and read by the blocks of the table and of the
 * timeline (`useShown`): a scroll step renders those blocks only, not the whole view (its
 * toolbar, dialogs and hooks cost about as much as a block's rows).
 */
class ShownRows {
  value: Shown = { win: { first: 0, last: 40 }, light: NO_CHUNKS };
  private readonly listeners = new Set<(value: Shown) => void>();
  set(value: Shown) {
    if (value === this.value) return;
    this.value = value;
    for (const listener of this.listeners) listener(value);
  }
  listen(listener: (value: Shown) => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}

/**
 * The current value of a `ShownRows`, as component state: set from an animation frame, it renders
 * as React schedules it (after the frame), unless the setter asks for it at once (flushSync).
 */
function useShown(store: ShownRows): Shown {
  const [value, setValue] = useState(store.value);
  useLayoutEffect(() => {
    setValue(store.value);
    return store.listen(setValue);
  }, [store]);
  return value;
}

interface TableBlocksProps {
  shown: ShownRows;
  rows: readonly PlanTask[];
  printing: boolean;
  selectedId: string | null;
  selectedIndex: number;
  showCritical: boolean;
  hasChildren: ReadonlySet<string>;
  collapsed: ReadonlySet<string>;
  editing: { id: string; field: Field } | null;
  compact: boolean;
  actions: RowActions;
  text: RowText;
}

/**
 * The task table's rows, by block of `CHUNK_ROWS`: the window's, and the selected row wherever it
 * is, so that aria-activedescendant always names a row in the page (placed at its index, out of
 * view). A block is placed once and its rows are in flow inside it (no row is positioned on its
 * own); its size is fixed (gantt.css), so that its layout and paint stay inside it.
 */
const TableBlocks = memo(function TableBlocks(props: TableBlocksProps) {
  const { rows, printing, selectedIndex } = props;
  const shown = useShown(props.shown);
  const win = printing ? printWindow(rows.length) : shown.win;
  const chunks = chunksOf(win);
  const blocks = chunks.map((k) => ({
    k,
    first: k * CHUNK_ROWS,
    last: Math.min((k + 1) * CHUNK_ROWS, rows.length),
  }));
  // The selected row out of the window: alone in its block (the same element as its block's
  // when that comes into view, so that its row — an edit in progress — is not mounted again).
  const selectedChunk = Math.floor(selectedIndex / CHUNK_ROWS);
  if (selectedIndex >= 0 && !chunks.includes(selectedChunk)) {
    blocks.push({ k: selectedChunk, first: selectedIndex, last: selectedIndex + 1 });
  }
  return blocks.map(({ k, first, last }) => {
    const out: ReactNode[] = [];
    for (let index = first; index < last; index++) {
      const task = rows[index]!;
      out.push(
        <TaskRow
          key={task.id}
          task={task}
          index={index}
          selected={task.id === props.selectedId}
          critical={props.showCritical && task.schedule.critical}
          expandable={props.hasChildren.has(task.id)}
          expanded={!props.collapsed.has(task.id)}
          editing={props.editing?.id === task.id ? props.editing.field : null}
          light={
            !printing && index !== selectedIndex && shown.light.has(Math.floor(index / CHUNK_ROWS))
          }
          compact={props.compact}
          actions={props.actions}
          text={props.text}
        />,
      );
    }
    return (
      <div
        key={k}
        className="gantt-rows"
        style={{ top: first * ROW_HEIGHT, height: (last - first) * ROW_HEIGHT }}
      >
        {out}
      </div>
    );
  });
});

interface TimelineBlocksProps {
  shown: ShownRows;
  rows: readonly PlanTask[];
  linkRows: readonly LinkRow[];
  scale: TimeScale;
  palette: GanttPalette;
  showCritical: boolean;
  showLabels: boolean;
  baselines: ReadonlyMap<string, BaselineDates> | null;
  selectedIndex: number;
  selectedLinkId: string | null;
  preview: BarPreview | null;
  editable: boolean;
  printing: boolean;
  onBarPointerDown: (task: PlanTask, mode: DragMode, e: ReactPointerEvent) => void;
  onLinkClick: (link: PlanLink, e: React.MouseEvent) => void;
}

/** The timeline's blocks of rows (one SVG each, `GanttChunk`) of the window. */
const TimelineBlocks = memo(function TimelineBlocks({
  shown: store,
  printing,
  selectedIndex,
  ...props
}: TimelineBlocksProps) {
  const shown = useShown(store);
  const win = printing ? printWindow(props.rows.length) : shown.win;
  return chunksOf(win).map((k) => (
    <GanttChunk
      key={k}
      index={k}
      {...props}
      selectedRow={Math.floor(selectedIndex / CHUNK_ROWS) === k ? selectedIndex : -1}
      light={!printing && shown.light.has(k)}
    />
  ));
});

interface RowActions {
  select: (id: string) => void;
  toggle: (id: string) => void;
  edit: (task: PlanTask, field: Field) => void;
  /** `next`: 1 to edit the next field (Tab), −1 the previous one, 0 to stop. False when invalid. */
  commit: (task: PlanTask, field: Field, value: string, next: -1 | 0 | 1) => boolean;
  cancel: () => void;
}

/**
 * The words of a row, translated once for all rows (a row mounted while scrolling calls no
 * translation hook); durations are cached per number of days.
 */
interface RowText {
  days: (n: number | null) => string;
  column: (field: Field) => string;
  collapse: string;
  expand: string;
  milestone: string;
  critical: string;
}

function rowText(t: TFunction): RowText {
  const cache = new Map<number, string>();
  return {
    days: (n) => {
      if (n === null) return '—';
      let label = cache.get(n);
      if (label === undefined) cache.set(n, (label = t('planning.days', { n })));
      return label;
    },
    column: (field) => t(`planning.columns.${field}`),
    collapse: t('planning.collapse'),
    expand: t('planning.expand'),
    milestone: t('planning.kind.milestone'),
    critical: t('planning.criticalTask'),
  };
}

interface TaskRowProps {
  text: RowText;
  task: PlanTask;
  index: number;
  selected: boolean;
  critical: boolean;
  expandable: boolean;
  expanded: boolean;
  editing: Field | null;
  /** While the view scrolls fast: the number and the name only (the other cells come after). */
  light: boolean;
  /** The table shows its compact columns (the light row's empty cell spans those). */
  compact: boolean;
  actions: RowActions;
}

const TaskRow = memo(function TaskRow({ actions, text, ...props }: TaskRowProps) {
  const { task } = props;
  const days = text.days;
  const float = task.schedule.totalFloat;
  const milestone = task.kind === 'milestone';
  const className = [
    'gantt-row',
    props.selected && 'is-selected',
    props.critical && 'is-critical',
    task.kind === 'summary' && 'is-summary',
    milestone && 'is-milestone',
  ]
    .filter(Boolean)
    .join(' ');
  // The name's indent; rows without a toggle keep its room (a milestone shows ◆ there, gantt.css).
  const indent = 6 + task.level * 14 + (props.expandable ? 0 : TOGGLE_ROOM);
  const value = (field: Field): string => {
    switch (field) {
      case 'name':
        return task.name;
      case 'duration':
        return String(task.duration);
      case 'start':
        return formatDate(task.schedule.start);
      case 'finish':
        return formatDate(task.schedule.finish);
      case 'percent':
        return String(task.percentComplete);
    }
  };
  // A cell is one element with its text (widths and alignment come from its column's class).
  const cell = (field: Field, content: ReactNode, columnClass: string, extra?: object) =>
    props.editing === field ? (
      <div role="gridcell" className={columnClass} {...extra}>
        <EditInput
          initial={value(field)}
          label={text.column(field)}
          onCommit={(v, next) => actions.commit(task, field, v, next)}
          onCancel={actions.cancel}
        />
      </div>
    ) : (
      <div
        role="gridcell"
        className={columnClass}
        {...extra}
        onDoubleClick={() => actions.edit(task, field)}
      >
        {content}
      </div>
    );

  if (props.light) {
    return (
      <div
        id={`gantt-row-${task.id}`}
        role="row"
        aria-rowindex={props.index + 2}
        aria-level={task.level + 1}
        aria-selected={props.selected}
        className={className}
        data-row-id={task.id}
      >
        <div role="gridcell" className="gantt-col-wbs">
          {task.wbs}
        </div>
        <div role="gridcell" className="gantt-col-name" style={{ paddingLeft: indent }}>
          {task.name}
        </div>
        {/* The other columns, as one empty cell until the row is drawn whole: a screen reader
            reading during a fling finds as many columns as in a whole row (one element, not
            five: a fling mounts a score of these rows per frame). */}
        <div
          role="gridcell"
          className="gantt-col-rest"
          aria-colspan={props.compact ? COMPACT_COLUMNS - 2 : COLUMNS.length - 2}
        />
      </div>
    );
  }

  return (
    <div
      id={`gantt-row-${task.id}`}
      role="row"
      aria-rowindex={props.index + 2}
      aria-level={task.level + 1}
      aria-selected={props.selected}
      aria-expanded={props.expandable ? props.expanded : undefined}
      className={className}
      onClick={() => actions.select(task.id)}
      data-row-id={task.id}
    >
      <div role="gridcell" className="gantt-col-wbs">
        {task.wbs}
      </div>
      {cell(
        'name',
        <>
          {props.expandable && (
            <button
              type="button"
              className="gantt-toggle"
              tabIndex={-1}
              aria-label={props.expanded ? text.collapse : text.expand}
              onClick={(e) => {
                e.stopPropagation();
                actions.toggle(task.id);
              }}
            >
              {props.expanded ? '▾' : '▸'}
            </button>
          )}
          {task.name}
          {milestone && <span className="visually-hidden">{text.milestone}</span>}
          {props.critical && <span className="visually-hidden">{text.critical}</span>}
        </>,
        'gantt-col-name',
        { style: { paddingLeft: indent }, title: task.name },
      )}
      {cell('duration', days(task.duration), 'gantt-col-duration')}
      {cell('start', formatDate(task.schedule.start), 'gantt-col-start')}
      {cell('finish', formatDate(task.schedule.finish), 'gantt-col-finish')}
      {cell('percent', `${Math.round(task.percentComplete)} %`, 'gantt-col-percent')}
      <div
        role="gridcell"
        className={float !== null && float < 0 ? 'gantt-col-float is-late' : 'gantt-col-float'}
      >
        {task.kind === 'summary' ? '' : days(float)}
      </div>
    </div>
  );
});

function EditInput({
  initial,
  label,
  onCommit,
  onCancel,
}: {
  initial: string;
  label: string;
  onCommit: (value: string, next: -1 | 0 | 1) => boolean;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(initial);
  const [invalid, setInvalid] = useState(false);
  const done = useRef(false);
  const commit = (next: -1 | 0 | 1) => {
    if (done.current) return true;
    const ok = onCommit(value, next);
    setInvalid(!ok);
    if (ok) done.current = true;
    return ok;
  };
  return (
    <input
      className="gantt-input"
      aria-label={label}
      aria-invalid={invalid}
      value={value}
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setValue(e.currentTarget.value)}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') {
          e.preventDefault();
          commit(0);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          done.current = true;
          onCancel();
        } else if (e.key === 'Tab') {
          e.preventDefault();
          commit(e.shiftKey ? -1 : 1);
        }
      }}
      onBlur={() => {
        if (!done.current && !commit(0)) {
          done.current = true;
          onCancel();
        }
      }}
    />
  );
}
