import type { Actor } from '../../../core/platform/actor.ts';
import { toCsv, type Cell } from '../../../core/tabular/csv.ts';
import type { Ctx } from '../../context.ts';
import { toXlsx } from '../../tabular/xlsx.ts';
import { getBudget, getPortfolioFinance, getRollup } from './finance.service.ts';

const HEADERS = [
  'Niveau',
  'Code',
  'Nom',
  'Budget',
  'Budget de référence',
  'Engagé',
  'Réalisé',
  'Atterrissage (EAC)',
  'Écart à terminaison (VAC)',
  'Valeur planifiée (PV)',
  'Valeur acquise (EV)',
  'SPI',
  'CPI',
];
const LEVELS = { portfolio: 'Portefeuille', program: 'Programme', project: 'Projet' } as const;
const euros = (minor: number) => minor / 100;
const index = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

/** The roll-up as a French CSV or an XLSX workbook (amounts in euros, formula-guarded text). */
export async function exportRollup(
  ctx: Ctx,
  actor: Actor,
  query: { format: 'csv' | 'xlsx'; date?: string; portfolioId?: string },
) {
  const rollup = await getRollup(ctx, actor, query);
  const rows: Cell[][] = [
    HEADERS,
    ...rollup.rows.map((r) => [
      LEVELS[r.level],
      r.code,
      r.name,
      euros(r.budget),
      euros(r.baseline),
      euros(r.committed),
      euros(r.actual),
      euros(r.eac),
      euros(r.vac),
      euros(r.pv),
      euros(r.ev),
      index(r.spi),
      index(r.cpi),
    ]),
  ];
  const filename = `finances-${rollup.statusDate}.${query.format}`;
  if (query.format === 'csv')
    return { filename, contentType: 'text/csv; charset=utf-8', body: toCsv(rows) };
  const money = '#,##0.00 "€"';
  return {
    filename,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: await toXlsx([
      {
        name: 'Finances',
        rows,
        widths: [14, 14, 40, 16, 16, 16, 16, 16, 16, 16, 16, 8, 8],
        numberFormats: {
          3: money,
          4: money,
          5: money,
          6: money,
          7: money,
          8: money,
          9: money,
          10: money,
        },
      },
    ]),
  };
}

const CATEGORIES: Record<string, string> = {
  internal_labour: 'Main-d\u2019œuvre interne',
  external_services: 'Prestations externes',
  software: 'Logiciels',
  hardware: 'Matériel',
  travel: 'Déplacements',
  other: 'Autres',
};
const NATURES: Record<string, string> = { capex: 'CAPEX', opex: 'OPEX' };
const MONEY = '#,##0.00 "€"';

function file(
  format: 'csv' | 'xlsx',
  filename: string,
  sheet: string,
  rows: Cell[][],
  widths: number[],
  moneyFrom: number,
) {
  if (format === 'csv')
    return Promise.resolve({
      filename: `${filename}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: toCsv(rows) as string | Buffer,
    });
  const numberFormats: Record<number, string> = {};
  for (let c = moneyFrom; c < (rows[0]?.length ?? 0); c++) numberFormats[c] = MONEY;
  return toXlsx([{ name: sheet, rows, widths, numberFormats }]).then((body) => ({
    filename: `${filename}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: body as string | Buffer,
  }));
}

/**
 * A project's budget grid as CSV or XLSX: one row per line (category, nature, cost centre, WBS
 * task) with its months, total, baseline, committed, actual, ETC, EAC and variance; a total row.
 * Amounts in euros; text cells formula-guarded by the shared writers.
 */
export async function exportBudget(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  format: 'csv' | 'xlsx',
) {
  const b = await getBudget(ctx, actor, projectId);
  const head = ['Ligne', 'Catégorie', 'Nature', 'Centre de coût', 'Tâche WBS'];
  const tail = [
    'Total',
    'Budget de référence',
    'Engagé',
    'Réalisé',
    'Reste à faire (RAF)',
    'Atterrissage (EAC)',
    'Écart',
  ];
  const monthly = (amounts: readonly { month: string; amount: number }[]) => {
    const by = new Map(amounts.map((a) => [a.month, a.amount]));
    return b.months.map((m) => euros(by.get(m) ?? 0));
  };
  const rows: Cell[][] = [
    [...head, ...b.months, ...tail],
    ...b.lines.map((l) => [
      l.label,
      CATEGORIES[l.category] ?? l.category,
      NATURES[l.nature] ?? l.nature,
      l.costCentre,
      l.task ? `${l.task.wbs} ${l.task.name}` : '',
      ...monthly(l.amounts),
      euros(l.total),
      euros(l.baseline),
      euros(l.committed),
      euros(l.actual),
      euros(l.eac - l.actual),
      euros(l.eac),
      euros(l.variance),
    ]),
    [
      'Total',
      '',
      '',
      '',
      '',
      ...b.totals.byMonth.map((m) => euros(m.amount)),
      euros(b.totals.total),
      euros(b.totals.baseline),
      euros(b.totals.committed),
      euros(b.totals.actual),
      euros(b.totals.eac - b.totals.actual),
      euros(b.totals.eac),
      euros(b.totals.variance),
    ],
  ];
  return file(
    format,
    `budget-${projectId.slice(0, 8)}`,
    'Budget',
    rows,
    [36, 24, 8, 14, 30, ...b.months.map(() => 12), ...tail.map(() => 16)],
    5,
  );
}

/** The portfolio view of a year by nature and category (budget, committed, actual, variance). */
export async function exportPortfolioYear(
  ctx: Ctx,
  actor: Actor,
  query: { format: 'csv' | 'xlsx'; year: number; portfolioId?: string },
) {
  const v = await getPortfolioFinance(ctx, actor, query);
  const rows: Cell[][] = [
    ['Année', 'Nature', 'Catégorie', 'Budget', 'Engagé', 'Réalisé', 'Écart (budget − réalisé)'],
    ...v.cells.map((c) => [
      v.year,
      NATURES[c.nature] ?? c.nature,
      CATEGORIES[c.category] ?? c.category,
      euros(c.budget),
      euros(c.committed),
      euros(c.actual),
      euros(c.budget - c.actual),
    ]),
  ];
  const sum = (f: (c: (typeof v.cells)[number]) => number) => v.cells.reduce((s, c) => s + f(c), 0);
  rows.push([
    'Total',
    '',
    '',
    euros(sum((c) => c.budget)),
    euros(sum((c) => c.committed)),
    euros(sum((c) => c.actual)),
    euros(sum((c) => c.budget - c.actual)),
  ]);
  return file(
    query.format,
    `finances-${v.year}`,
    String(v.year),
    rows,
    [10, 10, 28, 16, 16, 16, 20],
    3,
  );
}
