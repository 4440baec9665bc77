import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Absence,
  Allocation,
  AssignmentList,
  Breakdown,
  HeatMap,
  ResourceDetail,
  ResourceList,
  WhatIfResult,
} from '../../src/contracts/resources.ts';
import {
  costRatesAt,
  decideAbsence,
} from '../../src/server/modules/resources/resources.service.ts';
import { SYSTEM_ACTOR } from '../../src/server/seed/demo.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';
import { buildMember, buildPerson, buildPortfolio, buildProject } from '../helpers/factories.ts';

let t: TestApp;
let rm: string;
let member: string;
let manager: string;
let memberPersonId: string;
let roleId: string;
let teamId: string;
let portfolioId: string;

beforeAll(async () => {
  t = await buildTestApp();
  rm = (await signIn(t, 'resource_manager')).cookie;
  const boss = await buildPerson(t, { firstName: 'Hélène', lastName: `Chef${uniq()}` });
  manager = (await signIn(t, 'member', { personId: boss.id })).cookie;
  const p = await buildPerson(t, { firstName: 'Louis', lastName: `Dev${uniq()}` });
  memberPersonId = p.id;
  await call(t, rm, {
    method: 'PATCH',
    url: `/api/v1/people/${p.id}`,
    headers: { 'if-match': '"1"' },
    payload: { managerId: boss.id },
  });
  member = (await signIn(t, 'member', { personId: p.id })).cookie;
  const role = await call(t, rm, {
    method: 'POST',
    url: '/api/v1/resource-roles',
    payload: { code: `DEV${uniq()}`, name: 'Développeur', defaultRateMinor: 5500 },
  });
  roleId = role.json().id;
  const team = await call(t, rm, {
    method: 'POST',
    url: '/api/v1/resource-teams',
    payload: { code: `T${uniq()}`, name: `Équipe ${uniq()}`, leadId: boss.id },
  });
  teamId = team.json().id;
  portfolioId = (await buildPortfolio(t)).id;
});
afterAll(async () => t?.close());

async function setProfile(personId: string, weekHours: number[], version = 0) {
  return call(t, rm, {
    method: 'PUT',
    url: `/api/v1/resources/${personId}/profile`,
    headers: { 'if-match': `"${version}"` },
    payload: { roleId, teamId, weekHours },
  });
}

describe('capacity model', () => {
  it('sets a part-time week, role and team, and derives weekly hours and FTE', async () => {
    const res = await setProfile(memberPersonId, [7, 7, 0, 7, 7, 0, 0]);
    expect(res.statusCode).toBe(200);
    const body = ResourceDetail.parse(res.json());
    expect(body.weeklyHours).toBe(28);
    expect(body.fte).toBe(0.8);
    expect(body.team?.id).toBe(teamId);
    expect(body.currentRate).toEqual({ rateMinor: 5500, currency: 'EUR', source: 'role' });
    expect(res.headers.etag).toBe('"1"');
    const again = await setProfile(memberPersonId, [7, 7, 7, 7, 7, 0, 0]);
    expect(again.statusCode).toBe(412);
    expect(again.json().error.code).toBe('VERSION_MISMATCH');
  });

  it('refuses a week with a day over 24 hours, naming the field', async () => {
    const res = await setProfile(memberPersonId, [25, 7, 7, 7, 7, 0, 0], 1);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.details.issues[0].path)).toContain('weekHours');
  });

  it('keeps dated rates and answers the rate valid for (person, date) pairs', async () => {
    for (const [validFrom, rateMinor] of [
      ['2026-01-01', 6000],
      ['2026-07-01', 6500],
    ] as const) {
      const res = await call(t, rm, {
        method: 'POST',
        url: `/api/v1/resources/${memberPersonId}/rates`,
        payload: { validFrom, rateMinor },
      });
      expect(res.statusCode).toBe(200);
    }
    const detail = ResourceDetail.parse(
      (await call(t, rm, { method: 'GET', url: `/api/v1/resources/${memberPersonId}` })).json(),
    );
    expect(detail.rates.map((r) => r.rateMinor)).toEqual([6000, 6500]);
    const other = await buildPerson(t);
    await setProfile(other.id, [7, 7, 7, 7, 7, 0, 0]);
    const rates = await costRatesAt(t.ctx.db, [
      { personId: memberPersonId, date: '2025-12-31' },
      { personId: memberPersonId, date: '2026-03-15' },
      { personId: memberPersonId, date: '2026-07-01' },
      { personId: other.id, date: '2026-03-15' },
      { personId: (await buildPerson(t)).id, date: '2026-03-15' },
    ]);
    expect(rates.map((r) => r && `${r.rateMinor}/${r.source}`)).toEqual([
      '5500/role',
      '6000/person',
      '6500/person',
      '5500/role',
      null,
    ]);
  });

  it('lists resources for resource roles only, and lets a person see their own profile without rates', async () => {
    const list = await call(t, rm, { method: 'GET', url: `/api/v1/resources?teamId=${teamId}` });
    const page = ResourceList.parse(list.json());
    expect(page.items.map((i) => i.personId)).toContain(memberPersonId);
    expect((await call(t, member, { method: 'GET', url: '/api/v1/resources' })).statusCode).toBe(
      403,
    );
    const own = await call(t, member, {
      method: 'GET',
      url: `/api/v1/resources/${memberPersonId}`,
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().rates).toEqual([]);
    const stranger = await buildPerson(t);
    const hidden = await call(t, member, {
      method: 'GET',
      url: `/api/v1/resources/${stranger.id}`,
    });
    expect(hidden.json().error.code).toBe('PERSON_NOT_FOUND');
  });
});

