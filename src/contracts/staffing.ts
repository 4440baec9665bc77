import { z } from 'zod';
import { Id, IsoDate, QueryBool, Ref } from './common.ts';

// Staffing: candidates ranked for a resource request, and the bench (who is free).

const Weight = z.coerce.number().min(0).max(100);

export const CandidateQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(30),
  /** Only people holding every skill at its level (and the role, if one is asked). */
  qualifiedOnly: QueryBool.default(false),
  wSkills: Weight.default(50),
  wAvailability: Weight.default(35),
  wCost: Weight.default(15),
});

/** One reason behind a score: a code and the figures its sentence needs. */
export const Reason = z.object({
  code: z.enum([
    'skill_ok',
    'skill_below',
    'skill_missing',
    'certification_expired',
    'role_match',
    'role_other',
    'available',
    'partly_available',
    'unavailable',
    'absent',
    'rate',
    'no_rate',
  ]),
  skillId: Id.optional(),
  skillName: z.string().optional(),
  level: z.number().int().optional(),
  minLevel: z.number().int().optional(),
  freeHours: z.number().optional(),
  hoursNeeded: z.number().optional(),
  hours: z.number().optional(),
  rateMinor: z.number().optional(),
  cheapest: z.boolean().optional(),
});
export type Reason = z.infer<typeof Reason>;

export const Candidate = z.object({
  person: Ref,
  jobTitle: z.string().nullable(),
  orgUnit: Ref.nullable(),
  role: Ref.nullable(),
  /** Weighted total, 0–100. */
  score: z.number(),
  /** Component scores, 0–1. */
  fit: z.number(),
  availability: z.number(),
  cost: z.number(),
  qualified: z.boolean(),
  capacityHours: z.number(),
  loadHours: z.number(),
  freeHours: z.number(),
  rateMinor: z.number().nullable(),
  currency: z.string().nullable(),
  /** Already allocated to this request. */
  allocated: z.boolean(),
  reasons: z.array(Reason),
});
export type Candidate = z.infer<typeof Candidate>;

export const CandidateList = z.object({
  requestId: Id,
  start: IsoDate,
  finish: IsoDate,
  workingDays: z.number(),
  hoursNeeded: z.number(),
  weights: z.object({ skills: z.number(), availability: z.number(), cost: z.number() }),
  /** People ranked (before the limit). */
  total: z.number().int(),
  items: z.array(Candidate),
});
export type CandidateList = z.infer<typeof CandidateList>;

// ---------------------------------------------------------------- the bench

/** Downloads: CSV (French conventions) or XLSX, headers in the caller's language. */
const ExportOptions = {
  format: z.enum(['csv', 'xlsx']).default('csv'),
  locale: z.enum(['fr', 'en']).default('fr'),
};

export const BenchQuery = z
  .object({
    from: IsoDate,
    to: IsoDate,
    skillId: Id.optional(),
    minLevel: z.coerce.number().int().min(1).max(5).default(1),
    orgUnitId: Id.optional(),
    teamId: Id.optional(),
    /** People whose load is at most this share of their capacity, in % (default 50). */
    maxUtilisation: z.coerce.number().min(0).max(100).default(50),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .superRefine((q, c) => {
    if (q.to < q.from) c.addIssue({ code: 'custom', path: ['to'], message: 'Before from' });
    if (q.from.slice(0, 4) < '2000' || Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4)) > 2) {
      c.addIssue({ code: 'custom', path: ['to'], message: 'At most two years' });
    }
  });

export const BenchExportQuery = BenchQuery.safeExtend({
  ...ExportOptions,
  limit: z.coerce.number().int().min(1).max(5000).default(5000),
});

export const BenchPerson = z.object({
  person: Ref,
  jobTitle: z.string().nullable(),
  orgUnit: Ref.nullable(),
  team: Ref.nullable(),
  role: Ref.nullable(),
  capacityHours: z.number(),
  loadHours: z.number(),
  freeHours: z.number(),
  /** Load over capacity, %. */
  utilisation: z.number(),
  /** Level held in the filtered skill, when one is given. */
  skillLevel: z.number().int().nullable(),
  /** Free hours per week of the period (Monday weeks, the first and last cut to the period). */
  weeks: z.array(z.number()),
});
export type BenchPerson = z.infer<typeof BenchPerson>;

