import type { z } from 'zod';
import type {
  Breakdown,
  BreakdownQuery,
  CapacityCell,
  CapacityQuery,
  GroupBy,
  HeatMap,
  WhatIfBody,
  WhatIfResult,
} from '../../../contracts/resources.ts';
import { fromEpochDay, toEpochDay } from '../../../core/calendar/days.ts';
import { frenchPublicHolidayDays } from '../../../core/calendar/holidays-fr.ts';
import { OVER_EPSILON, aggregateWithTotal, roundHours } from '../../../core/resources/aggregate.ts';
import {
  type AbsenceSpan,
  type CapacityGrid,
  DEFAULT_WEEK_HOURS,
  type LoadSpan,
  bucketEdges,
  computeCapacity,
} from '../../../core/resources/capacity.ts';
import { ABSENCE_MARGIN_DAYS, fullDaysOff, workdayMask } from '../../../core/staff/workdays.ts';
import type { Ctx } from '../../context.ts';
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { projectRefs } from '../portfolio/portfolio.service.ts';
import * as repo from './resources.repository.ts';
import { allocationViews } from './resources.service.ts';

/** The company calendar's non-working days (French public holidays) of the given years, sorted. */
export function companyHolidays(fromYear: string | number, toYear: string | number): Int32Array {
  const days: number[] = [];
  for (let y = Number(fromYear); y <= Number(toYear); y++) days.push(...frenchPublicHolidayDays(y));
  return Int32Array.from(days).sort();
}

export type Params = Pick<
  z.infer<typeof CapacityQuery>,
  'from' | 'unit' | 'buckets' | 'includeSoft' | 'groupBy'
> & {
  teamId?: string | undefined;
  roleId?: string | undefined;
  orgUnitId?: string | undefined;
  overOnly: boolean;
  limit: number;
};

/** A person as the capacity views show them. */
export interface CapacityPerson {
  id: string;
  name: string;
  orgUnit: { id: string; name: string } | null;
}

/** Everything the engine needs, read set-wise (four reads of one snapshot, whatever the size). */
interface Snapshot {
  people: CapacityPerson[];
  profiles: Map<string, { roleId: string | null; teamId: string | null }>;
  edges: Int32Array;
  holidays: Int32Array;
  weekHours: Float64Array;
  absences: AbsenceSpan[];
  loads: LoadSpan[];
  projectIds: string[];
  personIndex: Map<string, number>;
}

const LOAD_KINDS = ['hours', 'percent', 'effort'] as const;

/**
 * The raw inputs of a window (wider by `margin` days for the loads, for shifted projects), in
 * one snapshot (`capacityColumns`): the people read (all active people, or those of `only`) with their names and
 * org units, their working weeks, absences and loads.
 */
export async function readInputs(
  db: Executor,
  p: { includeSoft: boolean },
  edges: Int32Array,
  margin = 0,
  projectIds?: readonly string[],
  only?: repo.PeopleFilter,
) {
  const fromDay = edges[0]!;
  const toDay = edges[edges.length - 1]!;
  // Wider than the window: the whole days of leave a task crossing its ends is spread around.
  const absenceFrom = fromDay - margin - ABSENCE_MARGIN_DAYS;
  const absenceTo = toDay + margin + ABSENCE_MARGIN_DAYS;
  const columns = await repo.capacityColumns(db, {
    from: fromEpochDay(fromDay - margin),
    to: fromEpochDay(toDay + margin),
    absenceFrom: fromEpochDay(absenceFrom),
    absenceTo: fromEpochDay(absenceTo),
    includeSoft: p.includeSoft,
    projectIds,
    only,
  });
  // Tasks reaching further than that (shifted by up to `margin`): their people's leave there.
  const l = columns.loads;
  const far: string[] = [];
  let lo = absenceFrom;
  let hi = absenceTo;
  for (let k = 0; k < l.p.length; k++) {
    if (l.k[k] !== 2) continue;
    const s = l.s[k]! - margin;
    const f = l.f[k]! + margin + 1;
    if (s >= absenceFrom && f <= absenceTo) continue;
    far.push(columns.people[l.p[k]!]!);
    lo = Math.min(lo, s);
    hi = Math.max(hi, f);
  }
  if (far.length) {
    const rowOf = new Map(columns.people.map((id, i) => [id, i]));
    const more = await repo.absencesBeyond(db, far, {
      from: fromEpochDay(lo),
      to: fromEpochDay(hi),
      readFrom: fromEpochDay(absenceFrom),
      readTo: fromEpochDay(absenceTo),
    });
    const ab = columns.absences;
    for (const x of more) {
      ab.p.push(rowOf.get(x.person)!);
      ab.s.push(x.s);
      ab.f.push(x.f);
      ab.d.push(x.d);
    }
  }
  const people: CapacityPerson[] = columns.people.map((id, i) => {
    const unit = columns.units[i];
    return {
      id,
      name: columns.names[i]!,
      orgUnit: unit ? { id: unit, name: columns.unitNames[i] ?? '' } : null,
    };
  });
  return { people, columns, edges };
}

