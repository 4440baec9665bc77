import type { GlobalRole } from '../../../src/core/platform/permissions.ts';
import { uniq } from '../../helpers/app.ts';

/*
 * What the authorization matrix (`../authz-matrix.test.ts`) is made of. Each module adds its rows
 * in `./<module>.rows.ts` (a default export `Record<route, Rule>`), picked up automatically.
 */
export type Caller =
  | 'anonymous'
  | GlobalRole
  | 'member+project_manager'
  | 'member+contributor'
  | 'viewer+project_manager';

export const ALL: Caller[] = [
  'anonymous',
  'admin',
  'pmo',
  'executive',
  'finance',
  'resource_manager',
  'member',
  'viewer',
  'member+project_manager',
  'member+contributor',
  'viewer+project_manager',
];
export const SIGNED_IN = ALL.filter((c) => c !== 'anonymous');
export const READ_ALL: Caller[] = ['admin', 'pmo', 'executive', 'finance', 'resource_manager'];
export const PROJECT_READERS: Caller[] = [
  ...READ_ALL,
  'member+project_manager',
  'member+contributor',
  'viewer+project_manager',
];
export const PROJECT_EDITORS: Caller[] = ['admin', 'pmo', 'member+project_manager'];

export interface Fixture {
  projectId: string;
  portfolioId: string;
  programId: string;
  orgUnitId: string;
  personId: string;
  userId: string;
}

export interface Rule {
  allow: Caller[];
  body?: (f: Fixture) => unknown;
  /** Sent with If-Match "999": an allowed caller gets past authorization and is stopped by the stale version. */
  stale?: boolean;
  /** Called without the session cookie (logging out would end the session the other rows use). */
  withoutSession?: boolean;
  /** Values for path parameters, e.g. `{ riskId: … }` (default: the fixture's ids, else NIL). */
  params?: (f: Fixture) => Record<string, string>;
  /** A query string the route needs to get past validation. */
  query?: string;
}

export const newCode = () => `PRJ-${uniq()}`;
export const NIL = '00000000-0000-4000-8000-000000000000';
