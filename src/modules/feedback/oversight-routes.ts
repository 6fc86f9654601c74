import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import { evaluationRoutes } from './evaluation/index.ts';
import { hotTopicBoardRoutes } from './hot-topics-board/index.ts';

/** What leaders read and act on: the evaluation of their units and the hot-topics board. */
export async function feedbackOversightRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<Tables>; clock: Clock },
): Promise<void> {
  await evaluationRoutes(app, deps);
  await hotTopicBoardRoutes(app, deps);
}
