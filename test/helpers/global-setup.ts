import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../../src/server/db/client.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A tarball of a migrated PGlite data directory (embedded mode). */
    pgliteDump: string;
    /** A migrated template database to copy per test file (PostgreSQL mode). */
    pgTemplate: string;
    /**
     * The database to connect to when creating and dropping the copies: never the template
     * itself, which PostgreSQL copies only while no one is connected to it.
     */
    pgAdmin: string;
  }
}

/**
 * Migrates one database before all test files; each file then starts from a copy of it
 * (a PGlite dump, or a PostgreSQL template database), which is much faster than migrating.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `jalon_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    const templateUrl = withDatabase(url, template);
    const database = await openDatabase({ url: templateUrl });
    await migrateDatabase(database);
    await database.close();
    project.provide('pgTemplate', templateUrl);
    project.provide('pgAdmin', url);
    project.provide('pgliteDump', '');
    return async () => {
      await admin.query(`drop database if exists ${template} with (force)`).catch(() => undefined);
      await admin.end();
    };
  }
  const client = await PGlite.create();
  const database = await openDatabase({ pglite: client });
  await migrateDatabase(database);
  const dump = await client.dumpDataDir('none');
  const file = path.join(tmpdir(), `jalon-test-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await client.close();
  project.provide('pgliteDump', file);
  project.provide('pgTemplate', '');
  project.provide('pgAdmin', '');
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
