import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Clock } from '../../platform/clock/index.ts';
import type { Database } from '../../platform/db/index.ts';
import type { Vault } from '../../platform/vault/index.ts';
import type { AccessActor } from '../identity/index.ts';
import type { LedgerKeys } from '../ledger/index.ts';
import {
  approveRequest,
  changeAgreement,
  DECIDE_REQUESTS,
  DEFAULT_DECISION_WORKING_DAYS,
  getRequest,
  listAgreements,
  listRequests,
  MAKE_REQUESTS,
  rejectRequest,
  requestResource,
} from './agreements.ts';
import {
  DCAT_CONTEXT,
  exportDcat,
  getResource,
  listResources,
  MANAGE_RESOURCES,
  READ_CATALOGUE,
  registerResource,
} from './catalogue.ts';
import { grantConsent, listConsents, listMyAccesses, revokeConsent } from './citizen.ts';
import { queryHub } from './hub.ts';
import { departmentOversight, READ_OVERSIGHT } from './oversight.ts';
import {
  AgreementChangeBody,
  AgreementView,
  ApprovalBody,
  CodeParams,
  ConsentBody,
  ConsentList,
  ConsentView,
  CreatedSystem,
  HubAnswer,
  HubHeaders,
  HubQueryBody,
  IdParams,
  OversightView,
  ReasonBody,
  RequestBody,
  RequestQuery,
  RequestView,
  ResourceBody,
  ResourceQuery,
  ResourceView,
  SystemBody,
  SystemView,
  TrackerQuery,
  TrackerView,
} from './schemas.ts';
import { listSystems, MANAGE_SYSTEMS, registerSystem } from './systems.ts';

export type SharingRouteDeps = {
  db: Database['db'];
  clock: Clock;
  vault: Vault;
  ledgerKeys: LedgerKeys;
  publicUrl: string;
  /** Working days an owner has to decide a request (10 unless a deployment says otherwise). */
  decisionWorkingDays?: number;
  /** How the hub calls providers' endpoints. */
  fetch?: typeof fetch;
};

const tags = ['sharing'];

