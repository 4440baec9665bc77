import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResourceRequest } from '../../src/contracts/skills.ts';
import { Bench, CandidateList, SkillGaps } from '../../src/contracts/staffing.ts';
import { type TestApp, buildTestApp, call, signIn, uniq } from '../helpers/app.ts';
import { buildPerson, buildPortfolio, buildProject } from '../helpers/factories.ts';
import { toEpochDay } from '../../src/core/calendar/days.ts';
import { availabilityScore, scoreBound } from '../../src/core/staffing/ranking.ts';
import {
  candidatePool,
  periodEdges,
  periodLoad,
  poolPeriod,
} from '../../src/server/modules/staffing/availability.ts';
import { candidates } from '../../src/server/modules/staffing/staffing.service.ts';

// Staffing ranking and the bench, on a real database: three people hold the skill asked for,
// one of them is already busy elsewhere, one is absent two days, and their rates differ.

let t: TestApp;
let rm: string;
let member: string;
let projectId: string;
let otherProjectId: string;
let skillId: string;
const ids: Record<'free' | 'busy' | 'novice', string> = { free: '', busy: '', novice: '' };
let request: ResourceRequest;

const START = '2027-03-01';
const FINISH = '2027-03-26'; // four weeks, no public holiday

beforeAll(async () => {
  t = await buildTestApp();
  rm = (await signIn(t, 'resource_manager')).cookie;
  member = (await signIn(t, 'member')).cookie;
  const portfolio = await buildPortfolio(t);
  projectId = (await buildProject(t, portfolio.id)).id;
  otherProjectId = (await buildProject(t, portfolio.id)).id;
  const cat = await call(t, rm, {
    method: 'POST',
    url: '/api/v1/skill-categories',
    payload: { code: `D${uniq()}`, name: 'Data' },
  });
  skillId = (
    await call(t, rm, {
      method: 'POST',
      url: '/api/v1/skills',
      payload: { categoryId: cat.json().id, code: `PBI${uniq()}`, name: 'Power BI' },
    })
  ).json().id;
  const levels = { free: 4, busy: 5, novice: 2 } as const;
  const rates = { free: 6500, busy: 8000, novice: 4500 } as const;
  for (const k of ['free', 'busy', 'novice'] as const) {
    ids[k] = (await buildPerson(t, { firstName: k, lastName: `Data${uniq()}` })).id;
    const set = await call(t, rm, {
      method: 'PUT',
      url: `/api/v1/resources/${ids[k]}/skills/${skillId}`,
      headers: { 'if-match': '"0"' },
      payload: { level: levels[k], source: 'manager', assessedOn: '2026-01-15' },
    });
    expect(set.statusCode).toBe(200);
    const rate = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/resources/${ids[k]}/rates`,
      payload: { validFrom: '2026-01-01', rateMinor: rates[k], currency: 'EUR' },
    });
    expect(rate.statusCode).toBe(200);
  }
  const alloc = await call(t, rm, {
    method: 'POST',
    url: '/api/v1/allocations',
    payload: {
      personId: ids.busy,
      projectId: otherProjectId,
      start: '2027-01-01',
      finish: '2027-06-30',
      unit: 'percent',
      amount: 80,
      status: 'hard',
    },
  });
  expect(alloc.statusCode).toBe(201);
  const absence = await call(t, rm, {
    method: 'POST',
    url: '/api/v1/absences',
    payload: { personId: ids.free, kind: 'conges', start: '2027-03-04', finish: '2027-03-05' },
  });
  expect(absence.statusCode).toBe(201);
  if (absence.json().status !== 'approved') {
    const ok = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/absences/${absence.json().id}/decision`,
      headers: { 'if-match': `"${absence.json().version}"` },
      payload: { decision: 'approve' },
    });
    expect(ok.statusCode).toBe(200);
  }
  const pmo = (await signIn(t, 'pmo')).cookie;
  const created = await call(t, pmo, {
    method: 'POST',
    url: `/api/v1/projects/${projectId}/resource-requests`,
    payload: {
      start: START,
      finish: FINISH,
      unit: 'fte',
      amount: 0.5,
      skills: [{ skillId, minLevel: 3 }],
      submit: true,
    },
  });
  expect(created.statusCode).toBe(201);
  request = ResourceRequest.parse(created.json());
});
afterAll(async () => t?.close());

