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

/**
 * Active staff who hold `permission` at the nearest level covering a division: among grants in force
 * at `at` whose division is the division itself or an ancestor, those at the deepest such division.
 * For notices meant for "whoever answers for this area" (a hot-topic alert goes to the township's
 * watchers, and to the district's only when the township has none).
 */
export async function findNearestPermissionHolders(
  db: Db,
  permission: string,
  divisionPath: string,
  at: Date,
): Promise<string[]> {
  const rows = await db
    .selectFrom('access_grant as g')
    .innerJoin('role_permission as rp', 'rp.role_id', 'g.role_id')
    .innerJoin('account as a', 'a.id', 'g.account_id')
    .innerJoin('division as d', 'd.code', 'g.division_code')
    .select(['g.account_id', 'd.level'])
    .where('rp.permission_code', '=', permission)
    .where('g.division_code', 'in', divisionPath.split('.'))
    .where('g.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('g.expires_at', 'is', null), eb('g.expires_at', '>', at)]))
    .where('a.status', '=', 'active')
    .execute();
  const deepest = Math.max(...rows.map((row) => row.level));
  return [...new Set(rows.filter((row) => row.level === deepest).map((row) => row.account_id))].sort();
}
