import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import type { Vault } from '../../platform/vault/index.ts';
import { hashPayload, recordAuditEvent } from '../ledger/index.ts';
import {
  findActiveSigningKey,
  insertSigningKey,
  listSigningKeys,
  lockSigningKeys,
  supersedeActiveSigningKey,
} from './store.ts';

type Db = Kysely<Tables>;

const PRIVATE_KEY_FIELD = (kid: string) => ({
  table: 'credential_signing_key',
  column: 'private_jwk_encrypted',
  rowId: kid,
});

export type SigningKey = { kid: string; privateKey: KeyObject };

/** RFC 7638 thumbprint of an OKP key: SHA-256 over its required members in lexicographic order. */
function thumbprint(jwk: { crv?: string; kty?: string; x?: string }): string {
  return createHash('sha256')
    .update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x }))
    .digest('base64url');
}

async function createSigningKey(tx: Db, vault: Vault, at: Date): Promise<SigningKey> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicJwk = publicKey.export({ format: 'jwk' });
  const kid = thumbprint(publicJwk);
  await insertSigningKey(tx, {
    kid,
    public_jwk: { ...publicJwk, kid, alg: 'EdDSA', use: 'sig' },
    private_jwk_encrypted: vault.encrypt(
      JSON.stringify(privateKey.export({ format: 'jwk' })),
      PRIVATE_KEY_FIELD(kid),
    ),
    created_at: at,
    superseded_at: null,
  });
  await recordAuditEvent(tx, {
    action: 'credentials.signing-key.created',
    actor: { kind: 'system', id: 'credentials' },
    record: { type: 'credentials.signing-key', id: kid },
    at,
    payloadHash: hashPayload({ kid }),
  });
  return { kid, privateKey };
}

/**
 * The key that signs now, inside the caller's transaction. The first issue of a deployment makes it;
 * servers issuing their first credential together take turns, so only one key is made.
 */
export async function signingKeyFor(tx: Db, deps: { vault: Vault; clock: Clock }): Promise<SigningKey> {
  let row = await findActiveSigningKey(tx);
  if (!row) {
    await lockSigningKeys(tx);
    row = await findActiveSigningKey(tx);
    if (!row) return createSigningKey(tx, deps.vault, deps.clock.now());
  }
  const jwk = JSON.parse(deps.vault.decrypt(row.private_jwk_encrypted, PRIVATE_KEY_FIELD(row.kid)));
  return { kid: row.kid, privateKey: createPrivateKey({ key: jwk, format: 'jwk' }) };
}

/**
 * A new key starts signing; the old one stays published, because what it signed stays valid for
 * years. Audited with the reason.
 */
export async function rotateCredentialSigningKey(
  db: Db,
  deps: { vault: Vault; clock: Clock },
  by: { kind: 'system' | 'staff'; id: string },
  reason: string,
): Promise<{ created: string; superseded: string | null }> {
  return db.transaction().execute(async (tx) => {
    await lockSigningKeys(tx);
    const now = deps.clock.now();
    const superseded = (await supersedeActiveSigningKey(tx, now)) ?? null;
    const created = await createSigningKey(tx, deps.vault, now);
    const result = { created: created.kid, superseded };
    await recordAuditEvent(tx, {
      action: 'credentials.signing-keys.rotated',
      actor: by,
      record: { type: 'credentials.signing-key', id: created.kid },
      at: now,
      reason,
      payloadHash: hashPayload(result),
    });
    return result;
  });
}

export type PublishedKey = {
  kid: string;
  jwk: Record<string, unknown>;
  publicKey: KeyObject;
  createdAt: Date;
  supersededAt: Date | null;
};

/** Every key that ever signed, newest first, with its public half only. */
export async function publishedKeys(db: Db): Promise<PublishedKey[]> {
  const rows = await listSigningKeys(db);
  return rows.map((row) => ({
    kid: row.kid,
    jwk: row.public_jwk,
    publicKey: createPublicKey({ key: row.public_jwk as never, format: 'jwk' }),
    createdAt: row.created_at,
    supersededAt: row.superseded_at,
  }));
}
