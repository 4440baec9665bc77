import { asc, eq, isNull } from 'drizzle-orm';
import {
  DEFAULT_EVM_THRESHOLDS,
  type EvmThresholds,
  THRESHOLD_SCALE,
  thresholdsInForce,
} from '../../../core/evm/evm.ts';
import type { Executor } from '../../db/client.ts';
import { evmThresholds } from './evm.tables.ts';

export type ThresholdRow = typeof evmThresholds.$inferSelect;

const f = (n: number) => n / THRESHOLD_SCALE;
export const toInt = (n: number) => Math.round(n * THRESHOLD_SCALE);

export function thresholdsOf(row: ThresholdRow): EvmThresholds {
  return {
    spi: { watch: f(row.spiWatch), alert: f(row.spiAlert) },
    cpi: { watch: f(row.cpiWatch), alert: f(row.cpiAlert) },
    vac: { watch: f(row.vacWatch), alert: f(row.vacAlert) },
  };
}

export function columnsOf(t: EvmThresholds) {
  return {
    spiWatch: toInt(t.spi.watch),
    spiAlert: toInt(t.spi.alert),
    cpiWatch: toInt(t.cpi.watch),
    cpiAlert: toInt(t.cpi.alert),
    vacWatch: toInt(t.vac.watch),
    vacAlert: toInt(t.vac.alert),
  };
}

export function listThresholdRows(db: Executor) {
  return db.select().from(evmThresholds).orderBy(asc(evmThresholds.createdAt));
}

export async function companyThresholdRow(db: Executor) {
  const [row] = await db.select().from(evmThresholds).where(isNull(evmThresholds.portfolioId));
  return row;
}

export async function portfolioThresholdRow(db: Executor, portfolioId: string) {
  const [row] = await db
    .select()
    .from(evmThresholds)
    .where(eq(evmThresholds.portfolioId, portfolioId));
  return row;
}

/**
 * Every stored threshold set at once (a handful of rows): a function giving the thresholds in
 * force for a portfolio (its override, else the company's, else the defaults).
 */
export async function thresholdResolver(db: Executor) {
  const rows = await listThresholdRows(db);
  const company = rows.find((r) => r.portfolioId === null);
  const byPortfolio = new Map(
    rows.filter((r) => r.portfolioId !== null).map((r) => [r.portfolioId!, thresholdsOf(r)]),
  );
  const companyT = company ? thresholdsOf(company) : null;
  return (portfolioId: string | null | undefined): EvmThresholds =>
    thresholdsInForce(companyT, portfolioId ? (byPortfolio.get(portfolioId) ?? null) : null);
}

export { DEFAULT_EVM_THRESHOLDS };
