import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';
import {
  Division,
  DivisionChildren,
  DivisionParams,
  DivisionSearchQuery,
  DivisionSearchResults,
} from './schemas.ts';
import { findDivisionsByName, getChildren, getDivision } from './service.ts';
import { ROOT_CODE } from './source.ts';

/** Division codes and names are public reference data, published by the statistics bureau. */
export async function divisionRoutes(app: FastifyInstance, deps: { db: Kysely<Tables> }): Promise<void> {
  const tags = ['identity'];
  app.get<{ Params: { code: string } }>(
    '/api/divisions/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A division with its ancestors',
        params: DivisionParams,
        response: { 200: Division },
      },
    },
    async (request) => getDivision(deps.db, request.params.code),
  );
  app.get<{ Params: { code: string } }>(
    '/api/divisions/:code/children',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The divisions directly below one (0 for the provinces)',
        params: DivisionParams,
        response: { 200: DivisionChildren },
      },
    },
    async (request) => getChildren(deps.db, request.params.code),
  );
  app.get<{ Querystring: { q: string; within?: string; limit?: number } }>(
    '/api/divisions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Find divisions by name, optionally within a subtree',
        querystring: DivisionSearchQuery,
        response: { 200: DivisionSearchResults },
      },
    },
    async (request) =>
      findDivisionsByName(
        deps.db,
        request.query.q,
        request.query.within ?? ROOT_CODE,
        request.query.limit ?? 20,
      ),
  );
}
