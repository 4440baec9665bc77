import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/server/db/client.ts';

// PGlite has one connection: querying the database object inside a transaction would wait for
// the transaction forever. The client turns that into an immediate, named error.
describe('embedded database transactions', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
  });
  afterAll(() => database.close());

  it('refuses a query on the database object inside an open transaction instead of hanging', async () => {
    const { db } = database;
    await db.transaction(async (tx) => {
      // Drizzle wraps it ("Failed query: …"), with the reason as its cause.
      await expect(db.execute(sql`select 1`)).rejects.toMatchObject({
        cause: { message: expect.stringMatching(/inside an open transaction/) as unknown },
      });
      const result = (await tx.execute(sql`select 2 as two`)) as unknown as {
        rows: { two: number }[];
      };
      expect(result.rows[0]?.two).toBe(2);
    });
  });

  it('lets work started in a transaction query once the transaction has ended', async () => {
    const { db } = database;
    let later: Promise<unknown> = Promise.resolve();
    await db.transaction(async () => {
      later = new Promise((resolve) => setTimeout(resolve, 10)).then(() =>
        db.execute(sql`select 3`),
      );
    });
    await expect(later).resolves.toBeDefined();
    // And queries from outside any transaction wait for it, as before.
    const done = db.transaction(async (tx) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await tx.execute(sql`select 4`);
    });
    await expect(db.execute(sql`select 5`)).resolves.toBeDefined();
    await done;
  });
});
