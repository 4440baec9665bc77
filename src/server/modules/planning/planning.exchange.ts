import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { type ImportQuery, type ImportReport, PlanCalendar } from '../../../contracts/planning.ts';
import { toEpochDay, isoWeekday } from '../../../core/calendar/days.ts';
import { frenchPublicHolidays } from '../../../core/calendar/holidays-fr.ts';
import type { WorkCalendarSpec } from '../../../core/calendar/work-calendar.ts';
import { DomainError } from '../../../core/errors.ts';
import { type Actor, userIdOf } from '../../../core/platform/actor.ts';
import type { ProjectPlan } from '../../../core/planning/model.ts';
import { readMspdi } from '../../../core/planning/mspdi-read.ts';
import { writeMspdi } from '../../../core/planning/mspdi-write.ts';
import { PlanningError } from '../../../core/planning/planning-error.ts';
import { parseProjectNetwork, toProjectNetwork } from '../../../core/planning/project-network.ts';
import type { Ctx } from '../../context.ts';
import { recordAudit } from '../platform/audit.service.ts';
import { authorizeProject } from '../portfolio/portfolio.service.ts';
import * as repo from './planning.repository.ts';
import { type LinkInput, scheduleProject, type TaskInput } from './planning.schedule.ts';
import { openForWrite, rescheduleInTx, settingsView } from './planning.service.ts';

type Warning = { line: number | null; message: string };

/** Largest document the XML parser accepts, in characters. */
const MAX_XML = 32 * 1024 * 1024;

function importError(err: unknown): unknown {
  if (!(err instanceof PlanningError)) return err;
  const line = typeof err.details.line === 'number' ? err.details.line : null;
  return new DomainError('IMPORT_INVALID', err.message, { reason: err.code, line, ...err.details });
}

/** Parses a plan file; errors name the line (MSPDI) or the key/task (JSON). */
function parseFile(
  format: 'mspdi' | 'json',
  text: string,
): { plan: ProjectPlan; warnings: Warning[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    if (format === 'mspdi') {
      const imported = readMspdi(body, { maxLength: MAX_XML });
      return {
        plan: imported.plan,
        warnings: imported.warnings.map((w) => {
          const m = /^line (\d+): (.*)$/s.exec(w);
          return m ? { line: Number(m[1]), message: m[2]! } : { line: null, message: w };
        }),
      };
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const position = /position (\d+)/.exec(message);
      const line = position ? body.slice(0, Number(position[1])).split('\n').length : null;
      throw new DomainError('IMPORT_INVALID', `${line ? `line ${line}: ` : ''}${message}`, {
        reason: 'INVALID_FILE',
        line,
      });
    }
    return { plan: parseProjectNetwork(json), warnings: [] };
  } catch (err) {
    throw importError(err);
  }
}

/**
 * The Jalon calendar closest to an imported one: the French holiday variant whose holidays the
 * file lists (Alsace-Moselle, Whit Monday worked or not), or none; other days off are kept.
 */
export function toPlanCalendar(spec: WorkCalendarSpec, warnings: Warning[]): PlanCalendar {
  const workdays = spec.workdays ? [...spec.workdays] : [1, 2, 3, 4, 5];
  const off = new Set([...(spec.holidays ?? []), ...(spec.daysOff ?? [])]);
  const years = [...off].map((d) => Number(d.slice(0, 4)));
  let best: { holidays: PlanCalendar['holidays']; whitMondayWorked: boolean; set: Set<string> } = {
    holidays: 'none',
    whitMondayWorked: false,
    set: new Set(),
  };
  if (years.length > 0) {
    const from = Math.min(...years);
    const to = Math.max(...years);
    for (const [holidays, whitMondayWorked] of [
      ['fr-alsace-moselle', false],
      ['fr-alsace-moselle', true],
      ['fr', false],
      ['fr', true],
    ] as const) {
      const set = new Set<string>();
      for (let y = from; y <= to; y++) {
        for (const d of frenchPublicHolidays(y, {
          whitMonday: !whitMondayWorked,
          alsaceMoselle: holidays === 'fr-alsace-moselle',
        })) {
          // Holidays on a day not worked anyway are often left out of files.
          if (workdays.includes(isoWeekday(toEpochDay(d)))) set.add(d);
        }
      }
      const all = [...set].every((d) => off.has(d));
      if (all && set.size > best.set.size) best = { holidays, whitMondayWorked, set };
    }
  }
  let daysOff = [...off]
    .filter((d) => !best.set.has(d) && workdays.includes(isoWeekday(toEpochDay(d))))
    .sort();
  if (daysOff.length > 1000) {
    warnings.push({
      line: null,
      message: `${daysOff.length - 1000} day(s) off beyond the first 1,000 were dropped`,
    });
    daysOff = daysOff.slice(0, 1000);
  }
  const hours = spec.hoursPerDay ?? 8;
  return PlanCalendar.parse({
    holidays: best.holidays,
    whitMondayWorked: best.whitMondayWorked,
    workdays,
    daysOff,
    workedDays: [...(spec.workedDays ?? [])].sort().slice(0, 1000),
    hoursPerDay: hours > 0 && hours <= 24 ? hours : 8,
  });
}

