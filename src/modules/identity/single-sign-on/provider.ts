import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Kysely } from 'kysely';
import Provider, { type Configuration, interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import type { Vault } from '../../../platform/vault/index.ts';
import type { SessionActor } from '../sign-in/session-deps.ts';
import { createAdapterClass } from './adapter.ts';
import { ACR_VALUES, loadAccountClaims, SCOPE_CLAIMS, satisfiesAcrValues } from './claims.ts';
import { FIRST_PARTY_CLIENT_ID, firstPartyClientMetadata, isSecretOf } from './clients.ts';
import { errorPage, logoutPage, signedOutPage } from './pages.ts';
import { ensureSigningKeys, loadPublishedKeys, publishedKeysFingerprint } from './signing-keys.ts';

type Db = Kysely<Tables>;

/** Where the provider is mounted: the issuer is the public URL with this path. */
export const PROTOCOL_PREFIX = '/oidc';

export type ProviderDeps = {
  db: Db;
  clock: Clock;
  vault: Vault;
  /** The address browsers and services reach this deployment at, without a trailing slash. */
  publicUrl: string;
  secretKey: string;
  trustProxy: boolean;
  /**
   * Ends the platform session of a protocol request (RP-initiated logout ends both); returns the
   * Set-Cookie header that clears the session cookie, if there was a session.
   */
  endPlatformSession(request: IncomingMessage): Promise<string | undefined>;
};

/**
 * What the provider needs to know about the platform session of the request it is handling: filled by
 * the Fastify route before it hands the request over, read by the provider's interaction checks.
 */
export const protocolRequests = new WeakMap<
  IncomingMessage,
  { session: SessionActor | undefined; requestId: string }
>();

/**
 * Writes the provider makes inside this scope join the given transaction, so that a consent grant and
 * its audit event are stored together or not at all.
 */
export const providerTransaction = new AsyncLocalStorage<Db>();

/** Derived, so that the first-party client's secret and the cookie keys need no separate configuration. */
function derive(secretKey: string, purpose: string): string {
  return createHmac('sha256', secretKey).update(`shuzhi.single-sign-on.${purpose}`).digest('base64url');
}

export function firstPartyClientSecret(secretKey: string): string {
  return derive(secretKey, 'first-party-client-secret');
}

export const issuerOf = (publicUrl: string) => `${publicUrl}${PROTOCOL_PREFIX}`;

/** Interactions open our own pages: the platform's sign-in page, and the consent page of this feature. */
export function interactionPageUrl(prompt: string, uid: string): string {
  return prompt === 'consent' ? `/sso/consent?interaction=${uid}` : `/account/sign-in?interaction=${uid}`;
}

function loginPolicy() {
  const policy = interactionPolicy.base();
  const login = policy.get('login')!;
  // Sign-on follows the platform session: once the browser has signed out of the platform (or signed in
  // as someone else), services must not keep getting codes from the provider's own, older session.
  login.checks.add(
    new interactionPolicy.Check(
      'platform_session_ended',
      'the platform session behind this sign-on has ended',
      (ctx) => {
        const accountId = ctx.oidc.session?.accountId;
        if (!accountId) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
        return protocolRequests.get(ctx.req)?.session?.accountId === accountId
          ? interactionPolicy.Check.NO_NEED_TO_PROMPT
          : interactionPolicy.Check.REQUEST_PROMPT;
      },
    ),
  );
  // acr_values are voluntary in OpenID Connect, but a service asking for the second factor is asking for
  // step-up: a session that does not reach the class is sent to sign in again.
  login.checks.add(
    new interactionPolicy.Check(
      'acr_values_not_satisfied',
      'the requested authentication context class is not satisfied by the session',
      (ctx) =>
        satisfiesAcrValues(ctx.oidc.session?.acr, ctx.oidc.params?.acr_values as string | undefined)
          ? interactionPolicy.Check.NO_NEED_TO_PROMPT
          : interactionPolicy.Check.REQUEST_PROMPT,
    ),
  );
  return policy;
}

function configuration(deps: ProviderDeps, jwks: Configuration['jwks']): Configuration {
  const cookieKeys = [derive(deps.secretKey, 'cookies')];
  return {
    adapter: createAdapterClass(deps.db, deps.clock, () => providerTransaction.getStore()),
    clients: [firstPartyClientMetadata(deps.publicUrl, firstPartyClientSecret(deps.secretKey))],
    jwks,
    async findAccount(_ctx, sub) {
      const claims = await loadAccountClaims(deps.db, deps.clock, sub);
      if (!claims) return undefined;
      return { accountId: sub, claims: async () => claims };
    },
    // acr, amr and auth_time go with every ID token (not only when asked for with the claims parameter):
    // they tell a service how and when the person signed in, so it can ask for step-up.
    claims: {
      sid: null,
      iss: null,
      openid: ['sub', 'acr', 'amr', 'auth_time'],
      ...Object.fromEntries(Object.entries(SCOPE_CLAIMS).map(([scope, claims]) => [scope, [...claims]])),
    },
    scopes: ['openid', ...Object.keys(SCOPE_CLAIMS)],
    acrValues: [...ACR_VALUES],
    // The scope's claims go into the ID token too, so a service has them without a userinfo call.
    conformIdTokenClaims: false,
    allowOmittingSingleRegisteredRedirectUri: false,
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'none'],
    enabledJWA: {
      idTokenSigningAlgValues: ['RS256', 'ES256'],
      userinfoSigningAlgValues: ['RS256', 'ES256'],
      requestObjectSigningAlgValues: ['RS256', 'ES256'],
      authorizationSigningAlgValues: ['RS256', 'ES256'],
      introspectionSigningAlgValues: ['RS256', 'ES256'],
      clientAuthSigningAlgValues: ['RS256', 'ES256'],
    },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      requestObjects: { enabled: true, requireSignedRequestObject: false },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          ctx.type = 'html';
          ctx.body = logoutPage(form, ctx.oidc.client?.clientName);
        },
        async postLogoutSuccessSource(ctx) {
          ctx.type = 'html';
          ctx.body = signedOutPage(ctx.oidc.client?.clientName);
        },
      },
    },
    interactions: {
      policy: loginPolicy(),
      url: (_ctx, interaction) => interactionPageUrl(interaction.prompt.name, interaction.uid),
    },
    cookies: {
      keys: cookieKeys,
      long: { httpOnly: true, sameSite: 'lax' },
      // Path / so that the interaction cookie also reaches /api/identity/sso/interactions: completing an
      // interaction needs the browser that started it, not just its id.
      short: { httpOnly: true, sameSite: 'lax', path: '/' },
    },
    // The web app keeps its tokens on the server, bound to the platform session; other clients get a
    // refresh token only when they ask for offline access.
    async issueRefreshToken(_ctx, client, code) {
      return (
        client.grantTypeAllowed('refresh_token') &&
        (client.clientId === FIRST_PARTY_CLIENT_ID || code.scopes.has('offline_access'))
      );
    },
    async loadExistingGrant(ctx) {
      const grantId =
        (ctx.oidc.result?.consent?.grantId as string | undefined) ??
        ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      // The platform's own web app is not asked for consent: it is the platform.
      if (ctx.oidc.client!.clientId !== FIRST_PARTY_CLIENT_ID) return undefined;
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
      await grant.save();
      return grant;
    },
    async renderError(ctx: KoaContextWithOIDC, out) {
      ctx.type = 'html';
      ctx.body = errorPage(out.error, out.error_description, protocolRequests.get(ctx.req)?.requestId ?? '');
    },
  };
}

