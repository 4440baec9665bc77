import { readFile } from 'node:fs/promises';
import {
  parseSelection,
  type SelectionResult,
  SelectionError,
} from '../core/strategy/selection.ts';
import { runOptimizer } from '../server/modules/strategy/optimizer/optimizer.ts';
import { parse, runCommand, UsageError } from './args.ts';

const help = `Usage: jalon optimize FILE [--json] [--time-limit SECONDS] [--gap FRACTION]

Chooses which candidate projects to fund, and when to start them, so that the portfolio's
value is as high as possible within the budget of each period and the capacity of each
resource pool (mixed-integer program solved with HiGHS). FILE is a selection.json (see
formats/portfolio-selection.md).

Options:
  --json                print the result as JSON (the format of portfolio-selection.md, plus
                        shadowPrices and conflicts)
  --time-limit SECONDS  stop the search after this many seconds (default 30); the best
                        portfolio found is reported as "feasible" with its gap
  --gap FRACTION        relative gap at which a solution counts as optimal (default 0.0001)
  -h, --help            show this help

Exit status: 0 solved (optimal or feasible), 3 infeasible, 1 bad input (the message names
the JSON path), 2 usage error.`;

export async function runOptimize(argv: string[]): Promise<number> {
  return runCommand(help, async () => {
    const { values, positionals } = parse(
      argv,
      { json: { type: 'boolean' }, 'time-limit': { type: 'string' }, gap: { type: 'string' } },
      true,
    );
    if (values.help) {
      console.log(help);
      return 0;
    }
    if (positionals.length !== 1) {
      throw new UsageError(
        positionals.length === 0 ? 'optimize needs a FILE' : 'optimize takes one FILE',
      );
    }
    const timeLimit = values['time-limit'] === undefined ? 30 : Number(values['time-limit']);
    if (!Number.isFinite(timeLimit) || timeLimit <= 0)
      throw new UsageError('--time-limit must be a positive number of seconds');
    const gap = values.gap === undefined ? 1e-4 : Number(values.gap);
    if (!Number.isFinite(gap) || gap < 0 || gap >= 1)
      throw new UsageError('--gap must be a fraction between 0 and 1');
    const file = positionals[0]!;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      throw Object.assign(new Error(`cannot read ${file} (${e.code ?? e.message})`), {
        code: 'INVALID_FILE',
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw Object.assign(new Error(`${file}: not valid JSON (${(error as Error).message})`), {
        code: 'INVALID_FILE',
      });
    }
    let problem;
    try {
      problem = parseSelection(json);
    } catch (error) {
      if (error instanceof SelectionError)
        throw Object.assign(new Error(`${file}: ${error.message}`), { code: error.code });
      throw error;
    }
    const result = await runOptimizer(problem, { timeLimit, relativeGap: gap });
    process.stdout.write(
      values.json ? `${JSON.stringify(result, null, 2)}\n` : formatText(result, problem.candidates),
    );
    return result.status === 'infeasible' ? 3 : 0;
  });
}

const fmt = (x: number): string =>
  Number.isInteger(x)
    ? x.toLocaleString('fr-FR')
    : x.toLocaleString('fr-FR', { maximumFractionDigits: 6 });

/** A readable summary: status, value, the portfolio, use of each constrained resource. */
export function formatText(
  result: SelectionResult,
  candidates: readonly { id: string; name: string; value: number }[],
): string {
  const out: string[] = [];
  if (result.status === 'infeasible') {
    out.push('Infeasible: the mandatory candidates cannot all be funded.');
    out.push('Constraints that cannot hold:');
    for (const c of result.conflicts) out.push(`  ${c}`);
    return `${out.join('\n')}\n`;
  }
  const byId = new Map(candidates.map((c) => [c.id, c]));
  out.push(
    `Status: ${result.status}${result.status === 'feasible' ? ` (gap ${((result.gap ?? 0) * 100).toFixed(3)} %)` : ''}`,
  );
  out.push(`Value: ${fmt(result.objective ?? 0)}`);
  out.push('', `Selected (${result.selected.length}):`);
  const w = Math.max(2, ...result.selected.map((s) => s.id.length));
  for (const s of result.selected) {
    const c = byId.get(s.id);
    out.push(
      `  ${s.id.padEnd(w)}  ${s.start.padEnd(10)}  ${fmt(c?.value ?? 0).padStart(8)}  ${c?.name ?? ''}`,
    );
  }
  out.push('', `Rejected (${result.rejected.length}): ${result.rejected.join(', ') || '—'}`);
  out.push('', 'Binding constraints (shadow price: value per extra unit):');
  if (result.binding.length === 0 && Object.keys(result.shadowPrices).length === 0)
    out.push('  none');
  const keys = new Set([...result.binding, ...Object.keys(result.shadowPrices)]);
  for (const key of keys) {
    const price = result.shadowPrices[key];
    out.push(
      `  ${key}${result.binding.includes(key) ? '' : ' (slack left)'}${price !== undefined ? `  ${fmt(price)}` : ''}`,
    );
  }
  return `${out.join('\n')}\n`;
}
