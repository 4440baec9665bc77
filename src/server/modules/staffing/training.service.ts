import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  CreateCourseBody,
  CreateEnrolmentBody,
  CreateGoalBody,
  CreateSessionBody,
  DevelopmentGoal,
  Enrolment,
  EnrolmentListQuery,
  EnrolmentTransitionBody,
  CancelSessionBody,
  SessionListQuery,
  TrainingCostQuery,
  TrainingCosts,
  TrainingCourse,
  TrainingSession,
  UpdateCourseBody,
  UpdateGoalBody,
  UpdateSessionBody,
} from '../../../contracts/staffing.ts';
import { DomainError } from '../../../core/errors.ts';
import { type Actor, userIdOf } from '../../../core/platform/actor.ts';
import { roleGrants } from '../../../core/platform/permissions.ts';
import { attendedSpans, sessionDaysWithin } from '../../../core/skills/attendance.ts';
import {
  type EnrolmentStatus,
  SEAT_HOLDERS,
  cancelledBySession,
  enrolmentTransition,
  goalStatusAfter,
  levelAfterCourse,
  sessionChangeNotifies,
  sessionChangeProblem,
} from '../../../core/staffing/training.ts';
import type { Ctx } from '../../context.ts';
import { type Executor, queryRows } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { type PersonBrief, peopleBriefs, peopleDirectory, personById } from '../org/org.service.ts';
import { type NotificationInput, notify } from '../notifications/notifications.service.ts';
import { recordAudit } from '../platform/audit.service.ts';
import * as skillsRepo from '../resources/skills.repository.ts';
import { assertEnrolmentsFit, personCalendars } from './absence-training.ts';
import { followSession } from './postings.service.ts';
import {
  developmentGoals,
  trainingCourses,
  trainingEnrolments,
  trainingSessions,
} from './staffing.tables.ts';

// Training: a catalogue of courses (the skill taught and the level reached), sessions with
// seats, enrolments requested → approved → attended → completed (completion raises the
// person's level in the skill, source "training", and closes the development goals it meets),
// and each person's development plan.

const canManage = (actor: Actor) => roleGrants(actor.role, 'resource.manage');
const canRead = (actor: Actor) => roleGrants(actor.role, 'resource.read');

function stale(current: unknown) {
  return new DomainError('VERSION_MISMATCH', 'Someone else changed this record', { current });
}
function forbidden() {
  return new DomainError('FORBIDDEN', 'Resource managers only', { permission: 'resource.manage' });
}

type CourseRow = typeof trainingCourses.$inferSelect;
type SessionRow = typeof trainingSessions.$inferSelect;
type EnrolmentRow = typeof trainingEnrolments.$inferSelect;
type GoalRow = typeof developmentGoals.$inferSelect;

async function skillNames(db: Executor) {
  return new Map((await skillsRepo.listSkills(db)).map((s) => [s.id, s.name]));
}

function courseView(r: CourseRow, skills: Map<string, string>): TrainingCourse {
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    provider: r.provider,
    skill: { id: r.skillId, name: skills.get(r.skillId) ?? '' },
    targetLevel: r.targetLevel,
    durationHours: r.durationHours,
    costMinor: Number(r.costMinor),
    currency: r.currency,
    format: r.format as TrainingCourse['format'],
    description: r.description,
    version: r.version,
  };
}
const courseFields = (r: CourseRow) => ({
  code: r.code,
  title: r.title,
  provider: r.provider,
  skillId: r.skillId,
  targetLevel: r.targetLevel,
  durationHours: r.durationHours,
  costMinor: Number(r.costMinor),
  currency: r.currency,
  format: r.format,
});

async function assertSkill(db: Executor, skillId: string | undefined) {
  if (skillId && !(await skillsRepo.findSkill(db, skillId))) {
    throw new DomainError('SKILL_NOT_FOUND', `No skill ${skillId}`, {
      issues: [{ path: ['body', 'skillId'], message: 'No such skill' }],
    });
  }
}
function duplicateCode(code: string) {
  return new DomainError('DUPLICATE_CODE', `The code ${code} is already used`, {
    issues: [{ path: ['body', 'code'], message: 'Already used' }],
  });
}

// ---------------------------------------------------------------- courses

export async function listCourses(ctx: Ctx) {
  const rows = await ctx.db.select().from(trainingCourses).orderBy(trainingCourses.title);
  const skills = await skillNames(ctx.db);
  return { items: rows.map((r) => courseView(r, skills)) };
}

async function courseOrThrow(db: Executor, id: string) {
  const [row] = await db.select().from(trainingCourses).where(eq(trainingCourses.id, id));
  if (!row) throw new DomainError('TRAINING_COURSE_NOT_FOUND', `No course ${id}`);
  return row;
}

export async function getCourse(ctx: Ctx, id: string) {
  return courseView(await courseOrThrow(ctx.db, id), await skillNames(ctx.db));
}

