import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CreateRiskBody, UpdateRiskBody } from '../../../contracts/risks.ts';
import { Heatmap, RiskDetail, RiskPage, RiskSettingsView } from '../../../contracts/risks.ts';
import { api } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';

export interface RiskFilters {
  projectId?: string;
  programId?: string;
  portfolioId?: string;
  probability?: number;
  impact?: number;
  residual?: boolean;
  status?: string[];
  limit?: number;
  level?: 'portfolio';
}

const query = (f: RiskFilters) => ({
  ...(f.projectId ? { projectId: f.projectId } : {}),
  ...(f.programId ? { programId: f.programId } : {}),
  ...(f.portfolioId ? { portfolioId: f.portfolioId } : {}),
  ...(f.probability !== undefined ? { probability: String(f.probability) } : {}),
  ...(f.impact !== undefined ? { impact: String(f.impact) } : {}),
  ...(f.residual ? { residual: 'true' } : {}),
  ...(f.status ? { status: f.status } : {}),
  ...(f.level ? { level: f.level } : {}),
  limit: String(f.limit ?? 100),
});

export function useRiskSettings() {
  return useQuery({
    queryKey: ['risk-settings'],
    queryFn: ({ signal }) => api.get('/risk-settings', RiskSettingsView, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useRisks(filters: RiskFilters) {
  return useQuery({
    queryKey: ['risks', filters],
    queryFn: ({ signal }) => api.get('/risks', RiskPage, { signal, query: query(filters) }),
  });
}

export function useHeatmap(filters: RiskFilters) {
  return useQuery({
    queryKey: ['risk-heatmap', filters],
    queryFn: ({ signal }) =>
      api.get('/risks/heatmap', Heatmap, {
        signal,
        query: {
          ...(filters.projectId ? { projectId: filters.projectId } : {}),
          ...(filters.programId ? { programId: filters.programId } : {}),
          ...(filters.portfolioId ? { portfolioId: filters.portfolioId } : {}),
          ...(filters.residual ? { residual: 'true' } : {}),
        },
      }),
  });
}

export function useRisk(id: string | null) {
  return useQuery({
    queryKey: ['risk', id],
    enabled: id !== null,
    queryFn: ({ signal }) => api.get(`/risks/${id}`, RiskDetail, { signal }),
  });
}

function useSaved() {
  const client = useQueryClient();
  const { t } = useTranslation();
  return {
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['risks'] });
      void client.invalidateQueries({ queryKey: ['risk-heatmap'] });
      void client.invalidateQueries({ queryKey: ['risk'] });
      notifications.show({ color: 'green', message: t('risks.saved') });
    },
  };
}

/** Where a new risk goes: a project, programme or portfolio register. */
export type RiskContainer = { projectId: string } | { programId: string } | { portfolioId: string };

const containerPath = (c: RiskContainer) =>
  'projectId' in c
    ? `/projects/${c.projectId}/risks`
    : 'programId' in c
      ? `/programs/${c.programId}/risks`
      : `/portfolios/${c.portfolioId}/risks`;

export function useCreateRisk(container: RiskContainer) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: Partial<CreateRiskBody>) =>
      api.post(containerPath(container), RiskDetail, body),
    ...saved,
  });
}

export function useUpdateRisk() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: UpdateRiskBody }) =>
      api.patch(`/risks/${id}`, RiskDetail, body, version),
    ...saved,
  });
}

export function useEscalateRisk() {
  const saved = useSaved();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: ({
      id,
      version,
      to,
      reason,
    }: {
      id: string;
      version: number;
      to: 'program' | 'portfolio';
      reason: string;
    }) => api.post(`/risks/${id}/escalate`, RiskDetail, { to, reason }, { ifMatch: version }),
    ...saved,
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(t, error) }),
  });
}
