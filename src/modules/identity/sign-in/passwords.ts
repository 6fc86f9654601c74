/**
 * A password's life after registration: the holder changes it (knowing the current one), or an
 * administrator of the account's area issues a one-time reset code that the holder, proven at the
 * counter, uses to set a new one. Either way the same rules as registration apply to the new password,
 * and sessions that might belong to someone else end.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';
import { DomainError, type FieldProblem } from '../../../platform/errors/index.ts';
import { hashPayload, recordAuditEvent } from '../../ledger/index.ts';
import type { AccessActor } from '../access/actor.ts';
import { accessErrors } from '../access/errors.ts';
import { checkNewPassword, hashPassword, verifyPassword } from '../people/passwords.ts';
import {
  findAccountForLifecycle,
  findPasswordHash,
  findPasswordResetByHash,
  insertPasswordReset,
  spendPasswordReset,
  supersedePasswordResets,
  updatePasswordHash,
} from '../people/store.ts';
import type { SessionActor, SessionDeps } from './session-deps.ts';
import { endAccountSessions, endOtherSessions } from './store.ts';
import { findBlock, forgetFailures, recordFailure, type ThrottleKey } from './throttle.ts';
import { encodeBase32 } from './totp.ts';

type Db = Kysely<Tables>;

/** The permission to look after accounts in one's area (declared by the access catalogue). */
export const MANAGE_ACCOUNTS = 'identity.accounts.manage';

/** Long enough to reach the holder by phone or at the counter the next day, short enough to go stale. */
export const PASSWORD_RESET_VALIDITY_MS = 24 * 3_600_000;

const RESET_CODE_INDEX = 'identity.password-reset';

export type ThrottledOutcome = { outcome: 'throttled'; retryAfterSeconds: number };

/**
 * The holder changes their password. The current one is required (a borrowed unlocked browser is not
 * enough) and wrong guesses count against the account like failed sign-ins. Every other session
 * ends; this one stays.
 */
export async function changePassword(
  deps: SessionDeps,
  actor: SessionActor,
  input: { currentPassword: string; newPassword: string },
  requestId: string,
): Promise<ThrottledOutcome | { outcome: 'changed'; endedSessions: number }> {
  const { db, clock } = deps;
  if (actor.kind === 'staff' && !actor.authenticationMethods.includes('otp')) {
    throw credentialErrors.enrolFirst();
  }
  const now = clock.now();
  const accountKey: ThrottleKey = { scope: 'account', subject: actor.accountId };
  const retryAfterSeconds = await findBlock(db, [accountKey], now);
  if (retryAfterSeconds !== undefined) return { outcome: 'throttled', retryAfterSeconds };
  const currentHash = await findPasswordHash(db, actor.accountId);
  const problems: FieldProblem[] = [];
  if (!currentHash || !(await verifyPassword(currentHash, input.currentPassword))) {
    await recordFailure(db, [accountKey], now);
    problems.push({ pointer: '/currentPassword', detail: 'is not your current password' });
  }
  const newProblem = await checkAccountPassword(deps, actor.accountId, input.newPassword, '/newPassword');
  if (newProblem) problems.push(newProblem);
  else if (input.newPassword === input.currentPassword) {
    problems.push({ pointer: '/newPassword', detail: 'must differ from the current password (unchanged)' });
  }
  if (problems.length > 0) throw credentialErrors.invalidPassword(problems);
  const passwordHash = await hashPassword(input.newPassword);
  const ended = await db.transaction().execute(async (tx) => {
    await updatePasswordHash(tx, actor.accountId, passwordHash, now);
    const endedIds = await endOtherSessions(tx, actor.accountId, actor.sessionId, now, 'password-changed');
    await forgetFailures(tx, accountKey);
    await recordAuditEvent(tx, {
      action: 'identity.password.changed',
      actor: { kind: actor.kind, id: actor.accountId },
      onBehalfOf: actor.organisationId,
      record: { type: 'identity.account', id: actor.accountId },
      at: now,
      requestId,
      payloadHash: hashPayload({ accountId: actor.accountId, endedSessions: endedIds }),
    });
    return endedIds;
  });
  return { outcome: 'changed', endedSessions: ended.length };
}