export async function createCourse(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreateCourseBody>,
) {
  try {
    const row = await ctx.db.transaction(async (tx) => {
      await assertSkill(tx, input.skillId);
      const [row] = await tx.insert(trainingCourses).values(input).returning();
      await recordAudit(tx, actor, {
        entityType: 'training_course',
        entityId: row!.id,
        entityLabel: row!.title,
        action: 'create',
        after: courseFields(row!),
      });
      return row!;
    });
    return courseView(row, await skillNames(ctx.db));
  } catch (err) {
    if (isUniqueViolation(err, 'training_courses_code_key')) throw duplicateCode(input.code);
    throw err;
  }
}

export async function updateCourse(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdateCourseBody>,
) {
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const before = await courseOrThrow(tx, id);
      if (before.version !== version) throw stale(courseView(before, await skillNames(tx)));
      await assertSkill(tx, input.skillId);
      const [after] = await tx
        .update(trainingCourses)
        .set({ ...input, version: sql`${trainingCourses.version} + 1`, updatedAt: new Date() })
        .where(and(eq(trainingCourses.id, id), eq(trainingCourses.version, version)))
        .returning();
      if (!after) throw stale(courseView(before, await skillNames(tx)));
      await recordAudit(tx, actor, {
        entityType: 'training_course',
        entityId: id,
        entityLabel: after.title,
        action: 'update',
        before: courseFields(before),
        after: courseFields(after),
      });
      return after;
    });
    return courseView(row, await skillNames(ctx.db));
  } catch (err) {
    if (input.code && isUniqueViolation(err, 'training_courses_code_key')) {
      throw duplicateCode(input.code);
    }
    throw err;
  }
}

// ---------------------------------------------------------------- sessions

async function sessionViews(db: Executor, rows: SessionRow[]): Promise<TrainingSession[]> {
  if (rows.length === 0) return [];
  const courses = new Map((await db.select().from(trainingCourses)).map((c) => [c.id, c] as const));
  const skills = await skillNames(db);
  const counts = await queryRows<{ session_id: string; taken: number; waiting: number }>(
    db,
    sql`select session_id,
               count(*) filter (where status in ('approved', 'attended', 'completed'))::int as taken,
               count(*) filter (where status = 'requested')::int as waiting
        from training_enrolments
        where session_id = any(${`{${rows.map((r) => r.id).join(',')}}`}::uuid[])
        group by session_id`,
  );
  const count = new Map(counts.map((c) => [c.session_id, c]));
  return rows.map((r) => {
    const c = courses.get(r.courseId)!;
    return {
      id: r.id,
      course: {
        id: c.id,
        code: c.code,
        title: c.title,
        skill: { id: c.skillId, name: skills.get(c.skillId) ?? '' },
        targetLevel: c.targetLevel,
      },
      start: r.start,
      finish: r.finish,
      seats: r.seats,
      place: r.place,
      status: r.status as TrainingSession['status'],
      taken: count.get(r.id)?.taken ?? 0,
      waiting: count.get(r.id)?.waiting ?? 0,
      version: r.version,
    };
  });
}

export async function listSessions(ctx: Ctx, q: z.infer<typeof SessionListQuery>) {
  const rows = await ctx.db
    .select()
    .from(trainingSessions)
    .where(q.courseId ? eq(trainingSessions.courseId, q.courseId) : undefined)
    .orderBy(trainingSessions.start);
  return { items: await sessionViews(ctx.db, rows) };
}

export async function getSession(ctx: Ctx, id: string) {
  return (await sessionViews(ctx.db, [await sessionOrThrow(ctx.db, id)]))[0]!;
}

async function sessionOrThrow(db: Executor, id: string) {
  const [row] = await db.select().from(trainingSessions).where(eq(trainingSessions.id, id));
  if (!row) throw new DomainError('TRAINING_SESSION_NOT_FOUND', `No session ${id}`);
  return row;
}

export async function createSession(
  ctx: Ctx,
  actor: Actor,
  input: z.infer<typeof CreateSessionBody>,
) {
  const row = await ctx.db.transaction(async (tx) => {
    const course = await courseOrThrow(tx, input.courseId).catch(() => {
      throw new DomainError('TRAINING_COURSE_NOT_FOUND', `No course ${input.courseId}`, {
        issues: [{ path: ['body', 'courseId'], message: 'No such course' }],
      });
    });
    const [row] = await tx.insert(trainingSessions).values(input).returning();
    await recordAudit(tx, actor, {
      entityType: 'training_session',
      entityId: row!.id,
      entityLabel: `${course.code} — ${row!.start}`,
      action: 'create',
      after: { courseId: course.id, start: row!.start, finish: row!.finish, seats: row!.seats },
    });
    return row!;
  });
  return (await sessionViews(ctx.db, [row]))[0]!;
}

