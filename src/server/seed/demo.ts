import { randomBytes } from 'node:crypto';
import type { Actor } from '../../core/platform/actor.ts';
import type { GlobalRole, ProjectRole } from '../../core/platform/permissions.ts';
import type { Ctx } from '../context.ts';
import { createOrgUnit, createPerson } from '../modules/org/org.service.ts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.ts';
import { createUser } from '../modules/platform/users.service.ts';
import {
  addMember,
  createPortfolio,
  createProgram,
  createProject,
} from '../modules/portfolio/portfolio.service.ts';
import { syncLabourActuals } from '../modules/finance/finance.labour.ts';
import { seedDemoGovernance } from './demo-governance.ts';
import { type DemoPlanProject, seedDemoPlans } from './demo-planning.ts';
import { seedDemoTime } from './demo-time.ts';
import { seedDemoReporting } from './demo-reporting.ts';
import { seedDemoScenarios } from './demo-scenarios.ts';
import { seedDemoStrategy } from './demo-strategy.ts';
import { seedDemoFinance } from './demo-finance.ts';
import { seedDemoEvm } from './demo-evm.ts';
import { seedDemoResources } from './demo-resources.ts';
import { seedDemoRaid } from './demo-raid.ts';
import { seedDemoSim } from './demo-sim.ts';
import { seedDemoRisks } from './demo-risks.ts';
import { seedDemoCopil } from './demo-copil.ts';
import { seedDemoSkills } from './demo-skills.ts';
import { seedDemoDash } from './demo-dash.ts';
import { seedDemoStaff } from './demo-staff.ts';
import { seedDemoStaffing, seedDemoTraining } from './demo-staffing.ts';
import { seedDemoMethods } from './demo-methods.ts';
import { seedDemoPortfolio } from './demo-portfolio.ts';
import {
  DEPARTMENTS,
  FIRST_NAMES,
  JOB_TITLES,
  LAST_NAMES,
  PORTFOLIOS,
  type DemoProject,
} from './demo-data.ts';

/** True when the database holds no account, person, portfolio or project: only then is the demo seeded. */
export async function isDatabaseEmpty(ctx: Ctx): Promise<boolean> {
  const [row] = await queryRows<{ used: boolean }>(
    ctx.db,
    sql`select exists (select 1 from users) or exists (select 1 from people)
          or exists (select 1 from portfolios) or exists (select 1 from projects) as used`,
  );
  return !row?.used;
}

/** The actor of seeding and jobs: an administrator that is not a user (audit shows no person). */
export const SYSTEM_ACTOR: Actor = {
  userId: 'system',
  name: 'Jalon',
  email: 'system@jalon.invalid',
  role: 'admin',
  personId: null,
};

export interface DemoAccount {
  email: string;
  name: string;
  role: GlobalRole;
  what: string;
}

export interface DemoResult {
  password: string;
  accounts: DemoAccount[];
  counts: {
    orgUnits: number;
    people: number;
    portfolios: number;
    programs: number;
    projects: number;
  };
}

const ACCOUNTS: {
  first: string;
  last: string;
  dept: string;
  title: string;
  role: GlobalRole;
  what: string;
}[] = [
  {
    first: 'Claire',
    last: 'Martin',
    dept: 'PMO',
    title: 'Responsable PMO',
    role: 'pmo',
    what: 'PMO : gouvernance, tout le portefeuille',
  },
  {
    first: 'Thomas',
    last: 'Bernard',
    dept: 'PMO',
    title: 'Chef de projet',
    role: 'member',
    what: 'chef de projet (CRM, DORA, Lean…)',
  },
  {
    first: 'Julie',
    last: 'Petit',
    dept: 'DSI',
    title: 'Analyste fonctionnel',
    role: 'member',
    what: 'contributrice sur deux projets',
  },
  {
    first: 'Nicolas',
    last: 'Durand',
    dept: 'DG',
    title: 'Directeur général',
    role: 'executive',
    what: 'direction, membre du COPIL',
  },
  {
    first: 'Sophie',
    last: 'Leroy',
    dept: 'DAF',
    title: 'Contrôleur de gestion',
    role: 'finance',
    what: 'contrôle de gestion',
  },
];

