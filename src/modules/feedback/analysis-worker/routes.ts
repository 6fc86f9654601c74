import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import type { AccessActor } from '../../identity/index.ts';
import { acknowledge, getAlertDetail, listAlerts } from './board.ts';
import { AlertDetail, AlertListQuery, AlertParams, AlertSummary } from './schemas.ts';
import { WATCH_HOT_TOPICS } from './worker.ts';

/** The hot-topics board: alerts within the reader's area, one alert's evidence, acknowledging it. */
export async function hotTopicRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<Tables>; clock: Clock },
): Promise<void> {
  const { db } = deps;
  const access = { permission: WATCH_HOT_TOPICS };

  app.get<{ Querystring: { state?: 'active' | 'ended'; limit?: number } }>(
    '/api/feedback/hot-topics',
    {
      config: { access },
      schema: {
        tags: ['feedback'],
        summary: 'Hot-topic alerts your area answers for, newest first',
        querystring: AlertListQuery,
        response: { 200: Type.Array(AlertSummary) },
      },
    },
    async (request) => listAlerts(db, request.actor as AccessActor, request.query),
  );

  app.get<{ Params: { id: string } }>(
    '/api/feedback/hot-topics/:id',
    {
      config: { access },
      schema: {
        tags: ['feedback'],
        summary: 'One alert: its trend, keywords, extent and sample requests',
        params: AlertParams,
        response: { 200: AlertDetail },
      },
    },
    async (request) => getAlertDetail(db, request.actor as AccessActor, request.params.id),
  );

  app.post<{ Params: { id: string } }>(
    '/api/feedback/hot-topics/:id/acknowledge',
    {
      config: { access },
      schema: {
        tags: ['feedback'],
        summary: 'Record that you have seen the alert and taken it up',
        params: AlertParams,
        response: { 200: AlertDetail },
      },
    },
    async (request) => {
      const actor = request.actor as AccessActor;
      await acknowledge(deps, actor, request.params.id, request.id);
      return getAlertDetail(db, actor, request.params.id);
    },
  );
}
