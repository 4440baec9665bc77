import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
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
  SnapshotResult,
  Thresholds,
  type ThresholdsBody,
} from '../../../contracts/evm.ts';
import { ExchangeRateList, type ExchangeRate } from '../../../contracts/finance.ts';
import { api, apiRequest } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';
import { financeKeys } from '../finance/finance-api.ts';

export const evmKeys = {
  thresholds: ['evm-thresholds'] as const,
  trend: (projectId: string) => ['evm-trend', projectId] as const,
  forecasts: (projectId: string) => ['forecasts', projectId] as const,
  pending: ['forecasts-pending'] as const,
  discountRates: (date: string | null) => ['discount-rates', date] as const,
  benefits: (projectId: string) => ['benefits', projectId] as const,
  portfolioBenefits: (portfolioId: string | null) => ['portfolio-benefits', portfolioId] as const,
};

function useOnError() {
  const { t } = useTranslation();
  return (error: unknown) => notifications.show({ color: 'red', message: errorMessage(t, error) });
}

export function useDeleteRate() {
  const client = useQueryClient();
  const onError = useOnError();
  return useMutation({
    mutationFn: (r: ExchangeRate & { version: number }) =>
      apiRequest(
        'DELETE',
        `/finance/exchange-rates/${r.currency}/${r.validFrom}`,
        ExchangeRateList,
        {
          ifMatch: r.version,
        },
      ),
    onSuccess: (list) => client.setQueryData(financeKeys.rates, list),
    onError: (e) => {
      onError(e);
      void client.invalidateQueries({ queryKey: financeKeys.rates });
    },
  });
}

// ---------------------------------------------------------------- thresholds

export function useThresholds() {
  return useQuery({
    queryKey: evmKeys.thresholds,
    queryFn: ({ signal }) => api.get('/finance/evm-thresholds', PortfolioThresholds, { signal }),
  });
}

export function useThresholdMutations() {
  const client = useQueryClient();
  const onError = useOnError();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: evmKeys.thresholds });
    void client.invalidateQueries({ queryKey: ['finance-rollup'] });
    void client.invalidateQueries({ queryKey: ['evm'] });
    void client.invalidateQueries({ queryKey: ['evm-trend'] });
  };
  return {
    save: useMutation({
      mutationFn: (v: { portfolioId: string | null; version: number; body: ThresholdsBody }) =>
        apiRequest(
          'PUT',
          v.portfolioId ? `/portfolios/${v.portfolioId}/evm-thresholds` : '/finance/evm-thresholds',
          Thresholds,
          { body: v.body, ifMatch: v.version },
        ),
      onSuccess: refresh,
      onError: (e) => {
        onError(e);
        refresh();
      },
    }),
    remove: useMutation({
      mutationFn: (v: { portfolioId: string; version: number }) =>
        api.delete(`/portfolios/${v.portfolioId}/evm-thresholds`, v.version),
      onSuccess: refresh,
      onError: (e) => {
        onError(e);
        refresh();
      },
    }),
  };
}

// ---------------------------------------------------------------- EV history

export function useTrend(projectId: string) {
  return useQuery({
    queryKey: evmKeys.trend(projectId),
    queryFn: ({ signal }) => api.get(`/projects/${projectId}/evm/trend`, EvmTrend, { signal }),
  });
}

export function useRunSnapshots() {
  const client = useQueryClient();
  const onError = useOnError();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: (month: string | undefined) =>
      api.post('/finance/evm-snapshots', SnapshotResult, month ? { month } : {}),
    onSuccess: (r) => {
      notifications.show({
        color: 'green',
        message: t('evm.snapshots.done', { recorded: r.recorded, skipped: r.skipped }),
      });
      void client.invalidateQueries({ queryKey: ['evm-trend'] });
      void client.invalidateQueries({ queryKey: ['evm'] });
      void client.invalidateQueries({ queryKey: ['finance-rollup'] });
    },
    onError,
  });
}

// ---------------------------------------------------------------- forecasts

export function useForecasts(projectId: string) {
  return useQuery({
    queryKey: evmKeys.forecasts(projectId),
    queryFn: ({ signal }) => api.get(`/projects/${projectId}/forecasts`, ForecastCycle, { signal }),
  });
}

