import type { z } from 'zod';
import type { FindingQuery } from '../../../contracts/governance.ts';
import type { FindingsExportQuery } from '../../../contracts/methods.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import type { Cell } from '../../../core/tabular/csv.ts';
import { toCsv } from '../../../core/tabular/csv.ts';
import type { Ctx } from '../../context.ts';
import { toXlsx } from '../../tabular/xlsx.ts';
import { listFindings, today } from '../governance/quality.service.ts';

const HEADERS = {
  fr: {
    sheet: 'Écarts qualité',
    columns: [
      'Code projet',
      'Projet',
      'Audit',
      'Type',
      'Sévérité',
      'Statut de l’écart',
      'Écart',
      'Relevé le',
      'Action corrective',
      'Responsable',
      'Échéance',
      'Statut de l’action',
      'En retard',
    ],
    kind: { audit: 'Audit', review: 'Revue' },
    severity: { minor: 'Mineur', major: 'Majeur', critical: 'Critique' },
    finding: { open: 'Ouvert', closed: 'Clos' },
    action: { todo: 'À faire', in_progress: 'En cours', done: 'Réalisée' },
    yes: 'Oui',
    no: 'Non',
    file: 'ecarts-qualite',
  },
  en: {
    sheet: 'Quality findings',
    columns: [
      'Project code',
      'Project',
      'Audit',
      'Kind',
      'Severity',
      'Finding status',
      'Finding',
      'Raised on',
      'Corrective action',
      'Owner',
      'Due date',
      'Action status',
      'Overdue',
    ],
    kind: { audit: 'Audit', review: 'Review' },
    severity: { minor: 'Minor', major: 'Major', critical: 'Critical' },
    finding: { open: 'Open', closed: 'Closed' },
    action: { todo: 'To do', in_progress: 'In progress', done: 'Done' },
    yes: 'Yes',
    no: 'No',
    file: 'quality-findings',
  },
} as const;

const frDate = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');

/**
 * The portfolio's quality findings as a file, one row per corrective action (a finding with no
 * action has one row with the action columns empty), with the filters of the follow-up page.
 */
export async function exportFindings(
  ctx: Ctx,
  actor: Actor,
  q: z.infer<typeof FindingsExportQuery>,
): Promise<{ body: string | Buffer; contentType: string; filename: string }> {
  const { format, locale, ...filters } = q;
  const h = HEADERS[locale];
  const list = await listFindings(ctx, actor, filters as z.infer<typeof FindingQuery>);
  const date = (iso: string) => (locale === 'fr' ? frDate(iso) : iso.slice(0, 10));
  const rows: Cell[][] = [[...h.columns]];
  for (const f of list.items) {
    const base: Cell[] = [
      f.project.code,
      f.project.name,
      f.audit.title,
      h.kind[f.audit.kind],
      h.severity[f.severity],
      h.finding[f.status],
      f.description,
      date(f.createdAt),
    ];
    if (f.actions.length === 0) rows.push([...base, '', '', '', '', '']);
    for (const a of f.actions)
      rows.push([
        ...base,
        a.description,
        a.owner?.name ?? '',
        date(a.dueDate),
        h.action[a.status],
        a.overdue ? h.yes : h.no,
      ]);
  }
  const name = `${h.file}-${today()}`;
  if (format === 'csv')
    return { body: toCsv(rows), contentType: 'text/csv; charset=utf-8', filename: `${name}.csv` };
  return {
    body: await toXlsx([
      { name: h.sheet, rows, widths: [16, 32, 30, 10, 10, 12, 50, 12, 50, 24, 12, 14, 10] },
    ]),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `${name}.xlsx`,
  };
}
