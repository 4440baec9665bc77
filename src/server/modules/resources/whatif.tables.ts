import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns } from '../../db/columns.ts';
import { people } from '../org/org.tables.ts';
import { resourceTeams } from './resources.tables.ts';

/**
 * Who belongs to a team, from when to when (a person may move between teams; the finish is
 * inclusive, open-ended when null). The person's current team is also kept on their resource
 * profile, which the heat map groups by.
 */
export const resourceTeamMembers = pgTable(
  'resource_team_members',
  {
    ...recordColumns(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => resourceTeams.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    start: date('start', { mode: 'string' }).notNull(),
    finish: date('finish', { mode: 'string' }),
  },
  (t) => [
    index('resource_team_members_team_idx').on(t.teamId, t.start),
    index('resource_team_members_person_idx').on(t.personId, t.start),
    uniqueIndex('resource_team_members_start_key').on(t.teamId, t.personId, t.start),
    check(
      'resource_team_members_dates_check',
      sql`${t.finish} is null or ${t.finish} >= ${t.start}`,
    ),
  ],
);
