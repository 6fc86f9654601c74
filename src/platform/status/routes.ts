import type { FastifyInstance } from 'fastify';
import { Health, Readiness } from './schemas.ts';
import { checkHealth, type StatusDeps } from './service.ts';

export type StatusRouteDeps = StatusDeps & { isShuttingDown(): boolean };

export async function statusRoutes(app: FastifyInstance, deps: StatusRouteDeps): Promise<void> {
  app.get(
    '/api/health',
    {
      config: { access: 'public', rateLimit: false },
      schema: {
        tags: ['platform'],
        summary: 'Platform health: database reachable, migrations current, version',
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const health = await checkHealth(deps);
      return reply.status(health.status === 'ok' ? 200 : 503).send(health);
    },
  );

  app.get(
    '/api/ready',
    {
      config: { access: 'public', rateLimit: false },
      schema: {
        tags: ['platform'],
        summary: 'Readiness for traffic: 503 while starting up, shutting down, or without its database',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      if (deps.isShuttingDown()) return reply.status(503).send({ isReady: false, reason: 'shutting down' });
      const health = await checkHealth(deps);
      if (!health.database.reachable)
        return reply.status(503).send({ isReady: false, reason: 'database unreachable' });
      if (!health.migrations.isCurrent)
        return reply.status(503).send({ isReady: false, reason: 'migrations pending' });
      return { isReady: true };
    },
  );
}
