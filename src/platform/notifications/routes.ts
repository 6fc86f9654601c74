import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  getOutboxSummary,
  type InboxDeps,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from './inbox.ts';
import {
  InboxItem,
  InboxPage,
  InboxQuery,
  NotificationParams,
  OutboxSummary,
  ReadAllResult,
} from './schemas.ts';

export const READ_OUTBOX = 'platform.notifications.read';

export type NotificationRouteDeps = InboxDeps & { isEmailConfigured: boolean };

// Signed-in routes always have an actor: the access hook refused the request otherwise.
const accountOf = (request: FastifyRequest) => request.actor!.id;

export async function notificationRoutes(app: FastifyInstance, deps: NotificationRouteDeps): Promise<void> {
  app.get<{ Querystring: InboxQuery }>(
    '/api/notifications',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['platform'],
        summary: 'My notifications, newest first, with the number unread',
        querystring: InboxQuery,
        response: { 200: InboxPage },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return listNotifications(deps, accountOf(request), request.query);
    },
  );
  app.post<{ Params: { id: string } }>(
    '/api/notifications/:id/read',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['platform'],
        summary: 'Mark one of my notifications read',
        params: NotificationParams,
        response: { 200: InboxItem },
      },
    },
    async (request) => markNotificationRead(deps, accountOf(request), request.params.id),
  );
  app.post(
    '/api/notifications/read-all',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['platform'],
        summary: 'Mark all my notifications read',
        response: { 200: ReadAllResult },
      },
    },
    async (request) => markAllNotificationsRead(deps, accountOf(request)),
  );
  app.get(
    '/api/notifications/outbox',
    {
      config: { access: { permission: READ_OUTBOX } },
      schema: {
        tags: ['platform'],
        summary: 'The e-mail outbox: how many wait, failed or were skipped, and the latest errors',
        response: { 200: OutboxSummary },
      },
    },
    async () => getOutboxSummary(deps.db, deps.isEmailConfigured),
  );
}
