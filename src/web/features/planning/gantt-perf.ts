/**
 * Measures the Gantt on a 5,000-task plan in headless Chromium: time to the first rendered rows
 * and frame times (requestAnimationFrame deltas) while scrolling. Against a running Jalon with
 * the demo data and a built web app:
 *
 *   node src/web/features/planning/gantt-perf.ts [--url http://localhost:3400] [--tasks 5000]
 *     [--runs 3] [--no-import] [--profile]
 *
 * Each scroll is also recorded as a Chromium performance trace (CDP): the main thread's
 * scripting, style/layout and paint per frame are printed beside the frame deltas (CPU time is
 * far less sensitive to the machine's load than the deltas). `--profile` adds a JavaScript CPU
 * profile of the 48 px/frame scroll (self time per function, top 25).
 *
 * It creates (or reuses) the project PERF-GANTT in the first portfolio and imports a generated
 * project.json into it.
 */
import { chromium } from 'playwright-core';
import { parseArgs } from 'node:util';
import { framesOf, mainThreadOf, summary, topEvents, type TraceEvent } from './gantt-trace.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3400' },
    tasks: { type: 'string', default: '5000' },
    email: { type: 'string', default: 'claire.martin@exemple.fr' },
    password: { type: 'string', default: process.env.JALON_DEMO_PASSWORD ?? 'demo-password-123' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    runs: { type: 'string', default: '3' },
    'no-import': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    /** A folder where each scroll's trace is written (open it in Chromium's performance panel). */
    'trace-dir': { type: 'string' },
  },
});
const base = values.url;
const taskCount = Number(values.tasks);

/**
 * A project.json of `n` tasks shaped like a large programme: lots of 100 tasks, ten streams of
 * lots in sequence, five parallel chains inside each lot, every 10th task a milestone, and extra
 * SS/FF/SF links with lags and leads (about 1.2 links per task). It spans about two years.
 */
function generatePlan(n: number) {
  const tasks: Record<string, unknown>[] = [];
  const dependencies: Record<string, unknown>[] = [];
  const lastOfStream = new Map<number, string>();
  const types = ['SS', 'FF', 'SF'];
  let phase = '';
  let lot = -1;
  let chains: (string | undefined)[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 100 === 0) {
      lot++;
      phase = `p${i}`;
      tasks.push({ id: phase, name: `Lot ${lot + 1}`, summary: true });
      chains = [];
      continue;
    }
    const id = `t${i}`;
    const milestone = i % 10 === 9;
    tasks.push({
      id,
      name: milestone ? `Jalon ${i}` : `Tâche ${i}`,
      duration: milestone ? 0 : 1 + (i % 5),
      parent: phase,
    });
    const chain = i % 5;
    const previous = chains[chain] ?? lastOfStream.get(lot % 10);
    if (previous) dependencies.push({ from: previous, to: id, type: 'FS', lag: 0 });
    const other = chains[(chain + 2) % 5];
    if (i % 5 === 3 && other && other !== previous) {
      dependencies.push({ from: other, to: id, type: types[i % 3], lag: (i % 3) - 1 });
    }
    chains[chain] = id;
    if (i % 100 === 99) lastOfStream.set(lot % 10, id);
  }
  return {
    start: '2026-01-05',
    calendar: { workdays: [1, 2, 3, 4, 5], holidays: [] },
    tasks,
    dependencies,
  };
}

async function api(path: string, cookie: string, init: RequestInit = {}) {
  const response = await fetch(`${base}/api/v1${path}`, {
    ...init,
    headers: { accept: 'application/json', origin: base, cookie, ...(init.headers ?? {}) },
  });
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? null : ((await response.json()) as Record<string, unknown>);
}

