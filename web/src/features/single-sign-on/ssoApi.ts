import { requestJson } from '../../app/api.ts';

/** The shapes of src/modules/identity/single-sign-on/schemas.ts that the pages use. */
export interface Interaction {
  uid: string;
  prompt: 'login' | 'consent';
  client: { clientId: string; name: string; nameZh: string; nameEn: string | null; isFirstParty: boolean };
  scopes: readonly string[];
  claims: readonly string[];
  hasPlatformSession: boolean;
  isSecondFactorRequired: boolean;
}

export type ClientKind = 'confidential' | 'public';

export interface SsoClient {
  clientId: string;
  nameZh: string;
  nameEn: string | null;
  organisationId: string;
  organisationNameZh: string;
  kind: ClientKind;
  redirectUris: readonly string[];
  postLogoutRedirectUris: readonly string[];
  status: 'active' | 'disabled';
  createdAt: string;
  updatedAt: string;
}

export interface ClientRegistration {
  nameZh: string;
  nameEn?: string;
  organisationId: string;
  kind: ClientKind;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export interface OrganisationOption {
  id: string;
  nameZh: string;
}

export const problemCodes = {
  unknownInteraction: 'identity.sso-interaction-not-found',
  stepUpRequired: 'identity.sso-step-up-required',
  signInRequired: 'identity.sso-sign-in-required',
  invalidClient: 'identity.invalid-sso-client',
  clientDisabled: 'identity.sso-client-disabled',
} as const;

const interactionPath = (uid: string) => `/api/identity/sso/interactions/${encodeURIComponent(uid)}`;

export function fetchInteraction(uid: string, signal?: AbortSignal): Promise<Interaction> {
  return requestJson<Interaction>(interactionPath(uid), signal ? { signal } : {});
}

export function completeLogin(uid: string): Promise<{ redirectTo: string }> {
  return requestJson(`${interactionPath(uid)}/login`, { method: 'POST' });
}

export function answerConsent(uid: string, decision: 'allow' | 'deny'): Promise<{ redirectTo: string }> {
  return requestJson(`${interactionPath(uid)}/consent`, { method: 'POST', body: { decision } });
}

export async function fetchClients(signal?: AbortSignal): Promise<readonly SsoClient[]> {
  const answer = await requestJson<{ clients: SsoClient[] }>(
    '/api/identity/sso-clients',
    signal ? { signal } : {},
  );
  return answer.clients;
}

export function registerClient(
  registration: ClientRegistration,
): Promise<{ clientId: string; clientSecret: string | null }> {
  return requestJson('/api/identity/sso-clients', { method: 'POST', body: registration });
}

export function changeClientAddresses(
  clientId: string,
  changes: { redirectUris: string[]; postLogoutRedirectUris: string[] },
): Promise<SsoClient> {
  return requestJson(`/api/identity/sso-clients/${encodeURIComponent(clientId)}`, {
    method: 'PATCH',
    body: changes,
  });
}

export function disableClient(clientId: string, reason: string): Promise<unknown> {
  return requestJson(`/api/identity/sso-clients/${encodeURIComponent(clientId)}/disabling`, {
    method: 'POST',
    body: { reason },
  });
}

/** The organisations an administrator may register a system for (those the administration API lists). */
export async function fetchOrganisationOptions(signal?: AbortSignal): Promise<readonly OrganisationOption[]> {
  const options: OrganisationOption[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ isActive: 'true', limit: '100', ...(cursor ? { cursor } : {}) });
    const page = await requestJson<{ organisations: OrganisationOption[]; nextCursor: string | null }>(
      `/api/identity/organisations?${query}`,
      signal ? { signal } : {},
    );
    options.push(...page.organisations);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return options;
}
