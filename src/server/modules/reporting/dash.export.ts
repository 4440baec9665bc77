import PDFDocument from 'pdfkit';
import type { DashPortfolio, DashProject } from '../../../contracts/dash.ts';
import { toXlsx } from '../../tabular/xlsx.ts';
import { packFonts } from './copil/fonts.ts';

/*
 * The portfolio dashboard as a file (issue 8): what the screen shows for the same filters — the
 * filters themselves, the headline figures, the weather / phase / status mixes, budget vs actual
 * by programme, capacity pressure by the people's department, benefits, KPI trends and the
 * filtered projects. XLSX (one sheet per block, values only: the shared writer guards formulas)
 * or an A4 landscape PDF (DejaVu Sans embedded, as the COPIL packs). Documents carry words, so
 * the labels are here in French and English.
 */

export type ExportLang = 'fr' | 'en';

const L = {
  fr: {
    title: 'Tableau de bord du portefeuille',
    filters: 'Filtres',
    all: 'Tous les projets visibles',
    asOf: 'Indicateurs au',
    computedAt: 'calculés le',
    summary: 'Synthèse',
    figure: 'Indicateur',
    value: 'Valeur',
    projects: 'Projets',
    red: 'Projets en pluie ou orage',
    budget: 'Budget (€)',
    actual: 'Réalisé (€)',
    committed: 'Engagé (€)',
    consumed: 'Consommé (%)',
    exposure: 'Exposition aux risques (€)',
    late: 'Jalons en retard',
    benefitsPlanned: 'Bénéfices prévus (€)',
    benefitsDue: 'Bénéfices prévus à date (€)',
    benefitsRealised: 'Bénéfices réalisés (€)',
    benefitsRate: 'Taux de réalisation des bénéfices (%)',
    weather: 'Météo',
    phase: 'Phase',
    status: 'Statut',
    program: 'Programme',
    capacity: 'Charge par direction',
    orgUnit: 'Direction',
    allocated: 'Heures allouées',
    capacityH: 'Capacité nette (h)',
    load: 'Charge (%)',
    kpis: 'KPI',
    kpi: 'KPI',
    date: 'Date',
    rag: 'Statut',
    code: 'Code',
    name: 'Projet',
    portfolio: 'Portefeuille',
    manager: 'Chef de projet',
    start: 'Début',
    finish: 'Fin',
    slippage: 'Glissement (j)',
    alignment: 'Alignement (%)',
    spi: 'SPI',
    cpi: 'CPI',
    none: 'Aucun',
    noWeather: 'Sans rapport',
    weathers: {
      sun: 'Soleil',
      cloud: 'Nuageux',
      rain: 'Pluie',
      storm: 'Orage',
      _none: 'Sans rapport',
    },
    page: (n: number, total: number) => `Page ${n} / ${total}`,
  },
  en: {
    title: 'Portfolio dashboard',
    filters: 'Filters',
    all: 'Every visible project',
    asOf: 'Indicators as of',
    computedAt: 'computed on',
    summary: 'Summary',
    figure: 'Figure',
    value: 'Value',
    projects: 'Projects',
    red: 'Projects in rain or storm',
    budget: 'Budget (€)',
    actual: 'Actual (€)',
    committed: 'Committed (€)',
    consumed: 'Consumed (%)',
    exposure: 'Risk exposure (€)',
    late: 'Late milestones',
    benefitsPlanned: 'Planned benefits (€)',
    benefitsDue: 'Benefits planned to date (€)',
    benefitsRealised: 'Realised benefits (€)',
    benefitsRate: 'Benefits realisation rate (%)',
    weather: 'Weather',
    phase: 'Phase',
    status: 'Status',
    program: 'Programme',
    capacity: 'Load by department',
    orgUnit: 'Department',
    allocated: 'Hours allocated',
    capacityH: 'Net capacity (h)',
    load: 'Load (%)',
    kpis: 'KPIs',
    kpi: 'KPI',
    date: 'Date',
    rag: 'Status',
    code: 'Code',
    name: 'Project',
    portfolio: 'Portfolio',
    manager: 'Project manager',
    start: 'Start',
    finish: 'Finish',
    slippage: 'Slippage (d)',
    alignment: 'Alignment (%)',
    spi: 'SPI',
    cpi: 'CPI',
    none: 'None',
    noWeather: 'No report',
    weathers: { sun: 'Sunny', cloud: 'Cloudy', rain: 'Rain', storm: 'Storm', _none: 'No report' },
    page: (n: number, total: number) => `Page ${n} of ${total}`,
  },
} as const;

