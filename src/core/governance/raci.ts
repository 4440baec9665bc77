/** RACI letters: Responsible, Accountable, Consulted, Informed. */
export const RACI_LETTERS = ['R', 'A', 'C', 'I'] as const;
export type RaciLetter = (typeof RACI_LETTERS)[number];

export interface RaciRowInput {
  key: string;
  activity: string;
  /** Column key → the letters held (a cell may hold R and A at once). */
  cells: Record<string, readonly RaciLetter[]>;
}

export type RaciProblem = 'no_accountable' | 'several_accountable' | 'no_responsible';

export interface RaciRowCheck {
  key: string;
  problems: RaciProblem[];
}

/**
 * The checks of a RACI matrix: every row has exactly one Accountable and at least one
 * Responsible. Returns the rows with problems only (an empty list: the matrix is sound).
 */
export function checkRaci(rows: readonly RaciRowInput[]): RaciRowCheck[] {
  const out: RaciRowCheck[] = [];
  for (const row of rows) {
    let a = 0;
    let r = 0;
    for (const letters of Object.values(row.cells)) {
      if (letters.includes('A')) a++;
      if (letters.includes('R')) r++;
    }
    const problems: RaciProblem[] = [];
    if (a === 0) problems.push('no_accountable');
    if (a > 1) problems.push('several_accountable');
    if (r === 0) problems.push('no_responsible');
    if (problems.length > 0) out.push({ key: row.key, problems });
  }
  return out;
}

/** Cycles a cell through the usual values: empty → R → A → A+R → C → I → empty. */
export function nextRaciValue(current: readonly RaciLetter[]): RaciLetter[] {
  const order: RaciLetter[][] = [[], ['R'], ['A'], ['A', 'R'], ['C'], ['I']];
  const key = [...current].sort().join('');
  const i = order.findIndex((o) => [...o].sort().join('') === key);
  return [...(order[(i + 1) % order.length] ?? [])];
}
