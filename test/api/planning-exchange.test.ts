import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanChange, PlanTask } from '../../src/contracts/planning.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import { buildPerson, buildPortfolio, buildProject } from '../helpers/factories.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../shared/fixtures/mspdi');

let t: TestApp;
let pmo: string;
let portfolioId: string;

beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  portfolioId = (await buildPortfolio(t)).id;
});
afterAll(async () => t?.close());

interface PlanBody {
  settings: { start: string; statusDate: string | null; calendar: object; version: number };
  tasks: PlanTask[];
  links: { fromTaskId: string; toTaskId: string; type: string; lag: number }[];
  projectStart: string;
  projectFinish: string;
}

async function getPlan(projectId: string): Promise<PlanBody> {
  return (await call(t, pmo, { url: `/api/v1/projects/${projectId}/plan` })).json();
}

/** What must survive a round trip: outline, data, schedule, links by WBS, settings. */
function shape(plan: PlanBody) {
  const wbs = new Map(plan.tasks.map((x) => [x.id, x.wbs]));
  return {
    settings: {
      start: plan.settings.start,
      statusDate: plan.settings.statusDate,
      calendar: plan.settings.calendar,
    },
    projectStart: plan.projectStart,
    projectFinish: plan.projectFinish,
    tasks: plan.tasks.map((x) => ({
      wbs: x.wbs,
      name: x.name,
      kind: x.kind,
      duration: x.duration,
      constraint: x.constraint,
      deadline: x.deadline,
      percentComplete: x.percentComplete,
      actualStart: x.actualStart,
      actualFinish: x.actualFinish,
      start: x.schedule.start,
      finish: x.schedule.finish,
      totalFloat: x.schedule.totalFloat,
      critical: x.schedule.critical,
    })),
    links: plan.links
      .map((l) => `${wbs.get(l.fromTaskId)} ${l.type}${l.lag} ${wbs.get(l.toTaskId)}`)
      .sort(),
  };
}

async function importInto(
  projectId: string,
  format: 'mspdi' | 'json',
  body: string,
  opts = 'dryRun=false',
) {
  return call(t, pmo, {
    method: 'POST',
    url: `/api/v1/projects/${projectId}/plan/import?format=${format}&${opts}`,
    payload: body,
    headers: { 'content-type': format === 'mspdi' ? 'application/xml' : 'application/json' },
  });
}

