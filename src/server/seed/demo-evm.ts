import { sql } from 'drizzle-orm';
import { addMonths, daysInMonth, monthRange } from '../../core/finance/months.ts';
import type { Actor } from '../../core/platform/actor.ts';
import type { Ctx } from '../context.ts';
import { queryRows } from '../db/client.ts';
import {
  createDiscountRate,
  decideForecast,
  putThresholds,
  recordBenefit,
  submitForecast,
} from '../modules/evm/evm.service.ts';
import { financeCloses } from '../modules/finance/finance.tables.ts';
import { projectRequests } from '../modules/strategy/strategy.tables.ts';
import { DEMO_TODAY } from './demo-planning.ts';

/*
 * The demo's money follow-up beyond the budgets (demo-finance.ts):
 * - EVM thresholds of Groupe Exemple (stricter on cost than the defaults) and one portfolio
 *   that tolerates more schedule slip;
 * - EV history: month-end snapshots from June to October 2026 for every project with a
 *   November close, PV and AC from the baseline and the invoices, EV drifting from on-plan to the
 *   November index, so the SPI/CPI trend tells each project's story;
 * - the monthly forecast cycle: October re-forecasts approved (one rejected then resubmitted),
 *   November's submitted and waiting for the controller;
 * - the discount-rate policy (8 % in 2025, 7,5 % from 2026) and realised benefits of two
 *   closed projects against the business case of the request they came from.
 */

const HISTORY_FROM = '2026-06';
/** Roles whose project manager may submit a re-forecast (a viewer may not write). */
const WRITERS: readonly string[] = ['member', 'pmo', 'admin', 'finance'];
const HISTORY_TO = '2026-10';

export async function seedDemoEvm(ctx: Ctx, actor: Actor) {
  await createDiscountRate(ctx, actor, {
    effectiveFrom: '2025-01-01',
    rate: '8',
    note: 'Coût moyen pondéré du capital du groupe, note DAF 2024-12',
  });
  await createDiscountRate(ctx, actor, {
    effectiveFrom: '2026-01-01',
    rate: '7.5',
    note: 'Baisse des taux : note DAF du 15/12/2025',
  });
  await putThresholds(ctx, actor, null, 0, {
    spi: { watch: 0.95, alert: 0.9 },
    cpi: { watch: 0.97, alert: 0.92 },
    vac: { watch: -0.03, alert: -0.08 },
  });
  const [innovation] = await queryRows<{ id: string }>(
    ctx.db,
    sql`select id from portfolios where archived_at is null order by code desc limit 1`,
  );
  if (innovation)
    await putThresholds(ctx, actor, innovation.id, 0, {
      spi: { watch: 0.9, alert: 0.8 },
      cpi: { watch: 0.95, alert: 0.9 },
      vac: { watch: -0.05, alert: -0.12 },
    });

  const history = await seedHistory(ctx);
  const forecasts = await seedForecasts(ctx, actor);
  const benefits = await seedBenefits(ctx, actor);
  return { history, forecasts, benefits };
}

