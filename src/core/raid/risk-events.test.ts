import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_SETTINGS } from '../risks/register.ts';
import {
  levelProbability,
  mergeRegisterEvents,
  type RegisterRisk,
  type SimEvent,
  simulated,
} from './risk-events.ts';

const S = DEFAULT_RISK_SETTINGS;
const P = 'p-1';

const risk = (over: Partial<RegisterRisk> = {}): RegisterRisk => ({
  id: 'r1',
  number: 1,
  title: 'Fournisseur en retard',
  kind: 'threat',
  status: 'open',
  probability: 3,
  costImpactCents: 500_000,
  impacts: [{ taskId: 't1', days: 10 }],
  version: 2,
  ...over,
});

const event = (over: Partial<SimEvent> = {}): SimEvent => ({
  id: 'e1',
  projectId: P,
  name: 'Saisi',
  risk: null,
  probability: 0.5,
  impacts: [{ taskId: 't2', days: 3 }],
  costImpact: 100,
  version: 1,
  ...over,
});

describe('levelProbability', () => {
  it.each([
    [1, 0.05],
    [3, 0.4],
    [5, 0.85],
    [0, 0],
    [6, 0],
  ])('level %i → %f', (level, p) => {
    expect(levelProbability(S, level)).toBeCloseTo(p, 12);
  });
});

describe('simulated', () => {
  it.each<[Partial<RegisterRisk>, boolean]>([
    [{}, true],
    [{ status: 'monitoring' }, true],
    [{ status: 'closed' }, false],
    [{ status: 'occurred' }, false],
    [{ kind: 'opportunity' }, false],
    [{ impacts: [] }, false],
  ])('%j → %s', (over, expected) => {
    expect(simulated(risk(over))).toBe(expected);
  });
});

describe('mergeRegisterEvents', () => {
  it('turns a register risk with task impacts into an event (probability of its level, cost)', () => {
    const { events, fromRegister } = mergeRegisterEvents([], [risk()], S, P);
    expect(fromRegister).toEqual(events);
    expect(events).toEqual([
      {
        id: 'r1',
        projectId: P,
        name: 'R-1 Fournisseur en retard',
        risk: { id: 'r1', code: 'R-1', title: 'Fournisseur en retard' },
        probability: 0.4,
        impacts: [{ taskId: 't1', days: 10 }],
        costImpact: 500_000,
        version: 2,
      },
    ]);
  });

  it('keeps unlinked events, syncs linked ones, drops those the register replaces', () => {
    const linked = risk({ id: 'r2', number: 2, impacts: [], probability: 5, costImpactCents: 7 });
    const closed = risk({ id: 'r3', number: 3, status: 'closed' });
    const own = risk();
    const r = mergeRegisterEvents(
      [
        event(),
        event({ id: 'e2', risk: { id: 'r2', code: 'R-2', title: '' } }),
        event({ id: 'e3', risk: { id: 'r1', code: 'R-1', title: '' } }),
        event({ id: 'e4', risk: { id: 'r3', code: 'R-3', title: '' } }),
      ],
      [closed, linked, own],
      S,
      P,
    );
    expect(r.events.map((e) => e.id)).toEqual(['e1', 'e2', 'r1']);
    expect(r.events[1]).toMatchObject({
      probability: 0.85,
      costImpact: 7,
      impacts: [{ taskId: 't2', days: 3 }],
    });
    expect(r.superseded).toEqual(['e3', 'e4']);
  });

  it('never counts a register risk twice and keeps probabilities in [0, 1]', () => {
    const arbRisk = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd'),
      number: fc.integer({ min: 1, max: 50 }),
      title: fc.string(),
      kind: fc.constantFrom('threat' as const, 'opportunity' as const),
      status: fc.constantFrom(
        'open' as const,
        'monitoring' as const,
        'occurred' as const,
        'closed' as const,
      ),
      probability: fc.integer({ min: 1, max: 5 }),
      costImpactCents: fc.integer({ min: 0, max: 1e9 }),
      impacts: fc.array(
        fc.record({ taskId: fc.string(), days: fc.double({ min: 0.5, max: 30, noNaN: true }) }),
        { maxLength: 3 },
      ),
      version: fc.integer({ min: 1, max: 9 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(arbRisk, { selector: (r) => r.id }),
        fc.array(fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'x')), { maxLength: 6 }),
        (register, links) => {
          const events = links.map((l, k) =>
            event({ id: `e${k}`, risk: l ? { id: l, code: '', title: '' } : null }),
          );
          const r = mergeRegisterEvents(events, register, S, P);
          const fromRisk = r.events.filter((e) => e.id === e.risk?.id).map((e) => e.id);
          expect(new Set(fromRisk).size).toBe(fromRisk.length);
          for (const e of r.events) {
            expect(e.probability).toBeGreaterThanOrEqual(0);
            expect(e.probability).toBeLessThanOrEqual(1);
            // An event linked to a simulated risk never runs beside the risk itself.
            if (e.risk && e.id !== e.risk.id) {
              expect(fromRisk).not.toContain(e.risk.id);
            }
          }
          expect(r.events.length + r.superseded.length).toBe(events.length + r.fromRegister.length);
        },
      ),
    );
  });
});
