import { z } from 'zod';
import { LESSON_CATEGORIES, LESSON_KINDS } from '../core/methods/lessons.ts';
import { POLICY_CATEGORIES } from '../core/methods/policies.ts';
import { Id, Instant, IsoDate, Ref, Text } from './common.ts';
import { FindingQuery } from './governance.ts';

/**
 * The methods API: governance policies (published versions with an effective date, who
 * acknowledged them), company-wide role descriptions linked to RACI roles, and lessons learned
 * (REX) captured per project, searchable across the portfolio and suggested to similar projects.
 */

// ---------------------------------------------------------------- policies

export const PolicyCategory = z.enum(POLICY_CATEGORIES);
export type PolicyCategory = z.infer<typeof PolicyCategory>;

export const PolicyVersion = z.object({
  id: Id,
  number: z.number().int(),
  summary: z.string(),
  effectiveOn: IsoDate,
  publishedBy: z.string().nullable(),
  publishedAt: Instant,
  acknowledgedCount: z.number().int(),
});
export type PolicyVersion = z.infer<typeof PolicyVersion>;

export const PolicySummary = z.object({
  id: Id,
  code: z.string(),
  title: z.string(),
  category: PolicyCategory,
  owner: Ref.nullable(),
  latestNumber: z.number().int(),
  /** The version in force today (null: none effective yet). */
  inForce: PolicyVersion.nullable(),
  /** A newer version published with a later effective date. */
  upcoming: PolicyVersion.nullable(),
  /** Whether the caller acknowledged the version in force. */
  acknowledgedByMe: z.boolean(),
  version: z.number().int(),
});
export type PolicySummary = z.infer<typeof PolicySummary>;
export const PolicyList = z.object({ items: z.array(PolicySummary) });

export const Policy = PolicySummary.extend({
  versions: z.array(PolicyVersion),
  /** The version shown (the one in force, else the latest; or the one asked for) and its text. */
  shown: PolicyVersion.nullable(),
  body: z.string(),
  acknowledgements: z.array(z.object({ name: z.string(), at: Instant })),
});
export type Policy = z.infer<typeof Policy>;

export const PolicyQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

const PolicyVersionInput = {
  body: z.string().trim().min(1).max(50_000),
  summary: z.string().trim().max(1000).default(''),
  effectiveOn: IsoDate,
};

export const CreatePolicyBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,29}$/, 'Capitals, digits and dashes (2 to 30)'),
  title: Text(200),
  category: PolicyCategory,
  ownerId: Id.nullable().default(null),
  ...PolicyVersionInput,
});

/** Publishes a new version (If-Match: the policy's version). */
export const PublishPolicyBody = z.object({
  title: Text(200).optional(),
  ownerId: Id.nullable().optional(),
  ...PolicyVersionInput,
});

export const AcknowledgeBody = z.object({ number: z.number().int().min(1) });

// ---------------------------------------------------------------- role descriptions

export const RoleDescription = z.object({
  id: Id,
  name: z.string(),
  mission: z.string(),
  responsibilities: z.array(z.string()),
  raciLabels: z.array(z.string()),
  version: z.number().int(),
});
export type RoleDescription = z.infer<typeof RoleDescription>;
export const RoleDescriptionList = z.object({ items: z.array(RoleDescription) });

export const RoleDescriptionBody = z.object({
  name: Text(120),
  mission: z.string().trim().max(2000).default(''),
  responsibilities: z.array(Text(500)).max(40).default([]),
  raciLabels: z.array(Text(120)).max(20).default([]),
});
export const UpdateRoleDescriptionBody = RoleDescriptionBody.partial();

// ---------------------------------------------------------------- lessons learned

export const LessonKind = z.enum(LESSON_KINDS);
export type LessonKind = z.infer<typeof LessonKind>;
export const LessonCategory = z.enum(LESSON_CATEGORIES);
export type LessonCategory = z.infer<typeof LessonCategory>;

export const Lesson = z.object({
  id: Id,
  project: Ref.extend({ code: z.string() }),
  methodology: Ref.nullable(),
  phaseKey: z.string().nullable(),
  kind: LessonKind,
  category: LessonCategory,
  title: z.string(),
  description: z.string(),
  recommendation: z.string(),
  tags: z.array(z.string()),
  author: z.string().nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number().int(),
});
export type Lesson = z.infer<typeof Lesson>;

export const LessonList = z.object({ items: z.array(Lesson), total: z.number().int() });

