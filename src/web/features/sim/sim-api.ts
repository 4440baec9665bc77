import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  CostRange,
  RiskEvent,
  SimModel,
  SimRun,
  SimRunList,
  TaskEstimate,
  type CostRangeBody,
  type CreateRunBody,
  type EstimateBody,
  type RiskEventBody,
  type UpdateRiskEventBody,
} from '../../../contracts/sim.ts';
import { api, apiRequest } from '../../api/client.ts';
import { errorMessage } from '../../components/errors.ts';

const base = (projectId: string) => `/projects/${projectId}/schedule-risk`;

export function useSimModel(projectId: string) {
  return useQuery({
    queryKey: ['sim-model', projectId],
    queryFn: ({ signal }) => api.get(base(projectId), SimModel, { signal }),
  });
}

export function useSimRuns(projectId: string) {
  return useQuery({
    queryKey: ['sim-runs', projectId],
    queryFn: ({ signal }) => api.get(`${base(projectId)}/runs`, SimRunList, { signal }),
    // While a run is queued or running, its progress is polled.
    refetchInterval: (q) =>
      q.state.data?.items.some((r) => r.state === 'queued' || r.state === 'running') ? 1000 : false,
  });
}

export function useSimRun(runId: string | null) {
  return useQuery({
    queryKey: ['sim-run', runId],
    enabled: runId !== null,
    queryFn: ({ signal }) => api.get(`/schedule-risk/runs/${runId}`, SimRun, { signal }),
    staleTime: 60_000,
  });
}

function useSaved(projectId: string) {
  const client = useQueryClient();
  const { t } = useTranslation();
  return {
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['sim-model', projectId] });
      notifications.show({ color: 'green', message: t('sim.saved') });
    },
    onError: (error: unknown) =>
      notifications.show({ color: 'red', message: errorMessage(t, error) }),
  };
}

export function useSaveEstimate(projectId: string) {
  const saved = useSaved(projectId);
  return useMutation({
    mutationFn: ({
      taskId,
      version,
      body,
    }: {
      taskId: string;
      version: number;
      body: EstimateBody;
    }) =>
      apiRequest('PUT', `${base(projectId)}/estimates/${taskId}`, TaskEstimate, {
        body,
        ifMatch: version,
      }),
    ...saved,
  });
}

export function useDeleteEstimate(projectId: string) {
  const saved = useSaved(projectId);
  return useMutation({
    mutationFn: ({ taskId, version }: { taskId: string; version: number }) =>
      api.delete(`${base(projectId)}/estimates/${taskId}`, version),
    ...saved,
  });
}

export function useSaveCostRange(projectId: string) {
  const saved = useSaved(projectId);
  return useMutation({
    mutationFn: ({
      lineId,
      version,
      body,
    }: {
      lineId: string;
      version: number;
      body: CostRangeBody;
    }) =>
      apiRequest('PUT', `${base(projectId)}/cost-ranges/${lineId}`, CostRange, {
        body,
        ifMatch: version,
      }),
    ...saved,
  });
}

export function useDeleteCostRange(projectId: string) {
  const saved = useSaved(projectId);
  return useMutation({
    mutationFn: ({ lineId, version }: { lineId: string; version: number }) =>
      api.delete(`${base(projectId)}/cost-ranges/${lineId}`, version),
    ...saved,
  });
}

export function useSaveEvent(projectId: string) {
  const saved = useSaved(projectId);
  return useMutation({
    mutationFn: ({
      id,
      version,
      body,
    }: {
      id?: string;
      version?: number;
      body: RiskEventBody | UpdateRiskEventBody;
    }) =>
      id
        ? api.patch(`/schedule-risk/events/${id}`, RiskEvent, body, version)
        : api.post(`${base(projectId)}/events`, RiskEvent, body),
    ...saved,
  });
}

export function useDeleteEvent(projectId: string) {
  const saved = useSaved(projectId);
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete(`/schedule-risk/events/${id}`, version),
    ...saved,
  });
}

export function useStartRun(projectId: string) {
  const client = useQueryClient();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: (body: CreateRunBody) => api.post(`${base(projectId)}/runs`, SimRun, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['sim-runs', projectId] }),
    onError: (error: unknown) =>
      notifications.show({ color: 'red', message: errorMessage(t, error) }),
  });
}

export function useDeleteRun(projectId: string) {
  const client = useQueryClient();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete(`/schedule-risk/runs/${id}`, version),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['sim-runs', projectId] }),
    onError: (error: unknown) =>
      notifications.show({ color: 'red', message: errorMessage(t, error) }),
  });
}
