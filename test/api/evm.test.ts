import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DiscountRatePolicy,
  DiscountRates,
  EvmTrend,
  Forecast,
  ForecastCycle,
  PendingForecasts,
  PortfolioBenefits,
  PortfolioThresholds,
  ProjectBenefits,
  Realisation,
  Thresholds,
} from '../../src/contracts/evm.ts';
import { ExchangeRateList, ProjectEvm, Rollup } from '../../src/contracts/finance.ts';
import { projects } from '../../src/server/modules/portfolio/portfolio.tables.ts';
import { projectRequests } from '../../src/server/modules/strategy/strategy.tables.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import {
  buildBaselinedProject,
  buildMember,
  buildPerson,
  buildPortfolio,
  buildProject,
} from '../helpers/factories.ts';

let t: TestApp;
let finance: string;
let pm: string;
let outsider: string;
let portfolioId: string;
let otherPortfolioId: string;
let projectId: string;
let lineId: string;

const TH = {
  spi: { watch: 0.95, alert: 0.9 },
  cpi: { watch: 0.95, alert: 0.9 },
  vac: { watch: -0.02, alert: -0.1 },
};

beforeAll(async () => {
  t = await buildTestApp();
  // A 100 000,00 € line over 2026, baselined; a forecast that ends 3 % over.
  const built = await buildBaselinedProject(t, {
    nature: 'capex',
    spread: { amount: 10_000_000, from: '2026-01', to: '2026-10' },
  });
  ({ finance, pm, portfolioId, projectId } = built);
  const l = built.line;
  lineId = l.id;
  otherPortfolioId = (await buildPortfolio(t)).id;
  outsider = (await signIn(t, 'member', { personId: (await buildPerson(t)).id })).cookie;
  const etc = await call(t, pm, {
    method: 'PATCH',
    url: `/api/v1/projects/${projectId}/budget/lines/${lineId}`,
    headers: { 'if-match': `"${l.version}"` },
    payload: { etc: 10_300_000 },
  });
  expect(etc.statusCode, etc.body).toBe(200);
}, 600_000);
afterAll(async () => t?.close());

async function evmVacStatus() {
  const res = await call(t, pm, { url: `/api/v1/projects/${projectId}/evm?date=2026-03-31` });
  expect(res.statusCode, res.body).toBe(200);
  return ProjectEvm.parse(res.json()).figures.vacStatus;
}

async function rollupRow() {
  const res = await call(t, finance, {
    url: `/api/v1/finance/rollup?date=2026-03-31&portfolioId=${portfolioId}`,
  });
  return Rollup.parse(res.json()).rows.find((r) => r.level === 'project')!;
}

