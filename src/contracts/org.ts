import { z } from 'zod';
import { Id, Instant, PageQuery, Ref, Text, pageOf } from './common.ts';

export const OrgUnit = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  parentId: Id.nullable(),
  headcount: z.number().int(),
  version: z.number().int(),
});
export type OrgUnit = z.infer<typeof OrgUnit>;
export const OrgUnitList = z.object({ items: z.array(OrgUnit) });

export const CreateOrgUnitBody = z.object({
  code: Text(20),
  name: Text(200),
  parentId: Id.nullable().optional(),
});
export const UpdateOrgUnitBody = CreateOrgUnitBody.partial();

export const Person = z.object({
  id: Id,
  firstName: z.string(),
  lastName: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  jobTitle: z.string().nullable(),
  orgUnit: Ref.nullable(),
  manager: Ref.nullable(),
  hasAccount: z.boolean(),
  createdAt: Instant,
  version: z.number().int(),
});
export type Person = z.infer<typeof Person>;
export const PersonList = pageOf(Person);

export const PersonListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  orgUnitId: Id.optional(),
});

export const CreatePersonBody = z.object({
  firstName: Text(100),
  lastName: Text(100),
  email: z.string().trim().toLowerCase().pipe(z.email()).nullable().optional(),
  jobTitle: z.string().trim().max(200).nullable().optional(),
  orgUnitId: Id.nullable().optional(),
  managerId: Id.nullable().optional(),
});
export const UpdatePersonBody = CreatePersonBody.partial();
