import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Evaluation, EvaluationList, Ranking } from '../../src/contracts/scenarios.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import {
  buildObjective,
  buildPortfolio,
  buildProject,
  buildRequest,
  buildScoringModel,
  scaleLevels,
} from '../helpers/factories.ts';

// Scoring applies to running projects: re-scored with the same models, ranked with requests.
let t: TestApp;
let pmo: string;
let executive: string;
let member: string;
beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  executive = (await signIn(t, 'executive')).cookie;
  member = (await signIn(t, 'member')).cookie;
});
afterAll(async () => t?.close());

describe('scoring running projects', () => {
  it('scores a project with the same model and ranks it with the requests', async () => {
    const portfolio = await buildPortfolio(t);
    const running = await buildProject(t, portfolio.id, { status: 'active' });
    const closed = await buildProject(t, portfolio.id, { status: 'closed' });
    const created = await buildRequest(
      t,
      pmo,
      { title: 'Portail RH', problem: 'Un besoin métier documenté.' },
      { submitter: member },
    );
    const waiting = await buildRequest(t, pmo, { title: 'Archivage légal' });

    // An objective the project serves strongly: the alignment criterion reads it for projects too.
    const objectiveId = await buildObjective(t, pmo);
    const contribution = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/strategy/contributions',
      payload: { objectiveId, projectId: running.id, level: 3 },
    });
    expect(contribution.statusCode).toBe(201);

    const modelId = await buildScoringModel(t, pmo, [
      {
        key: 'alignement',
        label: 'Alignement stratégique',
        weight: 50,
        source: 'alignment',
        levels: scaleLevels(4),
      },
      { key: 'valeur', label: 'Valeur', weight: 50, levels: scaleLevels(5) },
    ]);
    const base = `/api/v1/strategy/scoring-models/${modelId}`;

    // Two evaluators re-score the running project; the request is scored once.
    for (const [cookie, valeur] of [
      [pmo, 4],
      [executive, 2],
    ] as const) {
      const sheet = await call(t, cookie, {
        method: 'POST',
        url: `${base}/evaluations`,
        payload: { projectId: running.id, scores: { valeur } },
      });
      expect(sheet.statusCode).toBe(201);
      const e = Evaluation.parse(sheet.json());
      expect(e.projectId).toBe(running.id);
      expect(e.requestId).toBeNull();
    }
    const reqSheet = await call(t, pmo, {
      method: 'POST',
      url: `${base}/evaluations`,
      payload: { requestId: created.id, scores: { valeur: 4 } },
    });
    expect(reqSheet.statusCode).toBe(201);

    // Twice by the same evaluator → 409 naming projectId.
    const again = await call(t, pmo, {
      method: 'POST',
      url: `${base}/evaluations`,
      payload: { projectId: running.id, scores: { valeur: 1 } },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('EVALUATION_EXISTS');
    expect(again.json().error.details.issues[0].path).toEqual(['body', 'projectId']);

    // Neither or both ids, a closed project, an unknown project: refused, each on its field.
    const neither = await call(t, pmo, {
      method: 'POST',
      url: `${base}/evaluations`,
      payload: { scores: { valeur: 1 } },
    });
    expect(neither.statusCode).toBe(400);
    const both = await call(t, pmo, {
      method: 'POST',
      url: `${base}/evaluations`,
      payload: { requestId: created.id, projectId: running.id, scores: { valeur: 1 } },
    });
    expect(both.statusCode).toBe(400);
    const onClosed = await call(t, pmo, {
      method: 'POST',
      url: `${base}/evaluations`,
      payload: { projectId: closed.id, scores: { valeur: 1 } },
    });
    expect(onClosed.statusCode).toBe(400);
    expect(onClosed.json().error.details.issues[0].path).toEqual(['body', 'projectId']);
    const unknown = await call(t, pmo, {
      method: 'POST',
      url: `${base}/evaluations`,
      payload: { projectId: '00000000-0000-4000-8000-000000000001', scores: { valeur: 1 } },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('PROJECT_NOT_FOUND');

    // The sheets of the project, filtered.
    const sheets = EvaluationList.parse(
      (
        await call(t, pmo, { method: 'GET', url: `${base}/evaluations?projectId=${running.id}` })
      ).json(),
    );
    expect(sheets.items).toHaveLength(2);

    // One ranking: the project (alignment 3 → top level, valeur mean 3 of 4) and the request.
    const ranking = Ranking.parse(
      (await call(t, executive, { method: 'GET', url: `${base}/ranking` })).json(),
    );
    const project = ranking.items.find((i) => i.candidate.id === running.id)!;
    expect(project.candidate).toMatchObject({
      kind: 'project',
      reference: running.code,
      stage: 'active',
    });
    expect(project.criteria.find((c) => c.key === 'alignement')!.mean).toBe(3);
    expect(project.criteria.find((c) => c.key === 'valeur')!.mean).toBe(3);
    expect(project.total).toBeCloseTo(50 + 50 * 0.75, 6);
    expect(project.evaluators).toHaveLength(2);
    const request = ranking.items.find((i) => i.candidate.id === created.id)!;
    expect(request.candidate.kind).toBe('request');
    expect(request.candidate.reference).toMatch(/^DEM-\d{4}$/);
    // The request serves no objective: alignment 0; valeur 4 of 4 → 50 points.
    expect(request.total).toBeCloseTo(50, 6);
    expect(project.rank).toBeLessThan(request.rank!);
    expect(project.scored && request.scored).toBe(true);
    // Nobody scored the other request: « non noté », no rank, after every scored one — not a
    // score of 0 ranked among them.
    const unscored = ranking.items.find((i) => i.candidate.id === waiting.id)!;
    expect(unscored).toMatchObject({ scored: false, rank: null });
    expect(ranking.items.at(-1)!.scored).toBe(false);
    expect(ranking.items.findIndex((i) => !i.scored)).toBeGreaterThan(
      ranking.items.findIndex((i) => i.candidate.id === created.id),
    );
    // A closed project is not a candidate.
    expect(ranking.items.some((i) => i.candidate.id === closed.id)).toBe(false);

    // The sheet is audited against the project (its history shows it).
    const audit = await call(t, pmo, {
      method: 'GET',
      url: '/api/v1/audit?entityType=scoring_evaluation',
    });
    expect(audit.statusCode).toBe(200);
    const onProject = (audit.json().items as { projectId: string | null }[]).filter(
      (e) => e.projectId === running.id,
    );
    expect(onProject).toHaveLength(2);
  }, 60_000);
});
