import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildPack,
  DEFAULT_TEMPLATE,
  formatDate,
  formatDecimal,
  formatInteger,
  formatMoney,
  formatPercent,
  narrativeLines,
  NNBSP,
  packFileName,
  packTexts,
  type PackInput,
  type ProjectInput,
} from './pack.ts';

describe('French and English number formats', () => {
  it.each([
    [0, 'fr', '0'],
    [999, 'fr', '999'],
    [1000, 'fr', `1${NNBSP}000`],
    [1234567, 'fr', `1${NNBSP}234${NNBSP}567`],
    [-1234567, 'fr', `-1${NNBSP}234${NNBSP}567`],
    [1234567, 'en', '1,234,567'],
  ] as const)('formatInteger(%s, %s) = %s', (n, lang, out) => {
    expect(formatInteger(n, lang)).toBe(out);
  });

  it('decimals, money, percentages and dates', () => {
    expect(formatDecimal(1234.5, 2, 'fr')).toBe(`1${NNBSP}234,50`);
    expect(formatDecimal(0.955, 2, 'en')).toBe('0.96');
    expect(formatDecimal(-0.001, 2, 'fr')).toBe('0,00');
    expect(formatMoney(123456789, 'EUR', 'fr')).toBe(`1${NNBSP}234${NNBSP}568\u00A0€`);
    expect(formatMoney(123456789, 'EUR', 'en')).toBe('€1,234,568');
    expect(formatMoney(100, 'CHF', 'fr')).toBe('1\u00A0CHF');
    expect(formatPercent(0.456, 'fr')).toBe(`46${NNBSP}%`);
    expect(formatPercent(1.05, 'en')).toBe('105%');
    expect(formatDate('2026-03-05', 'fr')).toBe('05/03/2026');
    expect(formatDate('2026-03-05', 'en')).toBe('5 Mar 2026');
  });

  it('property: removing the separators gives back the integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom('fr', 'en'), (n, lang) => {
        const text = formatInteger(n, lang as 'fr' | 'en');
        expect(Number(text.replaceAll(NNBSP, '').replaceAll(',', ''))).toBe(n);
        // Groups of exactly three digits after the first.
        for (const g of text
          .replace('-', '')
          .split(lang === 'fr' ? NNBSP : ',')
          .slice(1))
          expect(g).toHaveLength(3);
      }),
    );
  });
});

const project = (over: Partial<ProjectInput> = {}): ProjectInput => ({
  code: 'PRJ-1',
  name: 'ERP Finance',
  manager: 'Thomas Bernard',
  program: 'Transformation',
  report: {
    state: 'reviewed',
    overall: 'rain',
    trend: 'worse',
    dimensions: { schedule: 'rain', cost: 'storm', scope: 'sun' },
    dimensionTrends: { schedule: 'worse', cost: 'new', scope: 'same' },
    achievements: '- Recette lot 1\n\n- Formation',
    nextSteps: 'Bascule',
    issues: 'Retard fournisseur',
    decisions: 'Valider le budget complémentaire',
    periodStart: '2026-09-01',
  },
  milestones: [
    { name: 'Cadrage', date: '2026-02-01', baseline: '2026-02-01', done: true },
    { name: 'Recette', date: '2026-09-10', baseline: '2026-08-31', done: false },
    { name: 'Go-live', date: '2026-11-02', baseline: '2026-10-15', done: false },
  ],
  finance: {
    currency: 'EUR',
    budget: 100_000_00,
    actual: 60_000_00,
    eac: 120_000_00,
    committed: 0,
    spi: 0.8,
    cpi: null,
  },
  progress: 0.5,
  risks: [
    { code: 'R-3', title: 'Fournisseur défaillant', score: 20, owner: 'Marie', status: 'open' },
  ],
  ...over,
});

const input = (over: Partial<PackInput> = {}): PackInput => ({
  scope: { type: 'program', code: 'PG-1', name: 'Transformation' },
  asOf: '2026-09-20',
  generatedOn: '2026-09-21',
  language: 'fr',
  template: DEFAULT_TEMPLATE,
  scopeWeather: 'rain',
  projects: [
    project(),
    project({ code: 'PRJ-2', name: 'CRM', report: null, finance: null, risks: [] }),
  ],
  ...over,
});

