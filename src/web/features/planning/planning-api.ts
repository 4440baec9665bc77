import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type {
  CreateLinkBody,
  CreateTaskBody,
  UpdateLinkBody,
  UpdatePlanSettingsBody,
  UpdateTaskBody,
} from '../../../contracts/planning.ts';
import {
  Baseline,
  BaselineComparison,
  BaselineList,
  CalendarFeed,
  ImportReport,
  MilestoneList,
  MilestoneTrend,
  Plan,
  type PlanChange,
  PlanTask,
  Roadmap,
} from '../../../contracts/planning.ts';
import {
  API_BASE,
  ApiError,
  api,
  apiRequest,
  isApiError,
  toQueryString,
} from '../../api/client.ts';
import type { ErrorCode } from '../../../core/errors.ts';
import { errorMessage } from '../../components/errors.ts';
import type { OutlineMove } from './outline.ts';
import { applyPlanChange } from './plan-cache.ts';
import { PlanChangePayload, PlanPayload } from './plan-read.ts';

export const planningKeys = {
  plan: (projectId: string) => ['plan', projectId] as const,
  baselines: (projectId: string) => ['baselines', projectId] as const,
  comparison: (projectId: string, baselineId: string) =>
    ['baseline-comparison', projectId, baselineId] as const,
  trend: (projectId: string) => ['milestone-trend', projectId] as const,
  roadmap: (query: RoadmapFilters) => ['roadmap', query] as const,
  milestones: (query: MilestoneFilters) => ['milestones', query] as const,
  calendarFeed: ['calendar-feed'] as const,
};

export function usePlan(projectId: string) {
  return useQuery({
    queryKey: planningKeys.plan(projectId),
    // The plan's 5,000 tasks are checked by hand (zod has no compiled path under our CSP).
    queryFn: ({ signal }) => api.get(`/projects/${projectId}/plan`, PlanPayload, { signal }),
  });
}

/** Patches the cached plan with what an edit changed: never refetches the whole plan. */
export function patchPlanCache(client: QueryClient, projectId: string, change: PlanChange) {
  client.setQueryData<Plan>(planningKeys.plan(projectId), (plan) =>
    plan ? applyPlanChange(plan, change) : plan,
  );
  // Comparisons show current dates: they are stale now, refetched when next shown.
  void client.invalidateQueries({
    queryKey: ['baseline-comparison', projectId],
    refetchType: 'none',
  });
}

type TaskBody = z.input<typeof UpdateTaskBody>;
type LinkBody = z.input<typeof UpdateLinkBody>;

/**
 * Every write on the plan. Each answers a `PlanChange` that is patched into the cache. A 412 on
 * a task means someone else changed it: the user is told and the task is reloaded.
 */
