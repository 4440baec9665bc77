import { DIMENSIONS, type Dimension, type Trend, type Weather } from '../reporting/weather.ts';

/*
 * The steering-committee pack (COPIL) as data: what each page says, already formatted in the
 * pack's language. The PDF, PPTX and DOCX writers on the server only lay this model out, so the
 * three formats say the same thing and the wording is tested once, here.
 */

export const PACK_FORMATS = ['pdf', 'pptx', 'docx'] as const;
export type PackFormat = (typeof PACK_FORMATS)[number];
export const PACK_LANGUAGES = ['fr', 'en'] as const;
export type PackLanguage = (typeof PACK_LANGUAGES)[number];
export const PACK_SCOPES = ['portfolio', 'program', 'project'] as const;
export type PackScope = (typeof PACK_SCOPES)[number];

/**
 * Sections a template may show, in the order it chooses. `summary` is the summary table page;
 * the others are blocks of each project page.
 */
export const PACK_SECTIONS = [
  'summary',
  'weather',
  'milestones',
  'budget',
  'risks',
  'decisions',
  'charts',
] as const;
export type PackSection = (typeof PACK_SECTIONS)[number];

export const CONTENT_TYPES: Record<PackFormat, string> = {
  pdf: 'application/pdf',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** What the PMO adapts in a template. */
export interface PackTemplate {
  name: string;
  title: string;
  subtitle: string;
  sections: PackSection[];
  /** `#RRGGBB`. */
  accentColor: string;
  footer: string;
  confidentiality: string;
}

export const DEFAULT_TEMPLATE: PackTemplate = {
  name: 'Standard',
  title: '',
  subtitle: '',
  sections: [...PACK_SECTIONS],
  accentColor: '#1C5D99',
  footer: '',
  confidentiality: '',
};

/** Colours of the weather scale (icon fill) and their RAG reading. */
export const WEATHER_COLORS: Record<Weather, string> = {
  sun: '#2F9E44',
  cloud: '#E8A200',
  rain: '#E8590C',
  storm: '#C92A2A',
};

/** Text in both languages of the pack. */
const L = {
  fr: {
    pack: 'Comité de pilotage',
    asOf: 'Situation au',
    generated: 'Généré le',
    summary: 'Synthèse',
    project: 'Projet',
    manager: 'Chef de projet',
    overall: 'Météo',
    trend: 'Tendance',
    noReport: 'Pas de rapport',
    weather: 'Météo par dimension',
    milestones: 'Jalons',
    budget: 'Budget',
    risks: 'Principaux risques',
    decisions: 'Décisions et arbitrages attendus',
    narrative: 'Faits marquants et décisions',
    issues: 'Points d’attention',
    achievements: 'Réalisations',
    nextSteps: 'Prochaines étapes',
    charts: 'Indicateurs',
    done: 'Atteints',
    late: 'En retard',
    next: 'Prochains',
    none: 'Aucun',
    budgetLabel: 'Budget',
    actual: 'Réalisé',
    eac: 'Estimation à terminaison',
    consumed: 'Consommé',
    progress: 'Avancement',
    spi: 'SPI',
    cpi: 'CPI',
    score: 'Criticité',
    riskTitle: 'Intitulé',
    owner: 'Responsable',
    due: 'Échéance',
    page: 'Page',
    projects: 'projets',
    reported: 'rapports reçus',
    weathers: { sun: 'Soleil', cloud: 'Nuageux', rain: 'Pluie', storm: 'Orage' },
    trends: { better: 'En amélioration', worse: 'En dégradation', same: 'Stable', new: 'Nouveau' },
    dimensions: {
      schedule: 'Délais',
      cost: 'Coûts',
      scope: 'Périmètre',
      quality: 'Qualité',
      risks: 'Risques',
      resources: 'Ressources',
    },
    scopes: { portfolio: 'Portefeuille', program: 'Programme', project: 'Projet' },
    states: {
      draft: 'brouillon',
      submitted: 'soumis',
      changes_requested: 'à reprendre',
      reviewed: 'validé',
    },
  },
  en: {
    pack: 'Steering committee',
    asOf: 'Status as of',
    generated: 'Generated on',
    summary: 'Summary',
    project: 'Project',
    manager: 'Project manager',
    overall: 'Weather',
    trend: 'Trend',
    noReport: 'No report',
    weather: 'Weather by dimension',
    milestones: 'Milestones',
    budget: 'Budget',
    risks: 'Top risks',
    decisions: 'Decisions and help needed',
    narrative: 'Highlights and decisions',
    issues: 'Issues',
    achievements: 'Achievements',
    nextSteps: 'Next steps',
    charts: 'Indicators',
    done: 'Done',
    late: 'Late',
    next: 'Next',
    none: 'None',
    budgetLabel: 'Budget',
    actual: 'Actual',
    eac: 'Estimate at completion',
    consumed: 'Consumed',
    progress: 'Progress',
    spi: 'SPI',
    cpi: 'CPI',
    score: 'Score',
    riskTitle: 'Title',
    owner: 'Owner',
    due: 'Due',
    page: 'Page',
    projects: 'projects',
    reported: 'reports received',
    weathers: { sun: 'Sunny', cloud: 'Cloudy', rain: 'Rain', storm: 'Storm' },
    trends: { better: 'Improving', worse: 'Worsening', same: 'Stable', new: 'New' },
    dimensions: {
      schedule: 'Schedule',
      cost: 'Cost',
      scope: 'Scope',
      quality: 'Quality',
      risks: 'Risks',
      resources: 'Resources',
    },
    scopes: { portfolio: 'Portfolio', program: 'Programme', project: 'Project' },
    states: {
      draft: 'draft',
      submitted: 'submitted',
      changes_requested: 'changes requested',
      reviewed: 'reviewed',
    },
  },
} as const;

export type PackLabels = (typeof L)[PackLanguage];
export const labelsOf = (lang: PackLanguage): PackLabels => L[lang];

/** Narrow no-break space: the French thousands separator (and before ; : ! ? %). */
export const NNBSP = '\u202F';

/** An integer with grouped thousands: `1 234 567` (U+202F) in French, `1,234,567` in English. */
export function formatInteger(n: number, lang: PackLanguage): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(n)));
  const sep = lang === 'fr' ? NNBSP : ',';
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep;
    out += digits[i];
  }
  return sign + out;
}

