import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { DEFAULT_PAGE_SIZE, type Page } from '../../../platform/pagination/index.ts';
import type { AccessActor } from './actor.ts';
import { afterCursor, inSubtreeOf, pageWithDivisionNames } from './listing.ts';
import { visibleTo } from './visibility.ts';

type Db = Kysely<Tables>;

export const MANAGE_GRANTS = 'identity.grants.manage';

export type GrantFilter = {
  accountId?: string;
  roleCode?: string;
  /** Only grants whose scope lies in this division's subtree. */
  divisionCode?: string;
  /** Expired and revoked grants too; by default only those in force. */
  includeInactive?: boolean;
  limit?: number;
  cursor?: string;
};

export type GrantStatus = 'active' | 'expired' | 'revoked';

export type GrantSummary = {
  id: string;
  accountId: string;
  accountKind: string;
  maskedName: string | null;
  roleCode: string;
  roleNameZh: string;
  roleNameEn: string;
  divisionCode: string;
  divisionName: string;
  organisationId: string | null;
  organisationName: string | null;
  grantedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  status: GrantStatus;
};

const grantKey = [
  { column: 'g.granted_at', part: 'timestamp' },
  { column: 'g.id', part: 'uuid' },
] as const;

/**
 * Grants whose scope lies in the actor's area for identity.grants.manage, newest first. A county
 * administrator sees the grants at their county and below, never another county's.
 */
export async function listGrants(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  filter: GrantFilter,
): Promise<Page<GrantSummary>> {
  const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
  const now = clock.now();
  const inSubtree =
    filter.divisionCode === undefined ? undefined : await inSubtreeOf(db, filter.divisionCode);
  let query = db
    .selectFrom('access_grant as g')
    .innerJoin('division as d', 'd.code', 'g.division_code')
    .innerJoin('role as r', 'r.id', 'g.role_id')
    .innerJoin('account as a', 'a.id', 'g.account_id')
    .leftJoin('person as p', 'p.account_id', 'g.account_id')
    .leftJoin('organisation as o', 'o.id', 'g.organisation_id')
    .select([
      'g.id',
      'g.account_id',
      'a.kind as account_kind',
      'p.name_masked',
      'r.code as role_code',
      'r.name_zh as role_name_zh',
      'r.name_en as role_name_en',
      'g.division_code',
      'g.organisation_id',
      'o.name_zh as organisation_name',
      'g.granted_at',
      'g.expires_at',
      'g.revoked_at',
    ])
    .where((eb) =>
      visibleTo(eb, actor, MANAGE_GRANTS, {
        divisionPath: eb.ref('d.path'),
        organisationId: eb.ref('g.organisation_id'),
      }),
    );
  if (filter.accountId !== undefined) query = query.where('g.account_id', '=', filter.accountId);
  if (filter.roleCode !== undefined) query = query.where('r.code', '=', filter.roleCode);
  if (inSubtree !== undefined) query = query.where(inSubtree);
  if (!filter.includeInactive) {
    query = query
      .where('g.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('g.expires_at', 'is', null), eb('g.expires_at', '>', now)]));
  }
  if (filter.cursor !== undefined) query = query.where(afterCursor(filter.cursor, grantKey, 'desc'));
  const rows = await query
    .orderBy('g.granted_at', 'desc')
    .orderBy('g.id', 'desc')
    .limit(limit + 1)
    .execute();
  return pageWithDivisionNames(
    db,
    rows,
    limit,
    (row) => [row.granted_at.toISOString(), row.id],
    (row, divisionName) => ({
      id: row.id,
      accountId: row.account_id,
      accountKind: row.account_kind,
      maskedName: row.name_masked,
      roleCode: row.role_code,
      roleNameZh: row.role_name_zh,
      roleNameEn: row.role_name_en,
      divisionCode: row.division_code,
      divisionName,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      grantedAt: row.granted_at.toISOString(),
      expiresAt: row.expires_at?.toISOString() ?? null,
      revokedAt: row.revoked_at?.toISOString() ?? null,
      status: row.revoked_at ? 'revoked' : row.expires_at && row.expires_at <= now ? 'expired' : 'active',
    }),
  );
}