/**
 * An administrator issues a reset code for an account in their area, after checking who the holder is.
 * The code is shown once, only its keyed hash is kept, it expires, works once, and a newer code
 * replaces any older unused one. The password itself does not change until the holder uses the code.
 */
export async function issuePasswordReset(
  deps: SessionDeps,
  actor: AccessActor,
  input: { accountId: string; reason: string },
  requestId: string,
) {
  const { db, clock, vault } = deps;
  const account = await getManagedAccount(db, actor, input.accountId);
  if (account.status !== 'active') throw credentialErrors.accountDisabled();
  const now = clock.now();
  const code = formatResetCode(encodeBase32(randomBytes(15)));
  const resetId = randomUUID();
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_VALIDITY_MS);
  await db.transaction().execute(async (tx) => {
    const superseded = await supersedePasswordResets(tx, account.id, now);
    await insertPasswordReset(tx, {
      id: resetId,
      account_id: account.id,
      code_hash: vault.blindIndex(normaliseResetCode(code), RESET_CODE_INDEX),
      issued_by: actor.accountId,
      reason: input.reason,
      created_at: now,
      expires_at: expiresAt,
      used_at: null,
      superseded_at: null,
    });
    await recordAuditEvent(tx, {
      action: 'identity.password.reset-issued',
      actor: { kind: 'staff', id: actor.accountId },
      onBehalfOf: actor.organisationId,
      record: { type: 'identity.account', id: account.id },
      at: now,
      reason: input.reason,
      requestId,
      payloadHash: hashPayload({ resetId, expiresAt: expiresAt.toISOString(), superseded }),
    });
  });
  return { resetId, code, expiresAt: expiresAt.toISOString() };
}

/**
 * The holder sets a new password with a reset code. Failed codes count against the client address
 * like failed sign-ins. Every session of the account ends, and failed sign-ins on the account are
 * forgotten: the holder has just proven who they are another way.
 */
export async function completePasswordReset(
  deps: SessionDeps,
  input: { code: string; newPassword: string; clientAddress: string },
  requestId: string,
): Promise<ThrottledOutcome | { outcome: 'reset'; accountId: string }> {
  const { db, clock, vault } = deps;
  const now = clock.now();
  const clientKey: ThrottleKey = {
    scope: 'client',
    subject: vault.blindIndex(input.clientAddress, 'sign-in.client'),
  };
  const retryAfterSeconds = await findBlock(db, [clientKey], now);
  if (retryAfterSeconds !== undefined) return { outcome: 'throttled', retryAfterSeconds };
  const codeHash = vault.blindIndex(normaliseResetCode(input.code), RESET_CODE_INDEX);
  const reset = await findPasswordResetByHash(db, codeHash);
  if (!reset || reset.used_at || reset.superseded_at || reset.expires_at <= now) {
    await recordFailure(db, [clientKey], now);
    throw credentialErrors.resetCodeInvalid();
  }
  const problem = await checkAccountPassword(deps, reset.account_id, input.newPassword, '/newPassword');
  if (problem) throw credentialErrors.invalidPassword([problem]);
  const passwordHash = await hashPassword(input.newPassword);
  const account = await findAccountForLifecycle(db, reset.account_id);
  await db.transaction().execute(async (tx) => {
    // Conditional, so two requests racing with one code cannot both set a password.
    const spent = await spendPasswordReset(tx, codeHash, now);
    if (!spent) throw credentialErrors.resetCodeInvalid();
    await updatePasswordHash(tx, spent.account_id, passwordHash, now);
    const ended = await endAccountSessions(tx, spent.account_id, now, 'password-reset');
    await forgetFailures(tx, { scope: 'account', subject: spent.account_id });
    await recordAuditEvent(tx, {
      action: 'identity.password.reset-completed',
      actor: { kind: account!.kind, id: spent.account_id },
      onBehalfOf: account!.organisation_id,
      record: { type: 'identity.account', id: spent.account_id },
      at: now,
      requestId,
      payloadHash: hashPayload({ resetId: spent.id, endedSessions: ended }),
    });
  });
  return { outcome: 'reset', accountId: reset.account_id };
}

