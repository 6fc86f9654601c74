import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import type { AccessActor } from '../../identity/index.ts';
import { OverdueCases, PeriodQuery, Volumes } from './schemas.ts';
import { getVolumes, listOverdueCases, READ_SUPERVISION } from './service.ts';

export type SupervisionRouteDeps = { db: Kysely<Tables>; clock: Clock };

const actorOf = (request: FastifyRequest) => request.actor as AccessActor;
const tags = ['services'];
const access = { permission: READ_SUPERVISION };

/** Supervisors' figures over their division subtree. */
export async function supervisionRoutes(app: FastifyInstance, deps: SupervisionRouteDeps): Promise<void> {
  app.get(
    '/api/services/supervision/overdue',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Cases in your area past their statutory limit, most overdue first',
        response: { 200: OverdueCases },
      },
    },
    async (request) => listOverdueCases(deps.db, deps.clock, actorOf(request)),
  );

  app.get<{ Querystring: PeriodQuery }>(
    '/api/services/supervision/volumes',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Per department for a period: received, decided, approved, rejected, in progress, on-time rate, visits',
        querystring: PeriodQuery,
        response: { 200: Volumes },
      },
    },
    async (request) => getVolumes(deps.db, actorOf(request), request.query),
  );
}
