import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import type { FieldProblem } from '../../../platform/errors/index.ts';
import { auditedWrite, hashPayload } from '../../ledger/index.ts';
import type { AccessActor } from '../access/actor.ts';
import { visibleTo } from '../access/visibility.ts';
import { singleSignOnErrors } from './errors.ts';
import { findClient, insertClient, type SsoClientRow, selectClients, updateClient } from './store.ts';

type Db = Kysely<Tables>;

export const MANAGE_CLIENTS = 'identity.clients.manage';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
const MAX_URI_LENGTH = 2000;

/**
 * Redirect URIs are matched exactly, character for character, so each must be one complete address:
 * absolute, HTTPS (plain HTTP only on the loopback interface, for development), no wildcard, no
 * fragment, no user name or password in it.
 */
export function checkRedirectUris(uris: readonly string[], pointer: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  uris.forEach((uri, index) => {
    const at = `${pointer}/${index}`;
    if (uri.length > MAX_URI_LENGTH) {
      problems.push({ pointer: at, detail: `is longer than ${MAX_URI_LENGTH} characters` });
      return;
    }
    if (seen.has(uri)) problems.push({ pointer: at, detail: 'is listed twice' });
    seen.add(uri);
    if (uri.includes('*')) {
      problems.push({ pointer: at, detail: 'contains a wildcard; give each address exactly' });
      return;
    }
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      problems.push({ pointer: at, detail: 'is not an absolute URL (https://…)' });
      return;
    }
    if (url.hash !== '' || uri.includes('#'))
      problems.push({ pointer: at, detail: 'must not have a fragment (#…)' });
    if (url.username !== '' || url.password !== '') {
      problems.push({ pointer: at, detail: 'must not contain a user name or password' });
    }
    const isLoopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
    if (url.protocol !== 'https:' && !isLoopbackHttp) {
      problems.push({
        pointer: at,
        detail:
          'must use https (plain http is allowed only on 127.0.0.1, [::1] or localhost, for development)',
      });
    }
  });
  return problems;
}