export function usePendingForecasts() {
  return useQuery({
    queryKey: evmKeys.pending,
    queryFn: ({ signal }) => api.get('/finance/forecasts/pending', PendingForecasts, { signal }),
  });
}

export function useForecastMutations(projectId: string) {
  const client = useQueryClient();
  const onError = useOnError();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: evmKeys.forecasts(projectId) });
    void client.invalidateQueries({ queryKey: evmKeys.pending });
    // An approved forecast becomes the lines' ETC: the budget, EVM and roll-up change too.
    void client.invalidateQueries({ queryKey: ['budget', projectId] });
    void client.invalidateQueries({ queryKey: ['evm', projectId] });
    void client.invalidateQueries({ queryKey: ['finance-rollup'] });
  };
  return {
    submit: useMutation({
      mutationFn: (body: {
        period: string;
        etcByMonth: { month: string; amount: number; lineId?: string | null }[];
        comment: string;
      }) => api.post(`/projects/${projectId}/forecasts`, Forecast, body),
      onSuccess: refresh,
      onError,
    }),
    decide: useMutation({
      mutationFn: (v: { forecast: Forecast; decision: 'approve' | 'reject'; comment: string }) =>
        api.post(
          `/projects/${projectId}/forecasts/${v.forecast.id}/decision`,
          Forecast,
          { decision: v.decision, comment: v.comment },
          { ifMatch: v.forecast.version },
        ),
      onSuccess: refresh,
      onError: (e) => {
        onError(e);
        refresh();
      },
    }),
  };
}

// ---------------------------------------------------------------- discount rate

export function useDiscountRates(date: string | null = null, enabled = true) {
  return useQuery({
    enabled,
    queryKey: evmKeys.discountRates(date),
    queryFn: ({ signal }) =>
      api.get('/finance/discount-rates', DiscountRates, { signal, query: date ? { date } : {} }),
  });
}

export function useDiscountRateMutations() {
  const client = useQueryClient();
  const onError = useOnError();
  const refresh = () => void client.invalidateQueries({ queryKey: ['discount-rates'] });
  return {
    create: useMutation({
      mutationFn: (body: { effectiveFrom: string; rate: string; note: string }) =>
        api.post('/finance/discount-rates', DiscountRatePolicy, body),
      onSuccess: refresh,
      onError,
    }),
    remove: useMutation({
      mutationFn: (p: DiscountRatePolicy) =>
        api.delete(`/finance/discount-rates/${p.id}`, p.version),
      onSuccess: refresh,
      onError: (e) => {
        onError(e);
        refresh();
      },
    }),
  };
}

// ---------------------------------------------------------------- benefits

export function useProjectBenefits(projectId: string) {
  return useQuery({
    queryKey: evmKeys.benefits(projectId),
    queryFn: ({ signal }) =>
      api.get(`/projects/${projectId}/benefits`, ProjectBenefits, { signal }),
  });
}

export function usePortfolioBenefits(portfolioId: string | null) {
  return useQuery({
    queryKey: evmKeys.portfolioBenefits(portfolioId),
    queryFn: ({ signal }) =>
      api.get('/finance/benefits', PortfolioBenefits, {
        signal,
        query: portfolioId ? { portfolioId } : {},
      }),
  });
}

export interface BenefitBody {
  period: string;
  kind: 'saving' | 'revenue' | 'avoided';
  amount: number;
  comment: string;
}

export function useBenefitMutations(projectId: string) {
  const client = useQueryClient();
  const onError = useOnError();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: evmKeys.benefits(projectId) });
    void client.invalidateQueries({ queryKey: ['portfolio-benefits'] });
  };
  const base = `/projects/${projectId}/benefits`;
  return {
    record: useMutation({
      mutationFn: (body: BenefitBody) => api.post(base, Realisation, body),
      onSuccess: refresh,
      onError,
    }),
    update: useMutation({
      mutationFn: (v: { item: Realisation; body: BenefitBody }) =>
        api.patch(`${base}/${v.item.id}`, Realisation, v.body, v.item.version),
      onSuccess: refresh,
      onError: (e) => {
        onError(e);
        refresh();
      },
    }),
    remove: useMutation({
      mutationFn: (item: Realisation) => api.delete(`${base}/${item.id}`, item.version),
      onSuccess: refresh,
      onError: (e) => {
        onError(e);
        refresh();
      },
    }),
  };
}
