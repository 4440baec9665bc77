import type { Actor } from '../../core/platform/actor.ts';
import { addMonths, monthOfDate, monthRange } from '../../core/finance/months.ts';
import { spreadByWeights } from '../../core/finance/phasing.ts';
import type { Ctx } from '../context.ts';
import {
  closeMonth,
  decideRevision,
  setRate,
  submitRevision,
  updateLine,
} from '../modules/finance/finance.service.ts';
import * as repo from '../modules/finance/finance.repository.ts';
import {
  actualCosts,
  budgetAmounts,
  budgetLines,
  purchaseOrders,
} from '../modules/finance/finance.tables.ts';
import { DEMO_TODAY, type DemoPlanProject } from './demo-planning.ts';

// The demo budgets: every running or closed project gets four budget lines (integration
// services, licences, hardware, travel) phased over its months, an approved
// baseline, purchase orders to real suppliers, monthly invoices up to the demo's today, a
// forecast and a month-end close. One project in three overruns (its invoices come in 15–35 %
// above plan), one in four has a pending revision (an amendment), so the EVM indicators and
// S-curves tell different stories. Projects still running when the demo's timesheets start
// (October 2026) also get an internal-labour line over all their months: its actuals before
// October are the time valued from the previous time tool, from October the labour feed
// (approved CRA hours × cost rates) books them.

interface LineSpec {
  label: string;
  category: 'external_services' | 'software' | 'hardware' | 'travel';
  nature: 'capex' | 'opex';
  costCentre: string;
  share: number;
  supplier: string | null;
  /** How the amount is spread over the project's months. */
  shape: 'bell' | 'front' | 'flat';
}

/** The first month of the demo's timesheets (demo-time.ts: six weeks up to the demo's today). */
const LABOUR_FROM = '2026-10';

const SERVICES = ['Sopra Steria', 'Capgemini', 'Accenture', 'CGI France', 'Inetum'];
const SOFTWARE = ['Microsoft France', 'Salesforce', 'SAP France', 'Atlassian'];

function lineSpecs(k: number): LineSpec[] {
  return [
    {
      label: "Prestations d'intégration",
      category: 'external_services',
      nature: 'capex',
      costCentre: 'CC-DSI-PROJ',
      share: 55,
      supplier: SERVICES[k % SERVICES.length]!,
      shape: 'bell',
    },
    {
      label: 'Licences et abonnements',
      category: 'software',
      nature: k % 2 ? 'opex' : 'capex',
      costCentre: 'CC-DSI-RUN',
      share: 18,
      supplier: SOFTWARE[k % SOFTWARE.length]!,
      shape: 'front',
    },
    {
      label: 'Matériel (postes, serveurs)',
      category: 'hardware',
      nature: 'capex',
      costCentre: 'CC-DSI-INFRA',
      share: 20,
      supplier: 'Dell Technologies',
      shape: 'front',
    },
    {
      label: 'Déplacements',
      category: 'travel',
      nature: 'opex',
      costCentre: 'CC-PMO',
      share: 7,
      supplier: 'SNCF Voyageurs',
      shape: 'flat',
    },
  ];
}

/** The last day of a month `YYYY-MM`. */
function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

function weights(n: number, shape: LineSpec['shape']): number[] {
  return Array.from({ length: n }, (_, i) => {
    const x = (i + 0.5) / n;
    if (shape === 'flat') return 10;
    if (shape === 'front') return Math.max(1, Math.round(40 * (1 - x) ** 2));
    return Math.max(1, Math.round(40 * Math.sin(Math.PI * x)));
  });
}

