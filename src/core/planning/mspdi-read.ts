import {
  daysInMonth,
  epochDayOf,
  fromEpochDay,
  isIsoDate,
  isoWeekday,
  toEpochDay,
} from '../calendar/days.ts';
import type { WorkCalendarSpec } from '../calendar/work-calendar.ts';
import type {
  ConstraintType,
  LinkType,
  PlanLink,
  PlanTask,
  ProjectPlan,
  TaskBaseline,
} from './model.ts';
import { PlanningError } from './planning-error.ts';
import {
  parseXml,
  xmlChild,
  xmlChildren,
  xmlText,
  type XmlElement,
  type XmlLimits,
} from './xml.ts';

/** MSPDI `PredecessorLink/Type`: 0 = FF, 1 = FS, 2 = SF, 3 = SS. */
const MSPDI_LINK_TYPES: readonly LinkType[] = ['FF', 'FS', 'SF', 'SS'];

/** MSPDI `ConstraintType` codes; 0 = as soon as possible, 1 = as late as possible. */
const MSPDI_CONSTRAINTS: Readonly<Record<string, ConstraintType>> = {
  '2': 'MSO',
  '3': 'MFO',
  '4': 'SNET',
  '5': 'SNLT',
  '6': 'FNET',
  '7': 'FNLT',
};

/** Field id of the task field Text1, where Jalon writes its own task ids. */
export const JALON_ID_FIELD = '188743731';
/** Alias of Text1 that marks a file written by Jalon. */
export const JALON_ID_ALIAS = 'Jalon id';

/** A calendar of the file, resolved against its base calendar. */
export interface MspdiCalendar {
  uid: string;
  name: string;
  isBase: boolean;
  baseUid?: string;
  /** Working calendar with exceptions expanded to dates. */
  spec: WorkCalendarSpec;
  /** Number of `<Exception>` entries (or, without any, of legacy dated `<WeekDay>` entries). */
  exceptionCount: number;
  /** Number of legacy `<WeekDay>` entries with DayType 0 (dated exceptions). */
  legacyExceptionCount: number;
}

/** A predecessor link as written in the file, before summary links are mapped to leaves. */
export interface MspdiLink {
  predecessorUid: string;
  successorUid: string;
  type: LinkType;
  /** Tenths of minutes, as written. */
  linkLag: number;
  lagFormat?: string;
  /** Lag in working days, rounded. */
  lag: number;
  line: number;
}

/** What readMspdi found: the plan, plus the file's raw facts and what was approximated. */
export interface MspdiImport {
  plan: ProjectPlan;
  /** UID of each task of the plan, by plan task id. */
  uidOf: Map<string, string>;
  calendars: MspdiCalendar[];
  links: MspdiLink[];
  /** Approximations and dropped data, one sentence each. */
  warnings: string[];
  minutesPerDay: number;
}

interface Row {
  uid: string;
  id: string;
  name: string;
  level: number;
  line: number;
  el: XmlElement;
  parent: number;
  hasChildren: boolean;
}

/**
 * Imports an MS Project XML (MSPDI) document into a plan. The project summary row (outline
 * level 0) and blank rows are dropped; summaries are the rows with children; durations and
 * lags become whole working days (MinutesPerDay; LinkLag is in tenths of minutes); links on
 * summaries are mapped to leaves (see mapSummaryLinks). Throws PlanningError naming the line.
 */
