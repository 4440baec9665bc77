import type { z } from 'zod';
import type { ConsolidationExportQuery } from '../../../contracts/time.ts';
import { toCsv, type Cell } from '../../../core/tabular/csv.ts';
import { bySurname, fromCenti, monthBounds } from '../../../core/time/timesheet.ts';
import type { Ctx } from '../../context.ts';
import { toXlsx } from '../../tabular/xlsx.ts';
import * as repo from './time.repository.ts';
import { consolidation } from './time.service.ts';

const HEADERS = {
  fr: {
    person: ['Personne', 'Heures validées', 'Heures soumises', 'Heures en brouillon', 'Total'],
    project: [
      'Code',
      'Projet ou activité',
      'Heures validées',
      'Heures soumises',
      'Heures en brouillon',
      'Total',
      'Personnes',
    ],
    detail: [
      'Personne',
      'Code projet',
      'Projet',
      'Tâche',
      'Activité',
      'Date',
      'Heures',
      'Statut CRA',
      'Validation',
    ],
    summary: 'Synthèse',
    details: 'Détail',
  },
  en: {
    person: ['Person', 'Approved hours', 'Submitted hours', 'Draft hours', 'Total'],
    project: [
      'Code',
      'Project or activity',
      'Approved hours',
      'Submitted hours',
      'Draft hours',
      'Total',
      'People',
    ],
    detail: [
      'Person',
      'Project code',
      'Project',
      'Task',
      'Activity',
      'Date',
      'Hours',
      'Timesheet status',
      'Approval',
    ],
    summary: 'Summary',
    details: 'Detail',
  },
} as const;

/**
 * The month's consolidation as a file: CSV (French conventions: `;`, decimal comma, BOM) of
 * the chosen view, or XLSX with the view and the detail of every entry.
 */
export async function exportConsolidation(
  ctx: Ctx,
  q: z.infer<typeof ConsolidationExportQuery>,
): Promise<{ body: string | Buffer; contentType: string; filename: string }> {
  const h = HEADERS[q.locale];
  const data = await consolidation(ctx, q.month, q.by);
  const summary: Cell[][] =
    q.by === 'person'
      ? [
          [...h.person],
          ...data.rows.map((r) => [r.name, r.approved, r.submitted, r.draft, r.total]),
        ]
      : [
          [...h.project],
          ...data.rows.map((r) => [
            r.code,
            r.name,
            r.approved,
            r.submitted,
            r.draft,
            r.total,
            r.people,
          ]),
        ];
  const base = `cra-${q.month}-${q.by === 'person' ? (q.locale === 'fr' ? 'personnes' : 'people') : q.locale === 'fr' ? 'projets' : 'projects'}`;
  if (q.format === 'csv') {
    return {
      body: toCsv(summary),
      contentType: 'text/csv; charset=utf-8',
      filename: `${base}.csv`,
    };
  }
  const { from, to } = monthBounds(q.month);
  // The entries stay in date order within each person (a stable sort), people the French way.
  const detail = (await repo.entriesDetail(ctx.db, from, to)).sort(bySurname);
  const body = await toXlsx([
    {
      name: h.summary,
      rows: summary,
      widths: q.by === 'person' ? [32, 16, 16, 18, 12] : [16, 40, 16, 16, 18, 12, 10],
    },
    {
      name: h.details,
      rows: [
        [...h.detail],
        ...detail.map((e) => [
          e.person,
          e.projectCode,
          e.projectName,
          e.taskName,
          e.activityName,
          e.date.split('-').reverse().join('/'),
          fromCenti(e.centi),
          e.status,
          e.approval,
        ]),
      ],
      widths: [28, 14, 36, 32, 24, 12, 10, 14, 12],
    },
  ]);
  return {
    body,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `${base}.xlsx`,
  };
}
