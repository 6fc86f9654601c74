import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import type { FieldProblem } from '../../../platform/errors/index.ts';
import {
  findIdempotentReplay,
  hashRequestBody,
  type IdempotentRequest,
  withIdempotency,
} from '../../../platform/idempotency/index.ts';
import {
  maskPersonName,
  maskPhone,
  maskResidentId,
  parsePhone,
  parseResidentId,
} from '../../../platform/identifiers/index.ts';
import type { Vault } from '../../../platform/vault/index.ts';
import { hashPayload, recordAuditEvent } from '../../ledger/index.ts';
import { findDivision } from '../divisions/store.ts';
import { peopleErrors } from './errors.ts';
import { insertNewAccount } from './new-account.ts';
import { checkNewPassword, hashPassword } from './passwords.ts';
import type { Registration, RegistrationBody } from './schemas.ts';
import { isPhoneRegistered, isResidentIdRegistered } from './store.ts';

type Db = Kysely<Tables>;

export type PeopleDeps = { db: Db; clock: Clock; vault: Vault };

/** Blind index purposes: one derived key per column, so equal values in two columns do not match up. */
export const RESIDENT_ID_INDEX = 'person.resident-id';
export const PHONE_INDEX = 'person.phone';

const REGISTRATION_SCOPE = 'identity.registration';

export type RegistrationOutcome = { registration: Registration; isReplay: boolean };

/**
 * Registers a citizen: account, person (personal data encrypted, bound to the new account's row) and
 * password credential, with the audit event, in one transaction. With an idempotency key the answer is
 * stored too, so a retried submission gets the first answer instead of a second account.
 */
export async function registerCitizen(
  deps: PeopleDeps,
  body: RegistrationBody,
  options: { idempotencyKey?: string | undefined; requestId?: string },
): Promise<RegistrationOutcome> {
  const { db, clock, vault } = deps;
  const now = clock.now();
  const idempotent: IdempotentRequest | undefined =
    options.idempotencyKey === undefined
      ? undefined
      : {
          scope: REGISTRATION_SCOPE,
          key: options.idempotencyKey,
          // A keyed hash of a plain hash: the body holds a password and personal data, so not even its
          // unkeyed digest is stored.
          requestHash: vault.blindIndex(hashRequestBody(body), 'idempotency.request'),
          actorId: null,
          at: now,
        };
  const replay = async () => {
    if (idempotent === undefined) return undefined;
    const registration = await findIdempotentReplay<Registration>(db, idempotent);
    return registration === undefined ? undefined : { registration, isReplay: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const { problems, name, residentId, phone } = checkPersonFields(body, now);
  const division = await findDivision(db, body.divisionCode);
  if (!division || division.level === 0 || division.is_placeholder) {
    problems.push({ pointer: '/divisionCode', detail: 'is not a division one can live in' });
  }
  if (problems.length > 0 || !residentId.ok || !phone.ok || !division) {
    throw peopleErrors.invalidRegistration(problems);
  }

  const residentIdIndex = vault.blindIndex(residentId.value.number, RESIDENT_ID_INDEX);
  const phoneIndex = vault.blindIndex(phone.value, PHONE_INDEX);
  if (await isResidentIdRegistered(db, residentIdIndex)) throw peopleErrors.residentIdRegistered();
  if (await isPhoneRegistered(db, phoneIndex)) throw peopleErrors.phoneRegistered();

  const passwordHash = await hashPassword(body.password);
  const accountId = randomUUID();
  const registration: Registration = {
    accountId,
    kind: 'citizen',
    divisionCode: division.code,
    person: {
      maskedName: maskPersonName(name),
      maskedResidentId: maskResidentId(residentId.value.number),
      maskedPhone: maskPhone(phone.value),
    },
    createdAt: now.toISOString(),
  };
  try {
    return await db.transaction().execute(async (tx) => {
      const create = async () => {
        await insertNewAccount(
          tx,
          {
            id: accountId,
            kind: 'citizen',
            organisation_id: null,
            division_code: division.code,
            province_code: division.province_code,
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
        await recordAuditEvent(tx, {
          action: 'identity.account.registered',
          actor: { kind: 'citizen', id: accountId },
          record: { type: 'identity.account', id: accountId },
          at: now,
          requestId: options.requestId ?? null,
          // Blind indexes, not the numbers: the hash must not be a way to test guesses of an ID number.
          payloadHash: hashPayload({
            accountId,
            kind: 'citizen',
            divisionCode: division.code,
            residentIdIndex,
            phoneIndex,
          }),
        });
        return registration;
      };
      // With a key, a twin of this request arriving at the same moment waits for this transaction and
      // is answered with this registration (isReplay), creating nothing.
      if (idempotent === undefined) return { registration: await create(), isReplay: false };
      const outcome = await withIdempotency(tx, idempotent, create);
      return { registration: outcome.result, isReplay: outcome.isReplay };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A concurrent registration of the same person (under another key, or none) won the race.
    const twin = await replay();
    if (twin) return twin;
    if (await isResidentIdRegistered(db, residentIdIndex)) throw peopleErrors.residentIdRegistered();
    if (await isPhoneRegistered(db, phoneIndex)) throw peopleErrors.phoneRegistered();
    throw error;
  }
}

export type PersonFields = { name: string; residentId: string; phone: string; password: string };

/**
 * The checks every new person passes, whoever creates the account: a real name, a valid resident
 * identity number (15-digit ones converted), a mainland mobile number, and a password that is long,
 * not common and not made of the person's own numbers. Returns every problem at once.
 */
export function checkPersonFields(body: PersonFields, now: Date) {
  const problems: FieldProblem[] = [];
  const name = body.name.normalize('NFKC').trim();
  if (name === '' || /\p{Cc}|\p{Cf}/u.test(name)) {
    problems.push({ pointer: '/name', detail: 'must be a name, without control characters' });
  }
  const residentId = parseResidentId(body.residentId, now);
  if (!residentId.ok) {
    problems.push({ pointer: '/residentId', detail: `${residentId.message} (${residentId.reason})` });
  }
  const phone = parsePhone(body.phone);
  if (!phone.ok) problems.push({ pointer: '/phone', detail: `${phone.message} (${phone.reason})` });
  const personal = [
    ...(residentId.ok
      ? [residentId.value.number, residentId.value.number.slice(0, 6) + residentId.value.number.slice(8, 17)]
      : []),
    ...(phone.ok ? [phone.value] : []),
  ];
  const passwordProblem = checkNewPassword(body.password, personal);
  if (passwordProblem) {
    problems.push({ pointer: '/password', detail: `${passwordProblem.message} (${passwordProblem.reason})` });
  }
  return { problems, name, residentId, phone };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}
