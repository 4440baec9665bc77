import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ActualImportReport,
  Budget,
  BudgetLine,
  BudgetRevision,
  CostLedger,
  ExchangeRateList,
  LabourSyncResult,
  PortfolioFinance,
  PurchaseOrder,
  ActualCost,
  ProjectEvm,
  Rollup,
  type ActualImportBody,
  type CreateBudgetLineBody,
  type ExchangeRate,
  type UpdateBudgetLineBody,
} from '../../../contracts/finance.ts';
import { api } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';

export const financeKeys = {
  budget: (projectId: string) => ['budget', projectId] as const,
  evm: (projectId: string, date: string | null) => ['evm', projectId, date] as const,
  costs: (projectId: string) => ['costs', projectId] as const,
  rollup: (date: string | null) => ['finance-rollup', date] as const,
  portfolio: (year: number, portfolioId: string | null) =>
    ['finance-portfolio', year, portfolioId ?? 'all'] as const,
  rates: ['finance-rates'] as const,
};

/** What the purchase-order form sends (the API's CreatePurchaseOrderBody). */
export interface OrderBody {
  lineId: string | null;
  supplier: string;
  reference: string;
  description: string;
  orderDate: string;
  amount: number;
  currency: string;
}

/** What the actual-cost form sends (the API's CreateActualBody). */
export interface ActualBody {
  lineId: string | null;
  source: 'invoice' | 'other';
  date: string;
  supplier: string;
  reference: string;
  description: string;
  amount: number;
  currency: string;
}

export function useRates() {
  return useQuery({
    queryKey: financeKeys.rates,
    queryFn: ({ signal }) => api.get('/finance/exchange-rates', ExchangeRateList, { signal }),
  });
}

export function useSetRate() {
  const client = useQueryClient();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: (body: ExchangeRate) => api.post('/finance/exchange-rates', ExchangeRateList, body),
    onSuccess: (list) => client.setQueryData(financeKeys.rates, list),
    onError: (error: unknown) =>
      notifications.show({ color: 'red', message: errorMessage(t, error) }),
  });
}

/** Single purchase orders and actual costs of a project, and the labour feed on demand. */
export function useCostMutations(projectId: string) {
  const client = useQueryClient();
  const { t } = useTranslation();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: financeKeys.costs(projectId) });
    void client.invalidateQueries({ queryKey: financeKeys.budget(projectId) });
    void client.invalidateQueries({ queryKey: ['evm', projectId] });
  };
  const onError = (error: unknown) => {
    notifications.show({ color: 'red', message: errorMessage(t, error) });
    refresh();
  };
  const base = `/projects/${projectId}`;
  return {
    createOrder: useMutation({
      mutationFn: (body: OrderBody) => api.post(`${base}/purchase-orders`, PurchaseOrder, body),
      onSuccess: refresh,
      onError,
    }),
    updateOrder: useMutation({
      mutationFn: (v: { order: PurchaseOrder; body: OrderBody }) =>
        api.patch(`${base}/purchase-orders/${v.order.id}`, PurchaseOrder, v.body, v.order.version),
      onSuccess: refresh,
      onError,
    }),
    deleteOrder: useMutation({
      mutationFn: (order: PurchaseOrder) =>
        api.delete(`${base}/purchase-orders/${order.id}`, order.version),
      onSuccess: refresh,
      onError,
    }),
    createActual: useMutation({
      mutationFn: (body: ActualBody) => api.post(`${base}/actuals`, ActualCost, body),
      onSuccess: refresh,
      onError,
    }),
    updateActual: useMutation({
      mutationFn: (v: { actual: ActualCost; body: ActualBody }) =>
        api.patch(`${base}/actuals/${v.actual.id}`, ActualCost, v.body, v.actual.version),
      onSuccess: refresh,
      onError,
    }),
    deleteActual: useMutation({
      mutationFn: (actual: ActualCost) =>
        api.delete(`${base}/actuals/${actual.id}`, actual.version),
      onSuccess: refresh,
      onError,
    }),
    syncLabour: useMutation({
      mutationFn: () => api.post('/finance/labour-actuals/sync', LabourSyncResult, {}),
      onSuccess: (r) => {
        notifications.show({
          color: 'green',
          message: t('finance.labour.synced', { rows: r.rows, hours: r.hours }),
        });
        if (r.unpricedHours > 0)
          notifications.show({
            color: 'orange',
            message: t('finance.labour.unpriced', { hours: r.unpricedHours }),
          });
        refresh();
      },
      onError,
    }),
  };
}

