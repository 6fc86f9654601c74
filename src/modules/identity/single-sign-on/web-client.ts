/**
 * The web app as a client of the platform's own provider (backend for frontend): the server runs the
 * authorization code flow with PKCE, state and nonce for `shuzhi-web`, exchanges the code itself and
 * keeps the tokens in the database, bound to the platform session. The browser only ever holds the
 * platform session cookie.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import { hashPayload, recordAuditEvent } from '../../ledger/index.ts';
import type { SessionActor, SessionDeps } from '../sign-in/session-deps.ts';
import { FIRST_PARTY_CLIENT_ID } from './clients.ts';
import { issuerOf } from './provider.ts';
import {
  deleteSessionTokens,
  findSessionTokens,
  insertAttempt,
  takeAttempt,
  upsertSessionTokens,
} from './web-store.ts';

export type WebClientDeps = SessionDeps & {
  publicUrl: string;
  clientSecret: string;
  /** How the server reaches its own provider: in process, so no network hop and no TLS to itself. */
  fetchProvider: client.CustomFetch;
};

/** Why a web sign-in could not be finished; the callback shows a page saying so, never a 500. */
export type WebSignInProblem =
  | 'invalid-return-to'
  | 'no-attempt'
  | 'state-mismatch'
  | 'access-denied'
  | 'provider-error'
  | 'token-refused'
  | 'session-mismatch';

export class WebSignInFailure extends Error {
  readonly problem: WebSignInProblem;
  readonly detail: string | undefined;
  constructor(problem: WebSignInProblem, detail?: string) {
    super(`web sign-in failed: ${problem}${detail ? ` (${detail})` : ''}`);
    this.name = 'WebSignInFailure';
    this.problem = problem;
    this.detail = detail;
  }
}

/** Cookie holding the random value that names this browser's sign-in attempt (only its hash is stored). */
export const ATTEMPT_COOKIE = '__Host-shuzhi-sso-attempt';
/** Long enough to type a password and a one-time code; the provider's interaction lasts no longer. */
export const ATTEMPT_LIFETIME_MS = 10 * 60_000;
export const WEB_SCOPE = 'openid profile division organisation roles';
export const DEFAULT_RETURN_TO = '/account';

const TABLE = 'web_sign_in_attempt';
const TOKEN_TABLE = 'web_session_token';

/**
 * A path on this site, and nothing that a browser would read as another origin: `//host`, `/\host`,
 * schemes, control characters and backslashes are refused.
 */
export function isSameOriginPath(value: string): boolean {
  if (value.length === 0 || value.length > 500 || !value.startsWith('/')) return false;
  if (value.startsWith('//') || value.includes('\\')) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(value)) return false;
  const resolved = new URL(value, 'https://shuzhi.invalid');
  return resolved.origin === 'https://shuzhi.invalid';
}

const hashOf = (value: string) => createHash('sha256').update(value, 'utf8').digest();

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

