import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { AuditList } from '../../../contracts/audit.ts';
import { MemberList } from '../../../contracts/portfolio.ts';
import type { AuditEvent } from '../../../contracts/audit.ts';
import { api } from '../../api/client.ts';

export const projectKeys = {
  members: (id: string) => ['members', id] as const,
  history: (id: string) => ['history', id] as const,
};

export function useMembers(projectId: string) {
  return useQuery({
    queryKey: projectKeys.members(projectId),
    queryFn: () => api.get(`/projects/${projectId}/members`, MemberList),
  });
}

export function useProjectHistory(projectId: string, action: AuditEvent['action'] | null) {
  return useInfiniteQuery({
    queryKey: [...projectKeys.history(projectId), action],
    queryFn: ({ pageParam, signal }) =>
      api.get(`/projects/${projectId}/history`, AuditList, {
        query: { action, limit: 30, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
