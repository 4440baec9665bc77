import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Candidate,
  availabilityScore,
  costScore,
  hoursNeeded,
  rankCandidates,
  skillFit,
} from './ranking.ts';

const JAVA = 'java';
const CLOUD = 'cloud';

function person(id: string, over: Partial<Candidate> = {}): Candidate {
  return {
    id,
    roleId: null,
    skills: new Map(),
    capacityHours: 280,
    absenceHours: 0,
    loadHours: 0,
    rateMinor: 6000,
    ...over,
  };
}

describe('skill fit', () => {
  it.each([
    // [held levels, required, fit, qualified]
    [{ java: 4 }, [{ skillId: JAVA, minLevel: 3 }], 1, true],
    [{ java: 3 }, [{ skillId: JAVA, minLevel: 3 }], 1, true],
    [{ java: 2 }, [{ skillId: JAVA, minLevel: 4 }], 0.5, false],
    [{}, [{ skillId: JAVA, minLevel: 2 }], 0, false],
    [
      { java: 4, cloud: 1 },
      [
        { skillId: JAVA, minLevel: 4 },
        { skillId: CLOUD, minLevel: 2 },
      ],
      0.75,
      false,
    ],
    [{ java: 1 }, [], 1, true],
  ] as const)('%j against %j → %d', (held, required, fit, qualified) => {
    const skills = new Map(
      Object.entries(held).map(([k, level]) => [k, { level, expired: false }]),
    );
    const r = skillFit({ skills: required, roleId: null }, { skills, roleId: null });
    expect(r.fit).toBeCloseTo(fit);
    expect(r.qualified).toBe(qualified);
  });

  it('weighs the role at 20 % when skills are asked, 100 % when only the role is', () => {
    const skills = new Map([[JAVA, { level: 3, expired: false }]]);
    const asked = [{ skillId: JAVA, minLevel: 3 }];
    expect(skillFit({ skills: asked, roleId: 'dev' }, { skills, roleId: 'dev' }).fit).toBe(1);
    expect(skillFit({ skills: asked, roleId: 'dev' }, { skills, roleId: 'pm' }).fit).toBeCloseTo(
      0.8,
    );
    expect(skillFit({ skills: [], roleId: 'dev' }, { skills, roleId: 'pm' }).fit).toBe(0);
    const other = skillFit({ skills: [], roleId: 'dev' }, { skills, roleId: null });
    expect(other.qualified).toBe(false);
    expect(other.reasons).toEqual([{ code: 'role_other' }]);
  });

  it('flags an expired certification but keeps its level', () => {
    const skills = new Map([[JAVA, { level: 4, expired: true }]]);
    const r = skillFit(
      { skills: [{ skillId: JAVA, minLevel: 4 }], roleId: null },
      { skills, roleId: null },
    );
    expect(r.fit).toBe(1);
    expect(r.reasons.map((x) => x.code)).toEqual(['skill_ok', 'certification_expired']);
  });
});

describe('availability and cost scores', () => {
  it.each([
    [100, 0, 0],
    [100, 50, 0.5],
    [100, 150, 1],
    [0, 10, 1],
    [0, 0, 0],
  ])('need %d, free %d → %d', (need, free, score) => {
    expect(availabilityScore(need, free)).toBe(score);
  });
  it.each([
    [5000, 5000, 9000, 1],
    [9000, 5000, 9000, 0],
    [7000, 5000, 9000, 0.5],
    [null, 5000, 9000, 0.5],
    [7000, 7000, 7000, 1],
  ])('rate %s between %d and %d → %d', (rate, min, max, score) => {
    expect(costScore(rate, min, max)).toBe(score);
  });
  it('converts a request to hours over its working days', () => {
    expect(hoursNeeded({ unit: 'fte', amount: 0.5 }, 20)).toBe(70);
    expect(hoursNeeded({ unit: 'hours', amount: 14 }, 10)).toBe(28);
  });
});

