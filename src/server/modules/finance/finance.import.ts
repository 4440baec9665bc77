import type {
  ActualImportBody,
  ActualImportReport,
  ImportRejection,
} from '../../../contracts/finance.ts';
import { sql } from 'drizzle-orm';
import { DomainError } from '../../../core/errors.ts';
import { convertAmount } from '../../../core/finance/money.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import { roleGrants } from '../../../core/platform/permissions.ts';
import { CsvSyntaxError, parseCsv, parseMinorUnits } from '../../../core/tabular/csv.ts';
import type { Executor } from '../../db/client.ts';
import type { Ctx } from '../../context.ts';
import { readXlsx } from '../../tabular/xlsx.ts';
import { recordAudit } from '../platform/audit.service.ts';
import * as repo from './finance.repository.ts';

/**
 * Rows checked, then written by one INSERT (one JSON parameter), at a time: the database
 * writes a chunk while the next one is checked.
 */
const CHUNK = 10000;
/** Rejections listed in the report; the rest are counted. */
const MAX_LISTED = 1000;

const SOURCES: Record<string, 'invoice' | 'other' | 'labour'> = {
  invoice: 'invoice',
  facture: 'invoice',
  other: 'other',
  autre: 'other',
  labour: 'labour',
  'main-d-oeuvre': 'labour',
  "main-d'oeuvre": 'labour',
};

/** `2026-03-05`, `05/03/2026` or `5/3/2026` as `YYYY-MM-DD`, or null when not a real date. */
export function parseImportDate(text: string): string | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return null;
  return date.toISOString().slice(0, 10);
}

interface Row {
  projectId: string;
  lineId: string | null;
  source: 'invoice' | 'other';
  date: string;
  supplier: string;
  reference: string;
  description: string;
  amount: number;
  currency: string;
  amountEur: number;
}

/**
 * Imports actual costs, or commitments (purchase orders: supplier and a reference unique in the
 * project required), from a CSV or XLSX file with a column mapping. Every row is checked
 * first; the report lists each rejected row (line, column, why). Nothing is written on a dry
 * run or when any row is rejected; otherwise every row is written in one transaction.
 */
