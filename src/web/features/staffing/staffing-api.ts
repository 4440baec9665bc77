import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Bench, CandidateList } from '../../../contracts/staffing.ts';
import { api } from '../../api/client.ts';

export const staffingKeys = {
  all: ['staffing'] as const,
  candidates: (id: string, q: object) => ['resource-requests', 'candidates', id, q] as const,
  bench: (q: object) => ['staffing', 'bench', q] as const,
};

/** Weight presets of the ranking (skills, availability, cost). */
export const PRESETS = {
  balanced: { wSkills: 50, wAvailability: 35, wCost: 15 },
  skills: { wSkills: 70, wAvailability: 20, wCost: 10 },
  availability: { wSkills: 30, wAvailability: 60, wCost: 10 },
  cost: { wSkills: 35, wAvailability: 25, wCost: 40 },
} as const;
export type Preset = keyof typeof PRESETS;

export function useCandidates(requestId: string, preset: Preset, qualifiedOnly: boolean) {
  const query = { ...PRESETS[preset], qualifiedOnly: String(qualifiedOnly), limit: 15 };
  return useQuery({
    // Under 'resource-requests' so that answering a request refreshes the ranking.
    queryKey: staffingKeys.candidates(requestId, query),
    queryFn: ({ signal }) =>
      api.get(`/resource-requests/${requestId}/candidates`, CandidateList, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export interface BenchFilters {
  from: string;
  to: string;
  skillId: string | null;
  minLevel: number;
  orgUnitId: string | null;
  teamId: string | null;
  maxUtilisation: number;
}

export function useBench(f: BenchFilters, enabled: boolean) {
  return useQuery({
    queryKey: staffingKeys.bench(f),
    queryFn: ({ signal }) =>
      api.get('/staffing/bench', Bench, {
        query: {
          from: f.from,
          to: f.to,
          skillId: f.skillId,
          minLevel: f.minLevel,
          orgUnitId: f.orgUnitId,
          teamId: f.teamId,
          maxUtilisation: f.maxUtilisation,
        },
        signal,
      }),
    enabled,
    placeholderData: keepPreviousData,
  });
}
