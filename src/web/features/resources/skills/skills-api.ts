import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import {
  PersonSkill,
  PersonSkillList,
  type SetPersonSkillBody,
  Skill,
  SkillCategory,
  SkillCategoryList,
  SkillLevel,
  SkillLevelList,
  SkillList,
  SkillMatrix,
} from '../../../../contracts/skills.ts';
import { api, apiRequest } from '../../../api/client.ts';

export const skillKeys = {
  all: ['skills'] as const,
  categories: ['skills', 'categories'] as const,
  skills: ['skills', 'list'] as const,
  levels: ['skills', 'levels'] as const,
  person: (id: string) => ['skills', 'person', id] as const,
  matrix: (q: object) => ['skills', 'matrix', q] as const,
};

export interface MatrixFilters {
  teamId: string | null;
  orgUnitId: string | null;
  categoryId: string | null;
  skillId: string | null;
  minLevel: number | null;
  q: string;
}

export function useSkillMatrix(f: MatrixFilters) {
  return useQuery({
    queryKey: skillKeys.matrix(f),
    queryFn: ({ signal }) =>
      api.get('/skills-matrix', SkillMatrix, {
        query: {
          teamId: f.teamId,
          orgUnitId: f.orgUnitId,
          categoryId: f.categoryId,
          skillId: f.skillId,
          minLevel: f.minLevel,
          q: f.q || null,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useSkillCategories() {
  return useQuery({
    queryKey: skillKeys.categories,
    queryFn: () => api.get('/skill-categories', SkillCategoryList),
  });
}

export function useSkills() {
  return useQuery({ queryKey: skillKeys.skills, queryFn: () => api.get('/skills', SkillList) });
}

export function useSkillLevels() {
  return useQuery({
    queryKey: skillKeys.levels,
    queryFn: () => api.get('/skill-levels', SkillLevelList),
  });
}

export function usePersonSkills(personId: string | null) {
  return useQuery({
    queryKey: skillKeys.person(personId ?? ''),
    queryFn: () => api.get(`/resources/${personId}/skills`, PersonSkillList),
    enabled: personId !== null,
  });
}

/** Every write refreshes all the skills views. */
export function useSkillMutation<A, R>(fn: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: skillKeys.all }),
  });
}

/** The name of a level: the company's own, else the default wording. */
export function levelLabel(t: TFunction, levels: readonly SkillLevel[] | undefined, n: number) {
  const own = levels?.find((l) => l.level === n)?.label;
  return own ? own : t(`skills.levels.${n}`);
}

export const skillsApi = {
  createCategory: (body: { code: string; name: string; description: string }) =>
    api.post('/skill-categories', SkillCategory, body),
  updateCategory: (a: { id: string; version: number; name: string; description: string }) =>
    api.patch(
      `/skill-categories/${a.id}`,
      SkillCategory,
      { name: a.name, description: a.description },
      a.version,
    ),
  deleteCategory: (a: { id: string; version: number }) =>
    api.delete(`/skill-categories/${a.id}`, a.version),
  createSkill: (body: { categoryId: string; code: string; name: string; description: string }) =>
    api.post('/skills', Skill, body),
  updateSkill: (a: {
    id: string;
    version: number;
    categoryId: string;
    name: string;
    description: string;
  }) =>
    api.patch(
      `/skills/${a.id}`,
      Skill,
      { categoryId: a.categoryId, name: a.name, description: a.description },
      a.version,
    ),
  deleteSkill: (a: { id: string; version: number }) => api.delete(`/skills/${a.id}`, a.version),
  saveLevel: (a: { level: number; version: number; label: string; description: string }) =>
    apiRequest('PUT', `/skill-levels/${a.level}`, SkillLevel, {
      body: { label: a.label, description: a.description },
      ifMatch: a.version,
    }),
  setPersonSkill: (a: {
    personId: string;
    skillId: string;
    version: number;
    body: z.input<typeof SetPersonSkillBody>;
  }) =>
    apiRequest('PUT', `/resources/${a.personId}/skills/${a.skillId}`, PersonSkill, {
      body: a.body,
      ifMatch: a.version,
    }),
  removePersonSkill: (a: { personId: string; skillId: string; version: number }) =>
    api.delete(`/resources/${a.personId}/skills/${a.skillId}`, a.version),
};
