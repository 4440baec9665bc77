import { fromEpochDay } from '../calendar/days.ts';
import { WorkCalendar } from '../calendar/work-calendar.ts';
import type { Schedule } from './cpm.ts';
import type { ConstraintType, LinkType, ProjectPlan } from './model.ts';
import { JALON_ID_ALIAS, JALON_ID_FIELD } from './mspdi-read.ts';
import { escapeXml } from './xml.ts';

const LINK_CODE: Readonly<Record<LinkType, number>> = { FF: 0, FS: 1, SF: 2, SS: 3 };
const CONSTRAINT_CODE: Readonly<Record<ConstraintType, number>> = {
  MSO: 2,
  MFO: 3,
  SNET: 4,
  SNLT: 5,
  FNET: 6,
  FNLT: 7,
};

/**
 * Writes a scheduled plan as MS Project XML (MSPDI, namespace
 * http://schemas.microsoft.com/project), elements in the order of the MSPDI schema so that
 * MS Project and ProjectLibre open it: one base calendar "Standard" (weekdays, exceptions
 * written both as <Exceptions> and as legacy dated <WeekDay>s, like MS Project), the project
 * summary row UID 0, then every task with UID/ID/OutlineLevel/OutlineNumber/WBS, scheduled
 * Start/Finish/Duration, Summary/Milestone/Critical, slack, constraints, progress, baselines and
 * PredecessorLinks (LinkLag in tenths of minutes). Jalon task ids travel in Text1 ("Jalon id").
 */
