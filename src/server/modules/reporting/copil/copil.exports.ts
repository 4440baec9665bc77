import { labelsOf, type PackLanguage } from '../../../../core/copil/pack.ts';
import type { Actor } from '../../../../core/platform/actor.ts';
import { toCsv, type Cell } from '../../../../core/tabular/csv.ts';
import { DIMENSIONS, type Weather } from '../../../../core/reporting/weather.ts';
import type { Ctx } from '../../../context.ts';
import { toXlsx } from '../../../tabular/xlsx.ts';
import { listKpis, listReports, portfolioStatus } from '../reporting.service.ts';

/*
 * The reporting lists as spreadsheets: the portfolio status, a project's status reports and the
 * KPI values. Through the shared CSV (French conventions, formula guard) and XLSX writers, with
 * the same visibility as the pages they come from (the services do the checks).
 */

export type TabularFormat = 'csv' | 'xlsx';

export interface TabularFile {
  filename: string;
  contentType: string;
  body: string | Buffer;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const H = {
  fr: {
    code: 'Code',
    name: 'Nom',
    status: 'Statut',
    program: 'Programme',
    manager: 'Chef de projet',
    state: 'État du rapport',
    overall: 'Météo',
    rolled: 'Météo avec sous-projets',
    trend: 'Tendance',
    period: 'Début de période',
    periodEnd: 'Fin de période',
    author: 'Auteur',
    submitted: 'Soumis le',
    reviewer: 'Revu par',
    achievements: 'Réalisations',
    nextSteps: 'Prochaines étapes',
    issues: 'Points d’attention',
    decisions: 'Décisions attendues',
    kpi: 'Indicateur',
    unit: 'Unité',
    scope: 'Périmètre',
    level: 'Niveau',
    asOf: 'Calculé au',
    value: 'Valeur',
    rag: 'Statut RAG',
    target: 'Cible',
    sheetStatus: 'Météo portefeuille',
    sheetReports: 'Rapports',
    sheetKpis: 'KPI',
    rag3: { green: 'Vert', amber: 'Orange', red: 'Rouge' },
  },
  en: {
    code: 'Code',
    name: 'Name',
    status: 'Status',
    program: 'Programme',
    manager: 'Project manager',
    state: 'Report state',
    overall: 'Weather',
    rolled: 'Weather with sub-projects',
    trend: 'Trend',
    period: 'Period start',
    periodEnd: 'Period end',
    author: 'Author',
    submitted: 'Submitted on',
    reviewer: 'Reviewed by',
    achievements: 'Achievements',
    nextSteps: 'Next steps',
    issues: 'Issues',
    decisions: 'Decisions needed',
    kpi: 'KPI',
    unit: 'Unit',
    scope: 'Scope',
    level: 'Level',
    asOf: 'As of',
    value: 'Value',
    rag: 'RAG status',
    target: 'Target',
    sheetStatus: 'Portfolio status',
    sheetReports: 'Reports',
    sheetKpis: 'KPIs',
    rag3: { green: 'Green', amber: 'Amber', red: 'Red' },
  },
} as const;

async function tabular(
  format: TabularFormat,
  base: string,
  sheet: string,
  rows: Cell[][],
  lang: PackLanguage,
  widths?: number[],
): Promise<TabularFile> {
  if (format === 'csv')
    return {
      filename: `${base}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: toCsv(rows, lang === 'fr' ? {} : { separator: ',', decimal: '.' }),
    };
  return {
    filename: `${base}.xlsx`,
    contentType: XLSX_TYPE,
    body: await toXlsx([{ name: sheet, rows, ...(widths ? { widths } : {}) }]),
  };
}

const w = (lang: PackLanguage, v: Weather | null | undefined) =>
  v ? labelsOf(lang).weathers[v] : '';

/** The portfolio status of a period: one row per project, weathers per dimension. */
export async function exportPortfolioStatus(
  ctx: Ctx,
  actor: Actor,
  q: {
    portfolioId: string;
    date?: string | undefined;
    format: TabularFormat;
    language: PackLanguage;
  },
) {
  const s = await portfolioStatus(ctx, actor, q.portfolioId, q.date);
  const h = H[q.language];
  const L = labelsOf(q.language);
  const rows: Cell[][] = [
    [
      h.code,
      h.name,
      h.program,
      h.manager,
      h.status,
      h.state,
      h.overall,
      h.trend,
      h.rolled,
      ...DIMENSIONS.map((d) => L.dimensions[d]),
    ],
    ...s.projects.map((p) => [
      p.code,
      p.name,
      p.program?.name ?? '',
      p.manager?.name ?? '',
      p.status,
      p.report ? (L.states[p.report.state] ?? p.report.state) : L.noReport,
      w(q.language, p.report?.overall),
      p.report ? L.trends[p.report.trend] : '',
      w(q.language, p.rolledUp),
      ...DIMENSIONS.map((d) => w(q.language, p.report?.dimensions[d])),
    ]),
  ];
  return tabular(
    q.format,
    `meteo-${s.period.start}`,
    h.sheetStatus,
    rows,
    q.language,
    [14, 40, 24, 22, 12, 16, 12, 16, 16],
  );
}

/** A project's status reports, newest first, with the narrative. */
export async function exportProjectReports(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  q: { format: TabularFormat; language: PackLanguage },
) {
  const list = await listReports(ctx, actor, projectId);
  const h = H[q.language];
  const L = labelsOf(q.language);
  const rows: Cell[][] = [
    [
      h.period,
      h.periodEnd,
      h.state,
      h.overall,
      h.trend,
      ...DIMENSIONS.map((d) => L.dimensions[d]),
      h.author,
      h.submitted,
      h.reviewer,
      h.achievements,
      h.nextSteps,
      h.issues,
      h.decisions,
    ],
    ...list.items.map((r) => [
      r.periodStart,
      r.periodEnd,
      L.states[r.state] ?? r.state,
      w(q.language, r.overall),
      L.trends[r.trends.overall],
      ...DIMENSIONS.map((d) => w(q.language, r.dimensions[d])),
      r.author,
      r.submittedAt?.slice(0, 10) ?? '',
      r.reviewer ?? '',
      r.achievements,
      r.nextSteps,
      r.issues,
      r.decisions,
    ]),
  ];
  const code = list.items[0]?.project.code ?? 'projet';
  return tabular(q.format, `rapports-${code}`, h.sheetReports, rows, q.language);
}

/** The latest value of every KPI for every scope the actor sees. */
export async function exportKpiValues(
  ctx: Ctx,
  actor: Actor,
  q: { format: TabularFormat; language: PackLanguage },
) {
  const { items } = await listKpis(ctx, actor);
  const h = H[q.language];
  const rows: Cell[][] = [
    [h.code, h.kpi, h.unit, h.level, h.scope, h.asOf, h.value, h.rag, h.target, h.trend],
    ...items
      .filter((k) => !k.archived)
      .flatMap((k) =>
        k.latest.map((v) => [
          k.code,
          q.language === 'fr' ? k.nameFr : k.nameEn,
          k.unit,
          v.scopeType,
          v.scopeName,
          v.asOf,
          v.value === null ? null : Math.round(v.value * 1000) / 1000,
          v.status ? h.rag3[v.status] : '',
          k.target,
          v.trend ? labelsOf(q.language).trends[v.trend] : '',
        ]),
      ),
  ];
  const asOf =
    items
      .flatMap((k) => k.latest.map((v) => v.asOf))
      .sort()
      .at(-1) ?? 'kpi';
  return tabular(q.format, `kpi-${asOf}`, h.sheetKpis, rows, q.language);
}
