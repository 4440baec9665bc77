import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Database,
  onNodePostgres,
  pgArray,
  queryBulkRows,
  queryRows,
} from '../../src/server/db/client.ts';
import { openTestDatabase } from '../helpers/app.ts';

// The big reads of a plan: one JSON text on the embedded database, plain rows on PostgreSQL —
// the same objects either way, for the column types the plan reads.
describe('queryBulkRows', () => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase());
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  const select = sql`
    select gen_random_uuid() is not null as b, n, n * 1.5::float8 as f, 'tâche « ' || n || ' »'::text as t,
           ('2027-01-04'::date + n) as d, case when n % 2 = 0 then null else n end as maybe,
           '6f1c2d1e-0000-4000-8000-00000000000' || n as id
    from generate_series(1, 5) n order by n`;

  it('reads the same objects as queryRows, on the database and in a transaction', async () => {
    const plain = await queryRows<Record<string, unknown>>(database.db, select);
    expect(plain[1]).toEqual({
      b: true,
      n: 2,
      f: 3,
      t: 'tâche « 2 »',
      d: '2027-01-06',
      maybe: null,
      id: '6f1c2d1e-0000-4000-8000-000000000002',
    });
    expect(await queryBulkRows(database.db, select)).toEqual(plain);
    await database.db.transaction(async (tx) => {
      expect(await queryBulkRows(tx, select)).toEqual(plain);
    });
    expect(await queryBulkRows(database.db, sql`select 1 as n where false`)).toEqual([]);
  });

  it('knows which driver it is on, in a transaction too', async () => {
    const expected = database.kind === 'postgres';
    expect(onNodePostgres(database.db)).toBe(expected);
    await database.db.transaction(async (tx) => {
      expect(onNodePostgres(tx)).toBe(expected);
    });
  });

  it('pgArray: values round-trip through one array parameter', async () => {
    const texts = [
      'a',
      'virgule, « guillemets »',
      'quote " and \\ backslash',
      '{braces}',
      'NULL',
      '',
      null,
    ];
    const [row] = await queryRows<{
      t: (string | null)[];
      n: (number | null)[];
      f: number[];
      b: boolean[];
    }>(
      database.db,
      sql`select ${pgArray(texts)}::text[] as t, ${pgArray([1, -2, null])}::int[] as n,
                 ${pgArray([0.5, 33.3])}::float8[] as f, ${pgArray([true, false])}::boolean[] as b`,
    );
    expect(row).toEqual({ t: texts, n: [1, -2, null], f: [0.5, 33.3], b: [true, false] });
    expect(pgArray([])).toBe('{}');
    expect(() => pgArray([Number.NaN])).toThrow(/not a finite number/);
  });
});
