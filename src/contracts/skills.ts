import { z } from 'zod';
import { Id, IsoDate, Ref, Text } from './common.ts';

// ---------------------------------------------------------------- catalogue

export const SkillCategory = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  description: z.string(),
  skillCount: z.number().int(),
  version: z.number().int(),
});
export type SkillCategory = z.infer<typeof SkillCategory>;
export const SkillCategoryList = z.object({ items: z.array(SkillCategory) });
export const CreateSkillCategoryBody = z.object({
  code: Text(20),
  name: Text(100),
  description: z.string().trim().max(1000).default(''),
});
export const UpdateSkillCategoryBody = CreateSkillCategoryBody.partial();

export const Skill = z.object({
  id: Id,
  category: Ref,
  code: z.string(),
  name: z.string(),
  description: z.string(),
  /** People holding the skill, any level. */
  holders: z.number().int(),
  version: z.number().int(),
});
export type Skill = z.infer<typeof Skill>;
export const SkillList = z.object({ items: z.array(Skill) });
export const CreateSkillBody = z.object({
  categoryId: Id,
  code: Text(20),
  name: Text(100),
  description: z.string().trim().max(1000).default(''),
});
export const UpdateSkillBody = CreateSkillBody.partial();

export const SkillLevelNumber = z.coerce.number().int().min(1).max(5);

export const SkillLevel = z.object({
  level: z.number().int().min(1).max(5),
  /** Empty until the company names it (the web then shows its default wording). */
  label: z.string(),
  description: z.string(),
  /** 0 until first saved. */
  version: z.number().int(),
});
export type SkillLevel = z.infer<typeof SkillLevel>;
export const SkillLevelList = z.object({ items: z.array(SkillLevel) });
export const SkillLevelParams = z.object({ level: SkillLevelNumber });
export const UpdateSkillLevelBody = z.object({
  label: Text(60),
  description: z.string().trim().max(1000).default(''),
});

// ---------------------------------------------------------------- person skills

export const SKILL_SOURCES = ['self', 'manager', 'certification', 'training'] as const;
export const SkillSource = z.enum(SKILL_SOURCES);
export type SkillSource = z.infer<typeof SkillSource>;

export const PersonSkill = z.object({
  id: Id,
  person: Ref,
  skill: z.object({ id: Id, code: z.string(), name: z.string(), category: Ref }),
  level: z.number().int().min(1).max(5),
  assessedOn: IsoDate,
  source: SkillSource,
  certification: z.string(),
  expiresOn: IsoDate.nullable(),
  /** A certification whose expiry date has passed (today, server side). */
  expired: z.boolean(),
  comment: z.string(),
  version: z.number().int(),
});
export type PersonSkill = z.infer<typeof PersonSkill>;

export const PersonSkillList = z.object({
  person: Ref,
  items: z.array(PersonSkill),
  /** What the caller may do on this person's skills. */
  can: z.object({ sources: z.array(SkillSource) }),
});
export type PersonSkillList = z.infer<typeof PersonSkillList>;

export const PersonSkillParams = z.object({ id: Id, skillId: Id });
export const SetPersonSkillBody = z
  .object({
    level: z.number().int().min(1).max(5),
    assessedOn: IsoDate,
    source: SkillSource,
    certification: z.string().trim().max(200).default(''),
    expiresOn: IsoDate.nullable().default(null),
    comment: z.string().trim().max(1000).default(''),
  })
  .superRefine((b, c) => {
    if (b.expiresOn !== null && b.expiresOn < b.assessedOn) {
      c.addIssue({
        code: 'custom',
        path: ['expiresOn'],
        message: 'The expiry date is before the assessment date',
      });
    }
    if (b.source === 'certification' && b.certification === '') {
      c.addIssue({
        code: 'custom',
        path: ['certification'],
        message: 'A certification needs its name',
      });
    }
    if (b.source !== 'certification' && b.expiresOn !== null) {
      c.addIssue({
        code: 'custom',
        path: ['expiresOn'],
        message: 'Only a certification expires',
      });
    }
  });

