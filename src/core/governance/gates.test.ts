import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import {
  applyGateDecision,
  complianceScore,
  type DeliverableState,
  gateReadiness,
  mayDecideGate,
  methodologyIssues,
} from './gates.ts';
import { GATE_DECISIONS, type MethodologyContent, type PhaseTemplate } from './model.ts';

const cadrage: PhaseTemplate = {
  key: 'cadrage',
  name: 'Cadrage',
  deliverables: [
    { key: 'note', name: 'Note de cadrage', required: true },
    { key: 'com', name: 'Plan de communication', required: false },
  ],
  gate: {
    name: 'J1',
    approvers: ['pmo'],
    criteria: [
      { key: 'perimetre', label: 'Périmètre validé' },
      { key: 'budget', label: 'Budget engagé' },
    ],
  },
  wbs: [],
};
const realisation: PhaseTemplate = {
  key: 'realisation',
  name: 'Réalisation',
  deliverables: [{ key: 'pv', name: 'PV de recette', required: true }],
  gate: null,
  wbs: [],
};

const d = (
  key: string,
  status: DeliverableState['status'],
  phaseKey = 'cadrage',
  required = true,
): DeliverableState => ({ key, name: key, phaseKey, required, status });

describe('gateReadiness', () => {
  it.each([
    ['nothing done', [], [], 0, 3, ['Périmètre validé', 'Budget engagé', 'Note de cadrage']],
    [
      'charter submitted only',
      [d('note', 'submitted')],
      [],
      0,
      3,
      ['Périmètre validé', 'Budget engagé', 'note'], // the project's own name of the deliverable,
    ],
    ['charter approved', [d('note', 'approved')], ['budget'], 2, 3, ['Périmètre validé']],
    ['everything', [d('note', 'approved')], ['budget', 'perimetre'], 3, 3, []],
  ] as const)('%s', (_, delivs, checked, done, total, missing) => {
    const r = gateReadiness(cadrage, delivs, new Set(checked));
    expect(r.done).toBe(done);
    expect(r.total).toBe(total);
    expect(r.missing).toEqual(missing);
    expect(r.ready).toBe(done === total);
  });

  it('never blocks on an optional deliverable, and counts extra deliverables added to the project', () => {
    const r = gateReadiness(
      cadrage,
      [
        d('note', 'approved'),
        d('com', 'draft', 'cadrage', false),
        d('x-1', 'draft', 'cadrage', true),
      ],
      new Set(['budget', 'perimetre']),
    );
    expect(r.deliverables.map((x) => [x.key, x.required, x.met])).toEqual([
      ['note', true, true],
      ['com', false, false],
      ['x-1', true, false],
    ]);
    expect(r.missing).toEqual(['x-1']);
  });

  it('requires the standard milestones of the phase reached, naming the ones that are not', () => {
    const r = gateReadiness(cadrage, [d('note', 'approved')], new Set(['budget', 'perimetre']), [
      { code: 'J1', name: 'Lancement validé', state: 'reached' },
      { code: 'RECETTE', name: 'Recette prononcée', state: 'late' },
      { code: 'MEP', name: 'Mise en production', state: 'missing' },
    ]);
    expect(r.milestones.map((m) => [m.key, m.met, m.state])).toEqual([
      ['J1', true, 'reached'],
      ['RECETTE', false, 'late'],
      ['MEP', false, 'missing'],
    ]);
    expect([r.done, r.total, r.ready]).toEqual([4, 6, false]);
    expect(r.missing).toEqual(['RECETTE — Recette prononcée', 'MEP — Mise en production']);
    const planned = gateReadiness(realisation, [d('pv', 'approved', 'realisation')], new Set(), [
      { code: 'MEP', name: 'Mise en production', state: 'planned' },
    ]);
    expect(planned.ready).toBe(false);
  });

  it('counts a milestone whose standard requires evidence as met only when reached with evidence', () => {
    const checked = new Set(['budget', 'perimetre']);
    const approved = [d('note', 'approved')];
    const cases = [
      // state, required, count → met, evidence
      ['reached', true, 0, false, 'missing'],
      ['reached', true, 2, true, 'present'],
      ['reached', false, 0, true, 'not_required'],
      ['planned', true, 1, false, 'present'],
      ['missing', true, 0, false, 'missing'],
    ] as const;
    for (const [state, evidenceRequired, evidenceCount, met, evidence] of cases) {
      const r = gateReadiness(cadrage, approved, checked, [
        { code: 'J1', name: 'Lancement validé', state, evidenceRequired, evidenceCount },
      ]);
      expect(r.milestones[0]).toMatchObject({ met, evidence });
      expect(r.ready).toBe(met);
      expect(r.missing).toEqual(met ? [] : ['J1 — Lancement validé']);
    }
  });

  it('is ready at 100 % for a phase with nothing to check', () => {
    expect(
      gateReadiness(realisation, [d('pv', 'approved', 'realisation')], new Set()),
    ).toMatchObject({
      ready: true,
      percent: 100,
    });
    expect(gateReadiness({ ...realisation, deliverables: [] }, [], new Set()).percent).toBe(100);
  });

  it('keeps done ≤ total and the percent in 0..100', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('draft', 'submitted', 'approved'), { maxLength: 2 }),
        fc.subarray(['perimetre', 'budget', 'inconnu']),
        (statuses, checked) => {
          const delivs = statuses.map((s, i) =>
            d(i === 0 ? 'note' : 'com', s as DeliverableState['status']),
          );
          const r = gateReadiness(cadrage, delivs, new Set(checked));
          expect(r.done).toBeLessThanOrEqual(r.total);
          expect(r.percent).toBeGreaterThanOrEqual(0);
          expect(r.percent).toBeLessThanOrEqual(100);
          expect(r.missing).toHaveLength(r.total - r.done);
        },
      ),
    );
  });
});

