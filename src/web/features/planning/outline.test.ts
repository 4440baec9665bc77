import { describe, expect, it } from 'vitest';
import { indentMove, moveDownMove, moveUpMove, outdentMove, visibleTasks } from './outline.ts';

// 1 Phase A { 1.1 a1, 1.2 a2 { 1.2.1 x } }, 2 b
const tasks = [
  { id: 'A', parentId: null, level: 0 },
  { id: 'a1', parentId: 'A', level: 1 },
  { id: 'a2', parentId: 'A', level: 1 },
  { id: 'x', parentId: 'a2', level: 2 },
  { id: 'b', parentId: null, level: 0 },
];

describe('outline moves', () => {
  it('indents under the previous sibling, after its last child', () => {
    expect(indentMove(tasks, 'a2')).toEqual({ parentId: 'a1', afterTaskId: null });
    expect(indentMove(tasks, 'b')).toEqual({ parentId: 'A', afterTaskId: 'a2' });
    expect(indentMove(tasks, 'a1')).toBeNull();
  });

  it('outdents to right after the parent', () => {
    expect(outdentMove(tasks, 'x')).toEqual({ parentId: 'A', afterTaskId: 'a2' });
    expect(outdentMove(tasks, 'a1')).toEqual({ parentId: null, afterTaskId: 'A' });
    expect(outdentMove(tasks, 'A')).toBeNull();
  });

  it('moves up and down among siblings', () => {
    expect(moveUpMove(tasks, 'a2')).toEqual({ parentId: 'A', afterTaskId: null });
    expect(moveUpMove(tasks, 'b')).toEqual({ parentId: null, afterTaskId: null });
    expect(moveUpMove(tasks, 'a1')).toBeNull();
    expect(moveDownMove(tasks, 'a1')).toEqual({ parentId: 'A', afterTaskId: 'a2' });
    expect(moveDownMove(tasks, 'A')).toEqual({ parentId: null, afterTaskId: 'b' });
    expect(moveDownMove(tasks, 'b')).toBeNull();
  });

  it('hides the tasks under collapsed summaries', () => {
    expect(visibleTasks(tasks, new Set(['a2'])).map((t) => t.id)).toEqual(['A', 'a1', 'a2', 'b']);
    expect(visibleTasks(tasks, new Set(['A'])).map((t) => t.id)).toEqual(['A', 'b']);
    expect(visibleTasks(tasks, new Set())).toBe(tasks);
  });
});
