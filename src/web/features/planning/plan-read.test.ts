import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Plan, PlanChange } from '../../../contracts/planning.ts';
import { buildPlan, fixtureId } from './plan-fixture.ts';
import {
  PlanChangePayload,
  PlanPayload,
  PlanShapeError,
  readPlan,
  readPlanChange,
} from './plan-read.ts';

// As in the browser, where the content security policy forbids zod's compiled checks.
z.config({ jitless: true });

/** A plan as the API sends it, with the optional parts filled in on a few tasks and links. */
function samplePlan() {
  const plan = buildPlan({ phases: 2, perPhase: 6 });
  const json = JSON.parse(JSON.stringify(plan)) as Record<string, unknown> & {
    tasks: Record<string, unknown>[];
    links: Record<string, unknown>[];
  };
  json.tasks[1]!.constraint = { type: 'SNET', date: '2026-05-04' };
  json.tasks[2]!.owner = { id: fixtureId(777), name: 'Claire Martin' };
  json.tasks[3]!.deadline = '2026-06-30';
  json.tasks[4]!.actualStart = '2026-04-27';
  json.links[0]!.fromProject = { id: fixtureId(888), code: 'PRJ-2', name: 'Autre projet' };
  json.links[1]!.type = 'SS';
  json.links[1]!.lag = -2;
  return json;
}

const TASK_FIELDS = [
  'id',
  'parentId',
  'wbs',
  'level',
  'name',
  'kind',
  'duration',
  'constraint',
  'deadline',
  'owner',
  'notes',
  'percentComplete',
  'actualStart',
  'actualFinish',
  'remaining',
  'schedule',
  'version',
  'schedule.start',
  'schedule.finish',
  'schedule.lateStart',
  'schedule.lateFinish',
  'schedule.totalFloat',
  'schedule.freeFloat',
  'schedule.critical',
  'constraint.type',
  'constraint.date',
  'owner.id',
  'owner.name',
];
const LINK_FIELDS = [
  'id',
  'fromTaskId',
  'toTaskId',
  'type',
  'lag',
  'fromProject',
  'version',
  'fromProject.id',
  'fromProject.code',
  'fromProject.name',
];

/** Values a broken or hostile server might send in place of a field (or the field left out). */
const value = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 150 }),
  fc.double({ noNaN: true, min: -1e3, max: 1e3 }),
  fc.constant(2 ** 60),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    fixtureId(5),
    'not-a-uuid',
    '00000000-0000-0000-0000-000000000000',
    '2026-02-29',
    '2028-02-29',
    '2026-13-01',
    '2026-05-04',
    'FS',
    'XX',
    'SNET',
    'task',
    'milestone',
    'summary',
    '',
  ),
  fc.constant({}),
  fc.constant([]),
  fc.constant({ type: 'MSO', date: '2026-05-05' }),
  fc.constant({ id: fixtureId(9), name: 'Nom', code: 'C' }),
);

function setAt(target: Record<string, unknown>, path: string, v: unknown) {
  const keys = path.split('.');
  let o: unknown = target;
  for (const key of keys.slice(0, -1)) {
    o = (o as Record<string, unknown> | null)?.[key];
    if (typeof o !== 'object' || o === null) return;
  }
  const last = keys.at(-1)!;
  // A copy: the constant objects among the values are shared by every run, and one set inside
  // another (« fromProject » then « fromProject.code ») would make it cyclic for good.
  if (v === undefined) delete (o as Record<string, unknown>)[last];
  else (o as Record<string, unknown>)[last] = structuredClone(v);
}

const outcome = (read: () => unknown) => {
  try {
    return { ok: true as const, value: read() };
  } catch {
    return { ok: false as const };
  }
};

describe('readPlan (the plan checked without zod for its tasks and links)', () => {
  it('reads what Plan.parse reads, extra fields dropped', () => {
    const json = samplePlan();
    (json.tasks[0] as Record<string, unknown>).extra = 'ignored';
    expect(readPlan(json)).toEqual(Plan.parse(json));
    expect('extra' in readPlan(json).tasks[0]!).toBe(false);
  });

  it('fills the calendar defaults as zod does', () => {
    const json = samplePlan();
    const settings = json.settings as { calendar: Record<string, unknown> };
    delete settings.calendar.hoursPerDay;
    expect(readPlan(json).settings.calendar.hoursPerDay).toBe(7);
  });

  it('says where a payload is wrong', () => {
    const json = samplePlan();
    json.tasks[3]!.schedule = { ...(json.tasks[3]!.schedule as object), finish: '2026-02-30' };
    expect(() => readPlan(json)).toThrow(PlanShapeError);
    const result = PlanPayload.safeParse(json);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['tasks', 3, 'schedule', 'finish']);
    expect(PlanPayload.safeParse({ ...json, links: 'none' }).success).toBe(false);
  });

  it('accepts and refuses exactly what Plan.parse does (a field of a task or link changed)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            where: fc.constantFrom('task', 'link'),
            index: fc.nat(),
            field: fc.nat(),
            value,
          }),
          { minLength: 1, maxLength: 3 },
        ),
        (changes) => {
          const json = samplePlan();
          for (const c of changes) {
            const list = c.where === 'task' ? json.tasks : json.links;
            const fields = c.where === 'task' ? TASK_FIELDS : LINK_FIELDS;
            setAt(list[c.index % list.length]!, fields[c.field % fields.length]!, c.value);
          }
          const sent = JSON.parse(JSON.stringify(json)) as unknown;
          const ours = outcome(() => readPlan(sent));
          const zods = outcome(() => Plan.parse(sent));
          expect(ours.ok).toBe(zods.ok);
          if (ours.ok && zods.ok) expect(ours.value).toEqual(zods.value);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads a 5,000-task plan', () => {
    const plan = buildPlan({ phases: 50, perPhase: 99 });
    const json = JSON.parse(JSON.stringify(plan)) as unknown;
    expect(readPlan(json)).toEqual(Plan.parse(json));
  });
});

