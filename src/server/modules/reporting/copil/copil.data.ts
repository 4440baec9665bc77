import type {
  PackInput,
  PackLanguage,
  PackScope,
  PackTemplate,
  ProjectInput,
} from '../../../../core/copil/pack.ts';
import { DomainError } from '../../../../core/errors.ts';
import type { Actor } from '../../../../core/platform/actor.ts';
import { roleGrants, seesAllProjects } from '../../../../core/platform/permissions.ts';
import { DIMENSIONS, trendOf, type Weather } from '../../../../core/reporting/weather.ts';
import type { Ctx } from '../../../context.ts';
import { rollupByProject } from '../../finance/finance.repository.ts';
import { authorizeProject, getPortfolio, getProgram } from '../../portfolio/portfolio.service.ts';
import { computeMetrics } from '../reporting.metrics.ts';
import { portfolioStatus } from '../reporting.service.ts';
import * as repo from './copil.repository.ts';

/*
 * What a pack shows, gathered set-wise for every project of the scope: the period's status
 * reports (weathers, trends, narrative), milestones, finance, top risks and progress. Reads the
 * reporting service (portfolio status, metric registry), the finance roll-up query and the risk
 * and planning tables — one query each, whatever the number of projects.
 */

export interface Scope {
  type: PackScope;
  id: string;
  code: string;
  name: string;
  portfolioId: string;
}

/**
 * Resolves a scope the actor may make a pack of. A project needs `project.read` on it; a
 * programme or portfolio pack (with its rolled-up weather) needs a role that sees every project.
 */
export async function resolveScope(
  ctx: Ctx,
  actor: Actor,
  type: PackScope,
  id: string,
): Promise<Scope> {
  if (type === 'project') {
    const { project } = await authorizeProject(ctx.db, actor, id, 'project.read');
    return { type, id, code: project.code, name: project.name, portfolioId: project.portfolioId };
  }
  if (!seesAllProjects(actor.role))
    throw new DomainError(
      'FORBIDDEN',
      'A programme or portfolio pack needs a role that sees every project',
      {
        permission: 'project.read',
      },
    );
  if (type === 'program') {
    const program = await getProgram(ctx, actor, id);
    return { type, id, code: program.code, name: program.name, portfolioId: program.portfolio.id };
  }
  const portfolio = await getPortfolio(ctx, actor, id);
  return { type, id, code: portfolio.code, name: portfolio.name, portfolioId: portfolio.id };
}

/** Whether the actor may see the scope's finance and risks. */
async function mayRead(
  ctx: Ctx,
  actor: Actor,
  scope: Scope,
  permission: 'finance.read' | 'risk.read',
) {
  if (scope.type !== 'project') return roleGrants(actor.role, permission);
  try {
    await authorizeProject(ctx.db, actor, scope.id, permission);
    return true;
  } catch {
    return false;
  }
}

export async function gatherPack(
  ctx: Ctx,
  actor: Actor,
  scope: Scope,
  opts: { asOf: string; generatedOn: string; language: PackLanguage; template: PackTemplate },
): Promise<PackInput> {
  const status = await portfolioStatus(ctx, actor, scope.portfolioId, opts.asOf, opts.asOf);
  let rows = status.projects;
  if (scope.type === 'program') rows = rows.filter((p) => p.program?.id === scope.id);
  if (scope.type === 'project')
    rows = rows.filter((p) => p.id === scope.id || p.parentId === scope.id);
  // Active and on-hold projects first by code; closed ones only when they reported.
  rows = rows.filter((p) => p.status !== 'closed' || p.report !== null || p.id === scope.id);
  const ids = rows.map((p) => p.id);
  // One after the other: one executor runs one statement at a time.
  const finance = await mayRead(ctx, actor, scope, 'finance.read');
  const risks = await mayRead(ctx, actor, scope, 'risk.read');
  const reports = await repo.reportsWithNarrative(ctx.db, ids, status.period.start);
  const milestones = await repo.milestonesOf(ctx.db, ids);
  const riskRows = risks ? await repo.topRisksOf(ctx.db, ids) : [];
  const money = finance ? await rollupByProject(ctx.db, opts.asOf, scope.portfolioId) : [];
  const metrics = await computeMetrics(ctx.db, ids, opts.asOf);
  const reportOf = new Map(reports.current.map((r) => [r.project_id, r]));
  const prevOf = new Map(reports.previous.map((r) => [r.project_id, r]));
  const moneyOf = new Map(money.map((m) => [m.projectId, m]));
  const group = <T extends { project_id: string }>(list: T[]) => {
    const out = new Map<string, T[]>();
    for (const x of list) {
      const l = out.get(x.project_id) ?? [];
      l.push(x);
      out.set(x.project_id, l);
    }
    return out;
  };
  const milestonesBy = group(milestones);
  const risksBy = group(riskRows);

  const projects: ProjectInput[] = rows.map((p) => {
    const r = reportOf.get(p.id);
    const prev = prevOf.get(p.id);
    const dims = dimensionsOf(r?.dimensions);
    const prevDims = dimensionsOf(prev?.dimensions);
    const m = moneyOf.get(p.id);
    const metric = metrics.get(p.id);
    const total = metric?.work_total ?? null;
    const earned = metric?.work_earned ?? null;
    return {
      code: p.code,
      name: p.name,
      manager: p.manager?.name ?? null,
      program: p.program?.name ?? null,
      report: r
        ? {
            state: r.state,
            overall: r.overall as Weather,
            trend: trendOf(prev?.overall as Weather | undefined, r.overall as Weather),
            dimensions: dims,
            dimensionTrends: Object.fromEntries(
              DIMENSIONS.map((d) => [
                d,
                dims[d] ? trendOf(prev ? prevDims[d] : null, dims[d]!) : null,
              ]),
            ),
            achievements: r.achievements,
            nextSteps: r.next_steps,
            issues: r.issues,
            decisions: r.decisions,
            periodStart: r.period_start,
          }
        : null,
      milestones: (milestonesBy.get(p.id) ?? []).flatMap((x) =>
        x.date ? [{ name: x.name, date: x.date, baseline: x.baseline, done: x.done }] : [],
      ),
      finance: m
        ? {
            currency: 'EUR',
            budget: m.budget,
            actual: m.actual,
            eac: m.actual + m.etc,
            committed: m.committed,
            spi: m.pv > 0 ? m.ev / m.pv : null,
            cpi: m.closeAc > 0 ? m.ev / m.closeAc : null,
          }
        : null,
      progress: total && total > 0 && earned !== null ? earned / total : null,
      risks: (risksBy.get(p.id) ?? []).map((x) => ({
        code: `R-${x.number}`,
        title: x.title,
        score: x.score,
        owner: x.owner,
        status: x.status,
      })),
    };
  });

  const scopeWeather =
    scope.type === 'portfolio'
      ? status.portfolioRollup.weather
      : scope.type === 'program'
        ? (status.programs.find((g) => g.id === scope.id)?.weather ?? null)
        : null;
  return {
    scope: { type: scope.type, code: scope.code, name: scope.name },
    asOf: opts.asOf,
    generatedOn: opts.generatedOn,
    language: opts.language,
    template: opts.template,
    scopeWeather,
    projects,
  };
}

function dimensionsOf(raw: unknown): Partial<Record<(typeof DIMENSIONS)[number], Weather | null>> {
  const out: Partial<Record<(typeof DIMENSIONS)[number], Weather | null>> = {};
  for (const d of DIMENSIONS) {
    const v = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[d] : null;
    out[d] = typeof v === 'string' ? (v as Weather) : null;
  }
  return out;
}
