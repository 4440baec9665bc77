import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  type CreateCourseBody,
  type CreateGoalBody,
  type CreateSessionBody,
  DevelopmentGoal,
  DevelopmentGoalList,
  Enrolment,
  EnrolmentList,
  TrainingCourse,
  TrainingCourseList,
  TrainingSession,
  TrainingSessionList,
} from '../../../contracts/staffing.ts';
import { api } from '../../api/client.ts';

export const trainingKeys = {
  all: ['training'] as const,
  courses: ['training', 'courses'] as const,
  sessions: ['training', 'sessions'] as const,
  enrolments: (mine: boolean) => ['training', 'enrolments', mine] as const,
  goals: (personId: string) => ['training', 'goals', personId] as const,
};

export const useCourses = () =>
  useQuery({
    queryKey: trainingKeys.courses,
    queryFn: () => api.get('/training/courses', TrainingCourseList),
  });
export const useSessions = () =>
  useQuery({
    queryKey: trainingKeys.sessions,
    queryFn: () => api.get('/training/sessions', TrainingSessionList),
  });
export const useEnrolments = (mine: boolean) =>
  useQuery({
    queryKey: trainingKeys.enrolments(mine),
    queryFn: () =>
      api.get('/training/enrolments', EnrolmentList, { query: { mine: String(mine) } }),
  });
export const useGoals = (personId: string | null) =>
  useQuery({
    queryKey: trainingKeys.goals(personId ?? ''),
    queryFn: () => api.get(`/resources/${personId}/development-goals`, DevelopmentGoalList),
    enabled: personId !== null,
  });

/** Writes refresh training and skills (a completed course raises a level). */
export function useTrainingMutation<A, R>(fn: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: trainingKeys.all });
      await client.invalidateQueries({ queryKey: ['skills'] });
    },
  });
}

export const trainingApi = {
  createCourse: (body: z.input<typeof CreateCourseBody>) =>
    api.post('/training/courses', TrainingCourse, body),
  createSession: (body: z.input<typeof CreateSessionBody>) =>
    api.post('/training/sessions', TrainingSession, body),
  enrol: (body: { sessionId: string; personId?: string }) =>
    api.post('/training/enrolments', Enrolment, body),
  transition: (a: {
    id: string;
    version: number;
    action: 'approve' | 'reject' | 'attend' | 'complete' | 'cancel';
    evaluation?: number;
  }) =>
    api.post(
      `/training/enrolments/${a.id}/transition`,
      Enrolment,
      { action: a.action, evaluation: a.evaluation },
      { ifMatch: a.version },
    ),
  createGoal: (a: { personId: string; body: z.input<typeof CreateGoalBody> }) =>
    api.post(`/resources/${a.personId}/development-goals`, DevelopmentGoal, a.body),
  updateGoal: (a: { id: string; version: number; body: { status: DevelopmentGoal['status'] } }) =>
    api.patch(`/development-goals/${a.id}`, DevelopmentGoal, a.body, a.version),
};