export function readMspdi(source: string, limits: XmlLimits = {}): MspdiImport {
  const root = parseXml(source, limits);
  if (root.name !== 'Project') {
    throw new PlanningError(
      'INVALID_FILE',
      `line ${root.line}: the root element is <${root.name}>, not <Project>`,
      {
        line: root.line,
      },
    );
  }
  const warnings: string[] = [];
  const minutesPerDay = positiveNumber(xmlText(root, 'MinutesPerDay'), 480);
  const start = datePart(xmlChild(root, 'StartDate'), 'the project StartDate');
  if (start === undefined) {
    throw new PlanningError('INVALID_FILE', `line ${root.line}: the project has no <StartDate>`, {
      line: root.line,
    });
  }

  const calendars = readCalendars(xmlChild(root, 'Calendars'), minutesPerDay, warnings);
  const calendarUid = xmlText(root, 'CalendarUID');
  const projectCalendar =
    calendars.find((c) => c.uid === calendarUid) ?? calendars.find((c) => c.isBase) ?? calendars[0];
  if (calendarUid !== undefined && projectCalendar && projectCalendar.uid !== calendarUid) {
    warnings.push(
      `the project calendar UID ${calendarUid} is missing; using "${projectCalendar.name}"`,
    );
  }

  const jalonIds = xmlChildren(xmlChild(root, 'ExtendedAttributes'), 'ExtendedAttribute').some(
    (a) => xmlText(a, 'FieldID') === JALON_ID_FIELD && xmlText(a, 'Alias') === JALON_ID_ALIAS,
  );

  // Rows in file order (ID order), blank rows and the project summary row dropped.
  const rows: Row[] = [];
  const byUid = new Map<string, number>();
  let projectRowUid: string | undefined;
  let manual = 0;
  for (const el of xmlChildren(xmlChild(root, 'Tasks'), 'Task')) {
    const uid = xmlText(el, 'UID');
    if (uid === undefined) fail(el, 'a <Task> has no <UID>');
    if (flag(xmlText(el, 'IsNull'))) continue;
    const level = Number(xmlText(el, 'OutlineLevel') ?? '1');
    if (!Number.isInteger(level) || level < 0)
      fail(el, `task UID ${uid} has OutlineLevel "${level}"`);
    if (level === 0) {
      projectRowUid = uid;
      continue;
    }
    if (byUid.has(uid!)) fail(el, `task UID ${uid} appears twice`);
    if (flag(xmlText(el, 'Manual'))) manual++;
    const ext = xmlChildren(el, 'ExtendedAttribute').find(
      (a) => xmlText(a, 'FieldID') === JALON_ID_FIELD,
    );
    const jalonId = jalonIds ? xmlText(ext, 'Value') : undefined;
    byUid.set(uid!, rows.length);
    rows.push({
      uid: uid!,
      id: jalonId ?? uid!,
      name: xmlChild(el, 'Name')?.text ?? '',
      level,
      line: el.line,
      el,
      parent: -1,
      hasChildren: false,
    });
  }
  if (manual > 0) {
    warnings.push(`${manual} manually scheduled task(s) are scheduled automatically`);
  }

  // Outline levels to parents: a row's parent is the last row above it one level up.
  const open: number[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.level > open.length + 1) {
      fail(
        row.el,
        `task UID ${row.uid} jumps to OutlineLevel ${row.level} after level ${open.length}`,
      );
    }
    open.length = row.level - 1;
    const parent = open[open.length - 1];
    if (parent !== undefined) {
      row.parent = parent;
      rows[parent]!.hasChildren = true;
    }
    open.push(r);
  }

  const tasks: PlanTask[] = [];
  const uidOf = new Map<string, string>();
  const durationOf = new Map<string, number>();
  let roundedDurations = 0;
  const seenIds = new Set<string>();
  for (const row of rows) {
    if (seenIds.has(row.id)) fail(row.el, `task id "${row.id}" appears twice`);
    seenIds.add(row.id);
    const task: PlanTask = { id: row.id, name: row.name };
    if (row.parent >= 0) task.parent = rows[row.parent]!.id;
    uidOf.set(row.id, row.uid);
    if (row.hasChildren) {
      task.summary = true;
    } else {
      const minutes = durationMinutes(
        xmlText(row.el, 'Duration') ?? 'PT0H0M0S',
        minutesPerDay,
        row.el,
      );
      const exact = minutes / minutesPerDay;
      // A non-zero duration never becomes a milestone: partial days round up.
      const days = Math.max(0, Math.ceil(exact - 1e-9));
      if (Math.abs(days - exact) > 1e-9) roundedDurations++;
      task.duration = days;
      durationOf.set(row.uid, days);
      readConstraint(row, task, warnings);
      readProgress(row, task);
    }
    const baselines = readBaselines(row.el, minutesPerDay);
    if (baselines.length > 0) task.baselines = baselines;
    tasks.push(task);
  }
  if (roundedDurations > 0) {
    warnings.push(
      `${roundedDurations} duration(s) that are not whole working days were rounded up`,
    );
  }

  // Predecessor links, as written.
  const links: MspdiLink[] = [];
  let roundedLags = 0;
  for (const row of rows) {
    for (const el of xmlChildren(row.el, 'PredecessorLink')) {
      const predecessorUid = xmlText(el, 'PredecessorUID');
      if (predecessorUid === undefined)
        fail(el, `a link of task UID ${row.uid} has no <PredecessorUID>`);
      if (flag(xmlText(el, 'CrossProject'))) {
        warnings.push(`line ${el.line}: a cross-project link of task UID ${row.uid} was dropped`);
        continue;
      }
      if (predecessorUid === projectRowUid) {
        warnings.push(`line ${el.line}: a link from the project summary row was dropped`);
        continue;
      }
      if (!byUid.has(predecessorUid!)) {
        fail(
          el,
          `task UID ${row.uid} has a predecessor UID ${predecessorUid} that is not in the file`,
        );
      }
      const typeCode = xmlText(el, 'Type') ?? '1';
      const type = MSPDI_LINK_TYPES[Number(typeCode)];
      if (type === undefined || !/^[0-3]$/.test(typeCode)) {
        fail(el, `link ${predecessorUid} → ${row.uid} has Type "${typeCode}"; expected 0..3`);
      }
      const linkLag = Number(xmlText(el, 'LinkLag') ?? '0');
      if (!Number.isFinite(linkLag))
        fail(el, `link ${predecessorUid} → ${row.uid} has a malformed LinkLag`);
      const lagFormat = xmlText(el, 'LagFormat');
      const format = Number(lagFormat ?? '7');
      let exact: number;
      if (format === 19 || format === 20 || format === 51 || format === 52) {
        // Percent lags: LinkLag is the percentage of the predecessor's duration.
        exact = ((durationOf.get(predecessorUid!) ?? 0) * linkLag) / 100;
      } else {
        exact = linkLag / 10 / minutesPerDay;
      }
      const lag = Math.round(exact);
      if (Math.abs(lag - exact) > 1e-9) roundedLags++;
      links.push({
        predecessorUid: predecessorUid!,
        successorUid: row.uid,
        type: type!,
        linkLag,
        ...(lagFormat === undefined ? {} : { lagFormat }),
        lag: lag === 0 ? 0 : lag,
        line: el.line,
      });
    }
  }
  if (roundedLags > 0) warnings.push(`${roundedLags} lag(s) were rounded to whole working days`);

  const plan: ProjectPlan = {
    start,
    calendar: projectCalendar?.spec ?? { hoursPerDay: minutesPerDay / 60 },
    tasks,
    links: mapSummaryLinks(rows, links, warnings),
  };
  const name = xmlText(root, 'Title') ?? xmlText(root, 'Name');
  if (name !== undefined) plan.name = name;
  const statusDate = datePart(xmlChild(root, 'StatusDate'), 'the StatusDate');
  if (statusDate !== undefined) plan.statusDate = statusDate;
  return { plan, uidOf, calendars, links, warnings, minutesPerDay };
}