export const Bench = z.object({
  from: IsoDate,
  to: IsoDate,
  /** Monday of each week of `weeks`. */
  weekStarts: z.array(IsoDate),
  /** People matching the filters before the limit, and their free hours together. */
  total: z.number().int(),
  freeHours: z.number(),
  items: z.array(BenchPerson),
});
export type Bench = z.infer<typeof Bench>;

// ---------------------------------------------------------------- skill gaps per quarter

export const SkillGapQuery = z.object({
  /** Any day of the first quarter. */
  from: IsoDate,
  quarters: z.coerce.number().int().min(1).max(8).default(4),
  categoryId: Id.optional(),
});

export const SkillGapExportQuery = SkillGapQuery.extend(ExportOptions);

export const SkillGapQuarter = z.object({
  demand: z.number(),
  draft: z.number(),
  holders: z.number().int(),
  capacity: z.number(),
  free: z.number(),
  gap: z.number(),
});

export const SkillGaps = z.object({
  quarters: z.array(
    z.object({
      year: z.number().int(),
      quarter: z.number().int(),
      start: IsoDate,
      finish: IsoDate,
    }),
  ),
  rows: z.array(
    z.object({
      skill: Ref,
      category: Ref,
      minLevel: z.number().int(),
      /** Open requests asking for it. */
      requests: z.number().int(),
      quarters: z.array(SkillGapQuarter),
    }),
  ),
});
export type SkillGaps = z.infer<typeof SkillGaps>;

// ---------------------------------------------------------------- training

export const COURSE_FORMATS = ['presentiel', 'distanciel', 'elearning', 'mixte'] as const;
export const ENROLMENT_STATUSES = [
  'requested',
  'approved',
  'attended',
  'completed',
  'rejected',
  'cancelled',
] as const;
export const GOAL_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;

export const TrainingCourse = z.object({
  id: Id,
  code: z.string(),
  title: z.string(),
  provider: z.string(),
  skill: Ref,
  targetLevel: z.number().int(),
  durationHours: z.number(),
  costMinor: z.number(),
  currency: z.string(),
  format: z.enum(COURSE_FORMATS),
  description: z.string(),
  version: z.number().int(),
});
export type TrainingCourse = z.infer<typeof TrainingCourse>;
export const TrainingCourseList = z.object({ items: z.array(TrainingCourse) });

export const CreateCourseBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9_-]{0,39}$/),
  title: z.string().trim().min(1).max(200),
  provider: z.string().trim().max(200).default(''),
  skillId: Id,
  targetLevel: z.number().int().min(1).max(5),
  durationHours: z.number().positive().max(2000),
  costMinor: z.number().int().min(0).max(100_000_000).default(0),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('EUR'),
  format: z.enum(COURSE_FORMATS),
  description: z.string().trim().max(2000).default(''),
});
export const UpdateCourseBody = CreateCourseBody.partial();

export const TrainingSession = z.object({
  id: Id,
  course: z.object({
    id: Id,
    code: z.string(),
    title: z.string(),
    skill: Ref,
    targetLevel: z.number().int(),
  }),
  start: IsoDate,
  finish: IsoDate,
  seats: z.number().int(),
  place: z.string(),
  status: z.enum(['planned', 'cancelled']),
  /** Seats held (approved, attended, completed) and requests waiting. */
  taken: z.number().int(),
  waiting: z.number().int(),
  version: z.number().int(),
});
export type TrainingSession = z.infer<typeof TrainingSession>;
export const TrainingSessionList = z.object({ items: z.array(TrainingSession) });
export const SessionListQuery = z.object({ courseId: Id.optional() });
export const CreateSessionBody = z
  .object({
    courseId: Id,
    start: IsoDate,
    finish: IsoDate,
    seats: z.number().int().min(1).max(500),
    place: z.string().trim().max(200).default(''),
  })
  .refine((b) => b.finish >= b.start, { path: ['finish'], message: 'Before the start' });

export const UpdateSessionBody = z.object({
  start: IsoDate.optional(),
  finish: IsoDate.optional(),
  seats: z.number().int().min(1).max(500).optional(),
  place: z.string().trim().max(200).optional(),
});
export const CancelSessionBody = z.object({
  /** Told to the people enrolled. */
  reason: z.string().trim().max(500).default(''),
});

