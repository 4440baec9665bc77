import { describe, expect, it } from 'vitest';
import { fromEpochDay, isoWeekday, toEpochDay } from '../../../core/calendar/days.ts';
import {
  DAY_WIDTH,
  ZOOMS,
  addMonths,
  createScale,
  dayAt,
  tickLabel,
  ticksOf,
  weekNumber,
  xOf,
  xOfDate,
} from './timeline-scale.ts';

const d = toEpochDay;
const week = (n: number) => `S${n}`;
const quarter = (n: number) => `T${n}`;

describe('timeline scale', () => {
  it.each(ZOOMS)('maps a date to x and back at %s zoom', (zoom) => {
    const scale = createScale(zoom, d('2026-04-27'), d('2026-12-18'));
    for (const date of ['2026-04-27', '2026-05-01', '2026-07-14', '2026-12-18']) {
      const x = xOfDate(scale, date);
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(scale.width);
      expect(fromEpochDay(dayAt(scale, x))).toBe(date);
      // Anywhere inside the day still reads as that day.
      expect(fromEpochDay(dayAt(scale, x + DAY_WIDTH[zoom] * 0.99))).toBe(date);
    }
    expect(xOf(scale, d('2026-04-28')) - xOf(scale, d('2026-04-27'))).toBe(DAY_WIDTH[zoom]);
  });

  it('starts the day and week zooms on a Monday, month and quarter zooms on the 1st', () => {
    expect(isoWeekday(createScale('day', d('2026-04-29'), d('2026-05-10')).origin)).toBe(1);
    expect(isoWeekday(createScale('week', d('2026-04-29'), d('2026-05-10')).origin)).toBe(1);
    expect(fromEpochDay(createScale('month', d('2026-04-29'), d('2026-05-10')).origin)).toBe(
      '2026-03-01',
    );
    expect(fromEpochDay(createScale('quarter', d('2026-04-29'), d('2026-05-10')).origin)).toBe(
      '2026-01-01',
    );
  });

  it('cuts weeks on Mondays and numbers them as in France (ISO 8601)', () => {
    const scale = createScale('week', d('2026-11-20'), d('2027-01-15'));
    const weeks = ticksOf(scale, 'week');
    expect(weeks.every((t) => isoWeekday(t.day) === 1)).toBe(true);
    expect(weeks.every((t) => t.width === 7 * DAY_WIDTH.week)).toBe(true);
    // 23/11/2026 is in week 48; 28/12/2026 in week 53; 04/01/2027 in week 1 of 2027.
    expect(weekNumber(d('2026-11-23'))).toBe(48);
    expect(weekNumber(d('2026-12-28'))).toBe(53);
    expect(weekNumber(d('2027-01-04'))).toBe(1);
    // 01/01/2027 is a Friday: still in week 53 of 2026.
    expect(weekNumber(d('2027-01-01'))).toBe(53);
    const monday = weeks.find((t) => fromEpochDay(t.day) === '2026-11-23')!;
    expect(tickLabel(monday, 'fr-FR', week, quarter, false)).toBe('S48');
    expect(tickLabel(monday, 'fr-FR', week, quarter, true)).toBe('S48 · 23/11/2026');
  });

  it('cuts months and quarters on their first day, with French names', () => {
    const scale = createScale('quarter', d('2026-02-10'), d('2026-11-10'));
    const quarters = ticksOf(scale, 'quarter');
    expect(quarters.map((t) => fromEpochDay(t.day))).toEqual(
      ['2025-10-01', '2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01', '2027-01-01'].filter(
        (day) => d(day) >= scale.origin && d(day) < scale.end,
      ),
    );
    expect(quarters.map((t) => tickLabel(t, 'fr-FR', week, quarter, false))).toContain('T3');
    const months = ticksOf(createScale('month', d('2026-02-10'), d('2026-04-10')), 'month');
    expect(months.map((t) => tickLabel(t, 'fr-FR', week, quarter, true))).toContain('mars 2026');
    // Consecutive ticks touch: no gap, no overlap.
    for (let i = 1; i < months.length; i++) {
      expect(months[i]!.x).toBeCloseTo(months[i - 1]!.x + months[i - 1]!.width);
    }
  });

  it('clips ticks to a visible range', () => {
    const scale = createScale('day', d('2026-01-01'), d('2027-12-31'));
    const visible = ticksOf(scale, 'day', d('2026-06-01'), d('2026-06-08'));
    expect(visible).toHaveLength(7);
    expect(fromEpochDay(visible[0]!.day)).toBe('2026-06-01');
  });

  it('adds months across years', () => {
    expect(fromEpochDay(addMonths(d('2026-11-15'), 3))).toBe('2027-02-01');
    expect(fromEpochDay(addMonths(d('2026-01-31'), -1))).toBe('2025-12-01');
  });
});
