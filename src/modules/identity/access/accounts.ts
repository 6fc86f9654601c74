import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { DomainError } from '../../../platform/errors/index.ts';
import { auditedWrite } from '../../ledger/index.ts';
import { endSessionsOfAccount } from '../sign-in/index.ts';
import type { AccessActor } from './actor.ts';
import { accessErrors } from './errors.ts';

export const MANAGE_ACCOUNTS = 'identity.accounts.manage';

/**
 * Disables an account in the actor's area. Its sessions end in the same transaction, so the holder
 * is signed out everywhere at once, and the audit event says who did it and why.
 */
export async function disableAccount(
  db: Kysely<Tables>,
  clock: Clock,
  actor: AccessActor,
  accountId: string,
  reason: string,
  requestId?: string,
): Promise<void> {
  const account = await db
    .selectFrom('account as a')
    .innerJoin('division as d', 'd.code', 'a.division_code')
    .select(['a.id', 'a.status', 'a.organisation_id', 'd.path'])
    .where('a.id', '=', accountId)
    .executeTakeFirst();
  if (!account) throw accessErrors.unknownAccount(accountId);
  if (!actor.can(MANAGE_ACCOUNTS, { divisionPath: account.path, organisationId: account.organisation_id })) {
    throw accessErrors.outsideScope(MANAGE_ACCOUNTS);
  }
  if (account.id === actor.accountId) {
    throw new DomainError({
      kind: 'conflict',
      code: 'identity.cannot-disable-self',
      title: 'Cannot disable your own account',
      detail: 'Ask another administrator for your area to do it.',
    });
  }
  if (account.status === 'disabled') {
    throw new DomainError({
      kind: 'conflict',
      code: 'identity.account-already-disabled',
      title: 'Already disabled',
      detail: `Account ${accountId} is already disabled.`,
    });
  }
  const now = clock.now();
  await auditedWrite(
    db,
    {
      action: 'identity.account.disabled',
      actor: { kind: 'staff', id: actor.accountId },
      onBehalfOf: actor.organisationId,
      record: { type: 'identity.account', id: accountId },
      at: now,
      reason,
      requestId: requestId ?? null,
    },
    async (tx) => {
      await tx
        .updateTable('account')
        .set({ status: 'disabled', updated_at: now })
        .where('id', '=', accountId)
        .execute();
      await endSessionsOfAccount(tx, accountId, now);
    },
  );
}
