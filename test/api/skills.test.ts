import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PersonSkill,
  PersonSkillList,
  Skill,
  SkillCategory,
  SkillLevelList,
  SkillMatrix,
} from '../../src/contracts/skills.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';
import { buildPerson } from '../helpers/factories.ts';

let t: TestApp;
let rm: string;
let pmo: string;
let member: string;
let manager: string;
let outsider: string;
let personId: string;
let otherId: string;
let categoryId: string;
let javaId: string;
let sapId: string;
let teamId: string;

beforeAll(async () => {
  t = await buildTestApp();
  rm = (await signIn(t, 'resource_manager')).cookie;
  pmo = (await signIn(t, 'pmo')).cookie;
  const boss = await buildPerson(t, { firstName: 'Hélène', lastName: `Chef${uniq()}` });
  manager = (await signIn(t, 'member', { personId: boss.id })).cookie;
  const p = await buildPerson(t, { firstName: 'Louis', lastName: `Dev${uniq()}` });
  personId = p.id;
  await call(t, rm, {
    method: 'PATCH',
    url: `/api/v1/people/${p.id}`,
    headers: { 'if-match': '"1"' },
    payload: { managerId: boss.id },
  });
  member = (await signIn(t, 'member', { personId: p.id })).cookie;
  const other = await buildPerson(t, { firstName: 'Inès', lastName: `Autre${uniq()}` });
  otherId = other.id;
  outsider = (await signIn(t, 'member', { personId: other.id })).cookie;
  const team = await call(t, rm, {
    method: 'POST',
    url: '/api/v1/resource-teams',
    payload: { code: `T${uniq()}`, name: `Équipe ${uniq()}` },
  });
  teamId = team.json().id;
  await call(t, rm, {
    method: 'PUT',
    url: `/api/v1/resources/${personId}/profile`,
    headers: { 'if-match': '"0"' },
    payload: { teamId, weekHours: [7, 7, 7, 7, 7, 0, 0] },
  });
});
afterAll(async () => t?.close());

