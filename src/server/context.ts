import type { Config } from './config.ts';
import type { Executor } from './db/client.ts';

/** What every service function receives: the database and the configuration. */
export interface Ctx {
  db: Executor;
  config: Config;
}
