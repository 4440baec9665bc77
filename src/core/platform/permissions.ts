/**
 * Who may do what: global roles, project roles, and one table of permissions.
 * Every HTTP route names one permission from this list (or `public` / `authenticated`).
 */
export const GLOBAL_ROLES = [
  'admin',
  'pmo',
  'executive',
  'finance',
  'resource_manager',
  'member',
  'viewer',
] as const;
export type GlobalRole = (typeof GLOBAL_ROLES)[number];

export const PROJECT_ROLES = ['sponsor', 'project_manager', 'contributor', 'reader'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export const PERMISSIONS = [
  'portfolio.read',
  'portfolio.manage',
  'project.read',
  'project.create',
  'project.update',
  'project.archive',
  'project.members.manage',
  'org.read',
  'org.manage',
  'user.read',
  'user.manage',
  'audit.read',
  'time.approve',
  'time.manage',
  'time.lock',
  'time.report',
  'reporting.review',
  'kpi.manage',
  'risk.read',
  'risk.manage',
  'risk.configure',
  'change.approve',
  'strategy.read',
  'strategy.manage',
  'strategy.evaluate',
  'finance.read',
  'budget.edit',
  'finance.manage',
  'governance.manage',
  'gate.decide',
  'resource.read',
  'resource.manage',
  'copil.manage',
  'mail.configure',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What a global role grants across the whole organisation. */
const GLOBAL_GRANTS: Record<GlobalRole, readonly Permission[]> = {
  admin: PERMISSIONS,
  pmo: [
    'portfolio.read',
    'portfolio.manage',
    'project.read',
    'project.create',
    'project.update',
    'project.archive',
    'project.members.manage',
    'org.read',
    'org.manage',
    'user.read',
    'audit.read',
    'time.approve',
    'time.manage',
    'time.lock',
    'time.report',
    'reporting.review',
    'kpi.manage',
    'risk.read',
    'risk.manage',
    'risk.configure',
    'change.approve',
    'strategy.read',
    'strategy.manage',
    'strategy.evaluate',
    'finance.read',
    'budget.edit',
    'finance.manage',
    'governance.manage',
    'gate.decide',
    'resource.read',
    'resource.manage',
    'copil.manage',
  ],
  executive: [
    'portfolio.read',
    'project.read',
    'org.read',
    'user.read',
    'audit.read',
    'time.report',
    'risk.read',
    'strategy.read',
    'strategy.evaluate',
    'finance.read',
    'gate.decide',
    'resource.read',
  ],
  finance: [
    'portfolio.read',
    'project.read',
    'org.read',
    'user.read',
    'time.lock',
    'time.report',
    'risk.read',
    'strategy.read',
    'strategy.evaluate',
    'finance.read',
    'budget.edit',
    'finance.manage',
    'resource.read',
  ],
  resource_manager: [
    'portfolio.read',
    'project.read',
    'org.read',
    'org.manage',
    'user.read',
    'time.approve',
    'time.report',
    'risk.read',
    'resource.read',
    'resource.manage',
  ],
  member: ['portfolio.read', 'org.read'],
  viewer: ['portfolio.read', 'org.read'],
};

/** What a project role grants on that project (and nowhere else). */
const PROJECT_GRANTS: Record<ProjectRole, readonly Permission[]> = {
  sponsor: [
    'project.read',
    'project.update',
    'project.members.manage',
    'project.create',
    'risk.read',
    'risk.manage',
    'finance.read',
    'gate.decide',
    'change.approve',
  ],
  project_manager: [
    'project.read',
    'project.update',
    'project.members.manage',
    'project.create',
    'risk.read',
    'risk.manage',
    'finance.read',
    'budget.edit',
  ],
  contributor: ['project.read', 'risk.read', 'risk.manage'],
  reader: ['project.read', 'risk.read'],
};

/** Permissions that a read-only global role never gets, whatever its project roles say. */
const WRITE_PERMISSIONS: ReadonlySet<Permission> = new Set([
  'portfolio.manage',
  'project.create',
  'project.update',
  'project.archive',
  'project.members.manage',
  'org.manage',
  'user.manage',
  'time.approve',
  'time.manage',
  'time.lock',
  'reporting.review',
  'kpi.manage',
  'risk.manage',
  'risk.configure',
  'change.approve',
  'strategy.manage',
  'strategy.evaluate',
  'budget.edit',
  'finance.manage',
  'governance.manage',
  'gate.decide',
  'resource.manage',
  'copil.manage',
  'mail.configure',
]);

/** True when the global role alone grants the permission everywhere. */
export function roleGrants(role: GlobalRole, permission: Permission): boolean {
  return GLOBAL_GRANTS[role].includes(permission);
}

/** True when the global role sees every project (not only those the user is a member of). */
export function seesAllProjects(role: GlobalRole): boolean {
  return roleGrants(role, 'project.read');
}

/**
 * True when a user with this global role and these roles on one project may do `permission`
 * on that project. `viewer` accounts stay read-only whatever their project roles.
 */
export function projectGrants(
  role: GlobalRole,
  projectRoles: readonly ProjectRole[],
  permission: Permission,
): boolean {
  if (roleGrants(role, permission)) return true;
  if (role === 'viewer' && WRITE_PERMISSIONS.has(permission)) return false;
  return projectRoles.some((r) => PROJECT_GRANTS[r].includes(permission));
}

/** True when some project role could grant the permission, so a route must check per object. */
export function isProjectScoped(permission: Permission): boolean {
  return PROJECT_ROLES.some((r) => PROJECT_GRANTS[r].includes(permission));
}
