import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';
import type { Vault } from '../../../platform/vault/index.ts';
import { RESIDENT_ID_INDEX } from '../people/registration.ts';

type Db = Kysely<Tables>;

/**
 * What another module may know of an organisation, so that it never reads identity's tables: an
 * issuing office's division and names, whether it is active, and its credit code.
 */
export async function findOrganisationProfile(db: Db, organisationId: string) {
  const row = await db
    .selectFrom('organisation as o')
    .innerJoin('division as d', 'd.code', 'o.division_code')
    .select([
      'o.id',
      'o.kind',
      'o.name_zh',
      'o.name_en',
      'o.division_code',
      'd.path as division_path',
      'o.credit_code',
      'o.is_active',
    ])
    .where('o.id', '=', organisationId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      kind: row.kind,
      nameZh: row.name_zh,
      nameEn: row.name_en,
      divisionCode: row.division_code,
      divisionPath: row.division_path,
      creditCode: row.credit_code,
      isActive: row.is_active,
    }
  );
}

export type OrganisationProfile = NonNullable<Awaited<ReturnType<typeof findOrganisationProfile>>>;

/** An account's kind, status and place, for a module that records something about the account. */
export async function findAccountProfile(db: Db, accountId: string) {
  const row = await db
    .selectFrom('account as a')
    .innerJoin('division as d', 'd.code', 'a.division_code')
    .select(['a.id', 'a.kind', 'a.status', 'a.organisation_id', 'a.division_code', 'd.path as division_path'])
    .where('a.id', '=', accountId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      kind: row.kind,
      status: row.status,
      organisationId: row.organisation_id,
      divisionCode: row.division_code,
      divisionPath: row.division_path,
    }
  );
}

export type AccountProfile = NonNullable<Awaited<ReturnType<typeof findAccountProfile>>>;

/** The organisation registered with a unified social credit code (a public identifier), if any. */
export async function findOrganisationIdByCreditCode(
  db: Db,
  creditCode: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('organisation')
    .select('id')
    .where('credit_code', '=', creditCode)
    .executeTakeFirst();
  return row?.id;
}

/** The account of the person with this resident identity number, found by its blind index. */
export async function findAccountIdByResidentId(
  db: Db,
  vault: Vault,
  residentId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('person')
    .select('account_id')
    .where('resident_id_index', '=', vault.blindIndex(residentId, RESIDENT_ID_INDEX))
    .executeTakeFirst();
  return row?.account_id;
}
