import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';

declare module '../../../platform/db/tables.ts' {
  interface Tables {
    person: PersonRow;
    password_credential: PasswordCredentialRow;
    idempotency_record: IdempotencyRow;
  }
}

export type PersonRow = {
  account_id: string;
  name_encrypted: string;
  name_masked: string;
  resident_id_encrypted: string;
  resident_id_index: string;
  resident_id_masked: string;
  phone_encrypted: string;
  phone_index: string;
  phone_masked: string;
  created_at: Date;
  updated_at: Date;
};

export type PasswordCredentialRow = {
  account_id: string;
  password_hash: string;
  created_at: Date;
  updated_at: Date;
};

export type IdempotencyRow = {
  scope: string;
  idempotency_key: string;
  request_fingerprint: string;
  status_code: number;
  response: unknown;
  created_at: Date;
};

type Db = Kysely<Tables>;

export async function insertPerson(db: Db, row: PersonRow): Promise<void> {
  await db.insertInto('person').values(row).execute();
}

export async function insertPasswordCredential(db: Db, row: PasswordCredentialRow): Promise<void> {
  await db.insertInto('password_credential').values(row).execute();
}

export async function isResidentIdRegistered(db: Db, residentIdIndex: string): Promise<boolean> {
  const row = await db
    .selectFrom('person')
    .select('account_id')
    .where('resident_id_index', '=', residentIdIndex)
    .executeTakeFirst();
  return row !== undefined;
}

export async function isPhoneRegistered(db: Db, phoneIndex: string): Promise<boolean> {
  const row = await db
    .selectFrom('person')
    .select('account_id')
    .where('phone_index', '=', phoneIndex)
    .executeTakeFirst();
  return row !== undefined;
}

/** The masked view of a person: nothing here needs decrypting, and nothing here can be decrypted. */
export async function findMaskedPerson(db: Db, accountId: string) {
  return db
    .selectFrom('person')
    .select(['account_id', 'name_masked', 'resident_id_masked', 'phone_masked', 'created_at'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** The account and password hash behind a sign-in identifier's blind index. */
export async function findCredentialByIndex(
  db: Db,
  column: 'resident_id_index' | 'phone_index',
  index: string,
) {
  return db
    .selectFrom('person as p')
    .innerJoin('account as a', 'a.id', 'p.account_id')
    .innerJoin('password_credential as c', 'c.account_id', 'p.account_id')
    .select(['a.id as account_id', 'a.kind', 'a.status', 'a.organisation_id', 'c.password_hash'])
    .where(`p.${column}`, '=', index)
    .executeTakeFirst();
}

export async function findIdempotencyRecord(db: Db, scope: string, key: string) {
  return db
    .selectFrom('idempotency_record')
    .select(['scope', 'idempotency_key', 'request_fingerprint', 'status_code', 'response', 'created_at'])
    .where('scope', '=', scope)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function insertIdempotencyRecord(db: Db, row: IdempotencyRow): Promise<void> {
  await db
    .insertInto('idempotency_record')
    .values({ ...row, response: sql`cast(${JSON.stringify(row.response)} as jsonb)` })
    .execute();
}
