// @vitest-environment jsdom
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { i18n as I18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BudgetLine, CostLedger } from '../../../contracts/finance.ts';
import { initI18n } from '../../i18n.ts';
import { CostsPanel } from './CostsPanel.tsx';
import { financeKeys } from './finance-api.ts';

let i18n: I18n;
beforeAll(async () => {
  globalThis.fetch = () => new Promise<Response>(() => undefined);
  i18n = await initI18n('fr');
});
const t = (key: string, options?: Record<string, unknown>) => i18n.t(key, options);

const projectId = '00000000-0000-4000-8000-0000000000a1';
const lineId = '00000000-0000-4000-8000-0000000000b1';
const lines = [{ id: lineId, label: 'Intégrateur' }] as BudgetLine[];
const order = {
  id: '00000000-0000-4000-8000-0000000000c1',
  reference: 'BC-2026-014',
  supplier: 'Sopra',
  orderDate: '2026-03-02',
  lineId,
  amount: 1_200_000,
  currency: 'EUR',
  amountEur: 1_200_000,
};
const actual = {
  id: '00000000-0000-4000-8000-0000000000d1',
  date: '2026-03-31',
  source: 'invoice',
  supplier: '',
  description: 'Facture mars',
  reference: 'F-77',
  lineId: null,
  amount: 50_000,
  currency: 'USD',
  amountEur: 46_000,
};
const labour = { ...actual, id: '00000000-0000-4000-8000-0000000000d2', source: 'labour' };

function show(ledger: Partial<CostLedger>) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(financeKeys.costs(projectId), {
    purchaseOrders: [],
    actuals: [],
    labourSyncedAt: null,
    can: { manage: true },
    ...ledger,
  });
  return render(
    <QueryClientProvider client={client}>
      <MantineProvider>
        <CostsPanel projectId={projectId} lines={lines} />
      </MantineProvider>
    </QueryClientProvider>,
  );
}

const tableOf = (title: string) =>
  screen
    .getByRole('heading', { name: title })
    .closest('div')!
    .parentElement!.querySelector('table')!;
const textOf = (table: HTMLElement, role: 'columnheader' | 'row') =>
  role === 'columnheader'
    ? within(table)
        .getAllByRole('columnheader')
        .map((c) => c.textContent)
    : within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) =>
          within(r)
            .getAllByRole('cell')
            .map((c) => c.textContent?.replace(/\s/g, ' ')),
        );

describe('the costs panel', () => {
  it('lists orders and actuals with their columns, amounts in euros (and the original currency)', () => {
    show({
      purchaseOrders: [order] as CostLedger['purchaseOrders'],
      actuals: [actual, labour] as CostLedger['actuals'],
    });
    const orders = tableOf(t('finance.costs.orders'));
    expect(textOf(orders, 'columnheader')).toEqual([
      t('finance.costs.reference'),
      t('finance.costs.supplier'),
      t('finance.costs.date'),
      t('finance.grid.line'),
      t('finance.costs.amount'),
      t('finance.costs.actions'),
    ]);
    expect(textOf(orders, 'row')).toEqual([
      ['BC-2026-014', 'Sopra', '02/03/2026', 'Intégrateur', '12 000,00 €', expect.any(String)],
    ]);
    const actuals = tableOf(t('finance.costs.actuals'));
    expect(textOf(actuals, 'columnheader')).toEqual([
      t('finance.costs.date'),
      t('finance.costs.source'),
      t('finance.costs.supplier'),
      t('finance.grid.line'),
      t('finance.costs.amount'),
      t('finance.costs.actions'),
    ]);
    const rows = textOf(actuals, 'row');
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ['31/03/2026', t('finance.source.invoice'), 'Facture mars', '—'],
      ['31/03/2026', t('finance.source.labour'), 'Facture mars', '—'],
    ]);
    expect(rows[0]![4]).toMatch(/^460,00 € \(500,00 \$US\)$/);
    // A labour cost comes from the timesheets: it is not edited here.
    expect(within(actuals).getAllByRole('button')).toHaveLength(2);
    expect(within(orders).getAllByRole('button')).toHaveLength(2);
  });

  it('says when there is nothing yet, and offers to enter the first', () => {
    show({});
    expect(screen.getByText(t('finance.costs.noOrdersManage'))).toBeTruthy();
    expect(screen.getByText(t('finance.costs.noActualsManage'))).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: t('finance.costs.newOrder') }));
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('is read-only for a reader: no new, edit or delete', () => {
    show({
      purchaseOrders: [order] as CostLedger['purchaseOrders'],
      actuals: [],
      can: { manage: false },
    });
    expect(screen.queryByRole('button')).toBeNull();
    expect(textOf(tableOf(t('finance.costs.orders')), 'columnheader')).toHaveLength(5);
    expect(screen.getByText(t('finance.costs.noActuals'))).toBeTruthy();
  });
});
