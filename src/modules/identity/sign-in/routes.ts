import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccessActor } from '../access/actor.ts';
import { SESSION_COOKIE, sessionTokenOf } from './authenticate.ts';
import { secondFactorErrors, signInErrors } from './errors.ts';
import { changePassword, completePasswordReset, issuePasswordReset, MANAGE_ACCOUNTS } from './passwords.ts';
import {
  AccountParams,
  Me,
  PasswordChange,
  PasswordChanged,
  PasswordResetCompletion,
  PasswordResetIssued,
  SecondFactorReset,
  SignedIn,
  SignedOut,
  SignInBody,
  StatedReason,
  TotpConfirmation,
  TotpEnrolment,
} from './schemas.ts';
import { confirmTotpEnrolment, resetSecondFactor, startTotpEnrolment } from './second-factor.ts';
import {
  describeMe,
  isSessionActor,
  type SessionActor,
  type SessionDeps,
  signIn,
  signOut,
  signOutEverywhere,
} from './sessions.ts';

const COOKIE_ATTRIBUTES = { path: '/', secure: true, httpOnly: true, sameSite: 'lax' } as const;

/** The route's actor, which a 'signed-in' route may get from another authenticate (tests): then 401. */
function sessionActorOf(request: FastifyRequest): SessionActor {
  if (!isSessionActor(request.actor)) throw signInErrors.noSession();
  return request.actor;
}

function clearCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, COOKIE_ATTRIBUTES);
}

export async function signInRoutes(app: FastifyInstance, deps: SessionDeps): Promise<void> {
  const tags = ['identity'];
  app.post<{ Body: SignInBody }>(
    '/api/identity/sessions',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Sign in with resident ID number or phone and password; sets the session cookie',
        body: SignInBody,
        response: { 201: SignedIn },
      },
    },
    async (request, reply) => {
      const result = await signIn(deps, {
        identifier: request.body.identifier,
        password: request.body.password,
        otp: request.body.otp,
        clientAddress: request.ip,
        userAgent: request.headers['user-agent'],
        presentedToken: sessionTokenOf(request),
        requestId: request.id,
      });
      if (result.outcome === 'throttled') {
        reply.header('retry-after', String(result.retryAfterSeconds));
        throw signInErrors.throttled(result.retryAfterSeconds);
      }
      if (result.outcome === 'failed') throw signInErrors.failed();
      if (result.outcome === 'second-factor-required') throw secondFactorErrors.required();
      reply.setCookie(SESSION_COOKIE, result.token, {
        ...COOKIE_ATTRIBUTES,
        maxAge: Math.floor(deps.absoluteTimeoutMs / 1000),
      });
      return reply.status(201).send({
        sessionId: result.sessionId,
        accountId: result.accountId,
        expiresAt: result.expiresAt.toISOString(),
        idleTimeoutSeconds: Math.floor(deps.idleTimeoutMs / 1000),
        authenticationMethods: result.authenticationMethods,
      });
    },
  );
  app.get(
    '/api/identity/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'The signed-in account: masked personal data, roles and live sessions',
        response: { 200: Me },
      },
    },
    async (request) => describeMe(deps, sessionActorOf(request)),
  );
  app.delete(
    '/api/identity/sessions/current',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Sign out of this session', response: { 200: SignedOut } },
    },
    async (request, reply) => {
      const actor = sessionActorOf(request);
      await signOut(deps, actor, request.id);
      clearCookie(reply);
      return { endedSessions: 1 };
    },
  );
  app.delete(
    '/api/identity/sessions',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Sign out everywhere: end every session of this account',
        response: { 200: SignedOut },
      },
    },
    async (request, reply) => {
      const endedSessions = await signOutEverywhere(deps, sessionActorOf(request), request.id);
      clearCookie(reply);
      return { endedSessions };
    },
  );
  app.post(
    '/api/identity/totp',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Start enrolling an authenticator app (TOTP): a secret and otpauth URI to scan',
        response: { 201: TotpEnrolment },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await startTotpEnrolment(deps, sessionActorOf(request), request.id)),
  );
  app.post<{ Body: { code: string } }>(
    '/api/identity/totp/confirmation',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Confirm the authenticator app with its current code; this session counts as proven by it',
        body: TotpConfirmation,
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      await confirmTotpEnrolment(deps, sessionActorOf(request), request.body.code, request.id);
      return reply.status(204).send();
    },
  );

  app.put<{ Body: PasswordChange }>(
    '/api/identity/me/password',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Change your password (the current one is required); your other sessions end',
        body: PasswordChange,
        response: { 200: PasswordChanged },
      },
    },
    async (request, reply) => {
      const result = await changePassword(deps, sessionActorOf(request), request.body, request.id);
      if (result.outcome === 'throttled') {
        reply.header('retry-after', String(result.retryAfterSeconds));
        throw signInErrors.throttled(result.retryAfterSeconds);
      }
      return { endedSessions: result.endedSessions };
    },
  );

  app.post<{ Params: { accountId: string }; Body: { reason: string } }>(
    '/api/identity/accounts/:accountId/password-reset',
    {
      config: { access: { permission: MANAGE_ACCOUNTS } },
      schema: {
        tags,
        summary: 'Issue a one-time password reset code for an account in your area (shown once)',
        params: AccountParams,
        body: StatedReason,
        response: { 201: PasswordResetIssued },
      },
    },
    async (request, reply) => {
      const issued = await issuePasswordReset(
        deps,
        request.actor as AccessActor,
        { accountId: request.params.accountId, reason: request.body.reason },
        request.id,
      );
      // The code must not stay in a shared cache or the browser's history.
      reply.header('cache-control', 'no-store');
      return reply.status(201).send(issued);
    },
  );

  app.post<{ Body: PasswordResetCompletion }>(
    '/api/identity/password-reset/completion',
    {
      // Whoever holds a valid reset code: the code itself is the proof, issued after checking the
      // holder in person. Failed codes are throttled per client address.
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Set a new password with a reset code from an administrator; every session ends',
        body: PasswordResetCompletion,
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      const result = await completePasswordReset(
        deps,
        { code: request.body.code, newPassword: request.body.newPassword, clientAddress: request.ip },
        request.id,
      );
      if (result.outcome === 'throttled') {
        reply.header('retry-after', String(result.retryAfterSeconds));
        throw signInErrors.throttled(result.retryAfterSeconds);
      }
      return reply.status(204).send();
    },
  );

  app.post<{ Params: { accountId: string }; Body: { reason: string } }>(
    '/api/identity/accounts/:accountId/second-factor-reset',
    {
      config: { access: { permission: MANAGE_ACCOUNTS } },
      schema: {
        tags,
        summary:
          'Remove the authenticator app of an account in your area (lost phone); its sessions end and it enrols again',
        params: AccountParams,
        body: StatedReason,
        response: { 200: SecondFactorReset },
      },
    },
    async (request) => ({
      endedSessions: await resetSecondFactor(
        deps,
        request.actor as AccessActor,
        { accountId: request.params.accountId, reason: request.body.reason },
        request.id,
      ),
    }),
  );
}
