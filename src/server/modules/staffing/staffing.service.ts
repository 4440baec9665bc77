import type { z } from 'zod';
import type {
  Bench,
  BenchQuery,
  CandidateList,
  CandidateQuery,
  Reason,
  SkillGapQuery,
  SkillGaps,
} from '../../../contracts/staffing.ts';
import { fromEpochDay, toEpochDay } from '../../../core/calendar/days.ts';
import { workingDays } from '../../../core/resources/capacity.ts';
import { DomainError } from '../../../core/errors.ts';
import { coverage } from '../../../core/resources/staffing.ts';
import {
  type GapRequest,
  type GapSupply,
  quarterEdges,
  quarterLabel,
  skillGaps,
} from '../../../core/staffing/gaps.ts';
import {
  type Candidate as RankInput,
  hoursNeeded,
  rankCandidates,
  scoreBound,
} from '../../../core/staffing/ranking.ts';
import type { Ctx } from '../../context.ts';
import { companyHolidays } from '../resources/capacity.service.ts';
import * as resourcesRepo from '../resources/resources.repository.ts';
import * as skillsRepo from '../resources/skills.repository.ts';
import * as requestsRepo from '../resources/staffing.repository.ts';
import {
  type PoolPerson,
  candidatePool,
  heldSkills,
  periodEdges,
  periodLoad,
  personBriefs,
  poolPeriod,
} from './availability.ts';

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Candidates for a resource request, ranked by skill fit, availability over the request's
 * period and cost, with the reasons. Every active person's best possible score (skill fit and
 * cost, availability counted full) is computed in SQL and only the best bounds come back, a
 * batch at a time; their availability (task effort summed in SQL) is read per batch, until no
 * one left could beat the last place kept: the result is the ranking of everyone, without
 * reading everyone's skills or load. `firstBatch` is for tests (several batches on few people).
 */
export async function candidates(
  ctx: Ctx,
  requestId: string,
  q: z.infer<typeof CandidateQuery>,
  firstBatch = Math.max(400, q.limit * 15),
): Promise<CandidateList> {
  const db = ctx.db;
  const request = await requestsRepo.findRequest(db, requestId);
  if (!request) {
    throw new DomainError('RESOURCE_REQUEST_NOT_FOUND', `No resource request ${requestId}`);
  }
  const fromDay = toEpochDay(request.start);
  const toDay = toEpochDay(request.finish) + 1;
  const edges = periodEdges(fromDay, toDay, false);
  const days = workingDays(
    fromDay,
    toDay,
    companyHolidays(request.start.slice(0, 4), request.finish.slice(0, 4)),
  );
  const need = hoursNeeded({ unit: request.unit as 'hours' | 'fte', amount: request.amount }, days);
  // What bounds each person's availability in SQL (`candidatePool`).
  const period = poolPeriod(fromDay, toDay, need);
  const weights = { skills: q.wSkills, availability: q.wAvailability, cost: q.wCost };
  const asked = { skills: request.skills, roleId: request.roleId, hoursNeeded: need };
  const evaluated: RankInput[] = [];
  const pool: PoolPerson[] = [];
  let ranked: ReturnType<typeof rankCandidates>;
  let total: number;
  const loads = new Map<string, { capacity: number; load: number }>();
  // Few batches: each statement has a fixed cost (the plan, the scans of the tasks in the
  // period), each person read a small one. One more person than the batch is read: the best
  // bound left, to know whether to go on.
  for (let k = 0, batch = firstBatch; ; batch *= 2) {
    const slice = await candidatePool(
      db,
      { skills: request.skills, roleId: request.roleId, on: request.start },
      weights,
      { offset: k, limit: batch + 1, qualifiedOnly: q.qualifiedOnly },
      period,
    );
    total = slice.total;
    const next = slice.people.length > batch ? slice.people.pop()! : null;
    k += slice.people.length;
    pool.push(...slice.people);
    const load = await periodLoad(
      db,
      edges,
      slice.people.map((p) => p.id),
    );
    const row = new Map(load.ids.map((id, i) => [id, i]));
    for (const p of slice.people) {
      const i = row.get(p.id);
      if (i === undefined) continue;
      loads.set(p.id, { capacity: load.capacity[i]!, load: load.load[i]! });
      evaluated.push({
        id: p.id,
        roleId: p.roleId,
        skills: p.skills,
        capacityHours: load.capacity[i]!,
        absenceHours: load.absence[i]!,
        loadHours: load.load[i]!,
        rateMinor: p.rateMinor,
      });
    }
    ranked = rankCandidates(asked, evaluated, {
      weights,
      limit: q.limit,
      qualifiedOnly: q.qualifiedOnly,
      rateRange: slice.range,
    });
    if (!next) break;
    const last = ranked.items[q.limit - 1];
    // Scores are rounded to 0.1: a bound below the last kept score by more than that cannot win.
    const bound = scoreBound(asked, next, slice.range, weights, next.maxAvailability).bound;
    if (last && bound + 0.05 < last.score) break;
  }
  const linked = new Set(
    (await requestsRepo.allocationsOf(db, [requestId])).map((a) => a.personId),
  );
  const roles = new Map((await resourcesRepo.listRoles(db)).map((r) => [r.id, r.name]));
  const skillNames = new Map((await skillsRepo.listSkills(db)).map((s) => [s.id, s.name]));
  const briefs = await personBriefs(
    db,
    ranked.items.map((r) => r.id),
  );
  const byId = new Map(pool.map((p) => [p.id, p]));
  return {
    requestId,
    start: request.start,
    finish: request.finish,
    workingDays: days,
    hoursNeeded: round1(need),
    weights,
    total,
    items: ranked.items.map((r) => {
      const p = byId.get(r.id)!;
      const brief = briefs.get(r.id);
      const l = loads.get(r.id)!;
      return {
        person: { id: r.id, name: brief?.name ?? '' },
        jobTitle: brief?.jobTitle ?? null,
        orgUnit: brief?.orgUnit ?? null,
        role: p.roleId ? { id: p.roleId, name: roles.get(p.roleId) ?? '' } : null,
        score: r.score,
        fit: r.fit,
        availability: r.availability,
        cost: r.cost,
        qualified: r.qualified,
        capacityHours: round1(l.capacity),
        loadHours: round1(l.load),
        freeHours: r.freeHours,
        rateMinor: p.rateMinor,
        currency: p.currency,
        allocated: linked.has(r.id),
        reasons: r.reasons.map((x): Reason =>
          'skillId' in x ? { ...x, skillName: skillNames.get(x.skillId) ?? '' } : x,
        ),
      };
    }),
  };
}

