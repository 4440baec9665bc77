import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TeamDetail, TeamMember } from '../../src/contracts/whatif.ts';
import { auditEvents } from '../../src/server/modules/platform/platform.tables.ts';
import { type TestApp, buildTestApp, call, signIn } from '../helpers/app.ts';
import { buildPerson } from '../helpers/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe('teams with dated members', () => {
  it('adds, dates, refuses overlaps and stale versions, keeps the profile team, audits', async () => {
    const rm = (await signIn(t, 'resource_manager')).cookie;
    const member = (await signIn(t, 'member', { personId: (await buildPerson(t)).id })).cookie;
    const lead = await buildPerson(t, { firstName: 'Claire', lastName: 'Dubois' });
    const ines = await buildPerson(t, { firstName: 'Inès', lastName: 'Martin' });
    const newTeam = async (code: string, name: string) =>
      (
        await call(t, rm, {
          method: 'POST',
          url: '/api/v1/resource-teams',
          payload: { code, name, leadId: lead.id },
        })
      ).json();
    const data = await newTeam('DATA', 'Data & BI');
    const web = await newTeam('WEB', 'Web');

    const added = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/resource-teams/${data.id}/members`,
      payload: { personId: ines.id, start: '2025-01-01' },
    });
    expect(added.statusCode).toBe(201);
    const m = TeamMember.parse(added.json());
    expect(m).toMatchObject({ person: { name: 'Inès Martin' }, finish: null, current: true });
    // The heat map groups by the profile's team: it follows the current membership.
    const profile = async () =>
      (await call(t, rm, { method: 'GET', url: `/api/v1/resources/${ines.id}` })).json();
    expect((await profile()).team).toMatchObject({ id: data.id });

    // One team at a time.
    const overlap = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/resource-teams/${web.id}/members`,
      payload: { personId: ines.id, start: '2025-06-01' },
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.code).toBe('TEAM_MEMBERSHIP_OVERLAP');
    const bad = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/resource-teams/${web.id}/members`,
      payload: { personId: ines.id, start: '2025-06-01', finish: '2025-05-01' },
    });
    expect(bad.statusCode).toBe(400);

    // End the membership (If-Match), then join the other team.
    const url = `/api/v1/resource-teams/${data.id}/members/${m.id}`;
    const stale = await call(t, rm, {
      method: 'PATCH',
      url,
      headers: { 'if-match': '"99"' },
      payload: { finish: '2025-05-31' },
    });
    expect(stale.statusCode).toBe(412);
    const ended = await call(t, rm, {
      method: 'PATCH',
      url,
      headers: { 'if-match': `"${m.version}"` },
      payload: { finish: '2025-05-31' },
    });
    expect(ended.statusCode).toBe(200);
    expect(TeamMember.parse(ended.json())).toMatchObject({ current: false, version: 2 });
    expect((await profile()).team).toBeNull();
    const moved = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/resource-teams/${web.id}/members`,
      payload: { personId: ines.id, start: '2025-06-01' },
    });
    expect(moved.statusCode).toBe(201);
    expect((await profile()).team).toMatchObject({ id: web.id });

    const detail = await call(t, rm, { method: 'GET', url: `/api/v1/resource-teams/${data.id}` });
    expect(detail.headers.etag).toBe(`"${data.version}"`);
    expect(TeamDetail.parse(detail.json())).toMatchObject({
      lead: { id: lead.id, name: 'Claire Dubois' },
      members: [{ id: m.id, start: '2025-01-01', finish: '2025-05-31' }],
    });

    // A member may not manage teams; removal needs the version too.
    const denied = await call(t, member, {
      method: 'POST',
      url: `/api/v1/resource-teams/${data.id}/members`,
      payload: { personId: ines.id, start: '2024-01-01', finish: '2024-12-31' },
    });
    expect(denied.statusCode).toBe(403);
    const removed = await call(t, rm, {
      method: 'DELETE',
      url,
      headers: { 'if-match': '"2"' },
    });
    expect(removed.statusCode).toBe(204);
    const events = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'resource_team'), eq(auditEvents.entityId, data.id)));
    // Created, member added, membership ended, member removed.
    expect(events.map((e) => e.action).sort()).toEqual(['create', 'update', 'update', 'update']);
    expect(
      events.some((e) => JSON.stringify(e.changes).includes('Inès Martin (2025-01-01 → …)')),
    ).toBe(true);
  });
});
