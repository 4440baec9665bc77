import type { Plan, PlanLink, PlanTask } from '../../../contracts/planning.ts';
import { fromEpochDay, isoWeekday, toEpochDay } from '../../../core/calendar/days.ts';

/** A stable UUID from a number, for fixtures. */
export const fixtureId = (n: number): string =>
  `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * A plan shaped as the API sends it, for tests and measurements: `phases` summaries of
 * `perPhase` tasks each (every 10th a milestone), chained finish-to-start, Monday to Friday.
 */
export function buildPlan({ phases = 2, perPhase = 4, start = '2026-04-27' } = {}): Plan {
  const tasks: PlanTask[] = [];
  const links: PlanLink[] = [];
  let day = toEpochDay(start);
  const nextWorking = (d: number) => {
    let x = d;
    while (isoWeekday(x) >= 6) x++;
    return x;
  };
  let n = 1;
  let previous: PlanTask | null = null;
  for (let p = 0; p < phases; p++) {
    const phase = task({
      id: fixtureId(n++),
      wbs: `${p + 1}`,
      level: 0,
      kind: 'summary',
      parentId: null,
    });
    tasks.push(phase);
    const phaseStart = nextWorking(day);
    for (let i = 0; i < perPhase; i++) {
      const milestone = i % 10 === 9;
      const duration = milestone ? 0 : 1 + ((i * 7 + p) % 5);
      const s = nextWorking(day);
      let f = s;
      for (let k = 1; k < duration; k++) f = nextWorking(f + 1);
      const t = task({
        id: fixtureId(n++),
        wbs: `${p + 1}.${i + 1}`,
        level: 1,
        parentId: phase.id,
        kind: milestone ? 'milestone' : 'task',
        duration,
        start: fromEpochDay(s),
        finish: fromEpochDay(f),
        critical: true,
      });
      tasks.push(t);
      if (previous) {
        links.push({
          id: fixtureId(100_000 + n),
          fromTaskId: previous.id,
          toTaskId: t.id,
          type: 'FS',
          lag: 0,
          fromProject: null,
          version: 1,
        });
      }
      previous = t;
      day = milestone ? s : f + 1;
    }
    phase.schedule.start = fromEpochDay(phaseStart);
    phase.schedule.finish = fromEpochDay(Math.max(phaseStart, day - 1));
  }
  const first = tasks[0]?.schedule.start ?? null;
  const last = tasks.reduce<string | null>(
    (max, t) => (max === null || t.schedule.finish > max ? t.schedule.finish : max),
    null,
  );
  const nonWorkingDays: string[] = [];
  if (first && last) {
    for (let d = toEpochDay(first); d <= toEpochDay(last); d++) {
      if (isoWeekday(d) >= 6) nonWorkingDays.push(fromEpochDay(d));
    }
  }
  return {
    projectId: fixtureId(0),
    settings: {
      start,
      statusDate: null,
      calendar: {
        holidays: 'fr',
        whitMondayWorked: false,
        workdays: [1, 2, 3, 4, 5],
        daysOff: [],
        workedDays: [],
        hoursPerDay: 7,
      },
      version: 1,
    },
    tasks,
    links,
    projectStart: first,
    projectFinish: last,
    criticalPath: tasks.filter((t) => t.kind !== 'summary').map((t) => t.id),
    nonWorkingDays,
    can: { edit: true, baseline: true },
  };
}

function task(fields: {
  id: string;
  wbs: string;
  level: number;
  parentId: string | null;
  kind: PlanTask['kind'];
  duration?: number;
  start?: string;
  finish?: string;
  critical?: boolean;
}): PlanTask {
  return {
    id: fields.id,
    parentId: fields.parentId,
    wbs: fields.wbs,
    level: fields.level,
    name: `Tâche ${fields.wbs}`,
    kind: fields.kind,
    duration: fields.duration ?? 0,
    constraint: null,
    deadline: null,
    owner: null,
    notes: '',
    percentComplete: 0,
    actualStart: null,
    actualFinish: null,
    remaining: fields.duration ?? 0,
    schedule: {
      start: fields.start ?? '2026-04-27',
      finish: fields.finish ?? '2026-04-27',
      lateStart: null,
      lateFinish: null,
      totalFloat: 0,
      freeFloat: 0,
      critical: fields.critical ?? false,
    },
    version: 1,
  };
}
