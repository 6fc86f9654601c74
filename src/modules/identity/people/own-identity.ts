import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';
import type { Vault } from '../../../platform/vault/index.ts';

/** An account holder's own name, resident identity number and division, decrypted. */
export type AccountHolderIdentity = { name: string; residentId: string; divisionCode: string };

/**
 * The person behind an account, for pre-filling that same person's own forms: the caller must pass
 * the signed-in account's own id, never someone else's (staff see others only through the audited
 * reveal). Undefined for an account without a person (an enterprise account).
 */
export async function findAccountHolderIdentity(
  deps: { db: Kysely<Tables>; vault: Vault },
  accountId: string,
): Promise<AccountHolderIdentity | undefined> {
  const row = await deps.db
    .selectFrom('person as p')
    .innerJoin('account as a', 'a.id', 'p.account_id')
    .select(['p.account_id', 'p.name_encrypted', 'p.resident_id_encrypted', 'a.division_code'])
    .where('p.account_id', '=', accountId)
    .executeTakeFirst();
  if (!row) return undefined;
  const context = (column: string) => ({ table: 'person', column, rowId: row.account_id });
  return {
    name: deps.vault.decrypt(row.name_encrypted, context('name')),
    residentId: deps.vault.decrypt(row.resident_id_encrypted, context('resident_id')),
    divisionCode: row.division_code,
  };
}
