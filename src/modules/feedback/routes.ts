import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Authenticate } from '../../platform/http/index.ts';
import type { AccessActor } from '../identity/index.ts';
import { viewRequestDetail } from './detail.ts';
import { feedbackErrors } from './errors.ts';
import { answerTransfer, changeStatus, offerTransfer, type TransferAnswer } from './handling.ts';
import { handlingRoutes } from './handling-routes.ts';
import { QueuePage, QueueQuery, RequestDetail } from './handling-schemas.ts';
import { type FeedbackDeps, submitRequest } from './intake.ts';
import { listOwnRequests, listPublicRequests, listQueue } from './listing.ts';
import { createOpen311Client, listClients, MANAGE_OPEN311, revokeOpen311Client } from './open311-clients.ts';
import { createRule, MANAGE_ROUTING, registerUnit } from './routing.ts';
import {
  Category,
  ClientBody,
  ClientParams,
  ClientSummary,
  CreatedClient,
  IdempotencyHeaders,
  PhotoParams,
  RequestBody,
  RequestListQuery,
  RequestPage,
  RequestParams,
  RequestView,
  Rule,
  RuleBody,
  StatusBody,
  TransferAnswerBody,
  TransferBody,
  TransferParams,
  Unit,
  UnitBody,
} from './schemas.ts';
import { findPhoto, findRequest, listCategories, type RequestStatus } from './store.ts';
import { HANDLE_REQUESTS, viewRequest } from './views.ts';

export type FeedbackRouteDeps = FeedbackDeps & { authenticate: Authenticate };

const Accepted = Type.Object({ id: Type.String() });

