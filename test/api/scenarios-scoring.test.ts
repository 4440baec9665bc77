import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Evaluation,
  EvaluationList,
  Ranking,
  ScoringModel,
  ScoringModelList,
} from '../../src/contracts/scenarios.ts';
import { ProjectRequest } from '../../src/contracts/strategy.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';

let t: TestApp;
let pmo: string;
let executive: string;
let finance: string;
let member: string;
let executiveId: string;
beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  const exec = await signIn(t, 'executive');
  executive = exec.cookie;
  executiveId = exec.userId;
  finance = (await signIn(t, 'finance')).cookie;
  member = (await signIn(t, 'member')).cookie;
});
afterAll(async () => t?.close());

const scale = (descriptions: string[]) =>
  descriptions.map((description, i) => ({ value: i, description }));

function modelBody(name = `Grille ${uniq()}`) {
  return {
    name,
    description: 'Grille du comité d’arbitrage',
    criteria: [
      {
        key: 'alignement',
        label: 'Alignement stratégique',
        weight: 40,
        levels: scale(['Aucun lien', 'Lien indirect', 'Contribue', 'Contribue fortement']),
      },
      {
        key: 'valeur',
        label: 'Valeur économique',
        weight: 40,
        levels: scale(['Nulle', 'Faible', 'Moyenne', 'Forte']),
      },
      {
        key: 'risque',
        label: 'Risque de réalisation',
        weight: 20,
        direction: 'lower_better',
        levels: scale(['Faible', 'Modéré', 'Élevé', 'Très élevé']),
      },
    ],
  };
}

async function candidate(title: string): Promise<ProjectRequest> {
  const created = ProjectRequest.parse(
    (
      await call(t, member, {
        method: 'POST',
        url: '/api/v1/strategy/requests',
        payload: { title, problem: 'Un besoin métier documenté.' },
      })
    ).json(),
  );
  const res = await call(t, pmo, {
    method: 'POST',
    url: `/api/v1/strategy/requests/${created.id}/triage`,
    headers: { 'if-match': `"${created.version}"` },
    payload: { decision: 'accept' },
  });
  expect(res.statusCode).toBe(200);
  return ProjectRequest.parse(res.json());
}

