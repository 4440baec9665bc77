import { writeFile } from 'node:fs/promises';
import { fromEpochDay } from '../core/calendar/days.ts';
import { schedulePlan, type Schedule } from '../core/planning/cpm.ts';
import { formatScheduleJson } from '../core/planning/project-network.ts';
import { parse, runCommand, UsageError } from './args.ts';
import { loadPlanFile } from './plan-file.ts';

const help = `Usage: jalon schedule FILE [--json] [--mspdi OUT.xml]

Schedules a project network with the critical path method and prints its dates, float and
critical path. FILE is a project.json (see formats/project-network.md) or an MS Project XML
(MSPDI) file; the format is told from the content.

Options:
  --json           print the result as JSON (the format of formats/project-network.md)
  --mspdi OUT.xml  also write the scheduled plan as MS Project XML
  -h, --help       show this help

Exit status: 0 scheduled, 1 bad input (the message names the line, task or link), 2 usage error.`;

/** `jalon schedule FILE [--json] [--mspdi OUT.xml]`: returns the exit status. */
export async function runSchedule(argv: string[]): Promise<number> {
  return runCommand(help, async () => {
    const { values, positionals } = parse(
      argv,
      { json: { type: 'boolean' }, mspdi: { type: 'string' } },
      true,
    );
    if (values.help) {
      console.log(help);
      return 0;
    }
    if (positionals.length !== 1) {
      throw new UsageError(
        positionals.length === 0 ? 'schedule needs a FILE' : 'schedule takes one FILE',
      );
    }
    const file = positionals[0]!;
    const { plan, warnings } = await loadPlanFile(file).catch((error: unknown) => {
      const e = error as NodeJS.ErrnoException;
      if (e.code === 'ENOENT' || e.code === 'EISDIR' || e.code === 'EACCES') {
        throw Object.assign(new Error(`cannot read ${file} (${e.code})`), { code: 'INVALID_FILE' });
      }
      throw error;
    });
    for (const warning of warnings) console.error(`jalon: warning: ${warning}`);
    const schedule = schedulePlan(plan);
    if (values.mspdi !== undefined) {
      const { writeMspdi } = await import('../core/planning/mspdi-write.ts');
      await writeFile(values.mspdi, writeMspdi(plan, schedule));
    }
    const out = values.json ? formatScheduleJson(schedule) : formatTable(schedule);
    process.stdout.write(out);
    return 0;
  });
}

/** A readable, aligned table of the schedule, dates in the French format (dd/mm/yyyy). */
export function formatTable(schedule: Schedule): string {
  const net = schedule.network;
  const frDates = new Map<number, string>();
  const fr = (day: number): string => {
    let s = frDates.get(day);
    if (s === undefined) {
      const iso = fromEpochDay(day);
      s = `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
      frDates.set(day, s);
    }
    return s;
  };
  const depth = new Int32Array(net.ids.length);
  const header = [
    'Id',
    'Task',
    'Start',
    'Finish',
    'Days',
    'Late start',
    'Late finish',
    'Float',
    'Free',
    '',
  ];
  const rows: string[][] = [];
  for (let t = 0; t < net.ids.length; t++) {
    const p = net.parentOf[t]!;
    depth[t] = p >= 0 ? depth[p]! + 1 : 0;
    const leaf = net.leafOf[t]!;
    const task = net.tasks[t]!;
    const name = `${'  '.repeat(depth[t]!)}${task.name}`;
    const start = fr(schedule.startDay[t]!);
    const finish = fr(schedule.finishDay[t]!);
    if (leaf < 0) {
      rows.push([net.ids[t]!, name, start, finish, '', '', '', '', '', 'summary']);
      continue;
    }
    const days = schedule.earlyFinish[leaf]! - schedule.earlyStart[leaf]!;
    rows.push([
      net.ids[t]!,
      name,
      start,
      finish,
      days === 0 ? 'milestone' : String(days),
      fr(schedule.lateStartDay[t]!),
      fr(schedule.lateFinishDay[t]!),
      String(schedule.totalFloat[leaf]!),
      String(schedule.freeFloat[leaf]!),
      schedule.critical[leaf] === 1 ? 'critical' : net.done[leaf] === 1 ? 'done' : '',
    ]);
  }
  const widths = header.map((h, c) => rows.reduce((w, r) => Math.max(w, r[c]!.length), h.length));
  const numeric = new Set([4, 7, 8]);
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w)))];
  for (const r of rows) out.push(line(r));
  const ids = Array.from(schedule.criticalPath, (leaf) => net.ids[net.taskOf[leaf]!]!);
  out.push(
    '',
    `Project: ${fr(schedule.projectStartDay)} → ${fr(schedule.projectFinishDay)} (${schedule.projectEnd - schedule.projectStart} working days)`,
    `Critical path: ${ids.length > 0 ? ids.join(' → ') : '(none)'}`,
    '',
  );
  return out.join('\n');
}