/**
 * The bench: people whose load over a period is at most a share of their capacity, most free
 * hours first, with their free hours week by week; filtered by skill (and minimum level),
 * org unit or team.
 */
export async function bench(ctx: Ctx, q: z.infer<typeof BenchQuery>): Promise<Bench> {
  const db = ctx.db;
  const fromDay = toEpochDay(q.from);
  const toDay = toEpochDay(q.to) + 1;
  const edges = periodEdges(fromDay, toDay, true);
  const held = q.skillId ? await heldSkills(db, [q.skillId], q.from) : null;
  const levelOf = (id: string) => held?.get(id)?.get(q.skillId!)?.level ?? 0;
  // With a skill, only its holders at the level are read.
  const holders = held ? [...held.keys()].filter((id) => levelOf(id) >= q.minLevel) : undefined;
  const load = holders && holders.length === 0 ? null : await periodLoad(db, edges, holders);
  const B = edges.length - 1;
  const found: Omit<Bench['items'][number], 'person' | 'jobTitle' | 'orgUnit'>[] = [];
  const ids: string[] = [];
  load?.ids.forEach((id, i) => {
    const profile = load.profiles.get(id);
    if (q.teamId && profile?.teamId !== q.teamId) return;
    let capacity = 0;
    let committed = 0;
    const weeks: number[] = [];
    for (let b = 0; b < B; b++) {
      const c = load.capacity[i * B + b]!;
      const l = load.load[i * B + b]!;
      capacity += c;
      committed += l;
      weeks.push(round1(Math.max(0, c - l)));
    }
    if (capacity <= 0) return;
    const utilisation = (100 * committed) / capacity;
    if (utilisation > q.maxUtilisation + 1e-9) return;
    ids.push(id);
    found.push({
      team: profile?.teamId ? { id: profile.teamId, name: '' } : null,
      role: profile?.roleId ? { id: profile.roleId, name: '' } : null,
      capacityHours: round1(capacity),
      loadHours: round1(committed),
      freeHours: round1(Math.max(0, capacity - committed)),
      utilisation: Math.round(utilisation),
      skillLevel: held ? levelOf(id) : null,
      weeks,
    });
  });
  const briefs = await personBriefs(db, ids);
  const roles = new Map((await resourcesRepo.listRoles(db)).map((r) => [r.id, r.name]));
  const teams = new Map((await resourcesRepo.listTeams(db)).map((r) => [r.id, r.name]));
  const items: Bench['items'] = [];
  let free = 0;
  found.forEach((f, k) => {
    const brief = briefs.get(ids[k]!);
    if (!brief || (q.orgUnitId && brief.orgUnit?.id !== q.orgUnitId)) return;
    free += f.freeHours;
    items.push({
      ...f,
      person: { id: ids[k]!, name: brief.name },
      jobTitle: brief.jobTitle,
      orgUnit: brief.orgUnit,
      team: f.team ? { id: f.team.id, name: teams.get(f.team.id) ?? '' } : null,
      role: f.role ? { id: f.role.id, name: roles.get(f.role.id) ?? '' } : null,
    });
  });
  items.sort(
    (a, b) =>
      b.freeHours - a.freeHours ||
      a.person.name.localeCompare(b.person.name, 'fr') ||
      (a.person.id < b.person.id ? -1 : 1),
  );
  return {
    from: q.from,
    to: q.to,
    weekStarts: Array.from(edges.subarray(0, B), (d) => fromEpochDay(d)),
    total: items.length,
    freeHours: round1(free),
    items: items.slice(0, q.limit),
  };
}