export function writeMspdi(plan: ProjectPlan, schedule: Schedule): string {
  const net = schedule.network;
  const calendar = new WorkCalendar(plan.calendar);
  const hoursPerDay = calendar.hoursPerDay;
  const minutesPerDay = Math.round(hoursPerDay * 60);
  const day = (epochDay: number): string => fromEpochDay(epochDay);
  const startTime = 'T08:00:00';
  const finishTime = `T${clock(8 * 60 + minutesPerDay + (hoursPerDay > 4 ? 60 : 0))}`;
  const duration = (days: number): string => `PT${(days * minutesPerDay) / 60}H0M0S`;
  const slack = (days: number): number => days * minutesPerDay * 10;

  const out: string[] = [];
  const el = (indent: number, name: string, value: string | number): void => {
    out.push(
      `${'  '.repeat(indent)}<${name}>${typeof value === 'number' ? value : escapeXml(value)}</${name}>`,
    );
  };
  const name = plan.name ?? 'Jalon';
  out.push('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>');
  out.push('<Project xmlns="http://schemas.microsoft.com/project">');
  el(1, 'SaveVersion', 14);
  el(1, 'Name', `${name}.xml`);
  el(1, 'Title', name);
  el(1, 'ScheduleFromStart', 1);
  el(1, 'StartDate', day(schedule.projectStartDay) + startTime);
  el(1, 'FinishDate', day(schedule.projectFinishDay) + finishTime);
  el(1, 'CalendarUID', 1);
  el(1, 'DefaultStartTime', '08:00:00');
  el(1, 'DefaultFinishTime', finishTime.slice(1));
  el(1, 'MinutesPerDay', minutesPerDay);
  el(1, 'MinutesPerWeek', minutesPerDay * calendar.workdays.length);
  el(1, 'DaysPerMonth', 20);
  el(1, 'DurationFormat', 7);
  if (plan.statusDate !== undefined) el(1, 'StatusDate', plan.statusDate + finishTime);
  el(1, 'WeekStartDay', 1);
  out.push('  <ExtendedAttributes>', '    <ExtendedAttribute>');
  el(3, 'FieldID', JALON_ID_FIELD);
  el(3, 'FieldName', 'Text1');
  el(3, 'Alias', JALON_ID_ALIAS);
  out.push('    </ExtendedAttribute>', '  </ExtendedAttributes>');
  writeCalendar(out, calendar, minutesPerDay);

  // Outline numbers from the parent tree, in input (WBS) order.
  const taskCount = net.ids.length;
  const levels = new Int32Array(taskCount);
  const numbers: string[] = new Array<string>(taskCount);
  const childCount = new Int32Array(taskCount);
  let topCount = 0;
  const uidOf = (t: number): number => t + 1;
  // Parents may come after their children in the input: number them first.
  const order = wbsOrder(net.parentOf);
  for (const t of order) {
    const p = net.parentOf[t]!;
    if (p < 0) {
      levels[t] = 1;
      numbers[t] = String(++topCount);
    } else {
      levels[t] = levels[p]! + 1;
      numbers[t] = `${numbers[p]!}.${++childCount[p]!}`;
    }
  }

  const predecessors: number[][] = Array.from({ length: taskCount }, () => []);
  const indexOf = new Map(net.ids.map((id, t) => [id, t]));
  plan.links.forEach((link, k) => predecessors[indexOf.get(link.to)!]!.push(k));

  out.push('  <Tasks>');
  // The project summary row.
  out.push('    <Task>');
  el(3, 'UID', 0);
  el(3, 'ID', 0);
  el(3, 'Name', name);
  el(3, 'Type', 1);
  el(3, 'IsNull', 0);
  el(3, 'WBS', '0');
  el(3, 'OutlineNumber', '0');
  el(3, 'OutlineLevel', 0);
  el(3, 'Start', day(schedule.projectStartDay) + startTime);
  el(3, 'Finish', day(schedule.projectFinishDay) + finishTime);
  el(3, 'Duration', duration(Math.max(0, schedule.projectEnd - schedule.projectStart)));
  el(3, 'DurationFormat', 7);
  el(3, 'Milestone', 0);
  el(3, 'Summary', 1);
  out.push('    </Task>');
  order.forEach((t, position) => {
    const task = net.tasks[t]!;
    const leaf = net.leafOf[t]!;
    const summary = leaf < 0;
    out.push('    <Task>');
    el(3, 'UID', uidOf(t));
    el(3, 'ID', position + 1);
    el(3, 'Name', task.name);
    el(3, 'Type', summary ? 1 : 0);
    el(3, 'IsNull', 0);
    el(3, 'WBS', numbers[t]!);
    el(3, 'OutlineNumber', numbers[t]!);
    el(3, 'OutlineLevel', levels[t]!);
    const start = day(schedule.startDay[t]!);
    const finish = day(schedule.finishDay[t]!);
    const days = summary
      ? countWorkingDays(calendar, schedule.startDay[t]!, schedule.finishDay[t]!)
      : task.duration!;
    // The planned duration: a started or done task may span more working days than that.
    const milestone = !summary && days === 0;
    el(3, 'Start', start + startTime);
    el(3, 'Finish', milestone ? start + startTime : finish + finishTime);
    el(3, 'Duration', duration(days));
    el(3, 'DurationFormat', 7);
    el(3, 'Estimated', 0);
    el(3, 'Milestone', milestone ? 1 : 0);
    el(3, 'Summary', summary ? 1 : 0);
    if (!summary) {
      el(3, 'Critical', schedule.critical[leaf]!);
      el(3, 'EarlyStart', start + startTime);
      el(3, 'EarlyFinish', milestone ? start + startTime : finish + finishTime);
      const lateStart = day(schedule.lateStartDay[t]!);
      el(3, 'LateStart', lateStart + startTime);
      el(
        3,
        'LateFinish',
        milestone ? lateStart + startTime : day(schedule.lateFinishDay[t]!) + finishTime,
      );
      el(3, 'FreeSlack', slack(schedule.freeFloat[leaf]!));
      el(3, 'TotalSlack', slack(schedule.totalFloat[leaf]!));
      const progress = task.progress;
      el(
        3,
        'PercentComplete',
        Math.round(progress?.percentComplete ?? (progress?.actualFinish ? 100 : 0)),
      );
      if (progress?.actualStart !== undefined)
        el(3, 'ActualStart', progress.actualStart + startTime);
      if (progress?.actualFinish !== undefined) {
        el(3, 'ActualFinish', progress.actualFinish + (milestone ? startTime : finishTime));
      }
      const c = task.constraint;
      el(3, 'ConstraintType', c ? CONSTRAINT_CODE[c.type] : 0);
      if (c) {
        const finishType = c.type === 'FNET' || c.type === 'FNLT' || c.type === 'MFO';
        el(3, 'ConstraintDate', c.date + (finishType && !milestone ? finishTime : startTime));
      }
      if (task.deadline !== undefined) el(3, 'Deadline', task.deadline + finishTime);
      for (const k of predecessors[t]!) {
        const link = plan.links[k]!;
        out.push('      <PredecessorLink>');
        el(4, 'PredecessorUID', uidOf(indexOf.get(link.from)!));
        el(4, 'Type', LINK_CODE[link.type]);
        el(4, 'CrossProject', 0);
        el(4, 'LinkLag', link.lag * minutesPerDay * 10);
        el(4, 'LagFormat', 7);
        out.push('      </PredecessorLink>');
      }
    }
    out.push('      <ExtendedAttribute>');
    el(4, 'FieldID', JALON_ID_FIELD);
    el(4, 'Value', task.id);
    out.push('      </ExtendedAttribute>');
    for (const b of task.baselines ?? []) {
      out.push('      <Baseline>');
      el(4, 'Number', b.number);
      if (b.start !== undefined) el(4, 'Start', b.start + startTime);
      if (b.finish !== undefined) el(4, 'Finish', b.finish + finishTime);
      if (b.duration !== undefined) el(4, 'Duration', duration(b.duration));
      if (b.work !== undefined) el(4, 'Work', `PT${b.work}H0M0S`);
      if (b.cost !== undefined) el(4, 'Cost', b.cost);
      out.push('      </Baseline>');
    }
    out.push('    </Task>');
  });
  out.push('  </Tasks>', '</Project>', '');
  return out.join('\n');
}

