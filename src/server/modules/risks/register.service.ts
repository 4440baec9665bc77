import { sql } from 'drizzle-orm';
import type {
  RegisterExportQuery,
  RiskTrend,
  RiskTrendQuery,
} from '../../../contracts/register.ts';
import { DomainError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import {
  monthEnds,
  riskTrend,
  trendPoints,
  type TrendChange,
} from '../../../core/register/rerate.ts';
import { toCsv, type Cell } from '../../../core/tabular/csv.ts';
import type { Ctx } from '../../context.ts';
import { queryRows } from '../../db/client.ts';
import { toXlsx } from '../../tabular/xlsx.ts';
import { listChangeRequests, listDecisions, listIssues } from './raid.service.ts';
import * as repo from './risks.repository.ts';
import { filterFor, getSettings, toRisk } from './risks.service.ts';

// The registers as files (CSV with French conventions, XLSX) and the risk trend from history.

const MAX_ROWS = 50_000;

const T = {
  fr: {
    risks: [
      'Réf.',
      'Projet / programme / portefeuille',
      'Intitulé',
      'Nature',
      'Catégorie',
      'Cause',
      'Événement',
      'Conséquence',
      'Probabilité',
      'Impact',
      'Score',
      'Criticité',
      'Impact financier (€)',
      'VME (€)',
      'Provision (€)',
      'Propriétaire',
      'Stratégie',
      'Plan de réponse',
      'Probabilité résiduelle',
      'Impact résiduel',
      'Criticité résiduelle',
      'Échéance',
      'Statut',
      'Remonté à',
      'Motif de remontée',
    ],
    issues: [
      'Réf.',
      'Projet',
      'Intitulé',
      'Description',
      'Impact',
      'Propriétaire',
      'Priorité',
      'Statut',
      'Ouvert le',
      'Échéance',
      'Résolution',
      'Résolu le',
      'Risque d’origine',
      'Actions ouvertes',
      'Tâche du planning',
      'Remonté à',
      'Programme',
      'Portefeuille',
      'Remonté le',
      'Motif de remontée',
    ],
    decisions: [
      'Réf.',
      'Projet',
      'Intitulé',
      'Décision',
      'Options écartées',
      'Décideur',
      'Instance',
      'Date',
      'Statut',
      'Actions ouvertes',
    ],
    changes: [
      'Réf.',
      'Projet',
      'Intitulé',
      'Description',
      'Justification',
      'Impact périmètre',
      'Impact risques',
      'Impact coût (€)',
      'Impact délai (jours ouvrés)',
      'Demandeur',
      'Statut',
      'Décidé par',
      'Commentaire',
      'Appliquée',
    ],
    sheet: {
      risks: 'Risques',
      issues: 'Problèmes',
      decisions: 'Décisions',
      changes: 'Demandes de changement',
    },
    levels: { low: 'Faible', moderate: 'Modérée', high: 'Élevée', critical: 'Critique' },
    to: { program: 'Programme', portfolio: 'Portefeuille' },
    yes: 'Oui',
    no: 'Non',
  },
  en: {
    risks: [
      'Ref.',
      'Project / programme / portfolio',
      'Title',
      'Kind',
      'Category',
      'Cause',
      'Event',
      'Effect',
      'Probability',
      'Impact',
      'Score',
      'Criticality',
      'Cost impact (€)',
      'EMV (€)',
      'Contingency (€)',
      'Owner',
      'Strategy',
      'Response',
      'Residual probability',
      'Residual impact',
      'Residual criticality',
      'Proximity',
      'Status',
      'Escalated to',
      'Escalation reason',
    ],
    issues: [
      'Ref.',
      'Project',
      'Title',
      'Description',
      'Impact',
      'Owner',
      'Priority',
      'Status',
      'Raised on',
      'Due date',
      'Resolution',
      'Resolved on',
      'Risk',
      'Open actions',
      'Schedule task',
      'Escalated to',
      'Programme',
      'Portfolio',
      'Escalated on',
      'Escalation reason',
    ],
    decisions: [
      'Ref.',
      'Project',
      'Title',
      'Decision',
      'Alternatives',
      'Decided by',
      'Forum',
      'Date',
      'Status',
      'Open actions',
    ],
    changes: [
      'Ref.',
      'Project',
      'Title',
      'Description',
      'Justification',
      'Scope impact',
      'Risk impact',
      'Cost impact (€)',
      'Schedule impact (working days)',
      'Requested by',
      'Status',
      'Decided by',
      'Comment',
      'Applied',
    ],
    sheet: { risks: 'Risks', issues: 'Issues', decisions: 'Decisions', changes: 'Change requests' },
    levels: { low: 'Low', moderate: 'Moderate', high: 'High', critical: 'Critical' },
    to: { program: 'Programme', portfolio: 'Portfolio' },
    yes: 'Yes',
    no: 'No',
  },
} as const;

const euros = (cents: number) => cents / 100;

async function rowsOf(ctx: Ctx, actor: Actor, q: RegisterExportQuery): Promise<Cell[][]> {
  const L = T[q.lang];
  if (q.register === 'risks') {
    const settings = await getSettings(ctx.db);
    const filter = await filterFor(ctx, actor, q);
    filter.portfolioLevel = q.level === 'portfolio';
    const views = await repo.listRisks(ctx.db, filter, 'score', undefined, MAX_ROWS);
    return views.map((v) => {
      const r = toRisk(settings, v);
      return [
        r.code,
        r.project?.name ?? r.program?.name ?? r.portfolio?.name ?? '',
        r.title,
        r.kind,
        r.category?.name ?? '',
        r.cause,
        r.event,
        r.effect,
        r.probability,
        r.impact,
        r.score,
        L.levels[r.criticality],
        euros(r.costImpactCents),
        euros(r.emvCents),
        euros(r.contingencyCents),
        r.owner?.name ?? '',
        r.strategy ?? '',
        r.response,
        r.residualProbability,
        r.residualImpact,
        r.residualCriticality ? L.levels[r.residualCriticality] : '',
        r.proximity ?? '',
        r.status,
        r.escalatedTo ? L.to[r.escalatedTo] : '',
        r.escalationReason,
      ];
    });
  }
  // Issues are also exported from the portfolio (the issues escalated to it).
  const portfolioId = q.register === 'issues' ? q.portfolioId : undefined;
  if (!q.projectId && !q.programId && !portfolioId) {
    throw new DomainError('VALIDATION_FAILED', 'The logs are exported for a project or programme', {
      issues: [
        { path: ['querystring', 'projectId'], message: 'projectId or programId is required' },
      ],
    });
  }
  const scope = { projectId: q.projectId, programId: q.programId };
  if (q.register === 'issues') {
    const issues = await listIssues(ctx, actor, {
      ...scope,
      portfolioId,
      escalated: q.escalated,
    });
    return issues.items.map((i) => [
      i.code,
      i.project.name,
      i.title,
      i.description,
      i.impact,
      i.owner?.name ?? '',
      i.priority,
      i.status,
      i.raisedOn,
      i.dueDate ?? '',
      i.resolution,
      i.resolvedOn ?? '',
      i.risk?.name ?? '',
      i.openActions,
      i.task?.name ?? '',
      i.escalatedTo ? L.to[i.escalatedTo] : '',
      i.program?.name ?? '',
      i.portfolio?.name ?? '',
      i.escalatedAt?.slice(0, 10) ?? '',
      i.escalationReason,
    ]);
  }
  if (q.register === 'decisions') {
    return (await listDecisions(ctx, actor, scope)).items.map((d) => [
      d.code,
      d.project.name,
      d.title,
      d.decision,
      d.alternatives,
      d.decidedBy?.name ?? '',
      d.forum,
      d.decidedOn,
      d.status,
      d.openActions,
    ]);
  }
  return (await listChangeRequests(ctx, actor, scope)).items.map((c) => [
    c.code,
    c.project.name,
    c.title,
    c.description,
    c.justification,
    c.scopeImpact,
    c.riskImpact,
    euros(c.costImpactCents),
    c.scheduleImpactDays,
    c.requestedBy?.name ?? '',
    c.status,
    c.decidedByName ?? '',
    c.decisionComment,
    c.applied ? L.yes : L.no,
  ]);
}

/** One register as a French CSV or an XLSX workbook (formula-guarded, amounts in euros). */
export async function exportRegister(ctx: Ctx, actor: Actor, q: RegisterExportQuery) {
  const L = T[q.lang];
  const header = L[q.register];
  const rows: Cell[][] = [[...header], ...(await rowsOf(ctx, actor, q))];
  const filename = `${q.lang === 'fr' ? L.sheet[q.register].toLowerCase().replaceAll(' ', '-') : q.register}-${new Date().toISOString().slice(0, 10)}.${q.format}`;
  if (q.format === 'csv') {
    return {
      filename,
      contentType: 'text/csv; charset=utf-8',
      body: toCsv(rows) as string | Buffer,
    };
  }
  const money = '#,##0.00 "€"';
  const formats: Record<number, string> =
    q.register === 'risks'
      ? { 12: money, 13: money, 14: money }
      : q.register === 'changes'
        ? { 7: money }
        : {};
  return {
    filename,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: (await toXlsx([
      {
        name: L.sheet[q.register],
        rows,
        widths: header.map((h) => Math.max(12, h.length + 2)),
        numberFormats: formats,
      },
    ])) as string | Buffer,
  };
}

/**
 * The register month by month from the assessment history: at each month end, every risk's
 * latest assessment on or before that day; open or monitored ones counted by today's matrix.
 */
export async function trend(ctx: Ctx, actor: Actor, q: RiskTrendQuery): Promise<RiskTrend> {
  const settings = await getSettings(ctx.db);
  const filter = await filterFor(ctx, actor, q);
  filter.portfolioLevel = q.level === 'portfolio';
  const to = q.to ?? new Date().toISOString().slice(0, 10);
  let from = q.from;
  if (!from) {
    const d = new Date(`${to.slice(0, 7)}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - 11);
    from = d.toISOString().slice(0, 10);
  }
  const periods = monthEnds(from, to);
  if (periods.length === 0) return { periods: [] };
  // Set-wise: each assessment holds from its date until the risk's next one (a window over the
  // history); an open one enters the register at the end of its month and leaves at the end of
  // the month of the next one. The database returns these monthly changes grouped by cell and
  // kind (at most months × cells × 2 rows) and the running sums give each month end.
  const last = periods[periods.length - 1]!;
  const changes = await queryRows<{
    month: string;
    probability: number;
    impact: number;
    kind: 'threat' | 'opportunity';
    n: number;
    emv: number;
  }>(
    ctx.db,
    sql`with h as (
        select date_trunc('month', ra.assessed_on)::date as m0, ra.probability, ra.impact,
          ra.emv_cents, ra.status, ${repo.risksTable.kind} as kind,
          date_trunc('month', lead(ra.assessed_on) over (
            partition by ra.risk_id order by ra.assessed_on, ra.created_at, ra.id))::date as m1
        from risk_assessments ra
        join ${repo.risksTable} on ${repo.risksTable.id} = ra.risk_id
        where ra.assessed_on <= ${last}::date and ${repo.filterCondition(filter) ?? sql`true`}
      ), held as (
        select * from h where status in ('open', 'monitoring') and (m1 is null or m1 > m0)
      ), d as (
        select m0 as m, 1 as sign, probability, impact, kind, emv_cents from held
        union all
        select m1, -1, probability, impact, kind, emv_cents from held where m1 is not null
      )
      select to_char(m, 'YYYY-MM') as month, probability::int as probability,
        impact::int as impact, kind, sum(sign)::int as n, sum(sign * emv_cents)::float8 as emv
      from d group by m, probability, impact, kind`,
  );
  const rows = riskTrend(
    settings,
    periods,
    trendPoints(
      periods,
      changes.map((c): TrendChange => ({
        month: c.month,
        probability: c.probability,
        impact: c.impact,
        kind: c.kind,
        count: c.n,
        emvCents: Number(c.emv),
      })),
    ),
  );
  return { periods: rows };
}
