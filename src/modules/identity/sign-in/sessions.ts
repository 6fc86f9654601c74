import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';
import { parseCreditCode, parsePhone, parseResidentId } from '../../../platform/identifiers/index.ts';
import type { Vault } from '../../../platform/vault/index.ts';
import { type AuditEvent, hashPayload, recordAuditEvent, recordAuditEvents } from '../../ledger/index.ts';
import { createAccessActor } from '../access/actor.ts';
import { loadAccessActor } from '../access/service.ts';
import { findAccount } from '../access/store.ts';
import { verifyAgainstNothing, verifyPassword } from '../people/passwords.ts';
import { PHONE_INDEX, RESIDENT_ID_INDEX } from '../people/registration.ts';
import {
  findCredentialByIndex,
  findEnterpriseCredential,
  findMaskedPerson,
  findOrganisationSummary,
} from '../people/store.ts';
import { checkSignInCode } from './second-factor.ts';
import type { SessionActor, SessionDeps } from './session-deps.ts';
import {
  endAccountSessions,
  endSession,
  findSessionByTokenHash,
  findTotp,
  insertSession,
  listOpenSessions,
  type SessionEndReason,
  touchSession,
} from './store.ts';
import { findBlock, forgetFailures, recordFailure, type ThrottleKey } from './throttle.ts';

type Db = Kysely<Tables>;

export { isSessionActor, type SessionActor, type SessionDeps } from './session-deps.ts';

/** Requests within this long of the last recorded one do not write last_seen_at again. */
const TOUCH_INTERVAL_MS = 60_000;

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export type SignInOutcome =
  | {
      outcome: 'signed-in';
      token: string;
      sessionId: string;
      accountId: string;
      expiresAt: Date;
      authenticationMethods: string[];
    }
  | { outcome: 'failed' }
  | { outcome: 'second-factor-required' }
  | { outcome: 'throttled'; retryAfterSeconds: number };

/**
 * Password sign-in by resident ID or phone. Unknown identifiers, wrong passwords and disabled accounts
 * all fail alike and take as long (a password hash is checked either way), and are throttled alike.
 */
export async function signIn(
  deps: SessionDeps,
  input: {
    identifier: string;
    password: string;
    /** The authenticator app's code, for accounts with a second factor. */
    otp?: string | undefined;
    clientAddress: string;
    userAgent: string | undefined;
    presentedToken: string | undefined;
    requestId: string;
  },
): Promise<SignInOutcome> {
  const { db, clock, vault } = deps;
  const now = clock.now();
  const lookup = lookupOf(vault, input.identifier, now);
  const candidate = await findCandidate(db, lookup);
  const accountKey: ThrottleKey = {
    scope: 'account',
    // Unknown identifiers are throttled too, under a keyed hash: otherwise being throttled would tell
    // that an account exists.
    subject:
      candidate?.account_id ??
      vault.blindIndex(`${lookup?.kind ?? 'text'}:${input.identifier}`, 'sign-in.identifier'),
  };
  const keys: ThrottleKey[] = [
    accountKey,
    { scope: 'client', subject: vault.blindIndex(input.clientAddress, 'sign-in.client') },
  ];
  const retryAfterSeconds = await findBlock(db, keys, now);
  if (retryAfterSeconds !== undefined) return { outcome: 'throttled', retryAfterSeconds };

  const isValid = candidate
    ? await verifyPassword(candidate.password_hash, input.password)
    : await verifyAgainstNothing(input.password);
  if (!candidate || !isValid || candidate.status !== 'active') {
    await recordFailure(db, keys, now);
    return { outcome: 'failed' };
  }
  const secondFactor = await checkSignInCode(deps, candidate.account_id, input.otp);
  if (secondFactor === 'missing') return { outcome: 'second-factor-required' };
  if (secondFactor === 'refused') {
    await recordFailure(db, keys, now);
    return { outcome: 'failed' };
  }

  const token = randomBytes(32).toString('base64url');
  const sessionId = randomUUID();
  const expiresAt = new Date(now.getTime() + deps.absoluteTimeoutMs);
  const authenticationMethods = secondFactor === 'accepted' ? ['pwd', 'otp'] : ['pwd'];
  const actor = { kind: candidate.kind, id: candidate.account_id } as const;
  await db.transaction().execute(async (tx) => {
    const events: AuditEvent[] = [];
    // Rotation: whatever session this browser had ends, so a token planted before sign-in is worthless.
    const presented = input.presentedToken
      ? await findSessionByTokenHash(tx, hashToken(input.presentedToken))
      : undefined;
    if (presented && (await endSession(tx, presented.id, now, 'replaced'))) {
      events.push({
        action: 'identity.session.replaced',
        actor,
        record: { type: 'identity.session', id: presented.id },
        at: now,
        requestId: input.requestId,
        payloadHash: hashPayload({ sessionId: presented.id, replacedBy: sessionId }),
      });
    }
    await insertSession(tx, {
      id: sessionId,
      token_hash: hashToken(token),
      account_id: candidate.account_id,
      authentication_methods: authenticationMethods,
      user_agent: input.userAgent ? Array.from(input.userAgent).slice(0, 200).join('') : null,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      ended_at: null,
      end_reason: null,
    });
    events.push({
      action: 'identity.session.signed-in',
      actor,
      onBehalfOf: candidate.organisation_id,
      record: { type: 'identity.session', id: sessionId },
      at: now,
      requestId: input.requestId,
      payloadHash: hashPayload({ sessionId, accountId: candidate.account_id, authenticationMethods }),
    });
    await recordAuditEvents(tx, events);
    await forgetFailures(tx, accountKey);
  });
  return {
    outcome: 'signed-in',
    token,
    sessionId,
    accountId: candidate.account_id,
    expiresAt,
    authenticationMethods,
  };
}

