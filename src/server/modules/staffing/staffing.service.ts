import type { z } from 'zod';
import type {
  Bench,
  BenchQuery,
  CandidateList,
  CandidateQuery,
  Reason,
} from '../../../contracts/staffing.ts';
import { fromEpochDay, toEpochDay } from '../../../core/calendar/days.ts';
import { workingDays } from '../../../core/resources/capacity.ts';
import { DomainError } from '../../../core/errors.ts';
import {
  type Candidate as RankInput,
  hoursNeeded,
  rankCandidates,
} from '../../../core/staffing/ranking.ts';
import type { Ctx } from '../../context.ts';
import { companyHolidays } from '../resources/capacity.service.ts';
import * as resourcesRepo from '../resources/resources.repository.ts';
import * as skillsRepo from '../resources/skills.repository.ts';
import * as requestsRepo from '../resources/staffing.repository.ts';
import { heldSkills, periodEdges, periodLoad, ratesOn } from './availability.ts';

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Candidates for a resource request, ranked by skill fit, availability over the request's
 * period and cost, with the reasons. Everything is read set-wise (five statements whatever the
 * number of people) and ranked in `core/staffing/ranking.ts`.
 */
export async function candidates(
  ctx: Ctx,
  requestId: string,
  q: z.infer<typeof CandidateQuery>,
): Promise<CandidateList> {
  const db = ctx.db;
  const request = await requestsRepo.findRequest(db, requestId);
  if (!request) {
    throw new DomainError('RESOURCE_REQUEST_NOT_FOUND', `No resource request ${requestId}`);
  }
  const fromDay = toEpochDay(request.start);
  const toDay = toEpochDay(request.finish) + 1;
  const load = await periodLoad(db, periodEdges(fromDay, toDay, false));
  const skillIds = request.skills.map((s) => s.skillId);
  const held = await heldSkills(db, skillIds, request.start);
  const rates = await ratesOn(db, request.start);
  const linked = new Set(
    (await requestsRepo.allocationsOf(db, [requestId])).map((a) => a.personId),
  );
  const roles = new Map((await resourcesRepo.listRoles(db)).map((r) => [r.id, r.name]));
  const skillNames = new Map((await skillsRepo.listSkills(db)).map((s) => [s.id, s.name]));

  const days = workingDays(
    fromDay,
    toDay,
    companyHolidays(request.start.slice(0, 4), request.finish.slice(0, 4)),
  );
  const need = hoursNeeded({ unit: request.unit as 'hours' | 'fte', amount: request.amount }, days);
  const empty = new Map<string, { level: number; expired: boolean }>();
  const inputs: RankInput[] = load.people.map((p, i) => ({
    id: p.id,
    roleId: load.profiles.get(p.id)?.roleId ?? null,
    skills: held.get(p.id) ?? empty,
    capacityHours: load.capacity[i]!,
    absenceHours: load.absence[i]!,
    loadHours: load.load[i]!,
    rateMinor: rates.get(p.id)?.rateMinor ?? null,
  }));
  const weights = { skills: q.wSkills, availability: q.wAvailability, cost: q.wCost };
  const ranked = rankCandidates(
    { skills: request.skills, roleId: request.roleId, hoursNeeded: need },
    inputs,
    { weights, limit: q.limit, qualifiedOnly: q.qualifiedOnly },
  );
  const position = new Map(load.people.map((p, i) => [p.id, i]));
  return {
    requestId,
    start: request.start,
    finish: request.finish,
    workingDays: days,
    hoursNeeded: round1(need),
    weights,
    total: ranked.total,
    items: ranked.items.map((r) => {
      const i = position.get(r.id)!;
      const p = load.people[i]!;
      const roleId = load.profiles.get(p.id)?.roleId ?? null;
      const rate = rates.get(p.id);
      return {
        person: { id: p.id, name: p.name },
        jobTitle: p.jobTitle,
        orgUnit: p.orgUnit,
        role: roleId ? { id: roleId, name: roles.get(roleId) ?? '' } : null,
        score: r.score,
        fit: r.fit,
        availability: r.availability,
        cost: r.cost,
        qualified: r.qualified,
        capacityHours: round1(load.capacity[i]!),
        loadHours: round1(load.load[i]!),
        freeHours: r.freeHours,
        rateMinor: rate?.rateMinor ?? null,
        currency: rate?.currency ?? null,
        allocated: linked.has(p.id),
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
  const load = await periodLoad(db, edges);
  const held = q.skillId ? await heldSkills(db, [q.skillId], q.from) : null;
  const roles = new Map((await resourcesRepo.listRoles(db)).map((r) => [r.id, r.name]));
  const teams = new Map((await resourcesRepo.listTeams(db)).map((r) => [r.id, r.name]));
  const B = load.buckets;
  const found: Bench['items'] = [];
  let free = 0;
  load.people.forEach((p, i) => {
    if (q.orgUnitId && p.orgUnit?.id !== q.orgUnitId) return;
    const profile = load.profiles.get(p.id);
    if (q.teamId && profile?.teamId !== q.teamId) return;
    const level = held ? (held.get(p.id)?.get(q.skillId!)?.level ?? 0) : null;
    if (level !== null && level < q.minLevel) return;
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
    const freeHours = Math.max(0, capacity - committed);
    free += freeHours;
    found.push({
      person: { id: p.id, name: p.name },
      jobTitle: p.jobTitle,
      orgUnit: p.orgUnit,
      team: profile?.teamId ? { id: profile.teamId, name: teams.get(profile.teamId) ?? '' } : null,
      role: profile?.roleId ? { id: profile.roleId, name: roles.get(profile.roleId) ?? '' } : null,
      capacityHours: round1(capacity),
      loadHours: round1(committed),
      freeHours: round1(freeHours),
      utilisation: Math.round(utilisation),
      skillLevel: level,
      weeks,
    });
  });
  found.sort(
    (a, b) =>
      b.freeHours - a.freeHours ||
      a.person.name.localeCompare(b.person.name, 'fr') ||
      (a.person.id < b.person.id ? -1 : 1),
  );
  const weekStarts = Array.from(edges.subarray(0, B), (d) => fromEpochDay(d));
  return {
    from: q.from,
    to: q.to,
    weekStarts,
    total: found.length,
    freeHours: round1(free),
    items: found.slice(0, q.limit),
  };
}
