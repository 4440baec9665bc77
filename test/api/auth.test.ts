import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { issueSetupToken } from '../../src/server/modules/platform/auth.service.ts';
import { queryRows } from '../../src/server/db/client.ts';
import { PASSWORD, type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const loginAs = (email: string, password: string, ip = '192.0.2.10') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { origin: 'http://localhost:80', host: 'localhost:80' },
    payload: { email, password },
    remoteAddress: ip,
  });

describe('first administrator', () => {
  it('creates the first admin once from the one-time setup token, then refuses the token', async () => {
    expect((await t.app.inject({ url: '/api/v1/auth/setup' })).json()).toEqual({ needed: true });
    const token = await issueSetupToken(t.ctx);
    expect(token).toBeTruthy();
    const bad = await call(t, null, {
      method: 'POST',
      url: '/api/v1/auth/setup',
      payload: {
        token: 'x'.repeat(40),
        email: 'admin@exemple.test',
        name: 'Admin',
        password: 'admin-password-123',
      },
    });
    expect(bad.json().error.code).toBe('SETUP_TOKEN_INVALID');
    const ok = await call(t, null, {
      method: 'POST',
      url: '/api/v1/auth/setup',
      payload: {
        token,
        email: 'admin@exemple.test',
        name: 'Admin',
        password: 'admin-password-123',
      },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.role).toBe('admin');
    expect(ok.headers['set-cookie']).toMatch(/jalon_session=.*HttpOnly.*SameSite=Lax/);
    const again = await call(t, null, {
      method: 'POST',
      url: '/api/v1/auth/setup',
      payload: {
        token,
        email: 'admin2@exemple.test',
        name: 'Admin',
        password: 'admin-password-123',
      },
    });
    expect(again.json().error.code).toBe('SETUP_ALREADY_DONE');
    expect(await issueSetupToken(t.ctx)).toBeNull();
  });
});

describe('sign in and out', () => {
  it('opens a session with a fresh id at each login, and /me answers with the role', async () => {
    const { actor } = await signIn(t, 'pmo');
    const a = await loginAs(actor.email, PASSWORD);
    const b = await loginAs(actor.email, PASSWORD);
    expect(a.statusCode).toBe(200);
    const cookieA = String(a.headers['set-cookie']).split(';')[0]!;
    const cookieB = String(b.headers['set-cookie']).split(';')[0]!;
    expect(cookieA).not.toEqual(cookieB);
    const me = await call(t, cookieA, { url: '/api/v1/auth/me' });
    expect(me.json().user).toMatchObject({ email: actor.email, role: 'pmo' });
    expect(me.json().user.permissions).toContain('project.create');
  });

  it('gives the same generic error for an unknown account and a wrong password', async () => {
    const { actor } = await signIn(t, 'member');
    const wrong = await loginAs(actor.email, 'not-the-password', '192.0.2.20');
    const unknown = await loginAs('nobody@exemple.test', PASSWORD, '192.0.2.21');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('throttles an account after 10 failures, even with the right password, whatever the IP', async () => {
    const { actor } = await signIn(t, 'member');
    for (let i = 0; i < 10; i++) await loginAs(actor.email, 'wrong-password', `198.51.100.${i}`);
    const res = await loginAs(actor.email, PASSWORD, '198.51.100.99');
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('TOO_MANY_REQUESTS');
  });

  it('ends the session at logout', async () => {
    const { cookie } = await signIn(t, 'member');
    expect((await call(t, cookie, { url: '/api/v1/auth/me' })).statusCode).toBe(200);
    const out = await call(t, cookie, { method: 'POST', url: '/api/v1/auth/logout' });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/jalon_session=;/);
    expect((await call(t, cookie, { url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  it('ends a session idle for longer than the idle timeout', async () => {
    const { cookie } = await signIn(t, 'member');
    const token = cookie.split('=')[1]!;
    const { sha256, forgetCachedSessions } =
      await import('../../src/server/modules/platform/auth.service.ts');
    await t.ctx.db.execute(
      sql`update sessions set last_seen_at = now() - interval '3 hours' where id = ${sha256(token)}`,
    );
    // A direct database edit reaches this process once its session cache entry expires.
    forgetCachedSessions();
    expect((await call(t, cookie, { url: '/api/v1/auth/me' })).statusCode).toBe(401);
    const left = await queryRows<{ n: number }>(
      t.ctx.db,
      sql`select count(*)::int as n from sessions where id = ${sha256(token)}`,
    );
    expect(left[0]!.n).toBe(0);
  });

  it('refuses a disabled account and ends its sessions', async () => {
    const admin = await signIn(t, 'admin');
    const victim = await signIn(t, 'member');
    const get = await call(t, admin.cookie, { url: `/api/v1/users/${victim.userId}` });
    const res = await call(t, admin.cookie, {
      method: 'PATCH',
      url: `/api/v1/users/${victim.userId}`,
      headers: { 'if-match': get.headers.etag! },
      payload: { disabled: true },
    });
    expect(res.statusCode).toBe(200);
    expect((await call(t, victim.cookie, { url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await loginAs(victim.actor.email, PASSWORD, '192.0.2.77')).json().error.code).toBe(
      'ACCOUNT_DISABLED',
    );
  });

  it('remembers language and theme per user', async () => {
    const { cookie } = await signIn(t, 'viewer');
    const res = await call(t, cookie, {
      method: 'PATCH',
      url: '/api/v1/auth/me/preferences',
      payload: { locale: 'en', theme: 'dark' },
    });
    expect(res.json().user).toMatchObject({ locale: 'en', theme: 'dark' });
    expect((await call(t, cookie, { url: '/api/v1/auth/me' })).json().user.locale).toBe('en');
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write from another origin or with no origin', async () => {
    const { cookie } = await signIn(t, 'pmo');
    const evil = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portfolios',
      headers: { cookie, origin: 'https://evil.example', host: 'localhost:80' },
      payload: { code: 'PF-EVIL', name: 'x' },
    });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().error.code).toBe('CSRF_REJECTED');
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portfolios',
      headers: { cookie, host: 'localhost:80' },
      payload: { code: 'PF-EVIL', name: 'x' },
    });
    expect(none.json().error.code).toBe('CSRF_REJECTED');
  });

  it('accepts a write whose Referer is a page of this server', async () => {
    const { cookie } = await signIn(t, 'pmo');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portfolios',
      headers: { cookie, referer: 'http://localhost:80/portfolios', host: 'localhost:80' },
      payload: { code: 'PF-REF', name: 'Par referer' },
    });
    expect(res.statusCode).toBe(201);
  });
});

describe('probes and documents', () => {
  it('answers /livez, /readyz, /metrics and the OpenAPI 3.1 document', async () => {
    expect((await t.app.inject({ url: '/livez' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/readyz' })).json()).toMatchObject({ status: 'ok' });
    expect((await t.app.inject({ url: '/metrics' })).body).toContain(
      'jalon_http_request_duration_seconds',
    );
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/projects/{id}');
    const docs = await t.app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs)/);
  });

  it('answers unknown API routes with the error body', async () => {
    const res = await t.app.inject({ url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
