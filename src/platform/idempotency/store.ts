import { type Kysely, sql } from 'kysely';
import type { Tables } from '../db/index.ts';

declare module '../db/tables.ts' {
  interface Tables {
    idempotency_record: IdempotencyRow;
  }
}

export type IdempotencyRow = {
  scope: string;
  actor_key: string;
  idempotency_key: string;
  request_fingerprint: string;
  /** Null only inside the transaction that is creating the first answer. */
  status_code: number | null;
  response: unknown;
  created_at: Date;
  expires_at: Date;
};

type Db = Kysely<Tables>;
type RecordKey = { scope: string; actorKey: string; key: string };

export async function findRecord(db: Db, id: RecordKey) {
  return db
    .selectFrom('idempotency_record')
    .select(['request_fingerprint', 'status_code', 'response', 'expires_at'])
    .where('scope', '=', id.scope)
    .where('actor_key', '=', id.actorKey)
    .where('idempotency_key', '=', id.key)
    .executeTakeFirst();
}

/**
 * Takes the key for this transaction: inserts the record, or takes over an expired one. Returns false
 * when a live record holds the key. On PostgreSQL a twin transaction that inserted the same key and
 * has not committed makes this statement wait for it, which is what serialises concurrent retries.
 */
export async function claimKey(
  db: Db,
  id: RecordKey,
  values: { fingerprint: string; createdAt: Date; expiresAt: Date },
): Promise<boolean> {
  const claimed = await db
    .insertInto('idempotency_record')
    .values({
      scope: id.scope,
      actor_key: id.actorKey,
      idempotency_key: id.key,
      request_fingerprint: values.fingerprint,
      status_code: null,
      response: null,
      created_at: values.createdAt,
      expires_at: values.expiresAt,
    })
    .onConflict((oc) =>
      oc
        .columns(['scope', 'actor_key', 'idempotency_key'])
        .doUpdateSet({
          request_fingerprint: values.fingerprint,
          status_code: null,
          response: null,
          created_at: values.createdAt,
          expires_at: values.expiresAt,
        })
        .where('idempotency_record.expires_at', '<=', values.createdAt),
    )
    .returning('scope')
    .executeTakeFirst();
  return claimed !== undefined;
}

export async function completeRecord(
  db: Db,
  id: RecordKey,
  statusCode: number,
  response: unknown,
): Promise<void> {
  await db
    .updateTable('idempotency_record')
    .set({ status_code: statusCode, response: sql`cast(${JSON.stringify(response)} as jsonb)` })
    .where('scope', '=', id.scope)
    .where('actor_key', '=', id.actorKey)
    .where('idempotency_key', '=', id.key)
    .execute();
}

/** Deletes up to `limit` expired records; returns how many. */
export async function deleteExpired(db: Db, now: Date, limit: number): Promise<number> {
  const result = await sql`
    delete from idempotency_record where (scope, actor_key, idempotency_key) in (
      select scope, actor_key, idempotency_key from idempotency_record
      where expires_at <= ${now} limit ${limit}
    )
  `.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}
