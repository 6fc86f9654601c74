import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticate, InProcessMark } from '../../../platform/http/index.ts';
import type { AccessActor } from '../access/actor.ts';
import { SESSION_COOKIE } from '../sign-in/authenticate.ts';
import { isSessionActor, type SessionActor, type SessionDeps } from '../sign-in/session-deps.ts';
import { signOut } from '../sign-in/sessions.ts';
import { changeClient, disableClient, listClients, MANAGE_CLIENTS, registerClient } from './clients.ts';
import { singleSignOnErrors } from './errors.ts';
import { type BrowserExchange, completeConsent, completeLogin, describeInteraction } from './interactions.ts';
import { webSignInProblemPage } from './pages.ts';
import {
  createProviderSource,
  firstPartyClientSecret,
  PROTOCOL_PREFIX,
  protocolRequests,
} from './provider.ts';
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
import {
  ATTEMPT_COOKIE,
  ATTEMPT_LIFETIME_MS,
  createWebClient,
  type WebClient,
  WebSignInFailure,
} from './web-client.ts';

export type SingleSignOnDeps = SessionDeps & {
  publicUrl: string;
  /** Marks the web client's calls to its own provider, which the rate limit does not count. */
  inProcessMark: InProcessMark;
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
 * service's registered address, which the platform's `form-action 'self'` would block. Its one inline
 * script (the page that submits the sign-out by itself when the provider holds no session to confirm
 * ending) is allowed by its hash, which the provider adds to `script-src`; nothing else runs.
 */
const PROTOCOL_CSP =
  "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self' https: http://127.0.0.1:* http://localhost:* http://[::1]:*; frame-ancestors 'none'; base-uri 'none'";

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

  await webClientRoutes(
    app,
    createWebClient({
      ...deps,
      clientSecret: firstPartyClientSecret(deps.secretKey),
      fetchProvider: inProcessFetch(app, deps.publicUrl, deps.inProcessMark),
    }),
    browserSession,
    deps.publicUrl,
  );

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
        deps.db,
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

/**
 * The server reaches its own provider through Fastify's injection: no network hop, no TLS to itself,
 * and it works alike under `app.inject` in tests and in a listening server. Only the provider's own
 * origin is reachable this way.
 */
function inProcessFetch(app: FastifyInstance, publicUrl: string, mark: InProcessMark) {
  const origin = new URL(publicUrl).origin;
  return async (
    url: string,
    options: { method: string; headers: Record<string, string>; body?: unknown },
  ): Promise<Response> => {
    const target = new URL(url);
    if (target.origin !== origin)
      throw new Error(`the web client only talks to its own provider, not ${origin}`);
    const response = await app.inject({
      method: options.method as 'GET' | 'POST',
      url: `${target.pathname}${target.search}`,
      headers: { ...options.headers, host: target.host, [mark.header]: mark.value },
      ...(options.body === undefined || options.body === null ? {} : { payload: String(options.body) }),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      for (const item of [value ?? []].flat()) headers.append(name, String(item));
    }
    const hasNoBody = response.statusCode === 204 || response.statusCode === 304;
    return new Response(hasNoBody ? null : new Uint8Array(response.rawPayload), {
      status: response.statusCode,
      headers,
    });
  };
}

const ATTEMPT_COOKIE_ATTRIBUTES = { path: '/', secure: true, httpOnly: true, sameSite: 'lax' } as const;

/**
 * The web app's own sign-in through the provider (outside /api: these are browser navigations that
 * answer with redirects and, when something is wrong, a page, never JSON).
 */
async function webClientRoutes(
  app: FastifyInstance,
  webClient: WebClient,
  browserSession: (request: FastifyRequest) => Promise<SessionActor | undefined>,
  publicUrl: string,
): Promise<void> {
  const problemPage = (reply: FastifyReply, request: FastifyRequest, problem: string) =>
    reply
      .status(400)
      .header('content-security-policy', PROTOCOL_CSP)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(webSignInProblemPage(problem, request.id));

  app.get<{ Querystring: { returnTo?: string } }>(
    '/auth/sign-in',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        querystring: {
          type: 'object',
          properties: { returnTo: { type: 'string', maxLength: 500 } },
        },
      },
      // A bad query (a returnTo too long) is shown as the same page as any other refused sign-in.
      attachValidation: true,
    },
    async (request, reply) => {
      if (request.validationError) return problemPage(reply, request, 'invalid-return-to');
      // The attempt cookie, the provider's cookies and the callback all live on the public address: a
      // browser that came in by another name for this server (127.0.0.1 for localhost) moves there first.
      const onPublicAddress = new URL('/auth/sign-in', publicUrl);
      if (request.host !== onPublicAddress.host) {
        if (request.query.returnTo) onPublicAddress.searchParams.set('returnTo', request.query.returnTo);
        return reply.redirect(onPublicAddress.href, 303);
      }
      try {
        const { attemptToken, authorizationUrl } = await webClient.startSignIn(request.query.returnTo);
        reply.setCookie(ATTEMPT_COOKIE, attemptToken, {
          ...ATTEMPT_COOKIE_ATTRIBUTES,
          maxAge: Math.floor(ATTEMPT_LIFETIME_MS / 1000),
        });
        return reply.header('cache-control', 'no-store').redirect(authorizationUrl.href, 303);
      } catch (failure) {
        if (failure instanceof WebSignInFailure) return problemPage(reply, request, failure.problem);
        throw failure;
      }
    },
  );

  app.get(
    '/auth/callback',
    { config: { access: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      reply.clearCookie(ATTEMPT_COOKIE, ATTEMPT_COOKIE_ATTRIBUTES);
      try {
        const { returnTo } = await webClient.finishSignIn({
          callbackPath: request.url,
          attemptToken: request.cookies[ATTEMPT_COOKIE],
          actor: await browserSession(request),
          requestId: request.id,
        });
        return reply.header('cache-control', 'no-store').redirect(returnTo, 303);
      } catch (failure) {
        if (failure instanceof WebSignInFailure) {
          request.log.info({ problem: failure.problem, detail: failure.detail }, 'web sign-in refused');
          return problemPage(reply, request, failure.problem);
        }
        throw failure;
      }
    },
  );

  // A form post (SameSite=Lax keeps the session cookie off cross-site posts); it carries no fields.
  await app.register(async (signOutScope) => {
    signOutScope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      (_request: FastifyRequest, _payload: unknown, done: (error: null) => void) => done(null),
    );
    signOutScope.post(
      '/auth/sign-out',
      { config: { access: 'public' }, schema: { hide: true } },
      async (request, reply) => {
        const endSession = await webClient.signOut(await browserSession(request), request.id);
        return reply.header('cache-control', 'no-store').redirect(endSession.href, 303);
      },
    );
  });
}
