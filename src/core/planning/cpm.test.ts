import { describe, expect, it } from 'vitest';
import { compileNetwork, runPasses, schedulePlan } from './cpm.ts';
import type { LinkType, PlanTask, ProjectPlan } from './model.ts';
import {
  formatScheduleJson,
  parseProjectNetwork,
  scheduleToResult,
  type TaskResult,
} from './project-network.ts';

const workedExample = {
  start: '2026-04-27',
  calendar: { workdays: [1, 2, 3, 4, 5], holidays: ['2026-05-01', '2026-05-08'] },
  tasks: [
    { id: 't1', name: 'Cadrage', summary: true },
    { id: 't2', name: 'Note de cadrage', duration: 5, parent: 't1' },
    { id: 't3', name: 'COPIL de lancement', duration: 0, parent: 't1' },
    { id: 't4', name: 'Ateliers', duration: 10 },
  ],
  dependencies: [
    { from: 't2', to: 't3', type: 'FS', lag: 0 },
    { from: 't2', to: 't4', type: 'SS', lag: 2 },
  ],
};

/** A plan on a Monday–Friday calendar starting Monday 2026-04-27, holidays 1 and 8 May. */
function plan(
  tasks: Array<Partial<PlanTask> & { id: string }>,
  links: Array<[string, string, LinkType?, number?]> = [],
  extra: Partial<ProjectPlan> = {},
): ProjectPlan {
  return {
    start: '2026-04-27',
    calendar: { holidays: ['2026-05-01', '2026-05-08'] },
    tasks: tasks.map((t) => ({ name: t.id, ...t })),
    links: links.map(([from, to, type = 'FS', lag = 0]) => ({ from, to, type, lag })),
    ...extra,
  };
}

function result(p: ProjectPlan): Record<string, TaskResult> {
  return scheduleToResult(schedulePlan(p)).tasks;
}

describe('the worked example of formats/project-network.md', () => {
  it('gives exactly the JSON shown in the format document', () => {
    const out = scheduleToResult(schedulePlan(parseProjectNetwork(workedExample)));
    expect(out).toEqual({
      projectStart: '2026-04-27',
      projectFinish: '2026-05-14',
      tasks: {
        t1: { start: '2026-04-27', finish: '2026-05-04' },
        t2: {
          start: '2026-04-27',
          finish: '2026-05-04',
          lateStart: '2026-04-27',
          lateFinish: '2026-05-04',
          totalFloat: 0,
          critical: true,
        },
        t3: {
          start: '2026-05-05',
          finish: '2026-05-05',
          lateStart: '2026-05-15',
          lateFinish: '2026-05-15',
          totalFloat: 7,
          critical: false,
        },
        t4: {
          start: '2026-04-29',
          finish: '2026-05-14',
          lateStart: '2026-04-29',
          lateFinish: '2026-05-14',
          totalFloat: 0,
          critical: true,
        },
      },
      criticalPath: ['t2', 't4'],
    });
    expect(Object.keys(out.tasks)).toEqual(['t1', 't2', 't3', 't4']);
  });
});