type Labels = (typeof L)[ExportLang];
type Cell = string | number | null;

const eur = (cents: number | null | undefined) =>
  cents === null || cents === undefined ? null : cents / 100;

/** The words of the filters in force, e.g. "Portefeuille : Transformation ; Météo : Orage". */
export function filterLine(
  data: DashPortfolio,
  q: Record<string, string | undefined>,
  lang: ExportLang,
) {
  const l = L[lang];
  const o = data.options;
  const name = (list: readonly { id: string; name: string }[], id?: string) =>
    list.find((x) => x.id === id)?.name ?? id;
  const parts: string[] = [];
  if (q.portfolioId) parts.push(`${l.portfolio} : ${name(o.portfolios, q.portfolioId)}`);
  if (q.programId) parts.push(`${l.program} : ${name(o.programs, q.programId)}`);
  if (q.orgUnitId) parts.push(`${l.orgUnit} : ${name(o.orgUnits, q.orgUnitId)}`);
  if (q.managerId) parts.push(`${l.manager} : ${name(o.managers, q.managerId)}`);
  if (q.phase)
    parts.push(
      `${l.phase} : ${q.phase === '_none' ? l.none : (o.phases.find((p) => p.key === q.phase)?.name ?? q.phase)}`,
    );
  if (q.weather) parts.push(`${l.weather} : ${l.weathers[q.weather as 'sun']}`);
  return parts.length ? parts.join(' ; ') : l.all;
}

function blocks(data: DashPortfolio, projects: readonly DashProject[], l: Labels) {
  const b = data.budget.total;
  const summary: Cell[][] = [
    [l.figure, l.value],
    [l.projects, data.headline.projects],
    [l.red, data.headline.red],
    [l.budget, eur(b.budgetCents)],
    [l.actual, eur(b.actualCents)],
    [l.committed, eur(b.committedCents)],
    [l.consumed, b.consumedPct],
    [l.exposure, eur(data.headline.exposureCents)],
    [l.late, data.headline.milestonesLate],
  ];
  if (data.benefits)
    summary.push(
      [l.benefitsPlanned, eur(data.benefits.plannedCents)],
      [l.benefitsDue, eur(data.benefits.plannedToDateCents)],
      [l.benefitsRealised, eur(data.benefits.realisedCents)],
      [l.benefitsRate, data.benefits.ratePct],
    );
  const weather: Cell[][] = [
    [l.weather, l.projects],
    ...data.weatherMix.map((m) => [l.weathers[m.key as 'sun'] ?? m.key, m.count]),
  ];
  const phase: Cell[][] = [
    [l.phase, l.projects],
    ...data.phaseMix.map((m) => [m.key === '_none' ? l.none : m.name, m.count]),
    [],
    [l.status, l.projects],
    ...data.statusMix.map((m) => [m.key, m.count]),
  ];
  const budget: Cell[][] = [
    [l.program, l.projects, l.budget, l.actual, l.committed, l.consumed],
    ...data.budget.groups.map((g) => [
      g.key === '_none' ? l.none : g.name,
      g.projects,
      eur(g.budgetCents),
      eur(g.actualCents),
      eur(g.committedCents),
      g.consumedPct,
    ]),
  ];
  const capacity: Cell[][] = [
    [l.orgUnit, l.allocated, l.capacityH, l.load],
    ...data.capacity.groups.map((g) => [
      g.key === '_none' ? l.none : g.name,
      g.allocatedHours,
      g.capacityHours,
      g.loadPct,
    ]),
  ];
  const kpis: Cell[][] = [
    [l.kpi, l.date, l.value, l.rag],
    ...data.kpis.flatMap((k) => k.points.map((p) => [k.code, p.asOf, p.value, p.status])),
  ];
  const list: Cell[][] = [
    [
      l.code,
      l.name,
      l.portfolio,
      l.program,
      l.manager,
      l.phase,
      l.weather,
      l.start,
      l.finish,
      l.slippage,
      l.budget,
      l.actual,
      l.exposure,
      l.late,
      l.alignment,
      l.spi,
      l.cpi,
    ],
    ...projects.map((p) => [
      p.code,
      p.name,
      p.portfolio.name,
      p.program?.name ?? null,
      p.manager?.name ?? null,
      p.phase?.name ?? null,
      l.weathers[(p.weather ?? '_none') as 'sun'],
      p.start,
      p.finish,
      p.slippageDays,
      eur(p.budgetCents),
      eur(p.actualCents),
      eur(p.exposureCents),
      p.milestonesLate,
      p.value,
      p.spi,
      p.cpi,
    ]),
  ];
  return { summary, weather, phase, budget, capacity, kpis, list };
}

