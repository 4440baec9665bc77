import { loadConfig, type Config } from '../server/config.ts';
import { migrateDatabase, openDatabase, type Database } from '../server/db/client.ts';

/** Opens and migrates the configured database for a CLI command, and closes it afterwards. */
export async function withDatabase<T>(
  fn: (database: Database, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
  });
  try {
    await migrateDatabase(database);
    return await fn(database, config);
  } finally {
    await database.close();
  }
}
