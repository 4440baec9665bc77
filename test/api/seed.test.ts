import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseEmpty, seedDemo } from '../../src/server/seed/demo.ts';
import { type TestApp, buildTestApp } from '../helpers/app.ts';
import { buildPerson } from '../helpers/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe('demo seed', () => {
  it('is only ever seeded on an empty database', async () => {
    expect(await isDatabaseEmpty(t.ctx)).toBe(true);
    await buildPerson(t);
    expect(await isDatabaseEmpty(t.ctx)).toBe(false);
    await expect(seedDemo(t.ctx, { password: 'demo-password-123' })).rejects.toThrow(
      /already has data/,
    );
  });
});