describe('dates on the working-day model', () => {
  it.each([
    // [what, tasks, links, expected {id: [start, finish]}]
    [
      'skips the weekend inside a task',
      [{ id: 'a', duration: 7 }],
      [],
      { a: ['2026-04-27', '2026-05-06'] },
    ],
    [
      'skips holidays inside a task (1 May)',
      [{ id: 'a', duration: 5 }],
      [],
      { a: ['2026-04-27', '2026-05-04'] },
    ],
    [
      'dates a milestone right after a Friday finish on the next Monday',
      [
        { id: 'a', duration: 5 },
        { id: 'm', duration: 0 },
      ],
      [['a', 'm']],
      { a: ['2026-04-27', '2026-05-04'], m: ['2026-05-05', '2026-05-05'] },
    ],
    [
      'dates a milestone after a task ending on Friday 24 April on Monday 27',
      [
        { id: 'a', duration: 1 },
        { id: 'm', duration: 0 },
      ],
      [['a', 'm', 'FF', 0]],
      { a: ['2026-04-27', '2026-04-27'], m: ['2026-04-28', '2026-04-28'] },
    ],
    [
      'starts an FS successor the next working day, skipping a holiday',
      [
        { id: 'a', duration: 4 },
        { id: 'b', duration: 1 },
      ],
      [['a', 'b']],
      { a: ['2026-04-27', '2026-04-30'], b: ['2026-05-04', '2026-05-04'] },
    ],
    [
      'counts a positive lag in working days',
      [
        { id: 'a', duration: 1 },
        { id: 'b', duration: 1 },
      ],
      [['a', 'b', 'FS', 3]],
      { b: ['2026-05-04', '2026-05-04'] },
    ],
    [
      'lets a lead (negative lag) overlap the predecessor',
      [
        { id: 'a', duration: 5 },
        { id: 'b', duration: 2 },
      ],
      [['a', 'b', 'FS', -2]],
      { b: ['2026-04-30', '2026-05-04'] },
    ],
    [
      'never starts before the project start, whatever the lead',
      [
        { id: 'a', duration: 2 },
        { id: 'b', duration: 2 },
      ],
      [['a', 'b', 'FS', -10]],
      { b: ['2026-04-27', '2026-04-28'] },
    ],
    [
      'aligns finishes with FF',
      [
        { id: 'a', duration: 5 },
        { id: 'b', duration: 2 },
      ],
      [['a', 'b', 'FF', 0]],
      { b: ['2026-04-30', '2026-05-04'] },
    ],
    [
      'finishes an SF successor after the predecessor starts plus the lag',
      [
        { id: 'a', duration: 5 },
        { id: 'b', duration: 2 },
      ],
      [['a', 'b', 'SF', 3]],
      { b: ['2026-04-28', '2026-04-29'] },
    ],
    [
      'starts an SS successor with a lag',
      [
        { id: 'a', duration: 5 },
        { id: 'b', duration: 1 },
      ],
      [['a', 'b', 'SS', 4]],
      { b: ['2026-05-04', '2026-05-04'] },
    ],
  ] as const)('%s', (_what, tasks, links, expected) => {
    const out = result(
      plan(
        [...tasks],
        links.map((l) => [...l] as [string, string, LinkType?, number?]),
      ),
    );
    for (const [id, [start, finish]] of Object.entries(expected)) {
      expect(out[id], id).toMatchObject({ start, finish });
    }
  });

  it('starts on the first working day when the project starts on a weekend', () => {
    const out = scheduleToResult(
      schedulePlan(plan([{ id: 'a', duration: 1 }], [], { start: '2026-04-25' })),
    );
    expect(out.projectStart).toBe('2026-04-27');
    expect(out.tasks.a).toMatchObject({ start: '2026-04-27', finish: '2026-04-27' });
  });

  it('works a Saturday made a working day by exception', () => {
    const p = plan([{ id: 'a', duration: 6 }], [], {
      calendar: { workedDays: ['2026-05-02'], holidays: ['2026-05-01'] },
    });
    expect(result(p).a).toMatchObject({ finish: '2026-05-04' });
  });
});

describe('summaries', () => {
  it('span the working time of their leaves, nested', () => {
    const out = result(
      plan(
        [
          { id: 'p', summary: true },
          { id: 's', summary: true, parent: 'p' },
          { id: 'a', duration: 3, parent: 's' },
          { id: 'b', duration: 2, parent: 'p' },
          { id: 'm', duration: 0, parent: 'p' },
        ],
        [
          ['a', 'b'],
          ['b', 'm'],
        ],
      ),
    );
    expect(out.s).toEqual({ start: '2026-04-27', finish: '2026-04-29' });
    expect(out.p).toEqual({ start: '2026-04-27', finish: '2026-05-04' });
    expect(out.m).toMatchObject({ start: '2026-05-05' });
  });

  it('never finish before they start when they hold only milestones', () => {
    const out = result(
      plan(
        [
          { id: 'a', duration: 3 },
          { id: 'p', summary: true },
          { id: 'm', duration: 0, parent: 'p' },
        ],
        [['a', 'm']],
      ),
    );
    expect(out.p).toEqual({ start: '2026-04-30', finish: '2026-04-30' });
  });

  it('sit at the project start when empty', () => {
    expect(result(plan([{ id: 'p', summary: true }])).p).toEqual({
      start: '2026-04-27',
      finish: '2026-04-27',
    });
  });
});