/** Month-end snapshots June–October, from three set-wise reads and one insert. */
async function seedHistory(ctx: Ctx) {
  const closes = await queryRows<{
    projectId: string;
    bac: number;
    pv: number;
    ev: number;
  }>(
    ctx.db,
    sql`select project_id as "projectId", bac, pv, ev from finance_closes
        where month = ${`${DEMO_TODAY.slice(0, 7)}-01`} and pv > 0`,
  );
  if (!closes.length) return 0;
  const ids = closes.map((c) => c.projectId);
  const idList = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const baseline = await queryRows<{ projectId: string; month: string; amount: number }>(
    ctx.db,
    sql`select a.project_id as "projectId", to_char(a.month, 'YYYY-MM') as month, sum(a.amount)::int8 as amount
        from budget_revision_amounts a
        join budget_revisions r on r.id = a.revision_id and r.status = 'approved'
        where a.project_id in (${idList})
          and r.number = (select max(number) from budget_revisions x
                          where x.project_id = a.project_id and x.status = 'approved')
        group by 1, 2`,
  );
  const actuals = await queryRows<{ projectId: string; month: string; amount: number }>(
    ctx.db,
    sql`select project_id as "projectId", to_char(date, 'YYYY-MM') as month, sum(amount_eur)::int8 as amount
        from actual_costs where project_id in (${idList}) group by 1, 2`,
  );
  const cumulative = (rows: typeof baseline, projectId: string, month: string) =>
    rows
      .filter((r) => r.projectId === projectId && r.month <= month)
      .reduce((s, r) => s + r.amount, 0);
  const months = monthRange(HISTORY_FROM, HISTORY_TO);
  const values: (typeof financeCloses.$inferInsert)[] = [];
  for (const c of closes) {
    const target = c.ev / c.pv;
    months.forEach((m, i) => {
      const pv = cumulative(baseline, c.projectId, m);
      if (pv === 0) return;
      const ac = cumulative(actuals, c.projectId, m);
      // From on plan in June to November's index, with a little monthly noise.
      const k = (i + 1) / (months.length + 1);
      const wobble = ((i * 37 + c.bac) % 7) / 200 - 0.015;
      const ev = Math.max(0, Math.round(pv * (1 + (target - 1) * k + wobble)));
      values.push({
        projectId: c.projectId,
        month: `${m}-01`,
        statusDate: `${m}-${daysInMonth(m)}`,
        bac: c.bac,
        pv,
        ev,
        ac,
        committed: ac,
        etc: null,
        eac: ac + Math.max(0, c.bac - ev),
        lines: [],
        comment: '',
        recordedById: null,
        recordedByName: null,
        recordedAt: new Date(`${addMonths(m, 1)}-01T04:30:00Z`),
      });
    });
  }
  await ctx.db.transaction(async (tx) => {
    for (let i = 0; i < values.length; i += 1000)
      await tx
        .insert(financeCloses)
        .values(values.slice(i, i + 1000))
        .onConflictDoNothing();
  });
  return values.length;
}

/** October approved (one rejected first), November submitted: the controller's inbox is not empty. */
async function seedForecasts(ctx: Ctx, actor: Actor) {
  const running = await queryRows<{
    id: string;
    code: string;
    bac: number;
    ac: number;
    userId: string | null;
    userName: string | null;
    email: string | null;
    personId: string | null;
    role: Actor['role'] | null;
  }>(
    ctx.db,
    sql`select p.id, p.code, c.bac, c.ac, u.id as "userId", u.name as "userName", u.email,
               u.person_id as "personId", u.role
        from projects p
        join finance_closes c on c.project_id = p.id and c.month = ${`${DEMO_TODAY.slice(0, 7)}-01`}
        left join users u on u.person_id = p.manager_id and not u.disabled
        where p.status = 'active' and c.bac > c.ac
        order by p.code limit 6`,
  );
  // Decisions by the demo controller, submissions by each project's manager when they have an account.
  const [controller] = await queryRows<{ id: string; name: string; email: string }>(
    ctx.db,
    sql`select id, name, email from users where role = 'finance' order by email limit 1`,
  );
  const decider: Actor = controller
    ? {
        userId: controller.id,
        name: controller.name,
        email: controller.email,
        role: 'finance',
        personId: null,
      }
    : actor;
  let n = 0;
  for (const [k, p] of running.entries()) {
    const pm: Actor =
      p.userId && p.userName && p.email && p.role && WRITERS.includes(p.role)
        ? {
            userId: p.userId,
            name: p.userName,
            email: p.email,
            role: p.role,
            personId: p.personId,
          }
        : actor;
    const left = p.bac - p.ac;
    const phase = (amount: number, from: string) => {
      const months = [from, addMonths(from, 1), addMonths(from, 2)];
      const share = Math.floor(amount / 3);
      return months.map((month, i) => ({
        month,
        amount: i === 2 ? amount - 2 * share : share,
      }));
    };
    const oct = await submitForecast(ctx, pm, p.id, {
      period: '2026-10',
      etcByMonth: phase(Math.round(left * (k % 2 ? 1.08 : 1.02)), '2026-10'),
      comment:
        k % 2
          ? 'Recette plus longue que prévu : deux semaines de prestation supplémentaires'
          : 'Reste à faire conforme au budget, léger glissement des licences',
    });
    if (k === 1) {
      await decideForecast(
        ctx,
        decider,
        p.id,
        oct.id,
        oct.version,
        'reject',
        'Chiffrer le renfort de recette ligne par ligne',
      );
      const again = await submitForecast(ctx, pm, p.id, {
        period: '2026-10',
        etcByMonth: phase(Math.round(left * 1.06), '2026-10'),
        comment: 'Renfort de recette chiffré : 6 jours × 2 consultants',
      });
      await decideForecast(
        ctx,
        decider,
        p.id,
        again.id,
        again.version,
        'approve',
        'Validé en revue mensuelle',
      );
    } else {
      await decideForecast(
        ctx,
        decider,
        p.id,
        oct.id,
        oct.version,
        'approve',
        'Validé en revue mensuelle',
      );
    }
    if (k < 4) {
      await submitForecast(ctx, pm, p.id, {
        period: '2026-11',
        etcByMonth: phase(Math.round(left * (k % 2 ? 1.1 : 0.99)), '2026-11'),
        comment:
          k % 2
            ? "Dérive confirmée de l'intégrateur ; avenant en préparation"
            : 'Économie sur le matériel (remise Dell)',
      });
    }
    n++;
  }
  return n;
}

