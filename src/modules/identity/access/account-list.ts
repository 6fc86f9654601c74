import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';
import { DEFAULT_PAGE_SIZE, type Page } from '../../../platform/pagination/index.ts';
import type { AccessActor } from './actor.ts';
import { afterCursor, inSubtreeOf, pageWithDivisionNames } from './listing.ts';
import type { AccountRow } from './store.ts';
import { visibleTo } from './visibility.ts';

type Db = Kysely<Tables>;

export const READ_ACCOUNTS = 'identity.accounts.read';

export type AccountFilter = {
  accountId?: string;
  organisationId?: string;
  /** Only accounts whose division lies in this division's subtree. */
  divisionCode?: string;
  kind?: AccountRow['kind'];
  limit?: number;
  cursor?: string;
};

export type AccountSummary = {
  id: string;
  kind: AccountRow['kind'];
  status: AccountRow['status'];
  maskedName: string | null;
  organisationId: string | null;
  organisationName: string | null;
  divisionCode: string;
  divisionName: string;
  hasSecondFactor: boolean;
  createdAt: string;
};

const accountKey = [
  { column: 'a.created_at', part: 'timestamp' },
  { column: 'a.id', part: 'uuid' },
] as const;

/**
 * Accounts in the actor's area for identity.accounts.read, newest first, with the masked name only:
 * nothing here is decrypted. A grant limited to one department shows that department's accounts.
 */
export async function listAccounts(
  db: Db,
  actor: AccessActor,
  filter: AccountFilter,
): Promise<Page<AccountSummary>> {
  const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
  const inSubtree =
    filter.divisionCode === undefined ? undefined : await inSubtreeOf(db, filter.divisionCode);
  let query = db
    .selectFrom('account as a')
    .innerJoin('division as d', 'd.code', 'a.division_code')
    .leftJoin('person as p', 'p.account_id', 'a.id')
    .leftJoin('organisation as o', 'o.id', 'a.organisation_id')
    .leftJoin('totp_credential as f', 'f.account_id', 'a.id')
    .select([
      'a.id',
      'a.kind',
      'a.status',
      'p.name_masked',
      'a.organisation_id',
      'o.name_zh as organisation_name',
      'a.division_code',
      'f.confirmed_at',
      'a.created_at',
    ])
    .where((eb) =>
      visibleTo(eb, actor, READ_ACCOUNTS, {
        divisionPath: eb.ref('d.path'),
        organisationId: eb.ref('a.organisation_id'),
      }),
    );
  if (filter.accountId !== undefined) query = query.where('a.id', '=', filter.accountId);
  if (filter.organisationId !== undefined)
    query = query.where('a.organisation_id', '=', filter.organisationId);
  if (filter.kind !== undefined) query = query.where('a.kind', '=', filter.kind);
  if (inSubtree !== undefined) query = query.where(inSubtree);
  if (filter.cursor !== undefined) query = query.where(afterCursor(filter.cursor, accountKey, 'desc'));
  const rows = await query
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit + 1)
    .execute();
  return pageWithDivisionNames(
    db,
    rows,
    limit,
    (row) => [row.created_at.toISOString(), row.id],
    (row, divisionName) => ({
      id: row.id,
      kind: row.kind,
      status: row.status,
      maskedName: row.name_masked,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      divisionCode: row.division_code,
      divisionName,
      hasSecondFactor: row.confirmed_at !== null,
      createdAt: row.created_at.toISOString(),
    }),
  );
}