describe('float and critical path', () => {
  it('measures total and free float and lists the critical leaves in start order', () => {
    const p = plan(
      [
        { id: 'a', duration: 2 },
        { id: 'b', duration: 5 },
        { id: 'c', duration: 1 },
        { id: 'd', duration: 1 },
        { id: 'e', duration: 1 },
      ],
      [
        ['a', 'b'],
        ['a', 'c'],
        ['c', 'd'],
        ['b', 'e'],
        ['d', 'e'],
      ],
    );
    const s = schedulePlan(p);
    const byId = (id: string): number => s.network.leafOf[s.network.ids.indexOf(id)]!;
    expect(s.totalFloat[byId('c')]).toBe(3);
    expect(s.freeFloat[byId('c')]).toBe(0);
    expect(s.totalFloat[byId('d')]).toBe(3);
    expect(s.freeFloat[byId('d')]).toBe(3);
    expect(scheduleToResult(s).criticalPath).toEqual(['a', 'b', 'e']);
  });

  it('orders critical leaves starting the same day in input order', () => {
    const p = plan([
      { id: 'z', duration: 2 },
      { id: 'y', duration: 2 },
    ]);
    expect(scheduleToResult(schedulePlan(p)).criticalPath).toEqual(['z', 'y']);
  });
});

describe('date constraints', () => {
  const two = [
    { id: 'a', duration: 3 },
    { id: 'b', duration: 2 },
  ];

  it('holds a task to its start-no-earlier-than date', () => {
    const out = result(
      plan(
        [
          { id: 'a', duration: 3 },
          { id: 'b', duration: 2, constraint: { type: 'SNET', date: '2026-05-02' } },
        ],
        [['a', 'b']],
      ),
    );
    expect(out.b).toMatchObject({ start: '2026-05-04', finish: '2026-05-05' });
    expect(out.a).toMatchObject({ totalFloat: 1, critical: false });
  });

  it('reports a missed deadline as negative float on the whole chain', () => {
    const out = result(
      plan(
        [
          { id: 'a', duration: 3 },
          { id: 'b', duration: 2, deadline: '2026-04-29' },
        ],
        [['a', 'b']],
      ),
    );
    expect(out.b).toMatchObject({ finish: '2026-05-04', lateFinish: '2026-04-29', totalFloat: -2 });
    expect(out.a).toMatchObject({ totalFloat: -2, critical: true });
  });

  it('treats finish-no-later-than like a deadline and a milestone deadline on its own day', () => {
    const out = result(
      plan(
        [
          { id: 'a', duration: 3, constraint: { type: 'FNLT', date: '2026-05-03' } },
          { id: 'm', duration: 0, deadline: '2026-04-30' },
        ],
        [['a', 'm']],
      ),
    );
    expect(out.a).toMatchObject({ lateFinish: '2026-04-29', totalFloat: 0 });
    expect(out.m).toMatchObject({ start: '2026-04-30', lateStart: '2026-04-30', totalFloat: 0 });
  });

  it('pins a must-start-on task even against its predecessors', () => {
    const out = result(
      plan(
        [
          { id: 'a', duration: 3 },
          { id: 'b', duration: 2, constraint: { type: 'MSO', date: '2026-04-28' } },
        ],
        [['a', 'b']],
      ),
    );
    expect(out.b).toMatchObject({ start: '2026-04-28', finish: '2026-04-29', totalFloat: 0 });
    expect(out.a).toMatchObject({ lateFinish: '2026-04-27', totalFloat: -2 });
  });

  it('pins a must-finish-on task and bounds start-no-later-than', () => {
    const out = result(
      plan([
        { id: 'a', duration: 2, constraint: { type: 'MFO', date: '2026-05-05' } },
        { id: 'b', duration: 2, constraint: { type: 'SNLT', date: '2026-04-28' } },
        { id: 'c', duration: 9 },
      ]),
    );
    expect(out.a).toMatchObject({ start: '2026-05-04', finish: '2026-05-05' });
    expect(out.b).toMatchObject({ lateStart: '2026-04-28', totalFloat: 1 });
  });

  it('pushes a finish-no-earlier-than task', () => {
    const out = result(
      plan([two[0]!, { ...two[1]!, constraint: { type: 'FNET', date: '2026-05-05' } }]),
    );
    expect(out.b).toMatchObject({ start: '2026-05-04', finish: '2026-05-05' });
  });
});