const sessionFields = (r: SessionRow) => ({
  start: r.start,
  finish: r.finish,
  seats: r.seats,
  place: r.place,
  status: r.status,
});

async function seatsTaken(db: Executor, sessionId: string) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from training_enrolments
        where session_id = ${sessionId}
          and status = any(${`{${SEAT_HOLDERS.join(',')}}`}::text[])`,
  );
  return row?.n ?? 0;
}

/** The people enrolled (requested or holding a seat) of a session, to tell them of a change. */
async function enrolledPeople(
  db: Executor,
  sessionId: string,
  statuses: readonly EnrolmentStatus[] = ['requested', 'approved', 'attended'],
) {
  const rows = await queryRows<{ person_id: string }>(
    db,
    sql`select person_id from training_enrolments
        where session_id = ${sessionId}
          and status = any(${`{${statuses.join(',')}}`}::text[])
        order by created_at, id`,
  );
  return rows.map((r) => r.person_id);
}

function sessionNotices(
  kind: 'training.session_changed' | 'training.session_cancelled',
  people: string[],
  course: CourseRow,
  session: SessionRow,
  extra: Record<string, string> = {},
): NotificationInput[] {
  return people.map((personId) => ({
    personId,
    kind,
    entity: { type: 'training_session', id: session.id },
    data: {
      course: course.title,
      code: course.code,
      start: session.start,
      finish: session.finish,
      place: session.place,
      ...extra,
    },
    dedupeKey: `${kind}:${session.id}:${session.version}`,
  }));
}

/**
 * Change a session's dates, seats or place (If-Match). Seats cannot go below those held, and a
 * cancelled session is not changed. The « formation » absences of the people enrolled follow
 * the new dates, and they are told in their inbox when the dates or the place move.
 */
export async function updateSession(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdateSessionBody>,
) {
  const row = await ctx.db.transaction(async (tx) => {
    const before = await sessionOrThrow(tx, id);
    if (before.version !== version) throw stale((await sessionViews(tx, [before]))[0]);
    if (before.status === 'cancelled') {
      throw new DomainError('SESSION_CANCELLED', 'This session is cancelled');
    }
    const next = {
      start: input.start ?? before.start,
      finish: input.finish ?? before.finish,
      seats: input.seats ?? before.seats,
      place: input.place ?? before.place,
    };
    const taken = await seatsTaken(tx, id);
    const problem = sessionChangeProblem(next, taken);
    if (problem?.reason === 'before_start') {
      throw new DomainError('VALIDATION_FAILED', 'The session ends before it starts', {
        issues: [{ path: ['body', 'finish'], message: 'Before the start' }],
      });
    }
    if (problem?.reason === 'below_taken') {
      throw new DomainError('SESSION_SEATS_BELOW_TAKEN', `${taken} seats are already held`, {
        taken,
        seats: next.seats,
        issues: [{ path: ['body', 'seats'], message: `At least ${taken}: seats already held` }],
      });
    }
    if (next.start !== before.start || next.finish !== before.finish) {
      // The new dates must not fall on the leave of someone enrolled.
      const people = await briefsById(tx, await enrolledPeople(tx, id, ['requested', 'approved']));
      await assertEnrolmentsFit(tx, id, next, [...people.values()], 'start');
    }
    const [after] = await tx
      .update(trainingSessions)
      .set({ ...next, version: sql`${trainingSessions.version} + 1`, updatedAt: new Date() })
      .where(and(eq(trainingSessions.id, id), eq(trainingSessions.version, version)))
      .returning();
    if (!after) throw stale((await sessionViews(tx, [before]))[0]);
    const course = await courseOrThrow(tx, after.courseId);
    await recordAudit(tx, actor, {
      entityType: 'training_session',
      entityId: id,
      entityLabel: `${course.code} — ${before.start}`,
      action: 'update',
      before: sessionFields(before),
      after: sessionFields(after),
    });
    await syncAbsences(tx, actor, id);
    await followSession({ ...ctx, db: tx }, actor, id);
    if (sessionChangeNotifies(before, after)) {
      await notify(
        tx,
        sessionNotices('training.session_changed', await enrolledPeople(tx, id), course, after, {
          previousStart: before.start,
          previousFinish: before.finish,
        }),
      );
    }
    return after;
  });
  return (await sessionViews(ctx.db, [row]))[0]!;
}

/**
 * Cancel a session (If-Match): its unfinished enrolments are cancelled, their « formation »
 * absences too (capacity comes back), and the people enrolled are told in their inbox.
 */
export async function cancelSession(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof CancelSessionBody>,
) {
  const row = await ctx.db.transaction(async (tx) => {
    const before = await sessionOrThrow(tx, id);
    if (before.version !== version) throw stale((await sessionViews(tx, [before]))[0]);
    if (before.status === 'cancelled') {
      throw new DomainError('SESSION_CANCELLED', 'This session is already cancelled');
    }
    const people = await enrolledPeople(tx, id);
    const [after] = await tx
      .update(trainingSessions)
      .set({
        status: 'cancelled',
        version: sql`${trainingSessions.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(trainingSessions.id, id), eq(trainingSessions.version, version)))
      .returning();
    if (!after) throw stale((await sessionViews(tx, [before]))[0]);
    const ended = (
      await tx.select().from(trainingEnrolments).where(eq(trainingEnrolments.sessionId, id))
    ).filter((e) => cancelledBySession(e.status as EnrolmentStatus));
    if (ended.length > 0) {
      await tx
        .update(trainingEnrolments)
        .set({
          status: 'cancelled',
          version: sql`${trainingEnrolments.version} + 1`,
          updatedAt: new Date(),
        })
        .where(
          and(
            eq(trainingEnrolments.sessionId, id),
            sql`${trainingEnrolments.status} in ('requested', 'approved')`,
          ),
        );
    }
    const course = await courseOrThrow(tx, after.courseId);
    await recordAudit(tx, actor, {
      entityType: 'training_session',
      entityId: id,
      entityLabel: `${course.code} — ${before.start}`,
      action: 'update',
      before: sessionFields(before),
      after: { ...sessionFields(after), reason: input.reason, enrolmentsCancelled: ended.length },
    });
    await syncAbsences(tx, actor, id);
    await followSession({ ...ctx, db: tx }, actor, id);
    await notify(
      tx,
      sessionNotices('training.session_cancelled', people, course, after, {
        reason: input.reason,
      }),
    );
    return after;
  });
  return (await sessionViews(ctx.db, [row]))[0]!;
}

