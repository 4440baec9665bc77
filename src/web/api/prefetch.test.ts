// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { apiRequest } from './client.ts';
import { takePrefetched } from './prefetch.ts';

const Thing = z.object({ id: z.string() });
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  delete window.__jalonPrefetch;
  vi.unstubAllGlobals();
});

describe('takePrefetched', () => {
  it('hands a successful response to the first GET of its path, once', async () => {
    window.__jalonPrefetch = {
      at: Date.now(),
      responses: { '/things/a': Promise.resolve(json(200, { id: 'a' })) },
    };
    const fetch = vi.fn(async () => json(200, { id: 'fetched' }));
    vi.stubGlobal('fetch', fetch);
    expect(await apiRequest('GET', '/things/a', Thing)).toEqual({ id: 'a' });
    expect(fetch).not.toHaveBeenCalled();
    expect(await apiRequest('GET', '/things/a', Thing)).toEqual({ id: 'fetched' });
    expect(fetch).toHaveBeenCalledOnce();
  });

  it('fetches again when the prefetch failed, answered an error or is too old', async () => {
    window.__jalonPrefetch = {
      at: Date.now(),
      responses: {
        '/a': Promise.reject(new TypeError('network')),
        '/b': Promise.resolve(json(401, { error: { code: 'UNAUTHENTICATED', message: '' } })),
      },
    };
    expect(await takePrefetched('/a')).toBeNull();
    expect(await takePrefetched('/b')).toBeNull();
    expect(takePrefetched('/c')).toBeNull();
    window.__jalonPrefetch = {
      at: Date.now() - 60_000,
      responses: { '/d': Promise.resolve(json(200, { id: 'd' })) },
    };
    expect(takePrefetched('/d')).toBeNull();
  });

  it('is not used for writes or reads with a query', async () => {
    window.__jalonPrefetch = {
      at: Date.now(),
      responses: { '/things/a': Promise.resolve(json(200, { id: 'a' })) },
    };
    const fetch = vi.fn(async () => json(200, { id: 'fetched' }));
    vi.stubGlobal('fetch', fetch);
    await apiRequest('GET', '/things/a', Thing, { query: { q: 'x' } });
    await apiRequest('PATCH', '/things/a', Thing, { body: {} });
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(await apiRequest('GET', '/things/a', Thing)).toEqual({ id: 'a' });
  });
});
