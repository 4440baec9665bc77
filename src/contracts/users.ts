import { z } from 'zod';
import { GlobalRole, Locale } from './auth.ts';
import { Id, Instant, PageQuery, pageOf } from './common.ts';

export const User = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  role: GlobalRole,
  personId: Id.nullable(),
  locale: Locale.nullable(),
  disabled: z.boolean(),
  lastLoginAt: Instant.nullable(),
  createdAt: Instant,
  version: z.number().int(),
});
export type User = z.infer<typeof User>;

export const UserList = pageOf(User);

export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  role: GlobalRole.optional(),
});

export const CreateUserBody = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  name: z.string().trim().min(1).max(200),
  role: GlobalRole,
  password: z.string().min(12).max(1000),
  personId: Id.nullable().optional(),
});

export const UpdateUserBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  role: GlobalRole.optional(),
  disabled: z.boolean().optional(),
  personId: Id.nullable().optional(),
});
