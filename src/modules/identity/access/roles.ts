import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { DomainError } from '../../../platform/errors/index.ts';
import { auditedWrite, hashPayload } from '../../ledger/index.ts';
import type { AccessActor } from './actor.ts';
import { accessErrors } from './errors.ts';
import { findRoleByCode, insertRole, listPermissionCodes, listRolePermissions, upsertRole } from './store.ts';

type Db = Kysely<Tables>;

export const MANAGE_ROLES = 'identity.roles.manage';
export const READ_ROLES = 'identity.roles.read';

export async function listPermissionCatalogue(db: Db) {
  const rows = await db
    .selectFrom('permission')
    .select(['code', 'module', 'description_zh', 'description_en'])
    .orderBy('module')
    .orderBy('code')
    .execute();
  return rows.map((row) => ({
    code: row.code,
    module: row.module,
    descriptionZh: row.description_zh,
    descriptionEn: row.description_en,
  }));
}

/** Every role with its permissions; roles are the shared vocabulary of grants, so the list is not scoped. */
export async function listRoles(db: Db) {
  const roles = await db
    .selectFrom('role')
    .select(['id', 'code', 'name_zh', 'name_en', 'is_built_in', 'updated_at'])
    .orderBy('is_built_in', 'desc')
    .orderBy('code')
    .execute();
  const links = await db.selectFrom('role_permission').select(['role_id', 'permission_code']).execute();
  const permissionsOf = new Map<string, string[]>();
  for (const link of links) {
    permissionsOf.set(link.role_id, [...(permissionsOf.get(link.role_id) ?? []), link.permission_code]);
  }
  return roles.map((role) => ({
    code: role.code,
    nameZh: role.name_zh,
    nameEn: role.name_en,
    isBuiltIn: role.is_built_in,
    permissions: (permissionsOf.get(role.id) ?? []).sort(),
    updatedAt: role.updated_at.toISOString(),
  }));
}

export type RoleInput = { code: string; nameZh: string; nameEn: string; permissions: readonly string[] };
export type RoleChange = { nameZh?: string; nameEn?: string; permissions?: readonly string[] };

const roleErrors = {
  taken: (code: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'identity.role-code-taken',
      title: 'A role with that code exists',
      detail: `There is already a role ${code}; choose another code or change that role.`,
      fields: [{ pointer: '/code', detail: 'is already the code of a role' }],
    }),
  builtIn: (code: string) =>
    new DomainError({
      kind: 'conflict',
      code: 'identity.role-built-in',
      title: 'Built-in roles cannot be changed',
      detail: `${code} ships with the platform and is the same in every deployment; define a new role instead.`,
    }),
  notHeld: (missing: readonly string[]) =>
    new DomainError({
      kind: 'forbidden',
      code: 'identity.role-exceeds-own-rights',
      title: 'Cannot put into a role what you do not hold',
      detail: `You do not hold these permissions: ${missing.join(', ')}.`,
      fields: [
        { pointer: '/permissions', detail: `includes permissions you do not hold: ${missing.join(', ')}` },
      ],
    }),
  widensGrants: (missing: readonly string[]) =>
    new DomainError({
      kind: 'forbidden',
      code: 'identity.role-change-exceeds-own-rights',
      title: 'The change would give others more than you hold',
      detail: `The role is granted where you do not hold ${missing.join(', ')}; adding them would pass them on there.`,
      fields: [
        {
          pointer: '/permissions',
          detail: `adds permissions you do not hold wherever the role is granted: ${missing.join(', ')}`,
        },
      ],
    }),
};

async function checkCatalogue(db: Db, permissions: readonly string[]): Promise<void> {
  const catalogue = await listPermissionCodes(db);
  const unknown = permissions.filter((permission) => !catalogue.has(permission));
  if (unknown.length > 0) {
    throw new DomainError({
      kind: 'invalid',
      code: 'identity.unknown-permission',
      title: 'Unknown permission',
      detail: `Not in the permission catalogue: ${unknown.join(', ')}.`,
      fields: [{ pointer: '/permissions', detail: `not in the catalogue: ${unknown.join(', ')}` }],
    });
  }
}

