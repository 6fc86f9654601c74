import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';
import { maskPersonName, maskPhone, maskResidentId } from '../../../platform/identifiers/index.ts';
import type { Vault } from '../../../platform/vault/index.ts';
import { hashPayload, recordAuditEvent } from '../../ledger/index.ts';
import type { AccessActor } from '../access/actor.ts';
import { type AccountRow, insertAccount } from '../access/store.ts';
import { insertPasswordCredential, insertPerson } from './store.ts';

type Db = Kysely<Tables>;

/** The checked personal data of a citizen or member of staff, with the blind indexes that find it. */
export type NewPerson = {
  vault: Vault;
  name: string;
  residentIdNumber: string;
  phone: string;
  residentIdIndex: string;
  phoneIndex: string;
};

/**
 * The rows every new account starts with, written in the caller's transaction: the account (active),
 * the person behind it where there is one (encrypted, masked, indexed) and its password.
 */
export async function insertNewAccount(
  db: Db,
  account: Pick<AccountRow, 'id' | 'kind' | 'organisation_id' | 'division_code' | 'province_code'>,
  passwordHash: string,
  person: NewPerson | undefined,
  now: Date,
): Promise<void> {
  await insertAccount(db, { ...account, status: 'active', created_at: now, updated_at: now });
  if (person !== undefined) {
    const { vault } = person;
    const at = (column: string) => ({ table: 'person', column, rowId: account.id });
    await insertPerson(db, {
      account_id: account.id,
      name_encrypted: vault.encrypt(person.name, at('name')),
      name_masked: maskPersonName(person.name),
      resident_id_encrypted: vault.encrypt(person.residentIdNumber, at('resident_id')),
      resident_id_index: person.residentIdIndex,
      resident_id_masked: maskResidentId(person.residentIdNumber),
      phone_encrypted: vault.encrypt(person.phone, at('phone')),
      phone_index: person.phoneIndex,
      phone_masked: maskPhone(person.phone),
      created_at: now,
      updated_at: now,
    });
  }
  await insertPasswordCredential(db, {
    account_id: account.id,
    password_hash: passwordHash,
    created_at: now,
    updated_at: now,
  });
}

/** The audit event of an account an administrator created for someone else, in the same transaction. */
export async function recordAccountCreated(
  db: Db,
  administrator: Pick<AccessActor, 'accountId' | 'organisationId'>,
  accountId: string,
  at: Date,
  requestId: string | undefined,
  payload: { kind: AccountRow['kind']; organisationId: string; [detail: string]: unknown },
): Promise<void> {
  await recordAuditEvent(db, {
    action: 'identity.account.created',
    actor: { kind: 'staff', id: administrator.accountId },
    onBehalfOf: administrator.organisationId,
    record: { type: 'identity.account', id: accountId },
    at,
    requestId: requestId ?? null,
    payloadHash: hashPayload({ accountId, ...payload }),
  });
}
