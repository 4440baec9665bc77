import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Methodology } from '../../src/contracts/governance.ts';
import {
  Lesson,
  LessonList,
  LessonSuggestionList,
  Policy,
  PolicyList,
  RoleDescription,
} from '../../src/contracts/methods.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';
import { buildPerson, buildPortfolio, buildProject } from '../helpers/factories.ts';

let t: TestApp;
let pmo: string;
let manager: string;
let outsider: string;
let managerPersonId: string;
let portfolioId: string;

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const code = () =>
  `POL-${uniq()
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')}`.slice(0, 30);

beforeAll(async () => {
  t = await buildTestApp();
  portfolioId = (await buildPortfolio(t)).id;
  managerPersonId = (await buildPerson(t)).id;
  pmo = (await signIn(t, 'pmo')).cookie;
  manager = (await signIn(t, 'member', { personId: managerPersonId })).cookie;
  outsider = (await signIn(t, 'member', { personId: (await buildPerson(t)).id })).cookie;
});
afterAll(async () => t?.close());

describe('governance policies', () => {
  it('publishes versions with effective dates, keeps the history and records who acknowledged', async () => {
    const c = code();
    const body = {
      code: c,
      title: 'Charte de gouvernance des projets',
      category: 'governance',
      body: '## Objet\nLes projets de plus de 500 k€ passent en comité.',
      summary: 'Première version',
      effectiveOn: '2025-01-01',
    };
    const forbidden = await call(t, manager, {
      method: 'POST',
      url: '/api/v1/policies',
      payload: body,
    });
    expect(forbidden.statusCode).toBe(403);
    const created = await call(t, pmo, { method: 'POST', url: '/api/v1/policies', payload: body });
    expect(created.statusCode, created.body).toBe(201);
    const p1 = Policy.parse(created.json());
    expect(p1.inForce?.number).toBe(1);
    expect(p1.body).toContain('500 k€');

    const dup = await call(t, pmo, { method: 'POST', url: '/api/v1/policies', payload: body });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE_CODE');

    const badDate = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/policies/${p1.id}/versions`,
      headers: ifMatch(p1.version),
      payload: { body: 'x', effectiveOn: '2026-02-30' },
    });
    expect(badDate.statusCode).toBe(400);
    expect(JSON.stringify(badDate.json())).toContain('effectiveOn');

    // Version 2 takes effect in the future: version 1 stays in force, version 2 is announced.
    const v2 = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/policies/${p1.id}/versions`,
      headers: ifMatch(p1.version),
      payload: {
        body: 'Seuil porté à 300 k€.',
        summary: 'Seuil abaissé',
        effectiveOn: '2999-01-01',
      },
    });
    expect(v2.statusCode, v2.body).toBe(201);
    const p2 = Policy.parse(v2.json());
    expect(p2.latestNumber).toBe(2);
    expect(p2.inForce?.number).toBe(1);
    expect(p2.upcoming?.number).toBe(2);
    expect(p2.versions.map((v) => v.number)).toEqual([2, 1]);
    expect(p2.body).toContain('500 k€');

    const stale = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/policies/${p1.id}/versions`,
      headers: ifMatch(p1.version),
      payload: { body: 'y', effectiveOn: '2025-06-01' },
    });
    expect(stale.statusCode).toBe(412);

    const old = await call(t, manager, {
      method: 'GET',
      url: `/api/v1/policies/${p1.id}?version=2`,
    });
    expect(Policy.parse(old.json()).body).toContain('300 k€');
    const missing = await call(t, manager, {
      method: 'GET',
      url: `/api/v1/policies/${p1.id}?version=9`,
    });
    expect(missing.statusCode).toBe(404);

    // Acknowledging is idempotent and counted once; the list says the caller did.
    for (let i = 0; i < 2; i++) {
      const ack = await call(t, manager, {
        method: 'POST',
        url: `/api/v1/policies/${p1.id}/acknowledgements`,
        payload: { number: 1 },
      });
      expect(ack.statusCode, ack.body).toBe(200);
      expect(Policy.parse(ack.json()).acknowledgements).toHaveLength(1);
    }
    const noVersion = await call(t, manager, {
      method: 'POST',
      url: `/api/v1/policies/${p1.id}/acknowledgements`,
      payload: { number: 7 },
    });
    expect(noVersion.statusCode).toBe(400);
    const mine = PolicyList.parse(
      (await call(t, manager, { method: 'GET', url: '/api/v1/policies' })).json(),
    ).items.find((p) => p.id === p1.id)!;
    expect(mine.acknowledgedByMe).toBe(true);
    expect(mine.inForce?.acknowledgedCount).toBe(1);
    const others = PolicyList.parse(
      (await call(t, outsider, { method: 'GET', url: '/api/v1/policies' })).json(),
    ).items.find((p) => p.id === p1.id)!;
    expect(others.acknowledgedByMe).toBe(false);

    const history = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/audit?entityType=policy&entityId=${p1.id}`,
    });
    expect(history.statusCode, history.body).toBe(200);
    // Created, version 2 published, acknowledged once (the second acknowledgement changes nothing).
    expect(history.json().items).toHaveLength(3);
  });
});

