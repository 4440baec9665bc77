import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MethodologyContent } from '../governance/model.ts';
import {
  milestoneRefs,
  milestoneState,
  type PlanMilestone,
  resolveMilestones,
  unknownCodes,
} from './catalogue.ts';
import { migrationPlan } from './migration.ts';

const method = (milestone: string, kpis: string[] = []): MethodologyContent => ({
  phases: [
    {
      key: 'cadrage',
      name: 'Cadrage',
      deliverables: [{ key: 'note', name: 'Note de cadrage', required: true }],
      gate: null,
      wbs: [
        {
          name: 'Cadrage',
          duration: 1,
          children: [{ name: 'Lancement', duration: 0, children: [], milestone }],
        },
      ],
    },
    {
      key: 'realisation',
      name: 'Réalisation',
      deliverables: [{ key: 'pv', name: 'PV de recette', required: true }],
      gate: null,
      wbs: [{ name: 'MEP', duration: 0, children: [], milestone: 'MEP' }],
    },
  ],
  roles: [],
  documents: [],
  ceremonies: [],
  kpis,
});

const task = (id: string, name: string, p: Partial<PlanMilestone> = {}): PlanMilestone => ({
  id,
  name,
  date: '2026-06-01',
  percentComplete: 0,
  actualFinish: null,
  ...p,
});

describe('milestoneRefs', () => {
  it('finds standard milestones at any depth, in outline order, once per code', () => {
    expect(milestoneRefs(method('J0')).map((r) => [r.code, r.phaseKey, r.taskName])).toEqual([
      ['J0', 'cadrage', 'Lancement'],
      ['MEP', 'realisation', 'MEP'],
    ]);
    expect(milestoneRefs(method('MEP')).map((r) => r.code)).toEqual(['MEP']);
  });
});

describe('unknownCodes', () => {
  it('names the path of each unknown milestone or KPI, and a milestone on a non-milestone', () => {
    const c = method('J0', ['SPI', 'NOPE']);
    c.phases[1]!.wbs[0]!.duration = 3;
    expect(unknownCodes(c, new Set(['MEP']), new Set(['SPI']))).toEqual([
      {
        path: ['phases', 0, 'wbs', 0, 'children', 0, 'milestone'],
        message: 'No standard milestone J0',
      },
      {
        path: ['phases', 1, 'wbs', 0, 'milestone'],
        message: 'Only a milestone (duration 0, no sub-task) may stand for a standard one',
      },
      { path: ['kpis', 1], message: 'No project-level KPI NOPE' },
    ]);
  });
});

describe('milestoneState', () => {
  it.each([
    ['no task', null, 'missing'],
    ['done', task('a', 'x', { percentComplete: 100 }), 'reached'],
    ['finished on a date', task('a', 'x', { actualFinish: '2026-05-30' }), 'reached'],
    ['date passed, not done', task('a', 'x', { date: '2026-05-01' }), 'late'],
    ['today', task('a', 'x', { date: '2026-05-15' }), 'planned'],
    ['no date yet', task('a', 'x', { date: null }), 'planned'],
  ] as const)('%s', (_, t, expected) => {
    expect(milestoneState(t, '2026-05-15')).toBe(expected);
  });
});

describe('resolveMilestones', () => {
  it('prefers the link, then the name (case and accents ignored), never one task twice', () => {
    const tasks = [task('1', 'Mise en Production'), task('2', 'Lancement validé')];
    const out = resolveMilestones(
      [
        { code: 'J0', names: ['LANCEMENT VALIDE'] },
        { code: 'MEP', names: ['mise en production'] },
        { code: 'GOLIVE', names: ['Mise en production'] },
      ],
      new Map(),
      tasks,
      '2026-01-01',
    );
    expect(out.map((r) => [r.code, r.task?.id ?? null, r.how])).toEqual([
      ['J0', '2', 'matched'],
      ['MEP', '1', 'matched'],
      ['GOLIVE', null, null],
    ]);
    const linked = resolveMilestones(
      [
        { code: 'J0', names: ['Lancement validé'] },
        { code: 'MEP', names: [] },
      ],
      new Map([['MEP', '2']]),
      tasks,
      '2026-01-01',
    );
    expect(linked.map((r) => [r.code, r.task?.id ?? null, r.how])).toEqual([
      ['J0', null, null],
      ['MEP', '2', 'linked'],
    ]);
  });

  it('property: a plan task stands for at most one standard milestone', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('A', 'B', 'C'), { maxLength: 6 }),
        fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 6 }),
        (taskNames, wanted) => {
          const tasks = taskNames.map((n, i) => task(String(i), n));
          const out = resolveMilestones(
            wanted.map((w, i) => ({ code: `M${i}`, names: [w] })),
            new Map(),
            tasks,
            '2026-01-01',
          );
          const ids = out.flatMap((r) => (r.task ? [r.task.id] : []));
          expect(new Set(ids).size).toBe(ids.length);
        },
      ),
    );
  });
});

describe('migrationPlan', () => {
  const from = method('J0', ['SPI']);
  it('keeps the phase and the deliverables, adds the new ones, makes dropped ones optional', () => {
    const to = JSON.parse(JSON.stringify(from)) as MethodologyContent;
    to.phases[0]!.deliverables = [{ key: 'charte', name: 'Charte', required: true }];
    to.phases[1]!.deliverables[0]!.required = false;
    to.kpis = ['SPI', 'CPI'];
    const plan = migrationPlan(from, to, 'realisation', [
      { key: 'note', name: 'Note', phaseKey: 'cadrage', required: true, status: 'approved' },
      { key: 'pv', name: 'PV', phaseKey: 'realisation', required: true, status: 'draft' },
      { key: 'own', name: 'Mien', phaseKey: 'cadrage', required: true, status: 'draft' },
    ]);
    expect(plan.phaseKey).toBe('realisation');
    expect(plan.added.map((d) => d.key)).toEqual(['charte']);
    expect(plan.kept).toEqual([
      { key: 'pv', name: 'PV', status: 'draft', required: false, was: true },
    ]);
    // The project's own deliverable is not the method's: it is left alone.
    expect(plan.outside.map((d) => d.key)).toEqual(['note']);
    expect(plan.kpis).toEqual({ added: ['CPI'], removed: [] });
  });

  it('asks for a phase when the current one is gone, suggesting the one at its position', () => {
    const to = JSON.parse(JSON.stringify(from)) as MethodologyContent;
    to.phases[1]!.key = 'build';
    const plan = migrationPlan(from, to, 'realisation', []);
    expect([plan.phaseKept, plan.phaseKey, plan.suggestedPhaseKey]).toEqual([false, null, 'build']);
    expect(migrationPlan(from, to, 'realisation', [], 'build').phaseKey).toBe('build');
    expect(migrationPlan(from, to, 'realisation', [], 'nope').phaseKey).toBeNull();
  });
});
