import { check, date, doublePrecision, index, jsonb, pgTable, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { instant } from '../../db/columns.ts';
import { projects } from '../portfolio/portfolio.tables.ts';

/**
 * The portfolio dashboard's pre-aggregated snapshot: per project, every metric of the registry
 * (reporting.metrics.ts) at `as_of` and its strategic alignment, refreshed set-wise by the
 * `dash-snapshot` job (hourly) or on demand by the PMO. The dashboard reads these rows instead of
 * recomputing over every task, timesheet entry and risk; `computed_at` is the freshness shown.
 */
export const dashProjectSnapshots = pgTable(
  'dash_project_snapshots',
  {
    projectId: uuid('project_id')
      .primaryKey()
      .references(() => projects.id, { onDelete: 'cascade' }),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    computedAt: instant('computed_at').notNull().defaultNow(),
    /** The metric registry's values by code (MetricRow: numbers or null). */
    metrics: jsonb('metrics').notNull(),
    /** Strategic alignment 0–100 (src/core/strategy/objectives.ts); null without objectives. */
    alignment: doublePrecision('alignment'),
    /**
     * Capacity pressure by the people's department over the four weeks from `as_of`: per org unit
     * of the people allocated (`o`, null: none), the hours allocated to this project (`a`) and
     * their capacity net of approved absences, shared by their allocations (`c`).
     */
    capacity: jsonb('capacity'),
    /**
     * The project's row of the dashboard at refresh (dash.repository SnapshotCard): the metrics
     * shown, the names of its portfolio, programme, department and manager, its phase, its last
     * two counted weathers and its schedule dates — so the dashboard reads one join, no
     * aggregate. Null in snapshots written before it existed (until the next refresh).
     */
    card: jsonb('card'),
  },
  (t) => [
    index('dash_project_snapshots_computed_idx').on(t.computedAt),
    check(
      'dash_project_snapshots_alignment_check',
      sql`${t.alignment} is null or ${t.alignment} between 0 and 100`,
    ),
  ],
);
