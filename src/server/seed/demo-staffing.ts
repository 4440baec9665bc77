import type { Actor } from '../../core/platform/actor.ts';
import { sql } from 'drizzle-orm';
import { postSessionCost } from '../modules/staffing/postings.service.ts';
import type { Ctx } from '../context.ts';
import { queryRows } from '../db/client.ts';
import * as resourcesRepo from '../modules/resources/resources.repository.ts';
import { decideAbsence, requestAbsence } from '../modules/resources/resources.service.ts';
import * as skillsRepo from '../modules/resources/skills.repository.ts';
import { answerRequest, createRequest } from '../modules/resources/staffing.service.ts';
import { heldSkills } from '../modules/staffing/availability.ts';
import { candidates } from '../modules/staffing/staffing.service.ts';
import {
  cancelSession,
  createCourse,
  createGoal,
  createSession,
  enrol,
  listEnrolments,
  listSessions,
  transitionEnrolment,
  updateSession,
} from '../modules/staffing/training.service.ts';
import type { DemoPlanProject } from './demo-planning.ts';

// The demo's resource requests: what the active projects ask the resource managers for in the
// coming months (cloud architect, React developers, SAP FI expert, ISO 27001, Power BI, an agile
// project lead), through the services; two are answered with the first candidate of the
// staffing ranking, so the inbox shows every status.

interface DemoRequest {
  role: string | null;
  skills: [code: string, minLevel: number][];
  start: string;
  finish: string;
  unit: 'fte' | 'hours';
  amount: number;
  priority: 'low' | 'medium' | 'high' | 'critical';
  comment: string;
  submit: boolean;
  /** Answer with the best-ranked candidate: this share (%) as a proposed allocation. */
  answer?: number;
}

const REQUESTS: DemoRequest[] = [
  {
    role: 'ARCHI',
    skills: [
      ['ARCHI-CLOUD', 4],
      ['ARCHI-MICRO', 3],
    ],
    start: '2027-01-04',
    finish: '2027-06-30',
    unit: 'fte',
    amount: 0.5,
    priority: 'high',
    comment: 'Architecte cloud pour la migration des applications clients vers Azure',
    submit: true,
  },
  {
    role: 'DEV',
    skills: [
      ['DEV-TS', 3],
      ['DEV-TEST', 2],
    ],
    start: '2027-01-11',
    finish: '2027-04-30',
    unit: 'fte',
    amount: 1,
    priority: 'high',
    comment: 'Développeur React pour le nouvel espace client',
    submit: true,
  },
  {
    role: null,
    skills: [
      ['SAP-FI', 4],
      ['SAP-CO', 3],
    ],
    start: '2027-02-01',
    finish: '2027-07-30',
    unit: 'fte',
    amount: 0.8,
    priority: 'critical',
    comment: 'Expert SAP FI/CO pour la refonte du plan de comptes',
    submit: true,
  },
  {
    role: null,
    skills: [['CYBER-ISO', 4]],
    start: '2027-01-04',
    finish: '2027-03-31',
    unit: 'hours',
    amount: 14,
    priority: 'medium',
    comment: 'Accompagnement ISO 27001 avant l’audit de certification',
    submit: true,
    answer: 20,
  },
  {
    role: 'CDP',
    skills: [['GDP-AGILE', 3]],
    start: '2026-12-07',
    finish: '2027-05-28',
    unit: 'fte',
    amount: 0.5,
    priority: 'high',
    comment: 'Chef de projet agile pour piloter le train de livraisons',
    submit: true,
    answer: 50,
  },
  {
    role: null,
    skills: [
      ['DATA-BI', 3],
      ['DEV-SQL', 3],
    ],
    start: '2027-03-01',
    finish: '2027-06-30',
    unit: 'fte',
    amount: 1,
    priority: 'medium',
    comment: 'Tableaux de bord Power BI du pilotage commercial (à confirmer au prochain COPIL)',
    submit: false,
  },
];

