import type { GlobalRole } from './permissions.ts';

/** Who is acting: the signed-in user, as every service receives it. */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  role: GlobalRole;
  personId: string | null;
}
