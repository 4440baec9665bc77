import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Forecast, ForecastCycle, PendingForecasts } from '../../src/contracts/evm.ts';
import { AuditList } from '../../src/contracts/audit.ts';
import { EvmTrend } from '../../src/contracts/evm.ts';
import { PlanChange } from '../../src/contracts/planning.ts';
import {
  Budget,
  BudgetLine,
  BudgetRevision,
  ProjectEvm,
  Rollup,
} from '../../src/contracts/finance.ts';
import { timeOrderedIds } from '../../src/server/modules/finance/finance.import.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import {
  buildMember,
  buildPerson,
  buildPortfolio,
  buildProgram,
  buildProject,
} from '../helpers/factories.ts';

// The approved monthly forecast feeds each budget line's ETC, hence the bottom-up EAC of the
// project's EVM and of the programme/portfolio roll-up; the next forecast shows what changed.
let t: TestApp;
let finance: string;
let pm: string;
let portfolioId: string;
let programId: string;
let projectId: string;
let otherProjectLine: string;
let lineA: BudgetLine;
let lineB: BudgetLine;

const url = () => `/api/v1/projects/${projectId}/forecasts`;

async function line(cookie: string, project: string, label: string, amount: number, to: string) {
  const res = await call(t, cookie, {
    method: 'POST',
    url: `/api/v1/projects/${project}/budget/lines`,
    payload: {
      label,
      category: 'external_services',
      nature: 'opex',
      spread: { amount, from: '2026-01', to },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return BudgetLine.parse(res.json());
}

async function actual(lineId: string, date: string, amount: number) {
  const res = await call(t, finance, {
    method: 'POST',
    url: `/api/v1/projects/${projectId}/actuals`,
    payload: { lineId, source: 'invoice', date, amount, supplier: 'Capgemini' },
  });
  expect(res.statusCode, res.body).toBe(201);
}

const decide = (f: Forecast, body: object) =>
  call(t, finance, {
    method: 'POST',
    url: `${url()}/${f.id}/decision`,
    headers: { 'if-match': `"${f.version}"` },
    payload: body,
  });

async function budget() {
  return Budget.parse((await call(t, pm, { url: `/api/v1/projects/${projectId}/budget` })).json());
}

beforeAll(async () => {
  t = await buildTestApp();
  finance = (await signIn(t, 'finance')).cookie;
  portfolioId = (await buildPortfolio(t)).id;
  programId = (await buildProgram(t, portfolioId)).id;
  projectId = (await buildProject(t, portfolioId, { programId })).id;
  const person = await buildPerson(t);
  await buildMember(t, projectId, person.id, 'project_manager');
  pm = (await signIn(t, 'member', { personId: person.id })).cookie;
  // A: 60 000,00 € over January–June; B: 40 000,00 € over January–April; baselined.
  lineA = await line(pm, projectId, 'Intégrateur', 6_000_000, '2026-06');
  lineB = await line(pm, projectId, 'Licences', 4_000_000, '2026-04');
  const other = (await buildProject(t, portfolioId)).id;
  otherProjectLine = (await line(finance, other, 'Autre projet', 100_000, '2026-01')).id;
  const rev = BudgetRevision.parse(
    (
      await call(t, pm, {
        method: 'POST',
        url: `/api/v1/projects/${projectId}/budget/revisions`,
        payload: { reason: 'Budget initial' },
      })
    ).json(),
  );
  const ok = await call(t, finance, {
    method: 'POST',
    url: `/api/v1/projects/${projectId}/budget/revisions/${rev.id}/decision`,
    headers: { 'if-match': `"${rev.version}"` },
    payload: { decision: 'approve' },
  });
  expect(ok.statusCode, ok.body).toBe(200);
  await actual(lineA.id, '2026-02-10', 1_000_000);
}, 600_000);
afterAll(async () => t?.close());

describe('approved monthly forecast → bottom-up ETC and EAC', () => {
  it('feeds the lines, the project EVM and the programme/portfolio roll-up; the next month shows what changed', async () => {
    const cycle = ForecastCycle.parse((await call(t, pm, { url: url() })).json());
    expect(cycle.current.lines.map((l) => [l.label, l.ac, l.etc])).toEqual([
      ['Intégrateur', 1_000_000, null],
      ['Licences', 0, null],
    ]);

    // A line of another project is refused, naming the entry.
    const foreign = await call(t, pm, {
      method: 'POST',
      url: url(),
      payload: {
        period: '2026-03',
        etcByMonth: [{ lineId: otherProjectLine, month: '2026-03', amount: 1 }],
        comment: 'x',
      },
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('BUDGET_LINE_NOT_FOUND');
    expect(foreign.json().error.details.path).toEqual(['body', 'etcByMonth', '0', 'lineId']);
    // The same line and month twice.
    const twice = await call(t, pm, {
      method: 'POST',
      url: url(),
      payload: {
        period: '2026-03',
        etcByMonth: [
          { lineId: lineA.id, month: '2026-03', amount: 1 },
          { lineId: lineA.id, month: '2026-03', amount: 2 },
        ],
        comment: 'x',
      },
    });
    expect(twice.statusCode).toBe(400);

    // March: line by line.
    const march = Forecast.parse(
      (
        await call(t, pm, {
          method: 'POST',
          url: url(),
          payload: {
            period: '2026-03',
            etcByMonth: [
              { lineId: lineA.id, month: '2026-03', amount: 3_000_000 },
              { lineId: lineA.id, month: '2026-04', amount: 2_000_000 },
              { lineId: lineB.id, month: '2026-03', amount: 4_500_000 },
            ],
            comment: 'Licences renégociées',
          },
        })
      ).json(),
    );
    expect(march).toMatchObject({ etc: 9_500_000, eac: 10_500_000, previousPeriod: null });
    expect(march.etcByMonth).toEqual([
      { month: '2026-03', amount: 7_500_000 },
      { month: '2026-04', amount: 2_000_000 },
    ]);
    expect(march.lines).toEqual([
      { lineId: lineA.id, label: 'Intégrateur', etc: 5_000_000, previousEtc: null },
      { lineId: lineB.id, label: 'Licences', etc: 4_500_000, previousEtc: null },
    ]);
    // Submitted only: the lines keep their own ETC (none).
    expect((await budget()).lines.map((l) => l.etc)).toEqual([null, null]);

    const approved = await decide(march, { decision: 'approve', comment: 'OK' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(Forecast.parse(approved.json()).inForce).toBe(true);
    const b = await budget();
    expect(b.lines.map((l) => [l.etc, l.forecastComment])).toEqual([
      [5_000_000, 'Licences renégociées'],
      [4_500_000, 'Licences renégociées'],
    ]);
    expect(b.totals.eac).toBe(10_500_000);
    // The lines' versions moved: a grid still holding the old version gets 412.
    const stale = await call(t, pm, {
      method: 'PATCH',
      url: `/api/v1/projects/${projectId}/budget/lines/${lineA.id}`,
      headers: { 'if-match': `"${lineA.version}"` },
      payload: { etc: 1 },
    });
    expect(stale.statusCode).toBe(412);

    const evm = ProjectEvm.parse(
      (await call(t, pm, { url: `/api/v1/projects/${projectId}/evm?date=2026-03-31` })).json(),
    );
    expect(evm.figures.eacs.bottomUp).toBe(10_500_000);
    expect(evm.figures.eac).toBe(10_500_000);
    expect(evm.forecast?.period).toBe('2026-03');

    const rollup = Rollup.parse(
      (
        await call(t, finance, {
          url: `/api/v1/finance/rollup?date=2026-03-31&portfolioId=${portfolioId}`,
        })
      ).json(),
    );
    const row = rollup.rows.find((r) => r.id === projectId)!;
    expect(row).toMatchObject({ eac: 10_500_000, actual: 1_000_000, forecastPeriod: '2026-03' });
    const prog = rollup.rows.find((r) => r.id === programId)!;
    expect(prog).toMatchObject({ eac: 10_500_000, forecastCount: 1, forecastPeriod: null });
    const pf = rollup.rows.find((r) => r.id === portfolioId)!;
    // The other project (1 000,00 € budget, nothing spent, no forecast) adds its budget.
    expect(pf).toMatchObject({ eac: 10_600_000, forecastCount: 1, projectCount: 2 });
    // Mid-month, the month's raw rows are read: same figures on the 15th of March.
    const mid = Rollup.parse(
      (
        await call(t, finance, {
          url: `/api/v1/finance/rollup?date=2026-02-15&portfolioId=${portfolioId}`,
        })
      ).json(),
    );
    expect(mid.rows.find((r) => r.id === projectId)).toMatchObject({
      actual: 1_000_000,
      eac: 10_500_000,
    });

    // April: 2 000,00 € more spent on B, and an ETC given for the project as a whole, spread
    // over the lines by the budget still to come from April (A 30 000 €, B 10 000 €: 3 to 1).
    await actual(lineB.id, '2026-03-15', 200_000);
    const april = Forecast.parse(
      (
        await call(t, pm, {
          method: 'POST',
          url: url(),
          payload: {
            period: '2026-04',
            etcByMonth: [{ month: '2026-04', amount: 8_000_001 }],
            comment: 'Reste à faire revu',
          },
        })
      ).json(),
    );
    expect(april).toMatchObject({
      etc: 8_000_001,
      eac: 9_200_001,
      previousPeriod: '2026-03',
      acSincePrevious: 200_000,
      changeSincePrevious: 9_200_001 - 10_500_000,
      inForce: false,
    });
    expect(april.lines).toEqual([
      { lineId: lineA.id, label: 'Intégrateur', etc: 6_000_001, previousEtc: 5_000_000 },
      { lineId: lineB.id, label: 'Licences', etc: 2_000_000, previousEtc: 4_500_000 },
    ]);
    const pending = PendingForecasts.parse(
      (await call(t, finance, { url: '/api/v1/finance/forecasts/pending' })).json(),
    );
    expect(pending.items.find((p) => p.id === april.id)?.lines).toEqual(april.lines);

    expect((await decide(april, { decision: 'approve' })).statusCode).toBe(200);
    expect((await budget()).lines.map((l) => l.etc)).toEqual([6_000_001, 2_000_000]);
    const history = ForecastCycle.parse((await call(t, pm, { url: url() })).json());
    expect(history.items.map((f) => [f.period, f.inForce])).toEqual([
      ['2026-04', true],
      ['2026-03', false],
    ]);

    // The approval is audited with the lines' ETC before and after.
    const admin = (await signIn(t, 'admin')).cookie;
    const audit = AuditList.parse(
      (
        await call(t, admin, {
          url: `/api/v1/audit?entityType=finance_forecast&entityId=${april.id}`,
        })
      ).json(),
    );
    const update = audit.items.find((e) => e.action === 'update')!;
    expect(update.changes.lineEtc).toEqual({
      before: [
        { line: 'Intégrateur', etc: 5_000_000 },
        { line: 'Licences', etc: 4_500_000 },
      ],
      after: [
        { line: 'Intégrateur', etc: 6_000_001 },
        { line: 'Licences', etc: 2_000_000 },
      ],
    });
  }, 300_000);
});

describe('a new re-forecast starts from the approved one in force', () => {
  it('gives its months still to come for the lines it covers', async () => {
    const now = new Date();
    const month = (offset: number) =>
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1))
        .toISOString()
        .slice(0, 7);
    // Last month's forecast covers line A only: last month (spent by now), this month and the
    // next two.
    const last = Forecast.parse(
      (
        await call(t, pm, {
          method: 'POST',
          url: url(),
          payload: {
            period: month(-1),
            etcByMonth: [
              { lineId: lineA.id, month: month(-1), amount: 500_000 },
              { lineId: lineA.id, month: month(0), amount: 700_000 },
              { lineId: lineA.id, month: month(2), amount: 300_000 },
            ],
            comment: 'Prévision du mois dernier',
          },
        })
      ).json(),
    );
    // Submitted, not approved: the cycle still starts from the April forecast in force.
    const before = ForecastCycle.parse((await call(t, pm, { url: url() })).json());
    expect(before.current.startFrom?.period).toBe('2026-04');
    expect((await decide(last, { decision: 'approve' })).statusCode).toBe(200);
    const cycle = ForecastCycle.parse((await call(t, pm, { url: url() })).json());
    expect(cycle.current.period).toBe(month(0));
    expect(cycle.current.startFrom).toEqual({
      period: month(-1),
      covered: [lineA.id],
      cells: [
        { lineId: lineA.id, month: month(0), amount: 700_000 },
        { lineId: lineA.id, month: month(2), amount: 300_000 },
      ],
    });
  }, 300_000);
});

describe('month-end EV snapshot, set-wise', () => {
  it('records for every project the same figures as the project EVM at the month end', async () => {
    // A plan: line A pays for task « Réalisation » (40 % done); the rest of the project is
    // weighted by the plan's progress (« Réalisation » 10 days at 40 %, « Recette » 5 days done).
    const base = `/api/v1/projects/${projectId}/plan`;
    const add = async (name: string, duration: number) => {
      const res = await call(t, pm, {
        method: 'POST',
        url: `${base}/tasks`,
        payload: { name, duration },
      });
      expect(res.statusCode, res.body).toBe(201);
      const change = PlanChange.parse(res.json());
      return change.tasks.find((x) => x.id === change.createdTaskIds[0])!;
    };
    const build = await add('Réalisation', 10);
    const test = await add('Recette', 5);
    for (const [task, pct] of [
      [build, 40],
      [test, 100],
    ] as const) {
      const res = await call(t, pm, {
        method: 'PATCH',
        url: `${base}/tasks/${task.id}`,
        headers: { 'if-match': `"${task.version}"` },
        payload: { percentComplete: pct },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const current = (await budget()).lines.find((l) => l.id === lineA.id)!;
    const link = await call(t, pm, {
      method: 'PATCH',
      url: `/api/v1/projects/${projectId}/budget/lines/${lineA.id}`,
      headers: { 'if-match': `"${current.version}"` },
      payload: { taskId: build.id },
    });
    expect(link.statusCode, link.body).toBe(200);
    const order = await call(t, finance, {
      method: 'POST',
      url: `/api/v1/projects/${projectId}/purchase-orders`,
      payload: { supplier: 'Sopra', reference: 'BC-1', orderDate: '2026-04-02', amount: 700_000 },
    });
    expect(order.statusCode, order.body).toBe(201);

    const run = await call(t, finance, {
      method: 'POST',
      url: '/api/v1/finance/evm-snapshots',
      payload: { month: '2026-04' },
    });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().recorded).toBeGreaterThanOrEqual(1);
    const evm = ProjectEvm.parse(
      (await call(t, pm, { url: `/api/v1/projects/${projectId}/evm?date=2026-04-30` })).json(),
    );
    const close = evm.history.find((h) => h.month === '2026-04')!;
    // EV = A's 60 000 € × 40 % + B's 40 000 € × (10×40 + 5×100)/15 = 60 %.
    expect(evm.figures.ev).toBe(2_400_000 + 2_400_000);
    expect(close).toMatchObject({
      statusDate: '2026-04-30',
      bac: evm.figures.bac,
      pv: evm.figures.pv,
      ev: evm.figures.ev,
      ac: evm.figures.ac,
      eac: evm.figures.eac,
      committed: evm.committed,
    });
    expect(close.committed).toBe(700_000);
    // A second run records nothing for that month (the project is closed for it).
    const again = await call(t, finance, {
      method: 'POST',
      url: '/api/v1/finance/evm-snapshots',
      payload: { month: '2026-04' },
    });
    expect(again.json().recorded).toBe(0);
    const trend = EvmTrend.parse(
      (await call(t, pm, { url: `/api/v1/projects/${projectId}/evm/trend` })).json(),
    );
    expect(trend.snapshots.map((s) => s.month)).toContain('2026-04');
  }, 300_000);
});

describe('exports', () => {
  it('the budget grid and the year view as CSV/XLSX, formula-guarded, for readers only', async () => {
    const guarded = await line(pm, projectId, '=HYPERLINK("http://x")', 100_000, '2026-01');
    const csv = await call(t, pm, {
      url: `/api/v1/projects/${projectId}/budget/export?format=csv`,
    });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(lines[0]).toMatch(/^Ligne;Catégorie;Nature;Centre de coût;Tâche WBS;2026-01;/);
    expect(lines.some((l) => l.startsWith('Intégrateur;Prestations externes;OPEX'))).toBe(true);
    expect(lines.some((l) => l.startsWith('Total;'))).toBe(true);
    // The formula is written as text, never as a formula.
    expect(csv.body).not.toMatch(/(^|;)=HYPERLINK/m);
    expect(csv.body).toContain('HYPERLINK');
    const xlsx = await call(t, finance, {
      url: `/api/v1/projects/${projectId}/budget/export?format=xlsx`,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toMatch(/budget-.*\.xlsx/);
    const outsider = (await signIn(t, 'member', { personId: (await buildPerson(t)).id })).cookie;
    const hidden = await call(t, outsider, {
      url: `/api/v1/projects/${projectId}/budget/export?format=csv`,
    });
    expect(hidden.json().error.code).toBe('PROJECT_NOT_FOUND');

    const year = await call(t, finance, {
      url: `/api/v1/finance/portfolio/export?format=csv&year=2026&portfolioId=${portfolioId}`,
    });
    expect(year.statusCode, year.body).toBe(200);
    const rows = year.body.replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(rows[0]).toBe('Année;Nature;Catégorie;Budget;Engagé;Réalisé;Écart (budget − réalisé)');
    expect(rows.some((r) => r.startsWith('2026;OPEX;Prestations externes;'))).toBe(true);
    expect(
      (await call(t, pm, { url: '/api/v1/finance/portfolio/export?format=csv&year=2026' }))
        .statusCode,
    ).toBe(403);
    void guarded;
  }, 300_000);
});

describe('commitments import', () => {
  it('imports purchase orders with a column mapping, all or nothing, refusing a reference twice', async () => {
    const code = (await call(t, pm, { url: `/api/v1/projects/${projectId}` })).json()
      .code as string;
    const file = (rows: string[]) =>
      ['Projet;Date commande;Montant HT;Fournisseur;N° BC;Ligne', ...rows].join('\r\n');
    const send = (content: string, dryRun: boolean) =>
      call(t, finance, {
        method: 'POST',
        url: '/api/v1/finance/actuals/import',
        payload: {
          target: 'orders',
          format: 'csv',
          content,
          dryRun,
          mapping: {
            project: 'Projet',
            date: 'Date commande',
            amount: 'Montant HT',
            supplier: 'Fournisseur',
            reference: 'N° BC',
            line: 'Ligne',
          },
        },
      });
    const bad = await send(
      file([
        `${code};05/05/2026;12 000,00;Dell;BC-2026-01;Licences`,
        `${code};06/05/2026;3 000,00;Dell;BC-2026-01;Licences`,
        `${code};07/05/2026;1 000,00;;BC-2026-02;Licences`,
        `${code};08/05/2026;1 000,00;Sopra;BC-1;Licences`,
      ]),
      false,
    );
    expect(bad.statusCode, bad.body).toBe(200);
    expect(bad.json()).toMatchObject({ committed: false, rejectedCount: 3 });
    expect(bad.json().rejected).toEqual([
      { line: 3, column: 'N° BC', code: 'duplicate_reference', value: 'BC-2026-01' },
      { line: 4, column: 'Fournisseur', code: 'required', value: null },
      // BC-1 was entered by hand earlier in this project.
      { line: 5, column: 'N° BC', code: 'duplicate_reference', value: 'BC-1' },
    ]);
    const ok = await send(file([`${code};05/05/2026;12 000,00;Dell;BC-2026-01;Licences`]), false);
    expect(ok.json()).toMatchObject({ committed: true, accepted: 1, total: 1_200_000 });
    const ledger = (
      await call(t, finance, { url: `/api/v1/projects/${projectId}/costs` })
    ).json() as {
      purchaseOrders: { reference: string; amountEur: number; lineId: string | null }[];
    };
    expect(ledger.purchaseOrders.find((o) => o.reference === 'BC-2026-01')).toMatchObject({
      amountEur: 1_200_000,
      lineId: lineB.id,
    });
  }, 300_000);
});

describe('actuals import in chunks', () => {
  it('writes chunk by chunk, rolls everything back on a rejection after the first chunks, and keeps the roll-up exact', async () => {
    const code = (await call(t, pm, { url: `/api/v1/projects/${projectId}` })).json()
      .code as string;
    const rows = Array.from(
      { length: 12_000 },
      (_, i) => `${code};${String(1 + (i % 28)).padStart(2, '0')}/06/2026;1,01;Dell;F-${i}`,
    );
    const send = (content: string) =>
      call(t, finance, {
        method: 'POST',
        url: '/api/v1/finance/actuals/import',
        payload: {
          format: 'csv',
          content,
          dryRun: false,
          mapping: {
            project: 'Projet',
            date: 'Date',
            amount: 'Montant',
            supplier: 'Fournisseur',
            reference: 'Référence',
          },
        },
      });
    const file = (lines: string[]) =>
      ['Projet;Date;Montant;Fournisseur;Référence', ...lines].join('\r\n');
    const actualBefore = (await budget()).totals.actual;
    // The last row is rejected after a chunk of 10,000 rows was written: nothing stays.
    const bad = await send(file([...rows, `${code};31/06/2026;1,00;Dell;F-x`]));
    expect(bad.statusCode, bad.body).toBe(200);
    expect(bad.json()).toMatchObject({ committed: false, accepted: 12_000, rejectedCount: 1 });
    expect(bad.json().rejected).toEqual([
      { line: 12_002, column: 'Date', code: 'bad_date', value: '31/06/2026' },
    ]);
    expect((await budget()).totals.actual).toBe(actualBefore);

    const ok = await send(file(rows));
    expect(ok.json()).toMatchObject({ committed: true, accepted: 12_000, total: 1_212_000 });
    expect((await budget()).totals.actual).toBe(actualBefore + 1_212_000);
    // The roll-up reads the line series the import updated: the same actual at June's end,
    // and at May's end without June's rows.
    const rollup = async (date: string) =>
      Rollup.parse(
        (
          await call(t, finance, {
            url: `/api/v1/finance/rollup?date=${date}&portfolioId=${portfolioId}`,
          })
        ).json(),
      ).rows.find((r) => r.id === projectId)!.actual;
    const may = await rollup('2026-05-31');
    expect(await rollup('2026-06-30')).toBe(may + 1_212_000);
    expect(await rollup('2026-06-15')).toBe(may + (await midJune()));

    async function midJune() {
      // Rows dated 1–15 June: the days 1..15 of each 28-day cycle.
      let n = 0;
      for (let i = 0; i < 12_000; i++) if (1 + (i % 28) <= 15) n++;
      return n * 101;
    }
  }, 600_000);

  it('gives the imported rows time-ordered ids (version 7 layout), unique and sorted', () => {
    const next = timeOrderedIds(Date.UTC(2026, 10, 26));
    const ids = Array.from({ length: 5000 }, () => next());
    expect(new Set(ids).size).toBe(5000);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids.slice(0, 3))
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[0]!.replaceAll('-', '').slice(0, 12)).toBe(
      Date.UTC(2026, 10, 26).toString(16).padStart(12, '0'),
    );
  });
});