export type Inputs = Awaited<ReturnType<typeof readInputs>>;

/** Typed arrays and spans for the engine, with some projects' loads shifted by days. */
export function toSnapshot(
  inputs: Inputs,
  shifts: ReadonlyMap<string, number> = new Map(),
): Snapshot {
  const { people, columns: c, edges } = inputs;
  const fromDay = edges[0]!;
  const toDay = edges[edges.length - 1]!;
  const personIndex = new Map<string, number>();
  people.forEach((x, i) => personIndex.set(x.id, i));
  // The statement's person index → the snapshot's (the same; −1 would leave one out).
  const local = Int32Array.from(c.people, (id) => personIndex.get(id) ?? -1);
  const profiles = new Map<string, { roleId: string | null; teamId: string | null }>();
  const weekHours = new Float64Array(people.length * 7);
  for (let i = 0; i < people.length; i++) weekHours.set(DEFAULT_WEEK_HOURS, i * 7);
  const pr = c.profiles;
  for (let k = 0; k < pr.p.length; k++) {
    const i = local[pr.p[k]!]!;
    if (i < 0) continue;
    profiles.set(people[i]!.id, { roleId: pr.r[k] ?? null, teamId: pr.t[k] ?? null });
    const w = pr.w[k]!;
    for (let d = 0; d < 7; d++) weekHours[i * 7 + d] = w[d] ?? 0;
  }
  const ab = c.absences;
  const absences: AbsenceSpan[] = [];
  for (let k = 0; k < ab.p.length; k++) {
    const person = local[ab.p[k]!]!;
    if (person < 0) continue;
    absences.push({ person, start: ab.s[k]!, finish: ab.f[k]!, fraction: ab.d[k]! });
  }
  // Shifts by project index.
  const shiftOf = new Int32Array(c.projects.length);
  if (shifts.size) c.projects.forEach((id, j) => (shiftOf[j] = shifts.get(id) ?? 0));
  const l = c.loads;
  const loads: LoadSpan[] = [];
  for (let k = 0; k < l.p.length; k++) {
    const person = local[l.p[k]!]!;
    if (person < 0) continue;
    const shift = shiftOf[l.j[k]!]!;
    const start = l.s[k]! + shift;
    const finish = l.f[k]! + shift;
    if (finish < fromDay || start >= toDay) continue;
    loads.push({
      person,
      project: l.j[k]!,
      start,
      finish,
      kind: LOAD_KINDS[l.k[k]!]!,
      amount: l.a[k]!,
      soft: l.sf[k] === 1,
    });
  }
  // A year either side, and as far as the tasks read: tasks crossing the window's ends are
  // spread over their own days.
  let first = fromDay - 366;
  let last = toDay + 366;
  for (const x of loads) {
    if (x.start < first) first = x.start;
    if (x.finish > last) last = x.finish;
  }
  const holidays = companyHolidays(fromEpochDay(first).slice(0, 4), fromEpochDay(last).slice(0, 4));
  return {
    people,
    profiles,
    edges,
    holidays,
    weekHours,
    absences,
    loads,
    projectIds: c.projects,
    personIndex,
  };
}

async function loadSnapshot(
  db: Executor,
  p: Params,
  shifts: ReadonlyMap<string, number> = new Map(),
  window?: Int32Array,
): Promise<Snapshot> {
  const edges = window ?? bucketEdges(toEpochDay(p.from), p.buckets, p.unit);
  let margin = 0;
  for (const d of shifts.values()) margin = Math.max(margin, Math.abs(d));
  // Only the people the view can show: those of its team, role or org unit filter.
  const only =
    p.teamId || p.roleId || p.orgUnitId
      ? { teamId: p.teamId, roleId: p.roleId, orgUnitId: p.orgUnitId }
      : undefined;
  return toSnapshot(await readInputs(db, p, edges, margin, undefined, only), shifts);
}

