import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ProjectRequest, RequestList } from '../../../contracts/strategy.ts';
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