interface ImportedRows {
  tasks: (TaskInput & { notes: string })[];
  links: LinkInput[];
  baselines: Map<
    number,
    {
      taskId: string;
      start: string | null;
      finish: string | null;
      span: number;
      isSummary: boolean;
      name: string;
    }[]
  >;
  summaries: number;
  milestones: number;
}

/** The file's plan as rows with fresh ids, positions in file order. */
function toRows(plan: ProjectPlan, rootOffset: number): ImportedRows {
  const idOf = new Map(plan.tasks.map((t) => [t.id, randomUUID()]));
  const siblings = new Map<string | null, number>();
  const summaries = new Set(plan.tasks.filter((t) => t.summary).map((t) => t.id));
  const baselines: ImportedRows['baselines'] = new Map();
  let milestones = 0;
  const tasks = plan.tasks.map((t) => {
    const parentId = t.parent ? idOf.get(t.parent)! : null;
    const position = siblings.get(parentId) ?? (parentId ? 0 : rootOffset);
    siblings.set(parentId, position + 1);
    if (!t.summary && t.duration === 0) milestones++;
    for (const b of t.baselines ?? []) {
      const list = baselines.get(b.number) ?? [];
      list.push({
        taskId: idOf.get(t.id)!,
        start: b.start ?? null,
        finish: b.finish ?? null,
        span: b.duration ?? 0,
        isSummary: t.summary === true,
        name: t.name ?? t.id,
      });
      baselines.set(b.number, list);
    }
    return {
      id: idOf.get(t.id)!,
      parentId,
      position,
      name: (t.name ?? t.id).slice(0, 300) || t.id,
      duration: t.summary ? 1 : (t.duration ?? 1),
      constraintType: t.constraint?.type ?? null,
      constraintDate: t.constraint?.date ?? null,
      deadline: t.deadline ?? null,
      percentComplete: t.progress?.percentComplete ?? (t.progress?.actualFinish ? 100 : 0),
      actualStart: t.progress?.actualStart ?? null,
      actualFinish: t.progress?.actualFinish ?? null,
      notes: '',
    };
  });
  const links: LinkInput[] = plan.links.map((l) => ({
    id: randomUUID(),
    fromTaskId: idOf.get(l.from) ?? l.from,
    toTaskId: idOf.get(l.to) ?? l.to,
    type: l.type,
    lag: l.lag,
    external: null,
  }));
  return { tasks, links, baselines, summaries: summaries.size, milestones };
}

