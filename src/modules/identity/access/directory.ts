import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';
import type { Vault } from '../../../platform/vault/index.ts';
import { RESIDENT_ID_INDEX } from '../people/registration.ts';

type Db = Kysely<Tables>;

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
