import { fromEpochDay, toEpochDay } from '../../core/calendar/days.ts';
import type { Actor } from '../../core/platform/actor.ts';
import type { Ctx } from '../context.ts';
import { listOrgUnits, peopleDirectory, updatePerson } from '../modules/org/org.service.ts';
import { getPlan } from '../modules/planning/planning.service.ts';
import { createUser } from '../modules/platform/users.service.ts';
import {
  type BulkResources,
  bulkLoad,
  createRole,
  createTeam,
} from '../modules/resources/resources.service.ts';
import { DEMO_TODAY, type DemoPlanProject } from './demo-planning.ts';

// The demo's resources: generic roles with default rates, teams per department, part-time
// contracts (80 % with Wednesdays off, 90 %, 50 %), dated cost rates (a raise on 1 July),
// absences around the end of the year (approved Christmas leave, pending requests, RTT,
// training, sick leave), allocations of the people to the live projects — a few DSI experts
// are booked on two projects at once, so the heat map shows over-allocations — and task
// assignments on the "Réalisation" phase of the plans.

const ROLES: [code: string, name: string, rate: number][] = [
  ['CDP', 'Chef de projet', 7500],
  ['DEV', 'Développeur', 5500],
  ['ARCHI', 'Architecte', 8500],
  ['AF', 'Analyste fonctionnel', 6000],
  ['DEVOPS', 'Ingénieur DevOps', 6500],
  ['SECU', 'Expert sécurité', 8000],
  ['METIER', 'Expert métier', 6000],
  ['PMO', 'Analyste PMO', 6000],
  ['DIR', 'Direction', 12000],
];

const ROLE_OF_TITLE: [RegExp, string][] = [
  [/chef de projet|responsable pmo/i, 'CDP'],
  [/développeur/i, 'DEV'],
  [/architecte/i, 'ARCHI'],
  [/analyste fonctionnel/i, 'AF'],
  [/devops/i, 'DEVOPS'],
  [/sécurité/i, 'SECU'],
  [/analyste pmo/i, 'PMO'],
  [/directeur|directrice/i, 'DIR'],
];

const TEAMS: [code: string, name: string, depts: string[]][] = [
  ['ETUDES', 'Pôle Études et développement', []],
  ['INFRA', 'Pôle Infrastructure et sécurité', []],
  ['PMO', 'Bureau des projets', ['PMO']],
  ['FIN', 'Équipe Finance', ['DAF']],
  ['RH', 'Équipe RH', ['DRH']],
  ['COM', 'Équipe Commerce et marketing', ['DCOM']],
  ['OPS', 'Équipe Opérations', ['DOPS']],
  ['JUR', 'Équipe Juridique et conformité', ['DJUR']],
  ['DIR', 'Direction générale', ['DG']],
];

const FULL = [7, 7, 7, 7, 7, 0, 0];
const PART_80 = [7, 7, 0, 7, 7, 0, 0];
const PART_90 = [7, 7, 7, 7, 3.5, 0, 0];
const PART_50 = [7, 7, 3.5, 0, 0, 0, 0];

const addDays = (date: string, days: number) => fromEpochDay(toEpochDay(date) + days);
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

/** The demo resource manager's account (added to the demo accounts). */
export const RESOURCE_MANAGER = {
  title: 'Responsable des ressources',
  what: 'responsable des ressources : capacité, absences, affectations',
};

