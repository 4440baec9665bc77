import { useMantineColorScheme } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorState, PageLoader } from '../components/states.tsx';
import { useMe } from '../features/auth/auth-api.ts';
import { changeLocale, currentLocale } from '../i18n.ts';

/** Renders its children for a signed-in user, sends anyone else to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const { setColorScheme } = useMantineColorScheme();
  const appliedFor = useRef<string | null>(null);

  // The user's saved language and theme win over this browser's, once per sign-in.
  useEffect(() => {
    const user = me.data;
    if (!user || appliedFor.current === user.id) return;
    appliedFor.current = user.id;
    if (user.locale && user.locale !== currentLocale()) void changeLocale(user.locale);
    setColorScheme(user.theme);
  }, [me.data, setColorScheme]);

  if (me.isPending) return <PageLoader />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return (
      <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />
    );
  }
  return children;
}