describe('progress', () => {
  const status = { statusDate: '2026-05-05' };

  it('schedules unstarted work from the status date, not in the past', () => {
    const out = result(plan([{ id: 'a', duration: 2 }], [], status));
    expect(out.a).toMatchObject({ start: '2026-05-05', finish: '2026-05-06' });
  });

  it('keeps a done task on its actual dates and off the critical path', () => {
    const out = scheduleToResult(
      schedulePlan(
        plan(
          [
            {
              id: 'a',
              duration: 3,
              progress: { actualStart: '2026-04-27', actualFinish: '2026-04-28' },
            },
            { id: 'b', duration: 2 },
          ],
          [['a', 'b']],
          status,
        ),
      ),
    );
    expect(out.tasks.a).toMatchObject({
      start: '2026-04-27',
      finish: '2026-04-28',
      totalFloat: 0,
      critical: false,
    });
    expect(out.tasks.b).toMatchObject({ start: '2026-05-05', finish: '2026-05-06' });
    expect(out.criticalPath).toEqual(['b']);
  });

  it('finishes a started task from the status date with the remaining work', () => {
    const out = result(
      plan(
        [{ id: 'a', duration: 4, progress: { actualStart: '2026-04-27', percentComplete: 50 } }],
        [],
        status,
      ),
    );
    // 2 days left from Tuesday 5 May: finishes Wednesday 6 May.
    expect(out.a).toMatchObject({ start: '2026-04-27', finish: '2026-05-06' });
  });

  it('keeps a started task ahead of the status date on its planned finish', () => {
    const out = result(
      plan(
        [{ id: 'a', duration: 10, progress: { actualStart: '2026-04-27', percentComplete: 90 } }],
        [],
        status,
      ),
    );
    expect(out.a).toMatchObject({ start: '2026-04-27', finish: '2026-05-12' });
  });

  it('ends reported work without an actual start no earlier than the status date plus what is left', () => {
    const out = result(
      plan([{ id: 'a', duration: 4, progress: { percentComplete: 25 } }], [], status),
    );
    expect(out.a).toMatchObject({ finish: '2026-05-07' });
  });

  it('dates a done milestone at its actual date', () => {
    const out = result(
      plan([{ id: 'm', duration: 0, progress: { actualFinish: '2026-04-29' } }], [], status),
    );
    expect(out.m).toMatchObject({ start: '2026-04-29', finish: '2026-04-29', critical: false });
  });

  it('refuses an actual finish before the actual start', () => {
    expect(() =>
      schedulePlan(
        plan([
          {
            id: 'a',
            duration: 2,
            progress: { actualStart: '2026-05-04', actualFinish: '2026-04-28' },
          },
        ]),
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'INVALID_PROGRESS',
        message: expect.stringContaining('"a"'),
      }),
    );
  });
});

describe('bad input is refused naming the culprit', () => {
  it.each([
    [
      'a cycle, with the tasks on the loop',
      plan(
        [
          { id: 'a', duration: 1 },
          { id: 'b', duration: 1 },
          { id: 'c', duration: 1 },
          { id: 'd', duration: 1 },
        ],
        [
          ['a', 'b'],
          ['b', 'c'],
          ['c', 'd', 'SS'],
          ['d', 'b', 'FF', -3],
        ],
      ),
      'CYCLE',
      'dependency cycle: b → c → d → b',
    ],
    ['a self link', plan([{ id: 'a', duration: 1 }], [['a', 'a']]), 'CYCLE', 'a → a'],
    ['an unknown task', plan([{ id: 'a', duration: 1 }], [['a', 'zz']]), 'UNKNOWN_TASK', '"zz"'],
    [
      'a duplicate id',
      plan([
        { id: 'a', duration: 1 },
        { id: 'a', duration: 2 },
      ]),
      'DUPLICATE_TASK',
      '"a"',
    ],
    [
      'a link on a summary',
      plan(
        [
          { id: 's', summary: true },
          { id: 'a', duration: 1, parent: 's' },
          { id: 'b', duration: 1 },
        ],
        [['s', 'b']],
      ),
      'LINK_ON_SUMMARY',
      '"s"',
    ],
    ['a negative duration', plan([{ id: 'a', duration: -1 }]), 'INVALID_DURATION', '"a"'],
    ['a fractional duration', plan([{ id: 'a', duration: 1.5 }]), 'INVALID_DURATION', '"a"'],
    ['a missing duration', plan([{ id: 'a' }]), 'INVALID_DURATION', '"a"'],
    ['an unknown parent', plan([{ id: 'a', duration: 1, parent: 'x' }]), 'UNKNOWN_TASK', '"x"'],
    [
      'a parent that is not a summary',
      plan([
        { id: 'x', duration: 1 },
        { id: 'a', duration: 1, parent: 'x' },
      ]),
      'INVALID_PARENT',
      '"x"',
    ],
    [
      'parents in a loop',
      plan([
        { id: 'x', summary: true, parent: 'y' },
        { id: 'y', summary: true, parent: 'x' },
      ]),
      'INVALID_PARENT',
      'x → y → x',
    ],
    [
      'a malformed constraint date',
      plan([{ id: 'a', duration: 1, constraint: { type: 'SNET', date: '2026-02-30' } }]),
      'INVALID_DATE',
      '"a"',
    ],
    [
      'a malformed start',
      plan([{ id: 'a', duration: 1 }], [], { start: '27/04/2026' }),
      'INVALID_DATE',
      'start',
    ],
    [
      'a fractional lag',
      plan(
        [
          { id: 'a', duration: 1 },
          { id: 'b', duration: 1 },
        ],
        [['a', 'b', 'FS', 0.5]],
      ),
      'INVALID_LINK',
      'a → b',
    ],
  ] as const)('%s', (_what, p, code, text) => {
    expect(() => schedulePlan(p)).toThrow(
      expect.objectContaining({ code, message: expect.stringContaining(text) }),
    );
  });
});