export async function importPlan(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  query: z.infer<typeof ImportQuery>,
  text: string,
): Promise<z.infer<typeof ImportReport>> {
  // Authorise before reading anything of the file.
  const { project } = await authorizeProject(ctx.db, actor, projectId, 'project.update');
  const { plan, warnings } = parseFile(query.format, text);
  const calendar = toPlanCalendar(plan.calendar, warnings);
  const settings = { start: plan.start, statusDate: plan.statusDate ?? null, calendar };
  const rows = toRows(plan, 0);
  // Schedules the file on its own, as it will be stored: refuses cycles and bad data by task name.
  let preview;
  try {
    preview = scheduleProject(settings, rows.tasks, rows.links);
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'PLAN_INVALID' || err.code === 'PLAN_CYCLE')) {
      throw new DomainError('IMPORT_INVALID', err.message, err.details);
    }
    throw err;
  }
  const report = {
    dryRun: query.dryRun,
    tasks: rows.tasks.length,
    summaries: rows.summaries,
    milestones: rows.milestones,
    links: rows.links.length,
    baselines: rows.baselines.size,
    projectStart: preview.projectStart,
    projectFinish: preview.projectFinish,
    warnings,
  };
  if (query.dryRun) return report;

  return ctx.db.transaction(async (tx) => {
    const { settings: locked } = await openForWrite(tx, actor, projectId);
    if (query.mode === 'replace') {
      const existing = (await repo.listTasks(tx, projectId)).map((v) => v.t.id);
      const lost = (await repo.linksTouching(tx, existing)).filter(
        (l) => l.projectId !== l.fromProjectId,
      );
      if (lost.length > 0) {
        warnings.push({
          line: null,
          message: `${lost.length} cross-project link(s) of the replaced plan were removed`,
        });
      }
      await repo.deleteAllTasks(tx, projectId);
    } else {
      const existing = await repo.listTasks(tx, projectId);
      const offset = existing.filter((v) => v.t.parentId === null).length;
      if (offset > 0) {
        for (const t of rows.tasks) if (t.parentId === null) t.position += offset;
      }
      warnings.push({ line: null, message: 'appended: the plan keeps its own start and calendar' });
    }
    const updated =
      query.mode === 'replace'
        ? await repo.updateSettings(tx, projectId, locked.version, {
            start: settings.start,
            statusDate: settings.statusDate,
            calendar,
          })
        : locked;
    // Parents before children (file order is outline order for MSPDI, not always for JSON).
    const byParent = new Map<string | null, typeof rows.tasks>();
    for (const t of rows.tasks) byParent.set(t.parentId, [...(byParent.get(t.parentId) ?? []), t]);
    const ordered: typeof rows.tasks = [];
    const walk = (p: string | null) => {
      for (const t of byParent.get(p) ?? []) {
        ordered.push(t);
        walk(t.id);
      }
    };
    walk(null);
    await repo.insertTasks(
      tx,
      ordered.map((t) => ({
        id: t.id,
        projectId,
        parentId: t.parentId,
        position: t.position,
        name: t.name,
        duration: t.duration,
        constraintType: t.constraintType,
        constraintDate: t.constraintDate,
        deadline: t.deadline,
        percentComplete: t.percentComplete,
        actualStart: t.actualStart,
        actualFinish: t.actualFinish,
        notes: t.notes,
      })),
    );
    await repo.insertLinks(
      tx,
      rows.links.map((l) => ({
        id: l.id,
        projectId,
        fromProjectId: projectId,
        fromTaskId: l.fromTaskId,
        toTaskId: l.toTaskId,
        type: l.type,
        lag: l.lag,
      })),
    );
    const change = await rescheduleInTx(tx, project, updated!);
    for (const [number, list] of [...rows.baselines].sort((a, b) => a[0] - b[0])) {
      const finish = list.reduce<string | null>(
        (m, b) => (b.finish && (!m || b.finish > m) ? b.finish : m),
        null,
      );
      const baseline = await repo.insertBaseline(tx, {
        projectId,
        name:
          number === 0 ? 'Baseline (import MS Project)' : `Baseline ${number} (import MS Project)`,
        createdById: userIdOf(actor),
        createdByName: actor.name,
        projectFinish: finish,
        taskCount: list.length,
      });
      await repo.insertBaselineTasks(
        tx,
        list.map((b) => ({
          baselineId: baseline.id,
          taskId: b.taskId,
          name: b.name,
          isSummary: b.isSummary,
          start: b.start,
          finish: b.finish,
          span: b.span,
        })),
      );
    }
    await recordAudit(tx, actor, {
      entityType: 'plan',
      entityId: projectId,
      entityLabel: `${project.code} — planning`,
      projectId,
      action: 'update',
      before: { import: null },
      after: {
        import: {
          format: query.format,
          mode: query.mode,
          tasks: rows.tasks.length,
          links: rows.links.length,
          baselines: rows.baselines.size,
        },
      },
    });
    return {
      ...report,
      projectStart: change.projectStart,
      projectFinish: change.projectFinish,
      warnings,
    };
  });
}

// ---------------------------------------------------------------- export

export interface ExportFile {
  contentType: string;
  filename: string;
  body: string;
}

