import type { ColumnType, Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';

declare module '../../../platform/db/tables.ts' {
  interface Tables {
    person: PersonRow & PersonEmailColumns;
    password_credential: PasswordCredentialRow;
    password_reset: PasswordResetRow;
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

/** Optional on insert: a person registers without an e-mail address and may add one later. */
type PersonEmailColumns = {
  email_encrypted: ColumnType<string | null, string | null | undefined, string | null>;
  email_masked: ColumnType<string | null, string | null | undefined, string | null>;
};

export type PasswordCredentialRow = {
  account_id: string;
  password_hash: string;
  created_at: Date;
  updated_at: Date;
};

export type PasswordResetRow = {
  id: string;
  account_id: string;
  code_hash: string;
  issued_by: string;
  reason: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  superseded_at: Date | null;
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

/** The enterprise account of the organisation with this credit code, and its password hash. */
export async function findEnterpriseCredential(db: Db, creditCode: string) {
  return db
    .selectFrom('organisation as o')
    .innerJoin('account as a', 'a.organisation_id', 'o.id')
    .innerJoin('password_credential as c', 'c.account_id', 'a.id')
    .select(['a.id as account_id', 'a.kind', 'a.status', 'a.organisation_id', 'c.password_hash'])
    .where('o.credit_code', '=', creditCode)
    .where('a.kind', '=', 'enterprise')
    .executeTakeFirst();
}

/** The enterprise account that acts for an organisation, with the organisation and its division path. */
export async function findEnterpriseAccountOf(db: Db, organisationId: string) {
  return db
    .selectFrom('organisation as o')
    .innerJoin('division as d', 'd.code', 'o.division_code')
    .leftJoin('account as a', (join) =>
      join.onRef('a.organisation_id', '=', 'o.id').on('a.kind', '=', 'enterprise'),
    )
    .select([
      'o.id as organisation_id',
      'o.kind as organisation_kind',
      'o.name_zh',
      'o.name_en',
      'o.credit_code',
      'o.division_code',
      'o.is_active',
      'd.path as division_path',
      'd.province_code',
      'a.id as account_id',
      'a.status',
      'a.created_at',
    ])
    .where('o.id', '=', organisationId)
    .executeTakeFirst();
}

/** The account, its division path and what identifies its holder, for lifecycle checks. */
export async function findAccountForLifecycle(db: Db, accountId: string) {
  return db
    .selectFrom('account as a')
    .innerJoin('division as d', 'd.code', 'a.division_code')
    .leftJoin('organisation as o', 'o.id', 'a.organisation_id')
    .leftJoin('person as p', 'p.account_id', 'a.id')
    .select([
      'a.id',
      'a.kind',
      'a.status',
      'a.organisation_id',
      'd.path as division_path',
      'o.credit_code',
      'p.resident_id_encrypted',
      'p.phone_encrypted',
    ])
    .where('a.id', '=', accountId)
    .executeTakeFirst();
}

export async function findOrganisationSummary(db: Db, organisationId: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'kind', 'name_zh', 'name_en', 'credit_code'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
}

export async function findPasswordHash(db: Db, accountId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('password_credential')
    .select('password_hash')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row?.password_hash;
}

export async function updatePasswordHash(db: Db, accountId: string, passwordHash: string, at: Date) {
  await db
    .updateTable('password_credential')
    .set({ password_hash: passwordHash, updated_at: at })
    .where('account_id', '=', accountId)
    .execute();
}

/** Marks the account's unused reset codes superseded; returns their ids. */
export async function supersedePasswordResets(db: Db, accountId: string, at: Date): Promise<string[]> {
  const rows = await db
    .updateTable('password_reset')
    .set({ superseded_at: at })
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .where('superseded_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

export async function insertPasswordReset(db: Db, row: PasswordResetRow): Promise<void> {
  await db.insertInto('password_reset').values(row).execute();
}

/**
 * Uses up a reset code: only an unused, unsuperseded, unexpired one, in one conditional update, so two
 * requests with the same code cannot both succeed. Returns the account it resets.
 */
export async function spendPasswordReset(db: Db, codeHash: string, at: Date) {
  return db
    .updateTable('password_reset')
    .set({ used_at: at })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('superseded_at', 'is', null)
    .where('expires_at', '>', at)
    .returning(['id', 'account_id'])
    .executeTakeFirst();
}

export async function findPasswordResetByHash(db: Db, codeHash: string) {
  return db
    .selectFrom('password_reset')
    .select(['id', 'account_id', 'expires_at', 'used_at', 'superseded_at'])
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
}
