import { createHash, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import type { Vault } from '../../../platform/vault/index.ts';
import { type AuditEvent, hashPayload, recordAuditEvents } from '../../ledger/index.ts';
import {
  insertSigningKey,
  listPublishedKeyStates,
  listPublishedKeys,
  lockSigningKeys,
  retireAndSupersedeKeys,
  type SigningAlgorithm,
} from './store.ts';

type Db = Kysely<Tables>;

/**
 * The provider signs with both: RS256 because it is what every relying party accepts by default (and
 * what OpenID Connect makes mandatory to implement), ES256 for clients that ask for it. Never `none`,
 * never a shared-secret HMAC.
 */
export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ['RS256', 'ES256'];

const PRIVATE_KEY_FIELD = (kid: string) => ({
  table: 'oidc_signing_key',
  column: 'private_jwk_encrypted',
  rowId: kid,
});

export type SigningKeysDeps = { db: Db; clock: Clock; vault: Vault };

export type PublishedKeys = {
  /** Private JWKs in oidc-provider's order: the first key of each algorithm signs, the rest verify. */
  jwks: { keys: JsonWebKey[] };
  /** Changes whenever a key is added, superseded or retired, so that a running provider reloads. */
  fingerprint: string;
};

/** RFC 7638 thumbprint: SHA-256 over the required public members in lexicographic order. */
function thumbprint(jwk: JsonWebKey): string {
  const members =
    jwk.kty === 'EC'
      ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
      : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

function generateKey(algorithm: SigningAlgorithm) {
  const { privateKey, publicKey } =
    algorithm === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicJwk = publicKey.export({ format: 'jwk' });
  const kid = thumbprint(publicJwk);
  const labels = { kid, alg: algorithm, use: 'sig' };
  return {
    kid,
    publicJwk: { ...publicJwk, ...labels },
    privateJwk: { ...privateKey.export({ format: 'jwk' }), ...labels },
  };
}

async function insertNewKeys(
  tx: Db,
  deps: SigningKeysDeps,
  algorithms: readonly SigningAlgorithm[],
  at: Date,
): Promise<string[]> {
  const kids: string[] = [];
  for (const algorithm of algorithms) {
    const key = generateKey(algorithm);
    await insertSigningKey(tx, {
      kid: key.kid,
      algorithm,
      public_jwk: key.publicJwk,
      private_jwk_encrypted: deps.vault.encrypt(JSON.stringify(key.privateJwk), PRIVATE_KEY_FIELD(key.kid)),
      created_at: at,
      superseded_at: null,
      retired_at: null,
    });
    kids.push(key.kid);
  }
  return kids;
}

/**
 * Makes sure there is a signing key of every algorithm, creating what is missing (the first start of a
 * deployment). Servers starting together take turns, so only one of them creates keys.
 */
export async function ensureSigningKeys(deps: SigningKeysDeps): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await lockSigningKeys(tx);
    const signing = (await listPublishedKeys(tx)).filter((key) => key.superseded_at === null);
    const missing = SIGNING_ALGORITHMS.filter(
      (algorithm) => !signing.some((key) => key.algorithm === algorithm),
    );
    if (missing.length === 0) return;
    const now = deps.clock.now();
    const created = await insertNewKeys(tx, deps, missing, now);
    await recordAuditEvents(
      tx,
      created.map(
        (kid): AuditEvent => ({
          action: 'identity.sso-signing-key.created',
          actor: { kind: 'system', id: 'single-sign-on' },
          record: { type: 'identity.sso-signing-key', id: kid },
          at: now,
          payloadHash: hashPayload({ kid }),
        }),
      ),
    );
  });
}

export type KeyRotationResult = { created: string[]; superseded: string[]; retired: string[] };

/**
 * A new key of each algorithm starts signing; the keys it replaces stay published so that tokens they
 * signed still verify, and the keys replaced at the previous rotation are retired. Rotate less often
 * than the longest token lifetime, so nothing still in use is signed by a retired key.
 */
export async function rotateSigningKeys(
  deps: SigningKeysDeps,
  by: { kind: 'system' | 'staff'; id: string },
  reason: string,
): Promise<KeyRotationResult> {
  return deps.db.transaction().execute(async (tx) => {
    await lockSigningKeys(tx);
    const now = deps.clock.now();
    const { retired, superseded } = await retireAndSupersedeKeys(tx, now);
    const created = await insertNewKeys(tx, deps, SIGNING_ALGORITHMS, now);
    const result = { created, superseded, retired };
    await recordAuditEvents(tx, [
      {
        action: 'identity.sso-signing-keys.rotated',
        actor: by,
        record: { type: 'identity.sso-signing-key', id: created[0]! },
        at: now,
        reason,
        payloadHash: hashPayload(result),
      },
    ]);
    return result;
  });
}

/** The published keys with their private halves decrypted, for the provider's keystore. */
export async function loadPublishedKeys(deps: Pick<SigningKeysDeps, 'db' | 'vault'>): Promise<PublishedKeys> {
  const rows = await listPublishedKeys(deps.db);
  return {
    jwks: {
      keys: rows.map(
        (row) =>
          JSON.parse(deps.vault.decrypt(row.private_jwk_encrypted, PRIVATE_KEY_FIELD(row.kid))) as JsonWebKey,
      ),
    },
    fingerprint: rows.map((row) => `${row.kid}:${row.superseded_at ? 'verifies' : 'signs'}`).join(','),
  };
}

/** Only the fingerprint, cheap enough to check on each protocol request. */
export async function publishedKeysFingerprint(db: Db): Promise<string> {
  const rows = await listPublishedKeyStates(db);
  return rows.map((row) => `${row.kid}:${row.superseded_at ? 'verifies' : 'signs'}`).join(',');
}
