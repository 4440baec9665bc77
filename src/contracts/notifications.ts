import { z } from 'zod';
import { Id, Instant } from './common.ts';

/**
 * In-app notifications. The server sends a `kind` and data, never sentences: the web app
 * words each kind (`notifications.kinds.<kind>`) with the data as interpolation values.
 */
export const Notification = z.object({
  id: Id,
  kind: z.string(),
  entity: z.object({ type: z.string(), id: Id.nullable() }).nullable(),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  createdAt: Instant,
  readAt: Instant.nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationList = z.object({
  items: z.array(Notification),
  unread: z.number().int(),
});
export const NotificationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** Marks the listed notifications read, or all of them when `ids` is absent. */
export const MarkReadBody = z.object({ ids: z.array(Id).max(500).optional() });
export const MarkReadResult = z.object({ unread: z.number().int() });