async function rank(query = '') {
  const res = await call(t, rm, {
    method: 'GET',
    url: `/api/v1/resource-requests/${request.id}/candidates${query}`,
  });
  expect(res.statusCode).toBe(200);
  return CandidateList.parse(res.json());
}

describe('staffing ranking', () => {
  it('ranks the free qualified person first and explains every score', async () => {
    const list = await rank('?limit=200');
    // 4 weeks × 0,5 × 35 h
    expect(list.workingDays).toBe(20);
    expect(list.hoursNeeded).toBe(70);
    const order = list.items.map((c) => c.person.id);
    expect(order[0]).toBe(ids.free);
    expect(order.indexOf(ids.busy)).toBeGreaterThan(0);
    expect(order.indexOf(ids.novice)).toBeGreaterThan(0);
    const best = list.items[0]!;
    expect(best.qualified).toBe(true);
    // 140 h of capacity less two days off (14 h)
    expect(best.capacityHours).toBe(126);
    expect(best.freeHours).toBe(126);
    expect(best.reasons).toContainEqual({
      code: 'skill_ok',
      skillId,
      skillName: 'Power BI',
      level: 4,
      minLevel: 3,
    });
    expect(best.reasons).toContainEqual({ code: 'absent', hours: 14 });
    const busy = list.items.find((c) => c.person.id === ids.busy)!;
    expect(busy.loadHours).toBe(112);
    expect(busy.freeHours).toBe(28);
    expect(busy.reasons.map((r) => r.code)).toContain('partly_available');
    expect(busy.cost).toBe(0);
    const novice = list.items.find((c) => c.person.id === ids.novice)!;
    expect(novice.qualified).toBe(false);
    expect(novice.reasons).toContainEqual(
      expect.objectContaining({ code: 'skill_below', level: 2, minLevel: 3 }),
    );
    expect(novice.reasons).toContainEqual({ code: 'rate', rateMinor: 4500, cheapest: true });
    // People without the skill come after all three.
    const others = list.items.filter((c) => !Object.values(ids).includes(c.person.id));
    for (const o of others) expect(o.score).toBeLessThan(novice.score);
  });

  it('scores the bounds in SQL exactly as the core does, with or without a role asked', async () => {
    const roleId = (
      await call(t, rm, {
        method: 'POST',
        url: '/api/v1/resource-roles',
        payload: { code: `R${uniq()}`, name: 'Analyste', defaultRateMinor: 5000, currency: 'EUR' },
      })
    ).json().id as string;
    await t.ctx.db.execute(sql`
      insert into resource_profiles (person_id, role_id, week_hours)
      values (${ids.busy}, ${roleId}, '[7,7,7,7,7,0,0]'::jsonb)
      on conflict (person_id) do update set role_id = excluded.role_id`);
    const cases = [
      { roleId: null, weights: { skills: 50, availability: 35, cost: 15 }, qualifiedOnly: false },
      { roleId: null, weights: { skills: 0, availability: 0, cost: 100 }, qualifiedOnly: true },
      { roleId, weights: { skills: 60, availability: 20, cost: 20 }, qualifiedOnly: false },
    ];
    for (const c of cases) {
      const asked = { skills: request.skills, roleId: c.roleId, on: START };
      const all = await candidatePool(t.ctx.db, asked, c.weights, {
        offset: 0,
        limit: 100000,
        qualifiedOnly: c.qualifiedOnly,
      });
      expect(all.total).toBe(all.people.length);
      expect(all.range).toEqual({ min: 4500, max: 8000 });
      const bounds = all.people.map((p) => scoreBound(asked, p, all.range, c.weights));
      expect(all.people.every((p) => p.maxAvailability === 1)).toBe(true);
      // Best bounds first, as the core computes them; qualified people only when asked.
      for (let i = 1; i < bounds.length; i++) {
        expect(bounds[i]!.bound).toBeLessThanOrEqual(bounds[i - 1]!.bound + 1e-9);
      }
      if (c.qualifiedOnly) expect(bounds.every((b) => b.qualified)).toBe(true);
      // A page is the same slice of that order.
      const page = await candidatePool(t.ctx.db, asked, c.weights, {
        offset: 1,
        limit: 2,
        qualifiedOnly: c.qualifiedOnly,
      });
      expect(page.people.map((p) => p.id)).toEqual(all.people.slice(1, 3).map((p) => p.id));
    }
  });

  it('bounds availability in SQL at or above what the engine counts, and below 1 for the busy', async () => {
    // Hours a week over part of a month with public holidays (May 2027: Ascension on Thursday
    // 6, Whit Monday 17), a percentage over the whole of it, approved leave.
    for (const [personId, unit, amount, start, finish] of [
      [ids.novice, 'hours', 21, '2027-05-03', '2027-05-20'],
      [ids.free, 'percent', 30, '2027-04-01', '2027-06-30'],
      [ids.free, 'hours', 3.5, '2027-04-26', '2027-05-31'],
    ] as const) {
      const res = await call(t, rm, {
        method: 'POST',
        url: '/api/v1/allocations',
        payload: {
          personId,
          projectId: otherProjectId,
          start,
          finish,
          unit,
          amount,
          status: 'soft',
        },
      });
      expect(res.statusCode).toBe(201);
    }
    const weights = { skills: 50, availability: 35, cost: 15 };
    const asked = { skills: request.skills, roleId: null, on: START };
    for (const [from, to, need] of [
      [START, FINISH, 70],
      ['2027-05-01', '2027-05-31', 140],
      ['2027-05-03', '2027-05-16', 10],
    ] as const) {
      const fromDay = toEpochDay(from);
      const toDay = toEpochDay(to) + 1;
      const all = await candidatePool(
        t.ctx.db,
        asked,
        weights,
        { offset: 0, limit: 100000, qualifiedOnly: false },
        poolPeriod(fromDay, toDay, need),
      );
      const load = await periodLoad(t.ctx.db, periodEdges(fromDay, toDay, false));
      const row = new Map(load.ids.map((id, i) => [id, i]));
      for (const p of all.people) {
        const i = row.get(p.id)!;
        const exact = availabilityScore(need, Math.max(0, load.capacity[i]! - load.load[i]!));
        expect(p.maxAvailability).toBeGreaterThanOrEqual(exact - 1e-9);
      }
      // Order by the bound with that availability.
      const bounds = all.people.map(
        (p) => scoreBound(asked, p, all.range, weights, p.maxAvailability).bound,
      );
      for (let i = 1; i < bounds.length; i++) {
        expect(bounds[i]!).toBeLessThanOrEqual(bounds[i - 1]! + 1e-9);
      }
      if (from === START) {
        // 80 % elsewhere over the whole request: at most 20 % of 4 weeks free.
        const busy = all.people.find((p) => p.id === ids.busy)!;
        expect(busy.maxAvailability).toBeCloseTo((0.2 * 140) / 70, 6);
      }
    }
  });

  it('gives the same ranking read in batches of one as read whole', async () => {
    const queries = [
      { limit: 1, qualifiedOnly: false, wSkills: 50, wAvailability: 35, wCost: 15 },
      { limit: 2, qualifiedOnly: true, wSkills: 10, wAvailability: 80, wCost: 10 },
      { limit: 200, qualifiedOnly: false, wSkills: 0, wAvailability: 100, wCost: 0 },
    ];
    for (const q of queries) {
      const whole = await candidates(t.ctx, request.id, q, 100000);
      const batched = await candidates(t.ctx, request.id, q, 1);
      expect(batched).toEqual(whole);
      expect(whole.items.length).toBe(Math.min(q.limit, whole.total));
    }
  });

  it('filters to qualified people, follows the weights, and is refused to members', async () => {
    const qualified = await rank('?qualifiedOnly=true');
    expect(qualified.items.map((c) => c.person.id).sort()).toEqual([ids.free, ids.busy].sort());
    const costOnly = await rank('?qualifiedOnly=true&wSkills=0&wAvailability=0&wCost=100');
    expect(costOnly.items[0]!.person.id).toBe(ids.free);
    const bad = await call(t, rm, {
      method: 'GET',
      url: `/api/v1/resource-requests/${request.id}/candidates?wCost=300`,
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain('wCost');
    const forbidden = await call(t, member, {
      method: 'GET',
      url: `/api/v1/resource-requests/${request.id}/candidates`,
    });
    expect(forbidden.statusCode).toBe(403);
    const missing = await call(t, rm, {
      method: 'GET',
      url: '/api/v1/resource-requests/00000000-0000-4000-8000-000000000777/candidates',
    });
    expect(missing.json().error.code).toBe('RESOURCE_REQUEST_NOT_FOUND');
  });

  it('assigns the first candidate; the ranking then shows them allocated and busy', async () => {
    const res = await call(t, rm, {
      method: 'POST',
      url: `/api/v1/resource-requests/${request.id}/allocations`,
      headers: { 'if-match': `"${request.version}"` },
      payload: { personId: ids.free, unit: 'percent', amount: 50 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('staffed');
    const after = await rank('?qualifiedOnly=true');
    const free = after.items.find((c) => c.person.id === ids.free)!;
    expect(free.allocated).toBe(true);
    expect(free.loadHours).toBe(63);
    expect(free.freeHours).toBe(63);
  });
});

describe('the bench', () => {
  it('lists people free over a period, by skill and level, most free first, week by week', async () => {
    const res = await call(t, rm, {
      method: 'GET',
      url: `/api/v1/staffing/bench?from=${START}&to=${FINISH}&skillId=${skillId}&minLevel=2&maxUtilisation=60`,
    });
    expect(res.statusCode).toBe(200);
    const bench = Bench.parse(res.json());
    // busy is at 80 %, free at 50 % (after the allocation above), novice at 0 %
    expect(bench.items.map((p) => p.person.id)).toEqual([ids.novice, ids.free]);
    expect(bench.weekStarts).toEqual(['2027-03-01', '2027-03-08', '2027-03-15', '2027-03-22']);
    const novice = bench.items[0]!;
    expect(novice.weeks).toEqual([35, 35, 35, 35]);
    expect(novice.skillLevel).toBe(2);
    expect(bench.items[1]!.utilisation).toBe(50);
    expect(bench.freeHours).toBe(140 + 63);
    const strict = Bench.parse(
      (
        await call(t, rm, {
          method: 'GET',
          url: `/api/v1/staffing/bench?from=${START}&to=${FINISH}&skillId=${skillId}&minLevel=4&maxUtilisation=100`,
        })
      ).json(),
    );
    expect(strict.items.map((p) => p.person.id).sort()).toEqual([ids.free, ids.busy].sort());
    const bad = await call(t, rm, {
      method: 'GET',
      url: `/api/v1/staffing/bench?from=${FINISH}&to=${START}`,
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain('to');
  });
});

describe('skill gaps per quarter', () => {
  it('counts what open requests still need against the free hours of holders', async () => {
    const pmo = (await signIn(t, 'pmo')).cookie;
    const draft = await call(t, pmo, {
      method: 'POST',
      url: `/api/v1/projects/${projectId}/resource-requests`,
      payload: {
        start: '2027-04-05',
        finish: '2027-04-30',
        unit: 'fte',
        amount: 1,
        skills: [{ skillId, minLevel: 4 }],
      },
    });
    expect(draft.statusCode).toBe(201);
    const res = await call(t, rm, {
      method: 'GET',
      url: '/api/v1/staffing/skill-gaps?from=2027-02-10&quarters=2',
    });
    expect(res.statusCode).toBe(200);
    const gaps = SkillGaps.parse(res.json());
    expect(gaps.quarters.map((q) => [q.year, q.quarter, q.start, q.finish])).toEqual([
      [2027, 1, '2027-01-01', '2027-03-31'],
      [2027, 2, '2027-04-01', '2027-06-30'],
    ]);
    // The first request is staffed: nothing left of it. The draft asks 4 weeks × 35 h.
    const mine = gaps.rows.filter((r) => r.skill.id === skillId);
    expect(mine.map((r) => r.minLevel)).toEqual([4]);
    const [q1, q2] = mine[0]!.quarters;
    expect(q1).toMatchObject({ demand: 0, draft: 0, holders: 2 });
    expect(q2).toMatchObject({ demand: 0, draft: 140, holders: 2 });
    expect(q2!.gap).toBeCloseTo(140 - q2!.free, 1);
    expect(mine[0]!.category.name).toBe('Data');
    const bad = await call(t, rm, {
      method: 'GET',
      url: '/api/v1/staffing/skill-gaps?from=2027-02-10&quarters=9',
    });
    expect(JSON.stringify(bad.json().error.details)).toContain('quarters');
  });
});