export function useBudget(projectId: string) {
  return useQuery({
    queryKey: financeKeys.budget(projectId),
    queryFn: ({ signal }) => api.get(`/projects/${projectId}/budget`, Budget, { signal }),
  });
}

export function useEvm(projectId: string, date: string | null) {
  return useQuery({
    queryKey: financeKeys.evm(projectId, date),
    queryFn: ({ signal }) =>
      api.get(`/projects/${projectId}/evm`, ProjectEvm, {
        signal,
        query: date ? { date } : {},
      }),
  });
}

export function useCosts(projectId: string) {
  return useQuery({
    queryKey: financeKeys.costs(projectId),
    queryFn: ({ signal }) => api.get(`/projects/${projectId}/costs`, CostLedger, { signal }),
  });
}

export function useRollup(date: string | null) {
  return useQuery({
    queryKey: financeKeys.rollup(date),
    queryFn: ({ signal }) =>
      api.get('/finance/rollup', Rollup, { signal, query: date ? { date } : {} }),
  });
}

/** A year by nature and category, of every portfolio or of one. */
export function usePortfolioFinance(year: number, portfolioId: string | null = null) {
  return useQuery({
    queryKey: financeKeys.portfolio(year, portfolioId),
    queryFn: ({ signal }) =>
      api.get('/finance/portfolio', PortfolioFinance, {
        signal,
        query: portfolioId ? { year, portfolioId } : { year },
      }),
  });
}

/** Mutations of a project's budget; every success refreshes the budget and the EVM. */
export function useBudgetMutations(projectId: string) {
  const client = useQueryClient();
  const { t } = useTranslation();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: financeKeys.budget(projectId) });
    void client.invalidateQueries({ queryKey: ['evm', projectId] });
  };
  const onError = (error: unknown) => {
    notifications.show({ color: 'red', message: errorMessage(t, error) });
    refresh();
  };
  const base = `/projects/${projectId}/budget`;
  return {
    createLine: useMutation({
      mutationFn: (body: Partial<CreateBudgetLineBody>) =>
        api.post(`${base}/lines`, BudgetLine, body),
      onSuccess: refresh,
      onError,
    }),
    updateLine: useMutation({
      mutationFn: (v: { line: BudgetLine; body: UpdateBudgetLineBody }) =>
        api.patch(`${base}/lines/${v.line.id}`, BudgetLine, v.body, v.line.version),
      onSuccess: refresh,
      onError,
    }),
    deleteLine: useMutation({
      mutationFn: (line: BudgetLine) => api.delete(`${base}/lines/${line.id}`, line.version),
      onSuccess: refresh,
      onError,
    }),
    submit: useMutation({
      mutationFn: (reason: string) => api.post(`${base}/revisions`, BudgetRevision, { reason }),
      onSuccess: refresh,
      onError,
    }),
    decide: useMutation({
      mutationFn: (v: {
        revision: BudgetRevision;
        decision: 'approve' | 'reject';
        comment: string;
      }) =>
        api.post(
          `${base}/revisions/${v.revision.id}/decision`,
          BudgetRevision,
          { decision: v.decision, comment: v.comment },
          { ifMatch: v.revision.version },
        ),
      onSuccess: refresh,
      onError,
    }),
    close: useMutation({
      mutationFn: (v: { statusDate: string; comment: string }) =>
        api.post(`/projects/${projectId}/evm/closes`, ProjectEvm, v),
      onSuccess: refresh,
      onError,
    }),
  };
}

export function useImportActuals() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ActualImportBody) =>
      api.post('/finance/actuals/import', ActualImportReport, body),
    onSuccess: (report) => {
      if (report.committed) {
        void client.invalidateQueries({ queryKey: ['finance-rollup'] });
        void client.invalidateQueries({ queryKey: ['budget'] });
        void client.invalidateQueries({ queryKey: ['evm'] });
      }
    },
  });
}
