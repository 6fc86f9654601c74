/**
 * The systems of a department that call the hub. Each gets an API key, shown once and stored as a
 * SHA-256 hash: the identity module's single sign-on serves people signing in (authorization code with
 * PKCE), not machine clients, so the hub authenticates systems itself.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Tables } from '../../platform/db/index.ts';
import type { AccessActor } from '../identity/index.ts';
import { hashPayload, recordAuditEvent } from '../ledger/index.ts';
import { actingDepartment } from './catalogue.ts';
import { sharingErrors } from './errors.ts';
import { findSystemByKeyHash, insertSystem, listSystemsOf, type SystemRow } from './store.ts';
import { inTransaction } from './transaction.ts';

type Db = Kysely<Tables>;

export const MANAGE_SYSTEMS = 'sharing.systems.manage';

/** A key is 256 random bits, so a plain SHA-256 suffices: nothing to guess, and lookup is one index probe. */
export function hashSystemKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export async function registerSystem(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  name: string,
  requestId?: string,
) {
  const department = await actingDepartment(db, actor);
  if (!actor.can(MANAGE_SYSTEMS, { divisionPath: department.divisionPath, organisationId: department.id }))
    throw sharingErrors.notOwner();
  const trimmed = name.trim();
  if (trimmed.length === 0) throw sharingErrors.invalid([{ pointer: '/name', detail: 'must not be blank' }]);
  const apiKey = `shx_${randomBytes(32).toString('base64url')}`;
  const now = clock.now();
  const row: SystemRow = {
    id: randomUUID(),
    organisation_id: department.id,
    name: trimmed,
    key_prefix: apiKey.slice(0, 8),
    key_hash: hashSystemKey(apiKey),
    created_by: actor.accountId,
    created_at: now,
    revoked_at: null,
  };
  await inTransaction(db, async (tx) => {
    await insertSystem(tx, row);
    await recordAuditEvent(tx, {
      action: 'sharing.system.registered',
      actor: { kind: 'staff', id: actor.accountId },
      onBehalfOf: department.id,
      record: { type: 'sharing.system', id: row.id },
      at: now,
      requestId: requestId ?? null,
      payloadHash: hashPayload({ id: row.id, name: trimmed, keyPrefix: row.key_prefix }),
    });
  });
  return { id: row.id, name: trimmed, keyPrefix: row.key_prefix, apiKey, createdAt: now.toISOString() };
}

/**
 * A system with a key chosen in advance: for the demo, whose key is published so visitors can call the
 * hub. Real systems get theirs from registerSystem, shown once.
 */
export async function seedSystem(
  db: Db,
  clock: Clock,
  spec: { organisationId: string; name: string; apiKey: string; createdBy: string },
): Promise<string> {
  const id = randomUUID();
  const now = clock.now();
  await inTransaction(db, async (tx) => {
    await insertSystem(tx, {
      id,
      organisation_id: spec.organisationId,
      name: spec.name,
      key_prefix: spec.apiKey.slice(0, 8),
      key_hash: hashSystemKey(spec.apiKey),
      created_by: spec.createdBy,
      created_at: now,
      revoked_at: null,
    });
    await recordAuditEvent(tx, {
      action: 'sharing.system.registered',
      actor: { kind: 'system', id: 'seed' },
      onBehalfOf: spec.organisationId,
      record: { type: 'sharing.system', id },
      at: now,
      payloadHash: hashPayload({ id, name: spec.name, keyPrefix: spec.apiKey.slice(0, 8) }),
    });
  });
  return id;
}

export async function listSystems(db: Db, actor: AccessActor) {
  const department = await actingDepartment(db, actor);
  return (await listSystemsOf(db, department.id)).map((row) => ({
    id: row.id,
    name: row.name,
    keyPrefix: row.key_prefix,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
  }));
}

/** The system holding this key, if we issued it and it still works. */
export async function authenticateSystem(db: Db, apiKey: string | undefined): Promise<SystemRow> {
  if (!apiKey) throw sharingErrors.systemKeyMissing();
  const system = await findSystemByKeyHash(db, hashSystemKey(apiKey));
  if (!system || system.revoked_at !== null) throw sharingErrors.systemKeyMissing();
  return system;
}
