import type { z } from 'zod';
import type { BenchExportQuery, SkillGapExportQuery } from '../../../contracts/staffing.ts';
import { type Cell, toCsv } from '../../../core/tabular/csv.ts';
import type { Ctx } from '../../context.ts';
import { toXlsx } from '../../tabular/xlsx.ts';
import { bench, skillGapsView } from './staffing.service.ts';

// Downloads of the bench and the skill gaps: what the screen shows, every row (not a page),
// CSV with French conventions (`;`, decimal comma, BOM, formula guard) or XLSX.

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const BENCH = {
  fr: {
    columns: [
      'Personne',
      'Fonction',
      'Entité',
      'Équipe',
      'Rôle',
      'Niveau',
      'Capacité (h)',
      'Charge (h)',
      'Disponible (h)',
      'Taux de charge (%)',
    ],
    week: 'Sem. du',
    sheet: 'Disponibles',
    file: 'disponibles',
  },
  en: {
    columns: [
      'Person',
      'Job title',
      'Unit',
      'Team',
      'Role',
      'Level',
      'Capacity (h)',
      'Load (h)',
      'Free (h)',
      'Utilisation (%)',
    ],
    week: 'Week of',
    sheet: 'Bench',
    file: 'bench',
  },
} as const;

const GAPS = {
  fr: {
    columns: [
      'Compétence',
      'Domaine',
      'Niveau minimum',
      'Demandes',
      'Trimestre',
      'Début',
      'Fin',
      'Besoin (h)',
      'En préparation (h)',
      'Détenteurs',
      'Capacité (h)',
      'Disponible (h)',
      'Écart (h)',
    ],
    quarter: (y: number, q: number) => `T${q} ${y}`,
    sheet: 'Écarts de compétences',
    file: 'ecarts-competences',
  },
  en: {
    columns: [
      'Skill',
      'Domain',
      'Minimum level',
      'Requests',
      'Quarter',
      'Start',
      'End',
      'Demand (h)',
      'In preparation (h)',
      'Holders',
      'Capacity (h)',
      'Free (h)',
      'Gap (h)',
    ],
    quarter: (y: number, q: number) => `Q${q} ${y}`,
    sheet: 'Skill gaps',
    file: 'skill-gaps',
  },
} as const;

/** 2026-03-02 → 02/03/2026 in French, the ISO date otherwise. */
const dateOf = (locale: 'fr' | 'en', d: string) =>
  locale === 'fr' ? d.split('-').reverse().join('/') : d;

export interface ExportFile {
  body: string | Buffer;
  contentType: string;
  filename: string;
}

async function file(
  format: 'csv' | 'xlsx',
  base: string,
  sheet: string,
  rows: Cell[][],
  widths: number[],
): Promise<ExportFile> {
  if (format === 'csv') {
    return { body: toCsv(rows), contentType: 'text/csv; charset=utf-8', filename: `${base}.csv` };
  }
  return {
    body: await toXlsx([{ name: sheet, rows, widths }]),
    contentType: XLSX,
    filename: `${base}.xlsx`,
  };
}

/** The bench with the filters of the screen: one line per person, then free hours per week. */
export async function exportBench(
  ctx: Ctx,
  q: z.infer<typeof BenchExportQuery>,
): Promise<ExportFile> {
  const h = BENCH[q.locale];
  const b = await bench(ctx, q);
  const rows: Cell[][] = [
    [...h.columns, ...b.weekStarts.map((w) => `${h.week} ${dateOf(q.locale, w)}`)],
  ];
  for (const p of b.items) {
    rows.push([
      p.person.name,
      p.jobTitle ?? '',
      p.orgUnit?.name ?? '',
      p.team?.name ?? '',
      p.role?.name ?? '',
      p.skillLevel,
      p.capacityHours,
      p.loadHours,
      p.freeHours,
      p.utilisation,
      ...p.weeks,
    ]);
  }
  return file(q.format, `${h.file}-${q.from}-${q.to}`, h.sheet, rows, [
    28,
    24,
    20,
    18,
    18,
    8,
    12,
    12,
    12,
    12,
    ...b.weekStarts.map(() => 12),
  ]);
}

/** The skill gaps: one line per skill, minimum level and quarter. */
export async function exportSkillGaps(
  ctx: Ctx,
  q: z.infer<typeof SkillGapExportQuery>,
): Promise<ExportFile> {
  const h = GAPS[q.locale];
  const g = await skillGapsView(ctx, q);
  const rows: Cell[][] = [[...h.columns]];
  for (const r of g.rows) {
    r.quarters.forEach((c, k) => {
      const quarter = g.quarters[k]!;
      rows.push([
        r.skill.name,
        r.category.name,
        r.minLevel,
        r.requests,
        h.quarter(quarter.year, quarter.quarter),
        dateOf(q.locale, quarter.start),
        dateOf(q.locale, quarter.finish),
        c.demand,
        c.draft,
        c.holders,
        c.capacity,
        c.free,
        c.gap,
      ]);
    });
  }
  const first = g.quarters[0];
  const base = `${h.file}-${first ? `${first.year}-T${first.quarter}` : q.from}`;
  return file(q.format, base, h.sheet, rows, [28, 20, 10, 10, 10, 12, 12, 12, 14, 10, 12, 12, 12]);
}
