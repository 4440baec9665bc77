// Big API answers (a plan) go compressed to clients that accept it; small ones and clients that
// do not go as they are, and the ETag a write's If-Match relies on is the same either way.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPRESSION_THRESHOLD, pickEncoding } from '../../src/server/http/compression.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import { buildPortfolio, buildProject } from '../helpers/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe('pickEncoding', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['identity', undefined],
    ['gzip', 'gzip'],
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0, gzip;q=0.8', 'gzip'],
    ['BR', 'br'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['deflate', undefined],
  ] as const)('%s → %s', (header, expected) => {
    expect(pickEncoding(header)).toBe(expected);
  });
});

describe('compressed answers', () => {
  it('compresses a big plan for brotli and gzip clients, leaves small answers alone', async () => {
    const portfolio = await buildPortfolio(t);
    const project = await buildProject(t, portfolio.id, { plannedStart: '2027-01-04' });
    const pmo = (await signIn(t, 'pmo')).cookie;
    for (let i = 0; i < 60; i++) {
      const res = await call(t, pmo, {
        method: 'POST',
        url: `/api/v1/projects/${project.id}/plan/tasks`,
        payload: { name: `Tâche de recette fonctionnelle n° ${i + 1}`, duration: 1 + (i % 5) },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const url = `/api/v1/projects/${project.id}/plan`;
    const plain = await call(t, pmo, { method: 'GET', url });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(COMPRESSION_THRESHOLD);
    expect(plain.headers.vary).toContain('Accept-Encoding');

    const br = await call(t, pmo, {
      method: 'GET',
      url,
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    expect(br.headers.etag).toBe(plain.headers.etag);

    const gz = await call(t, pmo, { method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);

    const small = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/projects/${project.id}`,
      headers: { 'accept-encoding': 'br' },
    });
    expect(small.statusCode).toBe(200);
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});