// ---------------------------------------------------------------- matrix

export const SkillMatrixQuery = z.object({
  teamId: Id.optional(),
  orgUnitId: Id.optional(),
  categoryId: Id.optional(),
  skillId: Id.optional(),
  /** With a skill: people at this level or above in it; otherwise in any shown skill. */
  minLevel: SkillLevelNumber.optional(),
  q: z.string().trim().max(100).optional(),
});

export const SkillMatrixCell = z.object({
  skillId: Id,
  level: z.number().int(),
  source: SkillSource,
  expiresOn: IsoDate.nullable(),
  expired: z.boolean(),
});
export const SkillMatrix = z.object({
  /** The day expiries are judged against. */
  on: IsoDate,
  skills: z.array(z.object({ id: Id, code: z.string(), name: z.string(), category: Ref })),
  people: z.array(
    z.object({
      id: Id,
      name: z.string(),
      jobTitle: z.string().nullable(),
      orgUnit: Ref.nullable(),
      team: Ref.nullable(),
      cells: z.array(SkillMatrixCell),
    }),
  ),
  /** People at each level per shown skill: counts[skillIndex][level - 1]. */
  counts: z.array(z.array(z.number().int()).length(5)),
});
export type SkillMatrix = z.infer<typeof SkillMatrix>;

// ---------------------------------------------------------------- resource requests

export const REQUEST_STATUSES = [
  'draft',
  'submitted',
  'partially_staffed',
  'staffed',
  'rejected',
  'cancelled',
] as const;
export const RequestStatus = z.enum(REQUEST_STATUSES);
export type RequestStatus = z.infer<typeof RequestStatus>;
export const RequestPriority = z.enum(['low', 'medium', 'high', 'critical']);

export const RequestSkill = z.object({ skillId: Id, minLevel: z.number().int().min(1).max(5) });

