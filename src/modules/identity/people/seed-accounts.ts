/**
 * Writers for seed data (the demo) and browser journeys: organisations, people's accounts, enterprise
 * accounts and grants, written inside the caller's transaction (a seed step's) with the same checks as
 * the services and an audit event naming the system as the actor. No HTTP, no administrator: the seed
 * itself is the authority, and the ledger says so.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { parseCreditCode } from '../../../platform/identifiers/index.ts';
import type { Vault } from '../../../platform/vault/index.ts';
import { hashPayload, recordAuditEvent } from '../../ledger/index.ts';
import { findRoleByCode, insertGrant, insertOrganisation, type OrganisationRow } from '../access/store.ts';
import { findDivision } from '../divisions/store.ts';
import { upsertPendingTotp } from '../sign-in/store.ts';
import { decodeBase32 } from '../sign-in/totp.ts';
import { insertNewAccount } from './new-account.ts';
import { checkNewPassword, hashPassword } from './passwords.ts';
import { checkPersonFields, PHONE_INDEX, RESIDENT_ID_INDEX } from './registration.ts';

type Db = Kysely<Tables>;
export type SeedDeps = { vault: Vault; clock: Clock };

/** An audit event naming the seed itself as the actor and the authority. */
async function recordSeedEvent(
  db: Db,
  action: string,
  record: { type: string; id: string },
  at: Date,
  payload: unknown,
): Promise<void> {
  await recordAuditEvent(db, {
    action,
    actor: { kind: 'system', id: 'seed' },
    record,
    at,
    reason: 'seed data',
    payloadHash: hashPayload(payload),
  });
}

async function divisionOf(db: Db, code: string) {
  const division = await findDivision(db, code);
  if (!division || division.level === 0 || division.is_placeholder) {
    throw new Error(`seed data names ${code}, which is not a division one can belong to`);
  }
  return division;
}

export async function seedOrganisation(
  db: Db,
  clock: Clock,
  spec: {
    kind: OrganisationRow['kind'];
    nameZh: string;
    nameEn: string;
    divisionCode: string;
    parentId?: string;
    creditCode?: string;
  },
): Promise<string> {
  const division = await divisionOf(db, spec.divisionCode);
  let creditCode: string | null = null;
  if (spec.creditCode !== undefined) {
    const parsed = parseCreditCode(spec.creditCode);
    if (!parsed.ok) throw new Error(`seed credit code ${spec.creditCode}: ${parsed.message}`);
    creditCode = parsed.value.code;
  }
  const id = randomUUID();
  const now = clock.now();
  await insertOrganisation(db, {
    id,
    kind: spec.kind,
    name_zh: spec.nameZh,
    name_en: spec.nameEn,
    division_code: division.code,
    parent_id: spec.parentId ?? null,
    credit_code: creditCode,
    province_code: division.province_code,
    is_active: true,
    created_at: now,
    updated_at: now,
  });
  await recordSeedEvent(
    db,
    'identity.organisation.registered',
    { type: 'identity.organisation', id },
    now,
    spec,
  );
  return id;
}

export type SeedPerson = {
  kind: 'citizen' | 'staff';
  name: string;
  residentId: string;
  phone: string;
  password: string;
  /** Citizens: where they live; staff: taken from their department. */
  divisionCode?: string;
  organisationId?: string;
  /** A confirmed authenticator with this base32 secret, for accounts whose codes must be computable. */
  totpSecret?: string;
};

