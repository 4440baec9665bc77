import { createHash, randomBytes } from 'node:crypto';
import { fromEpochDay, toEpochDay } from '../../../core/calendar/days.ts';
import { DomainError } from '../../../core/errors.ts';
import type { Actor } from '../../../core/platform/actor.ts';
import type { Ctx } from '../../context.ts';
import { getUser } from '../platform/users.service.ts';
import * as repo from './planning.repository.ts';
import { visibleProjects } from './planning.service.ts';

// The per-user iCalendar feed: a long random token in the URL (only its SHA-256 is stored),
// rendered on each request from the persisted schedule of the projects its owner may see now.

/** Feeds stop at this many events, so that a huge portfolio cannot stall a calendar client. */
const MAX_EVENTS = 20_000;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export async function getFeed(ctx: Ctx, actor: Actor) {
  const feed = await repo.findFeedByUser(ctx.db, actor.userId);
  return { url: null, createdAt: feed ? feed.createdAt.toISOString() : null };
}

/** Creates or regenerates the feed; the URL (with its token) is shown this once. */
export async function createFeed(ctx: Ctx, actor: Actor, origin: string) {
  const token = randomBytes(32).toString('base64url');
  const feed = await repo.upsertFeed(ctx.db, actor.userId, hashOf(token));
  return { url: `${origin}/api/v1/ical/${token}`, createdAt: feed.createdAt.toISOString() };
}

export async function revokeFeed(ctx: Ctx, actor: Actor) {
  await repo.deleteFeed(ctx.db, actor.userId);
}

const notFound = () => new DomainError('NOT_FOUND', 'No such calendar feed');

/** The feed of a token, RFC 5545, or NOT_FOUND for an unknown or revoked token or a disabled account. */
export async function renderFeed(ctx: Ctx, token: string): Promise<string> {
  const feed = await repo.findFeedByHash(ctx.db, hashOf(token));
  if (!feed) throw notFound();
  const user = await getUser(ctx, feed.userId).catch(() => null);
  if (!user || user.disabled) throw notFound();
  const actor: Actor = {
    userId: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    personId: user.personId,
  };
  const projects = await visibleProjects(ctx, actor, {});
  const byId = new Map(projects.map((p) => [p.id, p]));
  const tasks = await repo.tasksOfProjects(
    ctx.db,
    projects.map((p) => p.id),
    'all',
  );
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Jalon//Planning//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:Jalon',
  ];
  let count = 0;
  for (const t of tasks) {
    if (t.is_summary || !t.start || !t.finish) continue;
    if (++count > MAX_EVENTS) break;
    const p = byId.get(t.project_id)!;
    const milestone = t.duration === 0;
    const updated = t.updated_at instanceof Date ? t.updated_at : new Date(t.updated_at);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${t.id}@jalon`,
      `DTSTAMP:${stamp(updated)}`,
      `DTSTART;VALUE=DATE:${compact(t.start)}`,
      // All-day events end the day after their last day (DTEND is exclusive).
      `DTEND;VALUE=DATE:${compact(fromEpochDay(toEpochDay(milestone ? t.start : t.finish) + 1))}`,
      `SUMMARY:${escapeText(`${milestone ? '◆ ' : ''}[${p.code}] ${t.name}`)}`,
      `DESCRIPTION:${escapeText(`${p.name} — ${t.wbs}${t.notes ? `\n${t.notes}` : ''}`)}`,
      `CATEGORIES:${milestone ? 'Jalon' : 'Tâche'}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

const compact = (date: string) => date.replaceAll('-', '');

function stamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
}

/** RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 sequence. */
export function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    // Step back to the start of a UTF-8 character.
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74; // continuation lines start with a space
  }
  return parts.join('\r\n ');
}