const emailOf = (first: string, last: string) =>
  `${first}.${last}@exemple.fr`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

/**
 * Seeds "Groupe Exemple" (8 departments, 80 people, 3 portfolios, 6 programmes, 30 projects)
 * through the services, so every record is validated and audited like a user's.
 * Refuses to run on a database that already holds accounts, people, portfolios or projects.
 */
export async function seedDemo(
  ctx: Ctx,
  opts: { password?: string | undefined; onProgress?: (step: string) => void } = {},
): Promise<DemoResult> {
  if (!(await isDatabaseEmpty(ctx)))
    throw new Error('The database already has data; the demo is only seeded on an empty one');
  const say = opts.onProgress ?? (() => undefined);
  const actor = SYSTEM_ACTOR;
  const password = opts.password ?? randomBytes(9).toString('base64url');

  say('départements');
  const units = new Map<string, string>();
  for (const d of DEPARTMENTS)
    units.set(d.code, (await createOrgUnit(ctx, actor, { code: d.code, name: d.name })).id);

  say('personnes');
  const people: { id: string; name: string; dept: string }[] = [];
  const byName = new Map<string, string>();
  for (const a of ACCOUNTS) {
    const person = await createPerson(ctx, actor, {
      firstName: a.first,
      lastName: a.last,
      email: emailOf(a.first, a.last),
      jobTitle: a.title,
      orgUnitId: units.get(a.dept)!,
    });
    people.push({ id: person.id, name: person.name, dept: a.dept });
    byName.set(`${a.first} ${a.last}`, person.id);
  }
  const heads = new Map<string, string>();
  for (let i = 0; people.length < 80; i++) {
    // Walks 300 distinct (first, last) pairs in a fixed, varied order.
    const first = FIRST_NAMES[i % 30]!;
    const last = LAST_NAMES[(7 * (i % 30) + 3 * Math.floor(i / 30) + 5) % 30]!;
    if (byName.has(`${first} ${last}`)) continue;
    const dept = DEPARTMENTS[i % DEPARTMENTS.length]!.code;
    const titles = JOB_TITLES[dept]!;
    const person = await createPerson(ctx, actor, {
      firstName: first,
      lastName: last,
      email: emailOf(first, last),
      jobTitle: titles[i % titles.length]!,
      orgUnitId: units.get(dept)!,
      managerId: heads.get(dept) ?? null,
    });
    if (!heads.has(dept)) heads.set(dept, person.id);
    people.push({ id: person.id, name: person.name, dept });
    byName.set(`${first} ${last}`, person.id);
  }

  say('comptes de démonstration');
  const accounts: DemoAccount[] = [];
  for (const a of ACCOUNTS) {
    const email = emailOf(a.first, a.last);
    await createUser(ctx, actor, {
      email,
      name: `${a.first} ${a.last}`,
      role: a.role,
      password,
      personId: byName.get(`${a.first} ${a.last}`)!,
    });
    accounts.push({ email, name: `${a.first} ${a.last}`, role: a.role, what: a.what });
  }

  say('portefeuilles, programmes et projets');
  const claire = byName.get('Claire Martin')!;
  const thomas = byName.get('Thomas Bernard')!;
  const julie = byName.get('Julie Petit')!;
  const nicolas = byName.get('Nicolas Durand')!;
  const accountIds = new Set(ACCOUNTS.map((a) => byName.get(`${a.first} ${a.last}`)!));
  const pick = (dept: string, k: number) => {
    // The demo accounts' roles are set by hand below; random picks never give them more.
    const inDept = people.filter((x) => x.dept === dept && !accountIds.has(x.id));
    return inDept[k % inDept.length]!.id;
  };
  const thomasRuns = new Set(['PRJ-2026-001', 'PRJ-2026-008', 'PRJ-2026-015', 'PRJ-2026-022']);
  const julieHelps = new Set(['PRJ-2026-001', 'PRJ-2026-004']);
  let programs = 0;
  let projects = 0;
  const planned: DemoPlanProject[] = [];
  let k = 0;
  const addProject = async (
    dp: DemoProject | Omit<DemoProject, 'children'>,
    portfolioId: string,
    programId: string | null,
    parentId: string | null,
  ) => {
    k++;
    const managerId = thomasRuns.has(dp.code) ? thomas : pick(dp.dept, k);
    const project = await createProject(ctx, actor, {
      code: dp.code,
      name: dp.name,
      description: dp.description,
      portfolioId,
      programId,
      parentId,
      sponsorId: dp.priority === 'critical' ? nicolas : pick('DG', k),
      managerId,
      orgUnitId: units.get(dp.dept)!,
      status: dp.status,
      priority: dp.priority,
      plannedStart: dp.start,
      plannedEnd: dp.end,
      tags: dp.tags,
      customFields: {
        classeBudgetaire: dp.priority === 'critical' ? 'A' : 'B',
        reglementaire: dp.tags.some((t) => /DORA|NIS2|RGPD/.test(t)),
      },
    });
    projects++;
    planned.push({
      id: project.id,
      code: dp.code,
      status: dp.status,
      start: dp.start,
      end: dp.end,
      managerId,
    });
    const members: [string, ProjectRole][] = [
      [pick(dp.dept, k + 1), 'contributor'],
      [pick(dp.dept, k + 2), 'contributor'],
      [pick('PMO', k), 'reader'],
    ];
    if (julieHelps.has(dp.code)) members.push([julie, 'contributor']);
    const seen = new Set([managerId]);
    for (const [personId, role] of members) {
      if (seen.has(personId)) continue;
      seen.add(personId);
      await addMember(ctx, actor, project.id, { personId, role });
    }
    for (const child of 'children' in dp ? (dp.children ?? []) : [])
      await addProject(child, portfolioId, programId, project.id);
  };
  for (const pf of PORTFOLIOS) {
    const portfolio = await createPortfolio(ctx, actor, {
      code: pf.code,
      name: pf.name,
      description: pf.description,
      ownerId: claire,
    });
    for (const pg of pf.programs) {
      const program = await createProgram(ctx, actor, {
        code: pg.code,
        name: pg.name,
        description: pg.description,
        portfolioId: portfolio.id,
        managerId: pick('PMO', programs),
      });
      programs++;
      for (const dp of pg.projects) await addProject(dp, portfolio.id, program.id, null);
    }
    for (const dp of pf.projects) await addProject(dp, portfolio.id, null, null);
  }

  say('plannings');
  await seedDemoPlans(ctx, actor, planned);
  say('comptes rendus d’activité');
  await seedDemoTime(ctx, actor, { thomas, julie, claire });
  say('météo des projets et indicateurs');
  await seedDemoReporting(ctx, actor);
  say('demandes de projet');
  await seedDemoStrategy(ctx);
  await seedDemoScenarios(ctx);
  say('budgets');
  await seedDemoFinance(ctx, actor, planned);
  await seedDemoEvm(ctx, actor);
  say('gouvernance');
  await seedDemoGovernance(ctx, actor, planned, { claire, thomas, nicolas });
  say('politiques, rôles et retours d’expérience');
  await seedDemoMethods(ctx, actor, planned);
  say('ressources');
  accounts.push((await seedDemoResources(ctx, actor, planned, password)).account);
  await seedDemoStaff(ctx, actor);
  say('compétences');
  await seedDemoSkills(ctx, actor);
  say('demandes de ressources');
  await seedDemoStaffing(ctx, actor, planned);
  say('formations');
  await seedDemoTraining(ctx, actor);
  await seedDemoPortfolio(ctx);
  say('risques');
  await seedDemoRisks(ctx, actor, planned);
  say('packs COPIL et envois programmés');
  await seedDemoCopil(ctx, actor);
  say('problèmes, décisions, demandes de changement et actions');
  await seedDemoRaid(ctx, actor, planned);
  say('analyse de risque planning et coûts (Monte Carlo)');
  await seedDemoSim(ctx, actor, planned);
  say('coûts internes (CRA validés × taux)');
  await syncLabourActuals(ctx, actor);
  say('tableaux de bord (historique des KPI, indicateurs des projets)');
  await seedDemoDash(ctx);
  return {
    password,
    accounts,
    counts: {
      orgUnits: units.size,
      people: people.length,
      portfolios: PORTFOLIOS.length,
      programs,
      projects,
    },
  };
}