/**
 * Skill gaps per quarter: the hours open requests (drafts apart) still need by skill and level,
 * against the free hours of the people holding it at that level or above.
 */
export async function skillGapsView(
  ctx: Ctx,
  q: z.infer<typeof SkillGapQuery>,
): Promise<SkillGaps> {
  const db = ctx.db;
  const edges = quarterEdges(toEpochDay(q.from), q.quarters);
  const Q = q.quarters;
  const firstDay = edges[0]!;
  const endDay = edges[Q]!;
  const catalogue = await skillsRepo.listSkills(db);
  const categories = new Map((await skillsRepo.listCategories(db)).map((c) => [c.id, c.name]));
  const skillOf = new Map(catalogue.map((s) => [s.id, s]));
  const rows = (
    await requestsRepo.listRequests(db, { statuses: ['draft', 'submitted', 'partially_staffed'] })
  ).filter(
    (r) =>
      toEpochDay(r.finish) >= firstDay &&
      toEpochDay(r.start) < endDay &&
      r.skills.some((s) => !q.categoryId || skillOf.get(s.skillId)?.categoryId === q.categoryId),
  );
  const linked = await requestsRepo.allocationsOf(
    db,
    rows.map((r) => r.id),
  );
  const byRequest = new Map<string, typeof linked>();
  for (const a of linked) byRequest.set(a.requestId, [...(byRequest.get(a.requestId) ?? []), a]);
  const requests: GapRequest[] = rows.map((r) => {
    const unit = r.unit as 'hours' | 'fte';
    return {
      skills: r.skills.filter(
        (s) => !q.categoryId || skillOf.get(s.skillId)?.categoryId === q.categoryId,
      ),
      unit,
      amount: r.amount,
      covered: Math.min(1, coverage({ unit }, byRequest.get(r.id) ?? []) / r.amount),
      start: toEpochDay(r.start),
      finish: toEpochDay(r.finish),
      draft: r.status === 'draft',
    };
  });
  const skillIds = [...new Set(requests.flatMap((r) => r.skills.map((s) => s.skillId)))];
  const held = await heldSkills(db, skillIds, q.from);
  // Only the holders of a skill asked for are supply: only their loads are read.
  const load = held.size ? await periodLoad(db, edges, [...held.keys()]) : null;
  const supply: GapSupply[] = [];
  load?.ids.forEach((id, i) => {
    const h = held.get(id);
    if (!h) return;
    supply.push({
      levels: new Map([...h].map(([k, v]) => [k, v.level])),
      capacity: load.capacity.subarray(i * Q, i * Q + Q),
      load: load.load.subarray(i * Q, i * Q + Q),
    });
  });
  const holidays = companyHolidays(
    fromEpochDay(firstDay).slice(0, 4),
    fromEpochDay(endDay).slice(0, 4),
  );
  const gaps = skillGaps(edges, holidays, requests, supply);
  return {
    quarters: Array.from({ length: Q }, (_, k) => ({
      ...quarterLabel(edges[k]!),
      start: fromEpochDay(edges[k]!),
      finish: fromEpochDay(edges[k + 1]! - 1),
    })),
    rows: gaps
      .map((g) => {
        const s = skillOf.get(g.skillId);
        return {
          skill: { id: g.skillId, name: s?.name ?? '' },
          category: {
            id: s?.categoryId ?? g.skillId,
            name: categories.get(s?.categoryId ?? '') ?? '',
          },
          minLevel: g.minLevel,
          requests: requests.filter((r) =>
            r.skills.some((x) => x.skillId === g.skillId && x.minLevel === g.minLevel),
          ).length,
          quarters: g.quarters,
        };
      })
      .sort(
        (a, b) =>
          Math.max(...b.quarters.map((x) => x.gap)) - Math.max(...a.quarters.map((x) => x.gap)) ||
          a.skill.name.localeCompare(b.skill.name, 'fr'),
      ),
  };
}