/** A decimal with `decimals` digits: `1 234,50` / `1,234.50`. */
export function formatDecimal(n: number, decimals: number, lang: PackLanguage): string {
  const factor = 10 ** decimals;
  const rounded = Math.round(Math.abs(n) * factor);
  const whole = Math.floor(rounded / factor);
  const frac = String(rounded % factor).padStart(decimals, '0');
  const sign = n < 0 && rounded !== 0 ? '-' : '';
  const int = formatInteger(whole, lang);
  return decimals === 0 ? sign + int : `${sign}${int}${lang === 'fr' ? ',' : '.'}${frac}`;
}

/**
 * Money from minor units, without cents (a steering committee reads thousands):
 * `1 234 568 €` (U+202F, then a no-break space before the symbol) / `€1,234,568`.
 */
export function formatMoney(minor: number, currency: string, lang: PackLanguage): string {
  const units = formatInteger(minor / 100, lang);
  const symbol = currency === 'EUR' ? '€' : currency;
  return lang === 'fr'
    ? `${units}\u00A0${symbol}`
    : currency === 'EUR'
      ? `€${units}`
      : `${symbol} ${units}`;
}

/** A percentage: `45 %` (U+202F before %) / `45%`. */
export function formatPercent(ratio: number, lang: PackLanguage): string {
  const v = formatInteger(ratio * 100, lang);
  return lang === 'fr' ? `${v}${NNBSP}%` : `${v}%`;
}

/** A business date: `05/03/2026` / `5 Mar 2026`. */
export function formatDate(iso: string, lang: PackLanguage): string {
  const [y, m, d] = iso.split('-');
  if (lang === 'fr') return `${d}/${m}/${y}`;
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  return `${Number(d)} ${months[Number(m) - 1]} ${y}`;
}

