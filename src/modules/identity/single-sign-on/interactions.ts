import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { auditedWrite, hashPayload } from '../../ledger/index.ts';
import type { SessionActor } from '../sign-in/session-deps.ts';
import { acrOf, SCOPE_CLAIMS, satisfiesAcrValues } from './claims.ts';
import { FIRST_PARTY_CLIENT_ID } from './clients.ts';
import { singleSignOnErrors } from './errors.ts';
import { providerTransaction } from './provider.ts';
import { findClient } from './store.ts';

export type InteractionDeps = { db: Kysely<Tables>; clock: Clock };

/** The browser's request and response: the interaction is bound to the browser that started it by a cookie. */
export type BrowserExchange = { request: IncomingMessage; response: ServerResponse; requestId: string };

async function loadInteraction(provider: Provider, exchange: BrowserExchange, uid: string) {
  let interaction: Awaited<ReturnType<Provider['interactionDetails']>>;
  try {
    interaction = await provider.interactionDetails(exchange.request, exchange.response);
  } catch {
    throw singleSignOnErrors.unknownInteraction();
  }
  // The cookie names the interaction this browser started; another id is someone else's sign-in.
  if (interaction.uid !== uid) throw singleSignOnErrors.unknownInteraction();
  const client = await provider.Client.find(String(interaction.params.client_id));
  if (!client) throw singleSignOnErrors.unknownInteraction();
  return { interaction, client };
}

/** Whether the session can sign in to services at the class the request asks for. */
function isStrongEnough(actor: SessionActor, acrValues: unknown): boolean {
  // Staff act only in sessions proven by the second factor (as on the platform itself).
  if (actor.kind === 'staff' && !actor.authenticationMethods.includes('otp')) return false;
  return satisfiesAcrValues(acrOf(actor.authenticationMethods), acrValues as string | undefined);
}

/** What our sign-in and consent pages show: which service asks, for what, and what the browser needs to do. */
export async function describeInteraction(
  db: Kysely<Tables>,
  provider: Provider,
  exchange: BrowserExchange,
  uid: string,
  actor: SessionActor | undefined,
) {
  const { interaction, client } = await loadInteraction(provider, exchange, uid);
  const scopes = String(interaction.params.scope ?? '')
    .split(' ')
    .filter((scope) => scope.length > 0);
  const acrValues = interaction.params.acr_values as string | undefined;
  const isFirstParty = client.clientId === FIRST_PARTY_CLIENT_ID;
  // The page is in the reader's language: the registered names in both (the web app's own is fixed).
  const registered = isFirstParty ? undefined : await findClient(db, client.clientId);
  return {
    uid,
    prompt: interaction.prompt.name === 'consent' ? ('consent' as const) : ('login' as const),
    client: {
      clientId: client.clientId,
      name: client.clientName ?? client.clientId,
      nameZh: registered?.name_zh ?? client.clientName ?? client.clientId,
      nameEn: isFirstParty ? 'Shuzhi' : (registered?.name_en ?? null),
      isFirstParty,
    },
    scopes,
    claims: scopes.flatMap((scope) => [...(SCOPE_CLAIMS[scope as keyof typeof SCOPE_CLAIMS] ?? [])]),
    hasPlatformSession: actor !== undefined,
    isSecondFactorRequired: actor
      ? !isStrongEnough(actor, acrValues)
      : !satisfiesAcrValues(acrOf(['pwd']), acrValues),
  };
}

/**
 * Finishes the login step from the browser's platform session, so a browser already signed in to the
 * platform is not asked for its password again. The session must reach what the service asked for.
 */
export async function completeLogin(
  deps: InteractionDeps,
  provider: Provider,
  exchange: BrowserExchange,
  uid: string,
  actor: SessionActor,
): Promise<{ redirectTo: string }> {
  const { interaction, client } = await loadInteraction(provider, exchange, uid);
  if (interaction.prompt.name !== 'login') throw singleSignOnErrors.wrongStep('login');
  if (!isStrongEnough(actor, interaction.params.acr_values)) throw singleSignOnErrors.stepUpRequired();
  const acr = acrOf(actor.authenticationMethods);
  const amr = [...actor.authenticationMethods];
  const result: InteractionResults = { login: { accountId: actor.accountId, acr, amr } };
  const redirectTo = await auditedWrite(
    deps.db,
    {
      action: 'identity.sso.signed-in',
      actor: { kind: actor.kind, id: actor.accountId },
      onBehalfOf: actor.organisationId,
      record: { type: 'identity.sso-client', id: client.clientId },
      at: deps.clock.now(),
      requestId: exchange.requestId,
      payloadHash: hashPayload({ sessionId: actor.sessionId, clientId: client.clientId, acr, amr }),
    },
    (tx) =>
      providerTransaction.run(tx, () =>
        provider.interactionResult(exchange.request, exchange.response, result, {
          mergeWithLastSubmission: false,
        }),
      ),
  );
  return { redirectTo };
}

/** The person's answer on our consent page: the scopes asked for are granted to the service, or refused. */
export async function completeConsent(
  deps: InteractionDeps,
  provider: Provider,
  exchange: BrowserExchange,
  uid: string,
  actor: SessionActor,
  decision: 'allow' | 'deny',
): Promise<{ redirectTo: string }> {
  const { interaction, client } = await loadInteraction(provider, exchange, uid);
  if (interaction.prompt.name !== 'consent') throw singleSignOnErrors.wrongStep('consent');
  if (interaction.session?.accountId !== actor.accountId) throw singleSignOnErrors.signInRequired();
  const event = {
    actor: { kind: actor.kind, id: actor.accountId },
    onBehalfOf: actor.organisationId,
    record: { type: 'identity.sso-client', id: client.clientId },
    at: deps.clock.now(),
    requestId: exchange.requestId,
  };
  if (decision === 'deny') {
    const redirectTo = await auditedWrite(
      deps.db,
      { ...event, action: 'identity.sso-consent.declined' },
      (tx) =>
        providerTransaction.run(tx, () =>
          provider.interactionResult(
            exchange.request,
            exchange.response,
            { error: 'access_denied', error_description: 'the person declined to share their sign-in' },
            { mergeWithLastSubmission: false },
          ),
        ),
    );
    return { redirectTo };
  }
  const details = interaction.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  const redirectTo = await auditedWrite(
    deps.db,
    {
      ...event,
      action: 'identity.sso-consent.granted',
      payloadHash: hashPayload({ clientId: client.clientId, ...details }),
    },
    (tx) =>
      providerTransaction.run(tx, async () => {
        const grant =
          (interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined) ??
          new provider.Grant({ accountId: actor.accountId, clientId: client.clientId });
        if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
        if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
        for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
          grant.addResourceScope(indicator, scopes.join(' '));
        }
        const grantId = await grant.save();
        return provider.interactionResult(
          exchange.request,
          exchange.response,
          { consent: { grantId } },
          { mergeWithLastSubmission: true },
        );
      }),
  );
  return { redirectTo };
}
