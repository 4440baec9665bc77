import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ActualImportReport,
  Budget,
  BudgetLine,
  BudgetRevision,
  CostLedger,
  PortfolioFinance,
  ProjectEvm,
  Rollup,
  type ActualImportBody,
  type CreateBudgetLineBody,
  type UpdateBudgetLineBody,
} from '../../../contracts/finance.ts';
import { api } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';

export const financeKeys = {
  budget: (projectId: string) => ['budget', projectId] as const,
  evm: (projectId: string, date: string | null) => ['evm', projectId, date] as const,
  costs: (projectId: string) => ['costs', projectId] as const,
  rollup: (date: string | null) => ['finance-rollup', date] as const,
  portfolio: (year: number) => ['finance-portfolio', year] as const,
};

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

export function usePortfolioFinance(year: number) {
  return useQuery({
    queryKey: financeKeys.portfolio(year),
    queryFn: ({ signal }) =>
      api.get('/finance/portfolio', PortfolioFinance, { signal, query: { year } }),
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
