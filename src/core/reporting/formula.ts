/**
 * The KPI formula language: numbers, metric codes, + - * /, comparisons (< <= > >= = !=, giving
 * 1 or 0), `and` / `or` / `not`, parentheses, and the functions min, max, abs, round, if.
 * Parsed once into an AST (checked against the known metrics when a KPI is saved), then
 * evaluated over plain numbers: no eval, no Function, no property access.
 * A missing value (a metric unknown for a project, a division by zero) is `null` and propagates,
 * except through `if` branches not taken and min/max, which skip nulls.
 */

export type Node =
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'metric'; code: string; pos: number }
  | { kind: 'unary'; op: '-' | 'not'; arg: Node; pos: number }
  | { kind: 'binary'; op: BinaryOp; left: Node; right: Node; pos: number }
  | { kind: 'call'; fn: FunctionName; args: Node[]; pos: number };

export type BinaryOp = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '=' | '!=' | 'and' | 'or';

const FUNCTIONS = {
  min: { min: 1, max: Infinity },
  max: { min: 1, max: Infinity },
  abs: { min: 1, max: 1 },
  round: { min: 1, max: 2 },
  if: { min: 3, max: 3 },
} as const;
export type FunctionName = keyof typeof FUNCTIONS;

/** Why a formula is refused, and where (0-based character offset). */
export interface FormulaIssue {
  reason: 'syntax' | 'unknown_metric' | 'unknown_function' | 'arity' | 'too_long';
  position: number;
  /** The offending token or name, when there is one. */
  token: string;
  message: string;
}

export type ParseResult =
  { ok: true; ast: Node; metrics: string[] } | { ok: false; issue: FormulaIssue };

interface Token {
  type: 'num' | 'id' | 'op' | '(' | ')' | ',' | 'end';
  text: string;
  pos: number;
}

const MAX_LENGTH = 2000;
const MAX_DEPTH = 64;

class Fail extends Error {
  readonly issue: FormulaIssue;
  constructor(issue: FormulaIssue) {
    super(issue.message);
    this.issue = issue;
  }
}

const fail = (reason: FormulaIssue['reason'], position: number, token: string, message: string) =>
  new Fail({ reason, position, token, message });

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const num = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ type: 'num', text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
    if (id) {
      out.push({ type: 'id', text: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '!=' || two === '==' || two === '<>') {
      out.push({ type: 'op', text: two === '==' ? '=' : two === '<>' ? '!=' : two, pos: i });
      i += 2;
      continue;
    }
    if ('+-*/<>='.includes(c)) {
      out.push({ type: 'op', text: c, pos: i });
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      out.push({ type: c, text: c, pos: i });
      i++;
      continue;
    }
    throw fail('syntax', i, c, `Unexpected character "${c}" at position ${i + 1}`);
  }
  out.push({ type: 'end', text: '', pos: src.length });
  return out;
}

/** Precedence climbing: or < and < comparison < + - < * / < unary. */
const LEVELS: string[][] = [
  ['or'],
  ['and'],
  ['<', '<=', '>', '>=', '=', '!='],
  ['+', '-'],
  ['*', '/'],
];

function parseTokens(tokens: Token[]): Node {
  let k = 0;
  const peek = () => tokens[k]!;
  const isOp = (t: Token, ops: string[]) =>
    (t.type === 'op' && ops.includes(t.text)) ||
    (t.type === 'id' && ops.includes(t.text.toLowerCase()));

  const level = (n: number, depth: number): Node => {
    if (depth > MAX_DEPTH)
      throw fail('syntax', peek().pos, peek().text, 'Formula nested too deeply');
    if (n === LEVELS.length) return unary(depth);
    let left = level(n + 1, depth + 1);
    while (isOp(peek(), LEVELS[n]!)) {
      const t = tokens[k++]!;
      const right = level(n + 1, depth + 1);
      left = { kind: 'binary', op: t.text.toLowerCase() as BinaryOp, left, right, pos: t.pos };
    }
    return left;
  };

  const unary = (depth: number): Node => {
    const t = peek();
    if (isOp(t, ['-', 'not'])) {
      k++;
      return {
        kind: 'unary',
        op: t.text.toLowerCase() as '-' | 'not',
        arg: unary(depth + 1),
        pos: t.pos,
      };
    }
    if (isOp(t, ['+'])) {
      k++;
      return unary(depth + 1);
    }
    return primary(depth);
  };

  const primary = (depth: number): Node => {
    const t = tokens[k++]!;
    if (t.type === 'num') {
      const value = Number(t.text);
      if (!Number.isFinite(value))
        throw fail('syntax', t.pos, t.text, `Number out of range: ${t.text}`);
      return { kind: 'number', value, pos: t.pos };
    }
    if (t.type === '(') {
      const inner = level(0, depth + 1);
      const close = tokens[k++]!;
      if (close.type !== ')')
        throw fail('syntax', close.pos, close.text, `Expected ")" at position ${close.pos + 1}`);
      return inner;
    }
    if (t.type === 'id' && !['and', 'or', 'not'].includes(t.text.toLowerCase())) {
      if (peek().type === '(') {
        const name = t.text.toLowerCase();
        k++;
        const args: Node[] = [];
        if (peek().type !== ')') {
          for (;;) {
            args.push(level(0, depth + 1));
            if (peek().type === ',') {
              k++;
              continue;
            }
            break;
          }
        }
        const close = tokens[k++]!;
        if (close.type !== ')')
          throw fail(
            'syntax',
            close.pos,
            close.text,
            `Expected ")" or "," at position ${close.pos + 1}`,
          );
        if (!(name in FUNCTIONS))
          throw fail(
            'unknown_function',
            t.pos,
            t.text,
            `Unknown function "${t.text}" at position ${t.pos + 1}`,
          );
        const arity = FUNCTIONS[name as FunctionName];
        if (args.length < arity.min || args.length > arity.max)
          throw fail(
            'arity',
            t.pos,
            t.text,
            `Wrong number of arguments for ${name}() at position ${t.pos + 1}`,
          );
        return { kind: 'call', fn: name as FunctionName, args, pos: t.pos };
      }
      return { kind: 'metric', code: t.text, pos: t.pos };
    }
    const what = t.type === 'end' ? 'end of formula' : `"${t.text}"`;
    throw fail('syntax', t.pos, t.text, `Unexpected ${what} at position ${t.pos + 1}`);
  };

  const ast = level(0, 0);
  const rest = peek();
  if (rest.type !== 'end')
    throw fail(
      'syntax',
      rest.pos,
      rest.text,
      `Unexpected "${rest.text}" at position ${rest.pos + 1}`,
    );
  return ast;
}

