import { z } from 'zod';
import { GLOBAL_ROLES, PERMISSIONS } from '../core/platform/permissions.ts';
import { Id, Instant } from './common.ts';

export const Locale = z.enum(['fr', 'en']);
export type Locale = z.infer<typeof Locale>;
export const Theme = z.enum(['light', 'dark', 'auto']);
export const GlobalRole = z.enum(GLOBAL_ROLES);
export const PermissionName = z.enum(PERMISSIONS);

export const LoginBody = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(1000),
});

/** The signed-in user, as the web app needs it. */
export const Me = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  role: GlobalRole,
  personId: Id.nullable(),
  locale: Locale.nullable(),
  theme: Theme,
  permissions: z.array(PermissionName),
});
export type Me = z.infer<typeof Me>;

export const MeResponse = z.object({ user: Me });

export const PreferencesBody = z
  .object({ locale: Locale.optional(), theme: Theme.optional() })
  .refine((b) => b.locale !== undefined || b.theme !== undefined, 'Nothing to change');

export const SetupStatus = z.object({ needed: z.boolean() });

export const SetupBody = z.object({
  token: z.string().min(10).max(200),
  email: z.string().trim().toLowerCase().pipe(z.email()),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(12).max(1000),
});

export const SessionInfo = z.object({ expiresAt: Instant });
