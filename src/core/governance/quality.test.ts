import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTION_STATUSES,
  actionOverdue,
  auditScore,
  auditStatus,
  CHECK_RESULTS,
  type CheckResult,
  checklistIssues,
  compareFindings,
  completionIssues,
  FINDING_SEVERITIES,
  FINDING_STATUSES,
  findingCloseBlocker,
  itemsFromChecklist,
} from './quality.ts';

const item = (result: CheckResult | null, comment = '') => ({ result, comment });

describe('checklistIssues', () => {
  it.each([
    [[], [['body', 'items']]],
    [[{ key: 'a', label: 'A' }], []],
    [
      [
        { key: 'a', label: 'A' },
        { key: 'b', label: 'B' },
        { key: 'a', label: 'C' },
      ],
      [['body', 'items', 2, 'key']],
    ],
  ])('%j → %j', (items, paths) => {
    expect(checklistIssues(items).map((i) => i.path)).toEqual(paths);
  });
});

describe('auditScore', () => {
  it.each([
    [[], { total: 0, assessed: 0, conform: 0, nonConform: 0, na: 0, rate: null }],
    [
      [item('na'), item(null)],
      { total: 2, assessed: 1, conform: 0, nonConform: 0, na: 1, rate: null },
    ],
    [
      [item('conform'), item('conform'), item('non_conform'), item('na')],
      { total: 4, assessed: 4, conform: 2, nonConform: 1, na: 1, rate: 66 },
    ],
    [[item('conform')], { total: 1, assessed: 1, conform: 1, nonConform: 0, na: 0, rate: 100 }],
  ])('%j', (items, expected) => {
    expect(auditScore(items)).toEqual(expected);
  });

  it('rate stays within 0..100 and counts add up', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(null, ...CHECK_RESULTS)), (results) => {
        const s = auditScore(results.map((r) => item(r)));
        expect(s.conform + s.nonConform + s.na).toBe(s.assessed);
        expect(s.assessed).toBeLessThanOrEqual(s.total);
        if (s.rate !== null) {
          expect(s.rate).toBeGreaterThanOrEqual(0);
          expect(s.rate).toBeLessThanOrEqual(100);
        } else expect(s.conform + s.nonConform).toBe(0);
      }),
    );
  });
});

describe('completionIssues', () => {
  it('points at items not assessed and non-conform items without a comment', () => {
    const issues = completionIssues([
      item('conform'),
      item(null),
      item('non_conform', '  '),
      item('non_conform', 'Pas de PV signé'),
      item('na'),
    ]);
    expect(issues.map((i) => i.path)).toEqual([
      ['body', 'items', 1, 'result'],
      ['body', 'items', 2, 'comment'],
    ]);
  });
});

describe('auditStatus', () => {
  it.each([
    [false, [item(null)], [], 'planned'],
    [false, [item('conform')], [], 'in_progress'],
    [false, [item(null)], [{ status: 'open' as const }], 'in_progress'],
    [true, [item('conform')], [], 'closed'],
    [true, [item('non_conform', 'x')], [{ status: 'open' as const }], 'follow_up'],
    [true, [item('non_conform', 'x')], [{ status: 'closed' as const }], 'closed'],
  ])('completed=%s → %s', (completed, items, findings, expected) => {
    expect(auditStatus({ completed, items, findings })).toBe(expected);
  });

  it('a completed audit is closed exactly when no finding is open', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FINDING_STATUSES)), (statuses) => {
        const status = auditStatus({
          completed: true,
          items: [],
          findings: statuses.map((s) => ({ status: s })),
        });
        expect(status === 'closed').toBe(!statuses.includes('open'));
      }),
    );
  });
});

describe('findingCloseBlocker', () => {
  it.each([
    ['minor', [], null],
    ['major', [], 'action_required'],
    ['critical', [{ status: 'done' as const }], null],
    ['minor', [{ status: 'in_progress' as const }], 'actions_open'],
    ['critical', [{ status: 'done' as const }, { status: 'todo' as const }], 'actions_open'],
  ] as const)('%s %j → %s', (severity, actions, expected) => {
    expect(findingCloseBlocker(severity, actions)).toBe(expected);
  });

  it('never lets a finding close while one of its actions is open', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FINDING_SEVERITIES),
        fc.array(fc.constantFrom(...ACTION_STATUSES)),
        (severity, statuses) => {
          const blocker = findingCloseBlocker(
            severity,
            statuses.map((s) => ({ status: s })),
          );
          if (statuses.some((s) => s !== 'done')) expect(blocker).toBe('actions_open');
          if (blocker === null) expect(statuses.every((s) => s === 'done')).toBe(true);
        },
      ),
    );
  });
});

describe('actionOverdue', () => {
  it.each([
    ['todo', '2026-03-04', '2026-03-05', true],
    ['in_progress', '2026-03-05', '2026-03-05', false],
    ['done', '2026-01-01', '2026-03-05', false],
  ] as const)('%s due %s on %s → %s', (status, dueDate, today, expected) => {
    expect(actionOverdue({ status, dueDate }, today)).toBe(expected);
  });
});

describe('compareFindings and itemsFromChecklist', () => {
  it('sorts open before closed, critical before minor, then oldest first', () => {
    const f = (
      status: 'open' | 'closed',
      severity: 'minor' | 'major' | 'critical',
      at: string,
    ) => ({
      status,
      severity,
      createdAt: at,
      id: `${status}-${severity}-${at}`,
    });
    const sorted = [
      f('closed', 'critical', '1'),
      f('open', 'minor', '1'),
      f('open', 'critical', '2'),
      f('open', 'critical', '1'),
      f('open', 'major', '0'),
    ].sort(compareFindings);
    expect(sorted.map((x) => x.id)).toEqual([
      'open-critical-1',
      'open-critical-2',
      'open-major-0',
      'open-minor-1',
      'closed-critical-1',
    ]);
  });

  it('starts every item unassessed', () => {
    expect(itemsFromChecklist([{ key: 'a', label: 'A' }])).toEqual([
      { key: 'a', label: 'A', result: null, comment: '' },
    ]);
  });
});