/**
 * The account an administrator acts on: it exists, lies in their area for identity.accounts.manage,
 * and is not their own (for their own account they use the holder's ways, which need the current
 * password or factor).
 */
export async function getManagedAccount(db: Db, actor: AccessActor, accountId: string) {
  const account = await findAccountForLifecycle(db, accountId);
  if (!account) throw accessErrors.unknownAccount(accountId);
  if (
    !actor.can(MANAGE_ACCOUNTS, {
      divisionPath: account.division_path,
      organisationId: account.organisation_id,
    })
  ) {
    throw accessErrors.outsideScope(MANAGE_ACCOUNTS);
  }
  if (account.id === actor.accountId) {
    throw new DomainError({
      kind: 'conflict',
      code: 'identity.cannot-reset-own-account',
      title: 'Not for your own account',
      detail: 'Change your own password on My account; another administrator for your area can reset it.',
    });
  }
  return account;
}

/** The registration rules for a new password, with the account's own identifiers as personal data. */
async function checkAccountPassword(
  deps: SessionDeps,
  accountId: string,
  password: string,
  pointer: string,
): Promise<FieldProblem | undefined> {
  const account = await findAccountForLifecycle(deps.db, accountId);
  const personal: string[] = [];
  if (account?.resident_id_encrypted && account.phone_encrypted) {
    const at = (column: string) => ({ table: 'person', column, rowId: accountId });
    const residentId = deps.vault.decrypt(account.resident_id_encrypted, at('resident_id'));
    // The 15-digit form too, as at registration.
    personal.push(residentId, residentId.slice(0, 6) + residentId.slice(8, 17));
    personal.push(deps.vault.decrypt(account.phone_encrypted, at('phone')));
  }
  if (account?.credit_code) personal.push(account.credit_code);
  const problem = checkNewPassword(password, personal);
  return problem ? { pointer, detail: `${problem.message} (${problem.reason})` } : undefined;
}

/** 24 base32 characters (120 random bits) in groups of four, easy to read out and type. */
function formatResetCode(code: string): string {
  return code.match(/.{4}/g)!.join('-');
}

/** Typed codes may carry spaces, dashes and lower case. */
function normaliseResetCode(code: string): string {
  return code.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

export const credentialErrors = {
  invalidPassword: (fields: readonly FieldProblem[]) =>
    new DomainError({
      kind: 'invalid',
      code: 'identity.invalid-password-change',
      title: 'The password was not changed',
      detail: fields.map((field) => `${field.pointer} ${field.detail}`).join('; '),
      fields,
    }),
  enrolFirst: () =>
    new DomainError({
      kind: 'forbidden',
      code: 'identity.second-factor-enrolment-required',
      title: 'Enrol your authenticator app first',
      detail:
        'Staff sessions signed in with the password alone can only enrol an authenticator app. Enrol it, then try again.',
    }),
  accountDisabled: () =>
    new DomainError({
      kind: 'conflict',
      code: 'identity.account-disabled',
      title: 'Account disabled',
      detail: 'The account is disabled; a reset code would not let anyone sign in.',
    }),
  // One answer for unknown, used, replaced and expired codes: the holder needs a new code in each case.
  resetCodeInvalid: () =>
    new DomainError({
      kind: 'invalid',
      code: 'identity.reset-code-invalid',
      title: 'Reset code not valid',
      detail:
        'The reset code is wrong, was already used, was replaced by a newer one, or has expired. Ask for a new one.',
      fields: [{ pointer: '/code', detail: 'is not a valid reset code' }],
    }),
};
