import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  Absence,
  AbsenceList,
  Allocation,
  AllocationList,
  Assignment,
  AssignmentList,
  Breakdown,
  type CreateAbsenceBody,
  type CreateAllocationBody,
  HeatMap,
  ResourceDetail,
  ResourceList,
  ResourceRole,
  ResourceRoleList,
  ResourceTeamList,
  type UpdateProfileBody,
  WhatIfResult,
} from '../../../contracts/resources.ts';
import { api, apiRequest } from '../../api/client.ts';

export const resourceKeys = {
  all: ['resources'] as const,
  heatMap: (q: object) => ['resources', 'capacity', q] as const,
  breakdown: (q: object) => ['resources', 'breakdown', q] as const,
  absences: (q: object) => ['resources', 'absences', q] as const,
  allocations: (q: object) => ['resources', 'allocations', q] as const,
  people: (q: object) => ['resources', 'people', q] as const,
  person: (id: string) => ['resources', 'person', id] as const,
  roles: ['resources', 'roles'] as const,
  teams: ['resources', 'teams'] as const,
  assignments: (projectId: string, taskId: string) =>
    ['resources', 'assignments', projectId, taskId] as const,
};

export interface HeatMapQuery {
  from: string;
  unit: 'week' | 'month';
  buckets: number;
  groupBy: 'person' | 'team' | 'role' | 'orgUnit';
  includeSoft: boolean;
  overOnly: boolean;
}

export function useHeatMap(q: HeatMapQuery) {
  return useQuery({
    queryKey: resourceKeys.heatMap(q),
    queryFn: ({ signal }) =>
      api.get('/capacity', HeatMap, {
        query: { ...q, includeSoft: String(q.includeSoft), overOnly: String(q.overOnly) },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useBreakdown(
  q: { groupBy: string; key: string; from: string; to: string; includeSoft: boolean } | null,
) {
  return useQuery({
    queryKey: resourceKeys.breakdown(q ?? {}),
    queryFn: ({ signal }) =>
      api.get('/capacity/breakdown', Breakdown, {
        query: { ...q!, includeSoft: String(q!.includeSoft) },
        signal,
      }),
    enabled: q !== null,
  });
}

export function whatIf(q: HeatMapQuery, shifts: { projectId: string; days: number }[]) {
  return api.post('/capacity/what-if', WhatIfResult, { ...q, limit: 200, shifts });
}

export function useAbsences(q: { scope: 'mine' | 'team' | 'all'; from?: string; to?: string }) {
  return useQuery({
    queryKey: resourceKeys.absences(q),
    queryFn: ({ signal }) => api.get('/absences', AbsenceList, { query: q, signal }),
  });
}

export function useAllocations(q: { projectId?: string; personId?: string; status?: string }) {
  return useQuery({
    queryKey: resourceKeys.allocations(q),
    queryFn: ({ signal }) => api.get('/allocations', AllocationList, { query: q, signal }),
  });
}

export function useResources(q: { q: string; teamId: string | null; roleId: string | null }) {
  return useQuery({
    queryKey: resourceKeys.people(q),
    queryFn: ({ signal }) =>
      api.get('/resources', ResourceList, {
        query: { q: q.q, teamId: q.teamId, roleId: q.roleId, limit: 200 },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useResource(id: string | null) {
  return useQuery({
    queryKey: resourceKeys.person(id ?? ''),
    queryFn: () => api.get(`/resources/${id}`, ResourceDetail),
    enabled: id !== null,
  });
}

export function useRoles() {
  return useQuery({
    queryKey: resourceKeys.roles,
    queryFn: () => api.get('/resource-roles', ResourceRoleList),
  });
}

export function useTeams() {
  return useQuery({
    queryKey: resourceKeys.teams,
    queryFn: () => api.get('/resource-teams', ResourceTeamList),
  });
}

export function useTaskAssignments(projectId: string, taskId: string) {
  return useQuery({
    queryKey: resourceKeys.assignments(projectId, taskId),
    queryFn: () =>
      api.get(`/projects/${projectId}/assignments`, AssignmentList, { query: { taskId } }),
  });
}

/** Every write of the module refreshes all of its views (capacity depends on everything). */
export function useResourceMutation<A, R>(fn: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: resourceKeys.all }),
  });
}

export const resourcesApi = {
  requestAbsence: (body: z.input<typeof CreateAbsenceBody>) => api.post('/absences', Absence, body),
  decideAbsence: (a: { id: string; version: number; decision: 'approve' | 'reject' }) =>
    api.post(
      `/absences/${a.id}/decision`,
      Absence,
      { decision: a.decision },
      { ifMatch: a.version },
    ),
  cancelAbsence: (a: { id: string; version: number }) =>
    api.post(`/absences/${a.id}/cancel`, Absence, {}, { ifMatch: a.version }),
  createAllocation: (body: z.input<typeof CreateAllocationBody>) =>
    api.post('/allocations', Allocation, body),
  confirmAllocation: (a: { id: string; version: number }) =>
    api.patch(`/allocations/${a.id}`, Allocation, { status: 'hard' }, a.version),
  deleteAllocation: (a: { id: string; version: number }) =>
    api.delete(`/allocations/${a.id}`, a.version),
  saveProfile: (a: {
    personId: string;
    version: number;
    body: z.input<typeof UpdateProfileBody>;
  }) =>
    apiRequest('PUT', `/resources/${a.personId}/profile`, ResourceDetail, {
      body: a.body,
      ifMatch: a.version,
    }),
  setRate: (a: { personId: string; validFrom: string; rateMinor: number }) =>
    api.post(`/resources/${a.personId}/rates`, ResourceDetail, {
      validFrom: a.validFrom,
      rateMinor: a.rateMinor,
    }),
  updateRole: (a: { id: string; version: number; defaultRateMinor: number }) =>
    api.patch(
      `/resource-roles/${a.id}`,
      ResourceRole,
      { defaultRateMinor: a.defaultRateMinor },
      a.version,
    ),
  createAssignment: (a: {
    projectId: string;
    taskId: string;
    personId: string;
    effortHours: number;
  }) =>
    api.post(`/projects/${a.projectId}/assignments`, Assignment, {
      taskId: a.taskId,
      personId: a.personId,
      effortHours: a.effortHours,
    }),
  deleteAssignment: (a: { projectId: string; id: string; version: number }) =>
    api.delete(`/projects/${a.projectId}/assignments/${a.id}`, a.version),
};