export const LessonQuery = z.object({
  q: z.string().trim().max(200).optional(),
  kind: LessonKind.optional(),
  category: LessonCategory.optional(),
  methodologyId: Id.optional(),
  portfolioId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

const Tag = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .transform((s) => s.toLowerCase());

export const CreateLessonBody = z.object({
  phaseKey: z.string().trim().max(40).nullable().default(null),
  kind: LessonKind,
  category: LessonCategory,
  title: Text(200),
  description: z.string().trim().max(5000).default(''),
  recommendation: z.string().trim().max(5000).default(''),
  tags: z.array(Tag).max(10).default([]),
});
export const UpdateLessonBody = CreateLessonBody.partial();

export const LessonParams = z.object({ id: Id, lessonId: Id });

export const LessonSuggestion = z.object({
  lesson: Lesson,
  sameMethod: z.boolean(),
  sharedTags: z.array(z.string()),
});
export const LessonSuggestionList = z.object({ items: z.array(LessonSuggestion) });
export const SuggestionQuery = z.object({
  methodologyId: Id.optional(),
  tags: z
    .string()
    .max(500)
    .optional()
    .transform((s) =>
      s
        ? s
            .split(',')
            .map((x) => x.trim().toLowerCase())
            .filter(Boolean)
        : [],
    ),
});

// ---------------------------------------------------------------- quality findings export

export const FindingsExportQuery = FindingQuery.extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  locale: z.enum(['fr', 'en']).default('fr'),
});

// ---------------------------------------------------------------- my corrective actions

export const MyCorrectiveAction = z.object({
  id: Id,
  description: z.string(),
  dueDate: IsoDate,
  status: z.enum(['todo', 'in_progress']),
  overdue: z.boolean(),
  finding: z.object({
    id: Id,
    description: z.string(),
    severity: z.enum(['minor', 'major', 'critical']),
  }),
  project: Ref.extend({ code: z.string() }),
});
export type MyCorrectiveAction = z.infer<typeof MyCorrectiveAction>;
export const MyCorrectiveActionList = z.object({ items: z.array(MyCorrectiveAction) });

// ---------------------------------------------------------------- standard milestones and KPIs

const MethodRef = z.object({ id: Id, code: z.string(), name: z.string() });

export const StandardMilestone = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  definition: z.string(),
  definitionEn: z.string(),
  evidence: z.string(),
  /** A gate counts the milestone as met only when reached and its evidence is attached. */
  evidenceRequired: z.boolean(),
  /** Methods whose latest version names this milestone. */
  usedBy: z.array(MethodRef),
  version: z.number().int(),
});
export type StandardMilestone = z.infer<typeof StandardMilestone>;

/** A KPI definition of the company catalogue (reporting) as methods see it. */
export const StandardKpi = z.object({
  id: Id,
  code: z.string(),
  nameFr: z.string(),
  nameEn: z.string(),
  description: z.string(),
  unit: z.string(),
  level: z.enum(['project', 'program', 'portfolio']),
  direction: z.enum(['up', 'down']),
  target: z.number().nullable(),
  standard: z.boolean(),
  usedBy: z.array(MethodRef),
});
export type StandardKpi = z.infer<typeof StandardKpi>;

export const Standards = z.object({
  milestones: z.array(StandardMilestone),
  kpis: z.array(StandardKpi),
});
export type Standards = z.infer<typeof Standards>;

export const StandardMilestoneBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9-]{0,29}$/, 'Capitals, digits and dashes (1 to 30)'),
  name: Text(120),
  nameEn: z.string().trim().max(120).default(''),
  definition: z.string().trim().max(2000).default(''),
  definitionEn: z.string().trim().max(2000).default(''),
  evidence: z.string().trim().max(2000).default(''),
  evidenceRequired: z.boolean().default(false),
});
export const UpdateStandardMilestoneBody = StandardMilestoneBody.partial();

/** A piece of evidence for a project's standard milestone: one of its deliverables, or a link. */
export const MilestoneEvidence = z.object({
  id: Id,
  document: z
    .object({ id: Id, name: z.string(), status: z.string(), reference: z.string() })
    .nullable(),
  url: z.string().nullable(),
  note: z.string(),
  addedBy: z.string(),
  addedAt: Instant,
  version: z.number().int(),
});
export type MilestoneEvidence = z.infer<typeof MilestoneEvidence>;