type Lookup =
  | { kind: 'resident_id_index' | 'phone_index'; index: string; creditCode?: string }
  | { kind: 'credit_code'; creditCode: string };

/**
 * What a sign-in identifier can name: a person by phone or resident ID (blind index), or an enterprise
 * account by its organisation's credit code. An 18-character string may pass both checksums; it is
 * looked up as a resident ID first and as a credit code if no person has it.
 */
function lookupOf(vault: Vault, identifier: string, now: Date): Lookup | undefined {
  const phone = parsePhone(identifier);
  if (phone.ok) return { kind: 'phone_index', index: vault.blindIndex(phone.value, PHONE_INDEX) };
  const residentId = parseResidentId(identifier, now);
  const creditCode = parseCreditCode(identifier);
  if (residentId.ok) {
    return {
      kind: 'resident_id_index',
      index: vault.blindIndex(residentId.value.number, RESIDENT_ID_INDEX),
      ...(creditCode.ok ? { creditCode: creditCode.value.code } : {}),
    };
  }
  if (creditCode.ok) return { kind: 'credit_code', creditCode: creditCode.value.code };
  return undefined;
}

async function findCandidate(db: Db, lookup: Lookup | undefined) {
  if (!lookup) return undefined;
  if (lookup.kind === 'credit_code') return findEnterpriseCredential(db, lookup.creditCode);
  const person = await findCredentialByIndex(db, lookup.kind, lookup.index);
  if (person || lookup.creditCode === undefined) return person;
  return findEnterpriseCredential(db, lookup.creditCode);
}

function isLive(
  session: { ended_at: Date | null; expires_at: Date; last_seen_at: Date },
  now: Date,
  idleMs: number,
) {
  return (
    session.ended_at === null &&
    session.expires_at > now &&
    now.getTime() - session.last_seen_at.getTime() < idleMs
  );
}

/**
 * The actor behind a session token, or undefined: no such session, ended, idle too long, past its
 * absolute end, or the account disabled. Grants are read fresh, so changes count from the next request.
 */
export async function resolveSession(deps: SessionDeps, token: string): Promise<SessionActor | undefined> {
  const { db, clock } = deps;
  const now = clock.now();
  const session = await findSessionByTokenHash(db, hashToken(token));
  if (!session || !isLive(session, now, deps.idleTimeoutMs)) return undefined;
  const loaded = await loadAccessActor(db, clock, session.account_id);
  if (!loaded) return undefined;
  // Staff act with their grants only in a session proven by the second factor; until then the session
  // is good for enrolling one and little else.
  const actor =
    loaded.kind === 'staff' && !session.authentication_methods.includes('otp')
      ? createAccessActor({ ...loaded, grants: [] })
      : loaded;
  if (now.getTime() - session.last_seen_at.getTime() >= TOUCH_INTERVAL_MS) {
    await touchSession(db, session.id, now);
  }
  return { ...actor, sessionId: session.id, authenticationMethods: session.authentication_methods };
}