const login = await fetch(`${base}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: base },
  body: JSON.stringify({ email: values.email, password: values.password }),
});
if (!login.ok) throw new Error(`login: ${login.status}`);
const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0]!;

const found = (await api('/projects?q=PERF-GANTT&limit=1', cookie)) as { items: { id: string }[] };
let projectId = found.items[0]?.id;
if (!projectId) {
  const tree = (await api('/tree', cookie)) as { items: { id: string }[] };
  const created = await api('/projects', cookie, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      code: 'PERF-GANTT',
      name: `Plan de ${taskCount} tâches`,
      portfolioId: tree.items[0]!.id,
    }),
  });
  projectId = String(created!.id);
}
const started = performance.now();
if (!values['no-import']) {
  await api(`/projects/${projectId}/plan/import?format=json&dryRun=false&mode=replace`, cookie, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(generatePlan(taskCount)),
  });
}
const importMs = performance.now() - started;

const browser = await chromium.launch({
  executablePath: values.chromium,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const [name, value] = cookie.split('=') as [string, string];
await context.addCookies([{ name, value, url: base }]);
const page = await context.newPage();

const runs: number[] = [];
const planRequest: number[] = [];
const afterResponse: number[] = [];
const planStarts: number[] = [];
const cdp = await context.newCDPSession(page);
for (let run = 0; run < Number(values.runs); run++) {
  // The last opening is profiled with --profile (JavaScript self time, from navigation to rows).
  const profiling = values.profile && run === Number(values.runs) - 1;
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await page.goto(`${base}/projects/${projectId}/planning`);
  await page.waitForSelector('.gantt-row', { timeout: 30_000 });
  // Milliseconds since the navigation started, once the rows are in the DOM and painted; and
  // how much of it was the GET of the plan (server and network) and what came after it.
  const timing = await page.evaluate(
    () =>
      new Promise<{ rows: number; planStart: number; planEnd: number }>((resolve) =>
        requestAnimationFrame(() => {
          const plan = performance
            .getEntriesByType('resource')
            .find((e) => e.name.endsWith('/plan')) as PerformanceResourceTiming | undefined;
          resolve({
            rows: performance.now(),
            planStart: plan?.startTime ?? 0,
            planEnd: plan?.responseEnd ?? 0,
          });
        }),
      ),
  );
  if (profiling) {
    const { profile } = await cdp.send('Profiler.stop');
    printProfile(profile, 'opening the Gantt');
  }
  runs.push(timing.rows);
  planRequest.push(timing.planEnd - timing.planStart);
  planStarts.push(timing.planStart);
  afterResponse.push(timing.rows - timing.planEnd);
}
const rowsInDom = await page.locator('.gantt-row').count();

/** Scrolls `step` px per frame for `frames` frames and returns the frame deltas. */
const scroll = (step: number, frames: number, horizontal = false) =>
  page.evaluate(
    ({ step, frames, horizontal }) =>
      new Promise<number[]>((resolve) => {
        const el = document.querySelector('.gantt-scroller')!;
        const deltas: number[] = [];
        let last = performance.now();
        let n = 0;
        // The position is kept here, not read back (`scrollTop += step` reads it): a read after
        // the view's own animation callback has rendered forces that frame's style and layout
        // inside this callback, which a wheel or a touch scroll never does.
        let at = horizontal ? el.scrollLeft : el.scrollTop;
        const tick = (now: number) => {
          deltas.push(now - last);
          last = now;
          at += step;
          if (horizontal) el.scrollLeft = at;
          else el.scrollTop = at;
          if (++n < frames) requestAnimationFrame(tick);
          else resolve(deltas.slice(2));
        };
        requestAnimationFrame(tick);
      }),
    { step, frames, horizontal },
  );

const stats = (deltas: number[]) => {
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    frames: deltas.length,
    median: at(0.5).toFixed(1),
    p95: at(0.95).toFixed(1),
    max: sorted[sorted.length - 1]!.toFixed(1),
    over25ms: deltas.filter((d) => d > 25).length,
  };
};

const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8.execute',
  'toplevel',
  'blink',
];
/** A scroll recorded as a trace: frame deltas and the main thread's work per frame. */
async function traced(name: string, step: number, frames: number, horizontal = false) {
  const profiling = values.profile && name === 'scroll 48 px/frame';
  if (profiling) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const deltas = await scroll(step, frames, horizontal);
  const buffer = await browser.stopTracing();
  if (values['trace-dir']) {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${values['trace-dir']}/${name.replace(/[^a-z0-9]+/gi, '-')}.json`, buffer);
  }
  if (profiling) {
    const { profile } = await cdp.send('Profiler.stop');
    printProfile(profile, 'scrolling 48 px/frame');
  }
  const events = (JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = mainThreadOf(events);
  const work = framesOf(main).slice(2);
  top.push([name, topEvents(main, 12)]);
  return {
    deltas: stats(deltas),
    work: {
      frames: work.length,
      'script median': summary(work.map((f) => f.script)).median,
      'script p95': summary(work.map((f) => f.script)).p95,
      'script mean': summary(work.map((f) => f.script)).mean,
      'layout mean': summary(work.map((f) => f.layout)).mean,
      'paint mean': summary(work.map((f) => f.paint)).mean,
      'busy median': summary(work.map((f) => f.busy)).median,
      'busy p95': summary(work.map((f) => f.busy)).p95,
      'busy mean': summary(work.map((f) => f.busy)).mean,
    },
  };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
function printProfile(
  profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] },
  what: string,
) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]!);
    if (!node) continue;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}:${columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  console.log(`JavaScript self time, ${what} (ms):`);
  for (const [key, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`  ${ms.toFixed(1).padStart(8)}  ${key}`);
  }
}

const top: [string, [string, number][]][] = [];
const smooth = await traced('scroll 48 px/frame', 48, 400);
await page.evaluate(() => (document.querySelector('.gantt-scroller')!.scrollTop = 0));
const fast = await traced('scroll 600 px/frame', 600, 250);
const horizontal = await traced('horizontal 40 px/frame', 40, 200, true);
await browser.close();

const median = [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
console.log(`Gantt, ${taskCount} tasks (import ${importMs.toFixed(0)} ms through the API)`);
const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' / ');
console.log(
  `first rows on screen: ${list(runs)} ms after navigation (median ${median.toFixed(0)} ms)`,
);
console.log(
  `  GET /plan (server + network): ${list(planRequest)} ms, started ${list(planStarts)} ms after navigation`,
);
console.log(
  `  from that response to the rows on screen (parse, render): ${list(afterResponse)} ms`,
);
console.log(`  ${rowsInDom} task rows in the DOM`);
console.log('frame deltas (requestAnimationFrame), ms:');
console.table({
  'scroll 48 px/frame': smooth.deltas,
  'scroll 600 px/frame': fast.deltas,
  'horizontal 40 px/frame': horizontal.deltas,
});
console.log('main-thread work per frame (CDP trace), ms:');
console.table({
  'scroll 48 px/frame': smooth.work,
  'scroll 600 px/frame': fast.work,
  'horizontal 40 px/frame': horizontal.work,
});
for (const [name, events] of top) {
  console.log(
    `${name}: ${events.map(([event, ms]) => `${event} ${ms.toFixed(0)}`).join(', ')} (ms, main thread)`,
  );
}
