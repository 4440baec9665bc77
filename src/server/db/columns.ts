import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Columns every editable record carries: id, optimistic-lock version, timestamps. */
export const recordColumns = () => ({
  id: uuid('id').primaryKey().defaultRandom(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
