import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance, InjectOptions } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import type { Actor } from '../../src/core/platform/actor.ts';
import type { GlobalRole } from '../../src/core/platform/permissions.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig, type Config } from '../../src/server/config.ts';
import type { Ctx } from '../../src/server/context.ts';
import { openDatabase, type Database } from '../../src/server/db/client.ts';
import { login, toActor } from '../../src/server/modules/platform/auth.service.ts';
import { findUserById } from '../../src/server/modules/platform/platform.repository.ts';
import { createUser } from '../../src/server/modules/platform/users.service.ts';
import { SYSTEM_ACTOR } from '../../src/server/seed/demo.ts';
import { withDatabase } from './global-setup.ts';

export const ORIGIN = 'http://localhost:80';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  ctx: Ctx;
  config: Config;
  close(): Promise<void>;
}

/** A fresh, migrated database for one test file: a copy of the one migrated in global setup. */
export async function openTestDatabase(): Promise<{
  database: Database;
  drop: () => Promise<void>;
}> {
  const template = inject('pgTemplate');
  if (template) {
    const name = `jalon_t_${randomBytes(6).toString('hex')}`;
    // Connected elsewhere than the template: a connection to it, even another file's for a
    // moment, makes every copy made meanwhile fail (« being accessed by other users »).
    const adminUrl = inject('pgAdmin');
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const templateName = new URL(template).pathname.slice(1);
    await admin.query(`create database ${name} template ${templateName}`);
    await admin.end();
    const database = await openDatabase({ url: withDatabase(template, name), poolSize: 5 });
    return {
      database,
      drop: async () => {
        const a = new pg.Client({ connectionString: adminUrl });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const dump = readFileSync(inject('pgliteDump'));
  const client = await PGlite.create({ loadDataDir: new Blob([dump]) });
  return { database: await openDatabase({ pglite: client }), drop: async () => undefined };
}

/** Builds the real app on a fresh database, in-process (requests go through `app.inject`). */
export async function buildTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const { database, drop } = await openTestDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', JALON_JOBS: 'false' }, overrides);
  const app = await buildApp({ config, database, logger: false, serveWeb: false });
  await app.ready();
  return {
    app,
    database,
    config,
    ctx: { db: database.db, config },
    close: async () => {
      await app.close();
      await database.close();
      await drop();
    },
  };
}

let counter = 0;
/** A short unique suffix for codes and e-mails within a test file. */
export function uniq(): string {
  counter++;
  return `${counter}${randomBytes(2).toString('hex')}`.toUpperCase();
}

export const PASSWORD = 'correct-horse-battery-staple';

/** Creates an account with a role (optionally linked to a person) and signs it in: returns its actor and cookie. */
export async function signIn(
  t: TestApp,
  role: GlobalRole,
  opts: { personId?: string | null } = {},
): Promise<{ actor: Actor; cookie: string; userId: string }> {
  const email = `user-${uniq().toLowerCase()}@exemple.test`;
  const user = await createUser(t.ctx, SYSTEM_ACTOR, {
    email,
    name: `Utilisateur ${role}`,
    role,
    password: PASSWORD,
    personId: opts.personId ?? null,
  });
  const session = await login(t.ctx, { email, password: PASSWORD, ip: `10.0.0.${counter % 250}` });
  const row = await findUserById(t.ctx.db, user.id);
  return { actor: toActor(row!), cookie: `jalon_session=${session.token}`, userId: user.id };
}

/** `app.inject` with the session cookie and a same-origin Origin header. */
export function call(t: TestApp, cookie: string | null, opts: InjectOptions) {
  return t.app.inject({
    ...opts,
    headers: {
      origin: ORIGIN,
      host: 'localhost:80',
      ...(cookie ? { cookie } : {}),
      ...(opts.headers ?? {}),
    },
  });
}