export async function sharingRoutes(app: FastifyInstance, deps: SharingRouteDeps): Promise<void> {
  const { db, clock } = deps;
  const agreementDeps = {
    db,
    clock,
    decisionWorkingDays: deps.decisionWorkingDays ?? DEFAULT_DECISION_WORKING_DAYS,
  };
  const hubDeps = { db, clock, vault: deps.vault, ...(deps.fetch ? { fetch: deps.fetch } : {}) };
  const actorOf = (request: { actor: unknown }) => request.actor as AccessActor;

  app.get<{ Querystring: ResourceQuery }>(
    '/api/sharing/resources',
    {
      config: { access: { permission: READ_CATALOGUE } },
      schema: {
        tags,
        summary: 'Search and browse the data resource catalogue',
        querystring: ResourceQuery,
        response: { 200: Type.Array(ResourceView) },
      },
    },
    async (request) => listResources(db, request.query),
  );

  app.get<{ Params: { code: string } }>(
    '/api/sharing/resources/:code',
    {
      config: { access: { permission: READ_CATALOGUE } },
      schema: { tags, summary: 'One data resource', params: CodeParams, response: { 200: ResourceView } },
    },
    async (request) => getResource(db, request.params.code),
  );

  app.post<{ Body: ResourceBody }>(
    '/api/sharing/resources',
    {
      config: { access: { permission: MANAGE_RESOURCES } },
      schema: {
        tags,
        summary: 'Register a data resource of your department',
        body: ResourceBody,
        response: { 201: ResourceView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registerResource(db, clock, actorOf(request), request.body, request.id)),
  );

  app.get(
    '/api/sharing/catalogue/dcat',
    {
      // For open-data portals: only resources that are open or conditionally open.
      config: { access: 'public' },
      schema: { tags, summary: 'The open catalogue as DCAT (JSON-LD)' },
    },
    async (_request, reply) =>
      reply
        .header('content-type', 'application/ld+json; charset=utf-8')
        .send(JSON.stringify(await exportDcat(db, deps.publicUrl))),
  );

  app.get(
    '/api/sharing/catalogue/dcat/context',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'The JSON-LD context of the DCAT export' },
    },
    async (_request, reply) =>
      reply
        .header('content-type', 'application/ld+json; charset=utf-8')
        .send(JSON.stringify({ '@context': DCAT_CONTEXT })),
  );

  app.post<{ Body: RequestBody }>(
    '/api/sharing/requests',
    {
      config: { access: { permission: MAKE_REQUESTS } },
      schema: {
        tags,
        summary: 'Request a resource for your department',
        body: RequestBody,
        response: { 201: RequestView },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await requestResource(agreementDeps, actorOf(request), request.body, request.id)),
  );

  app.get<{ Querystring: RequestQuery }>(
    '/api/sharing/requests',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Requests your department is party to, newest first',
        querystring: RequestQuery,
        response: { 200: Type.Array(RequestView) },
      },
    },
    async (request) => listRequests(db, actorOf(request), request.query.status),
  );

  app.get<{ Params: { id: string } }>(
    '/api/sharing/requests/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'One request your department is party to',
        params: IdParams,
        response: { 200: RequestView },
      },
    },
    async (request) => getRequest(db, actorOf(request), request.params.id),
  );

  app.post<{ Params: { id: string }; Body: ApprovalBody }>(
    '/api/sharing/requests/:id/approval',
    {
      config: { access: { permission: DECIDE_REQUESTS } },
      schema: {
        tags,
        summary: 'Approve a request (the same or fewer fields), making an agreement',
        params: IdParams,
        body: ApprovalBody,
        response: { 200: RequestView },
      },
    },
    async (request) =>
      approveRequest(agreementDeps, actorOf(request), request.params.id, request.body, request.id),
  );

  app.post<{ Params: { id: string }; Body: ReasonBody }>(
    '/api/sharing/requests/:id/rejection',
    {
      config: { access: { permission: DECIDE_REQUESTS } },
      schema: {
        tags,
        summary: 'Reject a request, saying why',
        params: IdParams,
        body: ReasonBody,
        response: { 200: RequestView },
      },
    },
    async (request) =>
      rejectRequest(agreementDeps, actorOf(request), request.params.id, request.body.reason, request.id),
  );

  app.get(
    '/api/sharing/agreements',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Agreements your department is party to',
        response: { 200: Type.Array(AgreementView) },
      },
    },
    async (request) => listAgreements(db, actorOf(request)),
  );

  app.post<{ Params: { id: string }; Body: AgreementChangeBody }>(
    '/api/sharing/agreements/:id/status',
    {
      config: { access: { permission: DECIDE_REQUESTS } },
      schema: {
        tags,
        summary: 'Suspend, reinstate or revoke an agreement',
        params: IdParams,
        body: AgreementChangeBody,
        response: { 200: AgreementView },
      },
    },
    async (request) =>
      changeAgreement(
        agreementDeps,
        actorOf(request),
        request.params.id,
        request.body.change,
        request.body.reason,
        request.id,
      ),
  );

  app.get(
    '/api/sharing/systems',
    {
      config: { access: { permission: MANAGE_SYSTEMS } },
      schema: {
        tags,
        summary: 'Your department’s systems that call the hub',
        response: { 200: Type.Array(SystemView) },
      },
    },
    async (request) => listSystems(db, actorOf(request)),
  );

  app.post<{ Body: SystemBody }>(
    '/api/sharing/systems',
    {
      config: { access: { permission: MANAGE_SYSTEMS } },
      schema: {
        tags,
        summary: 'Register a system and issue its key (shown once)',
        body: SystemBody,
        response: { 201: CreatedSystem },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await registerSystem(db, clock, actorOf(request), request.body.name, request.id)),
  );

  app.post<{ Body: HubQueryBody; Headers: { 'x-sharing-key'?: string } }>(
    '/api/sharing/hub/query',
    {
      // Public to the session layer: the calling system authenticates with its key, checked in the service.
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Exchange data under an agreement (a department system, with its key)',
        headers: HubHeaders,
        body: HubQueryBody,
        response: { 200: HubAnswer },
      },
    },
    async (request) => queryHub(hubDeps, request.headers['x-sharing-key'], request.body),
  );

  app.get(
    '/api/sharing/consents',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'What you may consent to, and your consents', response: { 200: ConsentList } },
    },
    async (request) => listConsents(db, clock, actorOf(request)),
  );

  app.post<{ Body: ConsentBody }>(
    '/api/sharing/consents',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Consent to a department using your data for a purpose',
        body: ConsentBody,
        response: { 201: ConsentView },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await grantConsent(db, clock, actorOf(request), request.body, request.id)),
  );

  app.post<{ Params: { id: string } }>(
    '/api/sharing/consents/:id/revocation',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Withdraw a consent; the next exchange relying on it is refused',
        params: IdParams,
        response: { 200: ConsentView },
      },
    },
    async (request) => revokeConsent(db, clock, actorOf(request), request.params.id, request.id),
  );

  app.get<{ Querystring: TrackerQuery }>(
    '/api/sharing/my-data-accesses',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Every access to your data, newest first, with ledger proofs',
        querystring: TrackerQuery,
        response: { 200: TrackerView },
      },
    },
    async (request) =>
      listMyAccesses(db, clock, deps.ledgerKeys, actorOf(request), request.query.limit ?? 50),
  );

  app.get(
    '/api/sharing/oversight',
    {
      config: { access: { permission: READ_OVERSIGHT } },
      schema: {
        tags,
        summary: 'Your department’s sharing: resources, agreements, exchanges, anomalies',
        response: { 200: OversightView },
      },
    },
    async (request) => departmentOversight(db, clock, actorOf(request)),
  );
}
