import { z } from 'zod';
import { Id, Instant, IsoDate, Ref, Text } from './common.ts';

/**
 * The finance API: a project's budget (lines phased by month, revisions and their approval,
 * forecasts), commitments and actual costs (entered or imported), earned value, and the
 * portfolio roll-up. Money is integer minor units (cents); totals are in EUR.
 */

export const BUDGET_CATEGORIES = [
  'internal_labour',
  'external_services',
  'software',
  'hardware',
  'travel',
  'other',
] as const;
export const BudgetCategory = z.enum(BUDGET_CATEGORIES);
export type BudgetCategory = z.infer<typeof BudgetCategory>;
export const CostNature = z.enum(['capex', 'opex']);
export type CostNature = z.infer<typeof CostNature>;
export const ActualSource = z.enum(['invoice', 'other', 'labour']);
export type ActualSource = z.infer<typeof ActualSource>;

/** A calendar month, `YYYY-MM`. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Expected YYYY-MM');
/** Integer minor units (cents), within the safe integer range. */
export const Money = z.number().int().min(-1e15).max(1e15);
/** An ISO 4217 currency code. */
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'Expected an ISO 4217 code');

export const MonthAmount = z.object({ month: Month, amount: Money });
export type MonthAmount = z.infer<typeof MonthAmount>;

export const BudgetLine = z.object({
  id: Id,
  position: z.number().int(),
  label: z.string(),
  category: BudgetCategory,
  nature: CostNature,
  costCentre: z.string(),
  task: z.object({ id: Id, wbs: z.string(), name: z.string() }).nullable(),
  /** The working budget, month by month (months without an amount are absent). */
  amounts: z.array(MonthAmount),
  /** Sum of the amounts. */
  total: Money,
  /** In the approved baseline (0 when the line is new since). */
  baseline: Money,
  committed: Money,
  actual: Money,
  /** Estimate to complete given by the project manager; null when none. */
  etc: Money.nullable(),
  /** actual + (etc, or what is left of the working budget when none). */
  eac: Money,
  /** Working budget − EAC (negative: overrun). */
  variance: Money,
  forecastComment: z.string(),
  version: z.number().int(),
});
export type BudgetLine = z.infer<typeof BudgetLine>;

export const RevisionStatus = z.enum(['submitted', 'approved', 'rejected']);
export const BudgetRevision = z.object({
  id: Id,
  number: z.number().int(),
  status: RevisionStatus,
  reason: z.string(),
  total: Money,
  submittedBy: Ref.nullable(),
  submittedAt: Instant,
  decidedBy: Ref.nullable(),
  decidedAt: Instant.nullable(),
  decisionComment: z.string(),
  version: z.number().int(),
});
export type BudgetRevision = z.infer<typeof BudgetRevision>;

/** A project's budget: the working lines, the months they span, the revisions, what the caller may do. */
export const Budget = z.object({
  projectId: Id,
  currency: z.literal('EUR'),
  months: z.array(Month),
  lines: z.array(BudgetLine),
  totals: z.object({
    byMonth: z.array(MonthAmount),
    total: Money,
    baseline: Money,
    committed: Money,
    actual: Money,
    eac: Money,
    variance: Money,
    capex: Money,
    opex: Money,
  }),
  /** The approved baseline (latest approved revision), if any. */
  baseline: BudgetRevision.nullable(),
  revisions: z.array(BudgetRevision),
  /** Working budget differs from the baseline (a revision is needed). */
  pendingChange: z.boolean(),
  can: z.object({ edit: z.boolean(), approve: z.boolean(), manage: z.boolean() }),
});
export type Budget = z.infer<typeof Budget>;

const LineFields = {
  label: Text(200),
  category: BudgetCategory,
  nature: CostNature,
  costCentre: z.string().trim().max(50),
  taskId: Id.nullable(),
};