// ---------------------------------------------------------------- input and model

/** What the server gathers for one project. */
export interface ProjectInput {
  code: string;
  name: string;
  manager: string | null;
  program: string | null;
  report: {
    state: string;
    overall: Weather;
    trend: Trend;
    dimensions: Partial<Record<Dimension, Weather | null>>;
    dimensionTrends: Partial<Record<Dimension, Trend | null>>;
    achievements: string;
    nextSteps: string;
    issues: string;
    decisions: string;
    periodStart: string;
  } | null;
  milestones: { name: string; date: string; baseline: string | null; done: boolean }[];
  finance: {
    currency: string;
    budget: number;
    actual: number;
    eac: number;
    committed: number;
    spi: number | null;
    cpi: number | null;
  } | null;
  progress: number | null;
  risks: { code: string; title: string; score: number; owner: string | null; status: string }[];
}

export interface PackInput {
  scope: { type: PackScope; code: string; name: string };
  asOf: string;
  generatedOn: string;
  language: PackLanguage;
  template: PackTemplate;
  /** The scope's own weather (roll-up or override) when it is a portfolio or programme. */
  scopeWeather: Weather | null;
  projects: ProjectInput[];
}

export interface Bar {
  label: string;
  value: number;
  /** Text shown at the end of the bar. */
  text: string;
  color: string;
}

export interface ProjectPage {
  heading: string;
  subheading: string;
  overall: { weather: Weather | null; label: string; trend: string; color: string };
  blocks: Block[];
}

export type Block =
  | {
      kind: 'weather';
      title: string;
      rows: {
        label: string;
        weather: Weather | null;
        text: string;
        trend: string;
        color: string;
      }[];
    }
  | { kind: 'list'; section: PackSection; title: string; items: string[] }
  | { kind: 'table'; section: PackSection; title: string; header: string[]; rows: string[][] }
  | { kind: 'bars'; title: string; bars: Bar[]; max: number }
  | {
      kind: 'text';
      section: PackSection;
      title: string;
      paragraphs: { label: string; text: string }[];
    };

export interface PackModel {
  language: PackLanguage;
  accent: string;
  cover: {
    title: string;
    subtitle: string;
    scope: string;
    asOf: string;
    generated: string;
    confidentiality: string;
  };
  footer: string;
  summary: {
    title: string;
    header: string[];
    rows: { cells: string[]; weather: Weather | null; color: string }[];
    note: string;
  } | null;
  projects: ProjectPage[];
}

const GREY = '#868E96';

/** At most `n` lines of a narrative field (blank lines dropped), each trimmed. */
export function narrativeLines(text: string, n = 8): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^[-•*]\s*/, '').trim())
    .filter((l) => l.length > 0)
    .slice(0, n);
}

/** The pack's file name: `COPIL_<scope code>_<date>.<ext>` with only safe characters. */
export function packFileName(scopeCode: string, asOf: string, format: PackFormat): string {
  const code = scopeCode
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9-]+/g, '_');
  return `COPIL_${code || 'pack'}_${asOf}.${format}`;
}

