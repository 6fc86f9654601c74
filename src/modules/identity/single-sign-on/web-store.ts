import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';

declare module '../../../platform/db/tables.ts' {
  interface Tables {
    web_sign_in_attempt: WebSignInAttemptRow;
    web_session_token: WebSessionTokenRow;
  }
}

export type WebSignInAttemptRow = {
  id_hash: Uint8Array;
  state: string;
  nonce: string;
  code_verifier_encrypted: string;
  return_to: string;
  created_at: Date;
  expires_at: Date;
};

export type WebSessionTokenRow = {
  session_id: string;
  account_id: string;
  id_token: string;
  access_token_encrypted: string;
  refresh_token_encrypted: string | null;
  acr: string;
  amr: string[];
  signed_in_at: Date;
  expires_at: Date;
};

type Db = Kysely<Tables>;

export async function insertAttempt(db: Db, row: WebSignInAttemptRow, now: Date): Promise<void> {
  await db.deleteFrom('web_sign_in_attempt').where('expires_at', '<=', now).execute();
  await db.insertInto('web_sign_in_attempt').values(row).execute();
}

/** Takes the attempt out (single use): a second callback with the same cookie finds nothing. */
export async function takeAttempt(db: Db, idHash: Uint8Array, now: Date) {
  return db
    .deleteFrom('web_sign_in_attempt')
    .where('id_hash', '=', idHash)
    .where('expires_at', '>', now)
    .returning(['state', 'nonce', 'code_verifier_encrypted', 'return_to'])
    .executeTakeFirst();
}

/** One set of tokens per platform session: signing in through the provider again replaces them. */
export async function upsertSessionTokens(db: Db, row: WebSessionTokenRow, now: Date): Promise<void> {
  await db.deleteFrom('web_session_token').where('expires_at', '<=', now).execute();
  await db
    .insertInto('web_session_token')
    .values(row)
    .onConflict((conflict) =>
      conflict.column('session_id').doUpdateSet({
        account_id: row.account_id,
        id_token: row.id_token,
        access_token_encrypted: row.access_token_encrypted,
        refresh_token_encrypted: row.refresh_token_encrypted,
        acr: row.acr,
        amr: row.amr,
        signed_in_at: row.signed_in_at,
        expires_at: row.expires_at,
      }),
    )
    .execute();
}

export async function findSessionTokens(db: Db, sessionId: string) {
  return db
    .selectFrom('web_session_token')
    .select([
      'session_id',
      'account_id',
      'id_token',
      'access_token_encrypted',
      'refresh_token_encrypted',
      'acr',
      'amr',
      'signed_in_at',
      'expires_at',
    ])
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
}

export async function deleteSessionTokens(db: Db, sessionId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('web_session_token')
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
