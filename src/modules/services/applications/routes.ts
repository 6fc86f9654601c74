import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IdempotencyHeaders } from '../../../platform/idempotency/index.ts';
import type { AccessActor } from '../../identity/index.ts';
import { HANDLE_CASES } from '../workflow/index.ts';
import {
  APPROVE_EXTENSIONS,
  decideExtensionRequest,
  getCase,
  listPendingExtensions,
  recordVisit,
  requestExtension,
} from './handling.ts';
import {
  AnswersInput,
  Application,
  ApplicationWithMaterials,
  CaseView,
  DraftInput,
  Drafts,
  Extension,
  ExtensionDecision,
  ExtensionDecisionInput,
  ExtensionIdParams,
  ExtensionInput,
  IdParams,
  MyStatus,
  NumberParams,
  PendingExtensions,
  Prefill,
  PublicStatus,
  PublicStatusQuery,
  Rating,
  RatingInput,
  SubmissionInput,
  SupplementsInput,
  Upload,
  UploadInput,
  Visit,
  VisitInput,
  WithdrawalInput,
} from './schemas.ts';
import {
  type ApplicationDeps,
  createDraft,
  discardDraft,
  getMyApplication,
  listMyDrafts,
  prefill,
  provideSupplements,
  saveAnswers,
  submitApplication,
  withdrawApplication,
} from './service.ts';
import { getMyStatus, getPublicStatus, rateApplication } from './tracking.ts';
import { uploadMaterial } from './uploads.ts';

export type ApplicationRouteDeps = ApplicationDeps;

const actorOf = (request: FastifyRequest) => request.actor as AccessActor;
const tags = ['services'];
const access = 'signed-in' as const;

