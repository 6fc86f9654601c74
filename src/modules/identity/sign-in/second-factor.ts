/**
 * The second factor (TOTP). Staff need it: a staff session carries its grants only once the session
 * was proven with a code (amr includes `otp`). Any account may enrol; once enrolled, sign-in asks for
 * a code every time.
 */
import { DomainError } from '../../../platform/errors/index.ts';
import { hashPayload, recordAuditEvent } from '../../ledger/index.ts';
import type { AccessActor } from '../access/actor.ts';
import { secondFactorErrors } from './errors.ts';
import { getManagedAccount } from './passwords.ts';
import type { SessionActor, SessionDeps } from './session-deps.ts';
import {
  addAuthenticationMethod,
  deleteTotp,
  endAccountSessions,
  findTotp,
  spendTotpStep,
  upsertPendingTotp,
} from './store.ts';
import { decodeBase32, encodeBase32, generateTotpSecret, matchTotp, otpauthUri } from './totp.ts';

export const TOTP_ISSUER = 'Shuzhi';

const secretPlace = (accountId: string) => ({
  table: 'totp_credential',
  column: 'secret_encrypted',
  rowId: accountId,
});

/** Gives a new secret to put into an authenticator app; in force only once a code confirms it. */
export async function startTotpEnrolment(deps: SessionDeps, actor: SessionActor, requestId: string) {
  const now = deps.clock.now();
  const secret = generateTotpSecret();
  await deps.db.transaction().execute(async (tx) => {
    const isStarted = await upsertPendingTotp(tx, {
      account_id: actor.accountId,
      secret_encrypted: deps.vault.encrypt(encodeBase32(secret), secretPlace(actor.accountId)),
      confirmed_at: null,
      last_used_step: null,
      created_at: now,
      updated_at: now,
    });
    if (!isStarted) throw secondFactorErrors.alreadyEnrolled();
    await recordAuditEvent(tx, {
      action: 'identity.totp.enrolment-started',
      actor: { kind: actor.kind, id: actor.accountId },
      record: { type: 'identity.account', id: actor.accountId },
      at: now,
      requestId,
    });
  });
  return {
    secret: encodeBase32(secret),
    otpauthUri: otpauthUri(TOTP_ISSUER, `account-${actor.accountId.slice(0, 8)}`, secret),
  };
}

/** Confirms enrolment with a first code; the current session counts as proven by the second factor. */
export async function confirmTotpEnrolment(
  deps: SessionDeps,
  actor: SessionActor,
  code: string,
  requestId: string,
): Promise<void> {
  const now = deps.clock.now();
  const pending = await findTotp(deps.db, actor.accountId);
  if (!pending) throw secondFactorErrors.notStarted();
  if (pending.confirmed_at) throw secondFactorErrors.alreadyEnrolled();
  const step = matchTotp(readSecret(deps, pending), code, now, pending.last_used_step);
  if (step === undefined) throw secondFactorErrors.wrongCode();
  await deps.db.transaction().execute(async (tx) => {
    if (!(await spendTotpStep(tx, actor.accountId, step, now, true))) throw secondFactorErrors.wrongCode();
    await addAuthenticationMethod(tx, actor.sessionId, 'otp');
    await recordAuditEvent(tx, {
      action: 'identity.totp.enrolled',
      actor: { kind: actor.kind, id: actor.accountId },
      record: { type: 'identity.account', id: actor.accountId },
      at: now,
      requestId,
      payloadHash: hashPayload({ accountId: actor.accountId, sessionId: actor.sessionId }),
    });
  });
}

export function readSecret(deps: SessionDeps, row: { account_id: string; secret_encrypted: string }) {
  return decodeBase32(deps.vault.decrypt(row.secret_encrypted, secretPlace(row.account_id)));
}

/**
 * Checks a sign-in code and uses up its time step. `undefined` when the account has no confirmed
 * factor; otherwise whether the code was right and unused.
 */
export async function checkSignInCode(
  deps: SessionDeps,
  accountId: string,
  code: string | undefined,
): Promise<'not-enrolled' | 'missing' | 'accepted' | 'refused'> {
  const factor = await findTotp(deps.db, accountId);
  if (!factor?.confirmed_at) return 'not-enrolled';
  if (code === undefined) return 'missing';
  const now = deps.clock.now();
  const step = matchTotp(readSecret(deps, factor), code, now, factor.last_used_step);
  if (step === undefined) return 'refused';
  return (await spendTotpStep(deps.db, accountId, step, now, false)) ? 'accepted' : 'refused';
}

/**
 * An administrator removes the authenticator of an account in their area (a lost or replaced phone),
 * for a stated reason. Its sessions end; a member of staff then signs in with the password alone, which
 * is good for nothing but enrolling a new app.
 */
export async function resetSecondFactor(
  deps: SessionDeps,
  actor: AccessActor,
  input: { accountId: string; reason: string },
  requestId: string,
): Promise<number> {
  const account = await getManagedAccount(deps.db, actor, input.accountId);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    if (!(await deleteTotp(tx, account.id))) {
      throw new DomainError({
        kind: 'conflict',
        code: 'identity.totp-not-enrolled',
        title: 'No authenticator to reset',
        detail: 'This account has no authenticator app enrolled.',
      });
    }
    const ended = await endAccountSessions(tx, account.id, now, 'second-factor-reset');
    await recordAuditEvent(tx, {
      action: 'identity.totp.reset',
      actor: { kind: 'staff', id: actor.accountId },
      onBehalfOf: actor.organisationId,
      record: { type: 'identity.account', id: account.id },
      at: now,
      reason: input.reason,
      requestId,
      payloadHash: hashPayload({ accountId: account.id, endedSessions: ended }),
    });
    return ended.length;
  });
}
