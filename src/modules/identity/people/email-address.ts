import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { DomainError, NotFoundError } from '../../../platform/errors/index.ts';
import type { Vault } from '../../../platform/vault/index.ts';
import { auditedWrite, hashPayload } from '../../ledger/index.ts';
import type { AccessActor } from '../access/actor.ts';

const CONTEXT = (accountId: string) => ({ table: 'person', column: 'email', rowId: accountId });

// Deliberately plain: one @, no spaces or angle brackets (which would let the value leak into other
// mail headers), a dot in the domain. Whether the mailbox exists only a delivery can tell.
const EMAIL = /^[^\s@<>",;]{1,64}@[^\s@<>",;]+\.[^\s@<>",;]+$/;

/** `z***@example.cn`: enough for the holder to recognise, too little to write to. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}

/**
 * The address notifications are e-mailed to, decrypted, or undefined when the account has none (an
 * enterprise account has no person, a person may have given none). For the notification worker only.
 */
export async function findEmailAddress(
  deps: { db: Kysely<Tables>; vault: Vault },
  accountId: string,
): Promise<string | undefined> {
  const row = await deps.db
    .selectFrom('person')
    .select(['email_encrypted'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!row?.email_encrypted) return undefined;
  return deps.vault.decrypt(row.email_encrypted, CONTEXT(accountId));
}

export async function findOwnMaskedEmail(db: Kysely<Tables>, accountId: string): Promise<string | null> {
  const row = await db
    .selectFrom('person')
    .select(['email_masked'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row?.email_masked ?? null;
}

/** Sets (or with null removes) the signed-in person's own notification address; audited. */
export async function setOwnEmailAddress(
  deps: { db: Kysely<Tables>; clock: Clock; vault: Vault },
  actor: AccessActor,
  email: string | null,
  requestId: string,
): Promise<{ maskedEmail: string | null }> {
  const address = email?.trim() ?? null;
  if (address !== null && (address.length > 254 || !EMAIL.test(address))) {
    throw new DomainError({
      kind: 'invalid',
      code: 'identity.invalid-email',
      title: 'The e-mail address is not valid',
      detail: '/email must be an address such as name@example.cn',
      fields: [{ pointer: '/email', detail: 'must be an address such as name@example.cn' }],
    });
  }
  const accountId = actor.accountId;
  const masked = address === null ? null : maskEmail(address);
  const now = deps.clock.now();
  await auditedWrite(
    deps.db,
    {
      action: 'identity.email.changed',
      actor: { kind: actor.kind, id: accountId },
      record: { type: 'identity.person', id: accountId },
      at: now,
      requestId,
      // Whether an address is set, never the address: the payload hash must not test guesses of it.
      payloadHash: hashPayload({ accountId, hasEmail: address !== null }),
    },
    async (tx) => {
      const result = await tx
        .updateTable('person')
        .set({
          email_encrypted: address === null ? null : deps.vault.encrypt(address, CONTEXT(accountId)),
          email_masked: masked,
          updated_at: now,
        })
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      // Thrown inside the write, so the audit event is not committed either. Enterprise accounts have
      // no person: an organisation is reached through its own contacts.
      if (Number(result.numUpdatedRows) === 0) {
        throw new NotFoundError(
          'identity.person-not-found',
          'This account has no personal data to add an e-mail address to.',
        );
      }
    },
  );
  return { maskedEmail: masked };
}
