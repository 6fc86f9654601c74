import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticate } from '../../../platform/http/index.ts';
import type { AccessActor } from '../access/actor.ts';
import { SESSION_COOKIE } from '../sign-in/authenticate.ts';
import { isSessionActor, type SessionActor, type SessionDeps } from '../sign-in/session-deps.ts';
import { signOut } from '../sign-in/sessions.ts';
import { changeClient, disableClient, listClients, MANAGE_CLIENTS, registerClient } from './clients.ts';
import { singleSignOnErrors } from './errors.ts';
import { type BrowserExchange, completeConsent, completeLogin, describeInteraction } from './interactions.ts';
import { createProviderSource, PROTOCOL_PREFIX, protocolRequests } from './provider.ts';
import {
  Client,
  ClientChanges,
  ClientIdParams,
  ClientInput,
  ClientList,
  ClientRegistered,
  ConsentInput,
  DisableInput,
  Interaction,
  InteractionDone,
  InteractionParams,
} from './schemas.ts';

export type SingleSignOnDeps = SessionDeps & {
  publicUrl: string;
  secretKey: string;
  trustProxy: boolean;
  /** The platform's authenticate: who the browser is signed in as, for interactions and logout. */
  authenticate: Authenticate;
};

const actorOf = (request: FastifyRequest) => request.actor as AccessActor;

function sessionActorOf(request: FastifyRequest): SessionActor {
  if (!isSessionActor(request.actor)) throw singleSignOnErrors.signInRequired();
  return request.actor;
}

/**
 * The provider's own pages may post a form back to the provider and then redirect the browser to a
 * service's registered address, which the platform's `form-action 'self'` would block.
 */
const PROTOCOL_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self' https: http://127.0.0.1:* http://localhost:* http://[::1]:*; frame-ancestors 'none'; base-uri 'none'";

const CLEAR_SESSION_COOKIE = `${SESSION_COOKIE}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=Lax`;

export async function singleSignOnRoutes(app: FastifyInstance, deps: SingleSignOnDeps): Promise<void> {
  const providerNow = createProviderSource({
    ...deps,
    async endPlatformSession(request: IncomingMessage) {
      const protocolRequest = protocolRequests.get(request);
      if (!protocolRequest?.session) return undefined;
      await signOut(deps, protocolRequest.session, protocolRequest.requestId);
      return CLEAR_SESSION_COOKIE;
    },
  });
  const tags = ['identity'];

  const browserSession = async (request: FastifyRequest) => {
    const actor = await deps.authenticate(request);
    return isSessionActor(actor) ? actor : undefined;
  };
  const exchangeOf = (request: FastifyRequest, reply: FastifyReply): BrowserExchange => ({
    request: request.raw,
    response: reply.raw,
    requestId: request.id,
  });

  // The protocol endpoints (discovery, authorization, token, userinfo, JWKS, end session, revocation):
  // public, because the protocol itself authenticates clients and people. Their own plugin keeps the
  // request body unread, for the provider to parse, and their own answers (OAuth errors, not problem+json).
  await app.register(async (protocol) => {
    protocol.removeAllContentTypeParsers();
    protocol.addContentTypeParser(
      '*',
      (_request: FastifyRequest, _payload: unknown, done: (error: null) => void) => done(null),
    );
    const handOver = async (request: FastifyRequest, reply: FastifyReply) => {
      const provider = await providerNow();
      protocolRequests.set(request.raw, { session: await browserSession(request), requestId: request.id });
      reply.hijack();
      const raw = request.raw as IncomingMessage & { originalUrl?: string };
      raw.originalUrl = raw.url;
      raw.url = raw.url!.slice(PROTOCOL_PREFIX.length) || '/';
      reply.raw.setHeader('x-request-id', request.id);
      reply.raw.setHeader('content-security-policy', PROTOCOL_CSP);
      await provider.callback()(raw, reply.raw);
    };
    const options = { config: { access: 'public' as const }, schema: { hide: true } };
    protocol.all(PROTOCOL_PREFIX, options, handOver);
    protocol.all(`${PROTOCOL_PREFIX}/*`, options, handOver);
  });

  app.get<{ Params: { uid: string } }>(
    '/api/identity/sso/interactions/:uid',
    {
      // Public: the page asks before anyone has signed in, to know whether to show the sign-in form.
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A single sign-on request waiting for this browser: which service, what it asks for',
        params: InteractionParams,
        response: { 200: Interaction },
      },
    },
    async (request, reply) =>
      describeInteraction(
        await providerNow(),
        exchangeOf(request, reply),
        request.params.uid,
        await browserSession(request),
      ),
  );

  app.post<{ Params: { uid: string } }>(
    '/api/identity/sso/interactions/:uid/login',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: "Sign in to the waiting service with this browser's platform session (no password again)",
        params: InteractionParams,
        response: { 200: InteractionDone },
      },
    },
    async (request, reply) =>
      completeLogin(
        deps,
        await providerNow(),
        exchangeOf(request, reply),
        request.params.uid,
        sessionActorOf(request),
      ),
  );

  app.post<{ Params: { uid: string }; Body: ConsentInput }>(
    '/api/identity/sso/interactions/:uid/consent',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Allow or refuse the waiting service what it asks for',
        params: InteractionParams,
        body: ConsentInput,
        response: { 200: InteractionDone },
      },
    },
    async (request, reply) =>
      completeConsent(
        deps,
        await providerNow(),
        exchangeOf(request, reply),
        request.params.uid,
        sessionActorOf(request),
        request.body.decision,
      ),
  );

  app.get(
    '/api/identity/sso-clients',
    {
      config: { access: { permission: MANAGE_CLIENTS } },
      schema: {
        tags,
        summary: 'Systems in your area that sign people in through the platform',
        response: { 200: ClientList },
      },
    },
    async (request) => ({ clients: await listClients(deps.db, actorOf(request)) }),
  );

  app.post<{ Body: ClientInput }>(
    '/api/identity/sso-clients',
    {
      config: { access: { permission: MANAGE_CLIENTS } },
      schema: {
        tags,
        summary: 'Register a system as a single sign-on client; a confidential client gets its secret once',
        body: ClientInput,
        response: { 201: ClientRegistered },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await registerClient(deps.db, deps.clock, actorOf(request), request.body, request.id)),
  );

  app.patch<{ Params: { id: string }; Body: ClientChanges }>(
    '/api/identity/sso-clients/:id',
    {
      config: { access: { permission: MANAGE_CLIENTS } },
      schema: {
        tags,
        summary: "Change a client's names or its exact redirect addresses",
        params: ClientIdParams,
        body: ClientChanges,
        response: { 200: Client },
      },
    },
    async (request) =>
      changeClient(deps.db, deps.clock, actorOf(request), request.params.id, request.body, request.id),
  );

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/api/identity/sso-clients/:id/disabling',
    {
      config: { access: { permission: MANAGE_CLIENTS } },
      schema: {
        tags,
        summary: 'Disable a client: it is refused at every endpoint from now on',
        params: ClientIdParams,
        body: DisableInput,
      },
    },
    async (request, reply) => {
      await disableClient(
        deps.db,
        deps.clock,
        actorOf(request),
        request.params.id,
        request.body.reason,
        request.id,
      );
      return reply.status(204).send();
    },
  );
}
