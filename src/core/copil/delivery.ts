import {
  civilOf,
  daysInMonth,
  fromEpochDay,
  isoWeekday as weekdayOfDay,
  toEpochDay,
} from '../calendar/days.ts';

/*
 * Scheduled reports: when a subscription is due, and how failed deliveries are retried.
 * Pure: dates are `YYYY-MM-DD` business days, instants are epoch milliseconds given by the caller.
 */

export const SUBSCRIPTION_FREQUENCIES = ['weekly', 'monthly'] as const;
export type SubscriptionFrequency = (typeof SUBSCRIPTION_FREQUENCIES)[number];

/** A delivery is tried at most this many times (the first send plus retries). */
export const MAX_ATTEMPTS = 4;

/** Minutes to wait before attempt `attempt + 1` after attempt `attempt` failed (5, 30, 120). */
export function retryDelayMinutes(attempt: number): number | null {
  if (attempt >= MAX_ATTEMPTS) return null;
  return [5, 30, 120][Math.min(attempt - 1, 2)] ?? 120;
}

/**
 * Checks the day of a subscription: 1 (Monday) … 7 (Sunday) for weekly ones, 1 … 28 for monthly
 * ones (28 at most, so that every month has it). Returns the problem, or undefined.
 */
export function dayProblem(frequency: SubscriptionFrequency, day: number): string | undefined {
  if (!Number.isInteger(day)) return 'must be a whole number';
  if (frequency === 'weekly' && (day < 1 || day > 7)) return 'must be 1 (Monday) to 7 (Sunday)';
  if (frequency === 'monthly' && (day < 1 || day > 28)) return 'must be 1 to 28';
  return undefined;
}

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  return weekdayOfDay(toEpochDay(date));
}

/** The first run date on or after `from` for a subscription. */
export function nextRunOn(frequency: SubscriptionFrequency, day: number, from: string): string {
  if (frequency === 'weekly') {
    const shift = (day - isoWeekday(from) + 7) % 7;
    return fromEpochDay(toEpochDay(from) + shift);
  }
  const { year, month, day: d } = civilOf(toEpochDay(from));
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d <= day) return `${year}-${pad(month)}-${pad(day)}`;
  const y = month === 12 ? year + 1 : year;
  const m = month === 12 ? 1 : month + 1;
  return `${y}-${pad(m)}-${pad(Math.min(day, daysInMonth(y, m)))}`;
}

/** The run after the one of `ran` (strictly later). */
export function runAfter(frequency: SubscriptionFrequency, day: number, ran: string): string {
  return nextRunOn(frequency, day, fromEpochDay(toEpochDay(ran) + 1));
}

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

/** True for a plausible single e-mail address (no display name, no list). */
export function isEmail(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text);
}
