/** Routes for service levels, handling, replies, extensions, ratings and reopening (docs/feedback.md). */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AccessActor } from '../identity/index.ts';
import { viewRequestDetail } from './detail.ts';
import { feedbackErrors } from './errors.ts';
import { decideExtension, listExtensionsToDecide, requestExtension } from './extensions.ts';
import {
  ContactBody,
  ExtensionBody,
  ExtensionDecisionBody,
  ExtensionParams,
  PendingExtension,
  Policy,
  PolicyBody,
  Preview,
  PreviewBody,
  ProgressBody,
  RatingBody,
  ReopenBody,
  ReplyBody,
  RequestDetail,
} from './handling-schemas.ts';
import type { FeedbackDeps } from './intake.ts';
import { previewReply, publishReply, recordContact, recordProgress } from './replies.ts';
import { rateAnswer, recordCallback, reopenRequest } from './satisfaction.ts';
import { RequestParams } from './schemas.ts';
import { APPROVE_EXTENSIONS, listPolicyViews, MANAGE_SLA, setPolicy } from './sla.ts';
import { findRequest } from './store.ts';
import { HANDLE_REQUESTS } from './views.ts';

type Params = { Params: { id: string } };

export async function handlingRoutes(app: FastifyInstance, deps: FeedbackDeps): Promise<void> {
  const { db, clock } = deps;
  const detailOf = async (actor: AccessActor, ref: string) => {
    const row = await findRequest(db, ref);
    if (!row) throw feedbackErrors.requestNotFound(ref);
    return viewRequestDetail(db, actor, row, clock.now());
  };
  const handle = { access: { permission: HANDLE_REQUESTS } } as const;
  const tags = ['feedback'];

  app.get(
    '/api/feedback/sla-policies',
    {
      // Service levels are the government's public promise of how fast it answers.
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Service levels by category and urgency',
        response: { 200: Type.Array(Policy) },
      },
    },
    async () => listPolicyViews(db),
  );

  app.put<{ Body: PolicyBody }>(
    '/api/feedback/sla-policies',
    {
      config: { access: { permission: MANAGE_SLA } },
      schema: {
        tags,
        summary: 'Set the service level for a category (or all) and an urgency (or any)',
        body: PolicyBody,
        response: { 200: Policy },
      },
    },
    async (request) => setPolicy(deps, request.actor as AccessActor, request.body, request.id),
  );

  app.post<Params & { Body: ContactBody }>(
    '/api/feedback/requests/:id/contacts',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Record a contact with the citizen (stops the first-contact clock)',
        params: RequestParams,
        body: ContactBody,
        response: { 201: RequestDetail },
      },
    },
    async (request, reply) => {
      const actor = request.actor as AccessActor;
      await recordContact(deps, actor, request.params.id, request.body, request.id);
      return reply.status(201).send(await detailOf(actor, request.params.id));
    },
  );

  app.post<Params & { Body: { note: string } }>(
    '/api/feedback/requests/:id/progress',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Add an internal progress note',
        params: RequestParams,
        body: ProgressBody,
        response: { 201: RequestDetail },
      },
    },
    async (request, reply) => {
      const actor = request.actor as AccessActor;
      await recordProgress(deps, actor, request.params.id, request.body, request.id);
      return reply.status(201).send(await detailOf(actor, request.params.id));
    },
  );

  app.post<Params & { Body: { text: string; names?: string[] } }>(
    '/api/feedback/requests/:id/reply-preview',
    {
      config: handle,
      schema: {
        tags,
        summary: 'See a reply as the public would, with personal data taken out (changes nothing)',
        params: RequestParams,
        body: PreviewBody,
        response: { 200: Preview },
      },
    },
    async (request) => previewReply(deps, request.actor as AccessActor, request.params.id, request.body),
  );

  app.post<Params & { Body: ReplyBody }>(
    '/api/feedback/requests/:id/replies',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Publish a previewed reply: interim, or final (closes the request)',
        params: RequestParams,
        body: ReplyBody,
        response: { 201: RequestDetail },
      },
    },
    async (request, reply) => {
      const actor = request.actor as AccessActor;
      await publishReply(deps, actor, request.params.id, request.body, request.id);
      return reply.status(201).send(await detailOf(actor, request.params.id));
    },
  );

  app.post<Params & { Body: ExtensionBody }>(
    '/api/feedback/requests/:id/extensions',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Ask the unit above for more time on one clock',
        params: RequestParams,
        body: ExtensionBody,
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        id: await requestExtension(
          deps,
          request.actor as AccessActor,
          request.params.id,
          request.body,
          request.id,
        ),
      }),
  );

  app.get(
    '/api/feedback/extensions',
    {
      config: { access: { permission: APPROVE_EXTENSIONS } },
      schema: {
        tags,
        summary: 'Extensions waiting for your decision',
        response: { 200: Type.Array(PendingExtension) },
      },
    },
    async (request) => listExtensionsToDecide(db, request.actor as AccessActor),
  );

  app.post<{ Params: { id: string; extensionId: string }; Body: { approve: boolean; reason?: string } }>(
    '/api/feedback/requests/:id/extensions/:extensionId/decision',
    {
      config: { access: { permission: APPROVE_EXTENSIONS } },
      schema: {
        tags,
        summary: 'Approve or refuse an extension asked for by a unit below',
        params: ExtensionParams,
        body: ExtensionDecisionBody,
        response: { 200: RequestDetail },
      },
    },
    async (request) => {
      const actor = request.actor as AccessActor;
      await decideExtension(
        deps,
        actor,
        request.params.id,
        request.params.extensionId,
        request.body,
        request.id,
      );
      return detailOf(actor, request.params.id);
    },
  );

  app.post<Params & { Body: RatingBody }>(
    '/api/feedback/requests/:id/rating',
    {
      // The citizen who sent the request: the service checks that it is theirs.
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Confirm the answer to your request and say how satisfied you are',
        params: RequestParams,
        body: RatingBody,
        response: { 201: RequestDetail },
      },
    },
    async (request, reply) => {
      const actor = request.actor as AccessActor;
      await rateAnswer(deps, actor, request.params.id, request.body, request.id);
      return reply.status(201).send(await detailOf(actor, request.params.id));
    },
  );

  app.post<Params & { Body: RatingBody }>(
    '/api/feedback/requests/:id/callbacks',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Record what the citizen said when called back about the answer',
        params: RequestParams,
        body: RatingBody,
        response: { 201: RequestDetail },
      },
    },
    async (request, reply) => {
      const actor = request.actor as AccessActor;
      await recordCallback(deps, actor, request.params.id, request.body, request.id);
      return reply.status(201).send(await detailOf(actor, request.params.id));
    },
  );

  app.post<Params & { Body: { reason: string } }>(
    '/api/feedback/requests/:id/reopening',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Reopen your request after its answer (within 15 days)',
        params: RequestParams,
        body: ReopenBody,
        response: { 200: RequestDetail },
      },
    },
    async (request) => {
      const actor = request.actor as AccessActor;
      await reopenRequest(deps, actor, request.params.id, request.body, request.id);
      return detailOf(actor, request.params.id);
    },
  );
}