export const ResourceRequest = z.object({
  id: Id,
  project: z.object({ id: Id, code: z.string(), name: z.string() }),
  role: Ref.nullable(),
  person: Ref.nullable(),
  skills: z.array(RequestSkill.extend({ name: z.string() })),
  start: IsoDate,
  finish: IsoDate,
  unit: z.enum(['hours', 'fte']),
  amount: z.number(),
  priority: RequestPriority,
  comment: z.string(),
  status: RequestStatus,
  answer: z.string(),
  /** Allocations answering the request, and how much of the amount they cover (same unit). */
  allocations: z.array(
    z.object({
      id: Id,
      person: Ref,
      start: IsoDate,
      finish: IsoDate,
      unit: z.enum(['hours', 'percent']),
      amount: z.number(),
      status: z.enum(['soft', 'hard']),
      version: z.number().int(),
    }),
  ),
  covered: z.number(),
  requestedBy: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type ResourceRequest = z.infer<typeof ResourceRequest>;
export const ResourceRequestList = z.object({ items: z.array(ResourceRequest) });
export const ResourceRequestListQuery = z.object({
  status: RequestStatus.optional(),
  /** Open requests only: submitted or partially staffed. */
  open: z.enum(['true', 'false']).optional(),
});

const requestFields = {
  roleId: Id.nullable().default(null),
  personId: Id.nullable().default(null),
  skills: z.array(RequestSkill).max(20).default([]),
  start: IsoDate,
  finish: IsoDate,
  unit: z.enum(['hours', 'fte']),
  amount: z.number().positive().max(10_000),
  priority: RequestPriority.default('medium'),
  comment: z.string().trim().max(2000).default(''),
};
export const CreateResourceRequestBody = z
  .object({ ...requestFields, submit: z.boolean().default(false) })
  .superRefine((b, c) => {
    if (b.finish < b.start) {
      c.addIssue({ code: 'custom', path: ['finish'], message: 'The finish is before the start' });
    }
    if (!b.roleId && !b.personId && b.skills.length === 0) {
      c.addIssue({
        code: 'custom',
        path: ['roleId'],
        message: 'Name a role, a person or at least one skill',
      });
    }
    if (new Set(b.skills.map((s) => s.skillId)).size !== b.skills.length) {
      c.addIssue({ code: 'custom', path: ['skills'], message: 'A skill is listed twice' });
    }
  });
export const UpdateResourceRequestBody = z.object({
  roleId: Id.nullable().optional(),
  personId: Id.nullable().optional(),
  skills: z.array(RequestSkill).max(20).optional(),
  start: IsoDate.optional(),
  finish: IsoDate.optional(),
  unit: z.enum(['hours', 'fte']).optional(),
  amount: z.number().positive().max(10_000).optional(),
  priority: RequestPriority.optional(),
  comment: z.string().trim().max(2000).optional(),
});
export const RequestTransitionBody = z.object({
  action: z.enum(['submit', 'cancel', 'reject', 'reopen']),
  answer: z.string().trim().max(2000).default(''),
});
export const AnswerRequestBody = z.object({
  personId: Id,
  /** Proposed (soft) or confirmed (hard). */
  status: z.enum(['soft', 'hard']).default('soft'),
  unit: z.enum(['hours', 'percent']),
  amount: z.number().positive().max(1000),
  start: IsoDate.optional(),
  finish: IsoDate.optional(),
});
// Training costs posted to a project's budget (a commitment or an actual cost, through finance).

export const POSTING_KINDS = ['commitment', 'actual'] as const;
export type PostingKind = (typeof POSTING_KINDS)[number];

/** A session's cost charged to a project budget line. */
export const POSTING_REVIEWS = ['participants_changed', 'session_cancelled'] as const;

export const TrainingCostPosting = z.object({
  id: Id,
  sessionId: Id,
  project: z.object({ id: Id, code: z.string(), name: z.string() }),
  line: Ref.nullable(),
  kind: z.enum(POSTING_KINDS),
  /** The finance record: purchase order (commitment) or actual cost. */
  purchaseOrderId: Id.nullable(),
  actualCostId: Id.nullable(),
  reference: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  participants: z.number().int(),
  /** The amount was the session's own, not course cost × seats held. */
  ownCost: z.boolean(),
  postedOn: IsoDate,
  /** Today's cost of the session (course cost × seats held), to tell a posting that is out of date. */
  currentCostMinor: z.number().int(),
  /** Seats changed since: the posted amount is no longer course cost × seats held. */
  outOfDate: z.boolean(),
  /**
   * An actual cost finance should look at (never changed by itself): the participants changed
   * after it was posted, or the session was cancelled. Null once checked (« Vérifié »).
   */
  review: z.enum(POSTING_REVIEWS).nullable(),
  version: z.number().int(),
});
export type TrainingCostPosting = z.infer<typeof TrainingCostPosting>;
export const TrainingCostPostingList = z.object({ items: z.array(TrainingCostPosting) });
export const PostingListQuery = z.object({ sessionId: Id.optional() });

export const CreatePostingBody = z.object({
  projectId: Id,
  lineId: Id.nullable().default(null),
  kind: z.enum(POSTING_KINDS),
  /** Order date (commitment) or cost date (actual); default the session's first/last day. */
  date: IsoDate.optional(),
  /** The session's own cost (e.g. an intra-company price); default course cost × seats held. */
  amountMinor: z.number().int().min(1).max(1e13).optional(),
});
export type CreatePostingBody = z.infer<typeof CreatePostingBody>;

export const RealisePostingBody = z.object({
  /** The actual cost's date; default the session's last day. */
  date: IsoDate.optional(),
  /** The invoiced amount when it differs from the commitment. */
  amountMinor: z.number().int().min(1).max(1e13).optional(),
});