describe('EVM thresholds', () => {
  it('company thresholds, then a portfolio override, drive the statuses of the project and the roll-up', async () => {
    const before = PortfolioThresholds.parse(
      (await call(t, finance, { url: '/api/v1/finance/evm-thresholds' })).json(),
    );
    expect(before.company).toMatchObject({ source: 'default', version: 0 });
    expect(before.can.manage).toBe(true);
    // VAC −3 % of BAC: good by the default −5 % band.
    expect(await evmVacStatus()).toBe('good');

    const bad = await call(t, finance, {
      method: 'PUT',
      url: '/api/v1/finance/evm-thresholds',
      headers: { 'if-match': '"0"' },
      payload: { ...TH, cpi: { watch: 0.9, alert: 0.95 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toEqual(['body', 'cpi', 'alert']);
    const noMatch = await call(t, finance, {
      method: 'PUT',
      url: '/api/v1/finance/evm-thresholds',
      payload: TH,
    });
    expect(noMatch.statusCode).toBe(428);
    const byPm = await call(t, pm, {
      method: 'PUT',
      url: '/api/v1/finance/evm-thresholds',
      headers: { 'if-match': '"0"' },
      payload: TH,
    });
    expect(byPm.statusCode).toBe(403);

    const put = await call(t, finance, {
      method: 'PUT',
      url: '/api/v1/finance/evm-thresholds',
      headers: { 'if-match': '"0"' },
      payload: TH,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.headers.etag).toBe('"1"');
    expect(Thresholds.parse(put.json())).toMatchObject({ source: 'company', vac: TH.vac });
    const stale = await call(t, finance, {
      method: 'PUT',
      url: '/api/v1/finance/evm-thresholds',
      headers: { 'if-match': '"0"' },
      payload: TH,
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current.version).toBe(1);
    // −3 % is now below the −2 % watch level.
    expect(await evmVacStatus()).toBe('watch');
    expect((await rollupRow()).vacStatus).toBe('watch');

    // The portfolio relaxes it to −5 % / −15 %: good again; another portfolio is unaffected.
    const override = await call(t, finance, {
      method: 'PUT',
      url: `/api/v1/portfolios/${portfolioId}/evm-thresholds`,
      headers: { 'if-match': '"0"' },
      payload: { ...TH, vac: { watch: -0.05, alert: -0.15 } },
    });
    expect(override.statusCode, override.body).toBe(200);
    expect(await evmVacStatus()).toBe('good');
    expect((await rollupRow()).vacStatus).toBe('good');
    const list = PortfolioThresholds.parse(
      (await call(t, finance, { url: '/api/v1/finance/evm-thresholds' })).json(),
    );
    expect(list.portfolios.find((p) => p.id === portfolioId)?.override?.vac.watch).toBe(-0.05);
    expect(list.portfolios.find((p) => p.id === otherPortfolioId)?.override).toBeNull();

    const del = await call(t, finance, {
      method: 'DELETE',
      url: `/api/v1/portfolios/${portfolioId}/evm-thresholds`,
      headers: { 'if-match': '"1"' },
    });
    expect(del.statusCode, del.body).toBe(204);
    expect(await evmVacStatus()).toBe('watch');
    const admin = (await signIn(t, 'admin')).cookie;
    const audit = await call(t, admin, { url: '/api/v1/audit?entityType=evm_thresholds' });
    expect(audit.statusCode, audit.body).toBe(200);
    expect((audit.json().items as { action: string }[]).map((e) => e.action)).toEqual([
      'delete',
      'create',
      'create',
    ]);
  });
});

describe('EV history', () => {
  it('the snapshot run records every month end not closed by hand, and the trend reads them', async () => {
    const manual = await call(t, pm, {
      method: 'POST',
      url: `/api/v1/projects/${projectId}/evm/closes`,
      payload: { statusDate: '2026-01-31', comment: 'Clôture janvier' },
    });
    expect(manual.statusCode, manual.body).toBe(200);
    const run = await call(t, finance, {
      method: 'POST',
      url: '/api/v1/finance/evm-snapshots',
      payload: { month: '2026-02' },
    });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ month: '2026-02', statusDate: '2026-02-28' });
    expect(run.json().recorded).toBeGreaterThanOrEqual(1);
    // Again: nothing left to record for that month.
    const again = await call(t, finance, {
      method: 'POST',
      url: '/api/v1/finance/evm-snapshots',
      payload: { month: '2026-02' },
    });
    expect(again.json().recorded).toBe(0);
    const jan = await call(t, finance, {
      method: 'POST',
      url: '/api/v1/finance/evm-snapshots',
      payload: { month: '2026-01' },
    });
    expect(jan.statusCode, jan.body).toBe(200);
    const trend = EvmTrend.parse(
      (await call(t, pm, { url: `/api/v1/projects/${projectId}/evm/trend` })).json(),
    );
    expect(trend.snapshots.map((s) => s.month)).toEqual(['2026-01', '2026-02']);
    // January closed by the PM is kept; February was recorded by whoever ran the snapshots.
    expect(trend.snapshots[0]!.recordedBy?.name).not.toBe('Utilisateur finance');
    expect(trend.snapshots[1]!.recordedBy?.name).toBe('Utilisateur finance');
    expect(trend.snapshots[1]!.pv).toBe(2_000_000);
    expect(trend.snapshots[1]!.statuses.vac).toBe('watch');
    expect(trend.thresholds.source).toBe('company');
    const hidden = await call(t, outsider, { url: `/api/v1/projects/${projectId}/evm/trend` });
    expect(hidden.json().error.code).toBe('PROJECT_NOT_FOUND');
  });
});

describe('monthly forecast cycle', () => {
  const url = () => `/api/v1/projects/${projectId}/forecasts`;
  it('the PM submits, finance rejects with a reason or approves; the history shows variance and change', async () => {
    const cycle = ForecastCycle.parse((await call(t, pm, { url: url() })).json());
    expect(cycle.can).toEqual({ submit: true, decide: false });
    expect(cycle.current.bac).toBe(10_000_000);

    const badMonth = await call(t, pm, {
      method: 'POST',
      url: url(),
      payload: { period: '2026-05', etcByMonth: [{ month: '2026-04', amount: 5 }], comment: 'x' },
    });
    expect(badMonth.statusCode).toBe(400);
    expect(badMonth.json().error.details.issues[0].path).toEqual([
      'body',
      'etcByMonth',
      '0',
      'month',
    ]);

    const first = await call(t, pm, {
      method: 'POST',
      url: url(),
      payload: {
        period: '2026-05',
        etcByMonth: [
          { month: '2026-05', amount: 5_000_000 },
          { month: '2026-06', amount: 6_000_000 },
        ],
        comment: 'Recette décalée, renfort intégrateur',
      },
    });
    expect(first.statusCode, first.body).toBe(201);
    const f1 = Forecast.parse(first.json());
    expect(f1).toMatchObject({
      status: 'submitted',
      etc: 11_000_000,
      eac: 11_000_000,
      variance: -1_000_000,
    });
    const dup = await call(t, pm, {
      method: 'POST',
      url: url(),
      payload: { period: '2026-05', etcByMonth: [], comment: 'bis' },
    });
    expect(dup.json().error.code).toBe('FORECAST_ALREADY_SUBMITTED');

    const decide = (cookie: string, f: Forecast, body: object, version = f.version) =>
      call(t, cookie, {
        method: 'POST',
        url: `${url()}/${f.id}/decision`,
        headers: { 'if-match': `"${version}"` },
        payload: body,
      });
    expect((await decide(pm, f1, { decision: 'approve' })).statusCode).toBe(403);
    const noReason = await decide(finance, f1, { decision: 'reject' });
    expect(noReason.statusCode).toBe(400);
    const rejected = await decide(finance, f1, {
      decision: 'reject',
      comment: 'Chiffrer le renfort',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(Forecast.parse(rejected.json())).toMatchObject({
      status: 'rejected',
      decisionComment: 'Chiffrer le renfort',
    });
    expect(
      (await decide(finance, f1, { decision: 'approve' }, f1.version + 1)).json().error.code,
    ).toBe('FORECAST_NOT_PENDING');

    // Resubmitted after the rejection, approved; June's forecast is compared with May's.
    const second = Forecast.parse(
      (
        await call(t, pm, {
          method: 'POST',
          url: url(),
          payload: {
            period: '2026-05',
            etcByMonth: [{ month: '2026-05', amount: 10_500_000 }],
            comment: 'Renfort chiffré',
          },
        })
      ).json(),
    );
    expect((await decide(finance, second, { decision: 'approve' }, 7)).statusCode).toBe(412);
    expect((await decide(finance, second, { decision: 'approve', comment: 'OK' })).statusCode).toBe(
      200,
    );
    const june = Forecast.parse(
      (
        await call(t, pm, {
          method: 'POST',
          url: url(),
          payload: {
            period: '2026-06',
            etcByMonth: [{ month: '2026-06', amount: 10_200_000 }],
            comment: 'Économie sur la recette',
          },
        })
      ).json(),
    );
    expect(june.changeSincePrevious).toBe(-300_000);
    const pending = PendingForecasts.parse(
      (await call(t, finance, { url: '/api/v1/finance/forecasts/pending' })).json(),
    );
    expect(pending.items.find((p) => p.id === june.id)?.changeSincePrevious).toBe(-300_000);
    const history = ForecastCycle.parse((await call(t, pm, { url: url() })).json());
    expect(history.items.map((i) => [i.period, i.status])).toEqual([
      ['2026-06', 'submitted'],
      ['2026-05', 'approved'],
      ['2026-05', 'rejected'],
    ]);
    const hidden = await call(t, outsider, { url: url() });
    expect(hidden.json().error.code).toBe('PROJECT_NOT_FOUND');
  });
});

describe('exchange rates', () => {
  it('a rate is deleted with If-Match; replacing it bumps its version', async () => {
    const set = (rate: string) =>
      call(t, finance, {
        method: 'POST',
        url: '/api/v1/finance/exchange-rates',
        payload: { currency: 'CHF', validFrom: '2026-02-01', rate },
      });
    await set('1.05');
    const list = ExchangeRateList.parse((await set('1.06')).json());
    const chf = list.items.find((r) => r.currency === 'CHF')!;
    expect(chf).toMatchObject({ rate: '1.06', version: 2 });
    const url = '/api/v1/finance/exchange-rates/CHF/2026-02-01';
    expect((await call(t, finance, { method: 'DELETE', url })).statusCode).toBe(428);
    const stale = await call(t, finance, { method: 'DELETE', url, headers: { 'if-match': '"1"' } });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current).toMatchObject({ rate: '1.06', version: 2 });
    expect(
      (await call(t, pm, { method: 'DELETE', url, headers: { 'if-match': '"2"' } })).statusCode,
    ).toBe(403);
    const ok = await call(t, finance, { method: 'DELETE', url, headers: { 'if-match': '"2"' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ExchangeRateList.parse(ok.json()).items.some((r) => r.currency === 'CHF')).toBe(false);
    const missing = await call(t, finance, {
      method: 'DELETE',
      url,
      headers: { 'if-match': '"2"' },
    });
    expect(missing.json().error.code).toBe('EXCHANGE_RATE_NOT_FOUND');
  });
});

describe('discount-rate policy', () => {
  it('finance publishes dated rates; the one in force depends on the date', async () => {
    const create = (body: object) =>
      call(t, finance, { method: 'POST', url: '/api/v1/finance/discount-rates', payload: body });
    const a = await create({ effectiveFrom: '2025-01-01', rate: '8', note: 'Politique DAF 2025' });
    expect(a.statusCode, a.body).toBe(201);
    const b = DiscountRatePolicy.parse(
      (await create({ effectiveFrom: '2026-07-01', rate: '7,5' })).json(),
    );
    expect(b.rate).toBe('7.5');
    expect((await create({ effectiveFrom: '2026-07-01', rate: '7' })).json().error.code).toBe(
      'DUPLICATE_CODE',
    );
    expect((await create({ effectiveFrom: '2026-07-01', rate: 'huit' })).statusCode).toBe(400);
    const on = async (date: string) =>
      DiscountRates.parse(
        (await call(t, finance, { url: `/api/v1/finance/discount-rates?date=${date}` })).json(),
      ).inForce?.rate ?? null;
    expect(await on('2024-12-31')).toBeNull();
    expect(await on('2026-06-30')).toBe('8');
    expect(await on('2026-07-01')).toBe('7.5');
    const patched = await call(t, finance, {
      method: 'PATCH',
      url: `/api/v1/finance/discount-rates/${b.id}`,
      headers: { 'if-match': `"${b.version}"` },
      payload: { rate: '7.25' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(await on('2027-01-01')).toBe('7.25');
    const stale = await call(t, finance, {
      method: 'DELETE',
      url: `/api/v1/finance/discount-rates/${b.id}`,
      headers: { 'if-match': `"${b.version}"` },
    });
    expect(stale.statusCode).toBe(412);
    const del = await call(t, finance, {
      method: 'DELETE',
      url: `/api/v1/finance/discount-rates/${b.id}`,
      headers: { 'if-match': `"${b.version + 1}"` },
    });
    expect(del.statusCode).toBe(204);
    expect(await on('2027-01-01')).toBe('8');
  });
});

describe('benefits tracking', () => {
  it('realised benefits are recorded after closure against the business case, per project and across the portfolio', async () => {
    const closedId = (await buildProject(t, portfolioId)).id;
    const person = await buildPerson(t);
    await buildMember(t, closedId, person.id, 'project_manager');
    const owner = (await signIn(t, 'member', { personId: person.id })).cookie;
    await t.ctx.db.insert(projectRequests).values({
      number: 9001,
      title: 'Dématérialisation des factures',
      problem: 'Saisie manuelle',
      stage: 'approved',
      projectId: closedId,
      businessCase: {
        periodicity: 'year',
        firstPeriod: '2025',
        discountRate: '8',
        lines: [
          { kind: 'investment', label: 'Projet', amounts: [20_000_000, 0, 0] },
          {
            kind: 'saving',
            label: 'ETP saisie',
            amounts: [0, 12_000_000, 12_000_000],
            confidence: 80,
          },
        ],
      },
    });
    const url = `/api/v1/projects/${closedId}/benefits`;
    const record = (cookie: string, body: object) =>
      call(t, cookie, { method: 'POST', url, payload: body });
    const early = await record(owner, { period: '2026', kind: 'saving', amount: 5_000_000 });
    expect(early.json().error.code).toBe('PROJECT_NOT_CLOSED');
    await t.ctx.db.update(projects).set({ status: 'closed' }).where(eq(projects.id, closedId));

    expect((await record(owner, { period: '2026-03', kind: 'saving', amount: 1 })).statusCode).toBe(
      400,
    );
    const r = await record(owner, {
      period: '2026',
      kind: 'saving',
      amount: 9_000_000,
      comment: 'Deux ETP redéployés sur six mois',
    });
    expect(r.statusCode, r.body).toBe(201);
    const realised = Realisation.parse(r.json());
    expect(
      (await record(owner, { period: '2026', kind: 'saving', amount: 1 })).json().error.code,
    ).toBe('DUPLICATE_CODE');
    const fixed = await call(t, owner, {
      method: 'PATCH',
      url: `${url}/${realised.id}`,
      headers: { 'if-match': `"${realised.version}"` },
      payload: { amount: 10_000_000 },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const stale = await call(t, owner, {
      method: 'PATCH',
      url: `${url}/${realised.id}`,
      headers: { 'if-match': `"${realised.version}"` },
      payload: { amount: 1 },
    });
    expect(stale.statusCode).toBe(412);

    const view = ProjectBenefits.parse((await call(t, owner, { url })).json());
    expect(view.businessCase).toMatchObject({ reference: 'DEM-9001', periodicity: 'year' });
    expect(view.can.record).toBe(true);
    expect(view.rows.find((x) => x.period === '2026')).toEqual({
      period: '2026',
      planned: 12_000_000,
      expected: 9_600_000,
      realised: 10_000_000,
      gap: -2_000_000,
    });
    expect(view.totals).toEqual({
      planned: 24_000_000,
      expected: 19_200_000,
      realised: 10_000_000,
      gap: -14_000_000,
      // The test machine's today is in 2026 or later: 2025 (0) and 2026 (12 M) are due.
      plannedToDate: expect.any(Number),
      gapToDate: expect.any(Number),
    });
    if (new Date().toISOString().slice(0, 4) === '2026') {
      expect(view.totals.plannedToDate).toBe(12_000_000);
      expect(view.realisationRate).toBeCloseTo(10 / 12, 10);
    }
    expect((await call(t, outsider, { url })).json().error.code).toBe('PROJECT_NOT_FOUND');

    const portfolio = PortfolioBenefits.parse(
      (
        await call(t, finance, { url: `/api/v1/finance/benefits?portfolioId=${portfolioId}` })
      ).json(),
    );
    expect(portfolio.projects.map((p) => p.id)).toEqual([closedId]);
    expect(portfolio.byYear.find((y) => y.period === '2026')?.realised).toBe(10_000_000);
    expect(portfolio.totals.planned).toBe(24_000_000);
    expect((await call(t, pm, { url: '/api/v1/finance/benefits' })).statusCode).toBe(403);

    const del = await call(t, owner, {
      method: 'DELETE',
      url: `${url}/${realised.id}`,
      headers: { 'if-match': `"${realised.version + 1}"` },
    });
    expect(del.statusCode).toBe(204);
  });
});
