import { describe, expect, it } from 'vitest';
import { toEpochDay } from '../../../core/calendar/days.ts';
import { fixtureId } from './plan-fixture.ts';
import {
  layoutRoadmap,
  ROADMAP_GROUP_ROW,
  ROADMAP_ROW,
  slippageDays,
  type RoadmapProject,
} from './roadmap-layout.ts';
import { xOf } from './timeline-scale.ts';

const pf = { id: fixtureId(1), name: 'Transformation numérique' };
const prgA = { id: fixtureId(2), name: 'Programme CRM' };
const prgB = { id: fixtureId(3), name: 'Programme Data' };

function project(n: number, fields: Partial<RoadmapProject>): RoadmapProject {
  return {
    id: fixtureId(100 + n),
    code: `P-${n}`,
    name: `Projet ${n}`,
    status: 'active',
    portfolio: pf,
    program: null,
    parentId: null,
    start: '2026-03-02',
    finish: '2026-09-30',
    baselineFinish: null,
    phases: [],
    milestones: [],
    ...fields,
  };
}

describe('roadmap layout', () => {
  const data = {
    projects: [
      project(1, { program: prgB, start: '2026-05-04' }),
      project(2, { program: null }),
      project(3, { program: prgA, finish: '2026-12-18', baselineFinish: '2026-11-30' }),
      project(4, {
        program: prgB,
        start: '2026-01-05',
        milestones: [
          {
            id: fixtureId(900),
            name: 'Go-live',
            date: '2026-06-15',
            baselineDate: null,
            done: false,
          },
        ],
      }),
    ],
    links: [
      {
        fromProjectId: fixtureId(104),
        fromTaskId: fixtureId(900),
        toProjectId: fixtureId(101),
        toTaskId: fixtureId(901),
        type: 'FS' as const,
        lag: 0,
      },
      {
        fromProjectId: fixtureId(104),
        fromTaskId: fixtureId(900),
        toProjectId: fixtureId(999),
        toTaskId: fixtureId(902),
        type: 'FS' as const,
        lag: 0,
      },
    ],
  };
  const layout = layoutRoadmap(data, 'month', toEpochDay('2026-04-01'));

  it('groups by programme (alphabetically, projects outside any programme last), sorted by start', () => {
    expect(
      layout.rows.map((r) => (r.kind === 'group' ? `[${r.label ?? '-'}]` : r.project.code)),
    ).toEqual(['[Programme CRM]', 'P-3', '[Programme Data]', 'P-4', 'P-1', '[-]', 'P-2']);
    expect(layout.height).toBe(3 * ROADMAP_GROUP_ROW + 4 * ROADMAP_ROW);
    expect(layout.rows[1]!.y).toBe(ROADMAP_GROUP_ROW);
  });

  it('measures slippage against the baseline finish', () => {
    const p3 = layout.rows.find((r) => r.kind === 'project' && r.project.code === 'P-3');
    expect(p3?.kind === 'project' && p3.slippage).toBe(18);
    expect(slippageDays({ finish: '2026-01-10', baselineFinish: null })).toBeNull();
  });

  it('covers every date with the scale', () => {
    expect(layout.scale.origin).toBeLessThanOrEqual(toEpochDay('2026-01-05'));
    expect(layout.scale.end).toBeGreaterThan(toEpochDay('2026-12-18'));
  });

  it('draws cross-project arrows from the milestone to the successor project, skipping hidden projects', () => {
    expect(layout.arrows).toHaveLength(1);
    const points = layout.arrows[0]!.points;
    expect(points[0]![0]).toBe(xOf(layout.scale, toEpochDay('2026-06-15')));
    const p1 = layout.rows.find((r) => r.kind === 'project' && r.project.code === 'P-1')!;
    expect(points[points.length - 1]![1]).toBe(p1.y + ROADMAP_ROW / 2);
  });
});