export async function seedDemoResources(
  ctx: Ctx,
  actor: Actor,
  projects: DemoPlanProject[],
  password: string,
) {
  const units = new Map((await listOrgUnits(ctx)).items.map((u) => [u.id, u.code]));
  const people = await peopleDirectory(ctx.db);
  const dept = (p: (typeof people)[number]) => (p.orgUnit ? (units.get(p.orgUnit.id) ?? '') : '');

  const roles = new Map<string, string>();
  for (const [code, name, rate] of ROLES) {
    roles.set(
      code,
      (await createRole(ctx, actor, { code, name, defaultRateMinor: rate, currency: 'EUR' })).id,
    );
  }
  const teams = new Map<string, string>();
  for (const [code, name] of TEAMS) {
    teams.set(code, (await createTeam(ctx, actor, { code, name })).id);
  }

  // The resource manager: a PMO analyst with an account of that role.
  const rm = people.find((p) => dept(p) === 'PMO' && /analyste pmo/i.test(p.jobTitle ?? ''))!;
  await updatePerson(ctx, actor, rm.id, 1, { jobTitle: RESOURCE_MANAGER.title });
  const email = `${rm.firstName}.${rm.lastName}@exemple.fr`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  await createUser(ctx, actor, {
    email,
    name: rm.name,
    role: 'resource_manager',
    password,
    personId: rm.id,
  });

  const data: BulkResources = {
    profiles: [],
    rates: [],
    absences: [],
    allocations: [],
    assignments: [],
  };
  const roleCode = new Map<string, string>();
  people.forEach((p, i) => {
    const d = dept(p);
    const title = p.jobTitle ?? '';
    const code = ROLE_OF_TITLE.find(([re]) => re.test(title))?.[1] ?? 'METIER';
    roleCode.set(p.id, code);
    const team =
      d === 'DSI'
        ? /devops|sécurité|architecte/i.test(title)
          ? 'INFRA'
          : 'ETUDES'
        : (TEAMS.find(([, , depts]) => depts.includes(d))?.[0] ?? 'PMO');
    const week = i % 11 === 3 ? PART_80 : i % 17 === 5 ? PART_90 : i % 37 === 20 ? PART_50 : FULL;
    data.profiles.push({
      personId: p.id,
      roleId: roles.get(code)!,
      teamId: teams.get(team)!,
      weekHours: week,
    });
    // Two thirds have their own rate; a third of those got a raise on 1 July.
    if (i % 3 !== 2) {
      const base = (ROLES.find(([c]) => c === code)?.[2] ?? 6000) + ((i * 37) % 9) * 100 - 400;
      data.rates.push({ personId: p.id, validFrom: '2026-01-01', rateMinor: base });
      if (i % 3 === 0)
        data.rates.push({ personId: p.id, validFrom: '2026-07-01', rateMinor: base + 300 });
    }
    // Absences around the demo's today.
    if (i % 3 === 0) {
      data.absences.push({
        personId: p.id,
        kind: 'conges',
        start: '2026-12-21',
        finish: '2027-01-01',
        status: 'approved',
        comment: 'Congés de fin d’année',
      });
    } else if (i % 7 === 1) {
      data.absences.push({
        personId: p.id,
        kind: 'conges',
        start: '2026-12-28',
        finish: '2027-01-08',
        status: 'requested',
        comment: 'Vacances en famille',
      });
    }
    if (i % 5 === 2) {
      const day = addDays(DEMO_TODAY, 8 + (i % 4) * 7);
      data.absences.push({
        personId: p.id,
        kind: 'rtt',
        start: day,
        finish: day,
        status: i % 2 ? 'approved' : 'requested',
      });
    }
    if (i % 13 === 4) {
      const start = addDays(DEMO_TODAY, 12);
      data.absences.push({
        personId: p.id,
        kind: 'formation',
        start,
        finish: addDays(start, 2),
        status: 'approved',
        comment: 'Formation Scrum Master',
      });
    }
    if (i % 19 === 7) {
      data.absences.push({
        personId: p.id,
        kind: 'maladie',
        start: addDays(DEMO_TODAY, -3),
        finish: addDays(DEMO_TODAY, 4),
        status: 'approved',
      });
    }
  });

  // Allocations over the live part of each project, from three months ago to next summer.
  const windowStart = addDays(DEMO_TODAY, -90);
  const windowEnd = addDays(DEMO_TODAY, 240);
  const byDept = (d: string) => people.filter((p) => dept(p) === d && p.id !== rm.id);
  const dsi = byDept('DSI');
  const business = people.filter((p) => !['DSI', 'DG', 'PMO'].includes(dept(p)));
  const live = projects.filter(
    (p) => (p.status === 'active' || p.status === 'proposed') && p.end >= windowStart,
  );
  live.forEach((project, k) => {
    const start = maxDate(project.start, windowStart);
    const finish = minDate(project.end, windowEnd);
    if (finish < start) return;
    const soft = project.status === 'proposed' || k % 4 === 3;
    if (project.managerId) {
      data.allocations.push({
        personId: project.managerId,
        projectId: project.id,
        start,
        finish,
        unit: 'percent',
        amount: 30,
        status: 'hard',
        note: 'Pilotage du projet',
      });
    }
    // One developer of the DSI and one business expert from the other departments.
    const team = [dsi[k % dsi.length]!, business[(k * 2 + 3) % business.length]!];
    team.forEach((person, j) => {
      data.allocations.push({
        personId: person.id,
        projectId: project.id,
        start,
        finish,
        unit: 'hours',
        amount: j === 0 ? 14 : 7,
        status: soft ? 'soft' : 'hard',
        note: j === 0 ? 'Réalisation' : 'Expertise métier et recette',
      });
    });
  });
  // Experts in demand: booked on three more projects for the first quarter.
  const experts = dsi.filter((p) => /architecte|sécurité/i.test(p.jobTitle ?? '')).slice(0, 3);
  experts.forEach((person, j) => {
    for (const project of live.slice(j * 2, j * 2 + 3)) {
      data.allocations.push({
        personId: person.id,
        projectId: project.id,
        start: addDays(DEMO_TODAY, 4),
        finish: addDays(DEMO_TODAY, 95),
        unit: 'hours',
        amount: 14,
        status: j === 0 ? 'soft' : 'hard',
        note: 'Expertise demandée par le projet',
      });
    }
  });

  // Task assignments on the "Réalisation" leaves of the live plans.
  for (const [k, project] of live.slice(0, 10).entries()) {
    const plan = await getPlan(ctx, actor, project.id);
    const realisation = plan.tasks.find((t) => t.kind === 'summary' && t.name === 'Réalisation');
    if (!realisation) continue;
    const leaves = plan.tasks.filter((t) => t.parentId === realisation.id && t.kind === 'task');
    leaves.forEach((task, j) => {
      const person = dsi[(k + j) % dsi.length]!;
      data.assignments.push({
        taskId: task.id,
        projectId: project.id,
        personId: person.id,
        effortHours: Math.round(task.duration * 7 * 0.25),
      });
    });
  }

  await assignPerformanceTests(ctx, actor, projects, data);

  await bulkLoad(ctx, actor, data);
  return {
    account: {
      email,
      name: rm.name,
      role: 'resource_manager' as const,
      what: RESOURCE_MANAGER.what,
    },
  };
}

