import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Evaluation,
  EvaluationList,
  Ranking,
  ScoringModel,
  ScoringModelList,
} from '../../../contracts/scenarios.ts';
import { api, apiRequest } from '../../api/client.ts';

export const scoringKeys = {
  all: ['scoring'] as const,
  models: ['scoring', 'models'] as const,
  ranking: (id: string) => ['scoring', 'ranking', id] as const,
  evaluations: (id: string) => ['scoring', 'evaluations', id] as const,
};

export function useScoringModels() {
  return useQuery({
    queryKey: scoringKeys.models,
    queryFn: () => api.get('/strategy/scoring-models', ScoringModelList),
  });
}

export function useRanking(modelId: string | null) {
  return useQuery({
    queryKey: scoringKeys.ranking(modelId ?? ''),
    queryFn: () => api.get(`/strategy/scoring-models/${modelId}/ranking`, Ranking),
    enabled: modelId !== null,
  });
}

export function useEvaluations(modelId: string | null) {
  return useQuery({
    queryKey: scoringKeys.evaluations(modelId ?? ''),
    queryFn: () => api.get(`/strategy/scoring-models/${modelId}/evaluations`, EvaluationList),
    enabled: modelId !== null,
  });
}

export function useInvalidateScoring() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: scoringKeys.all });
}

export const saveScoringModel = (id: string | null, body: unknown, version?: number) =>
  id
    ? apiRequest('PATCH', `/strategy/scoring-models/${id}`, ScoringModel, {
        body,
        ifMatch: version!,
      })
    : apiRequest('POST', '/strategy/scoring-models', ScoringModel, { body });

export const deleteScoringModel = (id: string, version: number) =>
  apiRequest('DELETE', `/strategy/scoring-models/${id}`, null, { ifMatch: version });

export const saveEvaluation = (
  modelId: string,
  sheet: { id: string; version: number } | null,
  body: { requestId: string; scores: Record<string, number>; comment: string },
) =>
  sheet
    ? apiRequest(
        'PATCH',
        `/strategy/scoring-models/${modelId}/evaluations/${sheet.id}`,
        Evaluation,
        {
          body: { scores: body.scores, comment: body.comment },
          ifMatch: sheet.version,
        },
      )
    : apiRequest('POST', `/strategy/scoring-models/${modelId}/evaluations`, Evaluation, { body });