describe('ranking', () => {
  const request = { skills: [{ skillId: JAVA, minLevel: 3 }], roleId: null, hoursNeeded: 140 };

  it('puts the skilled, free and cheaper person first and explains why', () => {
    const result = rankCandidates(request, [
      person('busy-expert', {
        skills: new Map([[JAVA, { level: 5, expired: false }]]),
        loadHours: 260,
      }),
      person('free-expert', {
        skills: new Map([[JAVA, { level: 4, expired: false }]]),
        rateMinor: 5000,
        absenceHours: 14,
      }),
      person('free-novice', { skills: new Map([[JAVA, { level: 1, expired: false }]]) }),
      person('nobody', { rateMinor: null }),
    ]);
    expect(result.total).toBe(4);
    expect(result.items.map((r) => r.id)).toEqual([
      'free-expert',
      // the skill weighs more than availability: 50 + 5 beats 16.7 + 35
      'busy-expert',
      'free-novice',
      'nobody',
    ]);
    const best = result.items[0]!;
    expect(best.score).toBe(100);
    expect(best.qualified).toBe(true);
    expect(best.reasons).toEqual([
      { code: 'skill_ok', skillId: JAVA, level: 4, minLevel: 3 },
      { code: 'available', freeHours: 280, hoursNeeded: 140 },
      { code: 'absent', hours: 14 },
      { code: 'rate', rateMinor: 5000, cheapest: true },
    ]);
    const busy = result.items.find((r) => r.id === 'busy-expert')!;
    expect(busy.availability).toBeCloseTo(20 / 140, 3);
    expect(busy.reasons).toContainEqual({
      code: 'partly_available',
      freeHours: 20,
      hoursNeeded: 140,
    });
    expect(result.items[3]!.reasons).toContainEqual({ code: 'no_rate' });
  });

  it('keeps only qualified people on demand, and cuts to the limit', () => {
    const people = [
      person('a', { skills: new Map([[JAVA, { level: 3, expired: false }]]) }),
      person('b', { skills: new Map([[JAVA, { level: 2, expired: false }]]) }),
      person('c'),
    ];
    const q = rankCandidates(request, people, { qualifiedOnly: true });
    expect(q.items.map((r) => r.id)).toEqual(['a']);
    const top = rankCandidates(request, people, { limit: 2 });
    expect(top.total).toBe(3);
    expect(top.items).toHaveLength(2);
  });

  const arbCandidate = fc.record({
    id: fc.uuid(),
    roleId: fc.constantFrom(null, 'dev', 'pm'),
    level: fc.integer({ min: 0, max: 5 }),
    capacityHours: fc.double({ min: 0, max: 400, noNaN: true }),
    loadHours: fc.double({ min: 0, max: 600, noNaN: true }),
    rateMinor: fc.option(fc.integer({ min: 1000, max: 20000 })),
  });
  const toCandidate = (x: {
    id: string;
    roleId: string | null;
    level: number;
    capacityHours: number;
    loadHours: number;
    rateMinor: number | null;
  }): Candidate => ({
    id: x.id,
    roleId: x.roleId,
    skills: x.level ? new Map([[JAVA, { level: x.level, expired: false }]]) : new Map(),
    capacityHours: x.capacityHours,
    absenceHours: 0,
    loadHours: x.loadHours,
    rateMinor: x.rateMinor,
  });

  it('scores within [0, 100], sorted, every candidate once', () => {
    fc.assert(
      fc.property(
        fc.array(arbCandidate, { maxLength: 40 }),
        fc.constantFrom(null, 'dev'),
        (xs, roleId) => {
          const r = rankCandidates({ ...request, roleId }, xs.map(toCandidate));
          expect(r.items).toHaveLength(xs.length);
          for (let i = 0; i < r.items.length; i++) {
            const it = r.items[i]!;
            expect(it.score).toBeGreaterThanOrEqual(0);
            expect(it.score).toBeLessThanOrEqual(100);
            if (i > 0) expect(r.items[i - 1]!.score).toBeGreaterThanOrEqual(it.score);
          }
        },
      ),
    );
  });

  it('never ranks a person lower for a higher level, all else equal', () => {
    fc.assert(
      fc.property(arbCandidate, fc.integer({ min: 1, max: 5 }), (x, extra) => {
        const low = toCandidate({ ...x, id: 'low' });
        const high = toCandidate({ ...x, id: 'high', level: Math.min(5, x.level + extra) });
        const r = rankCandidates(request, [low, high]);
        const s = new Map(r.items.map((i) => [i.id, i.score]));
        expect(s.get('high')!).toBeGreaterThanOrEqual(s.get('low')!);
      }),
    );
  });
});
