import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  FindingList,
  type FindingSeverity,
  QualityAuditList,
  QualityChecklistList,
} from '../../../contracts/governance.ts';
import { api } from '../../api/client.ts';

export interface FindingFilters {
  portfolioId: string | null;
  status: 'open' | 'closed' | null;
  severity: FindingSeverity | null;
  overdue: 'true' | 'false' | null;
}

export const qualityKeys = {
  audits: (projectId: string) => ['quality-audits', projectId] as const,
  checklists: ['quality-checklists'] as const,
  findings: (filters: FindingFilters) => ['quality-findings', filters] as const,
};

export function useQualityAudits(projectId: string) {
  return useQuery({
    queryKey: qualityKeys.audits(projectId),
    queryFn: ({ signal }) =>
      api.get(`/projects/${projectId}/quality-audits`, QualityAuditList, { signal }),
  });
}

export function useChecklists() {
  return useQuery({
    queryKey: qualityKeys.checklists,
    queryFn: ({ signal }) => api.get('/quality/checklists', QualityChecklistList, { signal }),
  });
}

export function useFindings(filters: FindingFilters) {
  return useQuery({
    queryKey: qualityKeys.findings(filters),
    queryFn: ({ signal }) =>
      api.get('/quality/findings', FindingList, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** After a quality write: the project's audits, the portfolio follow-up and the history refetch. */
export function useQualityRefresh(projectId?: string) {
  const client = useQueryClient();
  return () => {
    if (projectId) {
      void client.invalidateQueries({ queryKey: qualityKeys.audits(projectId) });
      void client.invalidateQueries({ queryKey: ['history', projectId] });
    }
    void client.invalidateQueries({ queryKey: ['quality-findings'] });
    void client.invalidateQueries({ queryKey: qualityKeys.checklists });
  };
}

/** A key for a checklist item from its label: lowercase ASCII, digits and dashes. */
export function keyOf(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 32) || 'item';
  let key = base;
  for (let n = 2; taken.has(key); n += 1) key = `${base}-${n}`;
  return key;
}
