import type { CreateProjectBody } from '../../src/contracts/portfolio.ts';
import { createOrgUnit, createPerson } from '../../src/server/modules/org/org.service.ts';
import {
  addMember,
  createPortfolio,
  createProgram,
  createProject,
} from '../../src/server/modules/portfolio/portfolio.service.ts';
import { SYSTEM_ACTOR } from '../../src/server/seed/demo.ts';
import type { ProjectRole } from '../../src/core/platform/permissions.ts';
import { type TestApp, uniq } from './app.ts';

export async function buildOrgUnit(
  t: TestApp,
  overrides: { name?: string; parentId?: string | null } = {},
) {
  const code = `OU${uniq()}`;
  return createOrgUnit(t.ctx, SYSTEM_ACTOR, {
    code,
    name: overrides.name ?? `Unité ${code}`,
    parentId: overrides.parentId ?? null,
  });
}

export async function buildPerson(
  t: TestApp,
  overrides: { firstName?: string; lastName?: string; orgUnitId?: string | null } = {},
) {
  const u = uniq();
  return createPerson(t.ctx, SYSTEM_ACTOR, {
    firstName: overrides.firstName ?? 'Camille',
    lastName: overrides.lastName ?? `Test${u}`,
    email: `p${u.toLowerCase()}@exemple.test`,
    orgUnitId: overrides.orgUnitId ?? null,
  });
}

export async function buildPortfolio(t: TestApp, overrides: { name?: string } = {}) {
  const code = `PF-${uniq()}`;
  return createPortfolio(t.ctx, SYSTEM_ACTOR, {
    code,
    name: overrides.name ?? `Portefeuille ${code}`,
    description: '',
  });
}

export async function buildProgram(
  t: TestApp,
  portfolioId: string,
  overrides: { name?: string } = {},
) {
  const code = `PG-${uniq()}`;
  return createProgram(t.ctx, SYSTEM_ACTOR, {
    code,
    name: overrides.name ?? `Programme ${code}`,
    description: '',
    portfolioId,
  });
}

export async function buildProject(
  t: TestApp,
  portfolioId: string,
  overrides: Partial<CreateProjectBody> = {},
) {
  const code = overrides.code ?? `PRJ-${uniq()}`;
  return createProject(t.ctx, SYSTEM_ACTOR, {
    code,
    name: `Projet ${code}`,
    description: '',
    portfolioId,
    status: 'active',
    priority: 'medium',
    tags: [],
    customFields: {},
    ...overrides,
  });
}

export async function buildMember(
  t: TestApp,
  projectId: string,
  personId: string,
  role: ProjectRole,
) {
  return addMember(t.ctx, SYSTEM_ACTOR, projectId, { personId, role });
}
