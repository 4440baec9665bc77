import type { Actor } from '../../../core/platform/actor.ts';
import { toCsv, type Cell } from '../../../core/tabular/csv.ts';
import type { Ctx } from '../../context.ts';
import { toXlsx } from '../../tabular/xlsx.ts';
import { getRollup } from './finance.service.ts';

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
