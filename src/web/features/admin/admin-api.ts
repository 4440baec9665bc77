import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { AuditList, type AuditListQuery } from '../../../contracts/audit.ts';
import type { GlobalRole } from '../../../core/platform/permissions.ts';
import { UserList } from '../../../contracts/users.ts';
import { api } from '../../api/client.ts';

export const adminKeys = { users: ['users'] as const, audit: ['audit'] as const };

export function useUsers(filters: { q: string; role: GlobalRole | null }, limit = 50) {
  return useInfiniteQuery({
    queryKey: [...adminKeys.users, filters, limit],
    queryFn: ({ pageParam, signal }) =>
      api.get('/users', UserList, {
        query: { q: filters.q, role: filters.role, limit, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export type AuditFilters = Omit<z.input<typeof AuditListQuery>, 'limit' | 'cursor'>;

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: [...adminKeys.audit, filters],
    queryFn: ({ pageParam, signal }) =>
      api.get('/audit', AuditList, { query: { ...filters, limit: 50, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