/** Tasks in WBS order: each parent before its children, siblings in input order. */
function wbsOrder(parentOf: Int32Array): number[] {
  const n = parentOf.length;
  const children: number[][] = Array.from({ length: n }, () => []);
  const roots: number[] = [];
  for (let t = 0; t < n; t++) {
    const p = parentOf[t]!;
    if (p >= 0) children[p]!.push(t);
    else roots.push(t);
  }
  const order: number[] = [];
  const stack = roots.reverse();
  while (stack.length > 0) {
    const t = stack.pop()!;
    order.push(t);
    for (let k = children[t]!.length - 1; k >= 0; k--) stack.push(children[t]![k]!);
  }
  return order;
}

function countWorkingDays(calendar: WorkCalendar, from: number, to: number): number {
  let n = 0;
  for (let d = from; d <= to; d++) if (calendar.isWorkingDay(d)) n++;
  return n;
}

function clock(minutes: number): string {
  const h = Math.min(24, Math.floor(minutes / 60));
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`;
}

/** Working times of a day: from 08:00, with a one-hour lunch break at noon for days over 4 h. */
function workingTimes(minutesPerDay: number): Array<[string, string]> {
  if (minutesPerDay <= 240) return [['08:00:00', clock(8 * 60 + minutesPerDay)]];
  return [
    ['08:00:00', '12:00:00'],
    ['13:00:00', clock(13 * 60 + minutesPerDay - 240)],
  ];
}

function writeCalendar(out: string[], calendar: WorkCalendar, minutesPerDay: number): void {
  const times = workingTimes(minutesPerDay);
  const writeTimes = (indent: string): void => {
    out.push(`${indent}<WorkingTimes>`);
    for (const [from, to] of times) {
      out.push(
        `${indent}  <WorkingTime>`,
        `${indent}    <FromTime>${from}</FromTime>`,
        `${indent}    <ToTime>${to}</ToTime>`,
        `${indent}  </WorkingTime>`,
      );
    }
    out.push(`${indent}</WorkingTimes>`);
  };
  // Exceptions as runs of consecutive dates: days off, then extra worked days.
  const off = new Set<number>([...calendar.daysOff]);
  for (const d of calendar.holidays) if (!calendar.workedDays.has(d)) off.add(d);
  const runs = [
    ...toRuns([...off]).map((r) => ({ ...r, working: false })),
    ...toRuns([...calendar.workedDays]).map((r) => ({ ...r, working: true })),
  ].sort((a, b) => a.from - b.from);

  out.push('  <Calendars>', '    <Calendar>');
  out.push(
    '      <UID>1</UID>',
    '      <Name>Standard</Name>',
    '      <IsBaseCalendar>1</IsBaseCalendar>',
  );
  out.push(
    '      <IsBaselineCalendar>0</IsBaselineCalendar>',
    '      <BaseCalendarUID>-1</BaseCalendarUID>',
  );
  out.push('      <WeekDays>');
  for (let dayType = 1; dayType <= 7; dayType++) {
    // MSPDI DayType 1 = Sunday … 7 = Saturday.
    const working = calendar.workdays.includes(dayType === 1 ? 7 : dayType - 1);
    out.push('        <WeekDay>', `          <DayType>${dayType}</DayType>`);
    out.push(`          <DayWorking>${working ? 1 : 0}</DayWorking>`);
    if (working) writeTimes('          ');
    out.push('        </WeekDay>');
  }
  for (const run of runs) {
    out.push('        <WeekDay>', '          <DayType>0</DayType>');
    out.push(`          <DayWorking>${run.working ? 1 : 0}</DayWorking>`);
    out.push(
      '          <TimePeriod>',
      `            <FromDate>${fromEpochDay(run.from)}T00:00:00</FromDate>`,
      `            <ToDate>${fromEpochDay(run.to)}T23:59:00</ToDate>`,
      '          </TimePeriod>',
    );
    if (run.working) writeTimes('          ');
    out.push('        </WeekDay>');
  }
  out.push('      </WeekDays>');
  if (runs.length > 0) {
    out.push('      <Exceptions>');
    for (const run of runs) {
      out.push('        <Exception>', '          <EnteredByOccurrences>0</EnteredByOccurrences>');
      out.push(
        '          <TimePeriod>',
        `            <FromDate>${fromEpochDay(run.from)}T00:00:00</FromDate>`,
        `            <ToDate>${fromEpochDay(run.to)}T23:59:00</ToDate>`,
        '          </TimePeriod>',
      );
      out.push(`          <Occurrences>${run.to - run.from + 1}</Occurrences>`);
      out.push(`          <Name>${run.working ? 'Jour travaillé' : 'Jour non travaillé'}</Name>`);
      out.push(
        '          <Type>1</Type>',
        `          <DayWorking>${run.working ? 1 : 0}</DayWorking>`,
      );
      if (run.working) writeTimes('          ');
      out.push('        </Exception>');
    }
    out.push('      </Exceptions>');
  }
  out.push('    </Calendar>', '  </Calendars>');
}

function toRuns(days: number[]): Array<{ from: number; to: number }> {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const runs: Array<{ from: number; to: number }> = [];
  for (const d of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.to === d - 1) last.to = d;
    else runs.push({ from: d, to: d });
  }
  return runs;
}
