import type { GlobalRole } from './permissions.ts';

/** Who is acting: the signed-in user, as every service receives it. */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  role: GlobalRole;
  personId: string | null;
}

/** The user to record as author of a write: none when the system acts (a job, the demo seed). */
export function userIdOf(actor: Actor): string | null {
  return actor.userId === 'system' ? null : actor.userId;
}
