import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IdempotencyHeaders } from '../../../platform/idempotency/index.ts';
import type { AccessActor } from '../../identity/index.ts';
import { MANAGE_CATALOGUE } from '../catalogue/index.ts';
import {
  Bundle,
  BundleCase,
  BundleDivisionParams,
  BundleInput,
  BundleParams,
  BundleQuery,
  CaseInput,
  CaseParams,
} from './schemas.ts';
import { type BundleDeps, defineBundle, getBundle, getMyBundleCase, submitBundleCase } from './service.ts';

export type BundleRouteDeps = BundleDeps;

const actorOf = (request: FastifyRequest) => request.actor as AccessActor;
const tags = ['services'];

/** Bundles: definitions (catalogue editors), the public definition, submission and the case's status. */
export async function bundleRoutes(app: FastifyInstance, deps: BundleRouteDeps): Promise<void> {
  app.put<{ Params: { code: string; divisionCode: string }; Body: BundleInput }>(
    '/api/services/catalogue/bundles/:code/:divisionCode',
    {
      config: { access: { permission: MANAGE_CATALOGUE } },
      schema: {
        tags,
        summary: 'Define (or redefine) a "one thing, one go" bundle for a division',
        params: BundleDivisionParams,
        body: BundleInput,
        response: { 200: Bundle },
      },
    },
    async (request) =>
      defineBundle(
        deps.db,
        deps.clock,
        actorOf(request),
        request.params.code,
        request.params.divisionCode,
        request.body,
      ),
  );

  app.get<{ Params: { code: string }; Querystring: { divisionCode: string } }>(
    '/api/services/bundles/:code',
    {
      // Deliberately public, like the guides: what a bundle asks and which items it makes.
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The bundle serving a division: its member items and merged form',
        params: BundleParams,
        querystring: BundleQuery,
        response: { 200: Bundle },
      },
    },
    async (request) => getBundle(deps.db, request.params.code, request.query.divisionCode),
  );

  app.post<{ Params: { code: string }; Body: CaseInput; Headers: { 'idempotency-key'?: string } }>(
    '/api/services/bundles/:code/cases',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary:
          'Submit a bundle once: one case number, one application per member item (send an Idempotency-Key)',
        params: BundleParams,
        headers: IdempotencyHeaders,
        body: CaseInput,
        response: { 201: BundleCase },
      },
    },
    async (request, reply) => {
      const outcome = await submitBundleCase(
        deps,
        actorOf(request),
        request.params.code,
        request.body,
        request.headers['idempotency-key'],
      );
      if (outcome.isReplay) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(outcome.result);
    },
  );

  app.get<{ Params: { number: string } }>(
    '/api/services/bundle-cases/:number',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Your bundle case: one status over its members’ own',
        params: CaseParams,
        response: { 200: BundleCase },
      },
    },
    async (request) => getMyBundleCase(deps, actorOf(request), request.params.number),
  );
}
