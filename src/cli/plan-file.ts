import { readFile } from 'node:fs/promises';
import type { ProjectPlan } from '../core/planning/model.ts';
import { PlanningError } from '../core/planning/planning-error.ts';
import { parseProjectNetwork } from '../core/planning/project-network.ts';

/** Largest plan file read, in bytes. */
export const MAX_PLAN_FILE_BYTES = 256 * 1024 * 1024;

/** Decodes file bytes: UTF-16 LE/BE by their BOM (or the zero bytes of `<?`), else UTF-8. */
export function decodeText(bytes: Uint8Array): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0x3c && b1 === 0x00)) {
    return new TextDecoder('utf-16le').decode(bytes);
  }
  if ((b0 === 0xfe && b1 === 0xff) || (b0 === 0x00 && b1 === 0x3c)) {
    return new TextDecoder('utf-16be').decode(bytes);
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** A plan read from a file, with what the reader had to approximate. */
export interface LoadedPlan {
  plan: ProjectPlan;
  format: 'project.json' | 'mspdi';
  warnings: string[];
}

/** Reads a `project.json` or an MS Project XML file, told apart by their content. */
export async function loadPlanFile(path: string): Promise<LoadedPlan> {
  const bytes = await readFile(path);
  if (bytes.length > MAX_PLAN_FILE_BYTES) {
    throw new PlanningError(
      'FILE_TOO_LARGE',
      `${path} is larger than ${MAX_PLAN_FILE_BYTES} bytes`,
      {
        path,
      },
    );
  }
  return parsePlanText(decodeText(bytes));
}

/** Parses plan text: XML when it starts with `<`, JSON otherwise. */
export async function parsePlanText(text: string): Promise<LoadedPlan> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trimStart().startsWith('<')) {
    // Loaded only for XML, so that scheduling a project.json loads as little code as possible.
    const { readMspdi } = await import('../core/planning/mspdi-read.ts');
    const imported = readMspdi(body);
    return { plan: imported.plan, format: 'mspdi', warnings: imported.warnings };
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new PlanningError('INVALID_FILE', `invalid JSON, ${jsonErrorWithLine(body, error)}`, {});
  }
  return { plan: parseProjectNetwork(json), format: 'project.json', warnings: [] };
}

/** JSON.parse does not always say where it failed; people want a line. */
function jsonErrorWithLine(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = jsonErrorOffset(text);
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < position; i = text.indexOf('\n', i + 1)) line++;
  return `line ${line}: ${message}`;
}

/** Offset of the first JSON syntax error (a small recursive-descent scanner). */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const space = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string): void => {
    if (!text.startsWith(word, i)) fail();
    i += word.length;
  };
  const string = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail();
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          space();
          if (text[i] !== '"') fail();
          string();
          space();
          if (text[i] !== ':') fail();
          i++;
        }
        value(depth + 1);
        space();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!m) fail();
      i += m![0].length;
    }
  };
  try {
    value(0);
    space();
    return i < text.length ? i : text.length;
  } catch (at) {
    return typeof at === 'number' ? at : 0;
  }
}