/** Seeds budgets, commitments, actuals, forecasts and closes of the demo projects. */
export async function seedDemoFinance(ctx: Ctx, actor: Actor, projects: DemoPlanProject[]) {
  await setRate(ctx, actor, { currency: 'USD', validFrom: '2025-01-01', rate: '0.92' });
  await setRate(ctx, actor, { currency: 'USD', validFrom: '2026-01-01', rate: '0.8615' });
  await setRate(ctx, actor, { currency: 'GBP', validFrom: '2026-01-01', rate: '1.1642' });
  const funded = projects.filter(
    (p) => p.status !== 'proposed' && p.status !== 'cancelled' && p.start < DEMO_TODAY,
  );
  const today = monthOfDate(DEMO_TODAY);
  const lineRows: (typeof budgetLines.$inferInsert)[] = [];
  const amountRows: (typeof budgetAmounts.$inferInsert)[] = [];
  const orderRows: (typeof purchaseOrders.$inferInsert)[] = [];
  const actualRows: (typeof actualCosts.$inferInsert)[] = [];
  const plan = new Map<string, { overrun: number; amendment: boolean; lines: string[] }>();
  for (const [k, p] of funded.entries()) {
    const months = monthRange(monthOfDate(p.start), monthOfDate(p.end));
    // 120 k€ to about 2,4 M€, by project length and position.
    const bac = (120_000 + ((k * 7919) % 20) * 60_000 + months.length * 25_000) * 100;
    const overrun = k % 3 === 1 ? 1.2 + (k % 5) * 0.05 : k % 3 === 2 ? 0.96 : 1.03;
    const specs = lineSpecs(k);
    const shares = spreadByWeights(
      bac,
      specs.map((s) => s.share),
    );
    const ids: string[] = [];
    specs.forEach((s, i) => {
      const id = crypto.randomUUID();
      ids.push(id);
      lineRows.push({
        id,
        projectId: p.id,
        position: i,
        label: s.label,
        category: s.category,
        nature: s.nature,
        costCentre: s.costCentre,
      });
      const amounts = spreadByWeights(shares[i]!, weights(months.length, s.shape));
      months.forEach((m, j) => {
        if (amounts[j])
          amountRows.push({ lineId: id, projectId: p.id, month: `${m}-01`, amount: amounts[j] });
        // Invoices of the months already worked, received on the 20th.
        const invoiceMonth = m;
        if (s.supplier && invoiceMonth <= today && amounts[j]) {
          const date = `${invoiceMonth}-20`;
          const amount = Math.round(amounts[j] * overrun);
          const usd = s.category === 'software' && k % 4 === 0;
          actualRows.push({
            projectId: p.id,
            lineId: id,
            source: 'invoice',
            date,
            supplier: s.supplier,
            reference: `F-${p.code}-${i}${j}`,
            description: `${s.label} — ${m}`,
            amount: usd ? Math.round(amount / 0.8615) : amount,
            currency: usd ? 'USD' : 'EUR',
            amountEur: usd ? Math.round(Math.round(amount / 0.8615) * 0.8615) : amount,
          });
        }
      });
      if (s.supplier && s.category !== 'travel') {
        orderRows.push({
          projectId: p.id,
          lineId: id,
          supplier: s.supplier,
          reference: `BC-${p.code}-${i + 1}`,
          description: s.label,
          orderDate: `${months[0]}-05`,
          amount: Math.round(shares[i]! * 0.8),
          amountEur: Math.round(shares[i]! * 0.8),
        });
      }
    });
    if (months.some((m) => m >= LABOUR_FROM)) {
      const id = crypto.randomUUID();
      lineRows.push({
        id,
        projectId: p.id,
        position: specs.length,
        label: 'Équipe projet interne (CRA valorisés)',
        category: 'internal_labour',
        nature: 'opex',
        costCentre: 'CC-DSI-PROJ',
      });
      // The internal team works from the project's first month to its last: one to two people
      // at the demo's cost rates (what the approved CRA of October–November come to), a
      // lighter first month (cadrage).
      const monthly = 1_000_000 + (k % 3) * 300_000;
      months.forEach((m, j) => {
        const amount = j === 0 ? monthly / 2 : monthly;
        amountRows.push({ lineId: id, projectId: p.id, month: `${m}-01`, amount });
        // Months before Jalon's timesheets: the time already spent, valued at the month end
        // from the previous time tool (taken over when the project moved to Jalon). From
        // October the labour feed books the approved CRA hours × cost rates on this line.
        if (m < LABOUR_FROM && m <= today) {
          const factor = 0.9 + ((k * 13 + j * 7) % 21) / 100;
          actualRows.push({
            projectId: p.id,
            lineId: id,
            source: 'other',
            date: lastDay(m),
            supplier: '',
            reference: `VALO-${p.code}-${m}`,
            description: `Temps internes valorisés — ${m} (reprise de l'outil de temps précédent)`,
            amount: Math.round(amount * factor),
            currency: 'EUR',
            amountEur: Math.round(amount * factor),
          });
        }
      });
    }
    plan.set(p.id, { overrun, amendment: k % 4 === 3, lines: ids });
  }
  await ctx.db.transaction(async (tx) => {
    for (let i = 0; i < lineRows.length; i += 2000)
      await tx.insert(budgetLines).values(lineRows.slice(i, i + 2000));
    for (let i = 0; i < amountRows.length; i += 4000)
      await tx.insert(budgetAmounts).values(amountRows.slice(i, i + 4000));
    for (let i = 0; i < orderRows.length; i += 2000)
      await tx.insert(purchaseOrders).values(orderRows.slice(i, i + 2000));
    for (let i = 0; i < actualRows.length; i += 2000)
      await tx.insert(actualCosts).values(actualRows.slice(i, i + 2000));
    await repo.refreshAggregates(
      tx,
      funded.map((p) => p.id),
    );
  });
  for (const p of funded) {
    const info = plan.get(p.id)!;
    const rev = await submitRevision(
      ctx,
      actor,
      p.id,
      'Budget initial validé au COPIL de lancement',
    );
    await decideRevision(
      ctx,
      actor,
      p.id,
      rev.id,
      rev.version,
      'approve',
      'Conforme au business case',
    );
    const lines = await repo.listLines(ctx.db, p.id);
    const services = lines.find((l) => l.category === 'external_services')!;
    if (info.overrun > 1.1) {
      // The project manager re-estimates what is left at the rate seen so far.
      const budget = (await repo.listAmounts(ctx.db, p.id))
        .filter((a) => a.lineId === services.id)
        .reduce((s, a) => s + a.amount, 0);
      const spent =
        (await repo.costsByLine(ctx.db, p.id)).find((c) => c.lineId === services.id)?.actual ?? 0;
      const left = Math.max(0, Math.round((budget - spent / info.overrun) * info.overrun));
      await updateLine(ctx, actor, p.id, services.id, services.version, {
        etc: left,
        forecastComment: `Dérive de l'intégrateur (+${Math.round((info.overrun - 1) * 100)} %) : jours supplémentaires en recette`,
      });
    }
    if (p.end >= DEMO_TODAY) await closeMonth(ctx, actor, p.id, DEMO_TODAY, 'Clôture de novembre');
    if (info.amendment && p.end > DEMO_TODAY) {
      const current = (await repo.findLine(ctx.db, p.id, services.id))!;
      const last = addMonths(today, 2);
      await updateLine(ctx, actor, p.id, services.id, current.version, {
        amounts: [{ month: last, amount: 4_500_000 }],
      });
      await submitRevision(
        ctx,
        actor,
        p.id,
        'Avenant n° 1 : extension du périmètre au site de Lyon',
      );
    }
  }
  return { projects: funded.length, lines: lineRows.length, actuals: actualRows.length };
}
