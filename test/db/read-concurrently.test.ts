import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, readConcurrently } from '../../src/server/db/client.ts';
import { openTestDatabase } from '../helpers/app.ts';

// The capacity views' reads: independent selects, concurrently on PostgreSQL's pool (one
// snapshot), one after the other on PGlite or in a transaction — each query's rows, in order.
describe('readConcurrently', () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase());
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  const queries = () => [
    sql`select ${'a'}::text as v`,
    sql`select n from generate_series(1, ${3}::int) n order by n`,
    sql`select ${2}::int * 21 as v`,
    sql`select txid_current_if_assigned() is null as ro`,
  ];

  it('returns the rows of every query, in the order of the queries', async () => {
    const rows = await readConcurrently(database.db, queries());
    expect(rows).toEqual([
      [{ v: 'a' }],
      [{ n: 1 }, { n: 2 }, { n: 3 }],
      [{ v: 42 }],
      [{ ro: true }],
    ]);
    // Again: the connections came back to the pool out of their transactions.
    expect(await readConcurrently(database.db, queries())).toEqual(rows);
  });

  it('runs inside a transaction on the transaction, and fails with a failing query', async () => {
    await database.db.transaction(async (tx) => {
      const rows = await readConcurrently(tx, queries());
      expect(rows[2]).toEqual([{ v: 42 }]);
    });
    await expect(
      readConcurrently(database.db, [sql`select 1 as v`, sql`select 1 / ${0}::int`]),
    ).rejects.toThrow();
    // Nothing left half open: the pool still answers.
    expect(await readConcurrently(database.db, [sql`select 1 as v`, sql`select 2 as v`])).toEqual([
      [{ v: 1 }],
      [{ v: 2 }],
    ]);
  });
});
