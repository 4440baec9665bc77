import { parse, runCommand, UsageError } from '../args.ts';
import { withDatabase } from '../db.ts';

const help = `Usage: jalon seed --demo [--json]
       jalon seed --scale N [--json]

  --demo      seed "Groupe Exemple" (only on a database with no accounts); the demo
              accounts' password is JALON_DEMO_PASSWORD, or a random one that is printed
  --scale N   add a synthetic portfolio: N projects, 25×N people and memberships
  --json      print the result as JSON`;

export async function run(argv: string[]): Promise<number> {
  return runCommand(help, async () => {
    const { values } = parse(argv, {
      demo: { type: 'boolean' },
      scale: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help) {
      console.log(help);
      return 0;
    }
    if (!values.demo && values.scale === undefined) throw new UsageError('say --demo or --scale N');
    if (values.demo && values.scale !== undefined)
      throw new UsageError('--demo and --scale do not go together');
    return withDatabase(async (database, config) => {
      const ctx = { db: database.db, config };
      // Running servers forget the project views they hold once the seed is written.
      const { projectViewsChanged } =
        await import('../../server/modules/portfolio/project-view-cache.ts');
      if (values.demo) {
        const { seedDemo } = await import('../../server/seed/demo.ts');
        const result = await seedDemo(ctx, {
          password: config.demoPassword,
          onProgress: (s) => values.json || console.log(`› ${s}`),
        });
        if (values.json) console.log(JSON.stringify(result, null, 2));
        else {
          console.log(
            `Démo créée : ${result.counts.projects} projets, ${result.counts.people} personnes.`,
          );
          for (const a of result.accounts) console.log(`  ${a.email} (${a.role})`);
          console.log(`  mot de passe : ${result.password}`);
        }
        await projectViewsChanged(database.db);
        return 0;
      }
      const n = Number(values.scale);
      if (!Number.isInteger(n) || n < 1 || n > 100_000)
        throw new UsageError(
          `--scale must be a whole number from 1 to 100000, got "${values.scale}"`,
        );
      const { seedSynthetic } = await import('../../server/seed/synthetic.ts');
      const result = await seedSynthetic(ctx, { projects: n });
      await projectViewsChanged(database.db);
      console.log(
        values.json
          ? JSON.stringify(result)
          : `Portefeuille synthétique : ${result.projects} projets, ${result.people} personnes, ${result.memberships} affectations.`,
      );
      return 0;
    });
  });
}