export function usePlanMutations(projectId: string, onCreated?: (ids: string[]) => void) {
  const client = useQueryClient();
  const { t } = useTranslation();
  const base = `/projects/${projectId}/plan`;

  const onSuccess = (change: PlanChange) => {
    patchPlanCache(client, projectId, change);
    if (change.createdTaskIds.length > 0) onCreated?.(change.createdTaskIds);
  };
  const onError = (error: unknown) => {
    const reason = isApiError(error)
      ? (error.details as { reason?: unknown; task?: { name?: string } } | undefined)
      : undefined;
    if (isApiError(error, 'PLAN_INVALID') && reason?.reason === 'LINK_ON_SUMMARY') {
      notifications.show({
        color: 'orange',
        message: t('planning.linkOnSummary', { name: reason.task?.name ?? '' }),
      });
      return;
    }
    if (isApiError(error, 'VERSION_MISMATCH')) {
      notifications.show({ color: 'orange', message: t('planning.conflict') });
      const current = PlanTask.safeParse(error.current);
      if (current.success) {
        onSuccess({
          tasks: [current.data],
          schedules: [],
          links: [],
          removedTaskIds: [],
          removedLinkIds: [],
          createdTaskIds: [],
          projectStart:
            client.getQueryData<Plan>(planningKeys.plan(projectId))?.projectStart ?? null,
          projectFinish:
            client.getQueryData<Plan>(planningKeys.plan(projectId))?.projectFinish ?? null,
          criticalPath: client.getQueryData<Plan>(planningKeys.plan(projectId))?.criticalPath ?? [],
        });
      } else {
        // No usable task in the 412 (e.g. a link or a deleted task): reload the plan.
        void client.invalidateQueries({ queryKey: planningKeys.plan(projectId) });
      }
      return;
    }
    notifications.show({ color: 'red', message: errorMessage(t, error) });
  };
  const options = { onSuccess, onError };

  // Edits of one task run one after the other, each with the version the previous one left
  // (typing a name then Tab to the duration sends two PATCHes in a row).
  const queue = useRef(new Map<string, Promise<unknown>>());
  const latestVersion = (task: PlanTask) =>
    client.getQueryData<Plan>(planningKeys.plan(projectId))?.tasks.find((x) => x.id === task.id)
      ?.version ?? task.version;
  const inTurn = (task: PlanTask, write: (version: number) => Promise<PlanChange>) => {
    const previous = queue.current.get(task.id) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(() => write(latestVersion(task)))
      .then((change) => {
        patchPlanCache(client, projectId, change);
        return change;
      });
    queue.current.set(task.id, run);
    void run
      .finally(() => {
        if (queue.current.get(task.id) === run) queue.current.delete(task.id);
      })
      .catch(() => undefined);
    return run;
  };

  return {
    createTask: useMutation({
      mutationFn: (body: z.input<typeof CreateTaskBody>) =>
        api.post(`${base}/tasks`, PlanChangePayload, body),
      ...options,
    }),
    updateTask: useMutation({
      mutationFn: ({ task, body }: { task: PlanTask; body: TaskBody }) =>
        inTurn(task, (version) =>
          api.patch(`${base}/tasks/${task.id}`, PlanChangePayload, body, version),
        ),
      ...options,
    }),
    deleteTask: useMutation({
      mutationFn: (task: PlanTask) =>
        inTurn(task, (version) =>
          apiWithVersion('DELETE', `${base}/tasks/${task.id}`, undefined, version),
        ),
      ...options,
    }),
    moveTask: useMutation({
      mutationFn: ({ task, move }: { task: PlanTask; move: OutlineMove }) =>
        inTurn(task, (version) =>
          apiWithVersion('POST', `${base}/tasks/${task.id}/move`, move, version),
        ),
      ...options,
    }),
    copyTask: useMutation({
      mutationFn: (task: PlanTask) => api.post(`${base}/tasks/${task.id}/copy`, PlanChangePayload),
      ...options,
    }),
    createLink: useMutation({
      mutationFn: (body: z.input<typeof CreateLinkBody>) =>
        api.post(`${base}/links`, PlanChangePayload, body),
      ...options,
    }),
    updateLink: useMutation({
      mutationFn: ({ id, version, body }: { id: string; version: number; body: LinkBody }) =>
        api.patch(`${base}/links/${id}`, PlanChangePayload, body, version),
      ...options,
    }),
    deleteLink: useMutation({
      mutationFn: ({ id, version }: { id: string; version: number }) =>
        apiWithVersion('DELETE', `${base}/links/${id}`, undefined, version),
      ...options,
    }),
  };
}

/** DELETE and POST that answer a `PlanChange` and need `If-Match` (the generic helpers do not). */
async function apiWithVersion(
  method: 'POST' | 'DELETE',
  path: string,
  body: unknown,
  version: number,
): Promise<PlanChange> {
  return apiRequest(method, path, PlanChangePayload, { body, ifMatch: version });
}

export function useUpdatePlanSettings(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      version,
      body,
    }: {
      version: number;
      body: z.input<typeof UpdatePlanSettingsBody>;
    }) => api.patch(`/projects/${projectId}/plan/settings`, Plan, body, version),
    onSuccess: (plan) => client.setQueryData(planningKeys.plan(projectId), plan),
  });
}

// ---------------------------------------------------------------- baselines

export function useBaselines(projectId: string) {
  return useQuery({
    queryKey: planningKeys.baselines(projectId),
    queryFn: () => api.get(`/projects/${projectId}/baselines`, BaselineList),
  });
}