describe('scoring models', () => {
  it('are created by the PMO, validated field by field, read with strategy.read', async () => {
    const res = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/strategy/scoring-models',
      payload: modelBody(),
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const model = ScoringModel.parse(res.json());
    expect(model.criteria.map((c) => c.key)).toEqual(['alignement', 'valeur', 'risque']);
    expect(model.criteria[2]!.levels[3]!.description).toBe('Très élevé');

    // A member may not read or create models.
    expect(
      (await call(t, member, { method: 'GET', url: '/api/v1/strategy/scoring-models' })).statusCode,
    ).toBe(403);
    expect(
      (
        await call(t, executive, {
          method: 'POST',
          url: '/api/v1/strategy/scoring-models',
          payload: modelBody(),
        })
      ).statusCode,
    ).toBe(403);
    const list = ScoringModelList.parse(
      (await call(t, executive, { method: 'GET', url: '/api/v1/strategy/scoring-models' })).json(),
    );
    expect(list.items.some((m) => m.id === model.id)).toBe(true);

    // Duplicate criterion key, repeated level values, zero weights: each on its field.
    const body = modelBody();
    body.criteria[1]!.key = 'alignement';
    let bad = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/strategy/scoring-models',
      payload: body,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toEqual(['body', 'criteria', 1, 'key']);
    const levels = modelBody();
    levels.criteria[0]!.levels = [
      { value: 1, description: 'a' },
      { value: 1, description: 'b' },
    ];
    bad = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/strategy/scoring-models',
      payload: levels,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toEqual(['body', 'criteria', 0, 'levels']);
    const zero = modelBody();
    for (const c of zero.criteria) c.weight = 0;
    bad = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/strategy/scoring-models',
      payload: zero,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toEqual(['body', 'criteria']);
    // Same name → 409 on the name.
    const dup = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/strategy/scoring-models',
      payload: modelBody(model.name),
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.issues[0].path).toEqual(['body', 'name']);
  });

  it('are edited with If-Match (428 without, 412 stale) and audited', async () => {
    const model = ScoringModel.parse(
      (
        await call(t, pmo, {
          method: 'POST',
          url: '/api/v1/strategy/scoring-models',
          payload: modelBody(),
        })
      ).json(),
    );
    const url = `/api/v1/strategy/scoring-models/${model.id}`;
    expect((await call(t, pmo, { method: 'PATCH', url, payload: { name: 'x' } })).statusCode).toBe(
      428,
    );
    const ok = await call(t, pmo, {
      method: 'PATCH',
      url,
      headers: { 'if-match': '"1"' },
      payload: { description: 'Révisée en comité' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await call(t, pmo, {
      method: 'PATCH',
      url,
      headers: { 'if-match': '"1"' },
      payload: { description: 'Autre' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current.description).toBe('Révisée en comité');
    const audit = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/audit?entityType=scoring_model&entityId=${model.id}`,
    });
    expect(audit.statusCode).toBe(200);
    expect(
      audit
        .json()
        .items.map((e: { action: string }) => e.action)
        .sort(),
    ).toEqual(['create', 'update']);
    const del = await call(t, pmo, { method: 'DELETE', url, headers: { 'if-match': '"2"' } });
    expect(del.statusCode).toBe(204);
    expect((await call(t, pmo, { method: 'GET', url })).json().error.code).toBe(
      'SCORING_MODEL_NOT_FOUND',
    );
  });
});

describe('evaluations and the explained ranking', () => {
  it('several evaluators score; the ranking explains each score', async () => {
    const model = ScoringModel.parse(
      (
        await call(t, pmo, {
          method: 'POST',
          url: '/api/v1/strategy/scoring-models',
          payload: modelBody(),
        })
      ).json(),
    );
    const base = `/api/v1/strategy/scoring-models/${model.id}/evaluations`;
    const a = await candidate('Portail fournisseurs');
    const b = await candidate('Refonte de la paie');
    const c = await candidate('Archivage légal');

    const score = (cookie: string, requestId: string, scores: Record<string, number>) =>
      call(t, cookie, { method: 'POST', url: base, payload: { requestId, scores } });
    expect((await score(pmo, a.id, { alignement: 3, valeur: 3, risque: 0 })).statusCode).toBe(201);
    const execSheet = await score(executive, a.id, { alignement: 1, valeur: 3, risque: 2 });
    expect(execSheet.statusCode).toBe(201);
    expect((await score(finance, b.id, { alignement: 2, valeur: 1 })).statusCode).toBe(201);

    // A member may not score; a level off the scale and an unknown criterion are refused.
    expect((await score(member, a.id, { alignement: 1 })).statusCode).toBe(403);
    const off = await score(finance, a.id, { alignement: 7, inconnu: 1 });
    expect(off.statusCode).toBe(400);
    expect(off.json().error.details.issues.map((i: { path: string[] }) => i.path[2])).toEqual([
      'alignement',
      'inconnu',
    ]);
    // One sheet per evaluator and candidate.
    const again = await score(pmo, a.id, { alignement: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('EVALUATION_EXISTS');

    const ranking = Ranking.parse(
      (
        await call(t, executive, {
          method: 'GET',
          url: `/api/v1/strategy/scoring-models/${model.id}/ranking`,
        })
      ).json(),
    );
    const ids = ranking.items.map((i) => i.candidate.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
    const first = ranking.items[0]!;
    expect(first.candidate.id).toBe(a.id);
    // alignement mean 2/3 → 0.4 × 2/3; valeur 3 → 0.4; risque mean 1 (lower better) → 0.2 × 2/3.
    expect(first.total).toBeCloseTo((0.4 * (2 / 3) + 0.4 + 0.2 * (2 / 3)) * 100, 6);
    const align = first.criteria.find((x) => x.key === 'alignement')!;
    expect(align.spread).toBe(2);
    expect(align.relativeSpread).toBeCloseTo(2 / 3, 9);
    expect(align.maxPoints).toBeCloseTo(40, 9);
    expect(first.evaluators).toHaveLength(2);
    expect(first.maxRelativeSpread).toBeCloseTo(2 / 3, 9);
    const second = ranking.items.find((i) => i.candidate.id === b.id)!;
    expect(second.completeness).toBeCloseTo(0.8, 9);
    const unscored = ranking.items.find((i) => i.candidate.id === c.id)!;
    expect(unscored.total).toBe(0);
    expect(unscored.completeness).toBe(0);
    expect(ranking.evaluators.map((e) => e.id)).toContain(executiveId);

    // The executive changes their own sheet (If-Match); the PMO may not change it.
    const sheet = Evaluation.parse(execSheet.json());
    expect(
      (
        await call(t, pmo, {
          method: 'PATCH',
          url: `${base}/${sheet.id}`,
          headers: { 'if-match': '"1"' },
          payload: { scores: { alignement: 3 } },
        })
      ).statusCode,
    ).toBe(403);
    const changed = await call(t, executive, {
      method: 'PATCH',
      url: `${base}/${sheet.id}`,
      headers: { 'if-match': '"1"' },
      payload: { scores: { alignement: 3, valeur: 3, risque: 0 }, comment: 'Revu après COPIL' },
    });
    expect(changed.statusCode).toBe(200);
    const stale = await call(t, executive, {
      method: 'PATCH',
      url: `${base}/${sheet.id}`,
      headers: { 'if-match': '"1"' },
      payload: { comment: 'x' },
    });
    expect(stale.statusCode).toBe(412);
    const after = Ranking.parse(
      (
        await call(t, pmo, {
          method: 'GET',
          url: `/api/v1/strategy/scoring-models/${model.id}/ranking`,
        })
      ).json(),
    );
    expect(after.items[0]!.total).toBeCloseTo(100, 9);
    expect(after.items[0]!.maxRelativeSpread).toBe(0);

    // The PMO drops a criterion and narrows a scale: stale scores are flagged, not counted.
    const narrowed = modelBody(model.name);
    narrowed.criteria = narrowed.criteria.filter((x) => x.key !== 'risque');
    narrowed.criteria[0]!.levels = narrowed.criteria[0]!.levels.slice(0, 3);
    const edit = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/strategy/scoring-models/${model.id}`,
      headers: { 'if-match': '"1"' },
      payload: { criteria: narrowed.criteria },
    });
    expect(edit.statusCode).toBe(200);
    const sheets = EvaluationList.parse(
      (await call(t, pmo, { method: 'GET', url: `${base}?requestId=${a.id}` })).json(),
    );
    expect(sheets.items).toHaveLength(2);
    expect(sheets.items.every((s) => s.outdated.includes('risque'))).toBe(true);
    expect(sheets.items.every((s) => s.outdated.includes('alignement'))).toBe(true);
    const narrowedRanking = Ranking.parse(
      (
        await call(t, pmo, {
          method: 'GET',
          url: `/api/v1/strategy/scoring-models/${model.id}/ranking`,
        })
      ).json(),
    );
    const top = narrowedRanking.items.find((i) => i.candidate.id === a.id)!;
    expect(top.criteria.find((x) => x.key === 'alignement')!.mean).toBeNull();

    // Withdrawing a sheet: If-Match, only by its evaluator.
    const del = await call(t, executive, {
      method: 'DELETE',
      url: `${base}/${sheet.id}`,
      headers: { 'if-match': '"2"' },
    });
    expect(del.statusCode).toBe(204);
    expect(
      (
        await call(t, executive, {
          method: 'DELETE',
          url: `${base}/${sheet.id}`,
          headers: { 'if-match': '"2"' },
        })
      ).json().error.code,
    ).toBe('EVALUATION_NOT_FOUND');
  });
});
