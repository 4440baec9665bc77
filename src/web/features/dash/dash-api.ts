import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  DashPortfolio,
  type DashPortfolioQuery,
  DashProjectsPage,
  type DashRowsView as DashRowsViewSchema,
  DashProjectView,
  DashRefreshResult,
} from '../../../contracts/dash.ts';
import { api } from '../../api/client.ts';

export type DashFilters = z.infer<typeof DashPortfolioQuery>;
export type DashRowsView = z.infer<typeof DashRowsViewSchema>;

export const dashKeys = {
  all: ['dashboards'] as const,
  portfolio: (f: DashFilters) => ['dashboards', 'portfolio', f] as const,
  project: (id: string) => ['dashboards', 'project', id] as const,
};

/** The portfolio dashboard for the filters (the previous figures stay while new ones load). */
export function usePortfolioDashboard(filters: DashFilters) {
  return useQuery({
    queryKey: dashKeys.portfolio(filters),
    queryFn: ({ signal }) =>
      api.get('/dashboards/portfolio', DashPortfolio, { signal, query: { ...filters } }),
    placeholderData: keepPreviousData,
  });
}

/** A page of the filtered projects (the charts' table views), fetched when shown. */
export function useDashProjects(
  filters: DashFilters,
  view: DashRowsView,
  offset: number,
  limit: number,
) {
  return useQuery({
    queryKey: ['dashboards', 'rows', filters, view, offset, limit] as const,
    queryFn: ({ signal }) =>
      api.get('/dashboards/portfolio/projects', DashProjectsPage, {
        signal,
        query: { ...filters, view, offset: String(offset), limit: String(limit) },
      }),
    placeholderData: keepPreviousData,
  });
}

/** Recompute every project's snapshot now (PMO). */
export function useRefreshDashboards() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/dashboards/refresh', DashRefreshResult, {}),
    onSuccess: () => qc.invalidateQueries({ queryKey: dashKeys.all }),
  });
}

export function useProjectDashboard(projectId: string) {
  return useQuery({
    queryKey: dashKeys.project(projectId),
    queryFn: ({ signal }) =>
      api.get(`/projects/${projectId}/dashboard`, DashProjectView, { signal }),
  });
}