/** Training costs (course cost per participant holding a seat) by year and department. */
export const TrainingCostQuery = z
  .object({
    fromYear: z.coerce.number().int().min(2000).max(2100),
    toYear: z.coerce.number().int().min(2000).max(2100),
  })
  .refine((q) => q.toYear >= q.fromYear && q.toYear - q.fromYear <= 10, {
    path: ['toYear'],
    message: 'From fromYear, at most ten years',
  });
export const TrainingCostRow = z.object({
  year: z.number().int(),
  /** The participants' department (org unit); null: not attached. */
  orgUnit: Ref.nullable(),
  currency: z.string(),
  participants: z.number().int(),
  sessions: z.number().int(),
  hours: z.number(),
  costMinor: z.number().int(),
});
export const TrainingCosts = z.object({
  rows: z.array(TrainingCostRow),
  /** Per year and currency, every department. */
  totals: z.array(
    z.object({
      year: z.number().int(),
      currency: z.string(),
      participants: z.number().int(),
      costMinor: z.number().int(),
    }),
  ),
});
export type TrainingCosts = z.infer<typeof TrainingCosts>;

export const Enrolment = z.object({
  id: Id,
  session: z.object({
    id: Id,
    start: IsoDate,
    finish: IsoDate,
    course: z.object({ id: Id, title: z.string(), skill: Ref, targetLevel: z.number().int() }),
  }),
  person: Ref,
  status: z.enum(ENROLMENT_STATUSES),
  /** Days of the session the person was off sick (« maladie » absences), merged and sorted. */
  missedDays: z.array(z.object({ start: IsoDate, finish: IsoDate })),
  /** The session's working days outside `missedDays` (all of them when nobody was sick). */
  attendedDays: z.array(z.object({ start: IsoDate, finish: IsoDate })),
  evaluation: z.number().int().nullable(),
  comment: z.string(),
  version: z.number().int(),
});
export type Enrolment = z.infer<typeof Enrolment>;
export const EnrolmentList = z.object({ items: z.array(Enrolment) });
export const EnrolmentListQuery = z.object({
  sessionId: Id.optional(),
  personId: Id.optional(),
  /** Only the caller's own. */
  mine: QueryBool.default(false),
});
export const CreateEnrolmentBody = z.object({
  sessionId: Id,
  /** Someone else (resource roles, their manager); the caller when omitted. */
  personId: Id.optional(),
  comment: z.string().trim().max(1000).default(''),
});
export const EnrolmentTransitionBody = z.object({
  action: z.enum(['approve', 'reject', 'attend', 'complete', 'cancel']),
  /** The participant's evaluation of the course, 1–5, when completing. */
  evaluation: z.number().int().min(1).max(5).optional(),
  comment: z.string().trim().max(1000).optional(),
});

export const DevelopmentGoal = z.object({
  id: Id,
  person: Ref,
  skill: Ref,
  /** Level held today (null: not held). */
  currentLevel: z.number().int().nullable(),
  targetLevel: z.number().int(),
  dueOn: IsoDate,
  course: Ref.nullable(),
  status: z.enum(GOAL_STATUSES),
  note: z.string(),
  version: z.number().int(),
});
export type DevelopmentGoal = z.infer<typeof DevelopmentGoal>;
export const DevelopmentGoalList = z.object({
  items: z.array(DevelopmentGoal),
  /** The caller may write this person's plan (resource roles, the person's line manager). */
  canPlan: z.boolean(),
});
/** Whose development plans the caller may write: everyone (resource roles) or their reports. */
export const PlannablePeople = z.object({ all: z.boolean(), items: z.array(Ref) });
export const CreateGoalBody = z.object({
  skillId: Id,
  targetLevel: z.number().int().min(1).max(5),
  dueOn: IsoDate,
  courseId: Id.nullable().default(null),
  note: z.string().trim().max(1000).default(''),
});
export const UpdateGoalBody = z.object({
  targetLevel: z.number().int().min(1).max(5).optional(),
  dueOn: IsoDate.optional(),
  courseId: Id.nullable().optional(),
  status: z.enum(GOAL_STATUSES).optional(),
  note: z.string().trim().max(1000).optional(),
});