describe('absences', () => {
  it('are requested by the person, approved by their manager (not by themselves), and refuse overlaps', async () => {
    const req = await call(t, member, {
      method: 'POST',
      url: '/api/v1/absences',
      payload: { kind: 'conges', start: '2026-03-09', finish: '2026-03-10' },
    });
    expect(req.statusCode).toBe(201);
    const absence = Absence.parse(req.json());
    expect(absence.status).toBe('requested');
    expect(absence.hours).toBe(14);
    const overlap = await call(t, member, {
      method: 'POST',
      url: '/api/v1/absences',
      payload: { kind: 'rtt', start: '2026-03-10', finish: '2026-03-10' },
    });
    expect(overlap.json().error.code).toBe('ABSENCE_OVERLAP');
    const self = await call(t, member, {
      method: 'POST',
      url: `/api/v1/absences/${absence.id}/decision`,
      headers: { 'if-match': '"1"' },
      payload: { decision: 'approve' },
    });
    expect(self.statusCode).toBe(403);
    const ok = await call(t, manager, {
      method: 'POST',
      url: `/api/v1/absences/${absence.id}/decision`,
      headers: { 'if-match': '"1"' },
      payload: { decision: 'approve' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('approved');
    const twice = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/absences/${absence.id}/decision`,
      headers: { 'if-match': '"2"' },
      payload: { decision: 'reject' },
    });
    expect(twice.json().error.code).toBe('ABSENCE_ALREADY_DECIDED');
    // The manager sees the team's absences; another member sees nothing of them.
    const team = await call(t, manager, { method: 'GET', url: '/api/v1/absences?scope=team' });
    expect(team.json().items.map((a: { id: string }) => a.id)).toContain(absence.id);
    const outsider = (await signIn(t, 'member', { personId: (await buildPerson(t)).id })).cookie;
    const none = await call(t, outsider, { method: 'GET', url: '/api/v1/absences' });
    expect(none.json().items).toEqual([]);
    const forbidden = await call(t, outsider, {
      method: 'POST',
      url: '/api/v1/absences',
      payload: { personId: memberPersonId, kind: 'rtt', start: '2026-04-01', finish: '2026-04-01' },
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('may be decided by the system (a job, the demo seed), recorded with no deciding user', async () => {
    const req = await call(t, member, {
      method: 'POST',
      url: '/api/v1/absences',
      payload: { kind: 'rtt', start: '2026-05-18', finish: '2026-05-18' },
    });
    expect(req.statusCode, req.body).toBe(201);
    const absence = Absence.parse(req.json());
    const decided = await decideAbsence(t.ctx, SYSTEM_ACTOR, absence.id, absence.version, {
      decision: 'approve',
    });
    expect(decided).toMatchObject({ status: 'approved', decidedBy: null });
  });
});

describe('allocations, assignments and the heat map', () => {
  it('shows an over-allocation, drills into its projects, confirms an allocation and simulates a shift', async () => {
    const a = await buildProject(t, portfolioId, { plannedStart: '2026-03-02' });
    const b = await buildProject(t, portfolioId, { plannedStart: '2026-03-02' });
    const alloc = async (projectId: string, amount: number, status: 'soft' | 'hard') =>
      call(t, rm, {
        method: 'POST',
        url: '/api/v1/allocations',
        payload: {
          personId: memberPersonId,
          projectId,
          start: '2026-03-02',
          finish: '2026-03-29',
          unit: 'hours',
          amount,
          status,
        },
      });
    const first = await alloc(a.id, 20, 'hard');
    expect(first.statusCode).toBe(201);
    const second = Allocation.parse((await alloc(b.id, 15, 'soft')).json());
    const heat = HeatMap.parse(
      (
        await call(t, rm, {
          method: 'GET',
          url: `/api/v1/capacity?from=2026-03-02&buckets=4&groupBy=person&teamId=${teamId}`,
        })
      ).json(),
    );
    const row = heat.rows.find((r) => r.key === memberPersonId)!;
    // 28 h a week (80 %); week 2 loses the approved absence (14 h).
    expect(row.cells.map((c) => c.capacity)).toEqual([28, 14, 28, 28]);
    expect(row.cells.map((c) => c.load)).toEqual([35, 35, 35, 35]);
    expect(row.cells.map((c) => c.soft)).toEqual([15, 15, 15, 15]);
    expect(row.cells.every((c) => c.overPeople === 1)).toBe(true);
    const hardOnly = HeatMap.parse(
      (
        await call(t, rm, {
          method: 'GET',
          url: `/api/v1/capacity?from=2026-03-02&buckets=4&groupBy=person&teamId=${teamId}&includeSoft=false`,
        })
      ).json(),
    );
    expect(hardOnly.rows.find((r) => r.key === memberPersonId)!.cells[0]!.load).toBe(20);

    const byTeam = HeatMap.parse(
      (
        await call(t, rm, { method: 'GET', url: '/api/v1/capacity?from=2026-03-02&buckets=4' })
      ).json(),
    );
    expect(byTeam.rows.find((r) => r.key === teamId)!.cells[1]!.overPeople).toBe(1);

    const drill = Breakdown.parse(
      (
        await call(t, rm, {
          method: 'GET',
          url: `/api/v1/capacity/breakdown?groupBy=team&key=${teamId}&from=2026-03-09&to=2026-03-15`,
        })
      ).json(),
    );
    const over = drill.people.find((p) => p.person.id === memberPersonId)!;
    expect(over).toMatchObject({ capacity: 14, load: 35, over: true });
    const items = drill.items.filter((i) => i.person.id === memberPersonId);
    expect(items.map((i) => [i.project.id, i.load]).sort()).toEqual(
      [
        [a.id, 20],
        [b.id, 15],
      ].sort(),
    );
    expect(items.find((i) => i.project.id === b.id)!.allocations[0]!.status).toBe('soft');

    const confirm = await call(t, rm, {
      method: 'PATCH',
      url: `/api/v1/allocations/${second.id}`,
      headers: { 'if-match': '"1"' },
      payload: { status: 'hard' },
    });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json().status).toBe('hard');
    const stale = await call(t, rm, {
      method: 'PATCH',
      url: `/api/v1/allocations/${second.id}`,
      headers: { 'if-match': '"1"' },
      payload: { amount: 5 },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.details.current.status).toBe('hard');

    const whatIf = WhatIfResult.parse(
      (
        await call(t, rm, {
          method: 'POST',
          url: '/api/v1/capacity/what-if',
          payload: {
            from: '2026-03-02',
            buckets: 8,
            groupBy: 'person',
            teamId,
            shifts: [{ projectId: b.id, days: 28 }],
          },
        })
      ).json(),
    );
    const before = whatIf.before.rows.find((r) => r.key === memberPersonId)!;
    const after = whatIf.after.rows.find((r) => r.key === memberPersonId)!;
    expect(before.cells[0]!.load).toBe(35);
    expect(after.cells[0]!.load).toBe(20);
    expect(after.cells[4]!.load).toBe(15);
  });

  it('lets the project manager assign a task, spreads its effort over the task, and hides it from others', async () => {
    const project = await buildProject(t, portfolioId, { plannedStart: '2026-03-02' });
    const pmPerson = await buildPerson(t);
    await buildMember(t, project.id, pmPerson.id, 'project_manager');
    const pm = (await signIn(t, 'member', { personId: pmPerson.id })).cookie;
    await call(t, pm, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/plan/tasks`,
      payload: { name: 'Recette', duration: 10 },
    });
    const plan = await call(t, pm, { method: 'GET', url: `/api/v1/projects/${project.id}/plan` });
    const task = plan.json().tasks.find((x: { name: string }) => x.name === 'Recette');
    const person = await buildPerson(t);
    const res = await call(t, pm, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/assignments`,
      payload: { taskId: task.id, personId: person.id, effortHours: 50 },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      taskName: 'Recette',
      start: '2026-03-02',
      finish: '2026-03-13',
    });
    const dup = await call(t, pm, {
      method: 'POST',
      url: `/api/v1/projects/${project.id}/assignments`,
      payload: { taskId: task.id, personId: person.id, effortHours: 10 },
    });
    expect(dup.json().error.code).toBe('CONFLICT');
    const list = AssignmentList.parse(
      (
        await call(t, pm, { method: 'GET', url: `/api/v1/projects/${project.id}/assignments` })
      ).json(),
    );
    expect(list.items).toHaveLength(1);
    const outsider = (await signIn(t, 'member', { personId: (await buildPerson(t)).id })).cookie;
    const hidden = await call(t, outsider, {
      method: 'GET',
      url: `/api/v1/projects/${project.id}/assignments`,
    });
    expect(hidden.json().error.code).toBe('PROJECT_NOT_FOUND');
    const heat = HeatMap.parse(
      (
        await call(t, rm, {
          method: 'GET',
          url: '/api/v1/capacity?from=2026-03-02&buckets=2&groupBy=person&limit=500',
        })
      ).json(),
    );
    const row = heat.rows.find((r) => r.key === person.id)!;
    expect(row.cells.map((c) => c.assigned)).toEqual([25, 25]);
    const del = await call(t, pm, {
      method: 'DELETE',
      url: `/api/v1/projects/${project.id}/assignments/${list.items[0]!.id}`,
      headers: { 'if-match': '"1"' },
    });
    expect(del.statusCode).toBe(204);
  });
});
