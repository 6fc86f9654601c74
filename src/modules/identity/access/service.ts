import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { auditedWrite, hashPayload } from '../../ledger/index.ts';
import { findDivision } from '../divisions/store.ts';
import { type AccessActor, createAccessActor } from './actor.ts';
import { accessErrors } from './errors.ts';
import {
  findAccount,
  findGrant,
  findRoleByCode,
  insertGrant,
  listActiveGrants,
  listPermissionCodes,
  listRolePermissions,
  markGrantRevoked,
  upsertRole,
} from './store.ts';

type Db = Kysely<Tables>;

/**
 * The actor for an account as the database says now: a disabled account, or one that does not
 * exist, is nobody. Read on every request, so grants and revocations count from the next request.
 */
export async function loadAccessActor(
  db: Db,
  clock: Clock,
  accountId: string,
): Promise<AccessActor | undefined> {
  const account = await findAccount(db, accountId);
  if (account?.status !== 'active') return undefined;
  const grants = await listActiveGrants(db, accountId, clock.now());
  return createAccessActor({
    accountId: account.id,
    kind: account.kind,
    organisationId: account.organisation_id,
    divisionCode: account.division_code,
    grants: grants.map((grant) => ({
      grantId: grant.grant_id,
      roleCode: grant.role_code,
      permissions: new Set(grant.permissions),
      divisionCode: grant.division_code,
      divisionPath: grant.division_path,
      organisationId: grant.organisation_id,
    })),
  });
}

export type GrantRequest = {
  accountId: string;
  roleCode: string;
  divisionCode: string;
  organisationId?: string | null;
  expiresAt?: Date | null;
  reason: string;
  requestId?: string;
};

/**
 * Grants a role within a scope. The granter needs identity.grants.manage over that scope, and may
 * pass on only permissions they hold there themselves: nobody can make someone more powerful than
 * they are.
 */
export async function grantRole(
  db: Db,
  clock: Clock,
  granter: AccessActor,
  request: GrantRequest,
): Promise<string> {
  const division = await findDivision(db, request.divisionCode);
  if (!division) throw accessErrors.unknownDivision(request.divisionCode);
  const target = { divisionPath: division.path, organisationId: request.organisationId ?? null };
  if (!granter.can('identity.grants.manage', target))
    throw accessErrors.outsideScope('identity.grants.manage');
  const role = await findRoleByCode(db, request.roleCode);
  if (!role) throw accessErrors.unknownRole(request.roleCode);
  const account = await findAccount(db, request.accountId);
  if (!account) throw accessErrors.unknownAccount(request.accountId);
  const permissions = await listRolePermissions(db, role.id);
  const missing = permissions.filter((permission) => !granter.can(permission, target));
  if (missing.length > 0) throw accessErrors.escalation(missing);

  const id = randomUUID();
  const now = clock.now();
  await auditedWrite(
    db,
    {
      action: 'identity.grant.created',
      actor: { kind: 'staff', id: granter.accountId },
      onBehalfOf: granter.organisationId,
      record: { type: 'identity.grant', id },
      at: now,
      reason: request.reason,
      requestId: request.requestId ?? null,
      payloadHash: hashPayload({ ...request, role: role.code, permissions }),
    },
    (tx) =>
      insertGrant(tx, {
        id,
        account_id: account.id,
        role_id: role.id,
        division_code: division.code,
        organisation_id: request.organisationId ?? null,
        granted_by: granter.accountId,
        granted_at: now,
        expires_at: request.expiresAt ?? null,
        revoked_at: null,
        revoked_by: null,
      }),
  );
  return id;
}

/** Revokes a grant; the holder loses it from their next request. */
export async function revokeGrant(
  db: Db,
  clock: Clock,
  revoker: AccessActor,
  grantId: string,
  reason: string,
): Promise<void> {
  const grant = await findGrant(db, grantId);
  if (!grant) throw accessErrors.unknownGrant(grantId);
  const division = await findDivision(db, grant.division_code);
  const target = { divisionPath: division!.path, organisationId: grant.organisation_id };
  if (!revoker.can('identity.grants.manage', target))
    throw accessErrors.outsideScope('identity.grants.manage');
  const now = clock.now();
  await auditedWrite(
    db,
    {
      action: 'identity.grant.revoked',
      actor: { kind: 'staff', id: revoker.accountId },
      onBehalfOf: revoker.organisationId,
      record: { type: 'identity.grant', id: grantId },
      at: now,
      reason,
    },
    async (tx) => {
      if (!(await markGrantRevoked(tx, grantId, revoker.accountId, now)))
        throw accessErrors.alreadyRevoked(grantId);
    },
  );
}

export type RoleDefinition = { code: string; nameZh: string; nameEn: string; permissions: readonly string[] };

/** Creates or redefines a role (seed data and administrators), audited, permissions checked against the catalogue. */
export async function defineRole(
  db: Db,
  clock: Clock,
  by: { kind: 'system' | 'staff'; id: string },
  role: RoleDefinition,
  isBuiltIn: boolean,
): Promise<void> {
  const catalogue = await listPermissionCodes(db);
  const unknown = role.permissions.filter((permission) => !catalogue.has(permission));
  if (unknown.length > 0) throw accessErrors.unknownPermissions(unknown);
  const now = clock.now();
  await auditedWrite(
    db,
    {
      action: 'identity.role.defined',
      actor: by,
      record: { type: 'identity.role', id: role.code },
      at: now,
      payloadHash: hashPayload(role),
    },
    (tx) =>
      upsertRole(
        tx,
        {
          id: randomUUID(),
          code: role.code,
          name_zh: role.nameZh,
          name_en: role.nameEn,
          is_built_in: isBuiltIn,
          created_at: now,
          updated_at: now,
        },
        [...new Set(role.permissions)].sort(),
      ),
  );
}