describe('role descriptions', () => {
  it('are managed by the PMO with If-Match, unique by name', async () => {
    const name = `Chef de projet ${uniq()}`;
    const created = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/role-descriptions',
      payload: {
        name,
        mission: 'Conduit le projet jusqu’à la clôture.',
        responsibilities: ['Tient le planning', 'Anime le comité projet'],
        raciLabels: ['CP', 'Chef de projet'],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const role = RoleDescription.parse(created.json());
    expect(role.responsibilities).toHaveLength(2);
    const dup = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/role-descriptions',
      payload: { name },
    });
    expect(dup.statusCode).toBe(409);
    const denied = await call(t, manager, {
      method: 'PATCH',
      url: `/api/v1/role-descriptions/${role.id}`,
      headers: ifMatch(role.version),
      payload: { mission: 'x' },
    });
    expect(denied.statusCode).toBe(403);
    const noMatch = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/role-descriptions/${role.id}`,
      payload: { mission: 'x' },
    });
    expect(noMatch.statusCode).toBe(428);
    const updated = await call(t, pmo, {
      method: 'PATCH',
      url: `/api/v1/role-descriptions/${role.id}`,
      headers: ifMatch(role.version),
      payload: { responsibilities: ['Tient le planning'] },
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(RoleDescription.parse(updated.json()).version).toBe(role.version + 1);
    const stale = await call(t, pmo, {
      method: 'DELETE',
      url: `/api/v1/role-descriptions/${role.id}`,
      headers: ifMatch(role.version),
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current.responsibilities).toEqual(['Tient le planning']);
    const del = await call(t, pmo, {
      method: 'DELETE',
      url: `/api/v1/role-descriptions/${role.id}`,
      headers: ifMatch(role.version + 1),
    });
    expect(del.statusCode).toBe(204);
  });
});

describe('lessons learned (REX)', () => {
  it('are captured per project, searched across visible projects and suggested to similar ones', async () => {
    const method = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/methodologies',
      payload: {
        code: `M-${uniq()
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, '')}`.slice(0, 30),
        name: `Cycle en V ${uniq()}`,
        kind: 'waterfall',
        content: {
          phases: [
            { key: 'cadrage', name: 'Cadrage' },
            { key: 'realisation', name: 'Réalisation' },
          ],
        },
      },
    });
    expect(method.statusCode, method.body).toBe(201);
    const m = Methodology.parse(method.json());
    const done = await buildProject(t, portfolioId, { managerId: managerPersonId });
    const fresh = await buildProject(t, portfolioId);
    const hidden = await buildProject(t, portfolioId);
    for (const p of [done, fresh, hidden]) {
      const applied = await call(t, pmo, {
        method: 'POST',
        url: `/api/v1/projects/${p.id}/governance`,
        payload: { methodologyId: m.id, createWbs: false },
      });
      expect(applied.statusCode, applied.body).toBe(201);
    }
    const word = `recette${uniq().replace(/[^a-z0-9]/gi, '')}`;
    const created = await call(t, manager, {
      method: 'POST',
      url: `/api/v1/projects/${done.id}/lessons`,
      payload: {
        kind: 'improve',
        category: 'quality',
        title: `Campagne de ${word} trop courte`,
        description: 'Deux semaines prévues, cinq nécessaires.',
        recommendation: 'Prévoir trois semaines de recette et un environnement dédié.',
        tags: ['ERP', 'erp', 'Recette'],
        phaseKey: 'realisation',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const lesson = Lesson.parse(created.json());
    expect(lesson.tags).toEqual(['erp', 'recette']);
    expect(lesson.methodology?.id).toBe(m.id);

    const bad = await call(t, manager, {
      method: 'POST',
      url: `/api/v1/projects/${done.id}/lessons`,
      payload: { kind: 'maybe', category: 'quality', title: '' },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('kind');

    // A project the caller cannot see: PROJECT_NOT_FOUND, for writes and reads.
    const outsiderWrite = await call(t, outsider, {
      method: 'POST',
      url: `/api/v1/projects/${done.id}/lessons`,
      payload: { kind: 'worked', category: 'planning', title: 'x' },
    });
    expect(outsiderWrite.statusCode).toBe(404);
    expect(outsiderWrite.json().error.code).toBe('PROJECT_NOT_FOUND');
    const wrongProject = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/projects/${fresh.id}/lessons/${lesson.id}`,
    });
    expect(wrongProject.json().error.code).toBe('LESSON_NOT_FOUND');

    await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/projects/${hidden.id}/lessons`,
      payload: { kind: 'worked', category: 'planning', title: `Planning ${word} partagé` },
    });

    // Search: the PMO sees both, the manager only their project's, the outsider none.
    const search = (cookie: string, q: string) =>
      call(t, cookie, { method: 'GET', url: `/api/v1/lessons?q=${encodeURIComponent(q)}` }).then(
        (r) => LessonList.parse(r.json()),
      );
    expect((await search(pmo, word)).total).toBe(2);
    expect((await search(manager, word)).items.map((l) => l.id)).toEqual([lesson.id]);
    expect((await search(outsider, word)).total).toBe(0);
    expect((await search(pmo, 'environnement dédié')).items.map((l) => l.id)).toContain(lesson.id);
    const filtered = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/lessons?q=${word}&kind=worked&methodologyId=${m.id}`,
    });
    expect(LessonList.parse(filtered.json()).total).toBe(1);

    // Suggestions for the new project on the same method: the other projects' lessons.
    const sug = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/projects/${fresh.id}/lesson-suggestions`,
    });
    const items = LessonSuggestionList.parse(sug.json()).items;
    expect(items[0]?.lesson.id).toBe(lesson.id);
    expect(items[0]?.sameMethod).toBe(true);
    const byTags = await call(t, outsider, {
      method: 'GET',
      url: '/api/v1/lessons/suggestions?tags=ERP',
    });
    expect(LessonSuggestionList.parse(byTags.json()).items).toEqual([]);
    const byTagsPmo = await call(t, pmo, {
      method: 'GET',
      url: '/api/v1/lessons/suggestions?tags=ERP',
    });
    expect(LessonSuggestionList.parse(byTagsPmo.json()).items.map((s) => s.lesson.id)).toContain(
      lesson.id,
    );

    // Edit with If-Match; stale → 412 with the current lesson; delete.
    const upd = await call(t, manager, {
      method: 'PATCH',
      url: `/api/v1/projects/${done.id}/lessons/${lesson.id}`,
      headers: ifMatch(lesson.version),
      payload: { category: 'planning' },
    });
    expect(upd.statusCode, upd.body).toBe(200);
    const stale = await call(t, manager, {
      method: 'PATCH',
      url: `/api/v1/projects/${done.id}/lessons/${lesson.id}`,
      headers: ifMatch(lesson.version),
      payload: { title: 'x' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current.category).toBe('planning');
    const del = await call(t, manager, {
      method: 'DELETE',
      url: `/api/v1/projects/${done.id}/lessons/${lesson.id}`,
      headers: ifMatch(lesson.version + 1),
    });
    expect(del.statusCode).toBe(204);
    const list = await call(t, manager, {
      method: 'GET',
      url: `/api/v1/projects/${done.id}/lessons`,
    });
    expect(LessonList.parse(list.json()).total).toBe(0);
  });
});

describe('quality findings export and my corrective actions', () => {
  it('exports the visible findings one row per action and lists my open actions', async () => {
    const project = await buildProject(t, portfolioId, { managerId: managerPersonId });
    const checklist = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/quality/checklists',
      payload: { name: `Revue ${uniq()}`, items: [{ key: 'plan', label: 'Planning posé' }] },
    });
    expect(checklist.statusCode, checklist.body).toBe(201);
    const audit = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/quality-audits`,
      payload: {
        title: 'Audit méthode',
        checklistId: checklist.json().id,
        plannedDate: '2026-03-02',
      },
    });
    expect(audit.statusCode, audit.body).toBe(201);
    const text = `Planning; non tenu ${uniq()}`;
    const finding = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/quality-audits/${audit.json().id}/findings`,
      payload: { severity: 'major', description: text },
    });
    expect(finding.statusCode, finding.body).toBe(201);
    const action = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/quality-findings/${finding.json().id}/actions`,
      payload: { description: '=Replanifier', ownerId: managerPersonId, dueDate: '2020-01-31' },
    });
    expect(action.statusCode, action.body).toBe(201);

    const csv = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/quality/findings/export?format=csv&projectId=${project.id}`,
    });
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('Code projet;Projet;Audit');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"${text}"`); // the separator inside is quoted
    expect(lines[1]).toContain("'=Replanifier"); // formula guard
    expect(lines[1]).toContain('31/01/2020');
    expect(lines[1]).toContain('Majeur');
    const xlsx = await call(t, pmo, {
      method: 'GET',
      url: `/api/v1/quality/findings/export?format=xlsx&locale=en&projectId=${project.id}`,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('quality-findings-');
    const outsiderCsv = await call(t, outsider, {
      method: 'GET',
      url: `/api/v1/quality/findings/export?projectId=${project.id}`,
    });
    expect(
      outsiderCsv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toHaveLength(1);

    const mine = await call(t, manager, { method: 'GET', url: '/api/v1/my/corrective-actions' });
    expect(mine.statusCode).toBe(200);
    const item = mine.json().items.find((a: { id: string }) => a.id === action.json().id);
    expect(item).toMatchObject({ overdue: true, status: 'todo', finding: { severity: 'major' } });
    const others = await call(t, outsider, { method: 'GET', url: '/api/v1/my/corrective-actions' });
    expect(others.json().items).toEqual([]);
  });
});
