import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActualCost,
  BudgetLine,
  CostLedger,
  PurchaseOrder,
  Rollup,
} from '../../src/contracts/finance.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import { buildMember, buildPerson, buildPortfolio, buildProject } from '../helpers/factories.ts';

let t: TestApp;
let finance: string;
let pm: string;
let portfolioId: string;
let projectId: string;
let lineId: string;

beforeAll(async () => {
  t = await buildTestApp();
  finance = (await signIn(t, 'finance')).cookie;
  portfolioId = (await buildPortfolio(t)).id;
  projectId = (await buildProject(t, portfolioId)).id;
  const person = await buildPerson(t);
  await buildMember(t, projectId, person.id, 'project_manager');
  pm = (await signIn(t, 'member', { personId: person.id })).cookie;
  const line = await call(t, pm, {
    method: 'POST',
    url: `/api/v1/projects/${projectId}/budget/lines`,
    payload: {
      label: 'Licences',
      category: 'software',
      nature: 'opex',
      spread: { amount: 1_200_000, from: '2026-01', to: '2026-12' },
    },
  });
  expect(line.statusCode, line.body).toBe(201);
  lineId = BudgetLine.parse(line.json()).id;
});
afterAll(async () => t?.close());

const base = () => `/api/v1/projects/${projectId}`;

async function ledger() {
  const res = await call(t, finance, { url: `${base()}/costs` });
  expect(res.statusCode, res.body).toBe(200);
  return CostLedger.parse(res.json());
}

