import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import type { Actor } from '../../core/platform/actor.ts';
import {
  PERMISSIONS,
  type Permission,
  isProjectScoped,
  roleGrants,
} from '../../core/platform/permissions.ts';

/**
 * What every route declares in `config.access`: `public` (no session), `authenticated` (any
 * signed-in user), or a permission. Project-scoped permissions are checked again per object
 * by the service.
 */
export type Access = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const ACCESS_VALUES: ReadonlySet<string> = new Set(['public', 'authenticated', ...PERMISSIONS]);

/** The signed-in actor of a request whose route is not public. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  return req.actor;
}

/** Refuses to start when a route forgets to declare who may call it. */
export function requireAccessDeclarations(
  app: FastifyInstance,
  isExempt: (url: string) => boolean,
) {
  app.addHook('onRoute', (route) => {
    if (isExempt(route.url)) return;
    const access = (route.config as { access?: unknown } | undefined)?.access;
    if (typeof access !== 'string' || !ACCESS_VALUES.has(access)) {
      throw new Error(
        `Route ${String(route.method)} ${route.url} declares no valid config.access; every route must say who may call it`,
      );
    }
  });
}

/** The access check every request passes before its handler runs. */
export function checkAccess(
  resolveActor: (req: FastifyRequest, reply: FastifyReply) => Promise<Actor | null>,
) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const access = req.routeOptions.config.access;
    req.actor = null;
    if (access === undefined || access === 'public') {
      req.actor = await resolveActor(req, reply).catch(() => null);
      return;
    }
    const actor = await resolveActor(req, reply);
    if (!actor) throw new DomainError('UNAUTHENTICATED', 'Sign in first');
    req.actor = actor;
    if (access === 'authenticated' || isProjectScoped(access)) return;
    if (!roleGrants(actor.role, access)) {
      throw new DomainError('FORBIDDEN', `Your role may not ${access}`, { permission: access });
    }
  };
}
