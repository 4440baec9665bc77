import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  type AnswerRequestBody,
  type CreateResourceRequestBody,
  ResourceRequest,
  ResourceRequestList,
} from '../../../../contracts/skills.ts';
import { api } from '../../../api/client.ts';

export const requestKeys = {
  all: ['resource-requests'] as const,
  open: (status: string) => ['resource-requests', 'all', status] as const,
  project: (id: string) => ['resource-requests', 'project', id] as const,
};

export function useOpenRequests(status: string) {
  return useQuery({
    queryKey: requestKeys.open(status),
    queryFn: () =>
      api.get('/resource-requests', ResourceRequestList, {
        query: status === 'open' ? { open: 'true' } : status === 'all' ? {} : { status },
      }),
  });
}

export function useProjectRequests(projectId: string) {
  return useQuery({
    queryKey: requestKeys.project(projectId),
    queryFn: () => api.get(`/projects/${projectId}/resource-requests`, ResourceRequestList),
  });
}

/** Writes refresh the requests and the resources views (allocations change the heat map). */
export function useRequestMutation<A, R>(fn: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: requestKeys.all });
      await client.invalidateQueries({ queryKey: ['resources'] });
    },
  });
}

export const requestsApi = {
  create: (a: { projectId: string; body: z.input<typeof CreateResourceRequestBody> }) =>
    api.post(`/projects/${a.projectId}/resource-requests`, ResourceRequest, a.body),
  transition: (a: {
    id: string;
    version: number;
    action: 'submit' | 'cancel' | 'reject' | 'reopen';
    answer?: string;
  }) =>
    api.post(
      `/resource-requests/${a.id}/transition`,
      ResourceRequest,
      { action: a.action, answer: a.answer ?? '' },
      { ifMatch: a.version },
    ),
  answer: (a: { id: string; version: number; body: z.input<typeof AnswerRequestBody> }) =>
    api.post(`/resource-requests/${a.id}/allocations`, ResourceRequest, a.body, {
      ifMatch: a.version,
    }),
};
