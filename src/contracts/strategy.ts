import { z } from 'zod';
import { BENEFIT_KINDS, COST_KINDS } from '../core/strategy/business-case.ts';
import { Id, Instant, IsoDate, Ref, Text } from './common.ts';
import { ProjectCode } from './portfolio.ts';

/** The intake pipeline, in board order. */
export const REQUEST_STAGES = [
  'submitted',
  'needs_info',
  'evaluation',
  'approved',
  'rejected',
] as const;
export const RequestStage = z.enum(REQUEST_STAGES);
export type RequestStage = z.infer<typeof RequestStage>;

export const URGENCIES = ['low', 'medium', 'high', 'critical'] as const;
export const Urgency = z.enum(URGENCIES);

/** Money in minor units (cents), a whole number. */
const MinorUnits = z.number().int().min(0).max(1e15);

export const CreateRequestBody = z
  .object({
    title: Text(200),
    problem: z.string().trim().min(1).max(20000),
    expectedBenefits: z.string().trim().max(20000).default(''),
    sponsorId: Id.nullable().optional(),
    portfolioId: Id.nullable().optional(),
    roughCost: MinorUnits.nullable().optional(),
    roughEffortDays: z.number().int().min(0).max(1_000_000).nullable().optional(),
    desiredStart: IsoDate.nullable().optional(),
    desiredEnd: IsoDate.nullable().optional(),
    urgency: Urgency.default('medium'),
  })
  .refine((b) => !b.desiredStart || !b.desiredEnd || b.desiredStart <= b.desiredEnd, {
    path: ['desiredEnd'],
    message: 'Must not be before the desired start',
  });
export type CreateRequestBody = z.infer<typeof CreateRequestBody>;

export const UpdateRequestBody = z.object({
  title: Text(200).optional(),
  problem: z.string().trim().min(1).max(20000).optional(),
  expectedBenefits: z.string().trim().max(20000).optional(),
  sponsorId: Id.nullable().optional(),
  portfolioId: Id.nullable().optional(),
  roughCost: MinorUnits.nullable().optional(),
  roughEffortDays: z.number().int().min(0).max(1_000_000).nullable().optional(),
  desiredStart: IsoDate.nullable().optional(),
  desiredEnd: IsoDate.nullable().optional(),
  urgency: Urgency.optional(),
});
export type UpdateRequestBody = z.infer<typeof UpdateRequestBody>;

export const TRIAGE_DECISIONS = ['reject', 'ask_info', 'accept'] as const;
export const TriageBody = z.object({
  decision: z.enum(TRIAGE_DECISIONS),
  note: z.string().trim().max(5000).default(''),
});
export type TriageBody = z.infer<typeof TriageBody>;

export const CashFlowLine = z.object({
  kind: z.enum([...COST_KINDS, ...BENEFIT_KINDS]),
  label: Text(200),
  amounts: z.array(MinorUnits).max(240),
  confidence: z.number().int().min(0).max(100).optional(),
});

export const BusinessCaseBody = z.object({
  periodicity: z.enum(['year', 'month']),
  firstPeriod: z.string().regex(/^\d{4}(-\d{2})?$/),
  /** Annual discount rate in percent, as a decimal string ("8", "7.25"). */
  discountRate: z.string().regex(/^-?\d{1,3}([.,]\d{1,6})?$/),
  lines: z.array(CashFlowLine).max(100),
});
export type BusinessCaseBody = z.infer<typeof BusinessCaseBody>;

const IrrOut = z.union([
  z.object({ status: z.literal('ok'), rate: z.number() }),
  z.object({ status: z.literal('none') }),
  z.object({ status: z.literal('multiple'), signChanges: z.number().int() }),
]);
export const IndicatorsOut = z.object({
  net: z.array(z.number()),
  totalCosts: z.number(),
  totalBenefits: z.number(),
  npv: z.number(),
  irr: IrrOut,
  roi: z.number().nullable(),
  payback: z.number().nullable(),
});
export const BusinessCaseOut = BusinessCaseBody.extend({
  indicators: z.object({
    base: IndicatorsOut,
    costsUp20: IndicatorsOut,
    benefitsDown20: IndicatorsOut,
    delay1Year: IndicatorsOut,
  }),
});

export const ApproveBody = z.object({
  code: ProjectCode,
  portfolioId: Id,
  managerId: Id.nullable().optional(),
});
export type ApproveBody = z.infer<typeof ApproveBody>;

export const ProjectRequest = z.object({
  id: Id,
  reference: z.string(),
  title: z.string(),
  problem: z.string(),
  expectedBenefits: z.string(),
  requester: Ref.nullable(),
  sponsor: Ref.nullable(),
  portfolio: Ref.nullable(),
  roughCost: z.number().nullable(),
  currency: z.string(),
  roughEffortDays: z.number().nullable(),
  desiredStart: IsoDate.nullable(),
  desiredEnd: IsoDate.nullable(),
  urgency: Urgency,
  stage: RequestStage,
  triageNote: z.string(),
  project: Ref.nullable(),
  businessCase: BusinessCaseOut.nullable(),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type ProjectRequest = z.infer<typeof ProjectRequest>;

export const RequestSummary = ProjectRequest.omit({ businessCase: true, problem: true }).extend({
  npv: z.number().nullable(),
});
export type RequestSummary = z.infer<typeof RequestSummary>;
export const RequestList = z.object({ items: z.array(RequestSummary) });
