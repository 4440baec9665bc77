import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanChange } from '../../src/contracts/planning.ts';
import { Issue } from '../../src/contracts/raid.ts';
import { RiskTrend } from '../../src/contracts/register.ts';
import { RiskDetail } from '../../src/contracts/risks.ts';
import { monthEnds, riskTrend, type TrendPoint } from '../../src/core/register/rerate.ts';
import { DEFAULT_RISK_SETTINGS } from '../../src/core/risks/register.ts';
import { riskAssessments } from '../../src/server/modules/risks/risks.tables.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import {
  buildMember,
  buildPerson,
  buildPortfolio,
  buildProgram,
  buildProject,
} from '../helpers/factories.ts';

// The risk register at scale (issue 7): the set-wise trend against a plain reading of the
// history, and the issues export's escalation and task columns.

let t: TestApp;
let pmo: string;
let manager: string;
let portfolioId: string;
let projectId: string;
let programId: string;
let portfolioName: string;

beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  const portfolio = await buildPortfolio(t);
  portfolioId = portfolio.id;
  portfolioName = portfolio.name;
  programId = (await buildProgram(t, portfolioId)).id;
  projectId = (await buildProject(t, portfolioId, { programId })).id;
  const pm = await buildPerson(t);
  await buildMember(t, projectId, pm.id, 'project_manager');
  manager = (await signIn(t, 'member', { personId: pm.id })).cookie;
});
afterAll(async () => t?.close());

