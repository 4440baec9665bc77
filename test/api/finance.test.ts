import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActualImportReport,
  Budget,
  BudgetLine,
  BudgetRevision,
  ProjectEvm,
  Rollup,
} from '../../src/contracts/finance.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import {
  buildMember,
  buildPerson,
  buildPortfolio,
  buildProgram,
  buildProject,
} from '../helpers/factories.ts';

let t: TestApp;
let finance: string;
let pm: string;
let member: string;
let portfolioId: string;
let programId: string;
let projectId: string;
let projectCode: string;

beforeAll(async () => {
  t = await buildTestApp();
  finance = (await signIn(t, 'finance')).cookie;
  member = (await signIn(t, 'member')).cookie;
  const portfolio = await buildPortfolio(t);
  portfolioId = portfolio.id;
  programId = (await buildProgram(t, portfolioId)).id;
  const project = await buildProject(t, portfolioId, { programId });
  projectId = project.id;
  projectCode = project.code;
  const person = await buildPerson(t);
  await buildMember(t, projectId, person.id, 'project_manager');
  pm = (await signIn(t, 'member', { personId: person.id })).cookie;
});
afterAll(async () => t?.close());

const budgetUrl = () => `/api/v1/projects/${projectId}/budget`;

async function getBudget(cookie = pm) {
  const res = await call(t, cookie, { url: budgetUrl() });
  expect(res.statusCode, res.body).toBe(200);
  return Budget.parse(res.json());
}