/** A citizen's or staff member's account with encrypted personal data, checked as at registration. */
export async function seedPersonAccount(db: Db, deps: SeedDeps, spec: SeedPerson): Promise<string> {
  const { vault, clock } = deps;
  const now = clock.now();
  const { problems, name, residentId, phone } = checkPersonFields(spec, now);
  if (problems.length > 0 || !residentId.ok || !phone.ok) {
    throw new Error(
      `seed person ${spec.phone}: ${problems.map((p) => `${p.pointer} ${p.detail}`).join('; ')}`,
    );
  }
  let divisionCode = spec.divisionCode;
  if (spec.organisationId !== undefined) {
    const organisation = await db
      .selectFrom('organisation')
      .select('division_code')
      .where('id', '=', spec.organisationId)
      .executeTakeFirstOrThrow();
    divisionCode = organisation.division_code;
  }
  if (divisionCode === undefined) throw new Error(`seed person ${spec.phone} needs a division or department`);
  const division = await divisionOf(db, divisionCode);
  const accountId = randomUUID();
  const residentIdIndex = vault.blindIndex(residentId.value.number, RESIDENT_ID_INDEX);
  const phoneIndex = vault.blindIndex(phone.value, PHONE_INDEX);
  await insertNewAccount(
    db,
    {
      id: accountId,
      kind: spec.kind,
      organisation_id: spec.organisationId ?? null,
      division_code: division.code,
      province_code: division.province_code,
    },
    await hashPassword(spec.password),
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
  if (spec.totpSecret !== undefined) {
    // Checked by decoding: a malformed secret would lock the account out.
    decodeBase32(spec.totpSecret);
    await upsertPendingTotp(db, {
      account_id: accountId,
      secret_encrypted: vault.encrypt(spec.totpSecret, {
        table: 'totp_credential',
        column: 'secret_encrypted',
        rowId: accountId,
      }),
      confirmed_at: now,
      last_used_step: null,
      created_at: now,
      updated_at: now,
    });
  }
  await recordSeedEvent(
    db,
    spec.kind === 'citizen' ? 'identity.account.registered' : 'identity.account.created',
    { type: 'identity.account', id: accountId },
    now,
    {
      accountId,
      kind: spec.kind,
      divisionCode: division.code,
      organisationId: spec.organisationId ?? null,
      residentIdIndex,
      phoneIndex,
      hasSecondFactor: spec.totpSecret !== undefined,
    },
  );
  return accountId;
}

/** The enterprise account of an organisation with a credit code; it signs in with that code. */
export async function seedEnterpriseAccount(
  db: Db,
  deps: SeedDeps,
  spec: { organisationId: string; password: string },
): Promise<string> {
  const now = deps.clock.now();
  const organisation = await db
    .selectFrom('organisation')
    .select(['id', 'division_code', 'province_code', 'credit_code'])
    .where('id', '=', spec.organisationId)
    .executeTakeFirstOrThrow();
  if (organisation.credit_code === null) throw new Error('an enterprise account needs a credit code');
  const problem = checkNewPassword(spec.password, [organisation.credit_code]);
  if (problem) throw new Error(`seed enterprise password: ${problem.message}`);
  const accountId = randomUUID();
  await insertNewAccount(
    db,
    {
      id: accountId,
      kind: 'enterprise',
      organisation_id: organisation.id,
      division_code: organisation.division_code,
      province_code: organisation.province_code,
    },
    await hashPassword(spec.password),
    undefined,
    now,
  );
  await recordSeedEvent(db, 'identity.account.created', { type: 'identity.account', id: accountId }, now, {
    accountId,
    kind: 'enterprise',
    organisationId: organisation.id,
  });
  return accountId;
}

export async function seedGrant(
  db: Db,
  clock: Clock,
  spec: { accountId: string; roleCode: string; divisionCode: string; organisationId?: string },
): Promise<string> {
  const role = await findRoleByCode(db, spec.roleCode);
  if (!role) throw new Error(`seed grant names the unknown role ${spec.roleCode}`);
  const division = await findDivision(db, spec.divisionCode);
  if (!division) throw new Error(`seed grant names the unknown division ${spec.divisionCode}`);
  const id = randomUUID();
  const now = clock.now();
  await insertGrant(db, {
    id,
    account_id: spec.accountId,
    role_id: role.id,
    division_code: division.code,
    organisation_id: spec.organisationId ?? null,
    granted_by: null,
    granted_at: now,
    expires_at: null,
    revoked_at: null,
    revoked_by: null,
  });
  await recordSeedEvent(db, 'identity.grant.created', { type: 'identity.grant', id }, now, spec);
  return id;
}
