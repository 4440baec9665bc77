import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  type CreatePostingBody,
  type RealisePostingBody,
  TrainingCostPosting,
  TrainingCostPostingList,
} from '../../../contracts/skills.ts';
import { api } from '../../api/client.ts';
import { trainingKeys } from '../staffing/training-api.ts';

const key = [...trainingKeys.all, 'postings'] as const;

/** Training costs posted to project budgets (the projects the user sees). */
export const usePostings = (enabled: boolean) =>
  useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api.get('/training/postings', TrainingCostPostingList, { signal }),
    enabled,
  });

export const postingApi = {
  create: (a: { sessionId: string; body: z.input<typeof CreatePostingBody> }) =>
    api.post(`/training/sessions/${a.sessionId}/postings`, TrainingCostPosting, a.body),
  realise: (a: { id: string; version: number; body: z.input<typeof RealisePostingBody> }) =>
    api.post(`/training/postings/${a.id}/realise`, TrainingCostPosting, a.body, {
      ifMatch: a.version,
    }),
  reviewed: (a: { id: string; version: number }) =>
    api.post(`/training/postings/${a.id}/reviewed`, TrainingCostPosting, undefined, {
      ifMatch: a.version,
    }),
  remove: (a: { id: string; version: number }) =>
    api.delete(`/training/postings/${a.id}`, a.version),
};

/** A posting write; the postings and every project's budget and costs are read again. */
export function usePostingMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: key });
      await qc.invalidateQueries({ queryKey: ['budget'] });
      await qc.invalidateQueries({ queryKey: ['costs'] });
    },
  });
}