/**
 * Keeps the « formation » absences of a session's enrolments in line, set-wise: an enrolment
 * holding a seat of a planned session has an approved absence on the session's days (created
 * if missing, dates followed); any other enrolment's absence is cancelled. Capacity, the CRA
 * and staffing read these absences like any other.
 */
async function syncAbsences(tx: Executor, actor: Actor, sessionId: string) {
  const holders = `{${SEAT_HOLDERS.join(',')}}`;
  // Seeding and jobs act as the system, which is no user.
  const decidedBy = userIdOf(actor);
  await tx.execute(
    sql`with blocking as (
          select e.id, e.person_id, s.start, s.finish,
                 left(c.code || ' — ' || c.title, 500) as label
          from training_enrolments e
          join training_sessions s on s.id = e.session_id
          join training_courses c on c.id = s.course_id
          where e.session_id = ${sessionId} and e.absence_id is null and s.status = 'planned'
            and e.status = any(${holders}::text[])),
        created as (
          insert into resource_absences
            (person_id, kind, start, finish, day_fraction, status, comment, decided_by, decided_at)
          select person_id, 'formation', start, finish, 1, 'approved', label, ${decidedBy}::uuid,
                 now()
          from blocking
          returning id, person_id)
        update training_enrolments e set absence_id = created.id
        from created
        where e.session_id = ${sessionId} and e.person_id = created.person_id`,
  );
  await tx.execute(
    sql`update resource_absences a
        set start = s.start, finish = s.finish, status = 'approved',
            version = a.version + 1, updated_at = now()
        from training_enrolments e join training_sessions s on s.id = e.session_id
        where e.session_id = ${sessionId} and a.id = e.absence_id and s.status = 'planned'
          and e.status = any(${holders}::text[])
          and (a.start <> s.start or a.finish <> s.finish or a.status <> 'approved')`,
  );
  await tx.execute(
    sql`update resource_absences a
        set status = 'cancelled', version = a.version + 1, updated_at = now()
        from training_enrolments e join training_sessions s on s.id = e.session_id
        where e.session_id = ${sessionId} and a.id = e.absence_id and a.status <> 'cancelled'
          and (s.status <> 'planned' or not (e.status = any(${holders}::text[])))`,
  );
}

// ---------------------------------------------------------------- costs

/**
 * Training costs by year (of the session's start) and department (the participant's org
 * unit): the course's cost per participant holding a seat (approved, attended, completed) of
 * a session not cancelled. One statement.
 */