export async function seedDemoStaffing(ctx: Ctx, actor: Actor, planned: DemoPlanProject[]) {
  const skillId = new Map((await skillsRepo.listSkills(ctx.db)).map((s) => [s.code, s.id]));
  const roleId = new Map((await resourcesRepo.listRoles(ctx.db)).map((r) => [r.code, r.id]));
  const projects = planned.filter((p) => p.status === 'active' && p.end >= '2027-01-01');
  if (projects.length === 0) return;
  for (const [i, r] of REQUESTS.entries()) {
    const project = projects[(i * 3) % projects.length]!;
    const skills = r.skills.flatMap(([code, minLevel]) => {
      const id = skillId.get(code);
      return id ? [{ skillId: id, minLevel }] : [];
    });
    const request = await createRequest(ctx, actor, project.id, {
      roleId: r.role ? (roleId.get(r.role) ?? null) : null,
      personId: null,
      skills,
      start: r.start,
      finish: r.finish,
      unit: r.unit,
      amount: r.amount,
      priority: r.priority,
      comment: r.comment,
      submit: r.submit,
    });
    if (!r.answer) continue;
    const ranked = await candidates(ctx, request.id, {
      limit: 1,
      qualifiedOnly: false,
      wSkills: 50,
      wAvailability: 35,
      wCost: 15,
    });
    const best = ranked.items[0];
    if (!best) continue;
    await answerRequest(ctx, actor, request.id, request.version, {
      personId: best.person.id,
      status: 'soft',
      unit: 'percent',
      amount: r.answer,
    });
  }
}

const COURSES: {
  code: string;
  title: string;
  provider: string;
  skill: string;
  level: number;
  hours: number;
  cost: number;
  format: 'presentiel' | 'distanciel' | 'elearning' | 'mixte';
  sessions: [start: string, finish: string, seats: number, place: string][];
}[] = [
  {
    code: 'ISO27001-LI',
    title: 'ISO 27001 Lead Implementer',
    provider: 'AFNOR Compétences',
    skill: 'CYBER-ISO',
    level: 4,
    hours: 35,
    cost: 3_450_00,
    format: 'presentiel',
    sessions: [
      ['2026-10-12', '2026-10-16', 6, 'La Défense'],
      ['2027-01-18', '2027-01-22', 8, 'La Défense'],
    ],
  },
  {
    code: 'PBI-AVANCE',
    title: 'Power BI avancé : modélisation et DAX',
    provider: 'Orsys',
    skill: 'DATA-BI',
    level: 4,
    hours: 21,
    cost: 1_890_00,
    format: 'distanciel',
    sessions: [['2027-02-08', '2027-02-10', 10, 'Classe virtuelle']],
  },
  {
    code: 'SAP-FI-FOND',
    title: 'SAP S/4HANA Finance : les fondamentaux',
    provider: 'SAP Training',
    skill: 'SAP-FI',
    level: 3,
    hours: 35,
    cost: 2_950_00,
    format: 'mixte',
    sessions: [['2027-03-15', '2027-03-19', 8, 'Lyon']],
  },
  {
    code: 'PSM-I',
    title: 'Scrum Master (préparation PSM I)',
    provider: 'Scrum.org',
    skill: 'GDP-AGILE',
    level: 3,
    hours: 14,
    cost: 1_200_00,
    format: 'presentiel',
    sessions: [['2026-12-14', '2026-12-15', 12, 'Paris']],
  },
];

/**
 * The demo's training: four courses of the catalogue with their sessions; the ISO 27001 gap
 * met by a completed session (levels raised) and a coming one (enrolments approved or waiting),
 * and development plans for the people enrolled.
 */
export async function seedDemoTraining(ctx: Ctx, actor: Actor) {
  const skillId = new Map((await skillsRepo.listSkills(ctx.db)).map((s) => [s.code, s.id]));
  for (const c of COURSES) {
    const skill = skillId.get(c.skill);
    if (!skill) continue;
    const course = await createCourse(ctx, actor, {
      code: c.code,
      title: c.title,
      provider: c.provider,
      skillId: skill,
      targetLevel: c.level,
      durationHours: c.hours,
      costMinor: c.cost,
      currency: 'EUR',
      format: c.format,
      description: '',
    });
    // People holding the skill below the level taught: the ones the course is for.
    const held = await heldSkills(ctx.db, [skill], '2026-11-26');
    const learners = [...held]
      .filter(([, m]) => (m.get(skill)?.level ?? 0) < c.level)
      .map(([id]) => id)
      .sort()
      .slice(0, 4);
    for (const [k, [start, finish, seats, place]] of c.sessions.entries()) {
      const session = await createSession(ctx, actor, {
        courseId: course.id,
        start,
        finish,
        seats,
        place,
      });
      const group = learners.slice(k * 2, k * 2 + 2);
      for (const [j, personId] of group.entries()) {
        const e = await enrol(ctx, actor, { sessionId: session.id, personId, comment: '' });
        if (finish < '2026-11-26') {
          await transitionEnrolment(ctx, actor, e.id, e.version, {
            action: 'complete',
            evaluation: 4 + (j % 2),
          });
        } else if (k === 0 && j === 0) {
          await createGoal(ctx, actor, personId, {
            skillId: skill,
            targetLevel: c.level,
            dueOn: '2027-06-30',
            courseId: course.id,
            note: 'Besoin identifié dans les écarts de compétences',
          });
        }
      }
    }
  }
  await seedSessionChanges(ctx, actor);
  await seedTrainingPostings(ctx, actor);
  await seedSickOnTraining(ctx, actor);
}