export async function signOut(deps: SessionDeps, actor: SessionActor, requestId: string): Promise<void> {
  await endWithEvent(deps, actor, requestId, 'signed-out');
}

/** Ends every session of the actor's account, this one included. */
export async function signOutEverywhere(deps: SessionDeps, actor: SessionActor, requestId: string) {
  return endWithEvent(deps, actor, requestId, 'signed-out-everywhere');
}

async function endWithEvent(
  deps: SessionDeps,
  actor: SessionActor,
  requestId: string,
  reason: 'signed-out' | 'signed-out-everywhere',
): Promise<number> {
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const ended =
      reason === 'signed-out'
        ? (await endSession(tx, actor.sessionId, now, reason))
          ? [actor.sessionId]
          : []
        : await endAccountSessions(tx, actor.accountId, now, reason);
    await recordAuditEvent(tx, {
      action:
        reason === 'signed-out' ? 'identity.session.signed-out' : 'identity.session.signed-out-everywhere',
      actor: { kind: actor.kind, id: actor.accountId },
      onBehalfOf: actor.organisationId,
      record:
        reason === 'signed-out'
          ? { type: 'identity.session', id: actor.sessionId }
          : { type: 'identity.account', id: actor.accountId },
      at: now,
      requestId,
      payloadHash: hashPayload({ ended }),
    });
    return ended.length;
  });
}

/**
 * Ends an account's sessions when it is disabled, inside the caller's transaction (which records the
 * account event). Authentication refuses disabled accounts anyway; this also closes the rows.
 */
export async function endSessionsOfAccount(
  tx: Db,
  accountId: string,
  at: Date,
  reason: SessionEndReason = 'account-disabled',
): Promise<string[]> {
  return endAccountSessions(tx, accountId, at, reason);
}

/** The signed-in account as its holder sees it: masked personal data and the live sessions. */
export async function describeMe(deps: SessionDeps, actor: SessionActor) {
  const now = deps.clock.now();
  const account = await findAccount(deps.db, actor.accountId);
  const person = await findMaskedPerson(deps.db, actor.accountId);
  const factor = await findTotp(deps.db, actor.accountId);
  const organisation = actor.organisationId
    ? await findOrganisationSummary(deps.db, actor.organisationId)
    : undefined;
  const sessions = (await listOpenSessions(deps.db, actor.accountId, now)).filter((session) =>
    isLive(session, now, deps.idleTimeoutMs),
  );
  return {
    accountId: actor.accountId,
    kind: actor.kind,
    status: account!.status,
    divisionCode: actor.divisionCode,
    organisationId: actor.organisationId,
    person: person
      ? {
          maskedName: person.name_masked,
          maskedResidentId: person.resident_id_masked,
          maskedPhone: person.phone_masked,
        }
      : null,
    organisation: organisation
      ? {
          id: organisation.id,
          kind: organisation.kind,
          nameZh: organisation.name_zh,
          nameEn: organisation.name_en,
          creditCode: organisation.credit_code,
        }
      : null,
    roles: [...new Set(actor.grants.map((grant) => grant.roleCode))].sort(),
    secondFactor: {
      isEnrolled: Boolean(factor?.confirmed_at),
      isRequired: actor.kind === 'staff',
      isProvenInThisSession: actor.authenticationMethods.includes('otp'),
    },
    sessions: sessions.map((session) => ({
      id: session.id,
      isCurrent: session.id === actor.sessionId,
      authenticationMethods: session.authentication_methods,
      userAgent: session.user_agent,
      createdAt: session.created_at.toISOString(),
      lastSeenAt: session.last_seen_at.toISOString(),
      expiresAt: new Date(
        Math.min(session.expires_at.getTime(), session.last_seen_at.getTime() + deps.idleTimeoutMs),
      ).toISOString(),
    })),
  };
}