/** Attach evidence: a deliverable of the project (documentId) or a link (url), not both. */
export const MilestoneEvidenceBody = z
  .object({
    milestoneId: Id,
    documentId: Id.optional(),
    url: z
      .string()
      .trim()
      .max(2000)
      .regex(/^https?:\/\/\S+$/i, 'An http(s) address')
      .optional(),
    note: z.string().trim().max(500).default(''),
  })
  .superRefine((b, c) => {
    if ((b.documentId === undefined) === (b.url === undefined))
      c.addIssue({
        code: 'custom',
        path: b.documentId === undefined ? ['documentId'] : ['url'],
        message: 'Give either a document of the project or a link',
      });
  });

export const EvidenceParams = z.object({ id: Id, evidenceId: Id });

export const MILESTONE_STATE_VALUES = ['reached', 'late', 'planned', 'missing'] as const;

export const ProjectStandards = z.object({
  methodology: z.object({ id: Id, name: z.string(), version: z.number().int() }).nullable(),
  milestones: z.array(
    z.object({
      milestone: StandardMilestone.omit({ usedBy: true, version: true }),
      phaseName: z.string().nullable(),
      task: z
        .object({ id: Id, name: z.string(), date: IsoDate.nullable(), percentComplete: z.number() })
        .nullable(),
      how: z.enum(['linked', 'matched']).nullable(),
      state: z.enum(MILESTONE_STATE_VALUES),
      /** The evidence attached (documents of the project or links), oldest first. */
      evidence: z.array(MilestoneEvidence),
    }),
  ),
  /** The project's deliverables (its documents), to attach one as evidence. */
  documents: z.array(z.object({ id: Id, name: z.string(), status: z.string() })),
  kpis: z.array(
    StandardKpi.omit({ usedBy: true }).extend({
      latest: z
        .object({ asOf: IsoDate, value: z.number().nullable(), status: z.string().nullable() })
        .nullable(),
    }),
  ),
  /** The plan's milestones, to link one by hand. */
  planMilestones: z.array(z.object({ id: Id, name: z.string(), date: IsoDate.nullable() })),
  canLink: z.boolean(),
});
export type ProjectStandards = z.infer<typeof ProjectStandards>;

export const LinkMilestoneBody = z.object({
  milestoneId: Id,
  /** The plan milestone standing for it (null: remove the link, matching by name again). */
  taskId: Id.nullable(),
});

// ---------------------------------------------------------------- moving to a newer method version

export const MigrationQuery = z.object({
  version: z.coerce.number().int().min(1).optional(),
  phaseKey: z.string().max(40).optional(),
});

const DelivStatus = z.enum(['draft', 'submitted', 'approved']);
export const MigrationPreview = z.object({
  methodology: z.object({ id: Id, name: z.string() }),
  fromVersion: z.number().int(),
  toVersion: z.number().int(),
  changes: z.array(z.record(z.string(), z.unknown())),
  phases: z.array(z.object({ key: z.string(), name: z.string() })),
  currentPhaseKey: z.string(),
  phaseKey: z.string().nullable(),
  phaseKept: z.boolean(),
  suggestedPhaseKey: z.string(),
  added: z.array(
    z.object({ phaseKey: z.string(), key: z.string(), name: z.string(), required: z.boolean() }),
  ),
  kept: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      status: DelivStatus,
      required: z.boolean(),
      was: z.boolean(),
    }),
  ),
  outside: z.array(z.object({ key: z.string(), name: z.string(), status: DelivStatus })),
  milestones: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  kpis: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  /** The new version's WBS items the plan lacks, added to it by the move. */
  wbs: z.object({
    groups: z.array(
      z.object({
        phaseKey: z.string(),
        /** The plan tasks it goes under, from the top (empty: a new top-level phase). */
        parentPath: z.array(z.string()),
        items: z.array(
          z.object({ name: z.string(), milestone: z.boolean(), tasks: z.number().int() }),
        ),
      }),
    ),
    tasks: z.number().int(),
    /** Plan tasks the new version puts under another parent: moved there, not added again. */
    moves: z.array(
      z.object({
        name: z.string(),
        /** The plan tasks from the top down to where it is, and to where it goes. */
        fromPath: z.array(z.string()),
        toPath: z.array(z.string()),
      }),
    ),
  }),
});
export type MigrationPreview = z.infer<typeof MigrationPreview>;

export const MigrateBody = z.object({
  version: z.number().int().min(1),
  /** Required when the new version no longer has the project's phase. */
  phaseKey: z.string().max(40).optional(),
});
