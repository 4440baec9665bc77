import { sql } from 'drizzle-orm';
import {
  type AbsenceKind,
  type OverlappingAbsence,
  decideOverlap,
} from '../../../core/skills/absence-overlap.ts';
import {
  type AbsenceAround,
  type EnrolmentConflict,
  enrolmentConflicts,
} from '../../../core/skills/attendance.ts';
import { DomainError } from '../../../core/errors.ts';
import { type Executor, queryRows } from '../../db/client.ts';

// An absence declared over days already taken: the person's open absences that overlap it,
// each with the training session it stands for (the enrolment's « formation »), decided by
// `core/skills/absence-overlap.ts`. A sick day on a training day is allowed (the enrolment then
// shows the days missed); a leave request on a training day is refused naming the training.

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
  const decision = decideOverlap(kind, await overlappingAbsences(db, personId, start, finish));
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