describe('applyGateDecision', () => {
  const active = { phaseIndex: 1, status: 'active' as const };
  it.each([
    ['go', 0, { phaseIndex: 2, status: 'active' }],
    ['go_with_conditions', 2, { phaseIndex: 2, status: 'active' }],
    ['recycle', 0, { phaseIndex: 1, status: 'active' }],
    ['recycle', 1, { phaseIndex: 1, status: 'active' }],
    ['hold', 0, { phaseIndex: 1, status: 'on_hold' }],
    ['stop', 0, { phaseIndex: 1, status: 'stopped' }],
  ] as const)('%s with %i condition(s) on phase 2 of 4', (decision, conditions, expected) => {
    expect(applyGateDecision(active, 4, decision, conditions)).toEqual(expected);
  });

  it('completes the lifecycle on a go at the last phase', () => {
    expect(applyGateDecision({ phaseIndex: 3, status: 'active' }, 4, 'go', 0)).toEqual({
      phaseIndex: 3,
      status: 'completed',
    });
  });

  it('resumes a held lifecycle on a go', () => {
    expect(applyGateDecision({ phaseIndex: 1, status: 'on_hold' }, 4, 'go', 0).status).toBe(
      'active',
    );
  });

  it.each([
    ['go_with_conditions', 0, 'VALIDATION_FAILED'],
    ['go', 1, 'VALIDATION_FAILED'],
    ['stop', 2, 'VALIDATION_FAILED'],
  ] as const)('refuses %s with %i condition(s)', (decision, n, code) => {
    expect(() => applyGateDecision(active, 4, decision, n)).toThrow(DomainError);
    try {
      applyGateDecision(active, 4, decision, n);
    } catch (e) {
      expect((e as DomainError).code).toBe(code);
    }
  });

  it('refuses any decision once the lifecycle is stopped or completed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('stopped' as const, 'completed' as const),
        fc.constantFrom(...GATE_DECISIONS),
        (status, decision) => {
          expect(() => applyGateDecision({ phaseIndex: 0, status }, 3, decision, 1)).toThrow(
            /lifecycle is/,
          );
        },
      ),
    );
  });

  it('never moves backwards nor beyond the last phase', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.nat(),
        fc.constantFrom(...GATE_DECISIONS),
        (count, i, decision) => {
          const phaseIndex = i % count;
          const n = decision === 'go_with_conditions' ? 1 : 0;
          const next = applyGateDecision({ phaseIndex, status: 'active' }, count, decision, n);
          expect(next.phaseIndex).toBeGreaterThanOrEqual(phaseIndex);
          expect(next.phaseIndex).toBeLessThan(count);
        },
      ),
    );
  });
});

describe('mayDecideGate', () => {
  it.each([
    [['pmo'], 'admin', [], true],
    [['pmo'], 'pmo', [], true],
    [['pmo'], 'executive', [], false],
    [['executive', 'sponsor'], 'executive', [], true],
    [['sponsor'], 'member', ['sponsor'], true],
    [['sponsor'], 'member', ['project_manager'], false],
    [['sponsor'], 'viewer', ['sponsor'], false],
  ] as const)('approvers %j, %s with %j → %s', (approvers, role, roles, expected) => {
    expect(mayDecideGate(approvers, role, roles)).toBe(expected);
  });
});

describe('complianceScore', () => {
  const phases = [cadrage, realisation];
  it('counts only the phases already passed', () => {
    const delivs = [d('note', 'approved'), d('pv', 'draft', 'realisation')];
    expect(complianceScore(phases, delivs, 0, 'active').score).toBeNull();
    expect(complianceScore(phases, delivs, 1, 'active')).toMatchObject({
      score: 100,
      required: 1,
      approved: 1,
    });
    expect(complianceScore(phases, delivs, 1, 'completed')).toMatchObject({
      score: 50,
      required: 2,
      approved: 1,
    });
  });

  it('lists every phase with its required and approved deliverables', () => {
    expect(complianceScore(phases, [d('note', 'submitted')], 1, 'active').phases).toEqual([
      { phaseKey: 'cadrage', phaseName: 'Cadrage', required: 1, approved: 0 },
      { phaseKey: 'realisation', phaseName: 'Réalisation', required: 0, approved: 0 },
    ]);
  });
});

describe('methodologyIssues', () => {
  const content = (phases: PhaseTemplate[]): MethodologyContent => ({
    phases,
    roles: [],
    documents: [],
    ceremonies: [],
  });
  it('accepts a sound lifecycle', () => {
    expect(methodologyIssues(content([cadrage, realisation]))).toEqual([]);
  });
  it('names every problem with its path', () => {
    const issues = methodologyIssues(
      content([
        cadrage,
        {
          ...cadrage,
          gate: {
            name: 'J',
            approvers: [],
            criteria: [
              { key: 'a', label: 'a' },
              { key: 'a', label: 'b' },
            ],
          },
        },
      ]),
    );
    expect(issues.map((i) => i.path.join('.'))).toEqual([
      'body.content.phases.1.key',
      'body.content.phases.1.deliverables.0.key',
      'body.content.phases.1.deliverables.1.key',
      'body.content.phases.1.gate.approvers',
      'body.content.phases.1.gate.criteria.1.key',
    ]);
  });
  it('wants at least one phase', () => {
    expect(methodologyIssues(content([]))[0]!.message).toMatch(/phase/);
  });
});
