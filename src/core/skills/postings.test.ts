import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { postingDate, postingOutOfDate, postingReference, sessionCost } from './postings.ts';

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
