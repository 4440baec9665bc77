import {
  keepPreviousData,
  useInfiniteQuery,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { Portfolio, Program, Project, ProjectList, Tree } from '../../../contracts/portfolio.ts';
import { api } from '../../api/client.ts';
import { filtersToQuery, type ProjectFilters } from './project-filters.ts';

export const portfolioKeys = {
  tree: ['tree'] as const,
  portfolio: (id: string) => ['portfolio', id] as const,
  program: (id: string) => ['program', id] as const,
  projects: ['projects'] as const,
  project: (id: string) => ['project', id] as const,
};

/** Portfolios and their programs, with project counts: the navigation tree and the pickers. */
export function useTree() {
  return useQuery({ queryKey: portfolioKeys.tree, queryFn: () => api.get('/tree', Tree) });
}

export function usePortfolio(id: string | null) {
  return useQuery({
    queryKey: portfolioKeys.portfolio(id ?? ''),
    queryFn: () => api.get(`/portfolios/${id}`, Portfolio),
    enabled: id !== null,
  });
}

export function useProgram(id: string | null) {
  return useQuery({
    queryKey: portfolioKeys.program(id ?? ''),
    queryFn: () => api.get(`/programs/${id}`, Program),
    enabled: id !== null,
  });
}

export function useProject(id: string) {
  return useQuery({
    queryKey: portfolioKeys.project(id),
    queryFn: () => api.get(`/projects/${id}`, Project),
  });
}

const PAGE_SIZE = 50;

/** One list of projects, page after page ("load more"), for filters or for a parent. */
export function useProjectList(
  filters: ProjectFilters,
  extra: { parentId?: string; topLevel?: boolean } = {},
) {
  return useInfiniteQuery({
    queryKey: [...portfolioKeys.projects, filters, extra],
    queryFn: ({ pageParam, signal }) =>
      api.get('/projects', ProjectList, {
        query: {
          ...filtersToQuery(filters),
          parentId: extra.parentId,
          topLevel: extra.topLevel === undefined ? undefined : String(extra.topLevel),
          limit: PAGE_SIZE,
          cursor: pageParam,
        },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** After any write in the hierarchy: lists, counts and the tree may all have changed. */
export function useInvalidateHierarchy() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: portfolioKeys.tree }),
      client.invalidateQueries({ queryKey: portfolioKeys.projects }),
      client.invalidateQueries({ queryKey: ['portfolio'] }),
      client.invalidateQueries({ queryKey: ['program'] }),
    ]);
}