async function exportOf(projectId: string, format: 'mspdi' | 'json' | 'csv') {
  const res = await call(t, pmo, {
    url: `/api/v1/projects/${projectId}/plan/export?format=${format}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

/** A plan with phases, every link type, lags and leads, constraints, a deadline and progress. */
async function samplePlan() {
  const project = await buildProject(t, portfolioId);
  const base = `/api/v1/projects/${project.id}/plan`;
  const add = async (body: object) => {
    const res = await call(t, pmo, { method: 'POST', url: `${base}/tasks`, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    const change = res.json() as PlanChange;
    return change.createdTaskIds[0]!;
  };
  const link = async (fromTaskId: string, toTaskId: string, type: string, lag: number) =>
    expect(
      (
        await call(t, pmo, {
          method: 'POST',
          url: `${base}/links`,
          payload: { fromTaskId, toTaskId, type, lag },
        })
      ).statusCode,
    ).toBe(201);
  await call(t, pmo, {
    method: 'PATCH',
    url: `${base}/settings`,
    payload: {
      start: '2026-09-01',
      statusDate: '2026-10-05',
      calendar: { daysOff: ['2026-12-24'] },
    },
    headers: { 'if-match': '"0"' },
  });
  const cadrage = await add({ name: 'Cadrage' });
  const note = await add({ name: 'Note de cadrage', duration: 5, parentId: cadrage });
  const copil = await add({ name: 'COPIL de lancement', duration: 0, parentId: cadrage });
  const real = await add({ name: 'Réalisation' });
  const dev = await add({ name: 'Développement', duration: 20, parentId: real });
  const tests = await add({ name: 'Tests; "intégration"', duration: 10, parentId: real });
  const doc = await add({
    name: '=Documentation',
    duration: 4,
    parentId: real,
    constraint: { type: 'SNET', date: '2026-10-12' },
  });
  const golive = await add({ name: 'Mise en production', duration: 0, deadline: '2026-12-15' });
  await link(note, copil, 'FS', 0);
  await link(copil, dev, 'FS', 2);
  await link(dev, tests, 'SS', 5);
  await link(dev, doc, 'FF', -3);
  await link(tests, golive, 'FS', 0);
  await link(doc, golive, 'SF', 1);
  const pct = async (id: string, body: object) => {
    const task = (await getPlan(project.id)).tasks.find((x) => x.id === id)!;
    const res = await call(t, pmo, {
      method: 'PATCH',
      url: `${base}/tasks/${id}`,
      payload: body,
      headers: { 'if-match': `"${task.version}"` },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  await pct(note, { percentComplete: 100, actualStart: '2026-09-01', actualFinish: '2026-09-07' });
  await pct(copil, { percentComplete: 100, actualStart: '2026-09-08', actualFinish: '2026-09-08' });
  await pct(dev, { percentComplete: 40, actualStart: '2026-09-14' });
  return project;
}

describe('plan exchange', () => {
  it.each(['json', 'mspdi'] as const)(
    'gives back the same plan after an export and an import (%s)',
    async (format) => {
      const source = await samplePlan();
      const file = (await exportOf(source.id, format)).body;
      const target = await buildProject(t, portfolioId);
      const preview = await importInto(target.id, format, file, 'dryRun=true');
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json()).toMatchObject({
        dryRun: true,
        tasks: 8,
        summaries: 2,
        milestones: 2,
        links: 6,
      });
      expect((await getPlan(target.id)).tasks).toHaveLength(0);
      const res = await importInto(target.id, format, file);
      expect(res.statusCode, res.body).toBe(200);
      const before = shape(await getPlan(source.id));
      expect(shape(await getPlan(target.id))).toEqual(before);
      expect(res.json()).toMatchObject({ dryRun: false, projectFinish: before.projectFinish });
    },
  );

  it('exports CSV with French conventions and neutralises formulas', async () => {
    const source = await samplePlan();
    const res = await exportOf(source.id, 'csv');
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=".*-planning\.csv"/);
    const text = res.body;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'WBS;Nom;Type;Durée (j ouvrés);Début;Fin;Début au plus tard;Fin au plus tard;Marge totale (j);Critique;% achevé;Début réel;Fin réelle;Échéance;Responsable;Prédécesseurs;Notes',
    );
    expect(lines[1]).toMatch(/^1;Cadrage;Récapitulative;\d+;01\/09\/2026;/);
    expect(lines.find((l) => l.startsWith('2.1;'))).toMatch(
      /^2\.1;Développement;Tâche;20;14\/09\/2026;.*;40;14\/09\/2026;/,
    );
    expect(lines.find((l) => l.startsWith('2.2;'))).toContain(';"Tests; ""intégration""";');
    expect(lines.find((l) => l.startsWith('2.3;'))).toContain(";'=Documentation;");
    expect(lines.find((l) => l.startsWith('2.3;'))).toContain(';2.1FF-3j;');
    expect(lines.find((l) => l.startsWith('1;'))).toMatch(/;Oui;|;Non;/);
  });

  it('refuses bad files with the line or task at fault, and writes nothing', async () => {
    const project = await buildProject(t, portfolioId);
    const xml = await importInto(
      project.id,
      'mspdi',
      '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<Project/>',
    );
    expect(xml.statusCode).toBe(400);
    expect(xml.json().error.code).toBe('IMPORT_INVALID');
    const broken = await importInto(
      project.id,
      'json',
      '{\n  "start": "2026-01-05",\n  "tasks": [\n',
    );
    expect(broken.json().error).toMatchObject({ code: 'IMPORT_INVALID' });
    const cycle = await importInto(
      project.id,
      'json',
      JSON.stringify({
        start: '2026-01-05',
        tasks: [
          { id: 'a', name: 'Analyse', duration: 2 },
          { id: 'b', name: 'Conception', duration: 2 },
        ],
        dependencies: [
          { from: 'a', to: 'b', type: 'FS', lag: 0 },
          { from: 'b', to: 'a', type: 'FS', lag: 0 },
        ],
      }),
    );
    expect(cycle.json().error.code).toBe('IMPORT_INVALID');
    expect(cycle.json().error.message).toMatch(/Analyse → Conception → Analyse/);
    const summaryLink = await importInto(
      project.id,
      'json',
      JSON.stringify({
        start: '2026-01-05',
        tasks: [
          { id: 'p', name: 'Phase', summary: true },
          { id: 'x', name: 'X', duration: 1, parent: 'p' },
        ],
        dependencies: [{ from: 'p', to: 'x', type: 'FS', lag: 0 }],
      }),
    );
    expect(summaryLink.json().error).toMatchObject({
      code: 'IMPORT_INVALID',
      details: { task: { name: 'Phase' } },
    });
    expect((await getPlan(project.id)).tasks).toHaveLength(0);
  });

  it('appends an imported plan after the existing tasks', async () => {
    const project = await buildProject(t, portfolioId);
    const file = JSON.stringify({
      start: '2026-01-05',
      tasks: [{ id: 'a', name: 'Lot A', duration: 3 }],
    });
    expect((await importInto(project.id, 'json', file)).statusCode).toBe(200);
    const res = await importInto(project.id, 'json', file, 'dryRun=false&mode=append');
    expect(res.statusCode, res.body).toBe(200);
    expect((await getPlan(project.id)).tasks.map((x) => `${x.wbs} ${x.name}`)).toEqual([
      '1 Lot A',
      '2 Lot A',
    ]);
  });

  const fixtures = existsSync(FIXTURES)
    ? readdirSync(FIXTURES).filter((f) => f.endsWith('.xml'))
    : [];
  if (fixtures.length === 0) {
    it.skip(`real MS Project files: ${FIXTURES} is absent, skipped`, () => undefined);
  }
  const expected = fixtures.length
    ? (JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<
        string,
        { tasks: number; nullTasks: number }
      >)
    : {};
  it.each(fixtures)('imports %s, and exports and re-imports it unchanged', async (file) => {
    const xml = readFileSync(path.join(FIXTURES, file), 'utf8');
    const first = await buildProject(t, portfolioId);
    const res = await importInto(first.id, 'mspdi', xml);
    expect(res.statusCode, res.body).toBe(200);
    // The counts of expected.json include the project summary row and blank rows, which are not tasks.
    const e = expected[file.replace(/\.xml$/, '')]!;
    expect(res.json().tasks).toBe(e.tasks - e.nullTasks - 1);
    const plan = await getPlan(first.id);
    expect(plan.tasks).toHaveLength(res.json().tasks);
    const second = await buildProject(t, portfolioId);
    const again = await importInto(second.id, 'mspdi', (await exportOf(first.id, 'mspdi')).body);
    expect(again.statusCode, again.body).toBe(200);
    expect(shape(await getPlan(second.id))).toEqual(shape(plan));
  });

  it('keeps the owner and notes in the CSV', async () => {
    const project = await buildProject(t, portfolioId);
    const owner = await buildPerson(t, { firstName: 'Léa', lastName: 'Girard' });
    const res = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/plan/tasks`,
      payload: { name: 'Recette', duration: 2, ownerId: owner.id, notes: '+ prévoir la salle' },
    });
    expect(res.statusCode).toBe(201);
    const csv = (await exportOf(project.id, 'csv')).body;
    expect(csv).toContain(";Léa Girard;;'+ prévoir la salle\r\n");
  });
});
