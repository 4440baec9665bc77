import { z } from 'zod';
import { PROJECT_ROLES } from '../core/platform/permissions.ts';
import { Id, Instant, IsoDate, PageQuery, QueryBool, Ref, Text, pageOf } from './common.ts';

export const PROJECT_STATUSES = ['proposed', 'active', 'on_hold', 'closed', 'cancelled'] as const;
export const ProjectStatus = z.enum(PROJECT_STATUSES);
export type ProjectStatus = z.infer<typeof ProjectStatus>;

export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

export const ProjectRole = z.enum(PROJECT_ROLES);

/** A project code such as `PRJ-2027-014`: capitals, digits and dashes. */
export const ProjectCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,29}$/, 'Letters, digits and dashes, 2 to 30 characters');

/** Custom fields: typed values under short keys. */
export const CustomFields = z.record(
  z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, 'Key: a letter then letters, digits or _'),
  z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]),
);

export const Portfolio = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  description: z.string(),
  owner: Ref.nullable(),
  programCount: z.number().int(),
  projectCount: z.number().int(),
  archived: z.boolean(),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Portfolio = z.infer<typeof Portfolio>;
export const PortfolioList = z.object({ items: z.array(Portfolio) });

export const CreatePortfolioBody = z.object({
  code: ProjectCode,
  name: Text(200),
  description: z.string().max(5000).default(''),
  ownerId: Id.nullable().optional(),
});
export const UpdatePortfolioBody = z.object({
  code: ProjectCode.optional(),
  name: Text(200).optional(),
  description: z.string().max(5000).optional(),
  ownerId: Id.nullable().optional(),
  archived: z.boolean().optional(),
});

export const Program = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  description: z.string(),
  portfolio: Ref,
  manager: Ref.nullable(),
  projectCount: z.number().int(),
  archived: z.boolean(),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Program = z.infer<typeof Program>;
export const ProgramList = z.object({ items: z.array(Program) });
export const ProgramListQuery = z.object({ portfolioId: Id.optional() });

export const CreateProgramBody = z.object({
  code: ProjectCode,
  name: Text(200),
  description: z.string().max(5000).default(''),
  portfolioId: Id,
  managerId: Id.nullable().optional(),
});
export const UpdateProgramBody = z.object({
  code: ProjectCode.optional(),
  name: Text(200).optional(),
  description: z.string().max(5000).optional(),
  portfolioId: Id.optional(),
  managerId: Id.nullable().optional(),
  archived: z.boolean().optional(),
});

/** A project as listed: enough to show a row. */
export const ProjectSummary = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  status: ProjectStatus,
  priority: Priority,
  portfolio: Ref,
  program: Ref.nullable(),
  parentId: Id.nullable(),
  manager: Ref.nullable(),
  orgUnit: Ref.nullable(),
  plannedStart: IsoDate.nullable(),
  plannedEnd: IsoDate.nullable(),
  tags: z.array(z.string()),
  childCount: z.number().int(),
  archived: z.boolean(),
  updatedAt: Instant,
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

/** A project with everything its page shows. */
export const Project = ProjectSummary.extend({
  description: z.string(),
  sponsor: Ref.nullable(),
  customFields: CustomFields,
  ancestors: z.array(z.object({ id: Id, code: z.string(), name: z.string() })),
  myRoles: z.array(ProjectRole),
  can: z.object({
    update: z.boolean(),
    archive: z.boolean(),
    manageMembers: z.boolean(),
    createSubProject: z.boolean(),
  }),
  version: z.number().int(),
  createdAt: Instant,
});
export type Project = z.infer<typeof Project>;

export const PROJECT_SORTS = ['name', 'code', 'plannedStart', 'plannedEnd', 'updatedAt'] as const;

export const ProjectListQuery = PageQuery.extend({
  portfolioId: Id.optional(),
  programId: Id.optional(),
  parentId: Id.optional(),
  topLevel: QueryBool.optional(),
  status: z
    .union([ProjectStatus, z.array(ProjectStatus)])
    .transform((s) => (Array.isArray(s) ? s : [s]))
    .optional(),
  managerId: Id.optional(),
  orgUnitId: Id.optional(),
  q: z.string().trim().max(200).optional(),
  includeArchived: QueryBool.optional(),
  sort: z.enum(PROJECT_SORTS).default('code'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type ProjectListQuery = z.infer<typeof ProjectListQuery>;
export const ProjectList = pageOf(ProjectSummary);

const dateRangeOk = (b: { plannedStart?: string | null; plannedEnd?: string | null }) =>
  !b.plannedStart || !b.plannedEnd || b.plannedStart <= b.plannedEnd;
const dateRangeIssue = { message: 'Must be on or after the planned start', path: ['plannedEnd'] };

export const CreateProjectBody = z
  .object({
    code: ProjectCode,
    name: Text(200),
    description: z.string().max(20000).default(''),
    portfolioId: Id,
    programId: Id.nullable().optional(),
    parentId: Id.nullable().optional(),
    sponsorId: Id.nullable().optional(),
    managerId: Id.nullable().optional(),
    orgUnitId: Id.nullable().optional(),
    status: ProjectStatus.default('proposed'),
    priority: Priority.default('medium'),
    plannedStart: IsoDate.nullable().optional(),
    plannedEnd: IsoDate.nullable().optional(),
    tags: z.array(Text(40)).max(20).default([]),
    customFields: CustomFields.default({}),
    /** Puts the new project on a methodology in the same transaction (governance). */
    methodology: z
      .object({
        methodologyId: Id,
        version: z.number().int().min(1).optional(),
        createWbs: z.boolean().default(true),
      })
      .optional(),
  })
  .refine(dateRangeOk, dateRangeIssue);
export type CreateProjectBody = z.infer<typeof CreateProjectBody>;

export const UpdateProjectBody = z
  .object({
    code: ProjectCode.optional(),
    name: Text(200).optional(),
    description: z.string().max(20000).optional(),
    portfolioId: Id.optional(),
    programId: Id.nullable().optional(),
    parentId: Id.nullable().optional(),
    sponsorId: Id.nullable().optional(),
    managerId: Id.nullable().optional(),
    orgUnitId: Id.nullable().optional(),
    status: ProjectStatus.optional(),
    priority: Priority.optional(),
    plannedStart: IsoDate.nullable().optional(),
    plannedEnd: IsoDate.nullable().optional(),
    tags: z.array(Text(40)).max(20).optional(),
    customFields: CustomFields.optional(),
  })
  .refine(dateRangeOk, dateRangeIssue);
export type UpdateProjectBody = z.infer<typeof UpdateProjectBody>;

export const Member = z.object({
  id: Id,
  person: Ref,
  email: z.string().nullable(),
  jobTitle: z.string().nullable(),
  role: ProjectRole,
  createdAt: Instant,
});
export type Member = z.infer<typeof Member>;
export const MemberList = z.object({ items: z.array(Member) });
export const AddMemberBody = z.object({ personId: Id, role: ProjectRole });
export const MemberParams = z.object({ id: Id, memberId: Id });

/** The navigation tree: portfolios, their programs, and how many projects each holds. */
export const TreeNode = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  projectCount: z.number().int(),
  programs: z.array(
    z.object({ id: Id, code: z.string(), name: z.string(), projectCount: z.number().int() }),
  ),
});
export const Tree = z.object({ items: z.array(TreeNode) });
