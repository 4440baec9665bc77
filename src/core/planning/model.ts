import type { WorkCalendarSpec } from '../calendar/work-calendar.ts';

/** Dependency types: Finish-to-Start, Start-to-Start, Finish-to-Finish, Start-to-Finish. */
export type LinkType = 'FS' | 'SS' | 'FF' | 'SF';

/** The link types, in the order the engine encodes them. */
export const LINK_TYPES: readonly LinkType[] = ['FS', 'SS', 'FF', 'SF'];

/**
 * Date constraints (MS Project names): Start/Finish No Earlier/Later Than, Must Start/Finish On.
 * SNET and FNET push the task later; SNLT and FNLT bound its late dates (negative float when
 * missed); MSO and MFO pin it, whatever its predecessors say.
 */
export type ConstraintType = 'SNET' | 'SNLT' | 'FNET' | 'FNLT' | 'MSO' | 'MFO';

/** The constraint types, for validation. */
export const CONSTRAINT_TYPES: readonly ConstraintType[] = [
  'SNET',
  'SNLT',
  'FNET',
  'FNLT',
  'MSO',
  'MFO',
];

/** A date constraint on a leaf task. */
export interface TaskConstraint {
  type: ConstraintType;
  /** `YYYY-MM-DD`. */
  date: string;
}

/** Progress of a leaf task as of the plan's status date. */
export interface TaskProgress {
  /** 0..100; 100 means done. */
  percentComplete?: number;
  /** `YYYY-MM-DD`: the first day worked. */
  actualStart?: string;
  /** `YYYY-MM-DD`: the last day worked; the task is done. */
  actualFinish?: string;
}

/** A saved baseline of a task (MS Project numbers them 0..10): dates, duration, cost, work. */
export interface TaskBaseline {
  number: number;
  start?: string;
  finish?: string;
  /** Working days. */
  duration?: number;
  /** Baseline cost, in the file's currency units (MSPDI writes it in cents or units). */
  cost?: number;
  /** Baseline work, in hours. */
  work?: number;
}

/** A task of the WBS: a summary (has children) or a leaf (has a duration). */
export interface PlanTask {
  id: string;
  name: string;
  /** Id of the summary task this task belongs to. */
  parent?: string;
  summary?: boolean;
  /** Leaves only: working days, integer ≥ 0; 0 is a milestone. */
  duration?: number;
  constraint?: TaskConstraint;
  /** `YYYY-MM-DD`: finish no later than this, reported as negative float when missed. */
  deadline?: string;
  progress?: TaskProgress;
  baselines?: TaskBaseline[];
}

/** A dependency between two leaf tasks; `lag` in working days, negative for a lead. */
export interface PlanLink {
  from: string;
  to: string;
  type: LinkType;
  lag: number;
}

/** A project network: what `project.json` holds and what the engine schedules. */
export interface ProjectPlan {
  /** `YYYY-MM-DD`: working day 0 is the first working day on or after it. */
  start: string;
  /** `YYYY-MM-DD`: progress is known up to this day; unfinished work is scheduled from it. */
  statusDate?: string;
  calendar: WorkCalendarSpec;
  /** In WBS (outline) order. */
  tasks: PlanTask[];
  links: PlanLink[];
  /** Free-form name, kept by the MS Project exchange. */
  name?: string;
}