function hashSecret(secret: string): string {
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('hex')}`;
}

/**
 * Compares a presented client secret with the stored hash in constant time. Secrets are 256 random bits,
 * so a plain SHA-256 is enough (a slow password hash would only slow down the token endpoint).
 */
export function isSecretOf(secretHash: string, presented: string): boolean {
  const expected = Buffer.from(secretHash, 'utf8');
  const actual = Buffer.from(hashSecret(presented), 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The client as oidc-provider reads it. The stored hash stands in for the secret; see `isSecretOf`. */
export function clientMetadataOf(row: {
  id: string;
  name_zh: string;
  kind: SsoClientRow['kind'];
  secret_hash: string | null;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
}) {
  return {
    client_id: row.id,
    client_name: row.name_zh,
    ...(row.kind === 'confidential'
      ? { client_secret: row.secret_hash!, token_endpoint_auth_method: 'client_secret_basic' as const }
      : { token_endpoint_auth_method: 'none' as const }),
    redirect_uris: row.redirect_uris,
    post_logout_redirect_uris: row.post_logout_redirect_uris,
    grant_types: ['authorization_code'],
    response_types: ['code' as const],
  };
}

/** The web app's own client: configured, not registered, so it always matches this deployment's address. */
export function firstPartyClientMetadata(publicUrl: string, secret: string) {
  return {
    client_id: FIRST_PARTY_CLIENT_ID,
    client_name: '数治',
    client_secret: hashSecret(secret),
    token_endpoint_auth_method: 'client_secret_basic' as const,
    redirect_uris: [`${publicUrl}/auth/callback`],
    post_logout_redirect_uris: [`${publicUrl}/`],
    // The refresh token is kept (encrypted) with the web session, so that signing out can revoke it.
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code' as const],
  };
}

export const FIRST_PARTY_CLIENT_ID = 'shuzhi-web';

export type ClientInput = {
  nameZh: string;
  nameEn?: string | undefined;
  organisationId: string;
  kind: SsoClientRow['kind'];
  redirectUris: string[];
  postLogoutRedirectUris?: string[] | undefined;
};

export type ClientChanges = {
  nameZh?: string | undefined;
  nameEn?: string | null | undefined;
  redirectUris?: string[] | undefined;
  postLogoutRedirectUris?: string[] | undefined;
};

type ClientListRow = Awaited<ReturnType<ReturnType<typeof selectClients>['execute']>>[number];

export function describeClient(row: Omit<ClientListRow, 'organisation_name_zh' | 'division_path'>) {
  return {
    clientId: row.id,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    organisationId: row.organisation_id,
    kind: row.kind,
    redirectUris: row.redirect_uris,
    postLogoutRedirectUris: row.post_logout_redirect_uris,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function checkUris(input: {
  redirectUris?: string[] | undefined;
  postLogoutRedirectUris?: string[] | undefined;
}) {
  const problems = [
    ...checkRedirectUris(input.redirectUris ?? [], '/redirectUris'),
    ...checkRedirectUris(input.postLogoutRedirectUris ?? [], '/postLogoutRedirectUris'),
  ];
  if (problems.length > 0) throw singleSignOnErrors.invalidClient(problems);
}

/**
 * Registers a government system as a client, for an organisation in the administrator's area. A
 * confidential client's secret is returned here once and only its hash is kept.
 */
export async function registerClient(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  input: ClientInput,
  requestId: string,
): Promise<{ clientId: string; clientSecret: string | null }> {
  checkUris(input);
  const organisation = await db
    .selectFrom('organisation as o')
    .innerJoin('division as d', 'd.code', 'o.division_code')
    .select(['o.id', 'o.is_active', 'd.path', 'd.province_code'])
    .where('o.id', '=', input.organisationId)
    .executeTakeFirst();
  if (!organisation?.is_active) {
    throw singleSignOnErrors.invalidClient([
      { pointer: '/organisationId', detail: 'is not an active registered organisation' },
    ]);
  }
  if (!actor.can(MANAGE_CLIENTS, { divisionPath: organisation.path, organisationId: organisation.id })) {
    throw singleSignOnErrors.outsideScope();
  }
  const clientId = randomBytes(16).toString('base64url');
  const clientSecret = input.kind === 'confidential' ? randomBytes(32).toString('base64url') : null;
  const now = clock.now();
  const postLogoutRedirectUris = input.postLogoutRedirectUris ?? [];
  await auditedWrite(
    db,
    {
      action: 'identity.sso-client.registered',
      actor: { kind: actor.kind, id: actor.accountId },
      onBehalfOf: actor.organisationId,
      record: { type: 'identity.sso-client', id: clientId },
      at: now,
      requestId,
      payloadHash: hashPayload({ ...input, postLogoutRedirectUris }),
    },
    (tx) =>
      insertClient(tx, {
        id: clientId,
        name_zh: input.nameZh.trim(),
        name_en: input.nameEn?.trim() || null,
        organisation_id: organisation.id,
        kind: input.kind,
        secret_hash: clientSecret === null ? null : hashSecret(clientSecret),
        redirect_uris: input.redirectUris,
        post_logout_redirect_uris: postLogoutRedirectUris,
        status: 'active',
        province_code: organisation.province_code,
        created_at: now,
        updated_at: now,
      }),
  );
  return { clientId, clientSecret };
}

/** Clients of organisations in the administrator's area, filtered in SQL. */
export async function listClients(db: Db, actor: AccessActor) {
  const rows = await selectClients(db)
    .where((eb) =>
      visibleTo(eb, actor, MANAGE_CLIENTS, {
        divisionPath: eb.ref('d.path'),
        organisationId: eb.ref('o.id'),
      }),
    )
    .orderBy('c.created_at', 'desc')
    .limit(1000)
    .execute();
  return rows.map((row) => ({ ...describeClient(row), organisationNameZh: row.organisation_name_zh }));
}

/** A client the administrator may manage; others are "not found", so their existence is not revealed. */
async function getManagedClient(db: Db, actor: AccessActor, clientId: string) {
  const client = await findClient(db, clientId);
  if (
    !client ||
    !actor.can(MANAGE_CLIENTS, { divisionPath: client.division_path, organisationId: client.organisation_id })
  ) {
    throw singleSignOnErrors.unknownClient(clientId);
  }
  if (client.status === 'disabled') throw singleSignOnErrors.clientDisabled(clientId);
  return client;
}

export async function changeClient(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  clientId: string,
  changes: ClientChanges,
  requestId: string,
) {
  checkUris(changes);
  await getManagedClient(db, actor, clientId);
  const now = clock.now();
  await auditedWrite(
    db,
    {
      action: 'identity.sso-client.changed',
      actor: { kind: actor.kind, id: actor.accountId },
      onBehalfOf: actor.organisationId,
      record: { type: 'identity.sso-client', id: clientId },
      at: now,
      requestId,
      payloadHash: hashPayload(changes),
    },
    (tx) =>
      updateClient(tx, clientId, {
        ...(changes.nameZh !== undefined ? { name_zh: changes.nameZh.trim() } : {}),
        ...(changes.nameEn !== undefined ? { name_en: changes.nameEn?.trim() || null } : {}),
        ...(changes.redirectUris !== undefined ? { redirect_uris: changes.redirectUris } : {}),
        ...(changes.postLogoutRedirectUris !== undefined
          ? { post_logout_redirect_uris: changes.postLogoutRedirectUris }
          : {}),
        updated_at: now,
      }),
  );
  const updated = await findClient(db, clientId);
  return describeClient(updated!);
}

/** A disabled client is refused at every endpoint of the provider from the next request on. */
export async function disableClient(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  clientId: string,
  reason: string,
  requestId: string,
): Promise<void> {
  await getManagedClient(db, actor, clientId);
  const now = clock.now();
  await auditedWrite(
    db,
    {
      action: 'identity.sso-client.disabled',
      actor: { kind: actor.kind, id: actor.accountId },
      onBehalfOf: actor.organisationId,
      record: { type: 'identity.sso-client', id: clientId },
      at: now,
      reason,
      requestId,
    },
    (tx) => updateClient(tx, clientId, { status: 'disabled', updated_at: now }),
  );
}
