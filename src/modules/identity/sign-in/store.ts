import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';

declare module '../../../platform/db/tables.ts' {
  interface Tables {
    session: SessionRow;
    sign_in_throttle: ThrottleRow;
    totp_credential: TotpRow;
  }
}

export type SessionEndReason =
  | 'signed-out'
  | 'signed-out-everywhere'
  | 'replaced'
  | 'account-disabled'
  | 'password-changed'
  | 'password-reset'
  | 'second-factor-reset';

export type SessionRow = {
  id: string;
  token_hash: Uint8Array;
  account_id: string;
  authentication_methods: string[];
  user_agent: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  end_reason: SessionEndReason | null;
};

export type ThrottleScope = 'account' | 'client';

export type ThrottleRow = {
  scope: ThrottleScope;
  subject: string;
  failures: number;
  last_failure_at: Date;
  blocked_until: Date | null;
  refused_while_blocked: bigint;
};

export type TotpRow = {
  account_id: string;
  secret_encrypted: string;
  confirmed_at: Date | null;
  last_used_step: bigint | null;
  created_at: Date;
  updated_at: Date;
};

type Db = Kysely<Tables>;

const SESSION_COLUMNS = [
  'id',
  'account_id',
  'authentication_methods',
  'user_agent',
  'created_at',
  'last_seen_at',
  'expires_at',
  'ended_at',
  'end_reason',
] as const;

export async function insertSession(db: Db, row: SessionRow): Promise<void> {
  await db.insertInto('session').values(row).execute();
}

export async function findSessionByTokenHash(db: Db, tokenHash: Uint8Array) {
  return db
    .selectFrom('session')
    .select(SESSION_COLUMNS)
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Sessions not ended and not past their absolute end; the caller applies the idle timeout. */
export async function listOpenSessions(db: Db, accountId: string, now: Date) {
  return db
    .selectFrom('session')
    .select(SESSION_COLUMNS)
    .where('account_id', '=', accountId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function touchSession(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function endSession(db: Db, id: string, at: Date, reason: SessionEndReason): Promise<boolean> {
  const result = await db
    .updateTable('session')
    .set({ ended_at: at, end_reason: reason })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends every session of an account still open; returns the ids ended. */
export async function endAccountSessions(
  db: Db,
  accountId: string,
  at: Date,
  reason: SessionEndReason,
): Promise<string[]> {
  const rows = await db
    .updateTable('session')
    .set({ ended_at: at, end_reason: reason })
    .where('account_id', '=', accountId)
    .where('ended_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((row) => row.id).sort();
}

/** Ends every open session of an account except `keepSessionId`; returns the ids ended. */
export async function endOtherSessions(
  db: Db,
  accountId: string,
  keepSessionId: string,
  at: Date,
  reason: SessionEndReason,
): Promise<string[]> {
  const rows = await db
    .updateTable('session')
    .set({ ended_at: at, end_reason: reason })
    .where('account_id', '=', accountId)
    .where('id', '<>', keepSessionId)
    .where('ended_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((row) => row.id).sort();
}

export async function findThrottle(db: Db, scope: ThrottleScope, subject: string) {
  return db
    .selectFrom('sign_in_throttle')
    .select(['scope', 'subject', 'failures', 'last_failure_at', 'blocked_until', 'refused_while_blocked'])
    .where('scope', '=', scope)
    .where('subject', '=', subject)
    .executeTakeFirst();
}

export async function countRefusedWhileBlocked(db: Db, scope: ThrottleScope, subject: string): Promise<void> {
  await db
    .updateTable('sign_in_throttle')
    .set({ refused_while_blocked: sql`refused_while_blocked + 1` })
    .where('scope', '=', scope)
    .where('subject', '=', subject)
    .execute();
}

/**
 * Adds a failure in one statement, so that servers counting at once do not lose one; a failure after a
 * quiet period starts the count again. Returns the new count.
 */
export async function addFailure(
  db: Db,
  scope: ThrottleScope,
  subject: string,
  at: Date,
  forgetBefore: Date,
): Promise<number> {
  const result = await sql<{ failures: number }>`
    insert into sign_in_throttle (scope, subject, failures, last_failure_at)
    values (${scope}, ${subject}, 1, ${at})
    on conflict (scope, subject) do update set
      failures = case when sign_in_throttle.last_failure_at < ${forgetBefore} then 1
                      else sign_in_throttle.failures + 1 end,
      last_failure_at = excluded.last_failure_at
    returning failures
  `.execute(db);
  return result.rows[0]!.failures;
}

export async function blockUntil(db: Db, scope: ThrottleScope, subject: string, until: Date): Promise<void> {
  await db
    .updateTable('sign_in_throttle')
    .set({ blocked_until: until })
    .where('scope', '=', scope)
    .where('subject', '=', subject)
    .execute();
}

/** Starts the failure count again; the count of refused attempts stays, as the record of an attack. */
export async function resetFailures(db: Db, scope: ThrottleScope, subject: string): Promise<void> {
  await db
    .updateTable('sign_in_throttle')
    .set({ failures: 0, blocked_until: null })
    .where('scope', '=', scope)
    .where('subject', '=', subject)
    .execute();
}

export async function findTotp(db: Db, accountId: string) {
  return db
    .selectFrom('totp_credential')
    .select(['account_id', 'secret_encrypted', 'confirmed_at', 'last_used_step', 'created_at', 'updated_at'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** Starts (or restarts) an enrolment; a confirmed factor is left alone. Returns false if one exists. */
export async function upsertPendingTotp(db: Db, row: TotpRow): Promise<boolean> {
  const result = await db
    .insertInto('totp_credential')
    .values(row)
    .onConflict((conflict) =>
      conflict
        .column('account_id')
        .doUpdateSet({ secret_encrypted: row.secret_encrypted, updated_at: row.updated_at })
        .where('totp_credential.confirmed_at', 'is', null),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows) === 1;
}

/**
 * Records an accepted code's step, only if it is newer than the last: two servers accepting the same
 * code at once cannot both succeed.
 */
export async function spendTotpStep(db: Db, accountId: string, step: bigint, at: Date, confirm: boolean) {
  const result = await db
    .updateTable('totp_credential')
    .set({
      last_used_step: step,
      updated_at: at,
      ...(confirm ? { confirmed_at: at } : {}),
    })
    .where('account_id', '=', accountId)
    .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteTotp(db: Db, accountId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('totp_credential')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function addAuthenticationMethod(db: Db, sessionId: string, method: string): Promise<void> {
  await db
    .updateTable('session')
    .set({ authentication_methods: sql`array_append(authentication_methods, ${method})` })
    .where('id', '=', sessionId)
    .where(sql<boolean>`not (${method} = any(authentication_methods))`)
    .execute();
}