export const CreateBudgetLineBody = z.object({
  ...LineFields,
  costCentre: LineFields.costCentre.default(''),
  taskId: Id.nullable().default(null),
  amounts: z.array(MonthAmount).max(240).default([]),
  /** Alternatively: an amount spread evenly (to the cent) over months `from`–`to`. */
  spread: z.object({ amount: Money, from: Month, to: Month }).optional(),
});
export type CreateBudgetLineBody = z.infer<typeof CreateBudgetLineBody>;

export const UpdateBudgetLineBody = z.object({
  label: LineFields.label.optional(),
  category: BudgetCategory.optional(),
  nature: CostNature.optional(),
  costCentre: LineFields.costCentre.optional(),
  taskId: Id.nullable().optional(),
  /** Months to set (0 clears a month); other months are left alone. */
  amounts: z.array(MonthAmount).max(240).optional(),
  etc: Money.min(0).nullable().optional(),
  forecastComment: z.string().trim().max(2000).optional(),
});
export type UpdateBudgetLineBody = z.infer<typeof UpdateBudgetLineBody>;

export const LineParams = z.object({ id: Id, lineId: Id });
export const RevisionParams = z.object({ id: Id, revisionId: Id });

export const SubmitRevisionBody = z.object({ reason: Text(2000) });
export const DecideRevisionBody = z.object({
  decision: z.enum(['approve', 'reject']),
  comment: z.string().trim().max(2000).default(''),
});

// ---------------------------------------------------------------- commitments and actuals

export const PurchaseOrder = z.object({
  id: Id,
  lineId: Id.nullable(),
  supplier: z.string(),
  reference: z.string(),
  description: z.string(),
  orderDate: IsoDate,
  amount: Money,
  currency: Currency,
  amountEur: Money,
  version: z.number().int(),
});
export type PurchaseOrder = z.infer<typeof PurchaseOrder>;

export const CreatePurchaseOrderBody = z.object({
  lineId: Id.nullable().default(null),
  supplier: Text(200),
  reference: Text(100),
  description: z.string().trim().max(2000).default(''),
  orderDate: IsoDate,
  amount: Money,
  currency: Currency.default('EUR'),
});

export const ActualCost = z.object({
  id: Id,
  lineId: Id.nullable(),
  source: ActualSource,
  date: IsoDate,
  supplier: z.string(),
  reference: z.string(),
  description: z.string(),
  amount: Money,
  currency: Currency,
  amountEur: Money,
  version: z.number().int(),
});
export type ActualCost = z.infer<typeof ActualCost>;

export const CreateActualBody = z.object({
  lineId: Id.nullable().default(null),
  /** Labour actuals come from approved timesheets, never typed in. */
  source: z.enum(['invoice', 'other']),
  date: IsoDate,
  supplier: z.string().trim().max(200).default(''),
  reference: z.string().trim().max(100).default(''),
  description: z.string().trim().max(2000).default(''),
  amount: Money,
  currency: Currency.default('EUR'),
});

export const CostLedger = z.object({
  purchaseOrders: z.array(PurchaseOrder),
  actuals: z.array(ActualCost),
  /** When the labour feed (approved timesheets × cost rates) last wrote, null if it never did. */
  labourSyncedAt: z.string().nullable(),
  can: z.object({ manage: z.boolean() }),
});
export type CostLedger = z.infer<typeof CostLedger>;

export const PurchaseOrderParams = z.object({ id: Id, orderId: Id });
export const ActualParams = z.object({ id: Id, actualId: Id });

/** The fields an actuals file can provide; the mapping names the file's column for each. */
export const ACTUAL_IMPORT_FIELDS = [
  'project',
  'line',
  'date',
  'amount',
  'currency',
  'source',
  'supplier',
  'reference',
  'description',
] as const;
export const ActualImportField = z.enum(ACTUAL_IMPORT_FIELDS);