/** The group key and label of a person for a grouping, or undefined to leave them out. */
function groupKeys(
  s: Snapshot,
  groupBy: GroupBy,
  names: { roles: Map<string, string>; teams: Map<string, string> },
  filter: {
    teamId?: string | undefined;
    roleId?: string | undefined;
    orgUnitId?: string | undefined;
  },
) {
  const keys: string[] = [];
  const labels: string[] = [];
  const index = new Map<string, number>();
  const groupOf = new Int32Array(s.people.length).fill(-1);
  const none = '∅';
  s.people.forEach((person, i) => {
    const profile = s.profiles.get(person.id);
    if (filter.teamId && profile?.teamId !== filter.teamId) return;
    if (filter.roleId && profile?.roleId !== filter.roleId) return;
    if (filter.orgUnitId && person.orgUnit?.id !== filter.orgUnitId) return;
    let key: string;
    let label: string;
    switch (groupBy) {
      case 'person':
        key = person.id;
        label = person.name;
        break;
      case 'team':
        key = profile?.teamId ?? none;
        label = profile?.teamId ? (names.teams.get(profile.teamId) ?? '') : '';
        break;
      case 'role':
        key = profile?.roleId ?? none;
        label = profile?.roleId ? (names.roles.get(profile.roleId) ?? '') : '';
        break;
      case 'orgUnit':
        key = person.orgUnit?.id ?? none;
        label = person.orgUnit?.name ?? '';
        break;
    }
    let g = index.get(key);
    if (g === undefined) {
      g = keys.length;
      keys.push(key);
      labels.push(label);
      index.set(key, g);
    }
    groupOf[i] = g;
  });
  return { keys, labels, groupOf };
}

const cell = (
  capacity: number,
  allocated: number,
  soft: number,
  assigned: number,
  load: number,
  overPeople: number,
): CapacityCell => ({
  capacity: roundHours(capacity),
  allocated: roundHours(allocated),
  soft: roundHours(soft),
  assigned: roundHours(assigned),
  load: roundHours(load),
  remaining: roundHours(capacity - load),
  overPeople,
});

export async function names(db: Executor) {
  const roles = await repo.listRoles(db);
  const teams = await repo.listTeams(db);
  return {
    roles: new Map(roles.map((r) => [r.id, r.name])),
    teams: new Map(teams.map((t) => [t.id, t.name])),
  };
}

export function toHeatMap(
  s: Snapshot,
  grid: CapacityGrid,
  p: Params,
  n: { roles: Map<string, string>; teams: Map<string, string> },
): HeatMap {
  const { keys, labels, groupOf } = groupKeys(s, p.groupBy, n, p);
  const { rows, total: totals } = aggregateWithTotal(grid, groupOf, keys.length);
  const B = grid.buckets;
  let out = rows.map((r) => {
    let worst = 0;
    for (let b = 0; b < B; b++) worst = Math.max(worst, r.load[b]! - r.capacity[b]!);
    return { r, worst, over: r.overPeople.some((x) => x > 0) };
  });
  if (p.overOnly) out = out.filter((x) => x.over);
  // The most over-allocated first, then by label.
  out.sort(
    (a, b) =>
      Number(b.over) - Number(a.over) ||
      (p.groupBy === 'person' ? b.worst - a.worst : 0) ||
      labels[a.r.group]!.localeCompare(labels[b.r.group]!, 'fr'),
  );
  const buckets = [];
  for (let b = 0; b < B; b++) {
    buckets.push({ start: fromEpochDay(s.edges[b]!), finish: fromEpochDay(s.edges[b + 1]! - 1) });
  }
  return {
    unit: p.unit,
    groupBy: p.groupBy,
    buckets,
    totalRows: out.length,
    rows: out.slice(0, p.limit).map(({ r }) => ({
      key: keys[r.group]!,
      label: labels[r.group]!,
      people: r.people,
      cells: Array.from({ length: B }, (_, b) =>
        cell(
          r.capacity[b]!,
          r.allocated[b]!,
          r.soft[b]!,
          r.assigned[b]!,
          r.load[b]!,
          r.overPeople[b]!,
        ),
      ),
    })),
    totals: Array.from({ length: B }, (_, b) =>
      cell(
        totals.capacity[b]!,
        totals.allocated[b]!,
        totals.soft[b]!,
        totals.assigned[b]!,
        totals.load[b]!,
        totals.overPeople[b]!,
      ),
    ),
  };
}

/** Capacity vs demand by person, team, role or org unit over weeks or months. */
export async function heatMap(ctx: Ctx, query: Params): Promise<HeatMap> {
  const s = await loadSnapshot(ctx.db, query);
  const n = await names(ctx.db);
  return toHeatMap(s, computeCapacity(s), query, n);
}

