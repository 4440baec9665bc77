import { describe, expect, it } from 'vitest';
import type { DashPortfolio, DashProject } from '../../src/contracts/dash.ts';
import { dashboardPdf } from '../../src/server/modules/reporting/dash.export.ts';
import { pdfText } from './copil-files.ts';

/*
 * The dashboard's PDF lists every filtered project (paged, the table's header repeated on each
 * page, pages numbered), not the first 60 as it did.
 */

const money = { budgetCents: 0, actualCents: 0, committedCents: 0, consumedPct: null };
const capacity = { allocatedHours: 0, capacityHours: 0, loadPct: null, level: 'none' as const };

function project(i: number): DashProject {
  const n = String(i).padStart(3, '0');
  return {
    id: `00000000-0000-4000-8000-000000000${n}`,
    code: `PRJ-T-${n}`,
    name: `Projet ${n}`,
    status: 'active',
    portfolio: { id: '00000000-0000-4000-8000-100000000000', name: 'Transformation' },
    program: null,
    orgUnit: null,
    manager: null,
    phase: null,
    weather: i % 2 ? 'sun' : 'rain',
    trend: null,
    start: '2026-01-05',
    finish: '2026-12-18',
    value: 10,
    budgetCents: 100_000_00 + i,
    actualCents: 50_000_00,
    committedCents: 0,
    exposureCents: 0,
    risksOpen: 0,
    risksHigh: 0,
    milestonesLate: 0,
    slippageDays: 0,
    spi: 1,
    cpi: 1,
    allocatedHours: null,
    capacityHours: null,
    computedAt: '2026-11-26T10:00:00.000Z',
  };
}

function portfolio(projects: DashProject[]): DashPortfolio {
  return {
    asOf: '2026-11-26',
    freshness: {
      computedAt: '2026-11-26T10:00:00.000Z',
      latestAt: '2026-11-26T10:00:00.000Z',
      asOf: '2026-11-26',
      missing: 0,
    },
    options: { portfolios: [], programs: [], orgUnits: [], managers: [], phases: [] },
    headline: { projects: projects.length, red: 0, exposureCents: 0, milestonesLate: 0 },
    benefits: null,
    bubbles: { items: [], total: 0 },
    roadmap: { items: [], total: 0 },
    attention: { items: [], total: 0 },
    phaseMix: [],
    weatherMix: [{ key: 'sun', name: 'sun', count: projects.length }],
    statusMix: [{ key: 'active', name: 'active', count: projects.length }],
    budget: { groups: [], total: money },
    capacity: { groups: [], total: capacity },
    kpis: [],
    canRefresh: true,
  };
}

describe('portfolio dashboard PDF', () => {
  it('lists every project on numbered pages, the header repeated on each', async () => {
    const projects = Array.from({ length: 150 }, (_, i) => project(i + 1));
    const pdf = await dashboardPdf(portfolio(projects), projects, 'Tous', 'fr');
    const { pages } = pdfText(pdf);
    const text = pages.join('\n');
    for (const p of projects) expect(text).toContain(p.code);
    expect(text).not.toContain('autres projets');
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} / ${pages.length}`));
    // Every page after the first holds projects under the table's header.
    for (const page of pages.slice(1)) {
      expect(page).toMatch(/PRJ-T-\d{3}/);
      expect(page).toContain('Chef de projet');
    }
    const en = pdfText(await dashboardPdf(portfolio(projects), projects, 'All', 'en'));
    expect(en.pages[0]).toContain(`Page 1 of ${en.pages.length}`);
  });

  it('cuts a value too wide for its column with « … » on one line instead of running into the next row', async () => {
    const long = project(1);
    long.name =
      'Refonte complète du système d’information des ressources humaines et de la paie — lot 3 bis';
    const short = project(2);
    const pdf = await dashboardPdf(portfolio([long, short]), [long, short], 'Tous', 'fr');
    const text = pdfText(pdf).pages.join('\n');
    expect(text).toContain('Refonte complète');
    expect(text).toContain('…');
    expect(text).not.toContain('lot 3 bis');
    expect(text).toContain('Projet 002');
  });
});
