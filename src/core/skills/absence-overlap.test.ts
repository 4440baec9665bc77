import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AbsenceKind,
  type OverlappingAbsence,
  decideOverlap,
  missedSpans,
} from './absence-overlap.ts';

const training: OverlappingAbsence = {
  id: 'a-training',
  kind: 'formation',
  start: '2026-10-12',
  finish: '2026-10-14',
  training: {
    sessionId: 's1',
    code: 'ISO-27001',
    title: 'ISO 27001 Lead Implementer',
    start: '2026-10-12',
    finish: '2026-10-14',
  },
};
const conges: OverlappingAbsence = {
  id: 'a-conges',
  kind: 'conges',
  start: '2026-10-13',
  finish: '2026-10-13',
  training: null,
};

describe('an absence over another absence', () => {
  it.each<[string, AbsenceKind, OverlappingAbsence[], string]>([
    ['nothing overlaps', 'conges', [], 'ok'],
    ['a sick day on a training day', 'maladie', [training], 'ok'],
    ['congés on a training day', 'conges', [training], 'ABSENCE_ON_TRAINING'],
    ['an RTT on a training day', 'rtt', [training], 'ABSENCE_ON_TRAINING'],
    ['another « formation » on a training day', 'formation', [training], 'ABSENCE_ON_TRAINING'],
    ['« autre » on a training day', 'autre', [training], 'ABSENCE_ON_TRAINING'],
    ['congés over congés', 'conges', [conges], 'ABSENCE_OVERLAP'],
    ['sick over congés', 'maladie', [conges], 'ABSENCE_OVERLAP'],
    ['sick over a training and congés', 'maladie', [training, conges], 'ABSENCE_OVERLAP'],
  ])('%s', (_, kind, overlaps, expected) => {
    const d = decideOverlap(kind, overlaps);
    expect(d.ok ? 'ok' : d.code).toBe(expected);
  });

  it('names the training it refuses on, and the one a sick day marks as missed', () => {
    const refused = decideOverlap('conges', [training]);
    expect(refused).toMatchObject({
      ok: false,
      code: 'ABSENCE_ON_TRAINING',
      absenceIds: ['a-training'],
      trainings: [{ code: 'ISO-27001', title: 'ISO 27001 Lead Implementer' }],
    });
    expect(decideOverlap('maladie', [training])).toEqual({
      ok: true,
      trainings: [training.training],
    });
  });

  it('refuses every kind but sickness when a training is among the overlaps', () => {
    const kinds: AbsenceKind[] = ['conges', 'rtt', 'formation', 'maladie', 'autre'];
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.boolean(), (kind, withConges) => {
        const d = decideOverlap(kind, withConges ? [training, conges] : [training]);
        expect(d.ok).toBe(kind === 'maladie' && !withConges);
      }),
    );
  });
});

describe('the training days a person missed', () => {
  const session = { start: '2026-10-12', finish: '2026-10-16' };
  it.each<[string, { start: string; finish: string }[], { start: string; finish: string }[]]>([
    ['none', [], []],
    [
      'one day inside',
      [{ start: '2026-10-13', finish: '2026-10-13' }],
      [{ start: '2026-10-13', finish: '2026-10-13' }],
    ],
    ['a week clipped to the session', [{ start: '2026-10-08', finish: '2026-10-20' }], [session]],
    ['outside', [{ start: '2026-10-01', finish: '2026-10-09' }], []],
    [
      'two overlapping spans merged',
      [
        { start: '2026-10-15', finish: '2026-10-16' },
        { start: '2026-10-13', finish: '2026-10-15' },
      ],
      [{ start: '2026-10-13', finish: '2026-10-16' }],
    ],
  ])('%s', (_, sick, expected) => {
    expect(missedSpans(session, sick)).toEqual(expected);
  });

  it('stays within the session, sorted and disjoint', () => {
    const day = fc.integer({ min: 1, max: 28 }).map((n) => `2026-10-${String(n).padStart(2, '0')}`);
    const span = fc
      .tuple(day, day)
      .map(([a, b]) => (a <= b ? { start: a, finish: b } : { start: b, finish: a }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 6 }), (sick) => {
        const out = missedSpans(session, sick);
        for (const [i, s] of out.entries()) {
          expect(s.start >= session.start && s.finish <= session.finish).toBe(true);
          expect(s.start <= s.finish).toBe(true);
          if (i > 0) expect(out[i - 1]!.finish < s.start).toBe(true);
        }
      }),
    );
  });
});