export async function trainingCosts(
  ctx: Ctx,
  q: z.infer<typeof TrainingCostQuery>,
): Promise<TrainingCosts> {
  const rows = await queryRows<{
    year: number;
    org_unit_id: string | null;
    org_unit_name: string | null;
    currency: string;
    participants: number;
    sessions: number;
    hours: number;
    cost: string | number;
  }>(
    ctx.db,
    sql`select extract(year from s.start)::int as year, p.org_unit_id, u.name as org_unit_name,
               c.currency,
               count(*)::int as participants,
               count(distinct s.id)::int as sessions,
               sum(c.duration_hours)::float8 as hours,
               sum(c.cost_minor)::text as cost
        from training_enrolments e
        join training_sessions s on s.id = e.session_id
        join training_courses c on c.id = s.course_id
        join people p on p.id = e.person_id
        left join org_units u on u.id = p.org_unit_id
        where s.status = 'planned'
          and e.status = any(${`{${SEAT_HOLDERS.join(',')}}`}::text[])
          and s.start >= make_date(${q.fromYear}::int, 1, 1)
          and s.start < make_date(${q.toYear + 1}::int, 1, 1)
        group by 1, 2, 3, 4
        order by 1, 3 nulls last, 4`,
  );
  const totals = new Map<string, TrainingCosts['totals'][number]>();
  const out = rows.map((r) => {
    const costMinor = Number(r.cost);
    const key = `${r.year}|${r.currency}`;
    const t = totals.get(key) ?? {
      year: r.year,
      currency: r.currency,
      participants: 0,
      costMinor: 0,
    };
    t.participants += r.participants;
    t.costMinor += costMinor;
    totals.set(key, t);
    return {
      year: r.year,
      orgUnit: r.org_unit_id ? { id: r.org_unit_id, name: r.org_unit_name ?? '' } : null,
      currency: r.currency,
      participants: r.participants,
      sessions: r.sessions,
      hours: Math.round(r.hours * 10) / 10,
      costMinor,
    };
  });
  return { rows: out, totals: [...totals.values()] };
}

// ---------------------------------------------------------------- enrolments

/** The person if the actor may act for them: themself, their line manager, resource roles. */
function mayActFor(actor: Actor, p: PersonBrief) {
  return (
    canManage(actor) ||
    (actor.personId !== null && (actor.personId === p.id || p.managerId === actor.personId))
  );
}
function maySee(actor: Actor, p: PersonBrief) {
  return canRead(actor) || mayActFor(actor, p);
}

/** Some people by id (`peopleBriefs`). */
async function briefsById(db: Executor, ids: readonly string[]) {
  return new Map((await peopleBriefs(db, ids)).map((p) => [p.id, p]));
}

async function visiblePerson(db: Executor, actor: Actor, id: string) {
  const p = await personById(db, id);
  if (!p || !maySee(actor, p)) throw new DomainError('PERSON_NOT_FOUND', `No person ${id}`);
  return p;
}

async function enrolmentViews(db: Executor, rows: EnrolmentRow[]): Promise<Enrolment[]> {
  if (rows.length === 0) return [];
  const sessions = new Map(
    (
      await sessionViews(
        db,
        await db
          .select()
          .from(trainingSessions)
          .where(
            sql`${trainingSessions.id} = any(${`{${[...new Set(rows.map((r) => r.sessionId))].join(',')}}`}::uuid[])`,
          ),
      )
    ).map((s) => [s.id, s]),
  );
  const people = await briefsById(
    db,
    rows.map((r) => r.personId),
  );
  const missed = await missedDaysOf(
    db,
    rows.map((r) => r.id),
  );
  const spans = [...sessions.values()];
  const calendars = await personCalendars(
    db,
    rows.map((r) => r.personId),
    {
      start: spans.reduce((m, x) => (x.start < m ? x.start : m), spans[0]!.start),
      finish: spans.reduce((m, x) => (x.finish > m ? x.finish : m), spans[0]!.finish),
    },
  );
  return rows.map((r) => {
    const s = sessions.get(r.sessionId)!;
    const calendar = calendars.get(r.personId);
    // The session days (in the person's calendar) they were on sick leave.
    const missedDays = sessionDaysWithin(s, missed.get(r.id) ?? [], calendar);
    return {
      id: r.id,
      session: {
        id: s.id,
        start: s.start,
        finish: s.finish,
        course: {
          id: s.course.id,
          title: s.course.title,
          skill: s.course.skill,
          targetLevel: s.course.targetLevel,
        },
      },
      person: { id: r.personId, name: people.get(r.personId)?.name ?? '' },
      status: r.status as EnrolmentStatus,
      missedDays,
      attendedDays: attendedSpans(s, missedDays, calendar),
      evaluation: r.evaluation,
      comment: r.comment,
      version: r.version,
    };
  });
}

/**
 * Each enrolment's sick absences (« maladie », requested or approved) overlapping its session:
 * the person was absent from the training on those days. One statement.
 */
async function missedDaysOf(db: Executor, enrolmentIds: readonly string[]) {
  const out = new Map<string, { start: string; finish: string }[]>();
  if (enrolmentIds.length === 0) return out;
  const rows = await queryRows<{ id: string; start: string; finish: string }>(
    db,
    sql`select e.id, a.start::text as start, a.finish::text as finish
        from training_enrolments e
        join training_sessions s on s.id = e.session_id
        join resource_absences a on a.person_id = e.person_id and a.kind = 'maladie'
          and a.status in ('requested', 'approved')
          and a.start <= s.finish and a.finish >= s.start
        where e.id = any(${`{${enrolmentIds.join(',')}}`}::uuid[])`,
  );
  for (const r of rows) {
    const list = out.get(r.id) ?? [];
    list.push({ start: r.start, finish: r.finish });
    out.set(r.id, list);
  }
  return out;
}

