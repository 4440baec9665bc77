import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LessonCandidate, suggestLessons } from './lessons.ts';

const l = (
  id: string,
  projectId: string,
  methodologyId: string | null,
  tags: string[],
  kind: 'worked' | 'improve' = 'worked',
  updatedAt = '2026-01-01T00:00:00Z',
): LessonCandidate => ({ id, projectId, methodologyId, tags, kind, updatedAt });

describe('suggestLessons', () => {
  const lessons = [
    l('a', 'p1', 'm1', []),
    l('b', 'p2', 'm1', ['erp'], 'improve'),
    l('c', 'p3', 'm2', ['erp', 'sap']),
    l('d', 'p4', null, []),
    l('e', 'self', 'm1', ['erp']),
    l('f', 'p5', 'm1', [], 'worked', '2026-02-01T00:00:00Z'),
  ];

  it('ranks same method, then shared tags, mistakes first, recent first; skips own and unrelated', () => {
    const out = suggestLessons(
      { projectId: 'self', methodologyId: 'm1', tags: ['ERP', 'SAP'] },
      lessons,
      10,
    );
    expect(out.map((s) => [s.lesson.id, s.score])).toEqual([
      ['b', 4.5],
      ['f', 3],
      ['a', 3],
      ['c', 2],
    ]);
    expect(out[0]!.sharedTags).toEqual(['erp']);
  });

  it('respects the limit and needs a link', () => {
    expect(suggestLessons({ projectId: null, methodologyId: null, tags: [] }, lessons, 10)).toEqual(
      [],
    );
    expect(
      suggestLessons({ projectId: null, methodologyId: 'm1', tags: [] }, lessons, 2),
    ).toHaveLength(2);
  });

  it('never suggests the project its own lessons, and scores never increase down the list', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.uuid(),
            projectId: fc.constantFrom('self', 'p1', 'p2'),
            methodologyId: fc.constantFrom(null, 'm1', 'm2'),
            tags: fc.subarray(['erp', 'sap', 'crm']),
            kind: fc.constantFrom('worked' as const, 'improve' as const),
            updatedAt: fc.constantFrom('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'),
          }),
          { maxLength: 30 },
        ),
        (ls) => {
          const out = suggestLessons(
            { projectId: 'self', methodologyId: 'm1', tags: ['erp'] },
            ls,
            50,
          );
          for (const s of out) expect(s.lesson.projectId).not.toBe('self');
          for (let i = 1; i < out.length; i++)
            expect(out[i]!.score).toBeLessThanOrEqual(out[i - 1]!.score);
        },
      ),
    );
  });
});
