import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, apiRequest, toQueryString } from './client.ts';

const Thing = z.object({ id: z.string(), version: z.number() });

function answer(status: number, body: unknown) {
  return vi.fn(
    async () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('apiRequest', () => {
  it('sends If-Match as a quoted version and parses the answer with the schema', async () => {
    const fetch = answer(200, { id: 'a', version: 4 });
    vi.stubGlobal('fetch', fetch);
    const thing = await apiRequest('PATCH', '/things/a', Thing, {
      body: { name: 'x' },
      ifMatch: 3,
    });
    expect(thing).toEqual({ id: 'a', version: 4 });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/things/a');
    expect((init.headers as Record<string, string>)['if-match']).toBe('"3"');
    expect(init.body).toBe('{"name":"x"}');
  });

  it('turns a 412 into a VERSION_MISMATCH error carrying the current record', async () => {
    const current = { id: 'a', version: 5 };
    vi.stubGlobal(
      'fetch',
      answer(412, { error: { code: 'VERSION_MISMATCH', message: 'stale', details: { current } } }),
    );
    const error = await apiRequest('PATCH', '/things/a', Thing, { body: {}, ifMatch: 3 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(412);
    expect((error as ApiError).code).toBe('VERSION_MISMATCH');
    expect((error as ApiError).current).toEqual(current);
  });

  it('exposes validation issues with their paths', async () => {
    const issues = [{ path: ['body', 'code'], message: 'Invalid', code: 'invalid_format' }];
    vi.stubGlobal(
      'fetch',
      answer(400, { error: { code: 'VALIDATION_FAILED', message: 'bad', details: { issues } } }),
    );
    const error = (await apiRequest('POST', '/things', Thing, { body: {} }).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues).toEqual(issues);
  });

  it('reports a body that is not an API error by its status', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 429 })),
    );
    const error = (await apiRequest('GET', '/things', Thing).catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('TOO_MANY_REQUESTS');
  });

  it('reports a network failure with status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('fetch failed'))),
    );
    const error = (await apiRequest('GET', '/things', Thing).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.code).toBe('INTERNAL');
  });

  it('refuses an answer that does not match the contract', async () => {
    vi.stubGlobal('fetch', answer(200, { id: 1 }));
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const error = (await apiRequest('GET', '/things/a', Thing).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error.code).toBe('INTERNAL');
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});

describe('toQueryString', () => {
  it('repeats arrays and skips empty values', () => {
    expect(
      toQueryString({ status: ['active', 'on_hold'], q: '', managerId: null, limit: 50 }),
    ).toBe('?status=active&status=on_hold&limit=50');
    expect(toQueryString({ q: undefined })).toBe('');
  });
});