async function projectRow(date: string) {
  const res = await call(t, finance, {
    url: `/api/v1/finance/rollup?date=${date}&portfolioId=${portfolioId}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return Rollup.parse(res.json()).rows.find((r) => r.level === 'project')!;
}

/** What the roll-up must say: the sum of the ledger's actuals dated on or before the date. */
async function expectedActual(date: string) {
  return (await ledger()).actuals
    .filter((a) => a.date <= date)
    .reduce((s, a) => s + a.amountEur, 0);
}

async function addActual(body: object) {
  const res = await call(t, finance, { method: 'POST', url: `${base()}/actuals`, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return ActualCost.parse(res.json());
}

describe('single purchase orders', () => {
  it('finance edits an order with If-Match; a stale version gets 412 with the current order', async () => {
    const created = await call(t, finance, {
      method: 'POST',
      url: `${base()}/purchase-orders`,
      payload: {
        lineId,
        supplier: 'Microsoft',
        reference: 'BC-77',
        orderDate: '2026-02-01',
        amount: 500_000,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const order = PurchaseOrder.parse(created.json());
    const body = {
      lineId: null,
      supplier: 'Microsoft France',
      reference: 'BC-77',
      description: 'Licences M365',
      orderDate: '2026-02-03',
      amount: 450_000,
      currency: 'EUR',
    };
    const noIfMatch = await call(t, finance, {
      method: 'PATCH',
      url: `${base()}/purchase-orders/${order.id}`,
      payload: body,
    });
    expect(noIfMatch.statusCode).toBe(428);
    const byPm = await call(t, pm, {
      method: 'PATCH',
      url: `${base()}/purchase-orders/${order.id}`,
      payload: body,
      headers: { 'if-match': `"${order.version}"` },
    });
    expect(byPm.statusCode).toBe(403);
    const ok = await call(t, finance, {
      method: 'PATCH',
      url: `${base()}/purchase-orders/${order.id}`,
      payload: body,
      headers: { 'if-match': `"${order.version}"` },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toBe(`"${order.version + 1}"`);
    expect(ok.json()).toMatchObject({
      supplier: 'Microsoft France',
      amountEur: 450_000,
      lineId: null,
    });
    const stale = await call(t, finance, {
      method: 'PATCH',
      url: `${base()}/purchase-orders/${order.id}`,
      payload: { ...body, amount: 1 },
      headers: { 'if-match': `"${order.version}"` },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current).toMatchObject({ amount: 450_000 });
    const history = await call(t, finance, { url: `${base()}/history` });
    const events = (history.json().items as { entityType: string; action: string }[]).filter(
      (e) => e.entityType === 'purchase_order',
    );
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'update']));
    expect((await projectRow('2026-02-28')).committed).toBe(450_000);
  });

  it('names the line that is not in this budget', async () => {
    const res = await call(t, finance, {
      method: 'POST',
      url: `${base()}/purchase-orders`,
      payload: {
        lineId: '00000000-0000-4000-8000-000000000001',
        supplier: 'Dell',
        reference: 'BC-78',
        orderDate: '2026-02-01',
        amount: 1,
      },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('BUDGET_LINE_NOT_FOUND');
  });
});

describe('what an edit or deletion of an order or an actual refuses', () => {
  const unknown = '00000000-0000-4000-8000-000000000002';
  const orderBody = {
    lineId: null,
    supplier: 'Dell',
    reference: 'BC-90',
    orderDate: '2027-06-01',
    amount: 1_000,
    currency: 'EUR',
  };
  const actualBody = { lineId: null, source: 'other', date: '2027-06-01', amount: 1_000 };

  it('names the order, the actual, the line or the rate that is not there', async () => {
    const created = await call(t, finance, {
      method: 'POST',
      url: `${base()}/purchase-orders`,
      payload: orderBody,
    });
    expect(created.statusCode, created.body).toBe(201);
    const order = PurchaseOrder.parse(created.json());
    const actual = await addActual(actualBody);
    const cases = [
      [`purchase-orders/${unknown}`, orderBody, 1, 'PURCHASE_ORDER_NOT_FOUND'],
      [`actuals/${unknown}`, actualBody, 1, 'ACTUAL_NOT_FOUND'],
      [
        `purchase-orders/${order.id}`,
        { ...orderBody, lineId: unknown },
        order.version,
        'BUDGET_LINE_NOT_FOUND',
      ],
      [
        `actuals/${actual.id}`,
        { ...actualBody, lineId: unknown },
        actual.version,
        'BUDGET_LINE_NOT_FOUND',
      ],
      [
        `purchase-orders/${order.id}`,
        { ...orderBody, currency: 'JPY' },
        order.version,
        'NO_EXCHANGE_RATE',
      ],
      [
        `actuals/${actual.id}`,
        { ...actualBody, currency: 'JPY' },
        actual.version,
        'NO_EXCHANGE_RATE',
      ],
    ] as const;
    for (const [path, payload, version, code] of cases) {
      const res = await call(t, finance, {
        method: 'PATCH',
        url: `${base()}/${path}`,
        payload,
        headers: { 'if-match': `"${version}"` },
      });
      expect(res.json().error?.code, `${path} ${JSON.stringify(payload)}`).toBe(code);
    }
    for (const [path, code] of [
      [`purchase-orders/${unknown}`, 'PURCHASE_ORDER_NOT_FOUND'],
      [`actuals/${unknown}`, 'ACTUAL_NOT_FOUND'],
    ] as const) {
      const res = await call(t, finance, {
        method: 'DELETE',
        url: `${base()}/${path}`,
        headers: { 'if-match': '"1"' },
      });
      expect(res.json().error?.code, path).toBe(code);
    }
  });

  it('deletes an order only at its current version, and records it', async () => {
    const created = await call(t, finance, {
      method: 'POST',
      url: `${base()}/purchase-orders`,
      payload: { ...orderBody, reference: 'BC-91' },
    });
    const order = PurchaseOrder.parse(created.json());
    const url = `${base()}/purchase-orders/${order.id}`;
    const stale = await call(t, finance, {
      method: 'DELETE',
      url,
      headers: { 'if-match': `"${order.version + 1}"` },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current).toMatchObject({ id: order.id, reference: 'BC-91' });
    const ok = await call(t, finance, {
      method: 'DELETE',
      url,
      headers: { 'if-match': `"${order.version}"` },
    });
    expect(ok.statusCode, ok.body).toBe(204);
    expect((await ledger()).purchaseOrders.map((o) => o.id)).not.toContain(order.id);
    const history = await call(t, finance, { url: `${base()}/history` });
    expect(
      (history.json().items as { entityType: string; entityId: string; action: string }[]).some(
        (e) =>
          e.entityType === 'purchase_order' && e.entityId === order.id && e.action === 'delete',
      ),
    ).toBe(true);
  });
});

describe('single actual costs and the roll-up pre-aggregates', () => {
  it('keeps the roll-up exact through creations, edits, deletions and a deleted line', async () => {
    const jan = await addActual({ lineId, source: 'invoice', date: '2026-01-15', amount: 10_001 });
    await addActual({ lineId, source: 'invoice', date: '2026-01-31', amount: 20_002 });
    await addActual({ source: 'other', date: '2026-02-05', amount: 303 });
    const feb = await addActual({ lineId, source: 'invoice', date: '2026-02-20', amount: 40_004 });
    for (const d of ['2025-12-31', '2026-01-14', '2026-01-31', '2026-02-10', '2026-02-28'])
      expect((await projectRow(d)).actual, d).toBe(await expectedActual(d));
    expect((await projectRow('2026-02-10')).actual).toBe(10_001 + 20_002 + 303);

    // Move January's invoice to March and change its amount.
    const moved = await call(t, finance, {
      method: 'PATCH',
      url: `${base()}/actuals/${jan.id}`,
      payload: { lineId, source: 'invoice', date: '2026-03-02', amount: 9_999, reference: 'F-9' },
      headers: { 'if-match': `"${jan.version}"` },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(ActualCost.parse(moved.json())).toMatchObject({ date: '2026-03-02', amountEur: 9_999 });
    for (const d of ['2026-01-31', '2026-02-28', '2026-03-01', '2026-03-31'])
      expect((await projectRow(d)).actual, d).toBe(await expectedActual(d));
    expect((await projectRow('2026-03-31')).actual).toBe(20_002 + 303 + 40_004 + 9_999);

    const del = await call(t, finance, {
      method: 'DELETE',
      url: `${base()}/actuals/${feb.id}`,
      headers: { 'if-match': `"${feb.version}"` },
    });
    expect(del.statusCode).toBe(204);
    expect((await projectRow('2026-03-31')).actual).toBe(20_002 + 303 + 9_999);

    // ETC of a line without a forecast is what is left of its budget.
    const row = await projectRow('2026-03-31');
    expect(row.eac).toBe(1_200_000 + 303);

    // Deleting the line keeps its costs, now on no line.
    const budget = await call(t, pm, { url: `${base()}/budget` });
    const line = (budget.json().lines as BudgetLine[])[0]!;
    const gone = await call(t, pm, {
      method: 'DELETE',
      url: `${base()}/budget/lines/${line.id}`,
      headers: { 'if-match': `"${line.version}"` },
    });
    expect(gone.statusCode, gone.body).toBe(204);
    const after = await projectRow('2026-03-31');
    expect(after.actual).toBe(20_002 + 303 + 9_999);
    expect(after.budget).toBe(0);
  });

  it('refuses a stale edit of an actual with the current one', async () => {
    const a = await addActual({ source: 'other', date: '2026-04-01', amount: 5 });
    const stale = await call(t, finance, {
      method: 'PATCH',
      url: `${base()}/actuals/${a.id}`,
      payload: { source: 'other', date: '2026-04-01', amount: 6 },
      headers: { 'if-match': `"${a.version + 3}"` },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current).toMatchObject({ id: a.id, amount: 5 });
  });

  it('says when the labour feed last ran', async () => {
    expect((await ledger()).labourSyncedAt).toBeNull();
  });
});