export function useBaselineComparison(projectId: string, baselineId: string | null) {
  return useQuery({
    queryKey: planningKeys.comparison(projectId, baselineId ?? ''),
    queryFn: () =>
      api.get(`/projects/${projectId}/baselines/${baselineId}/comparison`, BaselineComparison),
    enabled: baselineId !== null,
  });
}

export function useCreateBaseline(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post(`/projects/${projectId}/baselines`, Baseline, { name }),
    onSuccess: () => client.invalidateQueries({ queryKey: planningKeys.baselines(projectId) }),
  });
}

export function useDeleteBaseline(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (baselineId: string) =>
      api.delete(`/projects/${projectId}/baselines/${baselineId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: planningKeys.baselines(projectId) }),
  });
}

// ---------------------------------------------------------------- exchange

export type ImportFormat = 'mspdi' | 'json';

/** Sends a plan file as it is (XML or JSON text): a dry run first, then the commit. */
export async function importPlan(
  projectId: string,
  file: { text: string; format: ImportFormat },
  options: { dryRun: boolean; mode: 'replace' | 'append' },
) {
  const query = toQueryString({
    format: file.format,
    dryRun: String(options.dryRun),
    mode: options.mode,
  });
  const response = await fetch(`${API_BASE}/projects/${projectId}/plan/import${query}`, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': file.format === 'json' ? 'application/json' : 'application/xml',
    },
    credentials: 'same-origin',
    body: file.text,
  });
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (
      json as { error?: { code?: string; message?: string; details?: unknown } } | null
    )?.error;
    throw new ApiError(
      response.status,
      (error?.code ?? 'INTERNAL') as ErrorCode,
      error?.message ?? response.statusText,
      error?.details,
    );
  }
  return ImportReport.parse(json);
}

/** The URL of an export: the browser downloads it (the session cookie goes along). */
export const exportUrl = (projectId: string, format: 'mspdi' | 'json' | 'csv') =>
  `${API_BASE}/projects/${projectId}/plan/export?format=${format}`;

// ---------------------------------------------------------------- portfolio views

export interface RoadmapFilters {
  portfolioId: string | null;
  programId: string | null;
  status: string[];
}

export function useRoadmap(filters: RoadmapFilters) {
  return useQuery({
    queryKey: planningKeys.roadmap(filters),
    queryFn: ({ signal }) =>
      api.get('/roadmap', Roadmap, {
        query: {
          portfolioId: filters.portfolioId,
          programId: filters.programId,
          status: filters.status,
        },
        signal,
      }),
  });
}

export interface MilestoneFilters {
  portfolioId: string | null;
  programId: string | null;
  projectId: string | null;
  status: 'done' | 'due' | 'late' | null;
  from: string | null;
  to: string | null;
}

export function useMilestones(filters: MilestoneFilters) {
  return useQuery({
    queryKey: planningKeys.milestones(filters),
    queryFn: ({ signal }) =>
      api.get('/milestones', MilestoneList, { query: { ...filters }, signal }),
  });
}

export function useMilestoneTrend(projectId: string | null) {
  return useQuery({
    queryKey: planningKeys.trend(projectId ?? ''),
    queryFn: () => api.get(`/projects/${projectId}/milestone-trend`, MilestoneTrend),
    enabled: projectId !== null,
  });
}

// ---------------------------------------------------------------- iCalendar feed

export function useCalendarFeed() {
  return useQuery({
    queryKey: planningKeys.calendarFeed,
    queryFn: () => api.get('/me/calendar-feed', CalendarFeed),
  });
}

export function useCalendarFeedMutations() {
  const client = useQueryClient();
  const onSuccess = (feed: z.output<typeof CalendarFeed> | undefined) =>
    client.setQueryData(planningKeys.calendarFeed, feed ?? { url: null, createdAt: null });
  return {
    create: useMutation({
      mutationFn: () => api.post('/me/calendar-feed', CalendarFeed),
      onSuccess,
    }),
    revoke: useMutation({
      mutationFn: async () => {
        await api.delete('/me/calendar-feed');
        return undefined;
      },
      onSuccess,
    }),
  };
}
