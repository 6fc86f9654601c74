import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import type { AccessActor } from '../../identity/index.ts';
import { acknowledgeHotTopicAlert, listHotTopicAlerts } from './board.ts';
import { WATCH_HOT_TOPICS } from './recompute.ts';
import { Alert, AlertList, AlertListQuery, AlertParams } from './schemas.ts';

export async function hotTopicBoardRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<Tables>; clock: Clock },
): Promise<void> {
  const { db, clock } = deps;

  app.get<{ Querystring: AlertListQuery }>(
    '/api/feedback/hot-topics/alerts',
    {
      config: { access: { permission: WATCH_HOT_TOPICS } },
      schema: {
        tags: ['feedback'],
        summary: 'Hot-topic alerts for which your area is responsible, newest first',
        querystring: AlertListQuery,
        response: { 200: AlertList },
      },
    },
    async (request) => listHotTopicAlerts(db, request.actor as AccessActor, request.query),
  );

  app.post<{ Params: AlertParams }>(
    '/api/feedback/hot-topics/alerts/:id/acknowledgement',
    {
      config: { access: { permission: WATCH_HOT_TOPICS } },
      schema: {
        tags: ['feedback'],
        summary: 'Acknowledge a hot-topic alert of your area',
        params: AlertParams,
        response: { 200: Alert },
      },
    },
    async (request) =>
      acknowledgeHotTopicAlert(db, clock, request.actor as AccessActor, request.params.id, request.id),
  );
}