export async function exportPlan(
  ctx: Ctx,
  actor: Actor,
  projectId: string,
  format: 'mspdi' | 'json' | 'csv',
): Promise<ExportFile> {
  const { project } = await authorizeProject(ctx.db, actor, projectId, 'project.read');
  const [row, taskViews, linkViews, baselines] = await Promise.all([
    repo.findSettings(ctx.db, projectId),
    repo.listTasks(ctx.db, projectId),
    repo.listLinks(ctx.db, projectId),
    repo.listBaselines(ctx.db, projectId),
  ]);
  const settings = settingsView(row, project);
  const base = `${project.code}-planning`;
  if (format === 'csv') {
    return {
      contentType: 'text/csv; charset=utf-8',
      filename: `${base}.csv`,
      body: toCsv(taskViews, linkViews),
    };
  }
  // Links from other projects are not part of the file: the plan stands on its own.
  const links: LinkInput[] = linkViews
    .filter((l) => l.from_project_id === l.project_id)
    .map((l) => ({
      id: l.id,
      fromTaskId: l.from_task_id,
      toTaskId: l.to_task_id,
      type: l.type,
      lag: l.lag,
      external: null,
    }));
  const scheduled = scheduleProject(
    settings,
    taskViews.map((v) => v.t),
    links,
  );
  const plan = scheduled.plan;
  plan.name = `${project.code} — ${project.name}`;
  const latest = baselines[0];
  if (latest) {
    const snap = new Map((await repo.baselineTasks(ctx.db, latest.id)).map((b) => [b.taskId, b]));
    for (const t of plan.tasks) {
      const b = snap.get(t.id);
      if (b && b.start && b.finish)
        t.baselines = [{ number: 0, start: b.start, finish: b.finish, duration: b.span }];
    }
  }
  if (format === 'mspdi') {
    return {
      contentType: 'application/xml; charset=utf-8',
      filename: `${base}.xml`,
      body: writeMspdi(plan, scheduled.schedule),
    };
  }
  return {
    contentType: 'application/json; charset=utf-8',
    filename: `${base}.json`,
    body: `${JSON.stringify(toProjectNetwork(plan), null, 2)}\n`,
  };
}

const CSV_HEADER = [
  'WBS',
  'Nom',
  'Type',
  'Durée (j ouvrés)',
  'Début',
  'Fin',
  'Début au plus tard',
  'Fin au plus tard',
  'Marge totale (j)',
  'Critique',
  '% achevé',
  'Début réel',
  'Fin réelle',
  'Échéance',
  'Responsable',
  'Prédécesseurs',
  'Notes',
];

/** A date as French spreadsheets expect it: dd/mm/yyyy. */
const frDate = (d: string | null) =>
  d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '';
/** A number with a decimal comma. */
const frNumber = (n: number | null) =>
  n === null ? '' : String(Math.round(n * 100) / 100).replace('.', ',');

/**
 * One CSV cell: text that a spreadsheet would read as a formula (= + - @, tab, CR) is prefixed
 * with an apostrophe; cells with `;`, quotes or line breaks are quoted.
 */
export function csvCell(value: string, text = true): string {
  let v = value;
  if (text && /^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function toCsv(taskViews: repo.TaskView[], linkViews: repo.LinkView[]): string {
  const tasks = taskViews.map((v) => v.t);
  const wbsOf = new Map(tasks.map((t) => [t.id, t.wbs]));
  const preds = new Map<string, string[]>();
  for (const l of linkViews) {
    const from =
      wbsOf.get(l.from_task_id) ?? `${l.from_project_code ?? '?'}:${l.from_task_id.slice(0, 8)}`;
    const lag = l.lag === 0 ? '' : `${l.lag > 0 ? '+' : ''}${l.lag}j`;
    preds.set(l.to_task_id, [...(preds.get(l.to_task_id) ?? []), `${from}${l.type}${lag}`]);
  }
  const sorted = [...taskViews].sort((a, b) =>
    a.t.wbs.localeCompare(b.t.wbs, 'en', { numeric: true }),
  );
  const lines = [CSV_HEADER.map((h) => csvCell(h)).join(';')];
  for (const { t, ownerName } of sorted) {
    const kind = t.isSummary ? 'Récapitulative' : t.duration === 0 ? 'Jalon' : 'Tâche';
    lines.push(
      [
        csvCell(t.wbs, false),
        csvCell(t.name),
        kind,
        String(t.isSummary ? t.span : t.duration),
        frDate(t.start),
        frDate(t.finish),
        frDate(t.lateStart),
        frDate(t.lateFinish),
        t.totalFloat === null ? '' : String(t.totalFloat),
        t.critical ? 'Oui' : 'Non',
        frNumber(t.percentComplete),
        frDate(t.actualStart),
        frDate(t.actualFinish),
        frDate(t.deadline),
        csvCell(ownerName ?? ''),
        csvCell((preds.get(t.id) ?? []).join(', ')),
        csvCell(t.notes),
      ].join(';'),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