async function createRisk(body: object) {
  const res = await call(t, manager, {
    method: 'POST',
    url: `/api/v1/projects/${projectId}/risks`,
    payload: { title: 'Risque', probability: 3, impacts: { cost: 3 }, ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return RiskDetail.parse(res.json());
}

describe('risk trend', () => {
  it('counts at each month end the open risks as last assessed (same-day and same-month re-ratings, closing, reopening)', async () => {
    const a = await createRisk({ title: 'Fournisseur défaillant' });
    const b = await createRisk({ title: 'Experts indisponibles' });
    const c = await createRisk({ title: 'Subvention régionale', kind: 'opportunity' });
    const ids = [a.id, b.id, c.id];
    await t.ctx.db.delete(riskAssessments).where(inArray(riskAssessments.riskId, ids));
    const at = (s: string) => new Date(`2026-01-01T${s}Z`);
    const h = (
      riskId: string,
      assessedOn: string,
      probability: number,
      impact: number,
      status: string,
      emvCents: number,
      createdAt = at('08:00:00'),
    ) => ({ riskId, assessedOn, probability, impact, status, emvCents, createdAt });
    const history = [
      h(a.id, '2026-02-10', 3, 4, 'open', 10_000),
      h(a.id, '2026-02-20', 5, 5, 'open', 20_000), // same month: only this one counts in February
      h(a.id, '2026-06-30', 5, 5, 'closed', 20_000), // a month end: gone that evening
      h(b.id, '2026-01-31', 2, 2, 'open', 3_000),
      h(b.id, '2026-01-31', 4, 4, 'open', 7_000, at('09:00:00')), // same day, later: wins
      h(b.id, '2026-09-01', 1, 1, 'monitoring', 1_000),
      h(c.id, '2026-03-15', 2, 3, 'open', -5_000),
      h(c.id, '2026-04-01', 2, 3, 'closed', -5_000),
      h(c.id, '2026-04-15', 3, 3, 'open', -8_000), // reopened in the same month it closed
      h(c.id, '2027-02-01', 1, 1, 'closed', 0), // after the last month: ignored
    ];
    await t.ctx.db.insert(riskAssessments).values(history);

    const res = await call(t, pmo, {
      url: `/api/v1/risks/trend?projectId=${projectId}&from=2026-01-01&to=2026-12-31`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const got = RiskTrend.parse(res.json()).periods;

    // A plain reading: at each month end, each risk's latest assessment on or before it.
    const periods = monthEnds('2026-01-01', '2026-12-31');
    const kind = new Map([
      [a.id, 'threat' as const],
      [b.id, 'threat' as const],
      [c.id, 'opportunity' as const],
    ]);
    const naive: TrendPoint[] = [];
    for (const period of periods) {
      for (const id of ids) {
        const last = history
          .filter((x) => x.riskId === id && x.assessedOn <= period)
          .sort(
            (x, y) =>
              x.assessedOn.localeCompare(y.assessedOn) ||
              x.createdAt.getTime() - y.createdAt.getTime(),
          )
          .at(-1);
        if (last && (last.status === 'open' || last.status === 'monitoring'))
          naive.push({ period, ...last, kind: kind.get(id)! });
      }
    }
    expect(got).toEqual(riskTrend(DEFAULT_RISK_SETTINGS, periods, naive));
    // Spot checks of the reading itself.
    expect(got[0]).toMatchObject({ total: 1, exposureCents: 7_000 }); // January: B at 4×4
    expect(got[1]).toMatchObject({ total: 2, exposureCents: 27_000 }); // February: A 5×5 and B
    expect(got[3]!.total).toBe(3); // April: C reopened
    expect(got[5]!.total).toBe(2); // June 30: A closed that day
    expect(got[8]).toMatchObject({ total: 2, exposureCents: 1_000 }); // September: B 1×1, C
  });
});

describe('issues export', () => {
  it('has the task and escalation columns, follows the programme view filter, and exports the portfolio issues', async () => {
    const task = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/projects/${projectId}/plan/tasks`,
      payload: { name: 'Recette fonctionnelle', duration: 5 },
    });
    expect(task.statusCode, task.body).toBe(201);
    const taskId = PlanChange.parse(task.json()).createdTaskIds[0]!;
    const create = (title: string) =>
      call(t, manager, {
        method: 'POST',
        url: `/api/v1/projects/${projectId}/issues`,
        payload: { title, priority: 'high', taskId },
      });
    const raised = Issue.parse((await create('Serveur de recette indisponible')).json());
    await create('Retard de livraison du lot 2');
    const escalate = (to: 'program' | 'portfolio', version: number) =>
      call(t, manager, {
        method: 'POST',
        url: `/api/v1/issues/${raised.id}/escalate`,
        payload: { to, reason: 'Arbitrage du programme nécessaire' },
        headers: { 'if-match': `"${version}"` },
      });
    const up = await escalate('program', raised.version);
    expect(up.statusCode, up.body).toBe(200);

    const lines = async (cookie: string, query: string) => {
      const res = await call(t, cookie, {
        url: `/api/v1/registers/export?register=issues&${query}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.body.replace('\uFEFF', '').trim().split('\r\n');
    };
    const escalated = await lines(manager, `programId=${programId}&escalated=true`);
    expect(escalated[0]).toMatch(
      /;Tâche du planning;Remonté à;Programme;Portefeuille;Remonté le;Motif de remontée$/,
    );
    expect(escalated).toHaveLength(2);
    const today = new Date().toISOString().slice(0, 10);
    expect(escalated[1]).toMatch(
      new RegExp(
        `;1 Recette fonctionnelle;Programme;[^;]+;;${today};Arbitrage du programme nécessaire$`,
      ),
    );
    // The programme's « all issues » view: both, the other one not escalated.
    const all = await lines(manager, `programId=${programId}&escalated=false`);
    expect(all).toHaveLength(3);
    expect(
      all.some((l) => /Retard de livraison du lot 2;.*;1 Recette fonctionnelle;;;;;$/.test(l)),
    ).toBe(true);
    // Raised on to the portfolio: the portfolio's export lists it, for global roles.
    const again = await escalate('portfolio', Issue.parse(up.json()).version);
    expect(again.statusCode, again.body).toBe(200);
    const pf = await lines(pmo, `portfolioId=${portfolioId}&lang=en`);
    expect(pf[0]).toMatch(
      /;Schedule task;Escalated to;Programme;Portfolio;Escalated on;Escalation reason$/,
    );
    expect(pf).toHaveLength(2);
    expect(pf[1]).toContain(`;Portfolio;`);
    expect(pf[1]).toContain(`;${portfolioName};`);
    const refused = await call(t, manager, {
      url: `/api/v1/registers/export?register=issues&portfolioId=${portfolioId}`,
    });
    expect(refused.statusCode).toBe(403);
    const xlsx = await call(t, pmo, {
      url: `/api/v1/registers/export?register=issues&format=xlsx&portfolioId=${portfolioId}`,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