/**
 * A conflict that portfolio leveling resolves (Ressources › Simulation, PTF-NUM): the engineer
 * booked on building the data platform (PRJ-2026-004, high priority) runs its performance tests
 * in January and is also named on those of the data governance project (PRJ-2026-004-B, medium
 * priority, about six weeks of float), which start while the first are still running — 4 h a
 * day each, 8 h a day on the overlap. Leveling delays the lower-priority tests until the first
 * end, within their float: the project's finish does not move.
 */
async function assignPerformanceTests(
  ctx: Ctx,
  actor: Actor,
  projects: DemoPlanProject[],
  data: BulkResources,
) {
  const HOURS_PER_DAY = 4;
  const platform = projects.find((p) => p.code === 'PRJ-2026-004');
  const governance = projects.find((p) => p.code === 'PRJ-2026-004-B');
  const engineer = data.allocations.find(
    (a) => a.projectId === platform?.id && a.note === 'Réalisation' && a.status === 'hard',
  )?.personId;
  if (!platform || !governance || !engineer) return;
  for (const project of [platform, governance]) {
    const plan = await getPlan(ctx, actor, project.id);
    const task = plan.tasks.find((t) => t.kind === 'task' && t.name === 'Tests de performance');
    if (!task) continue;
    data.assignments.push({
      taskId: task.id,
      projectId: project.id,
      personId: engineer,
      effortHours: task.duration * HOURS_PER_DAY,
    });
  }
}
