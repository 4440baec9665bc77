import {
  fromEpochDay,
  mondayOf,
  toEpochDay,
  civilOf,
  epochDayOf,
  daysInMonth,
} from '../calendar/days.ts';

/** The weather scale of a status report, best first: sun, cloud, rain, storm. */
export const WEATHERS = ['sun', 'cloud', 'rain', 'storm'] as const;
export type Weather = (typeof WEATHERS)[number];

/** The dimensions of a status report besides the overall weather. */
export const DIMENSIONS = ['schedule', 'cost', 'scope', 'quality', 'risks', 'resources'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Green / amber / red, the other way people read the same scale (rain and storm are both red). */
export type Rag = 'green' | 'amber' | 'red';

/** 0 (sun) … 3 (storm): larger is worse. */
export function severity(w: Weather): number {
  return WEATHERS.indexOf(w);
}

/** The RAG colour of a weather: sun green, cloud amber, rain and storm red. */
export function ragOf(w: Weather): Rag {
  return w === 'sun' ? 'green' : w === 'cloud' ? 'amber' : 'red';
}

/** Direction of a weather since the previous report: better, worse, same, or new (no previous). */
export type Trend = 'better' | 'worse' | 'same' | 'new';

/** Trend of `current` versus `previous` (null previous → `new`). */
export function trendOf(previous: Weather | null | undefined, current: Weather): Trend {
  if (previous == null) return 'new';
  const d = severity(current) - severity(previous);
  return d < 0 ? 'better' : d > 0 ? 'worse' : 'same';
}

/** How often a portfolio's projects report. */
export const FREQUENCIES = ['weekly', 'fortnightly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** A reporting period: first and last day (inclusive), `YYYY-MM-DD`. */
export interface Period {
  start: string;
  end: string;
}

/**
 * The period containing `date`. Weeks start on Monday; fortnights are pairs of ISO weeks
 * counted from Monday 1970-01-05 (so every portfolio agrees on them); months are calendar months.
 * @example periodOf('2026-03-18', 'monthly') // { start: '2026-03-01', end: '2026-03-31' }
 */
export function periodOf(date: string, frequency: Frequency): Period {
  const day = toEpochDay(date);
  switch (frequency) {
    case 'weekly': {
      const m = mondayOf(day);
      return { start: fromEpochDay(m), end: fromEpochDay(m + 6) };
    }
    case 'fortnightly': {
      const m = mondayOf(day);
      // 1970-01-05 (epoch day 4) is a Monday: fortnight n spans [4 + 14n, 4 + 14n + 13].
      const start = m - ((((m - 4) % 14) + 14) % 14);
      return { start: fromEpochDay(start), end: fromEpochDay(start + 13) };
    }
    case 'monthly': {
      const { year, month } = civilOf(day);
      return {
        start: fromEpochDay(epochDayOf(year, month, 1)),
        end: fromEpochDay(epochDayOf(year, month, daysInMonth(year, month))),
      };
    }
  }
}

/** The period just before `period` at the same frequency. */
export function previousPeriod(period: Period, frequency: Frequency): Period {
  return periodOf(fromEpochDay(toEpochDay(period.start) - 1), frequency);
}

/**
 * The report expected of a project on `today`: the last period that has ended (a report is
 * written once its period is over, or during its last days). Null when the project had not
 * started by the end of that period.
 */
export function expectedPeriod(today: string, frequency: Frequency): Period {
  return previousPeriod(periodOf(today, frequency), frequency);
}
