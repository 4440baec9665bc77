import { describe, expect, it } from 'vitest';
import {
  BEGIN_MAIN_FRAME,
  framesOf,
  mainThreadOf,
  mergeIntervals,
  type TraceEvent,
} from './gantt-trace.ts';

const meta = (pid: number, tid: number, name: string): TraceEvent => ({
  name: 'thread_name',
  ph: 'M',
  ts: 0,
  pid,
  tid,
  args: { name },
});
const x = (name: string, ts: number, dur: number, tid = 1): TraceEvent => ({
  name,
  ph: 'X',
  ts,
  dur,
  pid: 7,
  tid,
});

describe('gantt trace analysis', () => {
  it('merges overlapping intervals', () => {
    expect(
      mergeIntervals([
        [5, 8],
        [0, 2],
        [1, 3],
        [8, 9],
      ]),
    ).toEqual([
      [0, 3],
      [5, 9],
    ]);
  });

  it('splits each frame into scripting, forced layout counted once, and paint', () => {
    const events: TraceEvent[] = [
      meta(7, 1, 'CrRendererMain'),
      meta(7, 2, 'Compositor'),
      // Frame 1 (0–16 ms): 4 ms of rAF script with 1 ms of forced layout inside, 2 ms paint.
      x('RunTask', 0, 10_000),
      x('FireAnimationFrame', 0, 4_000),
      x('FunctionCall', 500, 3_000),
      x('Layout', 1_000, 1_000),
      x('Paint', 6_000, 2_000),
      // Frame 2 (16–32 ms): 1 ms of script.
      x('RunTask', 16_000, 2_000),
      x('FireAnimationFrame', 16_000, 1_000),
      x('FireAnimationFrame', 32_000, 1_000),
      // Another thread's events are ignored.
      x('FunctionCall', 0, 30_000, 2),
    ];
    const main = mainThreadOf(events);
    expect(main.every((e) => e.tid === 1)).toBe(true);
    const frames = framesOf(main);
    expect(frames).toHaveLength(2);
    expect(frames[0]).toEqual({ frame: 16, script: 3, layout: 1, paint: 2, busy: 10 });
    expect(frames[1]).toEqual({ frame: 16, script: 1, layout: 0, paint: 0, busy: 2 });
  });
});

describe('gantt trace analysis with BeginMainFrame', () => {
  it('splits frames on BeginMainFrame: two animation callbacks in one frame are one frame', () => {
    const events: TraceEvent[] = [
      meta(7, 1, 'CrRendererMain'),
      // Frame 1: the probe's callback and the view's, then style, layout and paint.
      x('RunTask', 0, 12_000),
      x(BEGIN_MAIN_FRAME, 0, 12_000),
      x('FireAnimationFrame', 0, 1_000),
      x('FireAnimationFrame', 1_000, 3_000),
      x('UpdateLayoutTree', 4_000, 1_000),
      x('Layout', 5_000, 2_000),
      x('Paint', 7_000, 1_000),
      // Frame 2 (16.7 ms later): the probe's callback only.
      x('RunTask', 16_700, 1_000),
      x(BEGIN_MAIN_FRAME, 16_700, 1_000),
      x('FireAnimationFrame', 16_700, 500),
      x(BEGIN_MAIN_FRAME, 33_400, 1_000),
      x('FireAnimationFrame', 33_400, 500),
    ];
    const frames = framesOf(mainThreadOf(events));
    expect(frames).toHaveLength(2);
    expect(frames[0]).toEqual({ frame: 16.7, script: 4, layout: 3, paint: 1, busy: 12 });
    expect(frames[1]).toEqual({ frame: 16.7, script: 0.5, layout: 0, paint: 0, busy: 1 });
  });
});

describe('gantt trace analysis on the thread clock', () => {
  it('uses CPU time (tts/tdur) when the events have it, frames stay wall-clock', () => {
    const events: TraceEvent[] = [
      meta(7, 1, 'CrRendererMain'),
      // 30 ms of wall clock, 2 ms of CPU (the thread waited for a core).
      { ...x('FireAnimationFrame', 0, 30_000), tts: 0, tdur: 2_000 },
      { ...x('FireAnimationFrame', 40_000, 1_000), tts: 2_000, tdur: 1_000 },
    ];
    const [frame] = framesOf(mainThreadOf(events));
    expect(frame).toEqual({ frame: 40, script: 2, layout: 0, paint: 0, busy: 0 });
  });
});
