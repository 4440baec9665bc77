import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  LessonList,
  LessonSuggestionList,
  MigrationPreview,
  Policy,
  PolicyList,
  ProjectStandards,
  RoleDescriptionList,
  Standards,
} from '../../../contracts/methods.ts';
import { api, toQueryString } from '../../api/client.ts';

export interface LessonFilters {
  q: string;
  kind: string | null;
  category: string | null;
  methodologyId: string | null;
}

export function usePolicies() {
  return useQuery({
    queryKey: ['policies'],
    queryFn: ({ signal }) => api.get('/policies', PolicyList, { signal }),
  });
}

export function usePolicy(id: string, version?: number) {
  return useQuery({
    queryKey: ['policy', id, version ?? null],
    queryFn: ({ signal }) =>
      api.get(`/policies/${id}${version ? `?version=${version}` : ''}`, Policy, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRoleDescriptions() {
  return useQuery({
    queryKey: ['role-descriptions'],
    queryFn: ({ signal }) => api.get('/role-descriptions', RoleDescriptionList, { signal }),
  });
}

export function useLessons(f: LessonFilters) {
  return useQuery({
    queryKey: ['lessons', f],
    queryFn: ({ signal }) =>
      api.get(
        `/lessons${toQueryString({
          q: f.q || undefined,
          kind: f.kind ?? undefined,
          category: f.category ?? undefined,
          methodologyId: f.methodologyId ?? undefined,
        })}`,
        LessonList,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useProjectLessons(projectId: string) {
  return useQuery({
    queryKey: ['lessons', 'project', projectId],
    queryFn: ({ signal }) => api.get(`/projects/${projectId}/lessons`, LessonList, { signal }),
  });
}

export function useLessonSuggestions(projectId: string) {
  return useQuery({
    queryKey: ['lessons', 'suggestions', projectId],
    queryFn: ({ signal }) =>
      api.get(`/projects/${projectId}/lesson-suggestions`, LessonSuggestionList, { signal }),
  });
}

export function useMethodSuggestions(methodologyId: string | null) {
  return useQuery({
    queryKey: ['lessons', 'suggestions', 'method', methodologyId],
    queryFn: ({ signal }) =>
      api.get(`/lessons/suggestions?methodologyId=${methodologyId}`, LessonSuggestionList, {
        signal,
      }),
    enabled: Boolean(methodologyId),
  });
}

export function useStandards() {
  return useQuery({
    queryKey: ['standards'],
    queryFn: ({ signal }) => api.get('/standards', Standards, { signal }),
  });
}

export function useProjectStandards(projectId: string) {
  return useQuery({
    queryKey: ['standards', 'project', projectId],
    queryFn: ({ signal }) =>
      api.get(`/projects/${projectId}/standards`, ProjectStandards, { signal }),
  });
}

export function useMigrationPreview(projectId: string, enabled: boolean, phaseKey: string | null) {
  return useQuery({
    queryKey: ['method-migration', projectId, phaseKey],
    queryFn: ({ signal }) =>
      api.get(
        `/projects/${projectId}/method-migration${toQueryString({ phaseKey: phaseKey ?? undefined })}`,
        MigrationPreview,
        { signal },
      ),
    enabled,
  });
}
