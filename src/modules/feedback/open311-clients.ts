import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import type { AccessActor } from '../identity/index.ts';
import { hashPayload, recordAuditEvent } from '../ledger/index.ts';
import { feedbackErrors } from './errors.ts';
import {
  findOpen311ClientByKeyHash,
  insertOpen311Client,
  listOpen311Clients,
  markOpen311ClientRevoked,
} from './store.ts';
import { inTransaction } from './transaction.ts';

type Db = Kysely<Tables>;

export const MANAGE_OPEN311 = 'feedback.open311.manage';

/**
 * A key is 256 random bits, so a plain SHA-256 is enough to store it: there is nothing to guess,
 * and lookup stays one index probe.
 */
function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export async function createOpen311Client(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  name: string,
  requestId?: string,
) {
  const trimmed = name.trim();
  if (trimmed.length === 0)
    throw feedbackErrors.invalidRequest([{ pointer: '/name', detail: 'must not be blank' }]);
  const apiKey = `o311_${randomBytes(32).toString('base64url')}`;
  const id = randomUUID();
  const now = clock.now();
  const keyPrefix = apiKey.slice(0, 8);
  await inTransaction(db, async (tx) => {
    await insertOpen311Client(tx, {
      id,
      name: trimmed,
      key_prefix: keyPrefix,
      key_hash: hashKey(apiKey),
      created_by: actor.accountId,
      created_at: now,
      revoked_at: null,
    });
    await recordAuditEvent(tx, {
      action: 'feedback.open311-client.created',
      actor: { kind: 'staff', id: actor.accountId },
      record: { type: 'feedback.open311-client', id },
      at: now,
      requestId: requestId ?? null,
      payloadHash: hashPayload({ id, name: trimmed, keyPrefix }),
    });
  });
  return { id, name: trimmed, keyPrefix, apiKey, createdAt: now.toISOString() };
}

export async function listClients(db: Db) {
  return (await listOpen311Clients(db)).map((row) => ({
    id: row.id,
    name: row.name,
    keyPrefix: row.key_prefix,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
  }));
}

export async function revokeOpen311Client(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  id: string,
  requestId?: string,
): Promise<void> {
  const now = clock.now();
  await inTransaction(db, async (tx) => {
    if (!(await markOpen311ClientRevoked(tx, id, now))) throw feedbackErrors.clientNotFound(id);
    await recordAuditEvent(tx, {
      action: 'feedback.open311-client.revoked',
      actor: { kind: 'staff', id: actor.accountId },
      record: { type: 'feedback.open311-client', id },
      at: now,
      requestId: requestId ?? null,
    });
  });
}

/** The client holding this key, if the key is one we issued and it is not revoked. */
export async function findClientByKey(
  db: Db,
  apiKey: string,
): Promise<{ id: string; name: string } | undefined> {
  const client = await findOpen311ClientByKeyHash(db, hashKey(apiKey));
  return client && client.revoked_at === null ? { id: client.id, name: client.name } : undefined;
}
