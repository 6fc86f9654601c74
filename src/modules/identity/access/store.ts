import { type Kysely, sql } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';

declare module '../../../platform/db/tables.ts' {
  interface Tables {
    organisation: OrganisationRow;
    account: AccountRow;
    permission: { code: string; module: string; description_zh: string; description_en: string };
    role: RoleRow;
    role_permission: { role_id: string; permission_code: string };
    access_grant: GrantRow;
  }
}

export type OrganisationRow = {
  id: string;
  kind: 'government-department' | 'ngo' | 'enterprise' | 'public-service';
  name_zh: string;
  name_en: string | null;
  division_code: string;
  parent_id: string | null;
  credit_code: string | null;
  province_code: string;
  is_active: boolean;
  created_at: Date;
  updated_at: Date;
};

export type AccountRow = {
  id: string;
  kind: 'citizen' | 'staff' | 'enterprise';
  organisation_id: string | null;
  division_code: string;
  status: 'active' | 'disabled';
  province_code: string;
  created_at: Date;
  updated_at: Date;
};

export type RoleRow = {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  is_built_in: boolean;
  created_at: Date;
  updated_at: Date;
};

export type GrantRow = {
  id: string;
  account_id: string;
  role_id: string;
  division_code: string;
  organisation_id: string | null;
  granted_by: string | null;
  granted_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
};

type Db = Kysely<Tables>;

export async function findAccount(db: Db, id: string) {
  return db
    .selectFrom('account')
    .select([
      'id',
      'kind',
      'organisation_id',
      'division_code',
      'status',
      'province_code',
      'created_at',
      'updated_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertAccount(db: Db, row: AccountRow): Promise<void> {
  await db.insertInto('account').values(row).execute();
}

export async function insertOrganisation(db: Db, row: OrganisationRow): Promise<void> {
  await db.insertInto('organisation').values(row).execute();
}

export type ActiveGrantRow = {
  grant_id: string;
  role_code: string;
  division_code: string;
  division_path: string;
  organisation_id: string | null;
  permissions: string[];
};

/** The grants in force at `now`, each with its role's permissions and its scope's division path. */
export async function listActiveGrants(db: Db, accountId: string, now: Date): Promise<ActiveGrantRow[]> {
  const result = await sql<ActiveGrantRow>`
    select g.id as grant_id, r.code as role_code, g.division_code, d.path as division_path, g.organisation_id,
           coalesce(array_agg(rp.permission_code) filter (where rp.permission_code is not null), '{}') as permissions
    from access_grant g
    join role r on r.id = g.role_id
    join division d on d.code = g.division_code
    left join role_permission rp on rp.role_id = r.id
    where g.account_id = ${accountId}
      and g.revoked_at is null
      and (g.expires_at is null or g.expires_at > ${now})
    group by g.id, r.code, g.division_code, d.path, g.organisation_id
    order by g.granted_at
  `.execute(db);
  return result.rows;
}

export async function findRoleByCode(db: Db, code: string) {
  return db
    .selectFrom('role')
    .select(['id', 'code', 'name_zh', 'name_en', 'is_built_in', 'created_at', 'updated_at'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function listRolePermissions(db: Db, roleId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('role_permission')
    .select('permission_code')
    .where('role_id', '=', roleId)
    .execute();
  return rows.map((row) => row.permission_code).sort();
}

export async function upsertRole(db: Db, row: RoleRow, permissions: readonly string[]): Promise<void> {
  await db
    .insertInto('role')
    .values(row)
    .onConflict((conflict) =>
      conflict
        .column('code')
        .doUpdateSet({ name_zh: row.name_zh, name_en: row.name_en, updated_at: row.updated_at }),
    )
    .execute();
  const role = await findRoleByCode(db, row.code);
  await db.deleteFrom('role_permission').where('role_id', '=', role!.id).execute();
  if (permissions.length > 0) {
    await db
      .insertInto('role_permission')
      .values(permissions.map((permission_code) => ({ role_id: role!.id, permission_code })))
      .execute();
  }
}

/** A new role with its permissions; false (and nothing written) when the code is taken. */
export async function insertRole(db: Db, row: RoleRow, permissions: readonly string[]): Promise<boolean> {
  const inserted = await db
    .insertInto('role')
    .values(row)
    .onConflict((conflict) => conflict.column('code').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  if (permissions.length > 0) {
    await db
      .insertInto('role_permission')
      .values(permissions.map((permission_code) => ({ role_id: row.id, permission_code })))
      .execute();
  }
  return true;
}

export async function listPermissionCodes(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('permission').select('code').execute();
  return new Set(rows.map((row) => row.code));
}

export async function insertGrant(db: Db, row: GrantRow): Promise<void> {
  await db.insertInto('access_grant').values(row).execute();
}

export async function findGrant(db: Db, id: string) {
  return db
    .selectFrom('access_grant')
    .select([
      'id',
      'account_id',
      'role_id',
      'division_code',
      'organisation_id',
      'granted_by',
      'granted_at',
      'expires_at',
      'revoked_at',
      'revoked_by',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function markGrantRevoked(db: Db, id: string, by: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('access_grant')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