/** The metric codes a formula uses, in order of first use. */
export function metricsOf(ast: Node): string[] {
  const seen = new Set<string>();
  const walk = (n: Node) => {
    switch (n.kind) {
      case 'number':
        return;
      case 'metric':
        seen.add(n.code);
        return;
      case 'unary':
        return walk(n.arg);
      case 'binary':
        walk(n.left);
        return walk(n.right);
      case 'call':
        return n.args.forEach(walk);
    }
  };
  walk(ast);
  return [...seen];
}

/**
 * Parses a formula and checks it against the known metric codes (when given).
 * @example parseFormula('earned_pct / planned_pct', new Set(['earned_pct', 'planned_pct']))
 */
export function parseFormula(src: string, known?: ReadonlySet<string>): ParseResult {
  try {
    if (src.length > MAX_LENGTH)
      throw fail('too_long', MAX_LENGTH, '', `Formula longer than ${MAX_LENGTH} characters`);
    const ast = parseTokens(tokenize(src));
    if (known) {
      const find = (n: Node): Node | null => {
        switch (n.kind) {
          case 'number':
            return null;
          case 'metric':
            return known.has(n.code) ? null : n;
          case 'unary':
            return find(n.arg);
          case 'binary':
            return find(n.left) ?? find(n.right);
          case 'call':
            for (const a of n.args) {
              const f = find(a);
              if (f) return f;
            }
            return null;
        }
      };
      const bad = find(ast);
      if (bad && bad.kind === 'metric')
        throw fail(
          'unknown_metric',
          bad.pos,
          bad.code,
          `Unknown metric "${bad.code}" at position ${bad.pos + 1}`,
        );
    }
    return { ok: true, ast, metrics: metricsOf(ast) };
  } catch (err) {
    if (err instanceof Fail) return { ok: false, issue: err.issue };
    throw err;
  }
}

const num = (b: boolean) => (b ? 1 : 0);

/**
 * Evaluates an AST over metric values. A metric missing from `values` or null is a missing
 * value; a division by zero is a missing value; non-finite results become missing values.
 */
export function evaluate(
  ast: Node,
  values: Readonly<Record<string, number | null | undefined>>,
): number | null {
  const ev = (n: Node): number | null => {
    switch (n.kind) {
      case 'number':
        return n.value;
      case 'metric': {
        const v = Object.prototype.hasOwnProperty.call(values, n.code) ? values[n.code] : null;
        return typeof v === 'number' && Number.isFinite(v) ? v : null;
      }
      case 'unary': {
        const a = ev(n.arg);
        if (a === null) return null;
        return n.op === '-' ? -a : num(a === 0);
      }
      case 'binary': {
        const a = ev(n.left);
        const b = ev(n.right);
        if (a === null || b === null) return null;
        switch (n.op) {
          case '+':
            return a + b;
          case '-':
            return a - b;
          case '*':
            return a * b;
          case '/':
            return b === 0 ? null : a / b;
          case '<':
            return num(a < b);
          case '<=':
            return num(a <= b);
          case '>':
            return num(a > b);
          case '>=':
            return num(a >= b);
          case '=':
            return num(Math.abs(a - b) < 1e-9);
          case '!=':
            return num(Math.abs(a - b) >= 1e-9);
          case 'and':
            return num(a !== 0 && b !== 0);
          case 'or':
            return num(a !== 0 || b !== 0);
        }
        return null;
      }
      case 'call': {
        switch (n.fn) {
          case 'if': {
            const c = ev(n.args[0]!);
            if (c === null) return null;
            return ev(n.args[c !== 0 ? 1 : 2]!);
          }
          case 'min':
          case 'max': {
            const xs = n.args.map(ev).filter((x): x is number => x !== null);
            if (xs.length === 0) return null;
            return n.fn === 'min' ? Math.min(...xs) : Math.max(...xs);
          }
          case 'abs': {
            const a = ev(n.args[0]!);
            return a === null ? null : Math.abs(a);
          }
          case 'round': {
            const a = ev(n.args[0]!);
            const d = n.args[1] ? ev(n.args[1]) : 0;
            if (a === null || d === null) return null;
            const f = 10 ** Math.max(0, Math.min(10, Math.trunc(d)));
            return Math.round(a * f) / f;
          }
        }
      }
    }
  };
  const result = ev(ast);
  return result !== null && Number.isFinite(result) ? result : null;
}
