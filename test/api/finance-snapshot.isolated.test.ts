import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EvmTrend } from '../../src/contracts/evm.ts';
import type * as PlanningService from '../../src/server/modules/planning/planning.service.ts';
import { type TestApp, buildTestApp, call } from '../helpers/app.ts';
import { buildBaselinedProject } from '../helpers/factories.ts';

// Counts the reads of a project's plan (the plan service as it is, counted).
const planReads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/server/modules/planning/planning.service.ts', async (original) => {
  const m = await original<typeof PlanningService>();
  return {
    ...m,
    getPlan: (...args: Parameters<typeof m.getPlan>) => {
      planReads.count++;
      return m.getPlan(...args);
    },
  };
});

let t: TestApp;
let finance: string;
let pm: string;
let projectId: string;
let lineId: string;

beforeAll(async () => {
  t = await buildTestApp();
  const built = await buildBaselinedProject(t, {
    nature: 'opex',
    spread: { amount: 6_000_000, from: '2026-01', to: '2026-06' },
  });
  ({ finance, pm, projectId } = built);
  lineId = built.line.id;
  // Costs in January (on the line and on no line) and in March (on the line): February has
  // none (the running total carries over) and April comes after the last month with a cost.
  for (const body of [
    { lineId, source: 'invoice', date: '2026-01-10', amount: 1_000_001 },
    { source: 'other', date: '2026-01-31', amount: 2_002 },
    { lineId, source: 'invoice', date: '2026-03-01', amount: 500_030 },
    { source: 'other', date: '2026-03-31', amount: 707 },
  ]) {
    const res = await call(t, finance, {
      method: 'POST',
      url: `/api/v1/projects/${projectId}/actuals`,
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
}, 600_000);
afterAll(async () => t?.close());

describe('month-end EV snapshots read the series of running totals', () => {
  it('records AC to each month end: before the first cost, a month without one, after the last', async () => {
    for (const month of ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04']) {
      const run = await call(t, finance, {
        method: 'POST',
        url: '/api/v1/finance/evm-snapshots',
        payload: { month },
      });
      expect(run.statusCode, run.body).toBe(200);
      expect(run.json().recorded, month).toBe(1);
    }
    const trend = EvmTrend.parse(
      (await call(t, pm, { url: `/api/v1/projects/${projectId}/evm/trend` })).json(),
    );
    expect(trend.snapshots.map((s) => [s.month, s.ac])).toEqual([
      ['2025-12', 0],
      ['2026-01', 1_002_003],
      ['2026-02', 1_002_003],
      ['2026-03', 1_502_740],
      ['2026-04', 1_502_740],
    ]);
    // PV is the baseline through each month end: 10 000,00 € a month from January.
    expect(trend.snapshots.map((s) => s.pv)).toEqual([
      0, 1_000_000, 2_000_000, 3_000_000, 4_000_000,
    ]);
    // A manual close at the same date computes the same AC as the job.
    const close = await call(t, pm, {
      method: 'POST',
      url: `/api/v1/projects/${projectId}/evm/closes`,
      payload: { statusDate: '2026-05-31', comment: 'Clôture mai' },
    });
    expect(close.statusCode, close.body).toBe(200);
    const run = await call(t, finance, {
      method: 'POST',
      url: '/api/v1/finance/evm-snapshots',
      payload: { month: '2026-05' },
    });
    expect(run.json().recorded).toBe(0);
    const after = EvmTrend.parse(
      (await call(t, pm, { url: `/api/v1/projects/${projectId}/evm/trend` })).json(),
    );
    expect(after.snapshots.at(-1)).toMatchObject({ month: '2026-05', ac: 1_502_740 });
  });
});

describe('earned value reads the plan once', () => {
  it('GET /evm reads the plan’s progress once (for the budget’s task links and for EV)', async () => {
    planReads.count = 0;
    const res = await call(t, pm, { url: `/api/v1/projects/${projectId}/evm?date=2026-03-31` });
    expect(res.statusCode, res.body).toBe(200);
    expect(planReads.count).toBe(1);
  });
});

describe('finance and EVM services read one statement at a time', () => {
  it('no Promise.all over reads of one client (PGlite and a transaction are one connection)', () => {
    const dir = new URL('../../src/server/modules/', import.meta.url);
    for (const file of [
      'finance/finance.service.ts',
      'finance/finance.import.ts',
      'finance/finance.labour.ts',
      'evm/evm.service.ts',
    ]) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      expect(text, file).not.toMatch(/Promise\.all\(/);
    }
  });
});
