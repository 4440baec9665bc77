import { z } from 'zod';
import { Id, IsoDate, PageQuery, Ref, Text, pageOf } from './common.ts';

/** Hours per ISO weekday, Monday first. */
export const WeekHours = z.array(z.number().min(0).max(24)).length(7);

export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .default('EUR');

// ---------------------------------------------------------------- generic roles and teams

export const ResourceRole = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  defaultRateMinor: z.number().int(),
  currency: z.string(),
  headcount: z.number().int(),
  version: z.number().int(),
});
export type ResourceRole = z.infer<typeof ResourceRole>;
export const ResourceRoleList = z.object({ items: z.array(ResourceRole) });
export const CreateResourceRoleBody = z.object({
  code: Text(20),
  name: Text(100),
  defaultRateMinor: z.number().int().min(0).max(100_000_00),
  currency: Currency,
});
export const UpdateResourceRoleBody = CreateResourceRoleBody.partial();

export const ResourceTeam = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  lead: Ref.nullable(),
  headcount: z.number().int(),
  version: z.number().int(),
});
export type ResourceTeam = z.infer<typeof ResourceTeam>;
export const ResourceTeamList = z.object({ items: z.array(ResourceTeam) });
export const CreateResourceTeamBody = z.object({
  code: Text(20),
  name: Text(100),
  leadId: Id.nullable().optional(),
});
export const UpdateResourceTeamBody = CreateResourceTeamBody.partial();

// ---------------------------------------------------------------- people as resources

export const CostRate = z.object({
  id: Id,
  validFrom: IsoDate,
  rateMinor: z.number().int(),
  currency: z.string(),
});
export type CostRate = z.infer<typeof CostRate>;

export const Resource = z.object({
  personId: Id,
  name: z.string(),
  jobTitle: z.string().nullable(),
  orgUnit: Ref.nullable(),
  manager: Ref.nullable(),
  role: Ref.nullable(),
  team: Ref.nullable(),
  weekHours: WeekHours,
  weeklyHours: z.number(),
  /** Full-time equivalent, 1 = 35 h a week. */
  fte: z.number(),
  /** The cost rate valid today (own, else the role's default), per hour in minor units. */
  currentRate: z
    .object({
      rateMinor: z.number().int(),
      currency: z.string(),
      source: z.enum(['person', 'role']),
    })
    .nullable(),
  /** 0 until the profile is first saved (defaults shown). */
  version: z.number().int(),
});
export type Resource = z.infer<typeof Resource>;
export const ResourceList = pageOf(Resource);
export const ResourceListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  teamId: Id.optional(),
  roleId: Id.optional(),
  orgUnitId: Id.optional(),
});

export const ResourceDetail = Resource.extend({
  rates: z.array(CostRate),
  can: z.object({ manage: z.boolean() }),
});
export type ResourceDetail = z.infer<typeof ResourceDetail>;

export const UpdateProfileBody = z.object({
  roleId: Id.nullable().optional(),
  teamId: Id.nullable().optional(),
  weekHours: WeekHours.optional(),
});

export const SetRateBody = z.object({
  validFrom: IsoDate,
  rateMinor: z.number().int().min(0).max(100_000_00),
  currency: Currency,
});
export const RateParams = z.object({ id: Id, rateId: Id });

// ---------------------------------------------------------------- absences

export const ABSENCE_KINDS = ['conges', 'rtt', 'formation', 'maladie', 'autre'] as const;
export const AbsenceKind = z.enum(ABSENCE_KINDS);
export const ABSENCE_STATUSES = ['requested', 'approved', 'rejected', 'cancelled'] as const;
export const AbsenceStatus = z.enum(ABSENCE_STATUSES);

export const Absence = z.object({
  id: Id,
  person: Ref,
  kind: AbsenceKind,
  start: IsoDate,
  finish: IsoDate,
  dayFraction: z.number(),
  /** Working hours the absence takes from the person's capacity. */
  hours: z.number(),
  status: AbsenceStatus,
  comment: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  can: z.object({ decide: z.boolean(), cancel: z.boolean() }),
  version: z.number().int(),
});
export type Absence = z.infer<typeof Absence>;
export const AbsenceList = z.object({ items: z.array(Absence) });
export const AbsenceListQuery = z.object({
  personId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  status: AbsenceStatus.optional(),
  /** Only absences of people the caller manages, or everyone's for a resource manager. */
  scope: z.enum(['mine', 'team', 'all']).default('all'),
});
export const CreateAbsenceBody = z
  .object({
    personId: Id.optional(),
    kind: AbsenceKind,
    start: IsoDate,
    finish: IsoDate,
    dayFraction: z.union([z.literal(1), z.literal(0.5)]).default(1),
    comment: z.string().trim().max(1000).default(''),
  })
  .refine((b) => b.finish >= b.start, {
    path: ['finish'],
    message: 'The end is before the start',
  });
export const AbsenceDecisionBody = z.object({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().max(1000).optional(),
});

// ---------------------------------------------------------------- allocations and assignments

export const AllocationUnit = z.enum(['hours', 'percent']);
export const AllocationStatus = z.enum(['soft', 'hard']);

