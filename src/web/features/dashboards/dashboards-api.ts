import { useQuery } from '@tanstack/react-query';
import { MyHome } from '../../../contracts/dashboards.ts';
import { api } from '../../api/client.ts';

export const dashboardKeys = { home: ['my-home'] as const };

/** "Mon accueil": everything the signed-in user has to look at or do. */
export function useMyHome() {
  return useQuery({
    queryKey: dashboardKeys.home,
    queryFn: ({ signal }) => api.get('/me/home', MyHome, { signal }),
  });
}