/**
 * A participant of the PSM I session off sick on its first day: allowed on a training day, the
 * enrolment shows the day missed (congés on that day would be refused, naming the training).
 */
async function seedSickOnTraining(ctx: Ctx, actor: Actor) {
  const psm = (await listSessions(ctx, {})).items.find(
    (s) => s.course.code === 'PSM-I' && s.status === 'planned',
  );
  if (!psm) return;
  const [first] = (await listEnrolments(ctx, actor, { sessionId: psm.id, mine: false })).items;
  if (!first) return;
  // Declared, waiting for the manager's approval (already counted as days missed).
  await requestAbsence(ctx, actor, {
    personId: first.person.id,
    kind: 'maladie',
    start: psm.start,
    finish: psm.start,
    dayFraction: 1,
    comment: 'Arrêt de travail',
  });
  // A participant of the October ISO 27001 session was off sick on its Tuesday: the enrolment,
  // completed, shows the day missed and the days attended.
  const iso = (await listSessions(ctx, {})).items.find(
    (s) => s.course.code === 'ISO27001-LI' && s.start === '2026-10-12',
  );
  const done = iso
    ? (await listEnrolments(ctx, actor, { sessionId: iso.id, mine: false })).items
    : [];
  const second = done.find((e) => e.status === 'completed' && e.id !== done[0]?.id);
  if (second) {
    const sick = await requestAbsence(ctx, actor, {
      personId: second.person.id,
      kind: 'maladie',
      start: '2026-10-13',
      finish: '2026-10-13',
      dayFraction: 1,
      comment: 'Arrêt de travail',
    });
    if (sick.status === 'requested') {
      await decideAbsence(ctx, actor, sick.id, sick.version, { decision: 'approve' });
    }
  }
}

/**
 * Training costs in project budgets: the completed ISO 27001 session as an actual cost and the
 * PSM I session as a commitment, on the first project's external services line (through the
 * finance service, like a finance controller would).
 */
async function seedTrainingPostings(ctx: Ctx, actor: Actor) {
  const [line] = await queryRows<{ id: string; project_id: string }>(
    ctx.db,
    sql`select l.id, l.project_id from budget_lines l join projects p on p.id = l.project_id
        where l.category = 'external_services' order by p.code, l.position limit 1`,
  );
  if (!line) return;
  const sessions = (await listSessions(ctx, {})).items.filter((s) => s.status === 'planned');
  const iso = sessions.find((s) => s.course.code === 'ISO27001-LI' && s.finish < '2026-11-26');
  const psm = sessions.find((s) => s.course.code === 'PSM-I');
  for (const [session, kind] of [
    [iso, 'actual'],
    [psm, 'commitment'],
  ] as const) {
    if (!session || session.taken === 0) continue;
    await postSessionCost(ctx, actor, session.id, {
      projectId: line.project_id,
      lineId: line.id,
      kind,
    });
  }
}

/**
 * A session moved (its people told, their « formation » absences following) and a session
 * cancelled for lack of participants (its enrolment and absence cancelled).
 */
async function seedSessionChanges(ctx: Ctx, actor: Actor) {
  const sessions = (await listSessions(ctx, {})).items;
  const psm = sessions.find((s) => s.course.code === 'PSM-I');
  if (psm) {
    await updateSession(ctx, actor, psm.id, psm.version, {
      start: '2026-12-16',
      finish: '2026-12-17',
      place: 'Paris — La Défense',
    });
  }
  const sap = sessions.find((s) => s.course.code === 'SAP-FI-FOND');
  if (!sap) return;
  const extra = await createSession(ctx, actor, {
    courseId: sap.course.id,
    start: '2027-05-10',
    finish: '2027-05-14',
    seats: 8,
    place: 'Nantes',
  });
  const enrolled = (await listEnrolments(ctx, actor, { sessionId: sap.id, mine: false })).items;
  const first = enrolled[0];
  if (first) {
    await enrol(ctx, actor, { sessionId: extra.id, personId: first.person.id, comment: '' });
  }
  const fresh = (await listSessions(ctx, { courseId: sap.course.id })).items.find(
    (s) => s.id === extra.id,
  )!;
  await cancelSession(ctx, actor, fresh.id, fresh.version, {
    reason: 'Pas assez d’inscrits : reportée à l’automne',
  });
}
