import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MethodologyContent } from '../governance/model.ts';
import { assignKeys, slugKey, versionChanges } from './editor.ts';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

const KEY = /^[a-z0-9][a-z0-9_-]{0,39}$/;

describe('slugKey', () => {
  it.each([
    ['Étude de faisabilité', [], 'etude-de-faisabilite'],
    ['  Go / No-Go  ', [], 'go-no-go'],
    ['Cadrage', ['cadrage'], 'cadrage-2'],
    ['Cadrage', ['cadrage', 'cadrage-2'], 'cadrage-3'],
    ['!!!', [], 'item'],
    ['Réalisation', [], 'realisation'],
  ])('%s with %j taken → %s', (name, taken, expected) => {
    expect(slugKey(name, new Set(taken))).toBe(expected);
  });

  it('always gives a well-formed key that is not taken', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.array(fc.string(), { maxLength: 5 }),
        (name, extra) => {
          const taken = new Set([slugKey(name, new Set()), ...extra]);
          const key = slugKey(name, taken);
          expect(key).toMatch(KEY);
          expect(taken.has(key)).toBe(false);
        },
      ),
    );
  });
});

const base: MethodologyContent = {
  phases: [
    {
      key: 'cadrage',
      name: 'Cadrage',
      deliverables: [{ key: 'note-de-cadrage', name: 'Note de cadrage', required: true }],
      gate: {
        name: 'Go cadrage',
        criteria: [{ key: 'budget', label: 'Budget validé' }],
        approvers: ['pmo'],
      },
      wbs: [{ name: 'Ateliers', duration: 5, children: [] }],
    },
    { key: 'realisation', name: 'Réalisation', deliverables: [], gate: null, wbs: [] },
  ],
  roles: [{ name: 'Chef de projet', description: '' }],
  documents: ['Charte projet'],
  ceremonies: [{ name: 'COPIL', frequency: 'mensuel', description: '' }],
};

describe('assignKeys', () => {
  it('keeps existing keys and derives missing ones, unique across the method', () => {
    const out = assignKeys({
      ...base,
      phases: [
        ...base.phases,
        {
          key: '',
          name: 'Cadrage',
          deliverables: [
            { key: '', name: 'Note de cadrage', required: true },
            { key: '', name: 'Note de cadrage', required: false },
          ],
          gate: {
            name: 'Fin',
            criteria: [
              { key: '', label: 'Recette OK' },
              { key: '', label: 'Recette OK' },
            ],
            approvers: ['sponsor'],
          },
          wbs: [],
        },
      ],
    });
    expect(out.phases.map((p) => p.key)).toEqual(['cadrage', 'realisation', 'cadrage-2']);
    expect(out.phases[2]!.deliverables.map((d) => d.key)).toEqual([
      'note-de-cadrage-2',
      'note-de-cadrage-3',
    ]);
    expect(out.phases[2]!.gate!.criteria.map((c) => c.key)).toEqual(['recette-ok', 'recette-ok-2']);
  });
});

describe('versionChanges', () => {
  it('finds nothing between a version and itself', () => {
    expect(versionChanges(base, clone(base))).toEqual([]);
  });

  it('lists phase, deliverable, gate, WBS and list changes', () => {
    const next: MethodologyContent = clone(base);
    next.phases[0]!.name = 'Cadrage et lancement';
    next.phases[0]!.deliverables[0]!.required = false;
    next.phases[0]!.deliverables.push({
      key: 'planning',
      name: 'Planning directeur',
      required: true,
    });
    next.phases[0]!.gate!.approvers = ['pmo', 'sponsor'];
    next.phases[0]!.wbs.push({ name: 'Kick-off', duration: 0, children: [] });
    next.phases[1]!.gate = { name: 'Fin', criteria: [], approvers: ['executive'] };
    next.phases.push({ key: 'cloture', name: 'Clôture', deliverables: [], gate: null, wbs: [] });
    next.roles = [{ name: 'Product owner', description: '' }];
    next.documents.push('Plan qualité');
    next.ceremonies = [];
    expect(versionChanges(base, next)).toEqual([
      { kind: 'phase_renamed', phase: 'Cadrage et lancement', from: 'Cadrage' },
      { kind: 'deliverable_optional', phase: 'Cadrage et lancement', name: 'Note de cadrage' },
      { kind: 'deliverable_added', phase: 'Cadrage et lancement', name: 'Planning directeur' },
      { kind: 'gate_changed', phase: 'Cadrage et lancement' },
      { kind: 'wbs_changed', phase: 'Cadrage et lancement', before: 1, after: 2 },
      { kind: 'gate_added', phase: 'Réalisation' },
      { kind: 'phase_added', phase: 'Clôture' },
      { kind: 'role_added', name: 'Product owner' },
      { kind: 'role_removed', name: 'Chef de projet' },
      { kind: 'document_added', name: 'Plan qualité' },
      { kind: 'ceremony_removed', name: 'COPIL' },
    ]);
  });

  it('reports removed and reordered phases', () => {
    const next = clone(base);
    next.phases.reverse();
    expect(versionChanges(base, next)).toEqual([{ kind: 'phases_reordered' }]);
    expect(versionChanges(base, { ...base, phases: [base.phases[1]!] })).toEqual([
      { kind: 'phase_removed', phase: 'Cadrage' },
    ]);
  });
});
