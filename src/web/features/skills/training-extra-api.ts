import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  PlannablePeople,
  TrainingCosts,
  TrainingSession,
  type UpdateSessionBody,
} from '../../../contracts/staffing.ts';
import { api } from '../../api/client.ts';
import { trainingKeys } from '../staffing/training-api.ts';

/** Session edit and cancel (If-Match), and training costs by year and department. */
export const sessionApi = {
  update: (a: { id: string; version: number; body: z.input<typeof UpdateSessionBody> }) =>
    api.patch(`/training/sessions/${a.id}`, TrainingSession, a.body, a.version),
  cancel: (a: { id: string; version: number; reason: string }) =>
    api.post(
      `/training/sessions/${a.id}/cancel`,
      TrainingSession,
      { reason: a.reason },
      { ifMatch: a.version },
    ),
};

export const useTrainingCosts = (fromYear: number, toYear: number) =>
  useQuery({
    queryKey: [...trainingKeys.all, 'costs', fromYear, toYear],
    queryFn: ({ signal }) =>
      api.get('/training/costs', TrainingCosts, {
        query: { fromYear: String(fromYear), toYear: String(toYear) },
        signal,
      }),
  });

/** Whose development plans the user may write: everyone (resource roles) or their reports. */
export const usePlannablePeople = () =>
  useQuery({
    queryKey: [...trainingKeys.all, 'plannable'],
    queryFn: ({ signal }) => api.get('/training/plannable-people', PlannablePeople, { signal }),
  });
