import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';

type Db = Kysely<Tables>;

export type PermissionHolder = { accountId: string; divisionCode: string; divisionPath: string };

/**
 * Active accounts holding `permission` by a grant in force at `now` whose area covers the division at
 * `divisionPath` (granted there or above). Modules address notices to the people answerable for a place
 * without reading identity's tables; one row per account, its deepest such grant.
 */
export async function findPermissionHolders(
  db: Db,
  permission: string,
  divisionPath: string,
  now: Date,
): Promise<PermissionHolder[]> {
  const result = await sql<{ account_id: string; division_code: string; division_path: string }>`
    select distinct on (g.account_id) g.account_id, g.division_code, d.path as division_path
    from access_grant g
    join account a on a.id = g.account_id and a.status = 'active'
    join division d on d.code = g.division_code
    join role_permission rp on rp.role_id = g.role_id and rp.permission_code = ${permission}
    where g.revoked_at is null
      and (g.expires_at is null or g.expires_at > ${now})
      and (d.path = ${divisionPath} or ${divisionPath} like d.path || '.%')
    order by g.account_id, length(d.path) desc
  `.execute(db);
  return result.rows.map((row) => ({
    accountId: row.account_id,
    divisionCode: row.division_code,
    divisionPath: row.division_path,
  }));
}
