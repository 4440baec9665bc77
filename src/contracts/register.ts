import { z } from 'zod';
import { Criticality } from './risks.ts';
import { Id, IsoDate } from './common.ts';

/** Exports of the registers and the risk trend (issue 7, register lane). */

export const REGISTERS = ['risks', 'issues', 'decisions', 'changes'] as const;

export const RegisterExportQuery = z.object({
  register: z.enum(REGISTERS),
  format: z.enum(['csv', 'xlsx']).default('csv'),
  projectId: Id.optional(),
  programId: Id.optional(),
  portfolioId: Id.optional(),
  /** With `portfolioId`: only the portfolio register's own and escalated risks. */
  level: z.enum(['portfolio']).optional(),
  /**
   * Issues with `programId` or `portfolioId`: only those escalated to it (as the programme's
   * and portfolio's « Problèmes » views show them).
   */
  escalated: z.enum(['true', 'false']).optional(),
  /** Language of the headers and labels. */
  lang: z.enum(['fr', 'en']).default('fr'),
});
export type RegisterExportQuery = z.infer<typeof RegisterExportQuery>;

export const RiskTrendQuery = z.object({
  projectId: Id.optional(),
  programId: Id.optional(),
  portfolioId: Id.optional(),
  level: z.enum(['portfolio']).optional(),
  /** First and last month (any day of it); by default the last 12 months. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type RiskTrendQuery = z.infer<typeof RiskTrendQuery>;

export const RiskTrend = z.object({
  periods: z.array(
    z.object({
      /** The month's last day: the register as it stood that evening. */
      period: IsoDate,
      counts: z.record(Criticality, z.number().int()),
      total: z.number().int(),
      /** Σ EMV of the open threats (cents). */
      exposureCents: z.number().int(),
    }),
  ),
});
export type RiskTrend = z.infer<typeof RiskTrend>;