/** The applicant's side of an application: drafts, pre-fill, submission and supplements. */
export async function applicationRoutes(app: FastifyInstance, deps: ApplicationRouteDeps): Promise<void> {
  app.post<{ Body: DraftInput; Headers: { 'idempotency-key'?: string } }>(
    '/api/services/applications',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Start a draft application for an item served at your division (send an Idempotency-Key)',
        headers: IdempotencyHeaders,
        body: DraftInput,
        response: { 201: Application },
      },
    },
    async (request, reply) => {
      const outcome = await createDraft(
        deps,
        actorOf(request),
        request.body,
        request.headers['idempotency-key'],
      );
      if (outcome.isReplay) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(outcome.result);
    },
  );

  app.get(
    '/api/services/applications/drafts',
    {
      config: { access },
      schema: { tags, summary: 'Your drafts, most recently changed first', response: { 200: Drafts } },
    },
    async (request) => ({ drafts: await listMyDrafts(deps, actorOf(request)) }),
  );

  app.get<{ Params: { id: string } }>(
    '/api/services/applications/:id',
    {
      config: { access },
      schema: {
        tags,
        summary: 'One of your applications',
        params: IdParams,
        response: { 200: ApplicationWithMaterials },
      },
    },
    async (request) => getMyApplication(deps, actorOf(request), request.params.id),
  );

  app.put<{ Params: { id: string }; Body: AnswersInput }>(
    '/api/services/applications/:id/answers',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Save a draft’s answers (partial answers are kept; each given one must fit its question)',
        params: IdParams,
        body: AnswersInput,
        response: { 200: Application },
      },
    },
    async (request) => saveAnswers(deps, actorOf(request), request.params.id, request.body.answers),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/services/applications/:id',
    { config: { access }, schema: { tags, summary: 'Discard a draft', params: IdParams } },
    async (request, reply) => {
      await discardDraft(deps, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/services/applications/:id/prefill',
    {
      config: { access },
      schema: {
        tags,
        summary:
          'Answers the government already holds, with their sources, and materials shared from credentials',
        params: IdParams,
        response: { 200: Prefill },
      },
    },
    async (request) => prefill(deps, actorOf(request), request.params.id),
  );

  app.post<{ Params: { id: string }; Body: SubmissionInput; Headers: { 'idempotency-key'?: string } }>(
    '/api/services/applications/:id/submission',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Submit a draft (send an Idempotency-Key so that a retry never submits twice)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: SubmissionInput,
        response: { 201: Application },
      },
    },
    async (request, reply) => {
      const outcome = await submitApplication(
        deps,
        actorOf(request),
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      if (outcome.isReplay) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(outcome.result);
    },
  );

  app.post<{ Params: { id: string }; Body: SupplementsInput }>(
    '/api/services/applications/:id/supplements',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Answer a supplement notice with every material it lists',
        params: IdParams,
        body: SupplementsInput,
        response: { 200: Application },
      },
    },
    async (request) =>
      provideSupplements(
        deps,
        actorOf(request),
        request.params.id,
        request.body.provided,
        request.body.answers ?? {},
      ),
  );

  app.post<{ Params: { id: string }; Body: WithdrawalInput }>(
    '/api/services/applications/:id/withdrawal',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Withdraw your case before it is decided',
        params: IdParams,
        body: WithdrawalInput,
        response: { 200: Application },
      },
    },
    async (request) => withdrawApplication(deps, actorOf(request), request.params.id, request.body),
  );

  app.post<{ Params: { id: string }; Body: ExtensionInput }>(
    '/api/services/applications/:id/extensions',
    {
      config: { access: { permission: HANDLE_CASES } },
      schema: {
        tags,
        summary: 'Ask for more working days for a case you handle (approved by someone else)',
        params: IdParams,
        body: ExtensionInput,
        response: { 201: Extension },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await requestExtension(deps, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/services/extensions',
    {
      config: { access: { permission: APPROVE_EXTENSIONS } },
      schema: {
        tags,
        summary: 'Extension requests awaiting your decision, oldest first',
        response: { 200: PendingExtensions },
      },
    },
    async (request) => ({ extensions: await listPendingExtensions(deps, actorOf(request)) }),
  );

  app.post<{ Params: { id: string }; Body: ExtensionDecisionInput }>(
    '/api/services/extensions/:id/decision',
    {
      config: { access: { permission: APPROVE_EXTENSIONS } },
      schema: {
        tags,
        summary: 'Approve (the statutory due date moves) or refuse (say why) an extension request',
        params: ExtensionIdParams,
        body: ExtensionDecisionInput,
        response: { 200: ExtensionDecision },
      },
    },
    async (request) => decideExtensionRequest(deps, actorOf(request), request.params.id, request.body),
  );

  app.post<{ Params: { id: string }; Body: VisitInput }>(
    '/api/services/applications/:id/visits',
    {
      config: { access: { permission: HANDLE_CASES } },
      schema: {
        tags,
        summary: 'Record that the applicant came in person for a case you handle',
        params: IdParams,
        body: VisitInput,
        response: { 201: Visit },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await recordVisit(deps, actorOf(request), request.params.id, request.body)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/services/applications/:id/case',
    {
      config: { access: { permission: HANDLE_CASES } },
      schema: {
        tags,
        summary: 'A case you handle: facts, materials, clock, extensions and its full ledger history',
        params: IdParams,
        response: { 200: CaseView },
      },
    },
    async (request) => getCase(deps, actorOf(request), request.params.id),
  );

  app.get<{ Params: { number: string } }>(
    '/api/services/applications/:number/status',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Where your case stands, by its number, with the check code to share',
        params: NumberParams,
        response: { 200: MyStatus },
      },
    },
    async (request) => getMyStatus(deps, actorOf(request), request.params.number),
  );

  app.get<{ Querystring: PublicStatusQuery }>(
    '/api/services/application-status',
    {
      // Deliberately public: the number and its check code are the key, and the answer holds no personal data.
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Where a case stands, by number and check code (no personal data)',
        querystring: PublicStatusQuery,
        response: { 200: PublicStatus },
      },
    },
    async (request) => getPublicStatus(deps, request.query.number, request.query.checkCode),
  );

  app.post<{ Params: { id: string }; Body: RatingInput }>(
    '/api/services/applications/:id/rating',
    {
      config: { access },
      schema: {
        tags,
        summary: 'Rate a decided application (好差评), once',
        params: IdParams,
        body: RatingInput,
        response: { 201: Rating },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await rateApplication(deps, actorOf(request), request.params.id, request.body)),
  );

  app.post<{ Params: { id: string }; Body: UploadInput }>(
    '/api/services/applications/:id/uploads',
    {
      config: { access },
      // A 50 MB file (the largest a form may take) is about 67 MB in base64.
      bodyLimit: 70 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Upload a file for a file question; its kind is read from the bytes',
        params: IdParams,
        body: UploadInput,
        response: { 201: Upload },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await uploadMaterial(deps, actorOf(request), request.params.id, request.body)),
  );
}