/**
 * The provider for the keys currently published. Keys are in the database, so a rotation made by the
 * CLI (or another server) is seen at the next protocol request, which builds a new provider; the
 * provider keeps no other state in memory.
 */
export function createProviderSource(deps: ProviderDeps) {
  let current: { fingerprint: string; provider: Promise<Provider> } | undefined;
  // Keys are made at the first protocol request rather than when the app is built, so building an app
  // (every test does) writes nothing.
  let keysEnsured: Promise<void> | undefined;
  return async function providerNow(): Promise<Provider> {
    keysEnsured ??= ensureSigningKeys(deps).catch((error: unknown) => {
      keysEnsured = undefined;
      throw error;
    });
    await keysEnsured;
    const fingerprint = await publishedKeysFingerprint(deps.db);
    if (current?.fingerprint !== fingerprint) {
      current = { fingerprint, provider: buildProvider(deps) };
      // A failed build is not kept: the next request tries again.
      current.provider.catch(() => {
        current = undefined;
      });
    }
    return current.provider;
  };
}

async function buildProvider(deps: ProviderDeps): Promise<Provider> {
  const { jwks } = await loadPublishedKeys(deps);
  const provider = new Provider(issuerOf(deps.publicUrl), configuration(deps, jwks as Configuration['jwks']));
  provider.proxy = deps.trustProxy;
  provider.use(async (ctx, next) => {
    await next();
    const hasSignedOut =
      ctx.oidc?.route === 'end_session_confirm' && Boolean(ctx.oidc.params?.logout) && ctx.status < 400;
    if (!hasSignedOut) return;
    const clearing = await deps.endPlatformSession(ctx.req);
    if (clearing) ctx.append('set-cookie', clearing);
  });
  // Client secrets are kept only as hashes; the metadata holds the hash where the secret would be.
  provider.Client.prototype.compareClientSecret = async function compare(
    this: { clientSecret?: string },
    actual: string,
  ) {
    return this.clientSecret !== undefined && isSecretOf(this.clientSecret, actual);
  };
  return provider;
}