/**
 * MS Project lets links join summary rows; the engine links leaves only. A link whose
 * predecessor is a summary is repeated from every leaf below it, and a link whose successor is
 * a summary is repeated to every leaf below it (same type and lag). This is exact for the usual
 * cases — FS or FF from a summary (its finish is the latest leaf finish) and FS or SS to a
 * summary (its start is the earliest leaf start) — and errs on the late side for SS/SF from a
 * summary and FF/SF to a summary. Links between a summary and its own descendants, and links
 * on summaries without leaves, are dropped with a warning; duplicates are merged.
 */
export function mapSummaryLinks(
  rows: ReadonlyArray<{ uid: string; id: string; parent: number; hasChildren: boolean }>,
  links: readonly MspdiLink[],
  warnings: string[],
): PlanLink[] {
  const index = new Map(rows.map((r, i) => [r.uid, i]));
  const leavesBelow = new Map<number, number[]>();
  rows.forEach((row, i) => {
    if (row.hasChildren) return;
    for (let p = row.parent; p >= 0; p = rows[p]!.parent) {
      let list = leavesBelow.get(p);
      if (!list) leavesBelow.set(p, (list = []));
      list.push(i);
    }
  });
  const isAncestor = (a: number, b: number): boolean => {
    for (let p = rows[b]!.parent; p >= 0; p = rows[p]!.parent) if (p === a) return true;
    return false;
  };
  const out: PlanLink[] = [];
  const seen = new Set<string>();
  let mapped = 0;
  for (const link of links) {
    const from = index.get(link.predecessorUid)!;
    const to = index.get(link.successorUid)!;
    if (isAncestor(from, to) || isAncestor(to, from)) {
      warnings.push(
        `line ${link.line}: the link ${link.predecessorUid} → ${link.successorUid} joins a summary and its own task; dropped`,
      );
      continue;
    }
    const froms = rows[from]!.hasChildren ? (leavesBelow.get(from) ?? []) : [from];
    const tos = rows[to]!.hasChildren ? (leavesBelow.get(to) ?? []) : [to];
    if (froms.length === 0 || tos.length === 0) {
      warnings.push(
        `line ${link.line}: the link ${link.predecessorUid} → ${link.successorUid} is on a summary without tasks; dropped`,
      );
      continue;
    }
    if (rows[from]!.hasChildren || rows[to]!.hasChildren) mapped++;
    for (const f of froms) {
      for (const t of tos) {
        const key = `${f}\u0000${t}\u0000${link.type}\u0000${link.lag}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ from: rows[f]!.id, to: rows[t]!.id, type: link.type, lag: link.lag });
      }
    }
  }
  if (mapped > 0) warnings.push(`${mapped} link(s) on summary tasks were mapped to their tasks`);
  return out;
}

function readConstraint(row: Row, task: PlanTask, warnings: string[]): void {
  const code = xmlText(row.el, 'ConstraintType') ?? '0';
  if (code === '1') {
    warnings.push(
      `line ${row.line}: task UID ${row.uid} "as late as possible" is scheduled as soon as possible`,
    );
  }
  const type = MSPDI_CONSTRAINTS[code];
  if (type !== undefined) {
    const date = datePart(
      xmlChild(row.el, 'ConstraintDate'),
      `the ConstraintDate of task UID ${row.uid}`,
    );
    if (date === undefined) {
      warnings.push(
        `line ${row.line}: task UID ${row.uid} has a constraint without a date; ignored`,
      );
    } else {
      task.constraint = { type, date };
    }
  }
  const deadline = datePart(xmlChild(row.el, 'Deadline'), `the Deadline of task UID ${row.uid}`);
  if (deadline !== undefined) task.deadline = deadline;
}

function readProgress(row: Row, task: PlanTask): void {
  const pct = Number(xmlText(row.el, 'PercentComplete') ?? '0');
  const actualStart = datePart(
    xmlChild(row.el, 'ActualStart'),
    `the ActualStart of task UID ${row.uid}`,
  );
  const actualFinish = datePart(
    xmlChild(row.el, 'ActualFinish'),
    `the ActualFinish of task UID ${row.uid}`,
  );
  if (!(pct > 0) && actualStart === undefined && actualFinish === undefined) return;
  task.progress = {};
  if (pct > 0) task.progress.percentComplete = Math.min(100, pct);
  if (actualStart !== undefined) task.progress.actualStart = actualStart;
  if (actualFinish !== undefined) task.progress.actualFinish = actualFinish;
}

function readBaselines(el: XmlElement, minutesPerDay: number): TaskBaseline[] {
  const out: TaskBaseline[] = [];
  for (const b of xmlChildren(el, 'Baseline')) {
    const number = Number(xmlText(b, 'Number') ?? '0');
    const baseline: TaskBaseline = { number };
    const start = datePart(xmlChild(b, 'Start'), 'a baseline Start');
    const finish = datePart(xmlChild(b, 'Finish'), 'a baseline Finish');
    const duration = xmlText(b, 'Duration');
    if (start !== undefined) baseline.start = start;
    if (finish !== undefined) baseline.finish = finish;
    if (duration !== undefined) {
      const days = durationMinutes(duration, minutesPerDay, b) / minutesPerDay;
      baseline.duration = Math.max(0, Math.ceil(days - 1e-9));
    }
    const cost = Number(xmlText(b, 'Cost'));
    if (xmlText(b, 'Cost') !== undefined && Number.isFinite(cost)) baseline.cost = cost;
    const work = xmlText(b, 'Work');
    if (work !== undefined) baseline.work = durationMinutes(work, minutesPerDay, b) / 60;
    out.push(baseline);
  }
  return out;
}

function readCalendars(
  container: XmlElement | undefined,
  minutesPerDay: number,
  warnings: string[],
): MspdiCalendar[] {
  const raw = xmlChildren(container, 'Calendar').map((el) => {
    const uid = xmlText(el, 'UID') ?? fail(el, 'a <Calendar> has no <UID>');
    const weekdays = new Map<number, boolean>();
    const worked = new Set<string>();
    const off = new Set<string>();
    const legacy: Array<{ from: string; to: string; working: boolean }> = [];
    for (const day of xmlChildren(xmlChild(el, 'WeekDays'), 'WeekDay')) {
      const type = Number(xmlText(day, 'DayType') ?? '-1');
      const working = flag(xmlText(day, 'DayWorking'));
      if (type >= 1 && type <= 7) {
        // MSPDI DayType 1 = Sunday … 7 = Saturday.
        weekdays.set(type === 1 ? 7 : type - 1, working);
      } else if (type === 0) {
        const period = xmlChild(day, 'TimePeriod');
        const from = datePart(xmlChild(period, 'FromDate'), 'a calendar FromDate');
        const to = datePart(xmlChild(period, 'ToDate'), 'a calendar ToDate');
        if (from !== undefined && to !== undefined) legacy.push({ from, to, working });
      }
    }
    const exceptions = xmlChildren(xmlChild(el, 'Exceptions'), 'Exception');
    for (const ex of exceptions) {
      const target = flag(xmlText(ex, 'DayWorking')) ? worked : off;
      for (const day of expandException(ex)) target.add(day);
    }
    // MS Project also writes each exception as a dated WeekDay: use those only without <Exceptions>.
    if (exceptions.length === 0) {
      for (const p of legacy) {
        for (let d = toEpochDay(p.from), end = toEpochDay(p.to); d <= end; d++) {
          (p.working ? worked : off).add(fromEpochDay(d));
        }
      }
    }
    if (xmlChild(el, 'WorkWeeks')?.children.length) {
      warnings.push(
        `line ${el.line}: the alternative work weeks of calendar UID ${uid} are ignored`,
      );
    }
    const base = xmlText(el, 'BaseCalendarUID');
    return {
      uid,
      name: xmlChild(el, 'Name')?.text ?? '',
      isBase: flag(xmlText(el, 'IsBaseCalendar')),
      baseUid: base !== undefined && base !== '-1' ? base : undefined,
      weekdays,
      worked,
      off,
      exceptionCount: exceptions.length > 0 ? exceptions.length : legacy.length,
      legacyExceptionCount: legacy.length,
    };
  });
  const byUid = new Map(raw.map((c) => [c.uid, c]));
  return raw.map((c) => {
    // A derived calendar takes the weekdays it does not define, and the base exceptions, from its base.
    const weekdays = new Map(c.weekdays);
    const worked = new Set(c.worked);
    const off = new Set(c.off);
    const visited = new Set([c.uid]);
    for (let b = c.baseUid ? byUid.get(c.baseUid) : undefined; b && !visited.has(b.uid);) {
      visited.add(b.uid);
      for (const [d, w] of b.weekdays) if (!weekdays.has(d)) weekdays.set(d, w);
      for (const d of b.worked) if (!off.has(d)) worked.add(d);
      for (const d of b.off) if (!c.worked.has(d)) off.add(d);
      b = b.baseUid ? byUid.get(b.baseUid) : undefined;
    }
    for (const d of worked) off.delete(d);
    const workdays = [1, 2, 3, 4, 5, 6, 7].filter((d) => weekdays.get(d) ?? d <= 5);
    const spec: WorkCalendarSpec = { workdays, hoursPerDay: minutesPerDay / 60 };
    if (off.size > 0) spec.holidays = [...off].sort();
    if (worked.size > 0) spec.workedDays = [...worked].sort();
    const out: MspdiCalendar = {
      uid: c.uid,
      name: c.name,
      isBase: c.isBase,
      spec,
      exceptionCount: c.exceptionCount,
      legacyExceptionCount: c.legacyExceptionCount,
    };
    if (c.baseUid !== undefined) out.baseUid = c.baseUid;
    return out;
  });
}

/**
 * Dates (`YYYY-MM-DD`) of a calendar exception, recurring ones expanded within their period:
 * Type 1 daily, 7 every Period days, 6 weekly (DaysOfWeek bits, 1 = Sunday), 4 monthly on
 * MonthDay, 5 monthly on the MonthPosition-th MonthItem, 2 yearly on Month (0-based) and
 * MonthDay, 3 yearly on the MonthPosition-th MonthItem of Month; at most Occurrences dates.
 */
export function expandException(ex: XmlElement): string[] {
  const period = xmlChild(ex, 'TimePeriod');
  const fromText = datePart(xmlChild(period, 'FromDate'), 'an exception FromDate');
  const toText = datePart(xmlChild(period, 'ToDate'), 'an exception ToDate');
  if (fromText === undefined || toText === undefined) return [];
  const from = toEpochDay(fromText);
  const to = toEpochDay(toText);
  if (to < from || to - from > 366 * 200) fail(ex, 'an exception has an invalid period');
  const type = Number(xmlText(ex, 'Type') ?? '1');
  const every = Math.max(1, Number(xmlText(ex, 'Period') ?? '1'));
  const byOccurrences = flag(xmlText(ex, 'EnteredByOccurrences'));
  const limit = byOccurrences ? Number(xmlText(ex, 'Occurrences') ?? 'Infinity') : Infinity;
  const monthDay = Number(xmlText(ex, 'MonthDay') ?? '1');
  const month = Number(xmlText(ex, 'Month') ?? '0') + 1;
  const item = Number(xmlText(ex, 'MonthItem') ?? '0');
  const position = Number(xmlText(ex, 'MonthPosition') ?? '0');
  const daysOfWeek = Number(xmlText(ex, 'DaysOfWeek') ?? '0');
  const start = civil(from);

  const days: number[] = [];
  const push = (d: number): void => {
    if (d >= from && d <= to && days.length < limit) days.push(d);
  };
  switch (type) {
    case 6: {
      // Weekly: weeks counted from the (Sunday-first, as MS Project) week of the first date.
      const firstWeek = from - (isoWeekday(from) % 7);
      for (let w = firstWeek; w <= to; w += 7 * every) {
        for (let k = 0; k < 7; k++) if (daysOfWeek & (1 << k)) push(w + k);
      }
      break;
    }
    case 4:
    case 5:
      for (let m = 0; ; m += every) {
        const y = start.year + Math.floor((start.month - 1 + m) / 12);
        const mo = ((start.month - 1 + m) % 12) + 1;
        if (epochDayOf(y, mo, 1) > to) break;
        push(
          type === 4
            ? epochDayOf(y, mo, Math.min(monthDay, daysInMonth(y, mo)))
            : nthInMonth(y, mo, item, position),
        );
      }
      break;
    case 2:
    case 3:
      for (let y = start.year; epochDayOf(y, 1, 1) <= to; y++) {
        push(
          type === 2
            ? epochDayOf(y, month, Math.min(monthDay, daysInMonth(y, month)))
            : nthInMonth(y, month, item, position),
        );
      }
      break;
    default:
      // Daily (1), or every Period days (7).
      for (let d = from; d <= to; d += type === 7 ? every : 1) push(d);
  }
  return days.sort((a, b) => a - b).map(fromEpochDay);
}

/**
 * Epoch day of the `position`-th (0..3, 4 = last) `item` of a month. MonthItem: 0 = day,
 * 1 = weekday, 2 = weekend day, 3 = Sunday … 9 = Saturday.
 */
function nthInMonth(year: number, month: number, item: number, position: number): number {
  const first = epochDayOf(year, month, 1);
  const last = first + daysInMonth(year, month) - 1;
  const matches = (d: number): boolean => {
    const wd = isoWeekday(d);
    if (item === 0) return true;
    if (item === 1) return wd <= 5;
    if (item === 2) return wd >= 6;
    return wd === (item === 3 ? 7 : item - 3);
  };
  if (position >= 4) {
    for (let d = last; d >= first; d--) if (matches(d)) return d;
  } else {
    for (let d = first, n = 0; d <= last; d++) if (matches(d) && n++ === position) return d;
  }
  return Number.NaN;
}

function civil(day: number): { year: number; month: number } {
  const iso = fromEpochDay(day);
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)) };
}

/** Minutes of an ISO 8601 duration as MSPDI writes it (PT8H0M0S, P2DT4H…); days count MinutesPerDay. */
function durationMinutes(text: string, minutesPerDay: number, el: XmlElement): number {
  const m =
    /^(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      text,
    );
  if (!m || m[1] === '-') fail(el, `"${text}" is not a duration (PTnHnMnS)`);
  const n = (k: number): number => Number(m![k] ?? 0);
  if (n(2) > 0 || n(3) > 0) fail(el, `duration "${text}" in years or months is not supported`);
  return (n(4) * 5 + n(5)) * minutesPerDay + n(6) * 60 + n(7) + n(8) / 60;
}

function datePart(el: XmlElement | undefined, what: string): string | undefined {
  const text = el?.text.trim();
  if (text === undefined || text === '') return undefined;
  const date = text.slice(0, 10);
  if (!isIsoDate(date) || (text.length > 10 && text[10] !== 'T')) {
    fail(el!, `${what} "${text}" is not a date-time (YYYY-MM-DDThh:mm:ss)`);
  }
  return date;
}

function flag(text: string | undefined): boolean {
  return text === '1' || text === 'true';
}

function positiveNumber(text: string | undefined, fallback: number): number {
  const n = Number(text);
  return text !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
}

function fail(el: XmlElement, message: string): never {
  throw new PlanningError('INVALID_FILE', `line ${el.line}: ${message}`, { line: el.line });
}
