import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { Clock } from '../clock/index.ts';
import type { Tables } from '../db/index.ts';
import { idempotencyErrors } from './errors.ts';
import { claimKey, completeRecord, deleteExpired, findRecord } from './store.ts';

/** How long a key is remembered: a client retries within minutes; a day covers an office closing overnight. */
export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

const KEY = /^[\x21-\x7e]{1,200}$/;
const FINGERPRINT = /^[0-9a-f]{64}$/;

/** The request header as routes declare it, so that a bad key is a 400 naming the header. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '^[\\x21-\\x7e]+$',
      description: 'Any unique string (a UUID); a retry with the same key gets the first answer',
    }),
  ),
});

export type IdempotentRequest = {
  /** The operation, e.g. `identity.registration`: one key may be used for different operations. */
  scope: string;
  /** The Idempotency-Key header as sent. */
  key: string;
  /**
   * 64 hex characters identifying the request body. When the body holds personal data or a secret,
   * pass a keyed hash (the vault's blind index of `hashRequestBody(body)`), so the digest cannot be
   * used to test guesses.
   */
  requestHash: string;
  /** The signed-in account, or null for anonymous requests: one caller's key never replays another's answer. */
  actorId: string | null;
  /** Now, from the caller's clock. */
  at: Date;
  ttlMs?: number;
};

export type IdempotentOutcome<T> = { result: T; isReplay: boolean };

/** SHA-256 of the body as JSON. */
export function hashRequestBody(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

function recordKeyOf(request: IdempotentRequest) {
  if (!KEY.test(request.key)) {
    throw idempotencyErrors.invalidKey(
      request.key.length === 0 || request.key.length > 200
        ? 'has the wrong length'
        : 'has characters it may not',
    );
  }
  if (!FINGERPRINT.test(request.requestHash)) {
    // A programming error in the caller, not bad input.
    throw new Error('withIdempotency: requestHash must be 64 lowercase hex characters');
  }
  return { scope: request.scope, actorKey: request.actorId ?? '', key: request.key };
}

/**
 * The stored first answer for this key, or undefined; the same key with another body is a 409. A
 * service asks this before it validates and does slow work (a retry after success would otherwise fail
 * the checks the first request passed, e.g. "already registered").
 */
export async function findIdempotentReplay<T>(
  db: Kysely<Tables>,
  request: IdempotentRequest,
): Promise<T | undefined> {
  const record = await findRecord(db, recordKeyOf(request));
  if (!record || record.expires_at <= request.at || record.status_code === null) return undefined;
  if (record.request_fingerprint !== request.requestHash) throw idempotencyErrors.keyReused();
  return record.response as T;
}

/**
 * Runs `create` once per key, inside the caller's transaction `tx`: the key is claimed first, so a twin
 * request arriving at the same moment waits for this transaction and then gets its answer instead of
 * creating again; if this transaction rolls back, the key is free again. The answer (`create`'s
 * result, masked values only) is stored with the request's hash and replayed until the record expires.
 */
export async function withIdempotency<T>(
  tx: Kysely<Tables>,
  request: IdempotentRequest,
  create: () => Promise<T>,
  options: { statusCode?: number } = {},
): Promise<IdempotentOutcome<T>> {
  const id = recordKeyOf(request);
  const expiresAt = new Date(request.at.getTime() + (request.ttlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS));
  if (await claimKey(tx, id, { fingerprint: request.requestHash, createdAt: request.at, expiresAt })) {
    const result = await create();
    await completeRecord(tx, id, options.statusCode ?? 201, result);
    return { result, isReplay: false };
  }
  const record = await findRecord(tx, id);
  if (!record || record.status_code === null) {
    // Unreachable on PostgreSQL and PGlite (the claim waits for the twin's commit); kept as a refusal
    // rather than a second creation should a database ever behave otherwise.
    throw idempotencyErrors.keyReused();
  }
  if (record.request_fingerprint !== request.requestHash) throw idempotencyErrors.keyReused();
  return { result: record.response as T, isReplay: true };
}

/** Deletes expired records in batches; returns how many went. */
export async function purgeExpiredIdempotencyRecords(
  db: Kysely<Tables>,
  now: Date,
  batchSize = 1000,
): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteExpired(db, now, batchSize);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}

/** Deletes expired records now and then every `intervalMs`, on every server (a delete is harmless twice). */
export function startIdempotencyCleanup(options: {
  db: Kysely<Tables>;
  clock: Clock;
  intervalMs: number;
  onError: (error: unknown) => void;
}): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = purgeExpiredIdempotencyRecords(options.db, options.clock.now()).catch(options.onError);
  };
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
