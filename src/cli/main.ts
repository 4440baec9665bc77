/**
 * The `jalon` command: a table of sub-commands, each loaded only when called, so that
 * `jalon schedule` never loads the server, the database or the web code.
 */
export interface CommandModule {
  summary: string;
  run(argv: string[]): Promise<number>;
}

const commands: Record<string, () => Promise<CommandModule>> = {
  start: () => import('./commands/start.ts'),
  migrate: () => import('./commands/migrate.ts'),
  seed: () => import('./commands/seed.ts'),
  user: () => import('./commands/user.ts'),
};

async function printHelp(): Promise<void> {
  const lines = ['Usage: jalon <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(commands)) {
    const mod = await load();
    lines.push(`  ${name.padEnd(10)} ${mod.summary}`);
  }
  lines.push('', 'Run `jalon <command> --help` for the options of a command.');
  console.log(lines.join('\n'));
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await printHelp();
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    console.error(`jalon: unknown command "${name}". Run \`jalon --help\` for the list.`);
    return 2;
  }
  const mod = await load();
  return mod.run(rest);
}