/** Builds the whole pack from what the server gathered: pure, deterministic. */
export function buildPack(input: PackInput): PackModel {
  const lang = input.language;
  const t = labelsOf(lang);
  const tpl = input.template;
  const sections = tpl.sections;
  const scopeLabel = `${t.scopes[input.scope.type]} ${input.scope.code} — ${input.scope.name}`;
  const weatherText = (w: Weather | null) => (w ? t.weathers[w] : t.noReport);
  const colorOf = (w: Weather | null) => (w ? WEATHER_COLORS[w] : GREY);

  const reported = input.projects.filter((p) => p.report).length;
  const summary = sections.includes('summary')
    ? {
        title: t.summary,
        header: [
          t.project,
          t.manager,
          t.overall,
          t.trend,
          ...DIMENSIONS.map((d) => t.dimensions[d]),
        ],
        rows: input.projects.map((p) => ({
          cells: [
            `${p.code} — ${p.name}`,
            p.manager ?? '',
            weatherText(p.report?.overall ?? null),
            p.report ? t.trends[p.report.trend] : '',
            ...DIMENSIONS.map((d) => {
              const w = p.report?.dimensions[d] ?? null;
              return w ? t.weathers[w] : '—';
            }),
          ],
          weather: p.report?.overall ?? null,
          color: colorOf(p.report?.overall ?? null),
        })),
        note:
          `${formatInteger(input.projects.length, lang)} ${t.projects}, ` +
          `${formatInteger(reported, lang)} ${t.reported}` +
          (input.scopeWeather ? ` — ${t.overall} : ${t.weathers[input.scopeWeather]}` : ''),
      }
    : null;

  const projects = input.projects.map((p): ProjectPage => {
    const blocks: Block[] = [];
    for (const section of sections) {
      const b = blockOf(section, p, input, t);
      if (b) blocks.push(b);
    }
    const overall = p.report?.overall ?? null;
    return {
      heading: `${p.code} — ${p.name}`,
      subheading: [
        p.program,
        p.manager ? `${t.manager} : ${p.manager}` : null,
        p.report ? `${t.states[p.report.state as keyof typeof t.states] ?? p.report.state}` : null,
      ]
        .filter(Boolean)
        .join(' · '),
      overall: {
        weather: overall,
        label: weatherText(overall),
        trend: p.report ? t.trends[p.report.trend] : '',
        color: colorOf(overall),
      },
      blocks,
    };
  });

  return {
    language: lang,
    accent: /^#[0-9A-Fa-f]{6}$/.test(tpl.accentColor)
      ? tpl.accentColor.toUpperCase()
      : DEFAULT_TEMPLATE.accentColor,
    cover: {
      title: tpl.title || t.pack,
      subtitle: tpl.subtitle,
      scope: scopeLabel,
      asOf: `${t.asOf} ${formatDate(input.asOf, lang)}`,
      generated: `${t.generated} ${formatDate(input.generatedOn, lang)}`,
      confidentiality: tpl.confidentiality,
    },
    footer: [tpl.footer, tpl.confidentiality].filter(Boolean).join(' — '),
    summary,
    projects,
  };
}

