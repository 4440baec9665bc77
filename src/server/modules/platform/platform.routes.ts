import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditList, AuditListQuery } from '../../../contracts/audit.ts';
import {
  LoginBody,
  MeResponse,
  PreferencesBody,
  SetupBody,
  SetupStatus,
} from '../../../contracts/auth.ts';
import { IdParams } from '../../../contracts/common.ts';
import {
  CreateUserBody,
  UpdateUserBody,
  User,
  UserList,
  UserListQuery,
} from '../../../contracts/users.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../../http/session.ts';
import { expectedVersion, withEtag } from '../../http/versioning.ts';
import { listAuditEvents } from './audit.service.ts';
import * as auth from './auth.service.ts';
import * as users from './users.service.ts';

export function platformRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['platform'];

  r.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, summary: 'Sign in', body: LoginBody, response: { 200: MeResponse } },
    },
    async (req, reply) => {
      const session = await auth.login(ctx, { ...req.body, ip: req.ip });
      setSessionCookie(req, reply, session.token, session.expiresAt);
      return { user: await users.getMe(ctx, auth.toActor(session.user)) };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Sign out', response: { 204: z.null() } },
    },
    async (req, reply) => {
      const token = sessionToken(req);
      if (token) await auth.logout(ctx, token, req.actor);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/auth/me',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: 'The signed-in user', response: { 200: MeResponse } },
    },
    async (req) => ({ user: await users.getMe(ctx, actorOf(req)) }),
  );

  r.patch(
    '/api/v1/auth/me/preferences',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Language and theme of the signed-in user',
        body: PreferencesBody,
        response: { 200: MeResponse },
      },
    },
    async (req) => ({ user: await users.setPreferences(ctx, actorOf(req), req.body) }),
  );

  r.get(
    '/api/v1/auth/setup',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Whether the first administrator must still be created',
        response: { 200: SetupStatus },
      },
    },
    async () => ({ needed: await auth.setupNeeded(ctx) }),
  );

  r.post(
    '/api/v1/auth/setup',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Create the first administrator from the one-time setup link',
        body: SetupBody,
        response: { 200: MeResponse },
      },
    },
    async (req, reply) => {
      const session = await auth.completeSetup(ctx, req.body);
      setSessionCookie(req, reply, session.token, session.expiresAt);
      return { user: await users.getMe(ctx, auth.toActor(session.user)) };
    },
  );

  r.get(
    '/api/v1/users',
    {
      config: { access: 'user.read' },
      schema: {
        tags,
        summary: 'List accounts',
        querystring: UserListQuery,
        response: { 200: UserList },
      },
    },
    async (req) => users.listUsers(ctx, req.query),
  );

  r.post(
    '/api/v1/users',
    {
      config: { access: 'user.manage' },
      schema: { tags, summary: 'Create an account', body: CreateUserBody, response: { 201: User } },
    },
    async (req, reply) => {
      const user = await users.createUser(ctx, actorOf(req), req.body);
      return reply.status(201).send(withEtag(reply, user));
    },
  );

  r.get(
    '/api/v1/users/:id',
    {
      config: { access: 'user.read' },
      schema: { tags, summary: 'One account', params: IdParams, response: { 200: User } },
    },
    async (req, reply) => withEtag(reply, await users.getUser(ctx, req.params.id)),
  );

  r.patch(
    '/api/v1/users/:id',
    {
      config: { access: 'user.manage' },
      schema: {
        tags,
        summary: 'Change an account (role, name, disabled)',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: User },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await users.updateUser(ctx, actorOf(req), req.params.id, expectedVersion(req), req.body),
      ),
  );

  r.get(
    '/api/v1/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags,
        summary: 'The audit log, newest first',
        querystring: AuditListQuery,
        response: { 200: AuditList },
      },
    },
    async (req) => listAuditEvents(ctx.db, req.query),
  );
}