export async function importActuals(
  ctx: Ctx,
  actor: Actor,
  body: ActualImportBody,
): Promise<ActualImportReport> {
  if (!roleGrants(actor.role, 'finance.manage'))
    throw new DomainError('FORBIDDEN', 'Importing actuals needs finance.manage', {
      permission: 'finance.manage',
    });
  let rows: { line: number; cells: string[] }[];
  try {
    rows =
      body.format === 'csv'
        ? parseCsv(body.content).rows
        : await readXlsx(Buffer.from(body.content, 'base64'));
  } catch (err) {
    const line = err instanceof CsvSyntaxError ? err.line : null;
    throw new DomainError('IMPORT_INVALID', 'The file cannot be read', {
      issues: [{ path: ['body', 'content', ...(line ? [line] : [])], message: 'Unreadable file' }],
    });
  }
  const [header, ...data] = rows;
  const rejected: ImportRejection[] = [];
  let rejectedCount = 0;
  const reject = (r: ImportRejection) => {
    rejectedCount++;
    if (rejected.length < MAX_LISTED) rejected.push(r);
  };
  const headers = (header?.cells ?? []).map((h) => h.trim().toLowerCase());
  const col: Partial<Record<keyof ActualImportBody['mapping'], number>> = {};
  for (const [field, name] of Object.entries(body.mapping) as [
    keyof ActualImportBody['mapping'],
    string | undefined,
  ][]) {
    if (!name) continue;
    const i = headers.indexOf(name.trim().toLowerCase());
    if (i < 0)
      reject({ line: header?.line ?? 1, column: name, code: 'missing_column', value: null });
    else col[field] = i;
  }
  if (rejectedCount > 0) return report(body, 0, [], rejected, rejectedCount, null);

  const cell = (cells: string[], field: keyof ActualImportBody['mapping']) => {
    const i = col[field];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const codes = [...new Set(data.map((r) => cell(r.cells, 'project')).filter(Boolean))];
  const projects = await repo.projectsByCode(ctx.db, codes);
  const projectByCode = new Map(projects.map((p) => [p.code.toLowerCase(), p]));
  const lines =
    col.line !== undefined
      ? await repo.linesOfProjects(
          ctx.db,
          projects.map((p) => p.id),
        )
      : [];
  const lineByKey = new Map(lines.map((l) => [`${l.projectId}|${l.label.toLowerCase()}`, l.id]));
  const rates = new Map<string, { validFrom: string; rate: string }[]>();
  for (const r of await repo.listRates(ctx.db)) {
    const list = rates.get(r.currency) ?? [];
    list.push({ validFrom: r.validFrom, rate: String(r.rate) });
    rates.set(r.currency, list);
  }
  const name = (field: keyof ActualImportBody['mapping']) => body.mapping[field] ?? field;

  const orders = body.target === 'orders';
  // A purchase order's reference is unique in its project: in the file and in the database.
  const taken = new Set(
    orders
      ? (
          await repo.orderReferences(
            ctx.db,
            projects.map((p) => p.id),
          )
        ).map((o) => `${o.projectId}|${o.reference.toLowerCase()}`)
      : [],
  );
  /** The row checked: accepted, or null with its rejections recorded. */
  const check = (line: number, cells: string[]): Row | null => {
    let ok = true;
    const bad = (
      field: keyof ActualImportBody['mapping'],
      code: ImportRejection['code'],
      value: string | null,
    ) => {
      ok = false;
      reject({ line, column: name(field), code, value });
    };
    const code = cell(cells, 'project');
    const project = code ? projectByCode.get(code.toLowerCase()) : undefined;
    if (!code) bad('project', 'required', null);
    else if (!project) bad('project', 'unknown_project', code);
    const dateText = cell(cells, 'date');
    const date = dateText ? parseImportDate(dateText) : null;
    if (!dateText) bad('date', 'required', null);
    else if (!date) bad('date', 'bad_date', dateText);
    const amountText = cell(cells, 'amount');
    const amount = amountText ? parseMinorUnits(amountText) : null;
    if (!amountText) bad('amount', 'required', null);
    else if (amount === null) bad('amount', 'bad_amount', amountText);
    const currency = (cell(cells, 'currency') || 'EUR').toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) bad('currency', 'bad_currency', currency);
    const sourceText = orders ? '' : cell(cells, 'source').toLowerCase();
    const source = sourceText ? SOURCES[sourceText] : 'invoice';
    if (!source) bad('source', 'bad_source', sourceText);
    else if (source === 'labour') bad('source', 'forbidden_source', sourceText);
    const lineLabel = cell(cells, 'line');
    let lineId: string | null = null;
    if (lineLabel && project) {
      lineId = lineByKey.get(`${project.id}|${lineLabel.toLowerCase()}`) ?? null;
      if (!lineId) bad('line', 'unknown_line', lineLabel);
    }
    const supplier = cell(cells, 'supplier');
    const reference = cell(cells, 'reference');
    const description = cell(cells, 'description');
    if (supplier.length > 200) bad('supplier', 'too_long', supplier.slice(0, 50));
    if (reference.length > 100) bad('reference', 'too_long', reference.slice(0, 50));
    if (description.length > 2000) bad('description', 'too_long', description.slice(0, 50));
    if (orders) {
      if (!supplier) bad('supplier', 'required', null);
      if (!reference) bad('reference', 'required', null);
      else if (project) {
        const key = `${project.id}|${reference.toLowerCase()}`;
        if (taken.has(key)) bad('reference', 'duplicate_reference', reference);
        taken.add(key);
      }
    }
    let amountEur = amount ?? 0;
    if (ok && currency !== 'EUR' && date) {
      const rate = (rates.get(currency) ?? []).filter((r) => r.validFrom <= date).at(-1);
      if (!rate) bad('currency', 'no_rate', currency);
      else amountEur = convertAmount(amount!, rate.rate);
    }
    if (!ok) return null;
    return {
      projectId: project!.id,
      lineId,
      source: source as 'invoice' | 'other',
      date: date!,
      supplier,
      reference,
      description,
      amount: amount!,
      currency,
      amountEur,
    };
  };
  const accepted: Row[] = [];
  const checkChunk = (from: number) => {
    const chunk: Row[] = [];
    for (const { line, cells } of data.slice(from, from + CHUNK)) {
      const row = check(line, cells);
      if (row) chunk.push(row);
    }
    accepted.push(...chunk);
    return chunk;
  };
  if (body.dryRun) {
    for (let i = 0; i < data.length; i += CHUNK) checkChunk(i);
    return report(body, data.length, accepted, rejected, rejectedCount, null, projects);
  }

  // Check and write in one transaction: each chunk is inserted while the next one is checked
  // (one statement in flight at a time on the transaction). At the first rejected row the
  // writing stops, the checking goes on to list every rejection, and the transaction is rolled
  // back: all or nothing.
  const importId = crypto.randomUUID();
  const nextId = timeOrderedIds();
  try {
    await ctx.db.transaction(async (tx) => {
      let inFlight: Promise<unknown> | null = null;
      for (let i = 0; i < data.length; i += CHUNK) {
        const chunk = checkChunk(i);
        if (inFlight) await rethrow(await inFlight);
        inFlight = null;
        if (rejectedCount === 0 && chunk.length > 0) {
          // Started, and sent to the server once the event loop has turned (one yield); its
          // result is awaited after the next chunk is checked.
          inFlight = insertChunk(tx, orders, chunk, importId, nextId).then(
            () => null,
            (err: unknown) => ({ failed: err }),
          );
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      if (inFlight) await rethrow(await inFlight);
      if (rejectedCount > 0) throw new Rejected();
      if (!orders) await repo.addActualsToAggregates(tx, accepted);
      await recordAudit(tx, actor, {
        entityType: 'actual_import',
        entityId: importId,
        entityLabel: orders ? `${accepted.length} bons de commande` : `${accepted.length} lignes`,
        action: 'create',
        after: {
          ...(orders ? { target: 'orders' } : {}),
          format: body.format,
          rows: accepted.length,
          total: accepted.reduce((s, r) => s + r.amountEur, 0),
          projects: [...new Set(accepted.map((r) => r.projectId))].length,
        },
      });
    });
  } catch (err) {
    if (err instanceof Rejected)
      return report(body, data.length, accepted, rejected, rejectedCount, null, projects);
    throw err;
  }
  return report(body, data.length, accepted, rejected, rejectedCount, importId, projects);
}

/** Thrown in the import's transaction to roll it back when a row was rejected. */
class Rejected extends Error {}

function rethrow(result: unknown) {
  if (result && typeof result === 'object' && 'failed' in result) throw result.failed;
}

/**
 * Time-ordered UUIDs (version 7 layout: the time, then a counter) for the imported rows: their
 * primary keys land side by side in the index instead of at random pages.
 */
export function timeOrderedIds(now = Date.now()): () => string {
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  const random = crypto.getRandomValues(new Uint16Array(2));
  const head = `${hex(now, 12)}7${hex(random[0]! & 0xfff, 3)}`;
  const tail = hex(random[1]!, 4);
  let n = 0;
  return () => {
    const h = `${head}8${hex(n++, 11)}${tail}`;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
}

/** One INSERT of a chunk of checked rows, expanded from one JSON parameter on both drivers. */
function insertChunk(
  tx: Executor,
  orders: boolean,
  rows: readonly Row[],
  importId: string,
  nextId: () => string,
) {
  if (orders) {
    const batch = JSON.stringify(
      rows.map((r) => ({
        id: nextId(),
        project_id: r.projectId,
        line_id: r.lineId,
        supplier: r.supplier,
        reference: r.reference,
        description: r.description,
        order_date: r.date,
        amount: r.amount,
        currency: r.currency,
        amount_eur: r.amountEur,
      })),
    );
    return tx.execute(sql`
      insert into purchase_orders (id, project_id, line_id, supplier, reference, description,
        order_date, amount, currency, amount_eur)
      select x.id, x.project_id, x.line_id, x.supplier, x.reference, x.description,
        x.order_date, x.amount, x.currency, x.amount_eur
      from jsonb_to_recordset(${batch}::jsonb) as x(id uuid, project_id uuid, line_id uuid,
        supplier text, reference text, description text, order_date date, amount int8,
        currency text, amount_eur int8)`);
  }
  const batch = JSON.stringify(
    rows.map((r) => ({
      id: nextId(),
      project_id: r.projectId,
      line_id: r.lineId,
      source: r.source,
      date: r.date,
      supplier: r.supplier,
      reference: r.reference,
      description: r.description,
      amount: r.amount,
      currency: r.currency,
      amount_eur: r.amountEur,
    })),
  );
  return tx.execute(sql`
    insert into actual_costs (id, project_id, line_id, source, date, supplier, reference,
      description, amount, currency, amount_eur, import_id)
    select x.id, x.project_id, x.line_id, x.source, x.date, x.supplier, x.reference,
      x.description, x.amount, x.currency, x.amount_eur, ${importId}::uuid
    from jsonb_to_recordset(${batch}::jsonb) as x(id uuid, project_id uuid, line_id uuid,
      source text, date date, supplier text, reference text, description text,
      amount int8, currency text, amount_eur int8)`);
}

function report(
  body: ActualImportBody,
  rows: number,
  accepted: readonly Row[],
  rejected: ImportRejection[],
  rejectedCount: number,
  importId: string | null,
  projects: readonly { id: string; code: string }[] = [],
): ActualImportReport {
  const byProject = new Map<string, { rows: number; total: number }>();
  for (const r of accepted) {
    const p = byProject.get(r.projectId) ?? { rows: 0, total: 0 };
    p.rows++;
    p.total += r.amountEur;
    byProject.set(r.projectId, p);
  }
  const codeOf = new Map(projects.map((p) => [p.id, p.code]));
  return {
    dryRun: body.dryRun,
    committed: importId !== null,
    rows,
    accepted: accepted.length,
    rejected,
    rejectedCount,
    total: accepted.reduce((s, r) => s + r.amountEur, 0),
    byProject: [...byProject].map(([projectId, p]) => ({
      projectId,
      code: codeOf.get(projectId) ?? '',
      ...p,
    })),
    importId,
  };
}
