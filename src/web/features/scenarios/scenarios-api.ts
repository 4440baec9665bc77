import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Evaluation,
  EvaluationList,
  FrontierRun,
  FrontierRunResponse,
  Ranking,
  Scenario,
  ScenarioList,
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
  body: { requestId?: string; projectId?: string; scores: Record<string, number>; comment: string },
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

// ---------------------------------------------------------------- portfolio scenarios

export const scenarioKeys = {
  all: ['portfolio-scenarios'] as const,
  one: (id: string) => ['portfolio-scenarios', id] as const,
};

export function useScenarios() {
  return useQuery({
    queryKey: scenarioKeys.all,
    queryFn: () => api.get('/strategy/scenarios', ScenarioList),
  });
}

export function useScenario(id: string | null) {
  return useQuery({
    queryKey: scenarioKeys.one(id ?? ''),
    queryFn: () => api.get(`/strategy/scenarios/${id}`, Scenario),
    enabled: id !== null,
  });
}

export function useInvalidateScenarios() {
  const qc = useQueryClient();
  return (updated?: Scenario) => {
    if (updated) qc.setQueryData(scenarioKeys.one(updated.id), updated);
    return qc.invalidateQueries({ queryKey: scenarioKeys.all, exact: true });
  };
}

export const createScenario = (body: unknown) =>
  apiRequest('POST', '/strategy/scenarios', Scenario, { body });
export const patchScenario = (id: string, body: unknown, version: number) =>
  apiRequest('PATCH', `/strategy/scenarios/${id}`, Scenario, { body, ifMatch: version });
/** The scenario's frontier job, polled while it is queued or running. */
export function useFrontierRun(id: string | null) {
  return useQuery({
    queryKey: [...scenarioKeys.one(id ?? ''), 'frontier'],
    queryFn: () => api.get(`/strategy/scenarios/${id}/frontier`, FrontierRunResponse),
    enabled: id !== null,
    refetchInterval: (q) => {
      const state = q.state.data?.run?.state;
      return state === 'queued' || state === 'running' ? 1500 : false;
    },
  });
}

export const startFrontier = (id: string, timeLimit: number, version: number) =>
  apiRequest('POST', `/strategy/scenarios/${id}/frontier`, FrontierRun, {
    body: { timeLimit },
    ifMatch: version,
  });

export const runScenario = (id: string, what: 'run', timeLimit: number, version: number) =>
  apiRequest('POST', `/strategy/scenarios/${id}/${what}`, Scenario, {
    body: { timeLimit },
    ifMatch: version,
  });