/**
 * Enrolments: resource roles see every one; others see their own and their reports'.
 */
export async function listEnrolments(
  ctx: Ctx,
  actor: Actor,
  q: z.infer<typeof EnrolmentListQuery>,
) {
  const conds = [
    q.sessionId ? eq(trainingEnrolments.sessionId, q.sessionId) : undefined,
    q.personId ? eq(trainingEnrolments.personId, q.personId) : undefined,
    q.mine
      ? eq(trainingEnrolments.personId, actor.personId ?? '00000000-0000-4000-8000-000000000000')
      : undefined,
  ].filter(Boolean);
  const rows = await ctx.db
    .select()
    .from(trainingEnrolments)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(trainingEnrolments.createdAt);
  // Visibility from the people of these rows only (not the whole directory).
  const people = canRead(actor)
    ? null
    : await briefsById(
        ctx.db,
        rows.map((r) => r.personId),
      );
  return {
    items: await enrolmentViews(
      ctx.db,
      rows.filter((r) => {
        if (!people) return true;
        const p = people.get(r.personId);
        return p !== undefined && maySee(actor, p);
      }),
    ),
  };
}

export async function enrol(ctx: Ctx, actor: Actor, input: z.infer<typeof CreateEnrolmentBody>) {
  const personId = input.personId ?? actor.personId;
  if (!personId) {
    throw new DomainError('VALIDATION_FAILED', 'Name the person to enrol', {
      issues: [{ path: ['body', 'personId'], message: 'Required: your account has no person' }],
    });
  }
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const p = await visiblePerson(tx, actor, personId);
      if (!mayActFor(actor, p)) throw forbidden();
      const session = await sessionOrThrow(tx, input.sessionId).catch(() => {
        throw new DomainError('TRAINING_SESSION_NOT_FOUND', `No session ${input.sessionId}`, {
          issues: [{ path: ['body', 'sessionId'], message: 'No such session' }],
        });
      });
      if (session.status === 'cancelled') {
        throw new DomainError('SESSION_CANCELLED', 'This session is cancelled');
      }
      // Not on leave the person has taken or asked for (nor on another training).
      await assertEnrolmentsFit(tx, session.id, session, [p], 'personId');
      // A resource manager's enrolment is approved at once (if a seat is left).
      const approve = canManage(actor);
      if (approve) await assertSeat(tx, session);
      const [row] = await tx
        .insert(trainingEnrolments)
        .values({
          sessionId: session.id,
          personId,
          status: approve ? 'approved' : 'requested',
          comment: input.comment,
        })
        .returning();
      await recordAudit(tx, actor, {
        entityType: 'training_enrolment',
        entityId: row!.id,
        entityLabel: `${p.name} — ${session.start}`,
        action: 'create',
        after: { sessionId: session.id, personId, status: row!.status },
      });
      await syncAbsences(tx, actor, session.id);
      await followSession({ ...ctx, db: tx }, actor, session.id);
      return row!;
    });
    return (await enrolmentViews(ctx.db, [row]))[0]!;
  } catch (err) {
    if (isUniqueViolation(err, 'training_enrolments_session_person_key')) {
      throw new DomainError('ALREADY_ENROLLED', 'This person is already enrolled in the session', {
        issues: [{ path: ['body', 'personId'], message: 'Already enrolled' }],
      });
    }
    throw err;
  }
}