/** An edit's answer as the API sends it: whole tasks, moved schedules, links, ids, the span. */
function sampleChange() {
  const plan = samplePlan();
  return {
    tasks: plan.tasks.slice(0, 5),
    schedules: plan.tasks.slice(5, 10).map((t) => ({ id: t.id, schedule: t.schedule })),
    links: plan.links.slice(0, 3),
    removedTaskIds: [fixtureId(600)],
    removedLinkIds: [fixtureId(601), fixtureId(602)],
    createdTaskIds: [plan.tasks[0]!.id],
    projectStart: plan.projectStart,
    projectFinish: plan.projectFinish,
    criticalPath: plan.criticalPath,
  } as Record<string, unknown> & {
    tasks: Record<string, unknown>[];
    schedules: Record<string, unknown>[];
    links: Record<string, unknown>[];
  };
}

const SCHEDULE_ENTRY_FIELDS = [
  'id',
  'schedule',
  ...TASK_FIELDS.filter((f) => f.startsWith('schedule.')),
];
const CHANGE_FIELDS = [
  'tasks',
  'schedules',
  'links',
  'removedTaskIds',
  'removedTaskIds.0',
  'removedLinkIds',
  'removedLinkIds.1',
  'createdTaskIds',
  'createdTaskIds.0',
  'projectStart',
  'projectFinish',
  'criticalPath',
  'criticalPath.0',
];

describe("readPlanChange (an edit's answer checked without zod)", () => {
  it('reads what PlanChange.parse reads, extra fields dropped', () => {
    const json = sampleChange();
    json.schedules[0]!.extra = 'ignored';
    json.extra = 1;
    expect(readPlanChange(json)).toEqual(PlanChange.parse(json));
    expect('extra' in readPlanChange(json).schedules[0]!).toBe(false);
  });

  it('says where a payload is wrong', () => {
    const json = sampleChange();
    json.schedules[2]!.schedule = { ...(json.schedules[2]!.schedule as object), start: 'hier' };
    const result = PlanChangePayload.safeParse(json);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['schedules', 2, 'schedule', 'start']);
    const ids = PlanChangePayload.safeParse({
      ...sampleChange(),
      removedLinkIds: [fixtureId(1), 'x'],
    });
    expect(ids.error?.issues[0]?.path).toEqual(['removedLinkIds', 1]);
  });

  it('accepts and refuses exactly what PlanChange.parse does (a field changed)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            where: fc.constantFrom('task', 'schedule', 'link', 'change'),
            index: fc.nat(),
            field: fc.nat(),
            value,
          }),
          { minLength: 1, maxLength: 3 },
        ),
        (changes) => {
          const json = JSON.parse(JSON.stringify(sampleChange())) as ReturnType<
            typeof sampleChange
          >;
          for (const c of changes) {
            if (c.where === 'change') {
              setAt(json, CHANGE_FIELDS[c.field % CHANGE_FIELDS.length]!, c.value);
              continue;
            }
            const list =
              c.where === 'task' ? json.tasks : c.where === 'link' ? json.links : json.schedules;
            const fields =
              c.where === 'task'
                ? TASK_FIELDS
                : c.where === 'link'
                  ? LINK_FIELDS
                  : SCHEDULE_ENTRY_FIELDS;
            if (!Array.isArray(list) || list.length === 0) continue;
            setAt(list[c.index % list.length]!, fields[c.field % fields.length]!, c.value);
          }
          const sent = JSON.parse(JSON.stringify(json)) as unknown;
          const ours = outcome(() => readPlanChange(sent));
          const zods = outcome(() => PlanChange.parse(sent));
          expect(ours.ok).toBe(zods.ok);
          if (ours.ok && zods.ok) expect(ours.value).toEqual(zods.value);
        },
      ),
      { numRuns: 600 },
    );
  });
});
