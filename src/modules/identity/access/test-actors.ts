/** Test helpers: accounts that hold a role somewhere, and requests made as them. */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import type { AccessActor } from './actor.ts';
import { loadAccessActor } from './service.ts';
import { findRoleByCode, insertAccount, insertGrant } from './store.ts';

/** An active account holding `roleCode` over the subtree of `divisionCode` (granted directly, as seed data would). */
export async function createAccountWithRole(
  db: Kysely<Tables>,
  clock: Clock,
  options: { roleCode: string; divisionCode: string; kind?: 'citizen' | 'staff'; organisationId?: string },
): Promise<string> {
  const now = clock.now();
  const id = randomUUID();
  await insertAccount(db, {
    id,
    kind: options.kind ?? (options.organisationId ? 'staff' : 'citizen'),
    organisation_id: options.organisationId ?? null,
    division_code: options.divisionCode,
    status: 'active',
    province_code: options.divisionCode.slice(0, 2),
    created_at: now,
    updated_at: now,
  });
  const role = await findRoleByCode(db, options.roleCode);
  if (!role) throw new Error(`no role ${options.roleCode}`);
  await insertGrant(db, {
    id: randomUUID(),
    account_id: id,
    role_id: role.id,
    division_code: options.divisionCode,
    organisation_id: null,
    granted_by: null,
    granted_at: now,
    expires_at: null,
    revoked_at: null,
    revoked_by: null,
  });
  return id;
}

/** The actor named by `Authorization: Bearer <account id>`, read from the database like a real session. */
export function actorFromBearer(
  request: FastifyRequest,
  db: Kysely<Tables>,
  clock: Clock,
): Promise<AccessActor | undefined> {
  const bearer = request.headers.authorization?.replace(/^Bearer /, '');
  return bearer ? loadAccessActor(db, clock, bearer) : Promise.resolve(undefined);
}
