import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditList } from '../../src/contracts/audit.ts';
import { Decision, Issue, RaidAction } from '../../src/contracts/raid.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import { buildMember, buildPerson, buildPortfolio, buildProject } from '../helpers/factories.ts';

let t: TestApp;
let pmo: string;
let manager: string;
let projectId: string;
let projectCode: string;

beforeAll(async () => {
  t = await buildTestApp();
  pmo = (await signIn(t, 'pmo')).cookie;
  const portfolioId = (await buildPortfolio(t)).id;
  const project = await buildProject(t, portfolioId);
  projectId = project.id;
  projectCode = project.code;
  const pm = await buildPerson(t);
  await buildMember(t, projectId, pm.id, 'project_manager');
  manager = (await signIn(t, 'member', { personId: pm.id })).cookie;
});
afterAll(async () => t?.close());

const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, v?: number) =>
  call(t, manager, {
    method,
    url,
    ...(payload ? { payload } : {}),
    ...(v !== undefined ? { headers: { 'if-match': `"${v}"` } } : {}),
  });

async function auditOf(entityType: string, entityId: string) {
  const res = await call(t, pmo, {
    url: `/api/v1/audit?entityType=${entityType}&entityId=${entityId}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return AuditList.parse(res.json()).items;
}

type Kind = {
  entityType: 'raid_issue' | 'raid_decision';
  source: 'issue' | 'decision';
  url: string;
  parse: (body: unknown) => Issue | Decision;
  prefix: string;
  create: object;
  update: object;
  changed: string;
};

const kinds: Kind[] = [
  {
    entityType: 'raid_issue',
    source: 'issue',
    url: 'issues',
    parse: (b) => Issue.parse(b),
    prefix: 'I',
    create: { title: 'Licences en retard', priority: 'high' },
    update: { title: 'Licences livrées en retard', status: 'resolved' },
    changed: 'status',
  },
  {
    entityType: 'raid_decision',
    source: 'decision',
    url: 'decisions',
    parse: (b) => Decision.parse(b),
    prefix: 'D',
    create: { title: 'Choix de l’éditeur', decision: 'Éditeur A' },
    update: { title: 'Choix de l’éditeur retenu', status: 'superseded' },
    changed: 'status',
  },
];

describe.each(kinds)('$entityType writes', (k) => {
  it('creates, updates and deletes with If-Match, each write audited with its label', async () => {
    const created = await send('POST', `/api/v1/projects/${projectId}/${k.url}`, k.create);
    expect(created.statusCode, created.body).toBe(201);
    const row = k.parse(created.json());
    expect(row.code).toMatch(new RegExp(`^${k.prefix}-\\d+$`));

    const stale = await send('PATCH', `/api/v1/${k.url}/${row.id}`, k.update, row.version + 5);
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_MISMATCH',
      details: { current: { id: row.id, version: row.version, title: row.title } },
    });

    const updated = await send('PATCH', `/api/v1/${k.url}/${row.id}`, k.update, row.version);
    expect(updated.statusCode, updated.body).toBe(200);
    const after = k.parse(updated.json());
    expect(after.version).toBe(row.version + 1);
    expect(updated.headers.etag).toBe(`"${row.version + 1}"`);

    const action = await send('POST', '/api/v1/actions', {
      sourceType: k.source,
      sourceId: row.id,
      title: 'Relancer le fournisseur',
    });
    expect(action.statusCode, action.body).toBe(201);
    const actionId = RaidAction.parse(action.json()).id;

    const staleDelete = await send('DELETE', `/api/v1/${k.url}/${row.id}`, undefined, 1_000);
    expect(staleDelete.statusCode).toBe(412);
    expect(staleDelete.json().error).toMatchObject({
      code: 'VERSION_MISMATCH',
      details: { current: { version: after.version } },
    });

    const gone = await send('DELETE', `/api/v1/${k.url}/${row.id}`, undefined, after.version);
    expect(gone.statusCode, gone.body).toBe(204);
    expect((await call(t, manager, { url: `/api/v1/${k.url}/${row.id}` })).statusCode).toBe(404);
    expect((await call(t, manager, { url: `/api/v1/actions/${actionId}` })).statusCode).toBe(404);

    const events = await auditOf(k.entityType, row.id);
    const byAction = new Map(events.map((e) => [e.action, e]));
    expect([...byAction.keys()].sort()).toEqual(['create', 'delete', 'update']);
    expect(byAction.get('create')!.entityLabel).toBe(`${projectCode} — ${row.code} ${row.title}`);
    expect(byAction.get('update')!.entityLabel).toBe(`${after.code} ${after.title}`);
    expect(byAction.get('update')!.changes[k.changed]).toEqual({
      before: (row as Record<string, unknown>)[k.changed],
      after: (after as Record<string, unknown>)[k.changed],
    });
    expect(byAction.get('update')!.changes.title).toEqual({
      before: row.title,
      after: after.title,
    });
    expect(byAction.get('delete')!.entityLabel).toBe(`${after.code} ${after.title}`);
    expect(byAction.get('delete')!.projectId).toBe(projectId);
  });
});

describe('raid_action writes', () => {
  it('creates, updates and deletes with If-Match, each write audited with its title', async () => {
    const issue = Issue.parse(
      (await send('POST', `/api/v1/projects/${projectId}/issues`, { title: 'Source' })).json(),
    );
    const created = await send('POST', '/api/v1/actions', {
      sourceType: 'issue',
      sourceId: issue.id,
      title: 'Appeler le support',
    });
    expect(created.statusCode, created.body).toBe(201);
    const row = RaidAction.parse(created.json());

    const stale = await send('PATCH', `/api/v1/actions/${row.id}`, { status: 'done' }, 42);
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_MISMATCH',
      details: { current: { id: row.id, version: row.version, status: 'open' } },
    });

    const done = await send('PATCH', `/api/v1/actions/${row.id}`, { status: 'done' }, row.version);
    expect(done.statusCode, done.body).toBe(200);
    const after = RaidAction.parse(done.json());
    expect(after).toMatchObject({ status: 'done', version: row.version + 1 });
    expect(after.doneOn).not.toBeNull();

    const staleDelete = await send('DELETE', `/api/v1/actions/${row.id}`, undefined, row.version);
    expect(staleDelete.statusCode).toBe(412);
    expect(staleDelete.json().error.details).toEqual({ current: { version: after.version } });
    const gone = await send('DELETE', `/api/v1/actions/${row.id}`, undefined, after.version);
    expect(gone.statusCode, gone.body).toBe(204);

    const events = await auditOf('raid_action', row.id);
    expect(events.map((e) => [e.action, e.entityLabel]).sort()).toEqual([
      ['create', 'Appeler le support'],
      ['delete', 'Appeler le support'],
      ['update', 'Appeler le support'],
    ]);
    expect(events.find((e) => e.action === 'update')!.changes.status).toEqual({
      before: 'open',
      after: 'done',
    });
  });
});
