import { toEpochDay } from '../../../core/calendar/days.ts';

export interface TrendInput {
  milestones: { id: string; name: string }[];
  points: { statusDate: string; dates: Record<string, string> }[];
}

export interface TrendSeries {
  id: string;
  name: string;
  points: { x: number; y: number; statusDate: string; date: string }[];
}

export interface TrendLayout {
  series: TrendSeries[];
  /** Epoch-day domains of both axes. */
  xDomain: [number, number];
  yDomain: [number, number];
  /** Plot area in px. */
  width: number;
  height: number;
  x: (day: number) => number;
  y: (day: number) => number;
}

/**
 * The milestone trend chart (MTA): one line per milestone, x = status date, y = the milestone's
 * planned date at that status date. A flat line is on time; a rising line slips.
 */
export function layoutTrend(input: TrendInput, width: number, height: number): TrendLayout {
  const series: TrendSeries[] = input.milestones.map((m) => ({
    id: m.id,
    name: m.name,
    points: input.points
      .filter((p) => p.dates[m.id] !== undefined)
      .map((p) => ({
        x: toEpochDay(p.statusDate),
        y: toEpochDay(p.dates[m.id]!),
        statusDate: p.statusDate,
        date: p.dates[m.id]!,
      }))
      .sort((a, b) => a.x - b.x),
  }));
  const xs = input.points.map((p) => toEpochDay(p.statusDate));
  const ys = series.flatMap((s) => s.points.map((p) => p.y));
  const xMin = xs.length ? Math.min(...xs) : 0;
  const xMax = xs.length ? Math.max(...xs) : 1;
  const yMin = ys.length ? Math.min(...ys, xMin) : 0;
  const yMax = ys.length ? Math.max(...ys) : 1;
  const xDomain: [number, number] = [xMin, xMax === xMin ? xMin + 7 : xMax];
  const pad = Math.max(3, Math.round((yMax - yMin) * 0.05));
  const yDomain: [number, number] = [yMin - pad, yMax + pad];
  const x = (day: number) => ((day - xDomain[0]) / (xDomain[1] - xDomain[0])) * width;
  const y = (day: number) => height - ((day - yDomain[0]) / (yDomain[1] - yDomain[0])) * height;
  return { series, xDomain, yDomain, width, height, x, y };
}
