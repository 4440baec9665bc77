import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  RiskCategory,
  RiskCategoryList,
  RiskSettingsView,
  type CreateRiskCategoryBody,
  type RiskSettings,
} from '../../../contracts/risks.ts';
import { apiRequest, api } from '../../api/client.ts';

export function useRiskCategories() {
  return useQuery({
    queryKey: ['risk-categories'],
    queryFn: ({ signal }) => api.get('/risk-categories', RiskCategoryList, { signal }),
    staleTime: 5 * 60_000,
  });
}

function useInvalidate(keys: string[][]) {
  const client = useQueryClient();
  const { t } = useTranslation();
  return () => {
    for (const queryKey of keys) void client.invalidateQueries({ queryKey });
    notifications.show({ color: 'green', message: t('register.saved') });
  };
}

export function useSaveRiskSettings() {
  const done = useInvalidate([['risk-settings'], ['risks'], ['risk-heatmap'], ['risk']]);
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: RiskSettings }) =>
      apiRequest('PUT', '/risk-settings', RiskSettingsView, { body, ifMatch: version }),
    onSuccess: done,
  });
}

type CategoryBody = z.input<typeof CreateRiskCategoryBody>;

export function useSaveCategory() {
  const done = useInvalidate([['risk-categories']]);
  return useMutation({
    mutationFn: ({ id, version, body }: { id?: string; version?: number; body: CategoryBody }) =>
      id
        ? api.patch(`/risk-categories/${id}`, RiskCategory, body, version)
        : api.post('/risk-categories', RiskCategory, body),
    onSuccess: done,
  });
}

export function useDeleteCategory() {
  const done = useInvalidate([['risk-categories']]);
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete(`/risk-categories/${id}`, version),
    onSuccess: done,
  });
}
