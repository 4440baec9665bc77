import { styleText } from 'node:util';
import type { Config } from './config.ts';
import { buildApp } from './app.ts';
import { migrateDatabase, openDatabase } from './db/client.ts';
import { startJobs } from './jobs/queue.ts';
import { issueSetupToken } from './modules/platform/auth.service.ts';
import { isDatabaseEmpty, seedDemo } from './seed/demo.ts';

const step = (msg: string) => console.log(`${styleText('cyan', '›')} ${msg}`);

/** `jalon start`: open the database, migrate, seed the demo on an empty one, serve. */
export async function startServer(config: Config): Promise<void> {
  const t0 = Date.now();
  step(
    config.databaseUrl
      ? 'Connexion à PostgreSQL…'
      : `Base embarquée (PGlite) dans ${config.dataDir}…`,
  );
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
  });
  step('Migrations…');
  await migrateDatabase(database);
  const ctx = { db: database.db, config };
  let demo: Awaited<ReturnType<typeof seedDemo>> | undefined;
  if (config.seedDemo && (await isDatabaseEmpty(ctx))) {
    step('Première exécution : création de la démo « Groupe Exemple »…');
    demo = await seedDemo(ctx, {
      password: config.demoPassword,
      onProgress: (s) => step(`  démo : ${s}`),
    });
  }
  const setupToken = await issueSetupToken(ctx);
  const app = await buildApp({ config, database });
  const jobs = config.jobs
    ? await startJobs(ctx, database, (msg, extra) => app.log.info(extra ?? {}, msg))
    : undefined;
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url =
    config.publicUrl ??
    `http://${config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host}:${port}`;

  const lines = [
    '',
    styleText('bold', `Jalon est prêt en ${((Date.now() - t0) / 1000).toFixed(1)} s : ${url}`),
  ];
  if (demo) {
    lines.push(
      `Démo « Groupe Exemple » : ${demo.counts.portfolios} portefeuilles, ${demo.counts.programs} programmes, ${demo.counts.projects} projets, ${demo.counts.people} personnes.`,
      'Comptes de démonstration (mot de passe identique pour tous) :',
      ...demo.accounts.map((a) => `  ${a.email.padEnd(30)} ${a.role.padEnd(10)} ${a.what}`),
      `  mot de passe : ${demo.password}` +
        (config.demoPassword ? ' (JALON_DEMO_PASSWORD)' : ' (affiché une seule fois : notez-le)'),
    );
  } else {
    lines.push(
      'Connectez-vous avec votre compte (liste : `npx jalon user list`, mot de passe perdu : `npx jalon user set-password`).',
    );
  }
  if (setupToken) {
    lines.push(
      `Créez le compte administrateur avec ce lien à usage unique : ${url}/setup?token=${setupToken}`,
    );
  }
  lines.push(`API : ${url}/api/docs — arrêt : Ctrl+C`, '');
  console.log(lines.join('\n'));

  const shutdown = async () => {
    await jobs?.stop().catch(() => undefined);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}
