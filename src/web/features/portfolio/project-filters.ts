import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  PROJECT_SORTS,
  PROJECT_STATUSES,
  type ProjectStatus,
} from '../../../contracts/portfolio.ts';

export type ProjectSort = (typeof PROJECT_SORTS)[number];

/** What the project list is filtered and sorted by; every field lives in the URL. */
export interface ProjectFilters {
  portfolioId: string | null;
  programId: string | null;
  status: ProjectStatus[];
  managerId: string | null;
  orgUnitId: string | null;
  q: string;
  includeArchived: boolean;
  sort: ProjectSort;
  order: 'asc' | 'desc';
}

export const DEFAULT_FILTERS: ProjectFilters = {
  portfolioId: null,
  programId: null,
  status: [],
  managerId: null,
  orgUnitId: null,
  q: '',
  includeArchived: false,
  sort: 'code',
  order: 'asc',
};

const isStatus = (s: string): s is ProjectStatus =>
  (PROJECT_STATUSES as readonly string[]).includes(s);
const isSort = (s: string | null): s is ProjectSort =>
  s !== null && (PROJECT_SORTS as readonly string[]).includes(s);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = (s: string | null) => (s && UUID.test(s) ? s : null);

/** Reads filters from a URL's search params; anything unknown or malformed falls back to the default. */
export function filtersFromSearch(params: URLSearchParams): ProjectFilters {
  const sort = params.get('sort');
  return {
    portfolioId: id(params.get('portfolio')),
    programId: id(params.get('program')),
    status: [...new Set(params.getAll('status').filter(isStatus))],
    managerId: id(params.get('manager')),
    orgUnitId: id(params.get('orgUnit')),
    q: params.get('q')?.trim() ?? '',
    includeArchived: params.get('archived') === '1',
    sort: isSort(sort) ? sort : DEFAULT_FILTERS.sort,
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
  };
}

/** Writes filters as short search params, leaving defaults out so URLs stay clean. */
export function filtersToSearch(filters: ProjectFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.portfolioId) params.set('portfolio', filters.portfolioId);
  if (filters.programId) params.set('program', filters.programId);
  for (const s of filters.status) params.append('status', s);
  if (filters.managerId) params.set('manager', filters.managerId);
  if (filters.orgUnitId) params.set('orgUnit', filters.orgUnitId);
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.includeArchived) params.set('archived', '1');
  if (filters.sort !== DEFAULT_FILTERS.sort) params.set('sort', filters.sort);
  if (filters.order !== DEFAULT_FILTERS.order) params.set('order', filters.order);
  return params;
}

/** The query of `GET /projects` for these filters. */
export function filtersToQuery(filters: ProjectFilters) {
  return {
    portfolioId: filters.portfolioId,
    programId: filters.programId,
    status: filters.status,
    managerId: filters.managerId,
    orgUnitId: filters.orgUnitId,
    q: filters.q,
    includeArchived: filters.includeArchived ? 'true' : undefined,
    sort: filters.sort,
    order: filters.order,
  };
}

export function hasActiveFilters(filters: ProjectFilters): boolean {
  return (
    filters.portfolioId !== null ||
    filters.programId !== null ||
    filters.status.length > 0 ||
    filters.managerId !== null ||
    filters.orgUnitId !== null ||
    filters.q !== '' ||
    filters.includeArchived
  );
}

/** Filters bound to the URL: reading parses the search params, writing replaces them. */
export function useProjectFilters(): [ProjectFilters, (change: Partial<ProjectFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const update = useCallback(
    (change: Partial<ProjectFilters>) => {
      setParams((prev) => filtersToSearch({ ...filtersFromSearch(prev), ...change }), {
        replace: true,
      });
    },
    [setParams],
  );
  return [filters, update];
}
