import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  MarkReadBody,
  MarkReadResult,
  NotificationList,
  NotificationListQuery,
} from '../../../contracts/notifications.ts';
import type { Ctx } from '../../context.ts';
import { actorOf } from '../../http/access.ts';
import * as svc from './notifications.service.ts';

export function notificationRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];
  r.get(
    '/api/v1/me/notifications',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'My latest notifications and the unread count',
        querystring: NotificationListQuery,
        response: { 200: NotificationList },
      },
    },
    async (req) => svc.listMyNotifications(ctx, actorOf(req), req.query.limit),
  );
  r.post(
    '/api/v1/me/notifications/read',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Mark some or all of my notifications read',
        body: MarkReadBody,
        response: { 200: MarkReadResult },
      },
    },
    async (req) => svc.markRead(ctx, actorOf(req), req.body.ids),
  );
}