/** The heat map as it is, and as it would be with some projects shifted: nothing is saved. */
export async function whatIf(ctx: Ctx, body: z.infer<typeof WhatIfBody>): Promise<WhatIfResult> {
  const shifts = new Map(body.shifts.map((x) => [x.projectId, x.days]));
  let margin = 0;
  for (const d of shifts.values()) margin = Math.max(margin, Math.abs(d));
  const edges = bucketEdges(toEpochDay(body.from), body.buckets, body.unit);
  const inputs = await readInputs(ctx.db, body, edges, margin);
  const n = await names(ctx.db);
  const before = toSnapshot(inputs);
  const after = toSnapshot(inputs, shifts);
  return {
    before: toHeatMap(before, computeCapacity(before), body, n),
    after: toHeatMap(after, computeCapacity(after), body, n),
  };
}

/**
 * Which projects make the load of a group over a period: per person and project, allocated
 * and assigned hours, with the allocations themselves (to confirm or change them).
 */
export async function breakdown(
  ctx: Ctx,
  query: z.infer<typeof BreakdownQuery>,
): Promise<Breakdown> {
  const fromDay = toEpochDay(query.from);
  const toDay = toEpochDay(query.to) + 1;
  const params: Params = {
    from: query.from,
    unit: 'week',
    buckets: 1,
    includeSoft: query.includeSoft,
    groupBy: query.groupBy,
    overOnly: false,
    limit: 1,
  };
  // One bucket covering exactly the requested period.
  const s = await loadSnapshot(ctx.db, params, new Map(), Int32Array.of(fromDay, toDay));
  const { keys, groupOf } = groupKeys(s, query.groupBy, await names(ctx.db), {});
  const g = keys.indexOf(query.key);
  const members = new Set<number>();
  if (g >= 0) groupOf.forEach((x, i) => x === g && members.add(i));
  // Recompute for the group's people only, one project at a time, to attribute the load.
  const memberList = [...members];
  const local = new Map(memberList.map((p, i) => [p, i]));
  const weekHours = new Float64Array(memberList.length * 7);
  memberList.forEach((p, i) => weekHours.set(s.weekHours.subarray(p * 7, p * 7 + 7), i * 7));
  const absences = s.absences
    .filter((a) => local.has(a.person))
    .map((a) => ({ ...a, person: local.get(a.person)! }));
  const loads = s.loads
    .filter((l) => local.has(l.person))
    .map((l) => ({ ...l, person: local.get(l.person)! }));
  const all = computeCapacity({ edges: s.edges, holidays: s.holidays, weekHours, absences, loads });
  const byProject = new Map<number, LoadSpan[]>();
  for (const l of loads) {
    let list = byProject.get(l.project);
    if (!list) byProject.set(l.project, (list = []));
    list.push(l);
  }
  const projectIds = [...byProject.keys()].map((i) => s.projectIds[i]!);
  const refs = await projectRefs(ctx.db, projectIds);
  const allocationRows = memberList.length
    ? await repo.listAllocations(ctx.db, {
        personIds: memberList.map((p) => s.people[p]!.id),
        from: query.from,
        to: query.to,
      })
    : [];
  const refMap = new Map(refs.map((r) => [r.id, r]));
  const allocs = await allocationViews(
    ctx.db,
    allocationRows.filter((a) => query.includeSoft || a.status === 'hard'),
  );
  const items: Breakdown['items'] = [];
  for (const [project, spans] of byProject) {
    const grid = computeCapacity({
      edges: s.edges,
      holidays: s.holidays,
      weekHours,
      absences,
      loads: spans,
    });
    const projectId = s.projectIds[project]!;
    const ref = refMap.get(projectId);
    for (let i = 0; i < memberList.length; i++) {
      const load = grid.load[i]!;
      if (load <= 0) continue;
      const person = s.people[memberList[i]!]!;
      items.push({
        person: { id: person.id, name: person.name },
        project: { id: projectId, code: ref?.code ?? '', name: ref?.name ?? '' },
        allocated: roundHours(grid.allocated[i]!),
        soft: roundHours(grid.soft[i]!),
        assigned: roundHours(grid.assigned[i]!),
        load: roundHours(load),
        allocations: allocs.filter((a) => a.person.id === person.id && a.project.id === projectId),
      });
    }
  }
  items.sort((a, b) => a.person.name.localeCompare(b.person.name, 'fr') || b.load - a.load);
  return {
    people: memberList
      .map((p, i) => ({
        person: { id: s.people[p]!.id, name: s.people[p]!.name },
        capacity: roundHours(all.capacity[i]!),
        load: roundHours(all.load[i]!),
        over: all.load[i]! > all.capacity[i]! + OVER_EPSILON,
      }))
      .sort(
        (a, b) => Number(b.over) - Number(a.over) || b.load - b.capacity - (a.load - a.capacity),
      ),
    items,
  };
}

