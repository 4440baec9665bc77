import { describe, expect, it, vi } from 'vitest';
import type { PlanChange } from '../../../contracts/planning.ts';
import { applyPlanChange, compareWbs } from './plan-cache.ts';
import { buildPlan, fixtureId } from './plan-fixture.ts';

const empty: PlanChange = {
  tasks: [],
  schedules: [],
  links: [],
  removedTaskIds: [],
  removedLinkIds: [],
  createdTaskIds: [],
  projectStart: null,
  projectFinish: null,
  criticalPath: [],
};

describe('patching the plan with a PlanChange', () => {
  const plan = buildPlan({ phases: 2, perPhase: 3 });

  it('orders outline numbers numerically', () => {
    const wbs = ['2', '1.10', '1.2', '1', '10', '1.2.1'];
    expect([...wbs].sort(compareWbs)).toEqual(['1', '1.2', '1.2.1', '1.10', '2', '10']);
  });

  it('replaces changed tasks in place and keeps the others as they were', () => {
    const changed = { ...plan.tasks[2]!, name: 'Recette', version: 2 };
    const next = applyPlanChange(plan, {
      ...empty,
      tasks: [changed],
      projectStart: plan.projectStart,
      projectFinish: '2026-12-31',
      criticalPath: [changed.id],
    });
    expect(next.tasks[2]).toBe(changed);
    expect(next.tasks[1]).toBe(plan.tasks[1]);
    expect(next.tasks).toHaveLength(plan.tasks.length);
    expect(next.projectFinish).toBe('2026-12-31');
    expect(next.criticalPath).toEqual([changed.id]);
    expect(next.links).toBe(plan.links);
  });

  it('gives moved tasks their new schedule and keeps the rest of them', () => {
    const moved = plan.tasks[4]!;
    const schedule = {
      ...moved.schedule,
      start: '2027-02-01',
      finish: '2027-02-05',
      critical: true,
    };
    const next = applyPlanChange(plan, { ...empty, schedules: [{ id: moved.id, schedule }] });
    expect(next.tasks[4]).toEqual({ ...moved, schedule });
    expect(next.tasks[3]).toBe(plan.tasks[3]);
    expect(next.tasks).toHaveLength(plan.tasks.length);
  });

  it('inserts a created task at its outline place', () => {
    const created = { ...plan.tasks[1]!, id: fixtureId(999), wbs: '1.2', name: 'Nouvelle tâche' };
    const renumbered = plan.tasks
      .filter((t) => t.parentId === plan.tasks[0]!.id && t.wbs !== '1.1')
      .map((t) => ({ ...t, wbs: `1.${Number(t.wbs.split('.')[1]) + 1}` }));
    const next = applyPlanChange(plan, {
      ...empty,
      tasks: [created, ...renumbered],
      createdTaskIds: [created.id],
    });
    expect(next.tasks.map((t) => t.wbs)).toEqual([
      '1',
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '2',
      '2.1',
      '2.2',
      '2.3',
    ]);
    expect(next.tasks[2]!.id).toBe(created.id);
  });

  it('drops removed tasks and links, and adds new links', () => {
    const removed = plan.tasks[3]!;
    const link = { ...plan.links[0]!, id: fixtureId(777), type: 'SS' as const };
    const next = applyPlanChange(plan, {
      ...empty,
      removedTaskIds: [removed.id],
      removedLinkIds: [plan.links[1]!.id],
      links: [link],
    });
    expect(next.tasks.some((t) => t.id === removed.id)).toBe(false);
    expect(next.links.some((l) => l.id === plan.links[1]!.id)).toBe(false);
    expect(next.links[next.links.length - 1]).toBe(link);
  });

  it('patches a 5,000-task plan without sorting it when the order holds', () => {
    // Counted, not timed: a timing threshold fails on a busy machine and proves nothing on an
    // idle one. Sorting 5,000 tasks by WBS on every edit is the cost this guards against.
    const big = buildPlan({ phases: 50, perPhase: 100 });
    const task = { ...big.tasks[2500]!, name: 'x' };
    const sort = vi.spyOn(Array.prototype, 'sort');
    try {
      const next = applyPlanChange(big, { ...empty, tasks: [task] });
      expect(next.tasks[2500]).toBe(task);
      expect(next.tasks[2499]).toBe(big.tasks[2499]);
      expect(sort).not.toHaveBeenCalled();
    } finally {
      sort.mockRestore();
    }
  });
});
