import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../platform/db/index.ts';
import type { DisclosureList, IssuerKind, SubjectKind } from './credential-types.ts';

declare module '../../platform/db/tables.ts' {
  interface Tables {
    credential_type: CredentialTypeRow;
    credential_issuer: CredentialIssuerRow;
    credential_signing_key: CredentialSigningKeyRow;
    credential: CredentialRow;
  }
}

export type CredentialTypeRow = {
  code: string;
  name_zh: string;
  name_en: string;
  issuer_kind: IssuerKind;
  subject_kind: SubjectKind;
  claims_schema: Record<string, unknown>;
  disclosure: DisclosureList;
  validity_years: number | null;
  is_shareable: boolean;
  created_at: Date;
  updated_at: Date;
};

export type CredentialIssuerRow = {
  organisation_id: string;
  issuer_code: string;
  division_code: string;
  division_path: string;
  created_at: Date;
};

export type CredentialSigningKeyRow = {
  kid: string;
  public_jwk: Record<string, unknown>;
  private_jwk_encrypted: string;
  created_at: Date;
  superseded_at: Date | null;
};

export type CredentialStatus = 'active' | 'suspended' | 'revoked';

export type CredentialRow = {
  id: string;
  identifier: string;
  type_code: string;
  issuer_organisation_id: string;
  issuer_division_path: string;
  holder_kind: SubjectKind;
  holder_id: string;
  valid_from: Date;
  valid_until: Date | null;
  signing_kid: string;
  record_encrypted: string;
  record_sha256: string;
  source_record_type: string | null;
  source_record_id: string | null;
  status: CredentialStatus;
  status_changed_at: Date | null;
  issued_at: Date;
  issued_by: string;
  province_code: string;
};

type Db = Kysely<Tables>;

const TYPE_COLUMNS = [
  'code',
  'name_zh',
  'name_en',
  'issuer_kind',
  'subject_kind',
  'claims_schema',
  'disclosure',
  'validity_years',
  'is_shareable',
] as const;