/** Two closed projects get the business case of the request they came from, and realised benefits. */
async function seedBenefits(ctx: Ctx, actor: Actor) {
  const closed = await queryRows<{ id: string; code: string; name: string }>(
    ctx.db,
    sql`select id, code, name from projects where status = 'closed' and archived_at is null
        order by code limit 2`,
  );
  if (!closed.length) return 0;
  const [{ next } = { next: 1 }] = await queryRows<{ next: number }>(
    ctx.db,
    sql`select coalesce(max(number), 0)::int + 1 as next from strategy_project_requests`,
  );
  const cases = [
    {
      saving: [0, 18_000_000, 24_000_000, 24_000_000],
      avoided: [0, 6_000_000, 6_000_000, 6_000_000],
      realised: [
        {
          period: '2025',
          kind: 'saving' as const,
          amount: 15_500_000,
          comment: 'Deux ETP redéployés au 1er mars',
        },
        {
          period: '2025',
          kind: 'avoided' as const,
          amount: 6_000_000,
          comment: 'Maintenance de l’ancien outil résiliée',
        },
        {
          period: '2026',
          kind: 'saving' as const,
          amount: 19_000_000,
          comment: 'Clôture mensuelle à J+5 au lieu de J+9',
        },
      ],
    },
    {
      saving: [0, 9_000_000, 12_000_000, 12_000_000],
      avoided: [0, 0, 4_000_000, 4_000_000],
      realised: [
        {
          period: '2025',
          kind: 'saving' as const,
          amount: 10_200_000,
          comment: 'Licences mutualisées',
        },
        {
          period: '2026',
          kind: 'saving' as const,
          amount: 8_400_000,
          comment: 'Adoption plus lente sur deux sites',
        },
      ],
    },
  ];
  await ctx.db.insert(projectRequests).values(
    closed.map((p, i) => ({
      number: next + i,
      title: p.name,
      problem: 'Demande historique reprise à la mise en service du suivi des bénéfices.',
      expectedBenefits: 'Économies de fonctionnement et coûts évités (voir business case).',
      stage: 'approved',
      projectId: p.id,
      decidedAt: new Date('2024-06-15T10:00:00Z'),
      businessCase: {
        periodicity: 'year',
        firstPeriod: '2024',
        discountRate: '8',
        lines: [
          { kind: 'investment', label: 'Projet', amounts: [45_000_000 - i * 15_000_000, 0, 0, 0] },
          { kind: 'run', label: 'Run', amounts: [0, 3_000_000, 3_000_000, 3_000_000] },
          { kind: 'saving', label: 'Productivité', amounts: cases[i]!.saving, confidence: 80 },
          { kind: 'avoided', label: 'Coûts évités', amounts: cases[i]!.avoided, confidence: 90 },
        ],
      },
    })),
  );
  let n = 0;
  for (const [i, p] of closed.entries())
    for (const r of cases[i]!.realised) {
      await recordBenefit(ctx, actor, p.id, r);
      n++;
    }
  return n;
}
