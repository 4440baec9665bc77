import { sql } from 'drizzle-orm';
import {
  type AbsenceKind,
  type OverlappingAbsence,
  decideOverlap,
} from '../../../core/skills/absence-overlap.ts';
import {
  type AbsenceAround,
  type EnrolmentConflict,
  type PersonCalendar,
  type Span,
  attendedSpans,
  enrolmentConflicts,
  personCalendar,
  sessionDaysWithin,
} from '../../../core/skills/attendance.ts';
import { DomainError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import { type Executor, queryRows } from '../../db/client.ts';
import { notify } from '../notifications/notifications.service.ts';
import { recordAudit } from '../platform/audit.service.ts';

// An absence declared over days already taken: the person's open absences that overlap it,
// each with the training session it stands for (the enrolment's « formation »), decided by
// `core/skills/absence-overlap.ts`. A sick day on a training day is allowed (the enrolment then
// shows the days missed); a leave request on a training day is refused naming the training.

/**
 * The working calendars of `personIds` (their week from their resource profile, Monday to Friday
 * without one; the French public holidays) over the years of [start, finish]. One statement.
 */
export async function personCalendars(
  db: Executor,
  personIds: readonly string[],
  span: Span,
): Promise<Map<string, PersonCalendar>> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ person_id: string; week_hours: number[] }>(
    db,
    sql`select person_id, week_hours from resource_profiles
        where person_id = any(${`{${ids.join(',')}}`}::uuid[])`,
  );
  const weeks = new Map(rows.map((r) => [r.person_id, r.week_hours]));
  const y0 = Number(span.start.slice(0, 4));
  const y1 = Number(span.finish.slice(0, 4));
  return new Map(ids.map((id) => [id, personCalendar(weeks.get(id) ?? null, y0, y1)]));
}

/** The person's requested or approved absences overlapping [start, finish], with their training. */
export async function overlappingAbsences(
  db: Executor,
  personId: string,
  start: string,
  finish: string,
): Promise<OverlappingAbsence[]> {
  const rows = await queryRows<{
    id: string;
    kind: AbsenceKind;
    start: string;
    finish: string;
    session_id: string | null;
    code: string | null;
    title: string | null;
    session_start: string | null;
    session_finish: string | null;
  }>(
    db,
    sql`select a.id, a.kind, a.start::text as start, a.finish::text as finish,
               s.id as session_id, c.code, c.title,
               s.start::text as session_start, s.finish::text as session_finish
        from resource_absences a
        left join training_enrolments e on e.absence_id = a.id
        left join training_sessions s on s.id = e.session_id
        left join training_courses c on c.id = s.course_id
        where a.person_id = ${personId} and a.status in ('requested', 'approved')
          and a.start <= ${finish} and a.finish >= ${start}
        order by a.start, a.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    start: r.start,
    finish: r.finish,
    training: r.session_id
      ? {
          sessionId: r.session_id,
          code: r.code ?? '',
          title: r.title ?? '',
          start: r.session_start ?? r.start,
          finish: r.session_finish ?? r.finish,
        }
      : null,
  }));
}

/**
 * Throws when a new absence of `kind` may not be declared over the person's open absences:
 * 409 `ABSENCE_ON_TRAINING` naming the training(s), or 409 `ABSENCE_OVERLAP` as before.
 * Returns the trainings a sick day falls on (the person is absent from them on those days).
 */
export async function assertAbsenceFits(
  db: Executor,
  personId: string,
  kind: AbsenceKind,
  start: string,
  finish: string,
) {
  const overlaps = await overlappingAbsences(db, personId, start, finish);
  // A training clashes only on the days of it the person works (not their day off, nor a
  // public holiday inside the session).
  const trained = overlaps.filter((o) => o.training !== null).map((o) => o.training!);
  const calendar = trained.length
    ? (
        await personCalendars(db, [personId], {
          start: trained.reduce((m, t) => (t.start < m ? t.start : m), start),
          finish: trained.reduce((m, t) => (t.finish > m ? t.finish : m), finish),
        })
      ).get(personId)
    : undefined;
  const clashing = overlaps.filter(
    (o) =>
      o.training === null ||
      sessionDaysWithin(o.training, [{ start, finish }], calendar).length > 0,
  );
  const decision = decideOverlap(kind, clashing);
  if (decision.ok) return decision.trainings;
  if (decision.code === 'ABSENCE_ON_TRAINING') {
    const t = decision.trainings[0]!;
    throw new DomainError(
      'ABSENCE_ON_TRAINING',
      `This period falls on the training « ${t.title} » (${t.start} – ${t.finish})`,
      {
        issues: [{ path: ['body', 'start'], message: `On the training ${t.code}` }],
        absenceIds: decision.absenceIds,
        trainings: decision.trainings,
      },
    );
  }
  throw new DomainError('ABSENCE_OVERLAP', 'Another absence covers part of this period', {
    issues: [{ path: ['body', 'start'], message: 'Overlaps another absence' }],
    absenceIds: decision.absenceIds,
  });
}

/** A person's conflicts with a session's days: the leave that stops their enrolment. */
export interface PersonConflicts {
  person: { id: string; name: string };
  absences: EnrolmentConflict[];
}

/**
 * The open absences (requested or approved) of `people` over [start, finish] that stop their
 * enrolment in the session (congés, RTT, « autre », another training), each with the session
 * days it covers. The session's own « formation » absences are left out. One statement.
 */
export async function enrolmentConflictsOf(
  db: Executor,
  sessionId: string,
  span: { start: string; finish: string },
  people: readonly { id: string; name: string }[],
): Promise<PersonConflicts[]> {
  if (people.length === 0) return [];
  const rows = await queryRows<AbsenceAround & { person_id: string }>(
    db,
    sql`select a.id, a.person_id, a.kind, a.status, a.start::text as start, a.finish::text as finish
        from resource_absences a
        where a.person_id = any(${`{${people.map((p) => p.id).join(',')}}`}::uuid[])
          and a.status in ('requested', 'approved')
          and a.start <= ${span.finish} and a.finish >= ${span.start}
          and not exists (select 1 from training_enrolments e
                          where e.absence_id = a.id and e.session_id = ${sessionId})
        order by a.start, a.id`,
  );
  const calendars = await personCalendars(
    db,
    people.map((p) => p.id),
    span,
  );
  const out: PersonConflicts[] = [];
  for (const p of people) {
    const absences = enrolmentConflicts(
      span,
      rows
        .filter((r) => r.person_id === p.id)
        .map((r) => ({
          id: r.id,
          kind: r.kind,
          status: r.status,
          start: r.start,
          finish: r.finish,
        })),
      calendars.get(p.id),
    );
    if (absences.length > 0) out.push({ person: { id: p.id, name: p.name }, absences });
  }
  return out;
}

/**
 * Throws 409 `TRAINING_ON_ABSENCE` when one of `people` has leave (or another training) on a
 * day of the session, naming each person, the absences and the days (the mirror of
 * `ABSENCE_ON_TRAINING`). `field` is the request field the issue points at.
 */
export async function assertEnrolmentsFit(
  db: Executor,
  sessionId: string,
  span: { start: string; finish: string },
  people: readonly { id: string; name: string }[],
  field: string,
) {
  const conflicts = await enrolmentConflictsOf(db, sessionId, span, people);
  if (conflicts.length === 0) return;
  const first = conflicts[0]!;
  const a = first.absences[0]!;
  throw new DomainError(
    'TRAINING_ON_ABSENCE',
    `${first.person.name} has an absence (${a.kind}, ${a.start} – ${a.finish}) on the session's days`,
    {
      issues: [{ path: ['body', field], message: `Absent (${a.kind}) on a session day` }],
      conflicts,
    },
  );
}