export async function dashboardXlsx(
  data: DashPortfolio,
  projects: readonly DashProject[],
  filters: string,
  lang: ExportLang,
) {
  const l = L[lang];
  const b = blocks(data, projects, l);
  const money = '#,##0.00 "€"';
  return toXlsx([
    {
      name: l.summary,
      rows: [
        ...b.summary,
        [],
        [l.filters, filters],
        [l.asOf, data.freshness.asOf ?? data.asOf],
        [l.computedAt, data.freshness.computedAt],
      ],
      widths: [40, 24],
    },
    { name: l.weather, rows: b.weather, widths: [20, 12] },
    { name: l.phase, rows: b.phase, widths: [28, 12] },
    {
      name: l.program,
      rows: b.budget,
      widths: [32, 10, 18, 18, 18, 14],
      numberFormats: { 2: money, 3: money, 4: money },
    },
    { name: l.capacity, rows: b.capacity, widths: [32, 16, 16, 12] },
    { name: l.kpis, rows: b.kpis, widths: [24, 12, 12, 10] },
    {
      name: l.projects,
      rows: b.list,
      widths: [16, 36, 22, 22, 22, 16, 12, 12, 12, 10, 16, 16, 16, 10, 12, 8, 8],
      numberFormats: { 10: money, 11: money, 12: money },
    },
  ]);
}

// One formatter per language, built once: building an Intl.NumberFormat per cell took half the
// time of a 2,000-project PDF.
const numberFormats = {
  fr: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};

const fmtNumber = (lang: ExportLang, v: Cell) =>
  v === null || v === undefined ? '—' : typeof v === 'number' ? numberFormats[lang].format(v) : v;

/**
 * The dashboard on A4 landscape pages: title, filters, freshness, then each block as a table —
 * every filtered project, on as many pages as needed, the table's header repeated at the top of
 * each page and the pages numbered.
 */
