import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../calendar/work-calendar.ts';
import { toEpochDay } from '../calendar/days.ts';
import { schedulePlan } from './cpm.ts';
import type { ProjectPlan } from './model.ts';
import { readMspdi } from './mspdi-read.ts';
import { writeMspdi } from './mspdi-write.ts';
import { scheduleToResult } from './project-network.ts';
import { parseXml, xmlChild, xmlChildren, xmlText } from './xml.ts';

const plan: ProjectPlan = {
  name: 'Refonte SI <RH> & paie',
  start: '2026-04-27',
  statusDate: '2026-05-06',
  calendar: {
    workdays: [1, 2, 3, 4, 5],
    holidays: ['2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25'],
    workedDays: ['2026-05-16'],
    daysOff: ['2026-05-15'],
    hoursPerDay: 7,
  },
  tasks: [
    { id: 'cadrage', name: 'Cadrage', summary: true },
    {
      id: 'note',
      name: 'Note de cadrage « v1 »',
      parent: 'cadrage',
      duration: 5,
      progress: { actualStart: '2026-04-27', actualFinish: '2026-05-05' },
      baselines: [
        { number: 0, start: '2026-04-27', finish: '2026-05-04', duration: 5, work: 35, cost: 1200 },
      ],
    },
    { id: 'copil', name: 'COPIL de lancement', parent: 'cadrage', duration: 0 },
    { id: 'realisation', name: 'Réalisation', summary: true },
    { id: 'lot1', name: 'Lot 1', parent: 'realisation', summary: true },
    {
      id: 'dev',
      name: 'Développements',
      parent: 'lot1',
      duration: 10,
      progress: { actualStart: '2026-05-04', percentComplete: 30 },
    },
    {
      id: 'recette',
      name: 'Recette',
      parent: 'lot1',
      duration: 4,
      constraint: { type: 'SNET', date: '2026-05-20' },
      deadline: '2026-06-05',
    },
    { id: 'doc', name: 'Documentation', parent: 'realisation', duration: 3 },
    {
      id: 'mep',
      name: 'Mise en production',
      duration: 0,
      constraint: { type: 'FNLT', date: '2026-06-30' },
    },
  ],
  links: [
    { from: 'note', to: 'copil', type: 'FS', lag: 0 },
    { from: 'copil', to: 'dev', type: 'FS', lag: -1 },
    { from: 'dev', to: 'recette', type: 'SS', lag: 3 },
    { from: 'dev', to: 'doc', type: 'FF', lag: 2 },
    { from: 'doc', to: 'recette', type: 'SF', lag: 1 },
    { from: 'recette', to: 'mep', type: 'FS', lag: 2 },
  ],
};

describe('MS Project XML export and import', () => {
  it('round-trips a plan: same tasks, links, calendar and schedule', () => {
    const schedule = schedulePlan(plan);
    const xml = writeMspdi(plan, schedule);
    const back = readMspdi(xml);
    expect(back.warnings).toEqual([]);
    expect(back.plan.name).toBe(plan.name);
    expect(back.plan.start).toBe(plan.start);
    expect(back.plan.statusDate).toBe(plan.statusDate);
    const shape = (p: ProjectPlan): unknown =>
      p.tasks.map(({ id, name, parent, summary, duration, constraint, deadline, baselines }) => ({
        id,
        name,
        parent,
        summary: summary === true,
        duration,
        constraint,
        deadline,
        baselines,
      }));
    expect(shape(back.plan)).toEqual(shape(plan));
    // MSPDI stores links on their successor: same links, grouped by successor.
    const sorted = (p: ProjectPlan): string[] => p.links.map((l) => JSON.stringify(l)).sort();
    expect(sorted(back.plan)).toEqual(sorted(plan));
    const before = new WorkCalendar(plan.calendar);
    const after = new WorkCalendar(back.plan.calendar);
    expect(after.hoursPerDay).toBe(7);
    for (let d = toEpochDay('2026-01-01'); d < toEpochDay('2027-01-01'); d++) {
      expect(after.isWorkingDay(d), String(d)).toBe(before.isWorkingDay(d));
    }
    expect(scheduleToResult(schedulePlan(back.plan))).toEqual(scheduleToResult(schedule));
  });

  it('writes the MSPDI structure MS Project expects', () => {
    const xml = writeMspdi(plan, schedulePlan(plan));
    const root = parseXml(xml);
    expect(root.attributes.xmlns).toBe('http://schemas.microsoft.com/project');
    const tasks = xmlChildren(xmlChild(root, 'Tasks'), 'Task');
    expect(tasks).toHaveLength(plan.tasks.length + 1);
    expect(xmlText(tasks[0], 'OutlineLevel')).toBe('0');
    const byName = (name: string) => tasks.find((t) => xmlText(t, 'Name') === name)!;
    expect(xmlText(byName('Développements'), 'OutlineNumber')).toBe('2.1.1');
    expect(xmlText(byName('Développements'), 'WBS')).toBe('2.1.1');
    expect(xmlText(byName('Développements'), 'OutlineLevel')).toBe('3');
    expect(xmlText(byName('Lot 1'), 'Summary')).toBe('1');
    expect(xmlText(byName('COPIL de lancement'), 'Milestone')).toBe('1');
    expect(xmlText(byName('Réalisation'), 'Name')).toBe('Réalisation');
    const link = xmlChild(byName('Développements'), 'PredecessorLink')!;
    expect(xmlText(link, 'Type')).toBe('1');
    expect(xmlText(link, 'LinkLag')).toBe(String(-1 * 7 * 60 * 10));
    expect(xmlText(byName('Recette'), 'ConstraintType')).toBe('4');
    expect(xml).toContain('<Name>Note de cadrage « v1 »</Name>');
    expect(xml).toContain('<Title>Refonte SI &lt;RH&gt; &amp; paie</Title>');
  });
});

