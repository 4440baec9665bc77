import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pack, PackTemplate } from '../../src/contracts/copil.ts';
import { waitForPack } from '../../src/server/modules/reporting/copil/copil.service.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import {
  buildMember,
  buildPerson,
  buildPortfolio,
  buildProgram,
  buildProject,
} from '../helpers/factories.ts';
import { pdfText, unzip, xmlText } from './copil-files.ts';

let t: TestApp;
let pmo: string;
let pm: string;
let outsider: string;
let portfolioId: string;
let programId: string;
let projectId: string;
let projectCode: string;
let template: PackTemplate;

const NNBSP = '\u202F';
const DECISION = `Arbitrer l’enveloppe de 1${NNBSP}234${NNBSP}567 € « Lot 2 »`;

beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  portfolioId = (await buildPortfolio(t)).id;
  programId = (await buildProgram(t, portfolioId)).id;
  const manager = await buildPerson(t);
  const project = await buildProject(t, portfolioId, { programId, managerId: manager.id });
  projectId = project.id;
  projectCode = project.code;
  pm = (await signIn(t, 'member', { personId: manager.id })).cookie;
  outsider = (await signIn(t, 'member', { personId: (await buildPerson(t)).id })).cookie;
  await buildMember(t, projectId, (await buildPerson(t)).id, 'contributor');

  // A submitted report for the period of 2026-09-15, with the narrative and dimensions.
  const created = await call(t, pm, {
    method: 'POST',
    url: `/api/v1/projects/${projectId}/status-reports`,
    payload: {
      periodDate: '2026-09-15',
      overall: 'storm',
      dimensions: { schedule: 'rain', cost: 'storm', scope: 'sun', quality: 'cloud' },
      achievements: 'Recette du lot 1 terminée',
      nextSteps: 'Bascule en production',
      issues: 'Fournisseur en retard de 3 semaines',
      decisions: DECISION,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const submit = await call(t, pm, {
    method: 'POST',
    url: `/api/v1/projects/${projectId}/status-reports/${created.json().id}/submit`,
    headers: { 'if-match': `"${created.json().version}"` },
  });
  expect(submit.statusCode, submit.body).toBe(200);
  const risk = await call(t, pmo, {
    method: 'POST',
    url: `/api/v1/projects/${projectId}/risks`,
    payload: {
      title: 'Défaillance du fournisseur d’hébergement',
      probability: 4,
      impacts: { cost: 5 },
    },
  });
  expect(risk.statusCode, risk.body).toBe(201);
});
afterAll(async () => t?.close());

async function generate(cookie: string, body: object) {
  const res = await call(t, cookie, { method: 'POST', url: '/api/v1/copil/packs', payload: body });
  if (res.statusCode !== 202) return { res, pack: null, file: null };
  const queued = Pack.parse(res.json());
  await waitForPack(queued.id);
  const pack = Pack.parse(
    (await call(t, cookie, { url: `/api/v1/copil/packs/${queued.id}` })).json(),
  );
  const file = await call(t, cookie, { url: `/api/v1/copil/packs/${queued.id}/file` });
  return { res, queued, pack, file };
}

describe('pack templates', () => {
  it('the PMO creates a template; checks colour, sections and name', async () => {
    const res = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/copil/templates',
      payload: {
        name: 'COPIL mensuel',
        title: 'Comité de pilotage mensuel',
        subtitle: 'Direction de la transformation',
        sections: ['summary', 'weather', 'decisions', 'milestones', 'budget', 'risks', 'charts'],
        accentColor: '#7b2cbf',
        footer: 'Groupe Exemple — PMO',
        confidentiality: 'Diffusion restreinte',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    template = PackTemplate.parse(res.json());
    expect(template.accentColor).toBe('#7B2CBF');
    const bad = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/copil/templates',
      payload: { name: 'X', sections: ['summary', 'summary'], accentColor: 'violet' },
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.issues.map((i: { path: string[] }) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['body.sections', 'body.accentColor']));
    const dup = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/copil/templates',
      payload: { name: 'COPIL mensuel', sections: ['summary'] },
    });
    expect(dup.json().error.code).toBe('COPIL_TEMPLATE_EXISTS');
    expect(
      (
        await call(t, pm, {
          method: 'POST',
          url: '/api/v1/copil/templates',
          payload: { name: 'Y', sections: ['summary'] },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('edits need the current version', async () => {
    const stale = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/copil/templates/${template.id}`,
      headers: { 'if-match': '"99"' },
      payload: { footer: 'x' },
    });
    expect(stale.statusCode).toBe(412);
    const ok = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/copil/templates/${template.id}`,
      headers: { 'if-match': `"${template.version}"` },
      payload: { footer: 'Groupe Exemple — Direction de projets' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    template = PackTemplate.parse(ok.json());
    expect(ok.headers.etag).toBe(`"${template.version}"`);
  });
});

describe('COPIL packs', () => {
  it('a programme pack as PDF: queued, then done with the file; French text with U+202F extracted', async () => {
    const { res, queued, pack, file } = await generate(pmo, {
      scopeType: 'program',
      scopeId: programId,
      asOf: '2026-09-20',
      format: 'pdf',
      language: 'fr',
      templateId: template.id,
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(queued!.state).toBe('queued');
    expect(pack).toMatchObject({
      state: 'done',
      progress: 100,
      projectCount: 1,
      templateName: 'COPIL mensuel',
    });
    expect(file!.statusCode).toBe(200);
    expect(file!.headers['content-type']).toBe('application/pdf');
    expect(file!.headers['content-disposition']).toContain(`COPIL_`);
    const body = file!.rawPayload;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, fonts } = pdfText(body);
    expect(
      fonts.every((f) => /DejaVu/.test(f)),
      fonts.join(),
    ).toBe(true);
    const all = pages.join('\n');
    expect(all).toContain('Comité de pilotage mensuel');
    expect(all).toContain('Diffusion restreinte');
    expect(all).toContain(projectCode);
    expect(all).toContain('Situation au 20/09/2026');
    // The narrow no-break space survives: the embedded font maps it back to U+202F.
    expect(all).toContain(`1${NNBSP}234${NNBSP}567 € « Lot 2 »`);
    expect(all).toContain('Orage');
    expect(all).toContain('Défaillance du fournisseur d’hébergement');
    expect(all).toContain('Fournisseur en retard de 3 semaines');
    expect(all).toContain('Groupe Exemple — Direction de projets');
    expect(all).not.toContain('\uFFFD');
    // Cover, summary, one project page.
    expect(pages.length).toBe(3);
  });

  it('a project pack as PPTX in English: slides with the weathers and the decisions', async () => {
    const { pack, file } = await generate(pm, {
      scopeType: 'project',
      scopeId: projectId,
      asOf: '2026-09-20',
      format: 'pptx',
      language: 'en',
    });
    expect(pack!.state, pack!.error ?? '').toBe('done');
    const zip = unzip(file!.rawPayload);
    expect(zip.has('ppt/presentation.xml')).toBe(true);
    const slides = [...zip.keys()].filter((k) => /^ppt\/slides\/slide\d+\.xml$/.test(k)).sort();
    expect(slides).toHaveLength(3);
    const text = slides.map((s) => xmlText(zip.get(s)!.toString('utf8'), 'a:t')).join('\n');
    // The template's own title; the rest in English.
    expect(text).toContain('Comité de pilotage mensuel');
    expect(text).toContain('Status as of 20 Sep 2026');
    expect(text).toContain('Storm');
    expect(text).toContain('Decisions and help needed');
    expect(text).toContain(`1${NNBSP}234${NNBSP}567`);
    expect(zip.get('ppt/slides/slide3.xml')!.toString()).toContain('DejaVu Sans');
    expect(zip.get('ppt/slides/slide3.xml')!.toString()).toContain('prstGeom prst="rect"');
  });

  it('a portfolio pack as DOCX: landscape, footer, a section per project', async () => {
    const { pack, file } = await generate(pmo, {
      scopeType: 'portfolio',
      scopeId: portfolioId,
      asOf: '2026-09-20',
      format: 'docx',
      language: 'fr',
      templateId: template.id,
    });
    expect(pack!.state, pack!.error ?? '').toBe('done');
    const zip = unzip(file!.rawPayload);
    const doc = zip.get('word/document.xml')!.toString('utf8');
    expect(doc).toContain('w:orient="landscape"');
    const text = xmlText(doc, 'w:t');
    expect(text).toContain('Synthèse');
    expect(text).toContain('Météo par dimension');
    expect(text).toContain(DECISION);
    const footers = [...zip.keys()].filter((k) => /^word\/footer\d*\.xml$/.test(k));
    expect(footers.map((f) => zip.get(f)!.toString('utf8')).join()).toContain(
      'Direction de projets',
    );
  });

  it('object-level checks: outsiders see no project, members no portfolio, nobody else’s pack', async () => {
    const hidden = await call(t, outsider, {
      method: 'POST',
      url: '/api/v1/copil/packs',
      payload: { scopeType: 'project', scopeId: projectId, format: 'pdf' },
    });
    expect(hidden.json().error.code).toBe('PROJECT_NOT_FOUND');
    const portfolio = await call(t, pm, {
      method: 'POST',
      url: '/api/v1/copil/packs',
      payload: { scopeType: 'portfolio', scopeId: portfolioId, format: 'pdf' },
    });
    expect(portfolio.statusCode).toBe(403);
    const mine = (await call(t, pm, { url: '/api/v1/copil/packs' })).json().items as Pack[];
    expect(mine.map((p) => p.format)).toEqual(['pptx']);
    const all = (await call(t, pmo, { url: '/api/v1/copil/packs' })).json().items as Pack[];
    expect(all.length).toBe(3);
    const theirs = all.find((p) => p.format === 'docx')!;
    expect(
      (await call(t, pm, { url: `/api/v1/copil/packs/${theirs.id}/file` })).json().error.code,
    ).toBe('COPIL_PACK_NOT_FOUND');
  });

  it('a failed generation is recorded with its error code', async () => {
    const { pack } = await generate(pmo, {
      scopeType: 'project',
      scopeId: projectId,
      format: 'pdf',
      templateId: '00000000-0000-4000-8000-000000000000',
    }).catch(() => ({ pack: null }));
    expect(pack).toBeNull();
    const res = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/copil/packs',
      payload: {
        scopeType: 'project',
        scopeId: projectId,
        format: 'pdf',
        templateId: '00000000-0000-4000-8000-000000000000',
      },
    });
    expect(res.json().error.code).toBe('COPIL_TEMPLATE_NOT_FOUND');
  });
});

describe('list exports', () => {
  it('portfolio status as XLSX and CSV, project reports, KPI values', async () => {
    const xlsx = await call(t, pmo, {
      url: `/api/v1/reporting/portfolio-status/export?portfolioId=${portfolioId}&date=2026-09-20&format=xlsx`,
    });
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const zip = unzip(xlsx.rawPayload);
    const strings =
      zip.get('xl/sharedStrings.xml')?.toString('utf8') ??
      zip.get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(strings).toContain(projectCode);
    expect(strings).toContain('Orage');
    const csv = await call(t, pmo, {
      url: `/api/v1/reporting/portfolio-status/export?portfolioId=${portfolioId}&date=2026-09-20&format=csv`,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('Code;Nom;Programme');
    expect(lines.find((l) => l.startsWith(projectCode))).toContain(';Orage;');
    const reports = await call(t, pm, {
      url: `/api/v1/projects/${projectId}/status-reports/export?format=csv`,
    });
    expect(reports.statusCode, reports.body).toBe(200);
    expect(reports.body).toContain('Fournisseur en retard de 3 semaines');
    expect(
      (
        await call(t, outsider, {
          url: `/api/v1/projects/${projectId}/status-reports/export?format=csv`,
        })
      ).statusCode,
    ).toBe(404);
    const kpis = await call(t, pmo, { url: '/api/v1/kpis/export?format=xlsx&language=en' });
    expect(kpis.statusCode, kpis.body).toBe(200);
    expect(kpis.headers['content-disposition']).toMatch(/\.xlsx"/);
  });
});