describe('skills catalogue', () => {
  it('creates categories and skills, refuses a duplicate code, and versions every change', async () => {
    const cat = await call(t, pmo, {
      method: 'POST',
      url: '/api/v1/skill-categories',
      payload: { code: `DEV${uniq()}`, name: 'Développement' },
    });
    expect(cat.statusCode).toBe(201);
    categoryId = SkillCategory.parse(cat.json()).id;
    const java = await call(t, rm, {
      method: 'POST',
      url: '/api/v1/skills',
      payload: { categoryId, code: `JAVA${uniq()}`, name: 'Java' },
    });
    expect(java.statusCode).toBe(201);
    const body = Skill.parse(java.json());
    javaId = body.id;
    expect(body.category.id).toBe(categoryId);
    const dup = await call(t, rm, {
      method: 'POST',
      url: '/api/v1/skills',
      payload: { categoryId, code: body.code, name: 'Autre Java' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.details.issues[0].path).toEqual(['body', 'code']);
    const sap = await call(t, rm, {
      method: 'POST',
      url: '/api/v1/skills',
      payload: { categoryId, code: `SAPFI${uniq()}`, name: 'SAP FI' },
    });
    sapId = sap.json().id;

    const renamed = await call(t, rm, {
      method: 'PATCH',
      url: `/api/v1/skills/${javaId}`,
      headers: { 'if-match': '"1"' },
      payload: { description: 'Java 17+, Spring' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.headers.etag).toBe('"2"');
    const stale = await call(t, rm, {
      method: 'PATCH',
      url: `/api/v1/skills/${javaId}`,
      headers: { 'if-match': '"1"' },
      payload: { name: 'Java SE' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current.description).toBe('Java 17+, Spring');

    const full = await call(t, rm, {
      method: 'DELETE',
      url: `/api/v1/skill-categories/${categoryId}`,
      headers: { 'if-match': '"1"' },
    });
    expect(full.json().error.code).toBe('SKILL_CATEGORY_NOT_EMPTY');

    const unknownCategory = await call(t, rm, {
      method: 'POST',
      url: '/api/v1/skills',
      payload: { categoryId: '00000000-0000-4000-8000-000000000999', code: 'X', name: 'X' },
    });
    expect(unknownCategory.json().error.code).toBe('SKILL_CATEGORY_NOT_FOUND');
  });

  it('names the levels of the scale, created with If-Match "0" and then versioned', async () => {
    const before = SkillLevelList.parse(
      (await call(t, member, { method: 'GET', url: '/api/v1/skill-levels' })).json(),
    );
    expect(before.items.map((l) => l.level)).toEqual([1, 2, 3, 4, 5]);
    const current = before.items[2]!.version;
    const res = await call(t, rm, {
      method: 'PUT',
      url: '/api/v1/skill-levels/3',
      headers: { 'if-match': `"${current}"` },
      payload: { label: 'Autonome', description: 'Réalise seul les tâches courantes' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(current + 1);
    const again = await call(t, rm, {
      method: 'PUT',
      url: '/api/v1/skill-levels/3',
      headers: { 'if-match': `"${current}"` },
      payload: { label: 'Confirmé' },
    });
    expect(again.statusCode).toBe(412);
    const bad = await call(t, rm, {
      method: 'PUT',
      url: '/api/v1/skill-levels/6',
      headers: { 'if-match': '"0"' },
      payload: { label: 'Gourou' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('person skills', () => {
  it('lets a person assess themself, but not as their manager', async () => {
    const self = await call(t, member, {
      method: 'PUT',
      url: `/api/v1/resources/${personId}/skills/${javaId}`,
      headers: { 'if-match': '"0"' },
      payload: { level: 3, assessedOn: '2026-09-01', source: 'self' },
    });
    expect(self.statusCode).toBe(200);
    expect(PersonSkill.parse(self.json()).level).toBe(3);
    const asManager = await call(t, member, {
      method: 'PUT',
      url: `/api/v1/resources/${personId}/skills/${javaId}`,
      headers: { 'if-match': '"1"' },
      payload: { level: 5, assessedOn: '2026-09-02', source: 'manager' },
    });
    expect(asManager.statusCode).toBe(403);
    expect(asManager.json().error.code).toBe('SKILL_SOURCE_NOT_ALLOWED');
  });

  it('lets the line manager assess, with If-Match, and keeps the change in the audit log', async () => {
    const stale = await call(t, manager, {
      method: 'PUT',
      url: `/api/v1/resources/${personId}/skills/${javaId}`,
      headers: { 'if-match': '"0"' },
      payload: { level: 4, assessedOn: '2026-10-01', source: 'manager' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current.level).toBe(3);
    const ok = await call(t, manager, {
      method: 'PUT',
      url: `/api/v1/resources/${personId}/skills/${javaId}`,
      headers: { 'if-match': '"1"' },
      payload: { level: 4, assessedOn: '2026-10-01', source: 'manager', comment: 'Revue annuelle' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    const admin = (await signIn(t, 'admin')).cookie;
    const audit = await call(t, admin, {
      method: 'GET',
      url: `/api/v1/audit?entityType=person_skill&entityId=${ok.json().id}`,
    });
    expect(audit.statusCode).toBe(200);
    const changes = audit.json().items.map((e: { changes: object }) => e.changes);
    expect(changes[0]).toMatchObject({ level: { before: 3, after: 4 } });
    // The person can no longer remove what their manager recorded.
    const drop = await call(t, member, {
      method: 'DELETE',
      url: `/api/v1/resources/${personId}/skills/${javaId}`,
      headers: { 'if-match': '"2"' },
    });
    expect(drop.json().error.code).toBe('SKILL_SOURCE_NOT_ALLOWED');
  });

  it('records a certification with its expiry, flags it when expired, and checks the dates', async () => {
    const noName = await call(t, rm, {
      method: 'PUT',
      url: `/api/v1/resources/${personId}/skills/${sapId}`,
      headers: { 'if-match': '"0"' },
      payload: { level: 4, assessedOn: '2023-01-10', source: 'certification' },
    });
    expect(noName.statusCode).toBe(400);
    expect(JSON.stringify(noName.json().error.details)).toContain('certification');
    const backwards = await call(t, rm, {
      method: 'PUT',
      url: `/api/v1/resources/${personId}/skills/${sapId}`,
      headers: { 'if-match': '"0"' },
      payload: {
        level: 4,
        assessedOn: '2023-01-10',
        source: 'certification',
        certification: 'SAP FI S/4HANA',
        expiresOn: '2022-01-10',
      },
    });
    expect(backwards.statusCode).toBe(400);
    expect(JSON.stringify(backwards.json().error.details)).toContain('expiresOn');
    const cert = await call(t, rm, {
      method: 'PUT',
      url: `/api/v1/resources/${personId}/skills/${sapId}`,
      headers: { 'if-match': '"0"' },
      payload: {
        level: 4,
        assessedOn: '2023-01-10',
        source: 'certification',
        certification: 'SAP FI S/4HANA',
        expiresOn: '2025-01-10',
      },
    });
    expect(cert.statusCode).toBe(200);
    expect(PersonSkill.parse(cert.json()).expired).toBe(true);
    const list = PersonSkillList.parse(
      (
        await call(t, member, { method: 'GET', url: `/api/v1/resources/${personId}/skills` })
      ).json(),
    );
    expect(list.items.map((s) => s.skill.name).sort()).toEqual(['Java', 'SAP FI']);
    expect(list.can.sources).toEqual(['self', 'certification']);
  });

  it('hides a person’s skills from people who may not see them', async () => {
    const res = await call(t, outsider, {
      method: 'GET',
      url: `/api/v1/resources/${personId}/skills`,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('PERSON_NOT_FOUND');
    const write = await call(t, outsider, {
      method: 'PUT',
      url: `/api/v1/resources/${personId}/skills/${javaId}`,
      headers: { 'if-match': '"0"' },
      payload: { level: 1, assessedOn: '2026-09-01', source: 'self' },
    });
    expect(write.json().error.code).toBe('PERSON_NOT_FOUND');
    expect(otherId).toBeTruthy();
  });

  it('refuses to delete a skill someone holds', async () => {
    const res = await call(t, rm, {
      method: 'DELETE',
      url: `/api/v1/skills/${sapId}`,
      headers: { 'if-match': '"1"' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SKILL_IN_USE');
  });
});

describe('skills matrix', () => {
  it('shows people × skills, filtered by team, category and minimum level, with expiries', async () => {
    const get = async (q: string) => {
      const res = await call(t, rm, { method: 'GET', url: `/api/v1/skills-matrix?${q}` });
      expect(res.statusCode).toBe(200);
      return SkillMatrix.parse(res.json());
    };
    const byTeam = await get(`teamId=${teamId}&categoryId=${categoryId}`);
    expect(byTeam.skills.map((s) => s.name)).toEqual(['Java', 'SAP FI']);
    expect(byTeam.people.map((p) => p.id)).toEqual([personId]);
    const row = byTeam.people[0]!;
    expect(row.team?.id).toBe(teamId);
    expect(row.cells).toEqual([
      expect.objectContaining({ skillId: javaId, level: 4, source: 'manager', expired: false }),
      expect.objectContaining({ skillId: sapId, level: 4, source: 'certification', expired: true }),
    ]);
    expect(byTeam.counts).toEqual([
      [0, 0, 0, 1, 0],
      [0, 0, 0, 1, 0],
    ]);
    expect((await get(`skillId=${javaId}&minLevel=5`)).people).toEqual([]);
    expect((await get(`skillId=${javaId}&minLevel=4`)).people.map((p) => p.id)).toEqual([personId]);
    // The other person has no skill in the category: filtered out.
    expect((await get(`categoryId=${categoryId}`)).people.some((p) => p.id === otherId)).toBe(
      false,
    );
    const members = await call(t, member, { method: 'GET', url: '/api/v1/skills-matrix' });
    expect(members.statusCode).toBe(403);
  });
});
