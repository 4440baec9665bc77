import { z } from 'zod';
import { ERROR_CODES } from '../core/errors.ts';

/** A UUID as used by every id of the API. */
export const Id = z.uuid();

/** A business date, `YYYY-MM-DD`. */
export const IsoDate = z.iso.date();

/** An instant, ISO 8601 UTC. */
export const Instant = z.iso.datetime({ offset: true });

/** The body of every error response. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Keyset pagination parameters: `limit` (1–200, default 50) and an opaque `cursor`. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

/** A page of a list: the items, and the cursor of the next page (null on the last one). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A short reference to another record, for display. */
export const Ref = z.object({ id: Id, name: z.string() });
export type Ref = z.infer<typeof Ref>;

export const IdParams = z.object({ id: Id });

/** The `If-Match` header PATCH, PUT and DELETE need: the version the client last saw. */
export const IfMatchHeaders = z.object({ 'if-match': z.string().optional() });

/** A trimmed, non-empty line of text. */
export const Text = (max: number) => z.string().trim().min(1).max(max);

/** A boolean query parameter: `true`/`false`/`1`/`0`. */
export const QueryBool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');
