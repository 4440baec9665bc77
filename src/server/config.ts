import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  JALON_DATA_DIR: z.string().default('./data'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  JALON_PUBLIC_URL: z.url().optional(),
  JALON_SEED_DEMO: bool.default(true),
  JALON_DEMO_PASSWORD: z.string().min(12, 'at least 12 characters').optional(),
  JALON_JOBS: bool.default(true),
  JALON_TRUST_PROXY: bool.default(false),
  JALON_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  JALON_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).default(120),
  JALON_SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  JALON_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(30).default(730),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Readonly<{
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  publicUrl: string | undefined;
  seedDemo: boolean;
  demoPassword: string | undefined;
  jobs: boolean;
  trustProxy: boolean;
  dbPoolSize: number;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  auditRetentionDays: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
}>;

/** Parses the environment once; on any problem, lists them all and throws. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Config> = {},
): Config {
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    databaseUrl: e.DATABASE_URL,
    dataDir: e.JALON_DATA_DIR,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.JALON_PUBLIC_URL,
    seedDemo: e.JALON_SEED_DEMO,
    demoPassword: e.JALON_DEMO_PASSWORD,
    jobs: e.JALON_JOBS,
    trustProxy: e.JALON_TRUST_PROXY,
    dbPoolSize: e.JALON_DB_POOL_SIZE,
    sessionIdleMinutes: e.JALON_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.JALON_SESSION_MAX_HOURS,
    auditRetentionDays: e.JALON_AUDIT_RETENTION_DAYS,
    logLevel: e.LOG_LEVEL,
    ...overrides,
  });
}
