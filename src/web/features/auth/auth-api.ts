import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { MeResponse, SetupStatus, type Me } from '../../../contracts/auth.ts';
import type { LoginBody, PreferencesBody, SetupBody } from '../../../contracts/auth.ts';
import type { Permission } from '../../../core/platform/permissions.ts';
import { api, isApiError } from '../../api/client.ts';
import { ME_KEY } from '../../app/query-client.ts';

/** The signed-in user, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        return (await api.get('/auth/me', MeResponse)).user;
      } catch (error) {
        if (isApiError(error, 'UNAUTHENTICATED')) return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });
}

/** The signed-in user; only for components rendered behind `RequireAuth`. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside RequireAuth');
  return data;
}

export function useCan(): (permission: Permission) => boolean {
  const me = useCurrentUser();
  return (permission) => me.permissions.includes(permission);
}

export function useAuthActions() {
  const client = useQueryClient();
  return {
    login: async (body: z.input<typeof LoginBody>) => {
      const { user } = await api.post('/auth/login', MeResponse, body);
      client.clear();
      client.setQueryData(ME_KEY, user);
      return user;
    },
    setup: async (body: z.input<typeof SetupBody>) => {
      const { user } = await api.post('/auth/setup', MeResponse, body);
      client.clear();
      client.setQueryData(ME_KEY, user);
      return user;
    },
    logout: async () => {
      try {
        await api.post('/auth/logout', null);
      } finally {
        client.clear();
        client.setQueryData(ME_KEY, null);
      }
    },
    savePreferences: async (body: z.input<typeof PreferencesBody>) => {
      const { user } = await api.patch('/auth/me/preferences', MeResponse, body);
      client.setQueryData(ME_KEY, user);
    },
  };
}

export function useSetupStatus() {
  return useQuery({
    queryKey: ['setup-status'],
    queryFn: () => api.get('/auth/setup', SetupStatus),
    staleTime: Infinity,
  });
}