async function assertSeat(db: Executor, session: SessionRow) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from training_enrolments
        where session_id = ${session.id}
          and status = any(${`{${SEAT_HOLDERS.join(',')}}`}::text[])`,
  );
  if ((row?.n ?? 0) >= session.seats) {
    throw new DomainError('SESSION_FULL', 'No seat left in this session', {
      seats: session.seats,
    });
  }
}

/**
 * Approve, reject, record attendance or completion (resource roles), cancel (the person, their
 * manager or resource roles). Completion raises the person's level in the course's skill to the
 * level it teaches (source "training", dated the session's last day) and closes the goals of
 * their development plan it meets, in the same transaction.
 */
export async function transitionEnrolment(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof EnrolmentTransitionBody>,
) {
  const row = await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(trainingEnrolments)
      .where(eq(trainingEnrolments.id, id));
    if (!before) throw new DomainError('ENROLMENT_NOT_FOUND', `No enrolment ${id}`);
    const p = await visiblePerson(tx, actor, before.personId).catch(() => {
      throw new DomainError('ENROLMENT_NOT_FOUND', `No enrolment ${id}`);
    });
    if (input.action === 'cancel' ? !mayActFor(actor, p) : !canManage(actor)) throw forbidden();
    if (before.version !== version) throw stale((await enrolmentViews(tx, [before]))[0]);
    const next = enrolmentTransition(before.status as EnrolmentStatus, input.action);
    if (!next) {
      throw new DomainError(
        'ENROLMENT_TRANSITION_INVALID',
        `Cannot ${input.action} a ${before.status} enrolment`,
        { status: before.status, action: input.action },
      );
    }
    const session = await sessionOrThrow(tx, before.sessionId);
    if (input.action === 'approve') {
      await assertSeat(tx, session);
      await assertEnrolmentsFit(tx, session.id, session, [p], 'action');
    }
    if (input.action === 'attend' || input.action === 'complete') {
      // Attendance is a fact of the session's days: not before its first day.
      const today = new Date().toISOString().slice(0, 10);
      if (session.start > today) {
        throw new DomainError(
          'ATTENDANCE_NOT_STARTED',
          `The session has not started: attendance may be recorded from ${session.start}`,
          {
            issues: [{ path: ['body', 'action'], message: `Not before ${session.start}` }],
            from: session.start,
          },
        );
      }
      // Sick on every day of the session (their working days): not attended (sick on some:
      // attended the others).
      const calendar = (await personCalendars(tx, [p.id], session)).get(p.id);
      const sick = (await missedDaysOf(tx, [id])).get(id) ?? [];
      const missedDays = sessionDaysWithin(session, sick, calendar);
      if (attendedSpans(session, missedDays, calendar).length === 0) {
        throw new DomainError(
          'ATTENDANCE_ALL_DAYS_SICK',
          `${p.name} was on sick leave on every day of the session`,
          {
            issues: [{ path: ['body', 'action'], message: 'Sick on every session day' }],
            person: { id: p.id, name: p.name },
            missedDays,
          },
        );
      }
    }
    const [after] = await tx
      .update(trainingEnrolments)
      .set({
        status: next,
        evaluation: input.evaluation ?? before.evaluation,
        comment: input.comment ?? before.comment,
        version: sql`${trainingEnrolments.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(trainingEnrolments.id, id), eq(trainingEnrolments.version, version)))
      .returning();
    if (!after) throw stale((await enrolmentViews(tx, [before]))[0]);
    await recordAudit(tx, actor, {
      entityType: 'training_enrolment',
      entityId: id,
      entityLabel: `${p.name} — ${session.start}`,
      action: 'update',
      before: { status: before.status, evaluation: before.evaluation },
      after: { status: after.status, evaluation: after.evaluation },
    });
    if (next === 'completed') await raiseLevel(tx, actor, p, session);
    await syncAbsences(tx, actor, session.id);
    await followSession({ ...ctx, db: tx }, actor, session.id);
    return after;
  });
  return (await enrolmentViews(ctx.db, [row]))[0]!;
}

async function raiseLevel(tx: Executor, actor: Actor, p: PersonBrief, session: SessionRow) {
  const course = await courseOrThrow(tx, session.courseId);
  const held = await skillsRepo.findPersonSkill(tx, p.id, course.skillId);
  const level = levelAfterCourse(held?.level ?? null, course.targetLevel);
  const values = {
    level: level ?? held?.level ?? course.targetLevel,
    assessedOn: session.finish,
    source: 'training',
    certification: '',
    expiresOn: null,
    comment: course.title.slice(0, 200),
  };
  if (level !== null) {
    if (held) await skillsRepo.updatePersonSkill(tx, held.id, held.version, values);
    else
      await skillsRepo.insertPersonSkills(tx, [
        { personId: p.id, skillId: course.skillId, ...values },
      ]);
    const after = await skillsRepo.findPersonSkill(tx, p.id, course.skillId);
    await recordAudit(tx, actor, {
      entityType: 'person_skill',
      entityId: after!.id,
      entityLabel: `${p.name} — ${after!.skillName}`,
      action: held ? 'update' : 'create',
      before: held ? { level: held.level, source: held.source } : undefined,
      after: { level: values.level, source: 'training', assessedOn: values.assessedOn },
    });
  }
  const goals = await tx
    .select()
    .from(developmentGoals)
    .where(and(eq(developmentGoals.personId, p.id), eq(developmentGoals.skillId, course.skillId)));
  for (const g of goals) {
    const status = goalStatusAfter(
      { status: g.status as DevelopmentGoal['status'], targetLevel: g.targetLevel },
      values.level,
    );
    if (status === g.status) continue;
    await tx
      .update(developmentGoals)
      .set({ status, version: sql`${developmentGoals.version} + 1`, updatedAt: new Date() })
      .where(eq(developmentGoals.id, g.id));
    await recordAudit(tx, actor, {
      entityType: 'development_goal',
      entityId: g.id,
      entityLabel: p.name,
      action: 'update',
      before: { status: g.status },
      after: { status },
    });
  }
}

