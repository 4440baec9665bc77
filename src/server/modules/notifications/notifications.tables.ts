import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../../db/columns.ts';
import { users } from '../platform/platform.tables.ts';

/**
 * In-app notifications of a user. `kind` and `data` are worded by the web app; `dedupeKey`
 * (optional) makes a notification idempotent per user, so a recurring job never repeats one.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    entityType: text('entity_type'),
    entityId: uuid('entity_id'),
    data: jsonb('data').notNull().default({}),
    dedupeKey: text('dedupe_key'),
    createdAt: instant('created_at').notNull().defaultNow(),
    readAt: instant('read_at'),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt.desc()),
    uniqueIndex('notifications_dedupe_key').on(t.userId, t.dedupeKey),
  ],
);
