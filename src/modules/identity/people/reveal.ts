import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { NotFoundError } from '../../../platform/errors/index.ts';
import type { Vault } from '../../../platform/vault/index.ts';
import { auditedWrite } from '../../ledger/index.ts';
import type { AccessActor } from '../access/actor.ts';
import { accessErrors } from '../access/errors.ts';

export const REVEAL_PERSONAL_DATA = 'identity.people.reveal';

export type RevealableField = 'name' | 'residentId' | 'phone';

const COLUMN: Record<
  RevealableField,
  { column: 'name_encrypted' | 'resident_id_encrypted' | 'phone_encrypted'; context: string }
> = {
  name: { column: 'name_encrypted', context: 'name' },
  residentId: { column: 'resident_id_encrypted', context: 'resident_id' },
  phone: { column: 'phone_encrypted', context: 'phone' },
};

/**
 * Shows one personal field in full to someone permitted to see it, for a stated reason. The reveal is
 * audited before the value is returned (in the same transaction that reads it), so there is no way to
 * see a full ID number without leaving a trace that names who, whose, which field and why; the citizen
 * can later see it in their data tracker.
 */
export async function revealPersonalField(
  deps: { db: Kysely<Tables>; clock: Clock; vault: Vault },
  actor: AccessActor,
  input: { accountId: string; field: RevealableField; reason: string; requestId?: string },
): Promise<string> {
  const person = await deps.db
    .selectFrom('person as p')
    .innerJoin('account as a', 'a.id', 'p.account_id')
    .innerJoin('division as d', 'd.code', 'a.division_code')
    .select([
      'p.account_id',
      'p.name_encrypted',
      'p.resident_id_encrypted',
      'p.phone_encrypted',
      'a.organisation_id',
      'd.path',
    ])
    .where('p.account_id', '=', input.accountId)
    .executeTakeFirst();
  if (!person)
    throw new NotFoundError(
      'identity.person-not-found',
      `There is no person with account ${input.accountId}.`,
    );
  if (
    !actor.can(REVEAL_PERSONAL_DATA, { divisionPath: person.path, organisationId: person.organisation_id })
  ) {
    throw accessErrors.outsideScope(REVEAL_PERSONAL_DATA);
  }
  const { column, context } = COLUMN[input.field];
  return auditedWrite(
    deps.db,
    {
      action: 'identity.personal-data.revealed',
      actor: { kind: 'staff', id: actor.accountId },
      onBehalfOf: actor.organisationId,
      record: { type: 'identity.person', id: input.accountId },
      at: deps.clock.now(),
      reason: `${input.field}: ${input.reason}`,
      requestId: input.requestId ?? null,
    },
    async () =>
      deps.vault.decrypt(person[column], { table: 'person', column: context, rowId: person.account_id }),
  );
}
