import { Container } from '@mantine/core';
import { useRouteError } from 'react-router';
import { ErrorState } from '../components/states.tsx';

/** Shown instead of a page that failed to render or to load (e.g. a stale chunk after an update). */
export function RouteError() {
  const error = useRouteError();
  return (
    <Container size="sm" py="xl">
      <ErrorState error={error} onRetry={() => window.location.reload()} />
    </Container>
  );
}
