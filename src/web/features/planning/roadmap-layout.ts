import type { z } from 'zod';
import type { Roadmap } from '../../../contracts/planning.ts';
import { toEpochDay } from '../../../core/calendar/days.ts';
import { routeLink, type Point } from './arrows.ts';
import { createScale, xOf, type TimeScale, type Zoom } from './timeline-scale.ts';

export type RoadmapData = z.output<typeof Roadmap>;
export type RoadmapProject = RoadmapData['projects'][number];

export const ROADMAP_ROW = 40;
export const ROADMAP_GROUP_ROW = 30;

export type RoadmapRow =
  | {
      kind: 'group';
      key: string;
      label: string | null;
      portfolio: string;
      y: number;
      height: number;
      count: number;
    }
  | {
      kind: 'project';
      project: RoadmapProject;
      y: number;
      height: number;
      slippage: number | null;
    };

export interface RoadmapArrow {
  key: string;
  points: Point[];
}

export interface RoadmapLayout {
  rows: RoadmapRow[];
  height: number;
  scale: TimeScale;
  arrows: RoadmapArrow[];
}

/** Calendar days from the baseline finish to the current finish (positive = slipping). */
export function slippageDays(
  project: Pick<RoadmapProject, 'finish' | 'baselineFinish'>,
): number | null {
  if (!project.finish || !project.baselineFinish) return null;
  return toEpochDay(project.finish) - toEpochDay(project.baselineFinish);
}

/**
 * The roadmap laid out: projects grouped by portfolio and programme (projects outside any
 * programme last in their portfolio), each group sorted by start; a time scale covering every
 * date shown; and the cross-project arrows, from the predecessor's date to the successor's.
 */
export function layoutRoadmap(data: RoadmapData, zoom: Zoom, today: number): RoadmapLayout {
  const groups = new Map<
    string,
    { label: string | null; portfolio: string; projects: RoadmapProject[] }
  >();
  for (const p of data.projects) {
    const key = `${p.portfolio.id}/${p.program?.id ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { label: p.program?.name ?? null, portfolio: p.portfolio.name, projects: [] };
      groups.set(key, group);
    }
    group.projects.push(p);
  }
  const ordered = [...groups.entries()].sort(([, a], [, b]) => {
    const byPortfolio = a.portfolio.localeCompare(b.portfolio, 'fr');
    if (byPortfolio !== 0) return byPortfolio;
    if (a.label === null) return 1;
    if (b.label === null) return -1;
    return a.label.localeCompare(b.label, 'fr');
  });
  const rows: RoadmapRow[] = [];
  let y = 0;
  for (const [key, group] of ordered) {
    rows.push({
      kind: 'group',
      key,
      label: group.label,
      portfolio: group.portfolio,
      y,
      height: ROADMAP_GROUP_ROW,
      count: group.projects.length,
    });
    y += ROADMAP_GROUP_ROW;
    const projects = [...group.projects].sort(
      (a, b) =>
        (a.start ?? '9999').localeCompare(b.start ?? '9999') || a.code.localeCompare(b.code),
    );
    for (const project of projects) {
      rows.push({
        kind: 'project',
        project,
        y,
        height: ROADMAP_ROW,
        slippage: slippageDays(project),
      });
      y += ROADMAP_ROW;
    }
  }

  const days: number[] = [today];
  for (const p of data.projects) {
    for (const d of [p.start, p.finish, p.baselineFinish]) if (d) days.push(toEpochDay(d));
    for (const m of p.milestones) days.push(toEpochDay(m.date));
  }
  const scale = createScale(zoom, Math.min(...days), Math.max(...days));

  const rowOf = new Map<string, Extract<RoadmapRow, { kind: 'project' }>>();
  for (const row of rows) if (row.kind === 'project') rowOf.set(row.project.id, row);
  const arrows: RoadmapArrow[] = [];
  for (const link of data.links) {
    const from = rowOf.get(link.fromProjectId);
    const to = rowOf.get(link.toProjectId);
    if (!from || !to) continue;
    const fromX = taskX(scale, from.project, link.fromTaskId, 'finish');
    const toX = taskX(scale, to.project, link.toTaskId, 'start');
    if (fromX === null || toX === null) continue;
    arrows.push({
      key: `${link.fromTaskId}-${link.toTaskId}`,
      points: routeLink(
        link.type,
        { x0: fromX, x1: fromX, y: from.y + from.height / 2 },
        { x0: toX, x1: toX, y: to.y + to.height / 2 },
        ROADMAP_ROW,
      ),
    });
  }
  return { rows, height: y, scale, arrows };
}

/** Where a linked task sits on its project's row: a milestone's date, a phase's end, else the project's. */
function taskX(
  scale: TimeScale,
  project: RoadmapProject,
  taskId: string,
  side: 'start' | 'finish',
): number | null {
  const milestone = project.milestones.find((m) => m.id === taskId);
  if (milestone) return xOf(scale, toEpochDay(milestone.date));
  const phase = project.phases.find((p) => p.id === taskId);
  if (phase)
    return side === 'finish'
      ? xOf(scale, toEpochDay(phase.finish) + 1)
      : xOf(scale, toEpochDay(phase.start));
  const date = side === 'finish' ? project.finish : project.start;
  if (!date) return null;
  return side === 'finish' ? xOf(scale, toEpochDay(date) + 1) : xOf(scale, toEpochDay(date));
}