export async function dashboardPdf(
  data: DashPortfolio,
  projects: readonly DashProject[],
  filters: string,
  lang: ExportLang,
): Promise<Buffer> {
  const l = L[lang];
  const b = blocks(data, projects, l);
  const fonts = packFonts();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 36,
    info: { Title: l.title, Creator: 'Jalon' },
    lang: lang === 'fr' ? 'fr-FR' : 'en-GB',
    bufferPages: true,
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const left = 36;
  const width = 842 - 72;
  doc.font('bold').fontSize(18).fillColor('#1c3d5a').text(l.title, left, 36);
  doc.font('regular').fontSize(9).fillColor('#495057');
  doc.text(`${l.filters} : ${filters}`);
  doc.text(
    `${l.asOf} ${data.freshness.asOf ?? data.asOf}${data.freshness.computedAt ? `, ${l.computedAt} ${data.freshness.computedAt.slice(0, 16).replace('T', ' ')} UTC` : ''}`,
  );
  doc.moveDown(0.6);
  /** The text as it fits on one line of `room` points (cut with « … » if needed), and its width. */
  const fitted = (text: string, room: number): [string, number] => {
    let w = doc.widthOfString(text);
    if (w <= room) return [text, w];
    let cut = text;
    do {
      cut = cut.slice(0, -1).trimEnd();
      w = doc.widthOfString(`${cut}…`);
    } while (cut && w > room);
    return [`${cut}…`, w];
  };
  const table = (title: string, rows: Cell[][], widths: number[]) => {
    if (rows.length <= 1) return;
    if (doc.y > 595 - 90) doc.addPage();
    doc.font('bold').fontSize(11).fillColor('#212529').text(title, left, doc.y);
    doc.moveDown(0.2);
    const total = widths.reduce((s, w) => s + w, 0);
    const cols = widths.map((w) => (w / total) * width);
    const line = (row: Cell[], header: boolean) => {
      const y = doc.y;
      let x = left;
      doc
        .font(header ? 'bold' : 'regular')
        .fontSize(8)
        .fillColor('#212529');
      let h = 12;
      row.forEach((c, j) => {
        const text = String(fmtNumber(lang, c));
        const room = cols[j]! - 4;
        if (header) {
          // A header's label may take several lines (the row grows).
          const options = { width: room, align: 'left' as const };
          h = Math.max(h, doc.heightOfString(text, options) + 3);
          doc.text(text, x + 2, y + 2, options);
        } else {
          // A value takes one line, cut with « … » when too wide, numbers to the right. Placed
          // by hand, without pdfkit's line wrapper: wrapping each of 16,000 cells of a
          // 2,000-project table (line breaking, every word measured again) was most of its cost.
          const [shown, w] = fitted(text, room);
          const dx = typeof c === 'number' ? room - w : 0;
          doc.text(shown, x + 2 + dx, y + 2, { lineBreak: false });
        }
        x += cols[j]!;
      });
      doc
        .moveTo(left, y + h)
        .lineTo(left + width, y + h)
        .strokeColor('#dee2e6')
        .lineWidth(0.5)
        .stroke();
      doc.y = y + h + 1;
    };
    for (const [i, row] of rows.entries()) {
      if (row.length === 0) continue;
      if (doc.y > 595 - 50) {
        // A new page starts with the table's header again.
        doc.addPage();
        if (i > 0) line(rows[0]!, true);
      }
      line(row, i === 0);
    }
    doc.x = left;
    doc.moveDown(0.6);
  };
  table(l.summary, b.summary, [3, 2, 5]);
  table(l.weather, b.weather, [3, 1, 6]);
  table(l.program, b.budget, [4, 1, 2, 2, 2, 1]);
  table(l.capacity, b.capacity, [4, 2, 2, 1]);
  if (b.kpis.length > 1) table(l.kpis, b.kpis, [3, 2, 2, 1]);
  const shown = b.list.map((r) => [r[0]!, r[1]!, r[4]!, r[6]!, r[8]!, r[10]!, r[12]!, r[13]!]);
  table(l.projects, shown, [2, 5, 3, 2, 2, 2, 2, 1]);
  // Page numbers, once every page exists (written in the bottom margin, no new page).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing in the bottom margin must not start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(7)
      .fillColor('#868e96')
      .text(l.page(i - range.start + 1, range.count), left, 595 - 26, {
        width,
        align: 'right',
        lineBreak: false,
      });
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