describe('parseProjectNetwork', () => {
  it.each([
    ['a file that is not an object', null, 'INVALID_FILE', 'the file'],
    ['a malformed start', { ...workedExample, start: '2026-13-01' }, 'INVALID_DATE', '"start"'],
    ['tasks that are not a list', { ...workedExample, tasks: {} }, 'INVALID_FILE', '"tasks"'],
    [
      'a task without id',
      { ...workedExample, tasks: [{ name: 'x', duration: 1 }] },
      'INVALID_FILE',
      'tasks[0]',
    ],
    [
      'a negative duration',
      { ...workedExample, tasks: [{ id: 'x', duration: -2 }] },
      'INVALID_DURATION',
      '"x"',
    ],
    [
      'a duration as text',
      { ...workedExample, tasks: [{ id: 'x', duration: '3' }] },
      'INVALID_DURATION',
      '"x"',
    ],
    [
      'an unknown link type',
      { ...workedExample, dependencies: [{ from: 't2', to: 't4', type: 'XX' }] },
      'INVALID_LINK',
      't2 → t4',
    ],
    [
      'a weekday 0',
      { ...workedExample, calendar: { workdays: [0, 1] } },
      'INVALID_CALENDAR',
      'workdays',
    ],
    [
      'a malformed holiday',
      { ...workedExample, calendar: { holidays: ['2026-5-1'] } },
      'INVALID_DATE',
      'holidays[0]',
    ],
    [
      'an unknown constraint type',
      {
        ...workedExample,
        tasks: [{ id: 'x', duration: 1, constraint: { type: 'ALAP', date: '2026-05-01' } }],
      },
      'INVALID_CONSTRAINT',
      '"x"',
    ],
  ])('refuses %s', (_what, json, code, text) => {
    expect(() => parseProjectNetwork(json)).toThrow(
      expect.objectContaining({ code, message: expect.stringContaining(text) }),
    );
  });

  it('defaults the link type to FS and the lag to 0, and ignores unknown keys', () => {
    const p = parseProjectNetwork({
      start: '2026-04-27',
      meta: { source: 'x' },
      tasks: [
        { id: 'a', duration: 1 },
        { id: 'b', duration: 1 },
      ],
      dependencies: [{ from: 'a', to: 'b' }],
    });
    expect(p.links).toEqual([{ from: 'a', to: 'b', type: 'FS', lag: 0 }]);
  });
});

describe('compile and passes', () => {
  it('can run the passes again on the same compiled network with the same result', () => {
    const net = compileNetwork(parseProjectNetwork(workedExample));
    expect(scheduleToResult(runPasses(net))).toEqual(scheduleToResult(runPasses(net)));
  });

  it('schedules an empty plan at its start', () => {
    const out = scheduleToResult(schedulePlan(plan([])));
    expect(out).toEqual({
      projectStart: '2026-04-27',
      projectFinish: '2026-04-27',
      tasks: {},
      criticalPath: [],
    });
  });
});

describe('formatScheduleJson', () => {
  it.each([
    ['the worked example', parseProjectNetwork(workedExample)],
    ['an empty plan', plan([])],
    [
      'numeric and odd ids (JavaScript key order, escaping)',
      plan(
        [
          { id: 'z"q', duration: 1 },
          { id: '10', duration: 2 },
          { id: '2', duration: 0 },
          { id: 's', summary: true },
          { id: '007', duration: 1, parent: 's' },
        ],
        [['10', '2']],
      ),
    ],
  ])('writes exactly JSON.stringify of the result for %s', (_what, p) => {
    const schedule = schedulePlan(p);
    expect(formatScheduleJson(schedule)).toBe(
      `${JSON.stringify(scheduleToResult(schedule), null, 2)}\n`,
    );
  });
});
