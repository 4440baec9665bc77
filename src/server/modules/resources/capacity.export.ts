import type { z } from 'zod';
import type { CapacityExportQuery } from '../../../contracts/capacity.ts';
import { type Cell, toCsv } from '../../../core/tabular/csv.ts';
import type { Ctx } from '../../context.ts';
import { toXlsx } from '../../tabular/xlsx.ts';
import { heatMap } from './capacity.service.ts';

const HEADERS = {
  fr: {
    columns: [
      'Regroupement',
      'Personnes',
      'Début',
      'Fin',
      'Capacité (h)',
      'Affecté (h)',
      'Dont proposé (h)',
      'Tâches (h)',
      'Charge (h)',
      'Disponible (h)',
      'Taux de charge (%)',
      'Personnes en surcharge',
    ],
    sheet: 'Plan de charge',
    unassigned: 'Non rattaché',
    file: 'plan-de-charge',
    groups: { team: 'equipes', role: 'roles', orgUnit: 'unites', person: 'personnes' },
  },
  en: {
    columns: [
      'Group',
      'People',
      'Start',
      'End',
      'Capacity (h)',
      'Allocated (h)',
      'Of which proposed (h)',
      'Tasks (h)',
      'Load (h)',
      'Available (h)',
      'Utilisation (%)',
      'Over-allocated people',
    ],
    sheet: 'Capacity',
    unassigned: 'Unassigned',
    file: 'capacity',
    groups: { team: 'teams', role: 'roles', orgUnit: 'units', person: 'people' },
  },
} as const;

/** 2026-03-02 → 02/03/2026 (the French date the spreadsheet users expect). */
const frDate = (d: string) => d.split('-').reverse().join('/');

/** The heat map as CSV (`;`, decimal comma, BOM) or XLSX, every group, one line per period. */
export async function exportHeatMap(
  ctx: Ctx,
  q: z.infer<typeof CapacityExportQuery>,
): Promise<{ body: string | Buffer; contentType: string; filename: string }> {
  const h = HEADERS[q.locale];
  const map = await heatMap(ctx, { ...q, limit: Number.MAX_SAFE_INTEGER });
  const rows: Cell[][] = [[...h.columns]];
  for (const row of map.rows) {
    row.cells.forEach((c, b) => {
      const bucket = map.buckets[b]!;
      rows.push([
        row.key === '∅' ? h.unassigned : row.label,
        row.people,
        q.locale === 'fr' ? frDate(bucket.start) : bucket.start,
        q.locale === 'fr' ? frDate(bucket.finish) : bucket.finish,
        c.capacity,
        c.allocated,
        c.soft,
        c.assigned,
        c.load,
        c.remaining,
        c.capacity > 0 ? Math.round((c.load / c.capacity) * 100) : null,
        c.overPeople,
      ]);
    });
  }
  const base = `${h.file}-${h.groups[q.groupBy]}-${q.from}`;
  if (q.format === 'csv') {
    return { body: toCsv(rows), contentType: 'text/csv; charset=utf-8', filename: `${base}.csv` };
  }
  return {
    body: await toXlsx([
      { name: h.sheet, rows, widths: [32, 10, 12, 12, 12, 12, 14, 12, 12, 14, 14, 12] },
    ]),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `${base}.xlsx`,
  };
}
