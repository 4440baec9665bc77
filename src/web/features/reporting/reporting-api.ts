import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateKpiBody,
  CreateStatusReportBody,
  OverrideBody,
  UpdateReportingSettingsBody,
  UpdateStatusReportBody,
} from '../../../contracts/reporting.ts';
import {
  ComputeResult,
  Kpi,
  KpiList,
  PortfolioStatus,
  ReportsDue,
  StatusReport,
  StatusReportList,
} from '../../../contracts/reporting.ts';
import { api } from '../../api/client.ts';

export const reportingKeys = {
  reports: (projectId: string) => ['status-reports', projectId] as const,
  status: (portfolioId: string, date: string | null) =>
    ['portfolio-status', portfolioId, date] as const,
  due: (mine: boolean) => ['reports-due', mine] as const,
  kpis: ['kpis'] as const,
};

export function useStatusReports(projectId: string) {
  return useQuery({
    queryKey: reportingKeys.reports(projectId),
    queryFn: ({ signal }) =>
      api.get(`/projects/${projectId}/status-reports`, StatusReportList, { signal }),
  });
}

/** Every write on a project's status reports; each refreshes the history and the portfolio views. */
export function useReportMutations(projectId: string) {
  const client = useQueryClient();
  const base = `/projects/${projectId}/status-reports`;
  const done = () => {
    void client.invalidateQueries({ queryKey: reportingKeys.reports(projectId) });
    void client.invalidateQueries({ queryKey: ['portfolio-status'] });
    void client.invalidateQueries({ queryKey: ['reports-due'] });
  };
  return {
    create: useMutation({
      mutationFn: (body: z.input<typeof CreateStatusReportBody>) =>
        api.post(base, StatusReport, body),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: (v: { report: StatusReport; body: z.input<typeof UpdateStatusReportBody> }) =>
        api.patch(`${base}/${v.report.id}`, StatusReport, v.body, v.report.version),
      onSuccess: done,
    }),
    submit: useMutation({
      mutationFn: (report: StatusReport) =>
        api.post(`${base}/${report.id}/submit`, StatusReport, {}, { ifMatch: report.version }),
      onSuccess: done,
    }),
    review: useMutation({
      mutationFn: (v: {
        report: StatusReport;
        decision: 'approve' | 'request_changes';
        comment: string;
      }) =>
        api.post(
          `${base}/${v.report.id}/review`,
          StatusReport,
          { decision: v.decision, comment: v.comment },
          { ifMatch: v.report.version },
        ),
      onSuccess: done,
    }),
  };
}

export function usePortfolioStatus(portfolioId: string | null, date: string | null) {
  return useQuery({
    queryKey: reportingKeys.status(portfolioId ?? '', date),
    enabled: !!portfolioId,
    queryFn: ({ signal }) =>
      api.get('/reporting/portfolio-status', PortfolioStatus, {
        signal,
        query: { portfolioId: portfolioId!, ...(date ? { date } : {}) },
      }),
  });
}

export function usePortfolioStatusMutations() {
  const client = useQueryClient();
  const done = () => void client.invalidateQueries({ queryKey: ['portfolio-status'] });
  return {
    settings: useMutation({
      mutationFn: (v: {
        portfolioId: string;
        version: number;
        body: z.input<typeof UpdateReportingSettingsBody>;
      }) =>
        api.patch(
          `/portfolios/${v.portfolioId}/reporting-settings`,
          PortfolioStatus.shape.settings,
          v.body,
          v.version,
        ),
      onSuccess: () => {
        done();
        void client.invalidateQueries({ queryKey: ['reports-due'] });
      },
    }),
    override: useMutation({
      mutationFn: (body: z.input<typeof OverrideBody>) =>
        api.post('/reporting/overrides', null, body),
      onSuccess: done,
    }),
    removeOverride: useMutation({
      mutationFn: (v: { id: string; version: number }) =>
        api.delete(`/reporting/overrides/${v.id}`, v.version),
      onSuccess: done,
    }),
  };
}

export function useReportsDue(mine: boolean) {
  return useQuery({
    queryKey: reportingKeys.due(mine),
    queryFn: ({ signal }) =>
      api.get('/reporting/reports-due', ReportsDue, {
        signal,
        query: mine ? { mine: 'true' } : {},
      }),
  });
}

export function useKpis() {
  return useQuery({
    queryKey: reportingKeys.kpis,
    queryFn: ({ signal }) => api.get('/kpis', KpiList, { signal }),
  });
}

export function useKpiMutations() {
  const client = useQueryClient();
  const done = () => void client.invalidateQueries({ queryKey: reportingKeys.kpis });
  return {
    create: useMutation({
      mutationFn: (body: z.input<typeof CreateKpiBody>) => api.post('/kpis', Kpi, body),
      onSuccess: done,
    }),
    compute: useMutation({
      mutationFn: () => api.post('/kpis/compute', ComputeResult, {}),
      onSuccess: done,
    }),
  };
}
