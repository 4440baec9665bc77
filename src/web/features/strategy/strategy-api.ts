import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Contribution,
  ContributionList,
  Objective,
  ObjectiveList,
  ProjectRequest,
  RequestList,
  StrategyMap,
} from '../../../contracts/strategy.ts';
import { api, apiRequest } from '../../api/client.ts';

export const strategyKeys = {
  requests: ['strategy', 'requests'] as const,
  request: (id: string) => ['strategy', 'request', id] as const,
};

export function useRequests() {
  return useQuery({
    queryKey: strategyKeys.requests,
    queryFn: () => api.get('/strategy/requests', RequestList),
  });
}

export function useRequest(id: string) {
  return useQuery({
    queryKey: strategyKeys.request(id),
    queryFn: () => api.get(`/strategy/requests/${id}`, ProjectRequest),
  });
}

export function useInvalidateRequests() {
  const qc = useQueryClient();
  return (updated?: ProjectRequest) => {
    if (updated) qc.setQueryData(strategyKeys.request(updated.id), updated);
    return qc.invalidateQueries({ queryKey: ['strategy'] });
  };
}

export const postAction = (id: string, action: string, body: unknown, version: number) =>
  apiRequest('POST', `/strategy/requests/${id}/${action}`, ProjectRequest, {
    body,
    ifMatch: version,
  });

export const putBusinessCase = (id: string, body: unknown, version: number) =>
  apiRequest('PUT', `/strategy/requests/${id}/business-case`, ProjectRequest, {
    body,
    ifMatch: version,
  });

// ---------------------------------------------------------------- objectives and the map

export const objectiveKeys = {
  tree: ['strategy', 'objectives'] as const,
  map: ['strategy', 'map'] as const,
  contributions: (kind: 'project' | 'request', id: string) =>
    ['strategy', 'contributions', kind, id] as const,
};

export function useObjectives() {
  return useQuery({
    queryKey: objectiveKeys.tree,
    queryFn: () => api.get('/strategy/objectives', ObjectiveList),
  });
}

export function useStrategyMap() {
  return useQuery({
    queryKey: objectiveKeys.map,
    queryFn: () => api.get('/strategy/map', StrategyMap),
  });
}

export function useContributions(kind: 'project' | 'request', id: string) {
  return useQuery({
    queryKey: objectiveKeys.contributions(kind, id),
    queryFn: () =>
      api.get(
        kind === 'project'
          ? `/projects/${id}/contributions`
          : `/strategy/requests/${id}/contributions`,
        ContributionList,
      ),
  });
}

/** After a write to the tree or a contribution: the tree, the map and the contributions. */
export function useInvalidateStrategy() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: objectiveKeys.tree }),
      qc.invalidateQueries({ queryKey: objectiveKeys.map }),
      qc.invalidateQueries({ queryKey: ['strategy', 'contributions'] }),
    ]);
}

export const saveObjective = (id: string | null, body: unknown, version?: number) =>
  id
    ? apiRequest('PATCH', `/strategy/objectives/${id}`, Objective, { body, ifMatch: version! })
    : apiRequest('POST', '/strategy/objectives', Objective, { body });

export const deleteObjective = (id: string, version: number) =>
  apiRequest('DELETE', `/strategy/objectives/${id}`, null, { ifMatch: version });

export const declareContribution = (body: unknown) =>
  apiRequest('POST', '/strategy/contributions', Contribution, { body });
export const changeContribution = (id: string, body: unknown, version: number) =>
  apiRequest('PATCH', `/strategy/contributions/${id}`, Contribution, { body, ifMatch: version });
export const withdrawContribution = (id: string, version: number) =>
  apiRequest('DELETE', `/strategy/contributions/${id}`, null, { ifMatch: version });