export function createWebClient(deps: WebClientDeps) {
  const issuer = issuerOf(deps.publicUrl);
  // The provider's endpoints are fixed by its mount point, so no discovery round trip is needed.
  const configuration = new client.Configuration(
    {
      issuer,
      authorization_endpoint: `${issuer}/auth`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      userinfo_endpoint: `${issuer}/me`,
      end_session_endpoint: `${issuer}/session/end`,
      revocation_endpoint: `${issuer}/token/revocation`,
    },
    FIRST_PARTY_CLIENT_ID,
    deps.clientSecret,
  );
  configuration[client.customFetch] = deps.fetchProvider;
  // Plain http is what a deployment on loopback (development, tests) has; production requires https.
  if (new URL(deps.publicUrl).protocol === 'http:') client.allowInsecureRequests(configuration);
  const redirectUri = `${deps.publicUrl}/auth/callback`;
  const postLogoutRedirectUri = `${deps.publicUrl}/`;

  return {
    /** Starts a sign-in: the attempt is stored, the browser gets its cookie and goes to the provider. */
    async startSignIn(
      returnTo: string | undefined,
    ): Promise<{ attemptToken: string; authorizationUrl: URL }> {
      const target = returnTo ?? DEFAULT_RETURN_TO;
      if (!isSameOriginPath(target)) throw new WebSignInFailure('invalid-return-to');
      const attemptToken = randomBytes(32).toString('base64url');
      const idHash = hashOf(attemptToken);
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const now = deps.clock.now();
      await insertAttempt(
        deps.db,
        {
          id_hash: idHash,
          state,
          nonce,
          code_verifier_encrypted: deps.vault.encrypt(verifier, {
            table: TABLE,
            column: 'code_verifier_encrypted',
            rowId: idHash.toString('hex'),
          }),
          return_to: target,
          created_at: now,
          expires_at: new Date(now.getTime() + ATTEMPT_LIFETIME_MS),
        },
        now,
      );
      const authorizationUrl = client.buildAuthorizationUrl(configuration, {
        redirect_uri: redirectUri,
        scope: WEB_SCOPE,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { attemptToken, authorizationUrl };
    },

    /**
     * The provider's answer: the attempt must be this browser's and the state must match; the code is
     * exchanged here and the ID token checked (signature, issuer, audience, nonce, expiry). The tokens
     * are bound to the platform session the sign-in page created, which must be the ID token's subject.
     */
    async finishSignIn(input: {
      callbackPath: string;
      attemptToken: string | undefined;
      actor: SessionActor | undefined;
      requestId: string;
    }): Promise<{ returnTo: string }> {
      const now = deps.clock.now();
      const attempt = input.attemptToken
        ? await takeAttempt(deps.db, hashOf(input.attemptToken), now)
        : undefined;
      if (!attempt) throw new WebSignInFailure('no-attempt');
      const callbackUrl = new URL(input.callbackPath, deps.publicUrl);
      if (!sameText(callbackUrl.searchParams.get('state') ?? '', attempt.state)) {
        throw new WebSignInFailure('state-mismatch');
      }
      const error = callbackUrl.searchParams.get('error');
      if (error) {
        throw new WebSignInFailure(error === 'access_denied' ? 'access-denied' : 'provider-error', error);
      }
      const verifier = deps.vault.decrypt(attempt.code_verifier_encrypted, {
        table: TABLE,
        column: 'code_verifier_encrypted',
        rowId: hashOf(input.attemptToken!).toString('hex'),
      });
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
          pkceCodeVerifier: verifier,
          expectedState: attempt.state,
          expectedNonce: attempt.nonce,
          idTokenExpected: true,
        });
      } catch (failure) {
        throw new WebSignInFailure('token-refused', (failure as Error).message);
      }
      const claims = tokens.claims()!;
      const { actor } = input;
      if (!actor || actor.accountId !== claims.sub) throw new WebSignInFailure('session-mismatch');
      const acr = String(claims.acr ?? '');
      const amr = Array.isArray(claims.amr) ? claims.amr.map(String) : [];
      const rowId = actor.sessionId;
      await deps.db.transaction().execute(async (tx) => {
        await upsertSessionTokens(
          tx,
          {
            session_id: actor.sessionId,
            account_id: actor.accountId,
            id_token: tokens.id_token!,
            access_token_encrypted: deps.vault.encrypt(tokens.access_token, {
              table: TOKEN_TABLE,
              column: 'access_token_encrypted',
              rowId,
            }),
            refresh_token_encrypted: tokens.refresh_token
              ? deps.vault.encrypt(tokens.refresh_token, {
                  table: TOKEN_TABLE,
                  column: 'refresh_token_encrypted',
                  rowId,
                })
              : null,
            acr,
            amr,
            signed_in_at: now,
            expires_at: new Date(now.getTime() + deps.absoluteTimeoutMs),
          },
          now,
        );
        await recordAuditEvent(tx, {
          action: 'identity.sso.web-session-established',
          actor: { kind: actor.kind, id: actor.accountId },
          onBehalfOf: actor.organisationId,
          record: { type: 'identity.session', id: actor.sessionId },
          at: now,
          requestId: input.requestId,
          payloadHash: hashPayload({ sessionId: actor.sessionId, clientId: FIRST_PARTY_CLIENT_ID, acr, amr }),
        });
      });
      return { returnTo: attempt.return_to };
    },

    /**
     * Signing out of the web app: the refresh token is revoked and the tokens forgotten, then the
     * browser goes to the provider's RP-initiated logout, which ends the provider's and the platform's
     * session once the person confirms.
     */
    async signOut(actor: SessionActor | undefined, requestId: string): Promise<URL> {
      const held = actor ? await findSessionTokens(deps.db, actor.sessionId) : undefined;
      if (actor && held) {
        if (held.refresh_token_encrypted) {
          const refreshToken = deps.vault.decrypt(held.refresh_token_encrypted, {
            table: TOKEN_TABLE,
            column: 'refresh_token_encrypted',
            rowId: held.session_id,
          });
          await client.tokenRevocation(configuration, refreshToken, { token_type_hint: 'refresh_token' });
        }
        await deps.db.transaction().execute(async (tx) => {
          if (!(await deleteSessionTokens(tx, held.session_id))) return;
          await recordAuditEvent(tx, {
            action: 'identity.sso.web-session-tokens-revoked',
            actor: { kind: actor.kind, id: actor.accountId },
            onBehalfOf: actor.organisationId,
            record: { type: 'identity.session', id: actor.sessionId },
            at: deps.clock.now(),
            requestId,
            payloadHash: hashPayload({ sessionId: actor.sessionId, clientId: FIRST_PARTY_CLIENT_ID }),
          });
        });
      }
      return client.buildEndSessionUrl(configuration, {
        post_logout_redirect_uri: postLogoutRedirectUri,
        ...(held ? { id_token_hint: held.id_token } : {}),
      });
    },
  };
}

export type WebClient = ReturnType<typeof createWebClient>;
