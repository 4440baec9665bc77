import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { people } from '../org/org.tables.ts';
import { absences } from '../resources/resources.tables.ts';
import { skills } from '../resources/skills.tables.ts';

/** A course of the training catalogue: the skill it teaches and the level it brings. */
export const trainingCourses = pgTable(
  'training_courses',
  {
    ...recordColumns(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    provider: text('provider').notNull().default(''),
    skillId: uuid('skill_id')
      .notNull()
      .references(() => skills.id),
    /** Level reached on completion, 1–5. */
    targetLevel: integer('target_level').notNull(),
    durationHours: doublePrecision('duration_hours').notNull(),
    /** Cost per participant, minor units. */
    costMinor: bigint('cost_minor', { mode: 'number' }).notNull().default(0),
    currency: text('currency').notNull().default('EUR'),
    /** presentiel, distanciel, elearning, mixte. */
    format: text('format').notNull(),
    description: text('description').notNull().default(''),
  },
  (t) => [
    uniqueIndex('training_courses_code_key').on(t.code),
    index('training_courses_skill_idx').on(t.skillId),
    check('training_courses_level_check', sql`${t.targetLevel} between 1 and 5`),
    check('training_courses_duration_check', sql`${t.durationHours} > 0`),
    check('training_courses_cost_check', sql`${t.costMinor} >= 0`),
    check(
      'training_courses_format_check',
      sql`${t.format} in ('presentiel', 'distanciel', 'elearning', 'mixte')`,
    ),
  ],
);

/** A session of a course: dates, seats, place. */
export const trainingSessions = pgTable(
  'training_sessions',
  {
    ...recordColumns(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => trainingCourses.id, { onDelete: 'cascade' }),
    start: date('start', { mode: 'string' }).notNull(),
    finish: date('finish', { mode: 'string' }).notNull(),
    seats: integer('seats').notNull(),
    place: text('place').notNull().default(''),
    /** planned or cancelled. */
    status: text('status').notNull().default('planned'),
  },
  (t) => [
    index('training_sessions_course_idx').on(t.courseId, t.start),
    check('training_sessions_period_check', sql`${t.finish} >= ${t.start}`),
    check('training_sessions_seats_check', sql`${t.seats} > 0`),
    check('training_sessions_status_check', sql`${t.status} in ('planned', 'cancelled')`),
  ],
);

/**
 * A person enrolled in a session: requested → approved → attended → completed (or rejected,
 * cancelled), with their evaluation of the course (1–5) once attended.
 */
export const trainingEnrolments = pgTable(
  'training_enrolments',
  {
    ...recordColumns(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    status: text('status').notNull().default('requested'),
    evaluation: integer('evaluation'),
    comment: text('comment').notNull().default(''),
    /**
     * The « formation » absence that makes the person unavailable on the session's days while
     * the enrolment holds a seat (cancelled with the enrolment or the session).
     */
    absenceId: uuid('absence_id').references(() => absences.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('training_enrolments_session_person_key').on(t.sessionId, t.personId),
    index('training_enrolments_person_idx').on(t.personId),
    check(
      'training_enrolments_status_check',
      sql`${t.status} in ('requested', 'approved', 'attended', 'completed', 'rejected', 'cancelled')`,
    ),
    check(
      'training_enrolments_evaluation_check',
      sql`${t.evaluation} is null or ${t.evaluation} between 1 and 5`,
    ),
  ],
);

/** A line of a person's development plan: a skill to reach a level by a date, maybe by a course. */
export const developmentGoals = pgTable(
  'development_goals',
  {
    ...recordColumns(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    skillId: uuid('skill_id')
      .notNull()
      .references(() => skills.id),
    targetLevel: integer('target_level').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    courseId: uuid('course_id').references(() => trainingCourses.id, { onDelete: 'set null' }),
    /** planned, in_progress, done, cancelled. */
    status: text('status').notNull().default('planned'),
    note: text('note').notNull().default(''),
  },
  (t) => [
    index('development_goals_person_idx').on(t.personId),
    check('development_goals_level_check', sql`${t.targetLevel} between 1 and 5`),
    check(
      'development_goals_status_check',
      sql`${t.status} in ('planned', 'in_progress', 'done', 'cancelled')`,
    ),
  ],
);
