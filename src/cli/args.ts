import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A usage error: the command prints it with its help and exits 2. */
export class UsageError extends Error {}

/** Parses options strictly; unknown options and stray arguments are usage errors. */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
      strict: true,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Runs a command body, mapping usage errors to exit 2 and other failures to exit 1 with `code: message`. */
export async function runCommand(help: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`jalon: ${err.message}\n\n${help}`);
      return 2;
    }
    const e = err as Error & { code?: string };
    console.error(`jalon: ${e.code && /^[A-Z_]+$/.test(e.code) ? `${e.code}: ` : ''}${e.message}`);
    return 1;
  }
}
