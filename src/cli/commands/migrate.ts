import { parse, runCommand } from '../args.ts';
import { withDatabase } from '../db.ts';

const help = `Usage: jalon migrate

Applies the committed SQL migrations to the configured database (DATABASE_URL, or the
embedded one in JALON_DATA_DIR). Safe to run at any time and from several instances.`;

export async function run(argv: string[]): Promise<number> {
  return runCommand(help, async () => {
    const { values } = parse(argv, {});
    if (values.help) {
      console.log(help);
      return 0;
    }
    await withDatabase(async (db) => console.log(`Migrations appliquées (${db.kind}).`));
    return 0;
  });
}
