import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type FollowUp,
  followUp,
  postingDate,
  postingOutOfDate,
  postingReference,
  sessionCost,
} from './postings.ts';

describe('training cost postings', () => {
  it.each<[string, number, number, number | undefined, number]>([
    ['course cost × seats held', 245000, 3, undefined, 735000],
    ['no participant yet', 245000, 0, undefined, 0],
    ['the session’s own cost wins', 245000, 3, 500000, 500000],
    ['a free course', 0, 8, undefined, 0],
  ])('%s', (_l, cost, seats, own, expected) => {
    expect(sessionCost(cost, seats, own)).toBe(expected);
  });

  it('dates a commitment on the first day and an actual on the last, unless given', () => {
    const s = { start: '2026-10-12', finish: '2026-10-16' };
    expect(postingDate('commitment', s)).toBe('2026-10-12');
    expect(postingDate('actual', s)).toBe('2026-10-16');
    expect(postingDate('actual', s, '2026-10-30')).toBe('2026-10-30');
  });

  it('names the course and the session in at most 60 characters', () => {
    expect(postingReference('ISO 27001', '2026-10-12')).toBe('FORM-ISO-27001-2026-10-12');
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (code) => {
        const r = postingReference(code, '2026-10-12');
        expect(r.length).toBeLessThanOrEqual(60);
        expect(r.endsWith('-2026-10-12')).toBe(true);
      }),
    );
  });

  it('tells a posting out of date only when it followed the seats', () => {
    expect(postingOutOfDate(490000, 735000, false)).toBe(true);
    expect(postingOutOfDate(735000, 735000, false)).toBe(false);
    expect(postingOutOfDate(500000, 735000, true)).toBe(false);
  });
});

describe('a posting follows its session', () => {
  type P = Parameters<typeof followUp>[0];
  const commitment: P = {
    kind: 'commitment',
    amountMinor: 480000,
    participants: 2,
    ownCost: false,
    review: null,
  };
  const actual: P = { ...commitment, kind: 'actual' };
  const planned = (seats: number) => ({ cancelled: false, costPerParticipant: 240000, seats });
  const cancelled = { cancelled: true, costPerParticipant: 240000, seats: 0 };
  it.each<[string, P, Parameters<typeof followUp>[1], FollowUp]>([
    ['nothing changed', commitment, planned(2), { action: 'none' }],
    [
      'a third seat: the commitment grows',
      commitment,
      planned(3),
      { action: 'recompute', amountMinor: 720000 },
    ],
    [
      'one seat left: it shrinks',
      commitment,
      planned(1),
      { action: 'recompute', amountMinor: 240000 },
    ],
    [
      'nobody left: removed',
      commitment,
      planned(0),
      { action: 'remove', reason: 'no_participant' },
    ],
    [
      'session cancelled: removed',
      commitment,
      cancelled,
      { action: 'remove', reason: 'session_cancelled' },
    ],
    [
      'own price: seats do not matter',
      { ...commitment, ownCost: true },
      planned(5),
      { action: 'none' },
    ],
    [
      'an actual is flagged, never changed',
      actual,
      planned(3),
      { action: 'flag', review: 'participants_changed' },
    ],
    [
      'an actual already flagged stays',
      { ...actual, review: 'participants_changed' },
      planned(4),
      { action: 'none' },
    ],
    [
      'an actual of a cancelled session',
      actual,
      cancelled,
      { action: 'flag', review: 'session_cancelled' },
    ],
    [
      'flagged once for the cancellation',
      { ...actual, review: 'session_cancelled' },
      cancelled,
      { action: 'none' },
    ],
    ['an actual at its own price', { ...actual, ownCost: true }, planned(3), { action: 'none' }],
  ])('%s', (_l, posting, session, expected) => {
    expect(followUp(posting, session)).toEqual(expected);
  });

  it('never changes an actual’s amount, and a recomputed commitment is cost × seats', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'commitment' | 'actual'>('commitment', 'actual'),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.boolean(),
        (kind, seats, posted, isCancelled) => {
          const f = followUp(
            {
              kind,
              amountMinor: posted * 1000,
              participants: posted,
              ownCost: false,
              review: null,
            },
            { cancelled: isCancelled, costPerParticipant: 1000, seats },
          );
          if (kind === 'actual') expect(['none', 'flag']).toContain(f.action);
          if (f.action === 'recompute') expect(f.amountMinor).toBe(seats * 1000);
        },
      ),
    );
  });
});
