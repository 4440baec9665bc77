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
