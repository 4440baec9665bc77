import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelKey, matchRoles, policyState } from './policies.ts';

const v = (number: number, effectiveOn: string) => ({ number, effectiveOn });

describe('policyState', () => {
  it.each([
    ['no version', [], null, null],
    ['one in force', [v(1, '2025-01-01')], 1, null],
    ['one announced', [v(1, '2026-09-01')], null, 1],
    ['v2 announced', [v(1, '2025-01-01'), v(2, '2026-09-01')], 1, 2],
    ['v2 in force today', [v(1, '2025-01-01'), v(2, '2026-03-05')], 2, null],
    [
      'v3 back-dated beats v2',
      [v(1, '2025-01-01'), v(2, '2026-01-01'), v(3, '2025-06-01')],
      3,
      null,
    ],
    [
      'next announced is the lowest',
      [v(1, '2025-01-01'), v(3, '2027-01-01'), v(2, '2026-12-01')],
      1,
      2,
    ],
  ])('%s', (_, versions, inForce, upcoming) => {
    const s = policyState(versions, '2026-03-05');
    expect(s.inForce?.number ?? null).toBe(inForce);
    expect(s.upcoming?.number ?? null).toBe(upcoming);
  });

  it('in force is effective and the highest such number; upcoming is newer and not effective', () => {
    const arb = fc.uniqueArray(
      fc.record({
        number: fc.integer({ min: 1, max: 50 }),
        effectiveOn: fc.constantFrom('2025-01-01', '2026-03-05', '2026-03-06', '2027-01-01'),
      }),
      { selector: (x) => x.number, maxLength: 10 },
    );
    fc.assert(
      fc.property(arb, (versions) => {
        const { inForce, upcoming } = policyState(versions, '2026-03-05');
        const effective = versions.filter((x) => x.effectiveOn <= '2026-03-05');
        expect(inForce?.number ?? null).toBe(
          effective.length ? Math.max(...effective.map((x) => x.number)) : null,
        );
        if (upcoming) {
          expect(upcoming.effectiveOn > '2026-03-05').toBe(true);
          if (inForce) expect(upcoming.number).toBeGreaterThan(inForce.number);
        }
      }),
    );
  });
});

describe('matchRoles', () => {
  it('matches RACI labels by name or alias, without case or accents', () => {
    const roles = [
      { name: 'Chef de projet', raciLabels: ['CP', 'Project manager'] },
      { name: 'Sponsor', raciLabels: [] },
      { name: 'Référent qualité', raciLabels: [] },
    ];
    const m = matchRoles(['cp', 'SPONSOR', 'Referent  qualite', 'DSI'], roles);
    expect(m.get('cp')?.name).toBe('Chef de projet');
    expect(m.get('SPONSOR')?.name).toBe('Sponsor');
    expect(m.get('Referent  qualite')?.name).toBe('Référent qualité');
    expect(m.has('DSI')).toBe(false);
    expect(labelKey('  Équipe   Métier ')).toBe('equipe metier');
  });
});