// ---------------------------------------------------------------- development plans

async function goalViews(
  db: Executor,
  p: PersonBrief,
  rows: GoalRow[],
): Promise<DevelopmentGoal[]> {
  const skills = await skillNames(db);
  const held = new Map(
    (await skillsRepo.personSkillsOf(db, p.id)).map((s) => [s.skillId, s.level]),
  );
  const courses = new Map(
    (await db.select().from(trainingCourses)).map((c) => [c.id, c.title] as const),
  );
  return rows.map((g) => ({
    id: g.id,
    person: { id: p.id, name: p.name },
    skill: { id: g.skillId, name: skills.get(g.skillId) ?? '' },
    currentLevel: held.get(g.skillId) ?? null,
    targetLevel: g.targetLevel,
    dueOn: g.dueOn,
    course: g.courseId ? { id: g.courseId, name: courses.get(g.courseId) ?? '' } : null,
    status: g.status as DevelopmentGoal['status'],
    note: g.note,
    version: g.version,
  }));
}

export async function listGoals(ctx: Ctx, actor: Actor, personId: string) {
  const p = await visiblePerson(ctx.db, actor, personId);
  const rows = await ctx.db
    .select()
    .from(developmentGoals)
    .where(eq(developmentGoals.personId, personId))
    .orderBy(developmentGoals.dueOn);
  return { items: await goalViews(ctx.db, p, rows), canPlan: mayPlan(actor, p) };
}

/** Whose plans the actor may write: everyone (resource roles) or the people they manage. */
export async function plannablePeople(ctx: Ctx, actor: Actor) {
  if (canManage(actor)) return { all: true, items: [] };
  if (actor.personId === null) return { all: false, items: [] };
  const items = (await peopleDirectory(ctx.db))
    .filter((p) => p.managerId === actor.personId)
    .map((p) => ({ id: p.id, name: p.name }));
  return { all: false, items };
}

/** The line manager and resource roles write a person's plan. */
function mayPlan(actor: Actor, p: PersonBrief) {
  return canManage(actor) || (actor.personId !== null && p.managerId === actor.personId);
}

async function assertCourse(db: Executor, courseId: string | null | undefined) {
  if (!courseId) return;
  const [row] = await db.select().from(trainingCourses).where(eq(trainingCourses.id, courseId));
  if (!row) {
    throw new DomainError('TRAINING_COURSE_NOT_FOUND', `No course ${courseId}`, {
      issues: [{ path: ['body', 'courseId'], message: 'No such course' }],
    });
  }
}

export async function createGoal(
  ctx: Ctx,
  actor: Actor,
  personId: string,
  input: z.infer<typeof CreateGoalBody>,
) {
  return ctx.db.transaction(async (tx) => {
    const p = await visiblePerson(tx, actor, personId);
    if (!mayPlan(actor, p)) throw forbidden();
    await assertSkill(tx, input.skillId);
    await assertCourse(tx, input.courseId);
    const [row] = await tx
      .insert(developmentGoals)
      .values({ ...input, personId })
      .returning();
    await recordAudit(tx, actor, {
      entityType: 'development_goal',
      entityId: row!.id,
      entityLabel: p.name,
      action: 'create',
      after: { skillId: row!.skillId, targetLevel: row!.targetLevel, dueOn: row!.dueOn },
    });
    return (await goalViews(tx, p, [row!]))[0]!;
  });
}

export async function updateGoal(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: z.infer<typeof UpdateGoalBody>,
) {
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(developmentGoals).where(eq(developmentGoals.id, id));
    if (!before) throw new DomainError('DEVELOPMENT_GOAL_NOT_FOUND', `No goal ${id}`);
    const p = await visiblePerson(tx, actor, before.personId).catch(() => {
      throw new DomainError('DEVELOPMENT_GOAL_NOT_FOUND', `No goal ${id}`);
    });
    if (!mayPlan(actor, p)) throw forbidden();
    if (before.version !== version) throw stale((await goalViews(tx, p, [before]))[0]);
    await assertCourse(tx, input.courseId);
    const [after] = await tx
      .update(developmentGoals)
      .set({ ...input, version: sql`${developmentGoals.version} + 1`, updatedAt: new Date() })
      .where(and(eq(developmentGoals.id, id), eq(developmentGoals.version, version)))
      .returning();
    if (!after) throw stale((await goalViews(tx, p, [before]))[0]);
    await recordAudit(tx, actor, {
      entityType: 'development_goal',
      entityId: id,
      entityLabel: p.name,
      action: 'update',
      before: { targetLevel: before.targetLevel, dueOn: before.dueOn, status: before.status },
      after: { targetLevel: after.targetLevel, dueOn: after.dueOn, status: after.status },
    });
    return (await goalViews(tx, p, [after]))[0]!;
  });
}
