import { readFile } from 'node:fs/promises';
import type { ProjectPlan } from '../core/planning/model.ts';
import { readMspdi } from '../core/planning/mspdi-read.ts';
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
export function parsePlanText(text: string): LoadedPlan {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trimStart().startsWith('<')) {
    const imported = readMspdi(body);
    return { plan: imported.plan, format: 'mspdi', warnings: imported.warnings };
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new PlanningError(
      'INVALID_FILE',
      `not JSON nor XML: ${jsonErrorWithLine(body, error)}`,
      {},
    );
  }
  return { plan: parseProjectNetwork(json), format: 'project.json', warnings: [] };
}

/** JSON.parse reports a character position; people want a line. */
function jsonErrorWithLine(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const m = /position (\d+)/.exec(message);
  if (!m) return message;
  const position = Number(m[1]);
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < position; i = text.indexOf('\n', i + 1)) line++;
  return `line ${line}: ${message}`;
}
