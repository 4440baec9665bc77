import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  type CreatePackBody,
  type CreateSubscriptionBody,
  type CreateTemplateBody,
  Delivery,
  DeliveryList,
  Pack,
  PackList,
  PackTemplate,
  SmtpSettings,
  Subscription,
  SubscriptionList,
  TemplateList,
  type UpdateSmtpBody,
  type UpdateSubscriptionBody,
  type UpdateTemplateBody,
} from '../../../../contracts/copil.ts';
import { api, apiRequest } from '../../../api/client.ts';

export const copilKeys = {
  packs: ['copil-packs'] as const,
  templates: ['copil-templates'] as const,
  subscriptions: ['report-subscriptions'] as const,
  deliveries: ['report-deliveries'] as const,
  smtp: ['smtp'] as const,
};

const busy = (items: Pack[] | undefined) =>
  (items ?? []).some((p) => p.state === 'queued' || p.state === 'running');

/** The pack history; polled every second and a half while a pack is being generated. */
export function usePacks() {
  return useQuery({
    queryKey: copilKeys.packs,
    queryFn: ({ signal }) => api.get('/copil/packs', PackList, { signal }),
    refetchInterval: (q) => (busy(q.state.data?.items) ? 1500 : false),
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: copilKeys.templates,
    queryFn: ({ signal }) => api.get('/copil/templates', TemplateList, { signal }),
  });
}

export function useSubscriptions(enabled: boolean) {
  return useQuery({
    queryKey: copilKeys.subscriptions,
    queryFn: ({ signal }) => api.get('/report-subscriptions', SubscriptionList, { signal }),
    enabled,
  });
}

export function useDeliveries(enabled: boolean) {
  return useQuery({
    queryKey: copilKeys.deliveries,
    queryFn: ({ signal }) => api.get('/report-deliveries', DeliveryList, { signal }),
    enabled,
  });
}

export function useSmtp(enabled: boolean) {
  return useQuery({
    queryKey: copilKeys.smtp,
    queryFn: ({ signal }) => api.get('/admin/smtp', SmtpSettings, { signal }),
    enabled,
  });
}

export function useCopilMutations() {
  const client = useQueryClient();
  const refresh =
    (...keys: (readonly string[])[]) =>
    () => {
      for (const key of keys) void client.invalidateQueries({ queryKey: key });
    };
  return {
    generate: useMutation({
      mutationFn: (body: z.input<typeof CreatePackBody>) => api.post('/copil/packs', Pack, body),
      onSuccess: refresh(copilKeys.packs),
    }),
    createTemplate: useMutation({
      mutationFn: (body: z.input<typeof CreateTemplateBody>) =>
        api.post('/copil/templates', PackTemplate, body),
      onSuccess: refresh(copilKeys.templates),
    }),
    updateTemplate: useMutation({
      mutationFn: (v: { template: PackTemplate; body: z.input<typeof UpdateTemplateBody> }) =>
        api.patch(`/copil/templates/${v.template.id}`, PackTemplate, v.body, v.template.version),
      onSuccess: refresh(copilKeys.templates),
    }),
    createSubscription: useMutation({
      mutationFn: (body: z.input<typeof CreateSubscriptionBody>) =>
        api.post('/report-subscriptions', Subscription, body),
      onSuccess: refresh(copilKeys.subscriptions),
    }),
    updateSubscription: useMutation({
      mutationFn: (v: { sub: Subscription; body: z.input<typeof UpdateSubscriptionBody> }) =>
        api.patch(`/report-subscriptions/${v.sub.id}`, Subscription, v.body, v.sub.version),
      onSuccess: refresh(copilKeys.subscriptions),
    }),
    deleteSubscription: useMutation({
      mutationFn: (sub: Subscription) => api.delete(`/report-subscriptions/${sub.id}`, sub.version),
      onSuccess: refresh(copilKeys.subscriptions, copilKeys.deliveries),
    }),
    sendNow: useMutation({
      mutationFn: (sub: Subscription) =>
        api.post(`/report-subscriptions/${sub.id}/send`, Delivery, {}),
      onSettled: refresh(copilKeys.subscriptions, copilKeys.deliveries),
    }),
    saveSmtp: useMutation({
      mutationFn: (v: { version: number; body: z.input<typeof UpdateSmtpBody> }) =>
        apiRequest('PUT', '/admin/smtp', SmtpSettings, { body: v.body, ifMatch: v.version }),
      onSuccess: refresh(copilKeys.smtp),
    }),
    testSmtp: useMutation({
      mutationFn: (to: string) => api.post('/admin/smtp/test', null, { to }),
    }),
  };
}

/** The download address of a generated pack (same-origin GET with the session cookie). */
export const packFileUrl = (id: string) => `/api/v1/copil/packs/${id}/file`;
