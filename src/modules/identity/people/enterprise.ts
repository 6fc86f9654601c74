import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../platform/errors/index.ts';
import { MANAGE_ACCOUNTS } from '../access/accounts.ts';
import type { AccessActor } from '../access/actor.ts';
import { accessErrors } from '../access/errors.ts';
import { insertNewAccount, recordAccountCreated } from './new-account.ts';
import { checkNewPassword, hashPassword } from './passwords.ts';
import type { PeopleDeps } from './registration.ts';
import { findEnterpriseAccountOf } from './store.ts';

export const READ_ACCOUNTS = 'identity.accounts.read';

export type EnterpriseAccountInput = { organisationId: string; password: string };

/**
 * An enterprise account (法人账户) acts for one registered organisation that has a unified social credit
 * code (an enterprise, NGO or public-service company) and signs in with that code. An administrator of
 * the organisation's area creates it after checking the business licence and the agent's authority at
 * the counter, and hands the initial password over; a citizen cannot claim an organisation by typing
 * its code. One account per organisation: a retried creation is a 409, never a second account.
 */
export async function createEnterpriseAccount(
  deps: PeopleDeps,
  actor: AccessActor,
  input: EnterpriseAccountInput,
  requestId?: string,
) {
  const { db, clock } = deps;
  const organisation = await findEnterpriseAccountOf(db, input.organisationId);
  if (!organisation?.is_active || organisation.credit_code === null) {
    throw invalidEnterpriseAccount(
      '/organisationId',
      'is not an active enterprise, NGO or public-service company with a credit code',
    );
  }
  if (
    !actor.can(MANAGE_ACCOUNTS, {
      divisionPath: organisation.division_path,
      organisationId: organisation.organisation_id,
    })
  ) {
    throw accessErrors.outsideScope(MANAGE_ACCOUNTS);
  }
  if (organisation.account_id !== null) throw enterpriseAccountExists();
  const passwordProblem = checkNewPassword(input.password, [organisation.credit_code]);
  if (passwordProblem) {
    throw invalidEnterpriseAccount('/password', `${passwordProblem.message} (${passwordProblem.reason})`);
  }
  const passwordHash = await hashPassword(input.password);
  const accountId = randomUUID();
  const now = clock.now();
  try {
    await db.transaction().execute(async (tx) => {
      await insertNewAccount(
        tx,
        {
          id: accountId,
          kind: 'enterprise',
          organisation_id: organisation.organisation_id,
          division_code: organisation.division_code,
          province_code: organisation.province_code,
        },
        passwordHash,
        undefined,
        now,
      );
      await recordAccountCreated(tx, actor, accountId, now, requestId, {
        kind: 'enterprise',
        organisationId: organisation.organisation_id,
      });
    });
  } catch (error) {
    // Two administrators at once: the unique index lets one through.
    if ((error as { code?: unknown } | null)?.code === '23505') throw enterpriseAccountExists();
    throw error;
  }
  return {
    accountId,
    kind: 'enterprise' as const,
    organisationId: organisation.organisation_id,
    creditCode: organisation.credit_code,
    divisionCode: organisation.division_code,
    createdAt: now.toISOString(),
  };
}

/**
 * Is the actor an enterprise account acting for this organisation? Services use it for records that
 * belong to an organisation (its applications, its data): an enterprise account sees its own
 * organisation's records and nobody else's.
 */
export function isActingFor(actor: AccessActor, organisationId: string | null): boolean {
  return actor.kind === 'enterprise' && organisationId !== null && actor.organisationId === organisationId;
}

/**
 * The enterprise account of an organisation, as the organisation itself or an officer with
 * identity.accounts.read over it sees it. Anyone else learns nothing, not even whether it exists.
 */
export async function getEnterpriseAccount(deps: PeopleDeps, actor: AccessActor, organisationId: string) {
  const found = await findEnterpriseAccountOf(deps.db, organisationId);
  const isPermitted =
    found !== undefined &&
    (isActingFor(actor, found.organisation_id) ||
      actor.can(READ_ACCOUNTS, {
        divisionPath: found.division_path,
        organisationId: found.organisation_id,
      }));
  if (!isPermitted) {
    throw new DomainError({
      kind: 'forbidden',
      code: 'identity.not-your-organisation',
      title: 'Not your organisation',
      detail:
        'An enterprise account sees only its own organisation; officers need identity.accounts.read over it.',
    });
  }
  if (found.account_id === null || found.status === null || found.created_at === null) {
    throw new DomainError({
      kind: 'not-found',
      code: 'identity.enterprise-account-not-found',
      title: 'No enterprise account',
      detail: `Organisation ${organisationId} has no enterprise account yet.`,
    });
  }
  return {
    accountId: found.account_id,
    status: found.status,
    createdAt: found.created_at.toISOString(),
    organisation: {
      id: found.organisation_id,
      kind: found.organisation_kind,
      nameZh: found.name_zh,
      nameEn: found.name_en,
      creditCode: found.credit_code ?? '',
      divisionCode: found.division_code,
    },
  };
}

function invalidEnterpriseAccount(pointer: string, detail: string) {
  return new DomainError({
    kind: 'invalid',
    code: 'identity.invalid-enterprise-account',
    title: 'The enterprise account is not valid',
    detail: `${pointer} ${detail}`,
    fields: [{ pointer, detail }],
  });
}

function enterpriseAccountExists() {
  return new DomainError({
    kind: 'conflict',
    code: 'identity.enterprise-account-exists',
    title: 'Already has an account',
    detail:
      'This organisation already has its enterprise account; reset its password instead of creating another.',
    fields: [{ pointer: '/organisationId', detail: 'already has an enterprise account' }],
  });
}