/** A minimal MSPDI document: rows are [UID, OutlineLevel, Duration, links]. */
function mspdi(rows: Array<[number, number, string, string?]>, extra = ''): string {
  const tasks = rows
    .map(
      ([uid, level, duration, links = '']) =>
        `<Task><UID>${uid}</UID><ID>${uid}</ID><Name>T${uid}</Name><OutlineLevel>${level}</OutlineLevel><Duration>${duration}</Duration>${links}</Task>`,
    )
    .join('\n');
  return `<?xml version="1.0"?>\n<Project xmlns="http://schemas.microsoft.com/project">\n<StartDate>2026-04-27T08:00:00</StartDate>\n<MinutesPerDay>480</MinutesPerDay>${extra}\n<Tasks>\n<Task><UID>0</UID><OutlineLevel>0</OutlineLevel></Task>\n${tasks}\n</Tasks>\n</Project>`;
}
const link = (uid: number, type: number, lag = 0): string =>
  `<PredecessorLink><PredecessorUID>${uid}</PredecessorUID><Type>${type}</Type><LinkLag>${lag}</LinkLag><LagFormat>7</LagFormat></PredecessorLink>`;

describe('readMspdi', () => {
  it('builds the WBS from outline levels and drops the project summary row and blank rows', () => {
    const xml = mspdi([
      [1, 1, 'PT0H0M0S'],
      [2, 2, 'PT16H0M0S'],
      [3, 2, 'PT4H0M0S'],
      [4, 1, 'PT0H0M0S'],
    ]).replace('</Tasks>', '<Task><UID>9</UID><IsNull>1</IsNull></Task></Tasks>');
    const { plan: p, warnings } = readMspdi(xml);
    expect(p.tasks.map((t) => [t.id, t.parent, t.summary, t.duration])).toEqual([
      ['1', undefined, true, undefined],
      ['2', '1', undefined, 2],
      ['3', '1', undefined, 1],
      ['4', undefined, undefined, 0],
    ]);
    expect(warnings).toContain('1 duration(s) that are not whole working days were rounded up');
  });

  it('maps link types 0..3 to FF, FS, SF, SS and LinkLag (tenths of minutes) to working days', () => {
    const xml = mspdi([
      [1, 1, 'PT8H0M0S'],
      [2, 1, 'PT8H0M0S', link(1, 0, 4800) + link(1, 1, -9600) + link(1, 2) + link(1, 3, 24000)],
    ]);
    expect(readMspdi(xml).plan.links).toEqual([
      { from: '1', to: '2', type: 'FF', lag: 1 },
      { from: '1', to: '2', type: 'FS', lag: -2 },
      { from: '1', to: '2', type: 'SF', lag: 0 },
      { from: '1', to: '2', type: 'SS', lag: 5 },
    ]);
  });

  it('maps links on summaries to their leaves', () => {
    const xml = mspdi([
      [1, 1, 'PT0H0M0S'],
      [2, 2, 'PT8H0M0S'],
      [3, 2, 'PT8H0M0S'],
      [4, 1, 'PT0H0M0S', link(1, 1)],
      [5, 2, 'PT8H0M0S'],
      [6, 2, 'PT8H0M0S'],
      [7, 1, 'PT8H0M0S', link(4, 3, 4800)],
    ]);
    const { plan: p, warnings } = readMspdi(xml);
    expect(p.links).toEqual([
      { from: '2', to: '5', type: 'FS', lag: 0 },
      { from: '2', to: '6', type: 'FS', lag: 0 },
      { from: '3', to: '5', type: 'FS', lag: 0 },
      { from: '3', to: '6', type: 'FS', lag: 0 },
      { from: '5', to: '7', type: 'SS', lag: 1 },
      { from: '6', to: '7', type: 'SS', lag: 1 },
    ]);
    expect(warnings).toContain('2 link(s) on summary tasks were mapped to their tasks');
    expect(scheduleToResult(schedulePlan(p)).tasks['5']).toMatchObject({ start: '2026-04-28' });
  });

  it('drops a link between a summary and its own task, with a warning naming the line', () => {
    const xml = mspdi([
      [1, 1, 'PT0H0M0S'],
      [2, 2, 'PT8H0M0S', link(1, 1)],
    ]);
    const { plan: p, warnings } = readMspdi(xml);
    expect(p.links).toEqual([]);
    expect(warnings[0]).toMatch(/^line 8: the link 1 → 2 joins a summary and its own task/);
  });

  it('reads constraints, deadlines, progress and baselines', () => {
    const xml = mspdi([
      [
        1,
        1,
        'PT16H0M0S',
        '<PercentComplete>50</PercentComplete><ActualStart>2026-04-27T08:00:00</ActualStart><ConstraintType>4</ConstraintType><ConstraintDate>2026-04-28T08:00:00</ConstraintDate><Deadline>2026-05-29T17:00:00</Deadline><Baseline><Number>1</Number><Start>2026-04-20T08:00:00</Start><Finish>2026-04-21T17:00:00</Finish><Duration>PT16H0M0S</Duration></Baseline><Baseline><Number>2</Number><Cost>10</Cost></Baseline>',
      ],
    ]);
    expect(readMspdi(xml).plan.tasks[0]).toEqual({
      id: '1',
      name: 'T1',
      duration: 2,
      constraint: { type: 'SNET', date: '2026-04-28' },
      deadline: '2026-05-29',
      progress: { percentComplete: 50, actualStart: '2026-04-27' },
      baselines: [
        { number: 1, start: '2026-04-20', finish: '2026-04-21', duration: 2 },
        { number: 2, cost: 10 },
      ],
    });
  });

  it('reads a calendar with weekdays (1 = Sunday), a base calendar and exceptions', () => {
    const calendars = `
<CalendarUID>2</CalendarUID>
<Calendars>
<Calendar><UID>1</UID><Name>Base</Name><IsBaseCalendar>1</IsBaseCalendar><WeekDays>
<WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
<WeekDay><DayType>7</DayType><DayWorking>1</DayWorking></WeekDay>
</WeekDays>
<Exceptions><Exception><TimePeriod><FromDate>2026-05-01T00:00:00</FromDate><ToDate>2026-05-01T23:59:00</ToDate></TimePeriod><Type>1</Type><DayWorking>0</DayWorking></Exception></Exceptions>
</Calendar>
<Calendar><UID>2</UID><Name>Projet</Name><IsBaseCalendar>0</IsBaseCalendar><BaseCalendarUID>1</BaseCalendarUID><WeekDays>
<WeekDay><DayType>2</DayType><DayWorking>0</DayWorking></WeekDay>
<WeekDay><DayType>0</DayType><DayWorking>1</DayWorking><TimePeriod><FromDate>2026-05-03T00:00:00</FromDate><ToDate>2026-05-03T23:59:00</ToDate></TimePeriod></WeekDay>
</WeekDays></Calendar>
</Calendars>`;
    const { plan: p, calendars: cals } = readMspdi(mspdi([[1, 1, 'PT8H0M0S']], calendars));
    expect(p.calendar).toEqual({
      workdays: [2, 3, 4, 5, 6],
      holidays: ['2026-05-01'],
      workedDays: ['2026-05-03'],
      hoursPerDay: 8,
    });
    expect(cals.map((c) => [c.uid, c.exceptionCount, c.legacyExceptionCount])).toEqual([
      ['1', 1, 0],
      ['2', 1, 1],
    ]);
  });

  it.each([
    ['a root that is not <Project>', '<Plan/>', 'line 1'],
    [
      'an unknown predecessor',
      mspdi([[1, 1, 'PT8H0M0S', link(7, 1)]]),
      'line 7: task UID 1 has a predecessor UID 7',
    ],
    [
      'a bad link type',
      mspdi([
        [1, 1, 'PT8H0M0S'],
        [2, 1, 'PT8H0M0S', link(1, 5)],
      ]),
      'line 8',
    ],
    ['a malformed duration', mspdi([[1, 1, '8 hours']]), 'line 7: "8 hours" is not a duration'],
    [
      'an outline jump',
      mspdi([
        [1, 1, 'PT8H0M0S'],
        [2, 3, 'PT8H0M0S'],
      ]),
      'line 8: task UID 2 jumps',
    ],
    ['a missing start date', mspdi([]).replace(/<StartDate>.*<\/StartDate>/, ''), 'no <StartDate>'],
  ])('refuses %s, naming the line', (_what, xml, text) => {
    expect(() => readMspdi(xml)).toThrow(
      expect.objectContaining({ code: 'INVALID_FILE', message: expect.stringContaining(text) }),
    );
  });

  it('refuses a DOCTYPE before reading anything', () => {
    expect(() =>
      readMspdi('<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project/>'),
    ).toThrow(expect.objectContaining({ code: 'UNSAFE_XML' }));
  });
});
