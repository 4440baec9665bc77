import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type {
  CreateActionBody,
  CreateChangeRequestBody,
  CreateDecisionBody,
  CreateIssueBody,
  DecideChangeBody,
  EscalateIssueBody,
  PutRiskTaskImpactsBody,
  UpdateActionBody,
  UpdateChangeRequestBody,
  UpdateDecisionBody,
  UpdateIssueBody,
} from '../../../contracts/raid.ts';
import {
  ChangeRequestDetail,
  ChangeRequestList,
  Decision,
  DecisionList,
  Issue,
  IssueList,
  RaidAction,
  RaidActionList,
  RaidTaskOptionList,
  RiskTaskImpacts,
} from '../../../contracts/raid.ts';
import { Budget } from '../../../contracts/finance.ts';
import { api, apiRequest } from '../../api/client.ts';

/** Where a log is read: one project, or the visible projects of a programme. */
export type LogScope =
  | { projectId: string }
  | { programId: string; escalated?: 'true' }
  | { portfolioId: string; escalated: 'true' };

export const raidKeys = {
  issues: (scope: LogScope) => ['raid-issues', scope] as const,
  decisions: (scope: LogScope) => ['raid-decisions', scope] as const,
  changes: (scope: LogScope) => ['raid-changes', scope] as const,
  change: (id: string | null) => ['raid-change', id] as const,
  actions: (type: string, id: string) => ['raid-actions', type, id] as const,
  mine: ['raid-my-actions'] as const,
};

export function useIssues(scope: LogScope) {
  return useQuery({
    queryKey: raidKeys.issues(scope),
    queryFn: ({ signal }) => api.get('/issues', IssueList, { signal, query: scope }),
  });
}

export function useDecisions(scope: LogScope) {
  return useQuery({
    queryKey: raidKeys.decisions(scope),
    queryFn: ({ signal }) => api.get('/decisions', DecisionList, { signal, query: scope }),
  });
}

export function useChangeRequests(scope: LogScope) {
  return useQuery({
    queryKey: raidKeys.changes(scope),
    queryFn: ({ signal }) =>
      api.get('/change-requests', ChangeRequestList, { signal, query: scope }),
  });
}

export function useChangeRequest(id: string | null) {
  return useQuery({
    queryKey: raidKeys.change(id),
    enabled: id !== null,
    queryFn: ({ signal }) => api.get(`/change-requests/${id}`, ChangeRequestDetail, { signal }),
  });
}

export function useActionsOf(type: string, id: string | null) {
  return useQuery({
    queryKey: raidKeys.actions(type, id ?? ''),
    enabled: id !== null,
    queryFn: ({ signal }) =>
      api.get('/actions', RaidActionList, { signal, query: { sourceType: type, sourceId: id! } }),
  });
}

export function useMyActions() {
  return useQuery({
    queryKey: raidKeys.mine,
    queryFn: ({ signal }) => api.get('/my/actions', RaidActionList, { signal }),
  });
}

/** Refreshes every RAID list after a write, and says it is saved. */
function useSaved() {
  const client = useQueryClient();
  const { t } = useTranslation();
  return {
    onSuccess: () => {
      for (const key of [
        'raid-issues',
        'raid-decisions',
        'raid-changes',
        'raid-change',
        'raid-actions',
        'raid-my-actions',
        'raid-task-impacts',
        'risks',
        'risk',
        'sim-model',
      ])
        void client.invalidateQueries({ queryKey: [key] });
      notifications.show({ color: 'green', message: t('raid.saved') });
    },
  };
}

export function useSaveIssue(projectId: string) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (a: { issue: Issue | null; body: Partial<CreateIssueBody> & UpdateIssueBody }) =>
      a.issue
        ? api.patch(`/issues/${a.issue.id}`, Issue, a.body, a.issue.version)
        : api.post(`/projects/${projectId}/issues`, Issue, a.body),
    ...saved,
  });
}

export function useSaveDecision(projectId: string) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (a: {
      decision: Decision | null;
      body: Partial<CreateDecisionBody> & UpdateDecisionBody;
    }) =>
      a.decision
        ? api.patch(`/decisions/${a.decision.id}`, Decision, a.body, a.decision.version)
        : api.post(`/projects/${projectId}/decisions`, Decision, a.body),
    ...saved,
  });
}

export function useSaveChangeRequest(projectId: string) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (a: {
      change: { id: string; version: number } | null;
      body: Partial<CreateChangeRequestBody> & UpdateChangeRequestBody;
    }) =>
      a.change
        ? api.patch(
            `/change-requests/${a.change.id}`,
            ChangeRequestDetail,
            a.body,
            a.change.version,
          )
        : api.post(`/projects/${projectId}/change-requests`, ChangeRequestDetail, a.body),
    ...saved,
  });
}

export type ChangeStep = 'submit' | 'withdraw' | 'apply' | 'decide';

export function useChangeStep() {
  const saved = useSaved();
  return useMutation({
    mutationFn: (a: {
      id: string;
      version: number;
      step: ChangeStep;
      body?: Partial<DecideChangeBody>;
    }) =>
      api.post(`/change-requests/${a.id}/${a.step}`, ChangeRequestDetail, a.body ?? {}, {
        ifMatch: a.version,
      }),
    ...saved,
  });
}

export function useCreateAction() {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: CreateActionBody) => api.post('/actions', RaidAction, body),
    ...saved,
  });
}

export function useUpdateAction() {
  const saved = useSaved();
  return useMutation({
    mutationFn: (a: { action: RaidAction; body: UpdateActionBody }) =>
      api.patch(`/actions/${a.action.id}`, RaidAction, a.body, a.action.version),
    ...saved,
  });
}

/** The project budget when the caller may read it (to pick lines in a change request). */
export function useProjectBudget(projectId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['raid-budget', projectId],
    enabled,
    queryFn: ({ signal }) => api.get(`/projects/${projectId}/budget`, Budget, { signal }),
  });
}

/** The project's WBS tasks matching `q` (WBS code or name), for the task pickers. */
export function useRaidTasks(projectId: string | null, q: string, leaves = false) {
  return useQuery({
    queryKey: ['raid-tasks', projectId, q, leaves],
    enabled: projectId !== null,
    staleTime: 30_000,
    queryFn: ({ signal }) =>
      api.get(`/projects/${projectId}/raid-tasks`, RaidTaskOptionList, {
        signal,
        query: { ...(q ? { q } : {}), ...(leaves ? { leaves: 'true' } : {}), limit: '50' },
      }),
  });
}

export function useEscalateIssue() {
  const saved = useSaved();
  return useMutation({
    mutationFn: (a: { issue: Issue; body: EscalateIssueBody }) =>
      api.post(`/issues/${a.issue.id}/escalate`, Issue, a.body, { ifMatch: a.issue.version }),
    ...saved,
  });
}

export function useRiskTaskImpacts(riskId: string | null) {
  return useQuery({
    queryKey: ['raid-task-impacts', riskId],
    enabled: riskId !== null,
    queryFn: ({ signal }) => api.get(`/risks/${riskId}/task-impacts`, RiskTaskImpacts, { signal }),
  });
}

export function useSaveRiskTaskImpacts() {
  const saved = useSaved();
  return useMutation({
    mutationFn: (a: { riskId: string; version: number; body: PutRiskTaskImpactsBody }) =>
      apiRequest('PUT', `/risks/${a.riskId}/task-impacts`, RiskTaskImpacts, {
        body: a.body,
        ifMatch: a.version,
      }),
    ...saved,
  });
}
