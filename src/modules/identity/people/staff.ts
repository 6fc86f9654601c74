import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../platform/errors/index.ts';
import { maskPersonName, maskPhone, maskResidentId } from '../../../platform/identifiers/index.ts';
import { MANAGE_ACCOUNTS } from '../access/accounts.ts';
import type { AccessActor } from '../access/actor.ts';
import { accessErrors } from '../access/errors.ts';
import { peopleErrors } from './errors.ts';
import { insertNewAccount, recordAccountCreated } from './new-account.ts';
import { hashPassword } from './passwords.ts';
import {
  checkPersonFields,
  type PeopleDeps,
  type PersonFields,
  PHONE_INDEX,
  RESIDENT_ID_INDEX,
} from './registration.ts';
import { isPhoneRegistered, isResidentIdRegistered } from './store.ts';

export type StaffAccountInput = PersonFields & { organisationId: string };

/**
 * An administrator creates the account of a member of staff in a department of their area, with an
 * initial password passed on in person. The staff member must enrol an authenticator app before any
 * grant works for them (sign-in requires the second factor for staff).
 */
export async function createStaffAccount(
  deps: PeopleDeps,
  actor: AccessActor,
  input: StaffAccountInput,
  requestId?: string,
) {
  const { db, clock, vault } = deps;
  const organisation = await db
    .selectFrom('organisation as o')
    .innerJoin('division as d', 'd.code', 'o.division_code')
    .select(['o.id', 'o.kind', 'o.is_active', 'o.division_code', 'd.path', 'd.province_code'])
    .where('o.id', '=', input.organisationId)
    .executeTakeFirst();
  if (!organisation?.is_active) {
    throw new DomainError({
      kind: 'invalid',
      code: 'identity.invalid-staff-account',
      title: 'The staff account is not valid',
      detail: 'organisationId is not an active organisation',
      fields: [{ pointer: '/organisationId', detail: 'is not an active organisation' }],
    });
  }
  if (!actor.can(MANAGE_ACCOUNTS, { divisionPath: organisation.path, organisationId: organisation.id })) {
    throw accessErrors.outsideScope(MANAGE_ACCOUNTS);
  }
  const now = clock.now();
  const { problems, name, residentId, phone } = checkPersonFields(input, now);
  if (problems.length > 0 || !residentId.ok || !phone.ok) throw peopleErrors.invalidRegistration(problems);
  const residentIdIndex = vault.blindIndex(residentId.value.number, RESIDENT_ID_INDEX);
  const phoneIndex = vault.blindIndex(phone.value, PHONE_INDEX);
  if (await isResidentIdRegistered(db, residentIdIndex)) throw peopleErrors.residentIdRegistered();
  if (await isPhoneRegistered(db, phoneIndex)) throw peopleErrors.phoneRegistered();

  const accountId = randomUUID();
  const person = {
    maskedName: maskPersonName(name),
    maskedResidentId: maskResidentId(residentId.value.number),
    maskedPhone: maskPhone(phone.value),
  };
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (tx) => {
    await insertNewAccount(
      tx,
      {
        id: accountId,
        kind: 'staff',
        organisation_id: organisation.id,
        division_code: organisation.division_code,
        province_code: organisation.province_code,
      },
      passwordHash,
      {
        vault,
        name,
        residentIdNumber: residentId.value.number,
        phone: phone.value,
        residentIdIndex,
        phoneIndex,
      },
      now,
    );
    await recordAccountCreated(tx, actor, accountId, now, requestId, {
      kind: 'staff',
      organisationId: organisation.id,
      residentIdIndex,
      phoneIndex,
    });
  });
  return {
    accountId,
    kind: 'staff' as const,
    organisationId: organisation.id,
    divisionCode: organisation.division_code,
    person,
  };
}
