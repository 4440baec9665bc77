import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  MarkReadResult,
  NotificationList,
  type MarkReadBody,
} from '../../../contracts/notifications.ts';
import {
  Activity,
  ActivityList,
  BulkApproveResult,
  Consolidation,
  type CreateActivityBody,
  type CreateLockedPeriodBody,
  LockedPeriod,
  LockedPeriodList,
  PendingTimesheetList,
  type SaveTimesheetBody,
  TimeSettings,
  Timesheet,
  TimesheetTargets,
  type UpdateActivityBody,
  type UpdateTimeSettingsBody,
} from '../../../contracts/time.ts';
import { api, apiRequest, toQueryString } from '../../api/client.ts';

export const timeKeys = {
  all: ['time'] as const,
  week: (week: string) => ['time', 'week', week] as const,
  targets: ['time', 'targets'] as const,
  pending: ['time', 'pending'] as const,
  sheet: (id: string) => ['time', 'sheet', id] as const,
  settings: ['time', 'settings'] as const,
  activities: ['time', 'activities'] as const,
  locks: ['time', 'locks'] as const,
  consolidation: (month: string, by: string) => ['time', 'consolidation', month, by] as const,
  notifications: ['notifications'] as const,
};

type SaveBody = z.input<typeof SaveTimesheetBody>;

export function useMyWeek(week: string) {
  return useQuery({
    queryKey: timeKeys.week(week),
    queryFn: ({ signal }) => api.get(`/me/timesheets/${week}`, Timesheet, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useTargets() {
  return useQuery({
    queryKey: timeKeys.targets,
    queryFn: ({ signal }) => api.get('/me/timesheet-targets', TimesheetTargets, { signal }),
    staleTime: 60_000,
  });
}

/** Save, submit and copy-last-week of the signed-in person's week; each answers the new week. */
export function useWeekActions(week: string) {
  const client = useQueryClient();
  const done = (sheet: Timesheet) => client.setQueryData(timeKeys.week(week), sheet);
  return {
    save: useMutation({
      mutationFn: (v: { body: SaveBody; version: number }) =>
        apiRequest('PUT', `/me/timesheets/${week}`, Timesheet, {
          body: v.body,
          ifMatch: v.version,
        }),
      onSuccess: done,
    }),
    submit: useMutation({
      mutationFn: (v: { body: SaveBody; version: number }) =>
        apiRequest('POST', `/me/timesheets/${week}/submit`, Timesheet, {
          body: v.body,
          ifMatch: v.version,
        }),
      onSuccess: done,
    }),
    copy: useMutation({
      mutationFn: (version: number) =>
        apiRequest('POST', `/me/timesheets/${week}/copy-previous`, Timesheet, {
          body: {},
          ifMatch: version,
        }),
      onSuccess: done,
    }),
  };
}

export function usePending() {
  return useQuery({
    queryKey: timeKeys.pending,
    queryFn: ({ signal }) => api.get('/timesheets/pending', PendingTimesheetList, { signal }),
  });
}

export function useTimesheet(id: string | null) {
  return useQuery({
    queryKey: timeKeys.sheet(id ?? ''),
    queryFn: ({ signal }) => api.get(`/timesheets/${id}`, Timesheet, { signal }),
    enabled: id !== null,
  });
}

export function useDecisions() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: timeKeys.all });
  return {
    approve: useMutation({
      mutationFn: (v: { id: string; version: number; comment?: string }) =>
        apiRequest('POST', `/timesheets/${v.id}/approve`, Timesheet, {
          body: v.comment ? { comment: v.comment } : {},
          ifMatch: v.version,
        }),
      onSuccess: refresh,
    }),
    reject: useMutation({
      mutationFn: (v: { id: string; version: number; comment: string }) =>
        apiRequest('POST', `/timesheets/${v.id}/reject`, Timesheet, {
          body: { comment: v.comment },
          ifMatch: v.version,
        }),
      onSuccess: refresh,
    }),
    bulk: useMutation({
      mutationFn: (items: { id: string; version: number }[]) =>
        api.post('/timesheets/approve', BulkApproveResult, { items }),
      onSuccess: refresh,
    }),
  };
}

export function useTimeSettings() {
  return useQuery({
    queryKey: timeKeys.settings,
    queryFn: ({ signal }) => api.get('/time/settings', TimeSettings, { signal }),
  });
}

export function useActivities() {
  return useQuery({
    queryKey: timeKeys.activities,
    queryFn: ({ signal }) => api.get('/time/activities', ActivityList, { signal }),
  });
}

export function useLocks() {
  return useQuery({
    queryKey: timeKeys.locks,
    queryFn: ({ signal }) => api.get('/time/locks', LockedPeriodList, { signal }),
  });
}

export function useSettingsActions() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: timeKeys.all });
  return {
    update: useMutation({
      mutationFn: (v: { body: z.input<typeof UpdateTimeSettingsBody>; version: number }) =>
        api.patch('/time/settings', TimeSettings, v.body, v.version),
      onSuccess: refresh,
    }),
    createActivity: useMutation({
      mutationFn: (body: z.input<typeof CreateActivityBody>) =>
        api.post('/time/activities', Activity, body),
      onSuccess: refresh,
    }),
    updateActivity: useMutation({
      mutationFn: (v: { id: string; version: number; body: z.input<typeof UpdateActivityBody> }) =>
        api.patch(`/time/activities/${v.id}`, Activity, v.body, v.version),
      onSuccess: refresh,
    }),
    lock: useMutation({
      mutationFn: (body: z.input<typeof CreateLockedPeriodBody>) =>
        api.post('/time/locks', LockedPeriod, body),
      onSuccess: refresh,
    }),
    unlock: useMutation({
      mutationFn: (id: string) => api.delete(`/time/locks/${id}`),
      onSuccess: refresh,
    }),
  };
}

export function useConsolidation(month: string, by: 'person' | 'project') {
  return useQuery({
    queryKey: timeKeys.consolidation(month, by),
    queryFn: ({ signal }) =>
      api.get('/time/consolidation', Consolidation, { query: { month, by }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The URL of a consolidation export (a plain link: the browser downloads the file). */
export function consolidationExportUrl(
  month: string,
  by: 'person' | 'project',
  format: 'csv' | 'xlsx',
  locale: 'fr' | 'en',
) {
  return `/api/v1/time/consolidation/export${toQueryString({ month, by, format, locale })}`;
}

export function useNotifications() {
  return useQuery({
    queryKey: timeKeys.notifications,
    queryFn: ({ signal }) => api.get('/me/notifications', NotificationList, { signal }),
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof MarkReadBody>) =>
      api.post('/me/notifications/read', MarkReadResult, body),
    onSuccess: () => client.invalidateQueries({ queryKey: timeKeys.notifications }),
  });
}