/**
 * Defines a new role. Its permissions must be in the catalogue and held by the actor: nobody
 * composes a role with more power than their own (granting it is then checked scope by scope).
 */
export async function createRole(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  input: RoleInput,
  requestId?: string,
): Promise<void> {
  const permissions = [...new Set(input.permissions)].sort();
  await checkCatalogue(db, permissions);
  const missing = permissions.filter((permission) => !actor.hasPermission(permission));
  if (missing.length > 0) throw roleErrors.notHeld(missing);
  const now = clock.now();
  const role = { ...input, nameZh: input.nameZh.trim(), nameEn: input.nameEn.trim(), permissions };
  await auditedWrite(
    db,
    {
      action: 'identity.role.defined',
      actor: { kind: 'staff', id: actor.accountId },
      onBehalfOf: actor.organisationId,
      record: { type: 'identity.role', id: role.code },
      at: now,
      requestId: requestId ?? null,
      payloadHash: hashPayload(role),
    },
    async (tx) => {
      const row = {
        id: randomUUID(),
        code: role.code,
        name_zh: role.nameZh,
        name_en: role.nameEn,
        is_built_in: false,
        created_at: now,
        updated_at: now,
      };
      // The code's uniqueness is settled by the insert itself, so two at once cannot both win.
      if (!(await insertRole(tx, row, permissions))) throw roleErrors.taken(role.code);
    },
  );
}

/**
 * Renames a role or changes its permissions. Built-in roles stay as shipped. A change reaches every
 * grant of the role at once, so each permission added must be held by the actor over the scope of
 * every grant in force: otherwise editing a role would hand holders elsewhere what the editor cannot.
 */
export async function changeRole(
  db: Db,
  clock: Clock,
  actor: AccessActor,
  code: string,
  change: RoleChange,
  requestId?: string,
): Promise<void> {
  const role = await findRoleByCode(db, code);
  if (!role) throw accessErrors.unknownRole(code);
  if (role.is_built_in) throw roleErrors.builtIn(code);
  const before = await listRolePermissions(db, role.id);
  const after = change.permissions ? [...new Set(change.permissions)].sort() : before;
  await checkCatalogue(db, after);
  const changed = [
    ...after.filter((permission) => !before.includes(permission)),
    ...before.filter((permission) => !after.includes(permission)),
  ];
  const notHeld = changed.filter((permission) => !actor.hasPermission(permission));
  if (notHeld.length > 0) throw roleErrors.notHeld(notHeld);
  const added = after.filter((permission) => !before.includes(permission));
  if (added.length > 0) {
    const now = clock.now();
    const grants = await db
      .selectFrom('access_grant as g')
      .innerJoin('division as d', 'd.code', 'g.division_code')
      .select(['d.path', 'g.organisation_id'])
      .where('g.role_id', '=', role.id)
      .where('g.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('g.expires_at', 'is', null), eb('g.expires_at', '>', now)]))
      .execute();
    const beyond = added.filter((permission) =>
      grants.some(
        (grant) =>
          !actor.can(permission, { divisionPath: grant.path, organisationId: grant.organisation_id }),
      ),
    );
    if (beyond.length > 0) throw roleErrors.widensGrants(beyond);
  }
  const now = clock.now();
  const next = {
    code,
    nameZh: change.nameZh?.trim() ?? role.name_zh,
    nameEn: change.nameEn?.trim() ?? role.name_en,
    permissions: after,
  };
  await auditedWrite(
    db,
    {
      action: 'identity.role.changed',
      actor: { kind: 'staff', id: actor.accountId },
      onBehalfOf: actor.organisationId,
      record: { type: 'identity.role', id: code },
      at: now,
      requestId: requestId ?? null,
      payloadHash: hashPayload({ ...next, before }),
    },
    (tx) => upsertRole(tx, { ...role, name_zh: next.nameZh, name_en: next.nameEn, updated_at: now }, after),
  );
}