export const Allocation = z.object({
  id: Id,
  person: Ref,
  project: z.object({ id: Id, code: z.string(), name: z.string() }),
  start: IsoDate,
  finish: IsoDate,
  unit: AllocationUnit,
  amount: z.number(),
  status: AllocationStatus,
  note: z.string(),
  version: z.number().int(),
});
export type Allocation = z.infer<typeof Allocation>;
export const AllocationList = z.object({ items: z.array(Allocation) });
export const AllocationListQuery = z.object({
  projectId: Id.optional(),
  personId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  status: AllocationStatus.optional(),
});
const allocationFields = {
  personId: Id,
  projectId: Id,
  start: IsoDate,
  finish: IsoDate,
  unit: AllocationUnit,
  amount: z.number().positive().max(1000),
  status: AllocationStatus.default('soft'),
  note: z.string().trim().max(1000).default(''),
};
export const CreateAllocationBody = z
  .object(allocationFields)
  .refine((b) => b.finish >= b.start, { path: ['finish'], message: 'The end is before the start' })
  .refine((b) => b.unit !== 'percent' || b.amount <= 200, {
    path: ['amount'],
    message: 'At most 200 %',
  });
export const UpdateAllocationBody = z.object({
  start: IsoDate.optional(),
  finish: IsoDate.optional(),
  unit: AllocationUnit.optional(),
  amount: z.number().positive().max(1000).optional(),
  status: AllocationStatus.optional(),
  note: z.string().trim().max(1000).optional(),
});

export const Assignment = z.object({
  id: Id,
  taskId: Id,
  taskName: z.string(),
  person: Ref,
  effortHours: z.number(),
  start: IsoDate.nullable(),
  finish: IsoDate.nullable(),
  version: z.number().int(),
});
export type Assignment = z.infer<typeof Assignment>;
export const AssignmentList = z.object({ items: z.array(Assignment) });
export const AssignmentListQuery = z.object({ taskId: Id.optional() });
export const CreateAssignmentBody = z.object({
  taskId: Id,
  personId: Id,
  effortHours: z.number().min(0).max(100_000),
});
export const UpdateAssignmentBody = z.object({ effortHours: z.number().min(0).max(100_000) });
export const AssignmentParams = z.object({ id: Id, assignmentId: Id });

// ---------------------------------------------------------------- capacity vs demand

export const GroupBy = z.enum(['person', 'team', 'role', 'orgUnit']);
export type GroupBy = z.infer<typeof GroupBy>;

export const CapacityQuery = z.object({
  from: IsoDate,
  unit: z.enum(['week', 'month']).default('week'),
  buckets: z.coerce.number().int().min(1).max(156).default(12),
  groupBy: GroupBy.default('team'),
  /** Count proposed (soft) allocations in the load (default yes). */
  includeSoft: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  teamId: Id.optional(),
  roleId: Id.optional(),
  orgUnitId: Id.optional(),
  /** Only groups with at least one over-allocation in the period. */
  overOnly: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type CapacityQuery = z.infer<typeof CapacityQuery>;

export const CapacityCell = z.object({
  capacity: z.number(),
  allocated: z.number(),
  soft: z.number(),
  assigned: z.number(),
  load: z.number(),
  remaining: z.number(),
  overPeople: z.number().int(),
});
export type CapacityCell = z.infer<typeof CapacityCell>;

export const CapacityRow = z.object({
  key: z.string(),
  label: z.string(),
  people: z.number().int(),
  cells: z.array(CapacityCell),
});
export type CapacityRow = z.infer<typeof CapacityRow>;

export const HeatMap = z.object({
  unit: z.enum(['week', 'month']),
  groupBy: GroupBy,
  buckets: z.array(z.object({ start: IsoDate, finish: IsoDate })),
  rows: z.array(CapacityRow),
  totalRows: z.number().int(),
  totals: z.array(CapacityCell),
});
export type HeatMap = z.infer<typeof HeatMap>;

export const ProjectShift = z.object({
  projectId: Id,
  /** Calendar days; negative moves earlier. */
  days: z.number().int().min(-3660).max(3660),
});
export const WhatIfBody = z.object({
  from: IsoDate,
  unit: z.enum(['week', 'month']).default('week'),
  buckets: z.number().int().min(1).max(156).default(12),
  groupBy: GroupBy.default('team'),
  includeSoft: z.boolean().default(true),
  teamId: Id.optional(),
  roleId: Id.optional(),
  orgUnitId: Id.optional(),
  overOnly: z.boolean().default(false),
  limit: z.number().int().min(1).max(500).default(200),
  shifts: z.array(ProjectShift).min(1).max(50),
});
export const WhatIfResult = z.object({ before: HeatMap, after: HeatMap });
export type WhatIfResult = z.infer<typeof WhatIfResult>;

export const BreakdownQuery = z.object({
  groupBy: GroupBy,
  key: z.string().max(100),
  from: IsoDate,
  to: IsoDate,
  includeSoft: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});
export const BreakdownItem = z.object({
  person: Ref,
  project: z.object({ id: Id, code: z.string(), name: z.string() }),
  allocated: z.number(),
  soft: z.number(),
  assigned: z.number(),
  load: z.number(),
  allocations: z.array(Allocation),
});
export const Breakdown = z.object({
  people: z.array(
    z.object({ person: Ref, capacity: z.number(), load: z.number(), over: z.boolean() }),
  ),
  items: z.array(BreakdownItem),
});
export type Breakdown = z.infer<typeof Breakdown>;