function blockOf(
  section: PackSection,
  p: ProjectInput,
  input: PackInput,
  t: PackLabels,
): Block | null {
  const lang = input.language;
  switch (section) {
    case 'summary':
      return null;
    case 'weather':
      return {
        kind: 'weather',
        title: t.weather,
        rows: DIMENSIONS.map((d) => {
          const w = p.report?.dimensions[d] ?? null;
          const tr = p.report?.dimensionTrends[d] ?? null;
          return {
            label: t.dimensions[d],
            weather: w,
            text: w ? t.weathers[w] : '—',
            trend: tr ? t.trends[tr] : '',
            color: w ? WEATHER_COLORS[w] : GREY,
          };
        }),
      };
    case 'milestones': {
      const done = p.milestones.filter((m) => m.done);
      const late = p.milestones.filter(
        (m) => !m.done && (m.date < input.asOf || (m.baseline !== null && m.date > m.baseline)),
      );
      const next = p.milestones
        .filter((m) => !m.done && m.date >= input.asOf)
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
        .slice(0, 3);
      const line = (m: ProjectInput['milestones'][number]) =>
        `${m.name} — ${formatDate(m.date, lang)}` +
        (m.baseline && m.baseline !== m.date ? ` (${formatDate(m.baseline, lang)})` : '');
      return {
        kind: 'table',
        section,
        title: t.milestones,
        header: [t.done, t.late, t.next],
        rows: [
          [
            formatInteger(done.length, lang),
            formatInteger(late.length, lang),
            next.length ? next.map(line).join('\n') : t.none,
          ],
          ...(late.length ? [['', late.slice(0, 3).map(line).join('\n'), '']] : []),
        ],
      };
    }
    case 'budget': {
      const f = p.finance;
      if (!f)
        return {
          kind: 'table',
          section,
          title: t.budget,
          header: [t.budgetLabel],
          rows: [[t.none]],
        };
      const m = (v: number) => formatMoney(v, f.currency, lang);
      return {
        kind: 'table',
        section,
        title: t.budget,
        header: [t.budgetLabel, t.actual, t.eac, t.consumed, t.spi, t.cpi],
        rows: [
          [
            m(f.budget),
            m(f.actual),
            m(f.eac),
            f.budget > 0 ? formatPercent(f.actual / f.budget, lang) : '—',
            f.spi === null ? '—' : formatDecimal(f.spi, 2, lang),
            f.cpi === null ? '—' : formatDecimal(f.cpi, 2, lang),
          ],
        ],
      };
    }
    case 'risks':
      return {
        kind: 'table',
        section,
        title: t.risks,
        header: ['', t.riskTitle, t.score, t.owner],
        rows: p.risks.length
          ? p.risks
              .slice(0, 5)
              .map((r) => [r.code, r.title, formatInteger(r.score, lang), r.owner ?? ''])
          : [['', t.none, '', '']],
      };
    case 'decisions': {
      const paragraphs = [
        { label: t.decisions, text: narrativeLines(p.report?.decisions ?? '').join('\n') },
        { label: t.issues, text: narrativeLines(p.report?.issues ?? '').join('\n') },
        { label: t.achievements, text: narrativeLines(p.report?.achievements ?? '', 5).join('\n') },
        { label: t.nextSteps, text: narrativeLines(p.report?.nextSteps ?? '', 5).join('\n') },
      ].filter((x) => x.text.length > 0);
      return {
        kind: 'text',
        section,
        title: t.narrative,
        paragraphs: paragraphs.length ? paragraphs : [{ label: t.decisions, text: t.none }],
      };
    }
    case 'charts': {
      const bars: Bar[] = [];
      if (p.progress !== null)
        bars.push({
          label: t.progress,
          value: p.progress,
          text: formatPercent(p.progress, lang),
          color: '#1C7ED6',
        });
      if (p.finance && p.finance.budget > 0) {
        const c = p.finance.actual / p.finance.budget;
        bars.push({
          label: t.consumed,
          value: c,
          text: formatPercent(c, lang),
          color: c > (p.progress ?? 1) + 0.1 ? WEATHER_COLORS.rain : '#1C7ED6',
        });
        const e = p.finance.eac / p.finance.budget;
        bars.push({
          label: t.eac,
          value: e,
          text: formatPercent(e, lang),
          color: e > 1 ? WEATHER_COLORS.storm : WEATHER_COLORS.sun,
        });
      }
      const total = p.milestones.length;
      if (total > 0) {
        const done = p.milestones.filter((m) => m.done).length;
        bars.push({
          label: t.milestones,
          value: done / total,
          text: `${formatInteger(done, lang)} / ${formatInteger(total, lang)}`,
          color: '#1C7ED6',
        });
      }
      if (bars.length === 0) return null;
      return { kind: 'bars', title: t.charts, bars, max: Math.max(1, ...bars.map((b) => b.value)) };
    }
  }
}

/** Every string of the model, in reading order (tests and the text extraction check use it). */
export function packTexts(model: PackModel): string[] {
  const out: string[] = [
    model.cover.title,
    model.cover.subtitle,
    model.cover.scope,
    model.cover.asOf,
  ];
  if (model.summary) {
    out.push(model.summary.title, ...model.summary.header);
    for (const r of model.summary.rows) out.push(...r.cells);
  }
  for (const p of model.projects) {
    out.push(p.heading, p.overall.label);
    for (const b of p.blocks) {
      out.push(b.title);
      if (b.kind === 'table') out.push(...b.header, ...b.rows.flat());
      if (b.kind === 'weather') for (const r of b.rows) out.push(r.label, r.text);
      if (b.kind === 'text') for (const x of b.paragraphs) out.push(x.label, x.text);
      if (b.kind === 'bars') for (const x of b.bars) out.push(x.label, x.text);
    }
  }
  return out.filter((s) => s.length > 0);
}