/**
 * After a sick leave of the person over [start, finish]: their enrolments recorded as attended
 * (or completed) in a session it falls on, whose every day (in their calendar) is now a sick
 * day, go back to approved — the attendance recorded was not true — with an audit event and a
 * notice to the person (and so their inbox says why). Sick on some days only, the enrolment
 * keeps its status and its `attendedDays` follow (they are read with the sick days). A level a
 * completion raised is kept (a skill level is an assessment: the resource manager reviews it).
 * Returns the enrolments withdrawn.
 */
export async function withdrawSickAttendance(
  db: Executor,
  actor: Actor,
  personId: string,
  start: string,
  finish: string,
): Promise<string[]> {
  const rows = await queryRows<{
    id: string;
    status: string;
    session_id: string;
    start: string;
    finish: string;
    code: string;
    title: string;
    name: string;
    sick: Span[];
  }>(
    db,
    sql`select e.id, e.status, s.id as session_id, s.start::text as start,
               s.finish::text as finish, c.code, c.title,
               p.first_name || ' ' || p.last_name as name,
               (select coalesce(json_agg(json_build_object('start', a.start::text,
                                                           'finish', a.finish::text)), '[]')
                from resource_absences a
                where a.person_id = e.person_id and a.kind = 'maladie'
                  and a.status in ('requested', 'approved')
                  and a.start <= s.finish and a.finish >= s.start) as sick
        from training_enrolments e
        join training_sessions s on s.id = e.session_id
        join training_courses c on c.id = s.course_id
        join people p on p.id = e.person_id
        where e.person_id = ${personId} and e.status in ('attended', 'completed')
          and s.start <= ${finish} and s.finish >= ${start}`,
  );
  if (rows.length === 0) return [];
  const calendar = (
    await personCalendars(db, [personId], {
      start: rows.reduce((m, r) => (r.start < m ? r.start : m), start),
      finish: rows.reduce((m, r) => (r.finish > m ? r.finish : m), finish),
    })
  ).get(personId);
  const withdrawn = rows.filter((r) => attendedSpans(r, r.sick, calendar).length === 0);
  for (const r of withdrawn) {
    await db.execute(
      sql`update training_enrolments
          set status = 'approved', version = version + 1, updated_at = now()
          where id = ${r.id}`,
    );
    await recordAudit(db, actor, {
      entityType: 'training_enrolment',
      entityId: r.id,
      entityLabel: `${r.name} — ${r.start}`,
      action: 'update',
      before: { status: r.status },
      after: { status: 'approved', reason: 'sick on every day of the session' },
    });
  }
  await notify(
    db,
    withdrawn.map((r) => ({
      personId,
      kind: 'training.attendance_withdrawn',
      entity: { type: 'training_session', id: r.session_id },
      data: { course: r.title, code: r.code, start: r.start, finish: r.finish },
    })),
  );
  return withdrawn.map((r) => r.id);
}