describe('the pack model', () => {
  it('cover, summary with weathers and one page per project', () => {
    const m = buildPack(input());
    expect(m.cover).toMatchObject({
      title: 'Comité de pilotage',
      scope: 'Programme PG-1 — Transformation',
      asOf: 'Situation au 20/09/2026',
    });
    expect(m.summary!.rows.map((r) => r.cells.slice(0, 4))).toEqual([
      ['PRJ-1 — ERP Finance', 'Thomas Bernard', 'Pluie', 'En dégradation'],
      ['PRJ-2 — CRM', 'Thomas Bernard', 'Pas de rapport', ''],
    ]);
    expect(m.summary!.note).toBe('2 projets, 1 rapports reçus — Météo : Pluie');
    expect(m.projects).toHaveLength(2);
    expect(m.projects[0]!.blocks.map((b) => b.title)).toEqual([
      'Météo par dimension',
      'Jalons',
      'Budget',
      'Principaux risques',
      'Faits marquants et décisions',
      'Indicateurs',
    ]);
  });

  it('milestones done, late (overdue or slipped) and next; budget with EAC; risks', () => {
    const page = buildPack(input()).projects[0]!;
    const ms = page.blocks.find((b) => b.title === 'Jalons');
    expect(ms).toMatchObject({
      kind: 'table',
      rows: [
        ['1', '2', 'Go-live — 02/11/2026 (15/10/2026)'],
        ['', 'Recette — 10/09/2026 (31/08/2026)\nGo-live — 02/11/2026 (15/10/2026)', ''],
      ],
    });
    const budget = page.blocks.find((b) => b.title === 'Budget');
    expect(budget).toMatchObject({
      rows: [
        [
          `100${NNBSP}000\u00A0€`,
          `60${NNBSP}000\u00A0€`,
          `120${NNBSP}000\u00A0€`,
          `60${NNBSP}%`,
          '0,80',
          '—',
        ],
      ],
    });
    const narrative = page.blocks.find((b) => b.kind === 'text');
    expect(narrative).toMatchObject({
      paragraphs: [
        { label: 'Décisions et arbitrages attendus', text: 'Valider le budget complémentaire' },
        { label: 'Points d’attention', text: 'Retard fournisseur' },
        { label: 'Réalisations', text: 'Recette lot 1\nFormation' },
        { label: 'Prochaines étapes', text: 'Bascule' },
      ],
    });
  });

  it('follows the template: sections, their order, title, accent, footer; English', () => {
    const m = buildPack(
      input({
        language: 'en',
        template: {
          ...DEFAULT_TEMPLATE,
          title: 'Monthly COPIL',
          sections: ['risks', 'weather'],
          accentColor: '#abcdef',
          footer: 'PMO',
          confidentiality: 'Internal',
        },
      }),
    );
    expect(m.summary).toBeNull();
    expect(m.projects[0]!.blocks.map((b) => b.title)).toEqual([
      'Top risks',
      'Weather by dimension',
    ]);
    expect(m.accent).toBe('#ABCDEF');
    expect(m.footer).toBe('PMO — Internal');
    expect(m.cover.asOf).toBe('Status as of 20 Sep 2026');
    expect(buildPack(input({ template: { ...DEFAULT_TEMPLATE, accentColor: 'red' } })).accent).toBe(
      '#1C5D99',
    );
  });

  it('property: every project has a page and no text is undefined', () => {
    const weather = fc.constantFrom('sun', 'cloud', 'rain', 'storm');
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            code: fc.string({ minLength: 1, maxLength: 8 }),
            overall: fc.option(weather),
            budget: fc.integer({ min: 0, max: 1e12 }),
          }),
          { maxLength: 8 },
        ),
        fc.constantFrom('fr', 'en'),
        (rows, lang) => {
          const m = buildPack(
            input({
              language: lang as 'fr' | 'en',
              projects: rows.map((r) =>
                project({
                  code: r.code,
                  report: r.overall ? { ...project().report!, overall: r.overall as 'sun' } : null,
                  finance: { ...project().finance!, budget: r.budget },
                }),
              ),
            }),
          );
          expect(m.projects).toHaveLength(rows.length);
          for (const s of packTexts(m)) expect(s).not.toMatch(/undefined|NaN/);
        },
      ),
    );
  });

  it('narrative lines and file names', () => {
    expect(narrativeLines('- a\n\n• b\r\n* c\n d ', 3)).toEqual(['a', 'b', 'c']);
    expect(packFileName('PRJ-2026-008', '2026-09-20', 'pdf')).toBe(
      'COPIL_PRJ-2026-008_2026-09-20.pdf',
    );
    expect(packFileName('Équipe «Sûre»', '2026-09-20', 'docx')).toBe(
      'COPIL_Equipe_Sure__2026-09-20.docx',
    );
  });
});