export async function feedbackRoutes(app: FastifyInstance, deps: FeedbackRouteDeps): Promise<void> {
  const { db, clock } = deps;
  // Public pages show more to a handler or to the citizen who sent the request; nobody has to sign in.
  const optionalActor = async (request: Parameters<Authenticate>[0]) =>
    (await deps.authenticate(request)) as AccessActor | undefined;

  app.get(
    '/api/feedback/categories',
    {
      config: { access: 'public' },
      schema: {
        tags: ['feedback'],
        summary: 'What requests may be about',
        response: { 200: Type.Array(Category) },
      },
    },
    async () =>
      (await listCategories(db))
        .filter((category) => category.is_active)
        .map((category) => ({
          code: category.code,
          nameZh: category.name_zh,
          nameEn: category.name_en,
          descriptionZh: category.description_zh,
          descriptionEn: category.description_en,
          groupZh: category.group_zh,
          groupEn: category.group_en,
          keywords: category.keywords,
          attributes: category.attributes,
        })),
  );

  app.post<{ Body: RequestBody; Headers: { 'idempotency-key'?: string } }>(
    '/api/feedback/requests',
    {
      // A citizen signed in (channel web), or staff entering a call (channel phone) with
      // feedback.requests.enter over the place: the service checks which.
      config: { access: 'signed-in' },
      bodyLimit: 12 * 1024 * 1024,
      schema: {
        tags: ['feedback'],
        summary: 'Submit a request (send an Idempotency-Key so that a retry never submits twice)',
        headers: IdempotencyHeaders,
        body: RequestBody,
        response: { 201: RequestView },
      },
    },
    async (request, reply) => {
      const actor = request.actor as AccessActor;
      const { channel, contact, ...input } = request.body;
      const isPhone = channel === 'phone';
      if (!isPhone && contact !== undefined) {
        throw feedbackErrors.invalidRequest([
          { pointer: '/contact', detail: 'is only for calls entered by staff' },
        ]);
      }
      const outcome = await submitRequest(
        deps,
        isPhone ? { kind: 'staff', actor } : { kind: 'citizen', actor },
        { ...input, contact },
        { idempotencyKey: request.headers['idempotency-key'], requestId: request.id },
      );
      if (outcome.isReplay) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(await viewRequest(db, actor, outcome.request));
    },
  );

  app.get<{ Querystring: RequestListQuery }>(
    '/api/feedback/requests',
    {
      config: { access: 'public' },
      schema: {
        tags: ['feedback'],
        summary: 'Requests, newest first, without personal data (keyset pages)',
        querystring: RequestListQuery,
        response: { 200: RequestPage },
      },
    },
    async (request) => listPublicRequests(db, request.query),
  );

  app.get<{ Querystring: RequestListQuery }>(
    '/api/feedback/my-requests',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['feedback'],
        summary: 'The requests you submitted',
        querystring: RequestListQuery,
        response: { 200: RequestPage },
      },
    },
    async (request) => listOwnRequests(db, request.actor as AccessActor, request.query),
  );

  app.get<{ Querystring: QueueQuery }>(
    '/api/feedback/queue',
    {
      config: { access: { permission: HANDLE_REQUESTS } },
      schema: {
        tags: ['feedback'],
        summary: 'Requests your department holds, is offered, or must decide, with their clocks',
        querystring: QueueQuery,
        response: { 200: QueuePage },
      },
    },
    async (request) => {
      const { sla, ...filter } = request.query;
      const now = clock.now();
      return listQueue(
        db,
        request.actor as AccessActor,
        { ...filter, sla: sla ? { state: sla, now } : undefined },
        now,
      );
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/feedback/requests/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['feedback'],
        summary: 'One request: public view, or the full view for its handlers and its sender',
        params: RequestParams,
        response: { 200: RequestDetail },
      },
    },
    async (request) => {
      const row = await findRequest(db, request.params.id);
      if (!row) throw feedbackErrors.requestNotFound(request.params.id);
      return viewRequestDetail(db, await optionalActor(request), row, clock.now());
    },
  );

  app.get<{ Params: { id: string; photoId: string } }>(
    '/api/feedback/requests/:id/photos/:photoId',
    {
      config: { access: 'public' },
      schema: { tags: ['feedback'], summary: 'A photo of a request', params: PhotoParams },
    },
    async (request, reply) => {
      const row = await findRequest(db, request.params.id);
      const photo = row ? await findPhoto(db, row.id, request.params.photoId) : undefined;
      if (!photo) throw feedbackErrors.photoNotFound();
      return reply
        .header('content-type', photo.content_type)
        .header('cache-control', 'public, max-age=86400, immutable')
        .header('etag', `"${photo.sha256}"`)
        .send(Buffer.from(photo.content));
    },
  );

  app.post<{ Params: { id: string }; Body: { status: RequestStatus; note?: string } }>(
    '/api/feedback/requests/:id/status',
    {
      config: { access: { permission: HANDLE_REQUESTS } },
      schema: {
        tags: ['feedback'],
        summary: 'Acknowledge, start or close a request your department holds',
        params: RequestParams,
        body: StatusBody,
        response: { 200: RequestView },
      },
    },
    async (request) => {
      const actor = request.actor as AccessActor;
      await changeStatus(deps, actor, request.params.id, request.body, request.id);
      return viewRequest(db, actor, (await findRequest(db, request.params.id))!);
    },
  );

  app.post<{ Params: { id: string }; Body: { toOrganisationId: string; reason: string } }>(
    '/api/feedback/requests/:id/transfers',
    {
      config: { access: { permission: HANDLE_REQUESTS } },
      schema: {
        tags: ['feedback'],
        summary: 'Offer a request your department holds to another department',
        params: RequestParams,
        body: TransferBody,
        response: { 201: Accepted },
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        id: await offerTransfer(
          deps,
          request.actor as AccessActor,
          request.params.id,
          request.body,
          request.id,
        ),
      }),
  );

  app.post<{ Params: { id: string; transferId: string }; Body: TransferAnswer }>(
    '/api/feedback/requests/:id/transfers/:transferId/answer',
    {
      config: { access: { permission: HANDLE_REQUESTS } },
      schema: {
        tags: ['feedback'],
        summary:
          'Accept or refuse a transfer offered to you; withdraw or dispute a refusal; decide a dispute',
        params: TransferParams,
        body: TransferAnswerBody,
        response: { 200: RequestView },
      },
    },
    async (request) => {
      const actor = request.actor as AccessActor;
      await answerTransfer(
        deps,
        actor,
        request.params.id,
        request.params.transferId,
        request.body,
        request.id,
      );
      return viewRequest(db, actor, (await findRequest(db, request.params.id))!);
    },
  );

  app.post<{ Body: UnitBody }>(
    '/api/feedback/units',
    {
      config: { access: { permission: MANAGE_ROUTING } },
      schema: {
        tags: ['feedback'],
        summary: 'Register a department as a handling unit with its function',
        body: UnitBody,
        response: { 201: Unit },
      },
    },
    async (request, reply) => {
      const unit = await registerUnit(db, clock, request.actor as AccessActor, request.body, request.id);
      return reply.status(201).send({
        organisationId: unit.organisation_id,
        divisionCode: unit.division_code,
        functionCode: unit.function_code,
        createdAt: unit.created_at.toISOString(),
      });
    },
  );

  app.post<{ Body: RuleBody }>(
    '/api/feedback/routing-rules',
    {
      config: { access: { permission: MANAGE_ROUTING } },
      schema: {
        tags: ['feedback'],
        summary: 'Send these categories in this subtree to the unit with this function at this level',
        body: RuleBody,
        response: { 201: Rule },
      },
    },
    async (request, reply) => {
      const rule = await createRule(db, clock, request.actor as AccessActor, request.body, request.id);
      return reply.status(201).send({
        id: rule.id,
        divisionCode: rule.division_code,
        categoryCodes: rule.category_codes,
        handlerLevel: rule.handler_level,
        handlerFunction: rule.handler_function,
        createdAt: rule.created_at.toISOString(),
      });
    },
  );

  await handlingRoutes(app, deps);

  app.post<{ Body: { name: string } }>(
    '/api/feedback/open311/clients',
    {
      config: { access: { permission: MANAGE_OPEN311 } },
      schema: {
        tags: ['feedback'],
        summary: 'Issue an API key to an Open311 client (shown once)',
        body: ClientBody,
        response: { 201: CreatedClient },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createOpen311Client(db, clock, request.actor as AccessActor, request.body.name, request.id),
        ),
  );

  app.get(
    '/api/feedback/open311/clients',
    {
      config: { access: { permission: MANAGE_OPEN311 } },
      schema: {
        tags: ['feedback'],
        summary: 'Open311 clients',
        response: { 200: Type.Array(ClientSummary) },
      },
    },
    async () => listClients(db),
  );

  app.post<{ Params: { clientId: string } }>(
    '/api/feedback/open311/clients/:clientId/revocation',
    {
      config: { access: { permission: MANAGE_OPEN311 } },
      schema: { tags: ['feedback'], summary: 'Revoke an Open311 client key', params: ClientParams },
    },
    async (request, reply) => {
      await revokeOpen311Client(db, clock, request.actor as AccessActor, request.params.clientId, request.id);
      return reply.status(204).send();
    },
  );
}
