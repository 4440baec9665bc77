/**
 * The API reads that `public/prefetch.js` started from index.html, before the app's code was
 * downloaded (the Gantt page: the session, the project, the plan). Each response goes to the
 * first GET of the same path, once, if it is fresh and succeeded; anything else is fetched
 * as usual.
 */
interface Prefetched {
  at: number;
  responses: Record<string, Promise<Response> | undefined>;
}

declare global {
  interface Window {
    __jalonPrefetch?: Prefetched;
  }
}

/** Older than this, a prefetched response is not used (the page was left open, then used). */
const MAX_AGE_MS = 20_000;

/**
 * The prefetched response of `GET /api/v1{path}` (null inside if it failed), or null at once when
 * none was started or it is too old; each is taken once.
 */
export function takePrefetched(path: string): Promise<Response | null> | null {
  const prefetched = typeof window === 'undefined' ? undefined : window.__jalonPrefetch;
  const pending = prefetched?.responses[path];
  if (!prefetched || !pending) return null;
  prefetched.responses[path] = undefined;
  if (Date.now() - prefetched.at > MAX_AGE_MS) return null;
  return pending.then(
    (response) => (response.ok ? response : null),
    () => null,
  );
}
