import { z } from 'zod';
import { Id, Instant, IsoDate, Ref, Text } from './common.ts';
import { IndexStatus, Money, Month } from './finance.ts';

/**
 * EVM thresholds (company, portfolio override), EV history and trend, the monthly forecast
 * cycle, the company discount-rate policy and benefits tracking. Money: integer minor units, EUR.
 */

const Band = (lo: number, hi: number) =>
  z.object({ watch: z.number().min(lo).max(hi), alert: z.number().min(lo).max(hi) });

export const ThresholdsBody = z.object({
  spi: Band(0, 10),
  cpi: Band(0, 10),
  /** VAC as a fraction of BAC: −0.05 is −5 %. */
  vac: Band(-1, 1),
});
export type ThresholdsBody = z.infer<typeof ThresholdsBody>;

export const Thresholds = ThresholdsBody.extend({
  /** `company`, `portfolio` (its own override) or `default` (nothing set yet). */
  source: z.enum(['default', 'company', 'portfolio']),
  portfolioId: Id.nullable(),
  /** 0 when nothing is stored yet (If-Match "0" creates). */
  version: z.number().int(),
});
export type Thresholds = z.infer<typeof Thresholds>;

export const PortfolioThresholds = z.object({
  company: Thresholds,
  portfolios: z.array(
    z.object({ id: Id, code: z.string(), name: z.string(), override: Thresholds.nullable() }),
  ),
  can: z.object({ manage: z.boolean() }),
});
export type PortfolioThresholds = z.infer<typeof PortfolioThresholds>;

export const EvmStatuses = z.object({
  spi: IndexStatus.nullable(),
  cpi: IndexStatus.nullable(),
  vac: IndexStatus.nullable(),
});

export const EvmSnapshot = z.object({
  month: Month,
  statusDate: IsoDate,
  pv: Money,
  ev: Money,
  ac: Money,
  bac: Money,
  eac: Money,
  spi: z.number().nullable(),
  cpi: z.number().nullable(),
  statuses: EvmStatuses,
  /** Recorded by the monthly job (null) or by someone closing the month. */
  recordedBy: Ref.nullable(),
});

export const Direction = z.enum(['improving', 'stable', 'worsening']);
export const EvmTrend = z.object({
  projectId: Id,
  thresholds: Thresholds,
  snapshots: z.array(EvmSnapshot),
  spi: Direction.nullable(),
  cpi: Direction.nullable(),
});
export type EvmTrend = z.infer<typeof EvmTrend>;

export const SnapshotBody = z.object({
  /** The month whose end to record (default: the previous month). */
  month: Month.optional(),
});
export const SnapshotResult = z.object({
  month: Month,
  statusDate: IsoDate,
  recorded: z.number().int(),
  skipped: z.number().int(),
});

// ---------------------------------------------------------------- forecast cycle

export const ForecastStatus = z.enum(['submitted', 'approved', 'rejected']);
export const SubmitForecastBody = z.object({
  period: Month,
  /**
   * The estimate to complete by budget line and month (bottom-up). An entry without `lineId` is
   * spread over the lines in proportion to their working budget still to come.
   */
  etcByMonth: z
    .array(z.object({ month: Month, amount: Money, lineId: Id.nullable().optional() }))
    .max(5000),
  comment: Text(2000),
});
export type SubmitForecastBody = z.infer<typeof SubmitForecastBody>;

export const Forecast = z.object({
  id: Id,
  period: Month,
  status: ForecastStatus,
  etcByMonth: z.array(z.object({ month: Month, amount: Money })),
  etc: Money,
  ac: Money,
  bac: Money,
  eac: Money,
  /** BAC − EAC (negative: overrun). */
  variance: Money,
  variancePct: z.number().nullable(),
  /** EAC − the previous approved forecast's EAC. */
  changeSincePrevious: Money.nullable(),
  /** The month of the previous approved forecast this one is compared with. */
  previousPeriod: Month.nullable(),
  /** AC spent since the previous approved forecast (AC now − AC then). */
  acSincePrevious: Money.nullable(),
  /**
   * What changed since last month, per budget line: the line's ETC now and in the previous
   * approved forecast (null without one). `lineId` null: ETC on no line (no budget lines).
   */
  lines: z.array(
    z.object({
      lineId: Id.nullable(),
      label: z.string().nullable(),
      etc: Money,
      previousEtc: Money.nullable(),
    }),
  ),
  /** Approved and applied: the lines' ETC (and so the bottom-up EAC and the roll-up) come from it. */
  inForce: z.boolean(),
  comment: z.string(),
  submittedBy: Ref.nullable(),
  submittedAt: Instant,
  decidedBy: Ref.nullable(),
  decidedAt: Instant.nullable(),
  decisionComment: z.string(),
  version: z.number().int(),
});
export type Forecast = z.infer<typeof Forecast>;

