/**
 * Lessons learned (REX, retour d'expérience): the categories, and which lessons to suggest to a
 * project from what other projects learned (same method first, then shared tags).
 */

export const LESSON_KINDS = ['worked', 'improve'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];

export const LESSON_CATEGORIES = [
  'planning',
  'scope',
  'budget',
  'risk',
  'quality',
  'communication',
  'governance',
  'resources',
  'supplier',
  'technical',
] as const;
export type LessonCategory = (typeof LESSON_CATEGORIES)[number];

export interface LessonCandidate {
  id: string;
  projectId: string;
  methodologyId: string | null;
  tags: readonly string[];
  kind: LessonKind;
  /** ISO instant, for the tie-break (the most recent first). */
  updatedAt: string;
}

export interface SuggestionTarget {
  projectId: string | null;
  methodologyId: string | null;
  tags: readonly string[];
}

export interface Suggestion<L> {
  lesson: L;
  score: number;
  sameMethod: boolean;
  sharedTags: string[];
}

/**
 * Lessons of other projects that fit `target`: following the same method weighs 3, each shared
 * tag 1 (tags compared without case), a lesson "to improve" 0.5 more (the mistakes are what a
 * new project most needs to hear). Lessons with no link are left out; ties go to the most recent.
 */
export function suggestLessons<L extends LessonCandidate>(
  target: SuggestionTarget,
  lessons: readonly L[],
  limit: number,
): Suggestion<L>[] {
  const wanted = new Set(target.tags.map((t) => t.toLowerCase()));
  const out: Suggestion<L>[] = [];
  for (const lesson of lessons) {
    if (target.projectId && lesson.projectId === target.projectId) continue;
    const sameMethod =
      target.methodologyId !== null && lesson.methodologyId === target.methodologyId;
    const sharedTags = [...new Set(lesson.tags.filter((t) => wanted.has(t.toLowerCase())))];
    if (!sameMethod && sharedTags.length === 0) continue;
    const score = (sameMethod ? 3 : 0) + sharedTags.length + (lesson.kind === 'improve' ? 0.5 : 0);
    out.push({ lesson, score, sameMethod, sharedTags });
  }
  out.sort(
    (a, b) =>
      b.score - a.score ||
      (a.lesson.updatedAt < b.lesson.updatedAt
        ? 1
        : a.lesson.updatedAt > b.lesson.updatedAt
          ? -1
          : 0) ||
      (a.lesson.id < b.lesson.id ? -1 : 1),
  );
  return out.slice(0, Math.max(0, limit));
}