async function addLine(body: object, cookie = pm) {
  const res = await call(t, cookie, { method: 'POST', url: `${budgetUrl()}/lines`, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return BudgetLine.parse(res.json());
}

describe('budget lines', () => {
  it('lets the project manager phase a line and keeps the total to the cent', async () => {
    const line = await addLine({
      label: 'Intégrateur',
      category: 'external_services',
      nature: 'capex',
      costCentre: 'CC-DSI',
      spread: { amount: 100000, from: '2026-01', to: '2026-03' },
    });
    expect(line.amounts).toEqual([
      { month: '2026-01', amount: 33334 },
      { month: '2026-02', amount: 33333 },
      { month: '2026-03', amount: 33333 },
    ]);
    expect(line.total).toBe(100000);
    const budget = await getBudget();
    expect(budget.totals.total).toBe(100000);
    expect(budget.totals.capex).toBe(100000);
    expect(budget.can).toEqual({ edit: true, approve: false, manage: false });
    expect(budget.months[0]).toBe('2026-01');
  });

  it('edits months of a line with If-Match, and refuses a stale version with the current line', async () => {
    const line = await addLine({ label: 'Licences', category: 'software', nature: 'opex' });
    const url = `${budgetUrl()}/lines/${line.id}`;
    const ok = await call(t, pm, {
      method: 'PATCH',
      url,
      headers: { 'if-match': `"${line.version}"` },
      payload: {
        amounts: [
          { month: '2026-02', amount: 50000 },
          { month: '2026-03', amount: 25050 },
        ],
      },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toBe(`"${line.version + 1}"`);
    expect(BudgetLine.parse(ok.json()).total).toBe(75050);
    const cleared = await call(t, pm, {
      method: 'PATCH',
      url,
      headers: { 'if-match': `"${line.version + 1}"` },
      payload: { amounts: [{ month: '2026-03', amount: 0 }] },
    });
    expect(BudgetLine.parse(cleared.json()).amounts).toEqual([{ month: '2026-02', amount: 50000 }]);
    const stale = await call(t, pm, {
      method: 'PATCH',
      url,
      headers: { 'if-match': `"${line.version}"` },
      payload: { label: 'x' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current.id).toBe(line.id);
    const noIfMatch = await call(t, pm, { method: 'PATCH', url, payload: { label: 'x' } });
    expect(noIfMatch.statusCode).toBe(428);
    const budget = await getBudget();
    expect(budget.totals.byMonth.find((m) => m.month === '2026-02')?.amount).toBe(33333 + 50000);
  });

  it('hides the budget of a project the caller cannot see, and forbids editing to a reader', async () => {
    const res = await call(t, member, { url: budgetUrl() });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('PROJECT_NOT_FOUND');
    const exec = (await signIn(t, 'executive')).cookie;
    expect((await call(t, exec, { url: budgetUrl() })).statusCode).toBe(200);
    const post = await call(t, exec, {
      method: 'POST',
      url: `${budgetUrl()}/lines`,
      payload: { label: 'x', category: 'other', nature: 'opex' },
    });
    expect(post.statusCode).toBe(403);
  });

  it('rejects a task that is not in the plan, naming the field', async () => {
    const res = await call(t, pm, {
      method: 'POST',
      url: `${budgetUrl()}/lines`,
      payload: {
        label: 'x',
        category: 'other',
        nature: 'opex',
        taskId: '00000000-0000-4000-8000-000000000001',
      },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('TASK_NOT_FOUND');
  });
});

describe('revisions', () => {
  it('the project manager submits, only finance approves, and the approved revision becomes the baseline', async () => {
    const sub = await call(t, pm, {
      method: 'POST',
      url: `${budgetUrl()}/revisions`,
      payload: { reason: 'Budget initial validé en comité' },
    });
    expect(sub.statusCode, sub.body).toBe(201);
    const rev = BudgetRevision.parse(sub.json());
    expect(rev).toMatchObject({ number: 1, status: 'submitted', total: 150000 });
    const again = await call(t, pm, {
      method: 'POST',
      url: `${budgetUrl()}/revisions`,
      payload: { reason: 'bis' },
    });
    expect(again.json().error.code).toBe('CONFLICT');
    const decisionUrl = `${budgetUrl()}/revisions/${rev.id}/decision`;
    const byPm = await call(t, pm, {
      method: 'POST',
      url: decisionUrl,
      headers: { 'if-match': `"${rev.version}"` },
      payload: { decision: 'approve' },
    });
    expect(byPm.statusCode).toBe(403);
    const ok = await call(t, finance, {
      method: 'POST',
      url: decisionUrl,
      headers: { 'if-match': `"${rev.version}"` },
      payload: { decision: 'approve', comment: 'OK DAF' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(BudgetRevision.parse(ok.json()).decidedBy?.name).toBe('Utilisateur finance');
    const twice = await call(t, finance, {
      method: 'POST',
      url: decisionUrl,
      headers: { 'if-match': `"${rev.version + 1}"` },
      payload: { decision: 'reject' },
    });
    expect(twice.json().error.code).toBe('REVISION_NOT_PENDING');
    const budget = await getBudget(finance);
    expect(budget.baseline?.id).toBe(rev.id);
    expect(budget.totals.baseline).toBe(150000);
    expect(budget.pendingChange).toBe(false);
    expect(budget.can.approve).toBe(true);
    const history = await call(t, pm, {
      url: `/api/v1/projects/${projectId}/history?entityType=budget_revision&entityId=${rev.id}`,
    });
    expect(history.statusCode, history.body).toBe(200);
    const events = (history.json().items as { entityId: string; action: string }[]).filter(
      (e) => e.entityId === rev.id,
    );
    expect(events.map((e) => e.action)).toEqual(['update', 'create']);
  });
});

describe('commitments, actuals and earned value', () => {
  it('records orders and invoices in their currency, reported in EUR at the dated rate', async () => {
    const rate = await call(t, finance, {
      method: 'POST',
      url: '/api/v1/finance/exchange-rates',
      payload: { currency: 'USD', validFrom: '2026-01-01', rate: '0.9' },
    });
    expect(rate.statusCode, rate.body).toBe(200);
    const budget = await getBudget();
    const lineId = budget.lines[0]!.id;
    const po = await call(t, finance, {
      method: 'POST',
      url: `/api/v1/projects/${projectId}/purchase-orders`,
      payload: {
        lineId,
        supplier: 'Sopra Steria',
        reference: 'BC-2026-001',
        orderDate: '2026-01-05',
        amount: 80000,
      },
    });
    expect(po.statusCode, po.body).toBe(201);
    const inv = await call(t, finance, {
      method: 'POST',
      url: `/api/v1/projects/${projectId}/actuals`,
      payload: {
        lineId,
        source: 'invoice',
        supplier: 'Sopra Steria',
        reference: 'F-1',
        date: '2026-01-31',
        amount: 40000,
        currency: 'USD',
      },
    });
    expect(inv.statusCode, inv.body).toBe(201);
    expect(inv.json().amountEur).toBe(36000);
    const noRate = await call(t, finance, {
      method: 'POST',
      url: `/api/v1/projects/${projectId}/actuals`,
      payload: { source: 'other', date: '2026-01-31', amount: 1, currency: 'GBP' },
    });
    expect(noRate.json().error.code).toBe('NO_EXCHANGE_RATE');
    const labour = await call(t, finance, {
      method: 'POST',
      url: `/api/v1/projects/${projectId}/actuals`,
      payload: { source: 'labour', date: '2026-01-31', amount: 1 },
    });
    expect(labour.statusCode).toBe(400);
    const byPm = await call(t, pm, {
      method: 'POST',
      url: `/api/v1/projects/${projectId}/actuals`,
      payload: { source: 'other', date: '2026-01-31', amount: 1 },
    });
    expect(byPm.statusCode).toBe(403);
    const after = await getBudget();
    expect(after.lines[0]).toMatchObject({ committed: 80000, actual: 36000, eac: 100000 });
  });

  it('computes PV from the baseline at the status date, AC from actuals, and closes the month', async () => {
    const res = await call(t, pm, { url: `/api/v1/projects/${projectId}/evm?date=2026-01-31` });
    expect(res.statusCode, res.body).toBe(200);
    const evm = ProjectEvm.parse(res.json());
    expect(evm.figures.bac).toBe(150000);
    expect(evm.figures.pv).toBe(33334);
    expect(evm.figures.ac).toBe(36000);
    // No plan: nothing is earned.
    expect(evm.progressSource).toBe('none');
    expect(evm.figures.ev).toBe(0);
    expect(evm.sCurve.find((p) => p.month === '2026-02')?.pv).toBe(33334 + 83333);
    const close = await call(t, pm, {
      method: 'POST',
      url: `/api/v1/projects/${projectId}/evm/closes`,
      payload: { statusDate: '2026-01-31', comment: 'Clôture janvier' },
    });
    expect(close.statusCode, close.body).toBe(200);
    expect(ProjectEvm.parse(close.json()).history).toHaveLength(1);
  });

  it('rolls the project up to its programme and portfolio', async () => {
    const res = await call(t, finance, {
      url: `/api/v1/finance/rollup?date=2026-01-31&portfolioId=${portfolioId}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const rollup = Rollup.parse(res.json());
    const [pf, pg, pr] = rollup.rows;
    expect(pf).toMatchObject({
      level: 'portfolio',
      budget: 150000,
      actual: 36000,
      committed: 80000,
    });
    expect(pg).toMatchObject({ level: 'program', id: programId, budget: 150000 });
    expect(pr).toMatchObject({ level: 'project', id: projectId, baseline: 150000, pv: 33334 });
    expect(rollup.total.budget).toBe(150000);
    expect((await call(t, pm, { url: '/api/v1/finance/rollup' })).statusCode).toBe(403);
    const csv = await call(t, finance, {
      url: `/api/v1/finance/rollup/export?format=csv&portfolioId=${portfolioId}`,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(projectCode);
  });
});

describe('importing actuals', () => {
  const csv = (rows: string[]) => ['Projet;Date;Montant;Fournisseur;Ligne', ...rows].join('\r\n');
  const mapping = {
    project: 'Projet',
    date: 'Date',
    amount: 'Montant',
    supplier: 'Fournisseur',
    line: 'Ligne',
  };

  it('lists every rejected row with its line, column and reason, and writes nothing', async () => {
    const content = csv([
      `${projectCode};05/02/2026;1 200,50;Capgemini;Licences`,
      `NOPE;05/02/2026;10;Capgemini;`,
      `${projectCode};31/02/2026;abc;Capgemini;Inconnue`,
    ]);
    const res = await call(t, finance, {
      method: 'POST',
      url: '/api/v1/finance/actuals/import',
      payload: { format: 'csv', content, mapping, dryRun: false },
    });
    expect(res.statusCode, res.body).toBe(200);
    const report = ActualImportReport.parse(res.json());
    expect(report.committed).toBe(false);
    expect(report.rejected).toEqual([
      { line: 3, column: 'Projet', code: 'unknown_project', value: 'NOPE' },
      { line: 4, column: 'Date', code: 'bad_date', value: '31/02/2026' },
      { line: 4, column: 'Montant', code: 'bad_amount', value: 'abc' },
      { line: 4, column: 'Ligne', code: 'unknown_line', value: 'Inconnue' },
    ]);
    expect((await getBudget()).totals.actual).toBe(36000);
  });

  it('a dry run reports, then the commit writes every row at once', async () => {
    const content = csv([
      `${projectCode};05/02/2026;1 200,50;Capgemini;Licences`,
      `${projectCode};2026-02-06;99,50;Dell Technologies;`,
    ]);
    const dry = await call(t, finance, {
      method: 'POST',
      url: '/api/v1/finance/actuals/import',
      payload: { format: 'csv', content, mapping, dryRun: true },
    });
    const dryReport = ActualImportReport.parse(dry.json());
    expect(dryReport).toMatchObject({ accepted: 2, total: 130000, committed: false, rejected: [] });
    expect((await getBudget()).totals.actual).toBe(36000);
    const commit = await call(t, finance, {
      method: 'POST',
      url: '/api/v1/finance/actuals/import',
      payload: { format: 'csv', content, mapping, dryRun: false },
    });
    expect(ActualImportReport.parse(commit.json()).committed).toBe(true);
    const budget = await getBudget();
    expect(budget.totals.actual).toBe(36000 + 130000);
    expect(budget.lines.find((l) => l.label === 'Licences')?.actual).toBe(120050);
  });

  it('names a missing column of the mapping', async () => {
    const res = await call(t, finance, {
      method: 'POST',
      url: '/api/v1/finance/actuals/import',
      payload: { format: 'csv', content: csv([]), mapping: { ...mapping, amount: 'Total' } },
    });
    expect(ActualImportReport.parse(res.json()).rejected).toEqual([
      { line: 1, column: 'Total', code: 'missing_column', value: null },
    ]);
  });
});