export const ActualImportBody = z.object({
  /** What the file holds: actual costs (invoices, other costs) or commitments (purchase orders). */
  target: z.enum(['actuals', 'orders']).default('actuals'),
  format: z.enum(['csv', 'xlsx']),
  /** CSV text, or the XLSX file in base64. */
  content: z.string().max(48 * 1024 * 1024),
  /** Column header of the file for each field; `project`, `date` and `amount` are required. */
  mapping: z.object({
    project: Text(100),
    date: Text(100),
    amount: Text(100),
    line: z.string().trim().max(100).optional(),
    currency: z.string().trim().max(100).optional(),
    source: z.string().trim().max(100).optional(),
    supplier: z.string().trim().max(100).optional(),
    reference: z.string().trim().max(100).optional(),
    description: z.string().trim().max(100).optional(),
  }),
  dryRun: z.boolean().default(true),
});
export type ActualImportBody = z.infer<typeof ActualImportBody>;

/** One rejected row of an import: its line in the file, the column, and a code saying why. */
export const ImportRejection = z.object({
  line: z.number().int(),
  column: z.string().nullable(),
  code: z.enum([
    'required',
    'unknown_project',
    'unknown_line',
    'bad_date',
    'bad_amount',
    'bad_currency',
    'no_rate',
    'bad_source',
    'forbidden_source',
    'too_long',
    'duplicate_reference',
    'missing_column',
  ]),
  value: z.string().nullable(),
});
export type ImportRejection = z.infer<typeof ImportRejection>;

export const ActualImportReport = z.object({
  dryRun: z.boolean(),
  committed: z.boolean(),
  rows: z.number().int(),
  accepted: z.number().int(),
  rejected: z.array(ImportRejection),
  /** Rejections beyond the first 1 000 are counted, not listed. */
  rejectedCount: z.number().int(),
  total: Money,
  byProject: z.array(
    z.object({ projectId: Id, code: z.string(), rows: z.number().int(), total: Money }),
  ),
  importId: Id.nullable(),
});
export type ActualImportReport = z.infer<typeof ActualImportReport>;

// ---------------------------------------------------------------- earned value

export const IndexStatus = z.enum(['good', 'watch', 'alert']);

export const EvmFigures = z.object({
  bac: Money,
  pv: Money,
  ev: Money,
  ac: Money,
  sv: Money,
  cv: Money,
  spi: z.number().nullable(),
  cpi: z.number().nullable(),
  eacs: z.object({
    cpi: Money.nullable(),
    budgetRate: Money,
    cpiSpi: Money.nullable(),
    bottomUp: Money.nullable(),
  }),
  eac: Money,
  etc: Money,
  vac: Money,
  tcpi: z.number().nullable(),
  tcpiEac: z.number().nullable(),
  percentComplete: z.number().nullable(),
  percentSpent: z.number().nullable(),
  spiStatus: IndexStatus.nullable(),
  cpiStatus: IndexStatus.nullable(),
  /** VAC / BAC against the VAC band of the thresholds in force. */
  vacStatus: IndexStatus.nullable(),
});
export type EvmFigures = z.infer<typeof EvmFigures>;

export const FinanceClose = z.object({
  month: Month,
  statusDate: IsoDate,
  bac: Money,
  pv: Money,
  ev: Money,
  ac: Money,
  committed: Money,
  etc: Money.nullable(),
  eac: Money,
  spi: z.number().nullable(),
  cpi: z.number().nullable(),
  comment: z.string(),
  recordedBy: Ref.nullable(),
  recordedAt: Instant,
});
export type FinanceClose = z.infer<typeof FinanceClose>;

/** A line's forecast now against the last close: what changed since last month. */
export const ForecastChange = z.object({
  lineId: Id,
  label: z.string(),
  eacBefore: Money.nullable(),
  eacNow: Money,
  acBefore: Money.nullable(),
  acNow: Money,
});

