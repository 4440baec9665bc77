import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/db/client.ts';
import { evaluate, parseFormula } from '../../src/core/reporting/formula.ts';
import { SYSTEM_ACTOR } from '../../src/server/seed/demo.ts';
import { createPerson } from '../../src/server/modules/org/org.service.ts';
import {
  aggregateMetrics,
  computeMetrics,
  METRIC_CODES,
} from '../../src/server/modules/reporting/reporting.metrics.ts';
import { STANDARD_KPIS } from '../../src/server/modules/reporting/reporting.standard.ts';
import { type TestApp, buildTestApp, uniq } from '../helpers/app.ts';
import { buildMember, buildPortfolio, buildProject } from '../helpers/factories.ts';

/*
 * The metrics of finance, risks, time, resources and governance in the registry. The data is
 * written with SQL, as each module stores it (these are read-only queries over those tables).
 */
let t: TestApp;
let a: string;
let b: string;
const AS_OF = '2026-11-18';

async function person() {
  const u = uniq();
  return createPerson(t.ctx, SYSTEM_ACTOR, {
    firstName: 'Dominique',
    lastName: `Mesure${u}`,
    email: `mesure${u.toLowerCase()}@exemple.test`,
    managerId: null,
  });
}

beforeAll(async () => {
  t = await buildTestApp();
  const portfolioId = (await buildPortfolio(t)).id;
  const pm = await person();
  const dev = await person();
  const shared = await person();
  a = (await buildProject(t, portfolioId, { managerId: pm.id })).id;
  b = (await buildProject(t, portfolioId)).id;
  await buildMember(t, a, dev.id, 'contributor');
  const db = t.ctx.db;
  // Finance: a line of 100 000 € phased over two months, 30 000 € spent (one after the date),
  // 20 000 € ordered, the October close (PV 40 000, EV 36 000, AC 30 000).
  const [line] = await queryRows<{ id: string }>(
    db,
    sql`insert into budget_lines (project_id, position, label, category, nature)
      values (${a}, 1, 'Intégrateur', 'external_services', 'capex') returning id`,
  );
  await db.execute(sql`insert into budget_amounts (line_id, project_id, month, amount) values
    (${line!.id}, ${a}, '2026-10-01', 6000000), (${line!.id}, ${a}, '2026-11-01', 4000000)`);
  await db.execute(sql`insert into actual_costs (project_id, source, date, amount, amount_eur) values
    (${a}, 'invoice', '2026-10-20', 3000000, 3000000), (${a}, 'invoice', '2026-12-01', 500000, 500000)`);
  await db.execute(sql`insert into purchase_orders (project_id, supplier, reference, order_date, amount, amount_eur)
    values (${a}, 'ACME', 'BC-1', '2026-09-01', 2000000, 2000000)`);
  await db.execute(sql`insert into finance_closes (project_id, month, status_date, bac, pv, ev, ac, committed, eac)
    values (${a}, '2026-10-01', '2026-10-31', 10000000, 4000000, 3600000, 3000000, 2000000, 9500000)`);
  // Risks: two open threats (one scoring 12+), one closed, one opportunity.
  await db.execute(sql`insert into risks (project_id, number, kind, title, probability, impact, score, emv_cents, status) values
    (${a}, 1, 'threat', 'Retard fournisseur', 4, 4, 16, 800000, 'open'),
    (${a}, 2, 'threat', 'Départ clé', 2, 3, 6, 200000, 'monitoring'),
    (${a}, 3, 'threat', 'Ancien', 5, 5, 25, 999900, 'closed'),
    (${a}, 4, 'opportunity', 'Remise', 3, 3, 9, -100000, 'open')`);
  // Time: the team of A is its manager and one contributor; 4 weeks before 16/11: 8 expected,
  // the contributor sent 3 (one of them approved with 7 h on A), the manager 1, one draft.
  const weeks = ['2026-10-19', '2026-10-26', '2026-11-02', '2026-11-09'];
  for (const [i, w] of weeks.entries()) {
    if (i < 3)
      await db.execute(
        sql`insert into timesheets (person_id, week_start, status) values (${dev.id}, ${w}, ${i === 0 ? 'approved' : 'submitted'})`,
      );
  }
  await db.execute(
    sql`insert into timesheets (person_id, week_start, status) values (${pm.id}, '2026-11-09', 'approved'), (${pm.id}, '2026-11-02', 'draft')`,
  );
  const [sheet] = await queryRows<{ id: string }>(
    db,
    sql`select id from timesheets where person_id = ${dev.id} and week_start = '2026-10-19'`,
  );
  const [tl] = await queryRows<{ id: string }>(
    db,
    sql`insert into timesheet_lines (timesheet_id, position, project_id, approval)
      values (${sheet!.id}, 1, ${a}, 'approved') returning id`,
  );
  await db.execute(
    sql`insert into timesheet_entries (line_id, date, centi) values (${tl!.id}, '2026-10-19', 400), (${tl!.id}, '2026-10-20', 300)`,
  );
  // Resources: the shared person works 35 h a week, 21 h on A and 14 h on B for the next 4 weeks.
  await db.execute(
    sql`insert into resource_profiles (person_id, week_hours) values (${shared.id}, '[7,7,7,7,7,0,0]'::jsonb)`,
  );
  await db.execute(sql`insert into resource_allocations (person_id, project_id, start, finish, unit, amount) values
    (${shared.id}, ${a}, '2026-11-01', '2026-12-31', 'percent', 60),
    (${shared.id}, ${b}, '2026-11-01', '2026-12-31', 'hours', 14)`);
  // Governance: two gate decisions, one taken with a complete checklist; one overdue condition.
  const [d] = await queryRows<{ id: string }>(
    db,
    sql`insert into gov_gate_decisions (project_id, phase_key, phase_name, gate_name, decision, decided_at, readiness) values
      (${a}, 'cadrage', 'Cadrage', 'Go cadrage', 'go', '2026-06-01', '{"done":3,"total":3,"missing":[]}'::jsonb),
      (${a}, 'conception', 'Conception', 'Go réalisation', 'go_with_conditions', '2026-09-01', '{"done":2,"total":4,"missing":["a","b"]}'::jsonb)
      returning id`,
  );
  await db.execute(
    sql`insert into gov_gate_conditions (decision_id, project_id, description, due_date) values (${d!.id}, ${a}, 'Plan de tests', '2026-10-01')`,
  );
});
afterAll(async () => t?.close());

