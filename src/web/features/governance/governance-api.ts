import {
  keepPreviousData,
  useInfiniteQuery,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import {
  ComplianceList,
  GateDecisionList,
  type GateDecisionKind,
  GlossaryList,
  Methodology,
  MethodologyList,
  ProjectGovernance,
  Raci,
} from '../../../contracts/governance.ts';
import { api } from '../../api/client.ts';

export const governanceKeys = {
  project: (projectId: string) => ['governance', projectId] as const,
  raci: (projectId: string) => ['raci', projectId] as const,
  methodologies: ['methodologies'] as const,
  methodology: (id: string, version?: number) => ['methodology', id, version ?? null] as const,
  decisions: (filters: DecisionFilters) => ['gate-decisions', filters] as const,
  compliance: (portfolioId: string | null) => ['compliance', portfolioId] as const,
  glossary: (q: string, category: string | null) => ['glossary', q, category] as const,
};

export function useProjectGovernance(projectId: string) {
  return useQuery({
    queryKey: governanceKeys.project(projectId),
    queryFn: ({ signal }) =>
      api.get(`/projects/${projectId}/governance`, ProjectGovernance, { signal }),
    retry: (count, error) =>
      count < 2 &&
      !(error instanceof Error && 'code' in error && error.code === 'LIFECYCLE_NOT_SET'),
  });
}

/** After a write on the lifecycle: the new state goes into the cache, lists are refetched when shown. */
export function useGovernanceCache(projectId: string) {
  const client = useQueryClient();
  return (g: ProjectGovernance | null) => {
    if (g) client.setQueryData(governanceKeys.project(projectId), g);
    else void client.invalidateQueries({ queryKey: governanceKeys.project(projectId) });
    void client.invalidateQueries({ queryKey: ['gate-decisions'] });
    void client.invalidateQueries({ queryKey: ['compliance'] });
    void client.invalidateQueries({ queryKey: ['history', projectId] });
  };
}

export function useRaci(projectId: string) {
  return useQuery({
    queryKey: governanceKeys.raci(projectId),
    queryFn: ({ signal }) => api.get(`/projects/${projectId}/raci`, Raci, { signal }),
  });
}

export function useMethodologies() {
  return useQuery({
    queryKey: governanceKeys.methodologies,
    queryFn: ({ signal }) => api.get('/methodologies', MethodologyList, { signal }),
  });
}

export function useMethodology(id: string | null, version?: number) {
  return useQuery({
    queryKey: governanceKeys.methodology(id ?? '', version),
    queryFn: ({ signal }) =>
      api.get(`/methodologies/${id}`, Methodology, { query: { version }, signal }),
    enabled: id !== null,
    placeholderData: keepPreviousData,
  });
}

export interface DecisionFilters {
  portfolioId: string | null;
  decision: GateDecisionKind | null;
  from: string | null;
  to: string | null;
  openConditions: 'true' | 'false' | null;
}

export function useGateDecisions(filters: DecisionFilters) {
  return useInfiniteQuery({
    queryKey: governanceKeys.decisions(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get('/gate-decisions', GateDecisionList, {
        query: { ...filters, limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useCompliance(portfolioId: string | null) {
  return useQuery({
    queryKey: governanceKeys.compliance(portfolioId),
    queryFn: ({ signal }) =>
      api.get('/governance/compliance', ComplianceList, { query: { portfolioId }, signal }),
  });
}

export function useGlossary(q: string, category: string | null, enabled = true) {
  return useQuery({
    queryKey: governanceKeys.glossary(q, category),
    queryFn: ({ signal }) => api.get('/glossary', GlossaryList, { query: { q, category }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export type ComplianceRow = z.infer<typeof ComplianceList>['items'][number];