export const ProjectEvm = z.object({
  projectId: Id,
  statusDate: IsoDate,
  /** Where progress came from: the plan's tasks, or none (no plan: EV is 0). */
  progressSource: z.enum(['plan', 'none']),
  figures: EvmFigures,
  committed: Money,
  sCurve: z.array(
    z.object({
      month: Month,
      pv: Money,
      ac: Money.nullable(),
      ev: Money.nullable(),
    }),
  ),
  history: z.array(FinanceClose),
  lastClose: FinanceClose.nullable(),
  changes: z.array(ForecastChange),
  /**
   * The approved monthly forecast in force: its per-line ETC are the lines' ETC, so the EAC
   * "AC + bottom-up ETC" follows it. Null when none was approved.
   */
  forecast: z.object({ id: Id, period: Month }).nullable(),
  can: z.object({ close: z.boolean() }),
});
export type ProjectEvm = z.infer<typeof ProjectEvm>;

export const EvmQuery = z.object({ date: IsoDate.optional() });
export const CloseMonthBody = z.object({
  statusDate: IsoDate,
  comment: z.string().trim().max(2000).default(''),
});

// ---------------------------------------------------------------- roll-up and portfolio view

export const RollupRow = z.object({
  level: z.enum(['portfolio', 'program', 'project']),
  id: Id,
  code: z.string(),
  name: z.string(),
  parentId: Id.nullable(),
  budget: Money,
  baseline: Money,
  committed: Money,
  actual: Money,
  eac: Money,
  pv: Money,
  ev: Money,
  spi: z.number().nullable(),
  cpi: z.number().nullable(),
  vac: Money,
  projectCount: z.number().int(),
  /** Statuses against the thresholds in force (the portfolio's, else the company's). */
  spiStatus: IndexStatus.nullable(),
  cpiStatus: IndexStatus.nullable(),
  vacStatus: IndexStatus.nullable(),
  /** Projects whose ETC comes from an approved monthly forecast. */
  forecastCount: z.number().int(),
  /** A project row: the month of its approved forecast in force (null: none, or not a project). */
  forecastPeriod: Month.nullable(),
});
export type RollupRow = z.infer<typeof RollupRow>;

export const RollupQuery = z.object({
  date: IsoDate.optional(),
  portfolioId: Id.optional(),
});

export const Rollup = z.object({
  statusDate: IsoDate,
  rows: z.array(RollupRow),
  total: RollupRow.omit({ level: true, id: true, code: true, name: true, parentId: true }),
});
export type Rollup = z.infer<typeof Rollup>;

export const PortfolioFinanceQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  portfolioId: Id.optional(),
});

export const PortfolioFinance = z.object({
  year: z.number().int(),
  cells: z.array(
    z.object({
      nature: CostNature,
      category: BudgetCategory,
      budget: Money,
      actual: Money,
      committed: Money,
    }),
  ),
  byMonth: z.array(z.object({ month: Month, budget: Money, actual: Money })),
});
export type PortfolioFinance = z.infer<typeof PortfolioFinance>;

export const RollupExportQuery = RollupQuery.extend({ format: z.enum(['csv', 'xlsx']) });
export const PortfolioFinanceExportQuery = PortfolioFinanceQuery.extend({
  format: z.enum(['csv', 'xlsx']),
});
export const ExportFormatQuery = z.object({ format: z.enum(['csv', 'xlsx']) });

// ---------------------------------------------------------------- exchange rates

export const ExchangeRate = z.object({
  currency: Currency,
  validFrom: IsoDate,
  /** EUR for one unit of the currency, as a decimal string (up to 8 decimals). */
  rate: z.string().regex(/^\d{1,10}(\.\d{1,8})?$/),
});
export type ExchangeRate = z.infer<typeof ExchangeRate>;
export const ExchangeRateList = z.object({
  /** `version` is what DELETE needs in If-Match (bumped when the rate of that date is replaced). */
  items: z.array(ExchangeRate.extend({ version: z.number().int() })),
});

/** What the labour feed (approved timesheet hours × dated cost rates) wrote. */
export const LabourSyncResult = z.object({
  projects: z.number().int(),
  rows: z.number().int(),
  hours: z.number(),
  amountEur: z.number().int(),
  unpricedHours: z.number(),
});