describe('metrics of the other modules', () => {
  it('reads finance, risks, time, resources and governance set-wise', async () => {
    const m = await computeMetrics(t.ctx.db, [a, b], AS_OF);
    expect(m.get(a)).toMatchObject({
      budget_eur: 100000,
      actual_cost_eur: 30000,
      committed_eur: 20000,
      pv_eur: 40000,
      ev_eur: 36000,
      ac_eur: 30000,
      eac_eur: 95000,
      baseline_budget_eur: null,
      risks_open: 2,
      risks_high: 1,
      risk_exposure_eur: 10000,
      timesheet_weeks_expected: 8,
      timesheet_weeks_submitted: 4,
      hours_approved: 7,
      allocated_hours: 84,
      team_capacity_hours: 84,
      gate_decisions: 2,
      gate_decisions_ready: 1,
      gate_conditions_overdue: 1,
    });
    expect(m.get(b)).toMatchObject({
      budget_eur: null,
      risks_open: null,
      allocated_hours: 56,
      team_capacity_hours: 56,
      gate_decisions: null,
    });
    // Utilisation of the shared person over both projects: (84 + 56) / 140 = 100 %.
    const all = aggregateMetrics([...m.values()]);
    expect(all.allocated_hours).toBe(140);
    expect(all.team_capacity_hours).toBe(140);
  });

  it('the standard KPIs of the other modules compute from them', async () => {
    const m = (await computeMetrics(t.ctx.db, [a], AS_OF)).get(a)!;
    const value = (code: string) => {
      const k = STANDARD_KPIS.find((x) => x.code === code)!;
      const parsed = parseFormula(k.formula, METRIC_CODES);
      if (!parsed.ok) throw new Error(`${code}: ${JSON.stringify(parsed.issue)}`);
      return evaluate(parsed.ast, m);
    };
    expect(value('CPI')).toBeCloseTo(1.2);
    expect(value('RISK_EXPOSURE')).toBe(10);
    expect(value('UTILISATION')).toBe(100);
    expect(value('TIMESHEET_COMPLIANCE')).toBe(50);
    expect(value('GATE_COMPLIANCE')).toBe(50);
    // No plan: progress unknown, so budget consumption vs progress is unknown, not a guess.
    expect(value('BUDGET_VS_PROGRESS')).toBeNull();
  });
});
