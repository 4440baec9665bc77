import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { OrgUnitList, Person, PersonList } from '../../../contracts/org.ts';
import { api } from '../../api/client.ts';

export const orgKeys = {
  units: ['org-units'] as const,
  people: ['people'] as const,
  person: (id: string) => ['person', id] as const,
};

export function useOrgUnits(enabled = true) {
  return useQuery({
    queryKey: orgKeys.units,
    queryFn: () => api.get('/org-units', OrgUnitList),
    enabled,
  });
}

export function usePerson(id: string | null) {
  return useQuery({
    queryKey: orgKeys.person(id ?? ''),
    queryFn: () => api.get(`/people/${id}`, Person),
    enabled: id !== null,
  });
}

export function usePeople(filters: { q: string; orgUnitId: string | null }, limit = 50) {
  return useInfiniteQuery({
    queryKey: [...orgKeys.people, filters, limit],
    queryFn: ({ pageParam, signal }) =>
      api.get('/people', PersonList, {
        query: { q: filters.q, orgUnitId: filters.orgUnitId, limit, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
