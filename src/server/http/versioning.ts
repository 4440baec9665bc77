import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';

/** Sets the ETag of a record from its version. */
export function withEtag<T extends { version: number }>(reply: FastifyReply, record: T): T {
  reply.header('etag', `"${record.version}"`);
  return record;
}

/** The version a write was based on, from `If-Match`; writes without one are refused. */
export function expectedVersion(req: FastifyRequest): number {
  const raw = req.headers['if-match'];
  if (!raw) {
    throw new DomainError(
      'PRECONDITION_REQUIRED',
      'This write needs an If-Match header with the version you last read',
    );
  }
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(raw.trim());
  if (!m) throw new DomainError('PRECONDITION_REQUIRED', `If-Match "${raw}" is not a version`);
  return Number(m[1]);
}
