import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  GLOBAL_ROLES,
  PERMISSIONS,
  PROJECT_ROLES,
  isProjectScoped,
  projectGrants,
  roleGrants,
  seesAllProjects,
} from './permissions.ts';

describe('permissions', () => {
  it.each([
    ['admin', 'user.manage', true],
    ['pmo', 'portfolio.manage', true],
    ['pmo', 'user.manage', false],
    ['executive', 'audit.read', true],
    ['executive', 'project.update', false],
    ['finance', 'project.read', true],
    ['resource_manager', 'org.manage', true],
    ['member', 'project.read', false],
    ['viewer', 'org.manage', false],
  ] as const)('%s may %s: %s', (role, permission, expected) => {
    expect(roleGrants(role, permission)).toBe(expected);
  });

  it('lets members see only through their project roles', () => {
    expect(seesAllProjects('member')).toBe(false);
    expect(seesAllProjects('viewer')).toBe(false);
    expect(projectGrants('member', [], 'project.read')).toBe(false);
    expect(projectGrants('member', ['reader'], 'project.read')).toBe(true);
    expect(projectGrants('member', ['contributor'], 'project.update')).toBe(false);
    expect(projectGrants('member', ['project_manager'], 'project.update')).toBe(true);
    expect(projectGrants('member', ['project_manager'], 'project.archive')).toBe(false);
  });

  it('keeps viewers read-only whatever their project roles', () => {
    fc.assert(
      fc.property(
        fc.subarray([...PROJECT_ROLES]),
        fc.constantFrom(...PERMISSIONS),
        (roles, permission) => {
          if (projectGrants('viewer', roles, permission)) {
            expect(permission.endsWith('.read')).toBe(true);
          }
        },
      ),
    );
  });

  it('never takes away with a project role what the global role grants', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...GLOBAL_ROLES),
        fc.subarray([...PROJECT_ROLES]),
        fc.constantFrom(...PERMISSIONS),
        (role, roles, permission) => {
          if (roleGrants(role, permission))
            expect(projectGrants(role, roles, permission)).toBe(true);
        },
      ),
    );
  });

  it('marks as project-scoped exactly the permissions a project role can grant', () => {
    expect(PERMISSIONS.filter(isProjectScoped)).toEqual([
      'project.read',
      'project.create',
      'project.update',
      'project.members.manage',
      'risk.read',
      'risk.manage',
      'change.approve',
      'finance.read',
      'budget.edit',
      'gate.decide',
    ]);
  });
});
