import type { Rag } from './weather.ts';

/** Whether more is better (`up`, e.g. SPI) or less is better (`down`, e.g. slippage). */
export type Direction = 'up' | 'down';

/**
 * Thresholds of a KPI: for `up`, green when value ≥ green, amber when ≥ amber, else red;
 * for `down`, green when value ≤ green, amber when ≤ amber, else red.
 */
export interface Thresholds {
  direction: Direction;
  green: number;
  amber: number;
}

/** Checks that the thresholds are ordered for the direction; returns why not, or null. */
export function thresholdProblem(t: Thresholds): string | null {
  if (t.direction === 'up' && t.green < t.amber) return 'For "up", green must be ≥ amber';
  if (t.direction === 'down' && t.green > t.amber) return 'For "down", green must be ≤ amber';
  return null;
}

/**
 * The RAG status of a value (null value → null).
 * @example statusOf(0.92, { direction: 'up', green: 0.95, amber: 0.85 }) // 'amber'
 */
export function statusOf(value: number | null, t: Thresholds): Rag | null {
  if (value === null) return null;
  if (t.direction === 'up') return value >= t.green ? 'green' : value >= t.amber ? 'amber' : 'red';
  return value <= t.green ? 'green' : value <= t.amber ? 'amber' : 'red';
}

/** Trend of a KPI value against the previous one, in the KPI's direction: improving, worsening, flat. */
export function kpiTrend(
  previous: number | null | undefined,
  current: number | null,
  direction: Direction,
): 'better' | 'worse' | 'same' | null {
  if (previous == null || current === null) return null;
  const d = current - previous;
  if (Math.abs(d) < 1e-9) return 'same';
  return d > 0 === (direction === 'up') ? 'better' : 'worse';
}
