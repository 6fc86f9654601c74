import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import type { AccessActor } from '../../identity/index.ts';
import {
  AreaQuery,
  Ranking,
  RankingQuery,
  Recurring,
  RecurringQuery,
  Scheme,
  SchemeBody,
  SchemeList,
  SchemeParams,
  Trend,
  TrendQuery,
} from './schemas.ts';
import {
  areaTrend,
  CONFIGURE_EVALUATION,
  listSchemes,
  READ_EVALUATION,
  rankUnits,
  recurringProblems,
  setScheme,
} from './service.ts';

export type EvaluationRouteDeps = { db: Kysely<Tables>; clock: Clock };

export async function evaluationRoutes(app: FastifyInstance, deps: EvaluationRouteDeps): Promise<void> {
  const { db, clock } = deps;

  app.put<{ Params: SchemeParams; Body: SchemeBody }>(
    '/api/feedback/evaluation/schemes/:divisionCode/:unitClass',
    {
      config: { access: { permission: CONFIGURE_EVALUATION } },
      schema: {
        tags: ['feedback'],
        summary: 'Set how this division evaluates one class of its units (definitions, exclusions, weights)',
        params: SchemeParams,
        body: SchemeBody,
        response: { 200: Scheme },
      },
    },
    async (request) =>
      setScheme(db, clock, request.actor as AccessActor, request.params, request.body, request.id),
  );

  app.get<{ Querystring: AreaQuery }>(
    '/api/feedback/evaluation/schemes',
    {
      config: { access: { permission: READ_EVALUATION } },
      schema: {
        tags: ['feedback'],
        summary: 'The evaluation schemes that apply in an area and those its parts set',
        querystring: AreaQuery,
        response: { 200: SchemeList },
      },
    },
    async (request) => listSchemes(db, request.actor as AccessActor, request.query.divisionCode),
  );

  app.get<{ Querystring: RankingQuery }>(
    '/api/feedback/evaluation/rankings',
    {
      config: { access: { permission: READ_EVALUATION } },
      schema: {
        tags: ['feedback'],
        summary:
          "A month's rates and ranking of an area's townships, districts or departments, with the change since the month before",
        querystring: RankingQuery,
        response: { 200: Ranking },
      },
    },
    async (request) => rankUnits(db, clock, request.actor as AccessActor, request.query),
  );

  app.get<{ Querystring: TrendQuery }>(
    '/api/feedback/evaluation/trend',
    {
      config: { access: { permission: READ_EVALUATION } },
      schema: {
        tags: ['feedback'],
        summary: "An area's rates month by month",
        querystring: TrendQuery,
        response: { 200: Trend },
      },
    },
    async (request) => areaTrend(db, clock, request.actor as AccessActor, request.query),
  );

  app.get<{ Querystring: RecurringQuery }>(
    '/api/feedback/evaluation/recurring',
    {
      config: { access: { permission: READ_EVALUATION } },
      schema: {
        tags: ['feedback'],
        summary: 'Places where one category keeps coming back',
        querystring: RecurringQuery,
        response: { 200: Recurring },
      },
    },
    async (request) => recurringProblems(db, clock, request.actor as AccessActor, request.query),
  );
}