export async function upsertCredentialType(db: Db, row: CredentialTypeRow): Promise<void> {
  await db
    .insertInto('credential_type')
    .values({
      ...row,
      claims_schema: JSON.stringify(row.claims_schema) as never,
      disclosure: JSON.stringify(row.disclosure) as never,
    })
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name_zh: eb.ref('excluded.name_zh'),
        name_en: eb.ref('excluded.name_en'),
        issuer_kind: eb.ref('excluded.issuer_kind'),
        subject_kind: eb.ref('excluded.subject_kind'),
        claims_schema: eb.ref('excluded.claims_schema'),
        disclosure: eb.ref('excluded.disclosure'),
        validity_years: eb.ref('excluded.validity_years'),
        is_shareable: eb.ref('excluded.is_shareable'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function findCredentialType(db: Db, code: string) {
  return db.selectFrom('credential_type').select(TYPE_COLUMNS).where('code', '=', code).executeTakeFirst();
}

export async function listCredentialTypes(db: Db) {
  return db.selectFrom('credential_type').select(TYPE_COLUMNS).orderBy('code').execute();
}

export async function findIssuer(db: Db, organisationId: string) {
  return db
    .selectFrom('credential_issuer')
    .select(['organisation_id', 'issuer_code', 'division_code', 'division_path'])
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
}

/**
 * Gives the organisation the next free two-digit number in its division. Two first issues in one
 * division at once may pick the same code: the loser inserts nothing and the caller tries again.
 */
export async function insertNextIssuer(
  db: Db,
  row: Omit<CredentialIssuerRow, 'issuer_code'>,
): Promise<boolean> {
  const result = await sql<{ organisation_id: string }>`
    insert into credential_issuer (organisation_id, issuer_code, division_code, division_path, created_at)
    select ${row.organisation_id}, ${row.division_code} || lpad((count(*) + 1)::text, 2, '0'),
           ${row.division_code}, ${row.division_path}, ${row.created_at}
      from credential_issuer where division_code = ${row.division_code}
    having count(*) < 99
    on conflict do nothing
    returning organisation_id`.execute(db);
  return result.rows.length > 0;
}

export async function findActiveSigningKey(db: Db) {
  return db
    .selectFrom('credential_signing_key')
    .select(['kid', 'public_jwk', 'private_jwk_encrypted', 'created_at'])
    .where('superseded_at', 'is', null)
    .executeTakeFirst();
}

export async function listSigningKeys(db: Db) {
  return db
    .selectFrom('credential_signing_key')
    .select(['kid', 'public_jwk', 'created_at', 'superseded_at'])
    .orderBy('created_at', 'desc')
    .orderBy('kid')
    .execute();
}

export async function insertSigningKey(db: Db, row: CredentialSigningKeyRow): Promise<void> {
  await db
    .insertInto('credential_signing_key')
    .values({ ...row, public_jwk: JSON.stringify(row.public_jwk) as never })
    .execute();
}

export async function supersedeActiveSigningKey(db: Db, at: Date): Promise<string | undefined> {
  const row = await db
    .updateTable('credential_signing_key')
    .set({ superseded_at: at })
    .where('superseded_at', 'is', null)
    .returning('kid')
    .executeTakeFirst();
  return row?.kid;
}

/** Serialises key creation and rotation across servers, until the transaction ends. */
export async function lockSigningKeys(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(7420150013)`.execute(db);
}

/** Inserts unless the identifier is taken (a serial drawn twice), saying which. */
export async function insertCredential(db: Db, row: CredentialRow): Promise<boolean> {
  const inserted = await db
    .insertInto('credential')
    .values(row)
    .onConflict((oc) => oc.column('identifier').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

const CREDENTIAL_COLUMNS = [
  'c.id',
  'c.identifier',
  'c.type_code',
  'c.issuer_organisation_id',
  'c.issuer_division_path',
  'c.holder_kind',
  'c.holder_id',
  'c.valid_from',
  'c.valid_until',
  'c.signing_kid',
  'c.record_encrypted',
  'c.record_sha256',
  'c.source_record_type',
  'c.source_record_id',
  'c.status',
  'c.status_changed_at',
  'c.issued_at',
  't.is_shareable',
] as const;

export async function findCredentialByIdentifier(db: Db, identifier: string) {
  return db
    .selectFrom('credential as c')
    .innerJoin('credential_type as t', 't.code', 'c.type_code')
    .select(CREDENTIAL_COLUMNS)
    .where('c.identifier', '=', identifier)
    .executeTakeFirst();
}

export type StoredCredential = NonNullable<Awaited<ReturnType<typeof findCredentialByIdentifier>>>;

export async function listCredentialsOfHolder(
  db: Db,
  holder: { kind: SubjectKind; id: string },
  filter: { typeCode?: string; activeAt?: Date; isShareableOnly?: boolean } = {},
) {
  let query = db
    .selectFrom('credential as c')
    .innerJoin('credential_type as t', 't.code', 'c.type_code')
    .select(CREDENTIAL_COLUMNS)
    .where('c.holder_kind', '=', holder.kind)
    .where('c.holder_id', '=', holder.id);
  if (filter.typeCode !== undefined) query = query.where('c.type_code', '=', filter.typeCode);
  if (filter.isShareableOnly) query = query.where('t.is_shareable', '=', true);
  if (filter.activeAt !== undefined) {
    const at = filter.activeAt;
    query = query
      .where('c.status', '=', 'active')
      .where('c.valid_from', '<=', at)
      .where((eb) => eb.or([eb('c.valid_until', 'is', null), eb('c.valid_until', '>', at)]));
  }
  return query.orderBy('c.issued_at', 'desc').orderBy('c.identifier').limit(500).execute();
}

/** Moves a credential from one status to another, only if it is still in the status the caller saw. */
export async function changeStatus(
  db: Db,
  id: string,
  from: readonly CredentialStatus[],
  to: CredentialStatus,
  at: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('credential')
    .set({ status: to, status_changed_at: at })
    .where('id', '=', id)
    .where('status', 'in', from)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