/**
 * Hours each of some people still has on each calendar day of `[fromDay, toDay)`: their
 * working week, less holidays and approved absences, less the load of every project but
 * `exceptProjectId` (one or several; allocations or task effort, the larger per project).
 * For leveling.
 */
export async function dailyAvailability(
  db: Executor,
  personIds: readonly string[],
  fromDay: number,
  toDay: number,
  exceptProjectId: string | readonly string[],
  includeSoft: boolean,
): Promise<Map<string, Float64Array>> {
  const out = new Map<string, Float64Array>();
  if (personIds.length === 0 || toDay <= fromDay) return out;
  const edges = new Int32Array(toDay - fromDay + 1);
  for (let i = 0; i < edges.length; i++) edges[i] = fromDay + i;
  // Only these people's week, absences and loads are read.
  const s = toSnapshot(
    await readInputs(db, { includeSoft }, edges, 0, undefined, { ids: personIds }),
  );
  const members = personIds
    .map((id) => s.personIndex.get(id))
    .filter((i): i is number => i !== undefined);
  const local = new Map(members.map((p, i) => [p, i]));
  const exceptIds = new Set(
    typeof exceptProjectId === 'string' ? [exceptProjectId] : exceptProjectId,
  );
  const except = new Set<number>();
  s.projectIds.forEach((id, j) => exceptIds.has(id) && except.add(j));
  const weekHours = new Float64Array(members.length * 7);
  members.forEach((p, i) => weekHours.set(s.weekHours.subarray(p * 7, p * 7 + 7), i * 7));
  const grid = computeCapacity({
    edges,
    holidays: s.holidays,
    weekHours,
    absences: s.absences
      .filter((a) => local.has(a.person))
      .map((a) => ({ ...a, person: local.get(a.person)! })),
    loads: s.loads
      .filter((l) => !except.has(l.project) && local.has(l.person))
      .map((l) => ({ ...l, person: local.get(l.person)! })),
  });
  const B = grid.buckets;
  members.forEach((p, i) => {
    const row = new Float64Array(B);
    for (let b = 0; b < B; b++) {
      row[b] = Math.max(0, grid.capacity[i * B + b]! - grid.load[i * B + b]!);
    }
    out.set(s.people[p]!.id, row);
  });
  return out;
}

/**
 * For leveling: on which of `days` (epoch days, the leveling axis) each person works
 * (`core/staff/workdays.ts`): a day their week gives hours and not a whole day of approved leave
 * (merged absences: two half days make one), so a task's effort moves to their other days, as it
 * does for a part-timer's day off. One statement (their week and their approved absences).
 */
export async function workdayMasks(
  db: Executor,
  personIds: readonly string[],
  days: ArrayLike<number>,
): Promise<Uint8Array[]> {
  if (personIds.length === 0) return [];
  let first = Infinity;
  let last = -Infinity;
  for (let k = 0; k < days.length; k++) {
    first = Math.min(first, days[k]!);
    last = Math.max(last, days[k]!);
  }
  const ids = sql`${`{${personIds.join(',')}}`}::uuid[]`;
  const [row] = await queryRows<{ data: string }>(
    db,
    sql`select json_build_object(
          'weeks', (select coalesce(json_agg(json_build_array(person_id, week_hours)), '[]')
                    from resource_profiles where person_id = any(${ids})),
          'leave', (select coalesce(json_agg(json_build_array(x.person_id,
                      x.start - date '1970-01-01', x.finish - date '1970-01-01', x.day_fraction)), '[]')
                    from resource_absences x
                    where x.person_id = any(${ids}) and x.status = 'approved'
                      ${
                        days.length
                          ? sql`and x.start <= ${fromEpochDay(last)}::date
                                and x.finish >= ${fromEpochDay(first)}::date`
                          : sql``
                      })
        )::text as data`,
  );
  const data = JSON.parse(row!.data) as {
    weeks: [string, number[] | null][];
    leave: [string, number, number, number][];
  };
  const week = new Map(data.weeks);
  const index = new Map(personIds.map((id, i) => [id, i]));
  const off = fullDaysOff(
    data.leave.map(([id, start, finish, fraction]) => ({
      person: index.get(id)!,
      start,
      finish,
      fraction: Number(fraction),
    })),
  );
  return personIds.map((id, i) =>
    workdayMask(week.get(id) ?? DEFAULT_WEEK_HOURS, days, off.get(i)),
  );
}