export const ForecastCycle = z.object({
  projectId: Id,
  /** What a new forecast starts from: today's AC, the baseline BAC, the working budget still to come by month. */
  current: z.object({
    period: Month,
    ac: Money,
    bac: Money,
    remainingBudget: z.array(z.object({ month: Month, amount: Money })),
    /** Per budget line: its working budget still to come by month, its AC and current ETC. */
    lines: z.array(
      z.object({
        lineId: Id,
        label: z.string(),
        ac: Money,
        etc: Money.nullable(),
        remainingBudget: z.array(z.object({ month: Month, amount: Money })),
      }),
    ),
    /**
     * The approved forecast in force (null: none): a new forecast's cells start from its months
     * still to come for the lines it covers (`lineId` null: the project without lines).
     */
    startFrom: z
      .object({
        period: Month,
        covered: z.array(Id.nullable()),
        cells: z.array(z.object({ lineId: Id.nullable(), month: Month, amount: Money })),
      })
      .nullable(),
  }),
  items: z.array(Forecast),
  can: z.object({ submit: z.boolean(), decide: z.boolean() }),
});
export type ForecastCycle = z.infer<typeof ForecastCycle>;

export const ForecastParams = z.object({ id: Id, forecastId: Id });
export const DecideForecastBody = z.object({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().max(2000).default(''),
});

export const PendingForecasts = z.object({
  items: z.array(
    Forecast.extend({ project: z.object({ id: Id, code: z.string(), name: z.string() }) }),
  ),
});
export type PendingForecasts = z.infer<typeof PendingForecasts>;

// ---------------------------------------------------------------- exchange rates

export const RateParams = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/),
  validFrom: IsoDate,
});

// ---------------------------------------------------------------- discount rate policy

/** A percentage as a decimal string ("8", "7.25"), like the business case's rate. */
export const RateText = z
  .string()
  .regex(/^\d{1,2}([.,]\d{1,4})?$/, 'Expected a percentage like 8 or 7,25');

export const DiscountRateBody = z.object({
  effectiveFrom: IsoDate,
  rate: RateText,
  note: z.string().trim().max(2000).default(''),
});
export const DiscountRatePolicy = z.object({
  id: Id,
  effectiveFrom: IsoDate,
  rate: z.string(),
  note: z.string(),
  createdBy: Ref.nullable(),
  createdAt: Instant,
  version: z.number().int(),
});
export type DiscountRatePolicy = z.infer<typeof DiscountRatePolicy>;
export const DiscountRates = z.object({
  items: z.array(DiscountRatePolicy),
  /** The policy in force on the given date (today by default). */
  inForce: DiscountRatePolicy.nullable(),
  date: IsoDate,
  can: z.object({ manage: z.boolean() }),
});
export type DiscountRates = z.infer<typeof DiscountRates>;
export const DiscountRateParams = z.object({ policyId: Id });

// ---------------------------------------------------------------- benefits tracking

export const BENEFIT_KINDS = ['saving', 'revenue', 'avoided'] as const;
export const BenefitKind = z.enum(BENEFIT_KINDS);
export const Period = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'Expected YYYY or YYYY-MM');

export const RecordBenefitBody = z.object({
  period: Period,
  kind: BenefitKind,
  amount: Money.min(0),
  comment: z.string().trim().max(2000).default(''),
});
export const UpdateBenefitBody = RecordBenefitBody.partial();
export const BenefitParams = z.object({ id: Id, benefitId: Id });

export const Realisation = z.object({
  id: Id,
  period: z.string(),
  kind: BenefitKind,
  amount: Money,
  comment: z.string(),
  recordedBy: Ref.nullable(),
  version: z.number().int(),
});
export type Realisation = z.infer<typeof Realisation>;

export const BenefitRow = z.object({
  period: z.string(),
  planned: Money,
  expected: Money,
  realised: Money,
  gap: Money,
});
export const BenefitTotals = z.object({
  planned: Money,
  expected: Money,
  realised: Money,
  gap: Money,
  /** Planned over the periods due today (a year is due from its January). */
  plannedToDate: Money,
  gapToDate: Money,
});

export const ProjectBenefits = z.object({
  projectId: Id,
  projectStatus: z.string(),
  /** The business case the benefits are planned in (the request the project came from). */
  businessCase: z
    .object({
      requestId: Id,
      reference: z.string(),
      periodicity: z.enum(['year', 'month']),
      firstPeriod: z.string(),
      discountRate: z.string(),
    })
    .nullable(),
  rows: z.array(BenefitRow),
  totals: BenefitTotals,
  realisationRate: z.number().nullable(),
  realisations: z.array(Realisation),
  can: z.object({ record: z.boolean() }),
});
export type ProjectBenefits = z.infer<typeof ProjectBenefits>;

export const PortfolioBenefits = z.object({
  projects: z.array(
    z.object({
      id: Id,
      code: z.string(),
      name: z.string(),
      status: z.string(),
      portfolio: z.string(),
      reference: z.string().nullable(),
      totals: BenefitTotals,
      realisationRate: z.number().nullable(),
    }),
  ),
  /** Planned vs realised by period across the projects shown (yearly: monthly periods sum into their year). */
  byYear: z.array(BenefitRow),
  totals: BenefitTotals,
});
export type PortfolioBenefits = z.infer<typeof PortfolioBenefits>;
export const PortfolioBenefitsQuery = z.object({ portfolioId: Id.optional() });
