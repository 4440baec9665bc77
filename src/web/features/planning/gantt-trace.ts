/**
 * Per-frame main-thread work from a Chromium performance trace (the JSON that CDP's tracing
 * answers), for `gantt-perf.ts`: a frame is the time between two `BeginMainFrame` events of the
 * page's main thread (or, in a trace without them, two `FireAnimationFrame` events), and
 * each frame's time is split into scripting, style and layout, and paint (pre-paint, paint,
 * layerize, commit). Scripting is measured less the style and layout it forced, so that a
 * forced layout is counted once, as layout. Times are the thread's CPU time (`tts`/`tdur`, the
 * thread clock) when the trace has it, which the machine's load barely changes, unlike the wall
 * clock of the frame deltas; `frame` is always wall-clock.
 */

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread clock (CPU time of the thread), when the trace recorded it. */
  tts?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string } & Record<string, unknown>;
}

const SCRIPT = new Set([
  'FunctionCall',
  'EventDispatch',
  'FireAnimationFrame',
  'TimerFire',
  'EvaluateScript',
  'v8.execute',
  'V8.Execute',
  'RunMicrotasks',
  'v8.callFunction',
  'MinorGC',
  'MajorGC',
  'V8.GC_SCAVENGER',
  'V8.GC_MARK_COMPACTOR',
]);
const LAYOUT = new Set(['UpdateLayoutTree', 'Layout', 'RecalculateStyles']);
const PAINT = new Set(['PrePaint', 'Paint', 'Layerize', 'Commit', 'UpdateLayer', 'PaintImage']);

type Interval = [number, number];

/** The event around each frame's work on the renderer's main thread. */
export const BEGIN_MAIN_FRAME = 'WebFrameWidgetImpl::BeginMainFrame';

/** Merges intervals into disjoint sorted ones. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** The total length of disjoint intervals clipped to [from, to). */
function measure(intervals: Interval[], from: number, to: number): number {
  let sum = 0;
  for (const [s, e] of intervals) {
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    if (b > a) sum += b - a;
  }
  return sum;
}

/** The intersection of two lists of disjoint sorted intervals. */
function intersect(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i]![0], b[j]![0]);
    const e = Math.min(a[i]![1], b[j]![1]);
    if (e > s) out.push([s, e]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return out;
}

export interface FrameWork {
  /** Milliseconds of each frame (BeginMainFrame to the next). */
  frame: number;
  script: number;
  layout: number;
  paint: number;
  /** All main-thread tasks (RunTask) of the frame. */
  busy: number;
}

/** The complete events of the renderer main thread that ran the most animation frames. */
export function mainThreadOf(events: readonly TraceEvent[]): TraceEvent[] {
  const mains = new Set<string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') {
      mains.add(`${e.pid}:${e.tid}`);
    }
  }
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key)) continue;
    let list = byThread.get(key);
    if (!list) byThread.set(key, (list = []));
    list.push(e);
  }
  let main: TraceEvent[] = [];
  let most = -1;
  for (const list of byThread.values()) {
    const n = list.filter((e) => e.name === 'FireAnimationFrame').length;
    if (n > most) {
      most = n;
      main = list;
    }
  }
  return main;
}

/** The work of each frame of a main thread's events (see `mainThreadOf`). */
export function framesOf(all: readonly TraceEvent[]): FrameWork[] {
  // The thread clock when (nearly) every event has it, else the wall clock.
  const timed = all.filter((e) => e.tts !== undefined && e.tdur !== undefined);
  const cpu = timed.length > 0 && timed.length >= 0.9 * all.length;
  const main = cpu ? timed : all;
  const start = (e: TraceEvent) => (cpu ? e.tts! : e.ts);
  const span = (set: Set<string>) =>
    mergeIntervals(
      main
        .filter((e) => set.has(e.name))
        .map((e) => [start(e), start(e) + (cpu ? e.tdur! : e.dur!)]),
    );
  const script = span(SCRIPT);
  const layout = span(LAYOUT);
  const paint = span(PAINT);
  const forced = intersect(script, layout);
  const busy = span(new Set(['RunTask', 'ThreadControllerImpl::RunTask']));
  // A frame starts at the renderer's BeginMainFrame (animation callbacks, style, layout and paint
  // of one frame run inside it); traces without it are split on the animation callbacks, which
  // miscounts a frame that runs several of them (the probe's and the view's) as several.
  const begins = main.filter((e) => e.name === BEGIN_MAIN_FRAME);
  const fired = (begins.length > 0 ? begins : main.filter((e) => e.name === 'FireAnimationFrame'))
    .slice()
    .sort((a, b) => a.ts - b.ts);
  const frames: FrameWork[] = [];
  for (let i = 0; i + 1 < fired.length; i++) {
    const from = start(fired[i]!);
    const to = start(fired[i + 1]!);
    frames.push({
      frame: (fired[i + 1]!.ts - fired[i]!.ts) / 1000,
      script: (measure(script, from, to) - measure(forced, from, to)) / 1000,
      layout: measure(layout, from, to) / 1000,
      paint: measure(paint, from, to) / 1000,
      busy: measure(busy, from, to) / 1000,
    });
  }
  return frames;
}

/** Median, p95 and mean of a list of milliseconds, one decimal. */
export function summary(values: readonly number[]): { median: string; p95: string; mean: string } {
  if (values.length === 0) return { median: '-', p95: '-', mean: '-' };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { median: at(0.5).toFixed(1), p95: at(0.95).toFixed(1), mean: mean.toFixed(1) };
}

/** Event names by total time, CPU time where known (to see where a frame goes). */
export function topEvents(events: readonly TraceEvent[], limit = 15): [string, number][] {
  const totals = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined) continue;
    totals.set(e.name, (totals.get(e.name) ?? 0) + (e.tdur ?? e.dur) / 1000);
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit);
}
