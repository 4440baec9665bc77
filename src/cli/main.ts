/**
 * The `jalon` command: a table of sub-commands, each loaded only when called, so that
 * `jalon schedule` never loads the server, the database or the web code.
 */
export interface CommandModule {
  run(argv: string[]): Promise<number>;
}

const commands: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  start: {
    summary: 'Start the Jalon server (embedded database unless DATABASE_URL is set)',
    load: () => import('./commands/start.ts'),
  },
  migrate: {
    summary: 'Apply the database migrations',
    load: () => import('./commands/migrate.ts'),
  },
  seed: {
    summary: 'Seed the demo company, or a large synthetic portfolio for benchmarks',
    load: () => import('./commands/seed.ts'),
  },
  user: { summary: 'Create, list and disable accounts', load: () => import('./commands/user.ts') },
  schedule: {
    summary: 'Schedule a project.json or MS Project XML file (critical path)',
    load: () => import('./commands/schedule.ts'),
  },
  simulate: {
    summary: 'Monte Carlo schedule risk analysis of a project.json (P10…P90, criticality)',
    load: () => import('./commands/simulate.ts'),
  },
  optimize: {
    summary: 'Choose which candidate projects to fund and when (portfolio selection, HiGHS)',
    load: () => import('./commands/optimize.ts'),
  },
};

function printHelp(): void {
  const lines = ['Usage: jalon <command> [options]', '', 'Commands:'];
  for (const [name, cmd] of Object.entries(commands))
    lines.push(`  ${name.padEnd(10)} ${cmd.summary}`);
  lines.push('', 'Run `jalon <command> --help` for the options of a command.');
  console.log(lines.join('\n'));
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printHelp();
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) {
    console.error(`jalon: unknown command "${name}". Run \`jalon --help\` for the list.`);
    return 2;
  }
  return (await cmd.load()).run(rest);
}
