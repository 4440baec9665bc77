import { loadConfig } from '../../server/config.ts';
import { parse, runCommand, UsageError } from '../args.ts';

const help = `Usage: jalon start [--port N] [--host H] [--no-demo]

Starts Jalon: migrates the database, seeds the "Groupe Exemple" demo on an empty database
(unless --no-demo or JALON_SEED_DEMO=false), and serves the web app and the API.

Options:
  --port N     port to listen on (default: PORT or 3000; 0 picks a free one)
  --host H     address to listen on (default: HOST or 127.0.0.1)
  --no-demo    never seed demo data
  -h, --help   this help`;

export async function run(argv: string[]): Promise<number> {
  return runCommand(help, async () => {
    const { values } = parse(argv, {
      port: { type: 'string' },
      host: { type: 'string' },
      'no-demo': { type: 'boolean' },
    });
    if (values.help) {
      console.log(help);
      return 0;
    }
    const env = { ...process.env };
    if (values.port !== undefined) {
      if (!/^\d+$/.test(values.port))
        throw new UsageError(`--port must be a number, got "${values.port}"`);
      env.PORT = values.port;
    }
    if (values.host) env.HOST = values.host;
    if (values['no-demo']) env.JALON_SEED_DEMO = 'false';
    const config = loadConfig(env);
    const { ensureWebBuild } = await import('../web-build.ts');
    await ensureWebBuild();
    const { startServer } = await import('../../server/server.ts');
    await startServer(config);
    return 0;
  });
}
