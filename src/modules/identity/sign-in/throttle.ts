/**
 * Throttling of password guesses, per account and per client address, kept in the database so every
 * server of a deployment enforces one limit. After the allowed failures each further failure doubles
 * the wait; while blocked, attempts are refused without checking the password (and only counted).
 */
import type { Kysely } from 'kysely';
import type { Tables } from '../../../platform/db/index.ts';
import {
  addFailure,
  blockUntil,
  countRefusedWhileBlocked,
  findThrottle,
  resetFailures,
  type ThrottleScope,
} from './store.ts';

type Db = Kysely<Tables>;

export type ThrottlePolicy = { allowedFailures: number; firstBlockMs: number; longestBlockMs: number };

export const THROTTLE_POLICIES: Record<ThrottleScope, ThrottlePolicy> = {
  // A person mistyping gets 5 tries, then 30 s, 1 min, 2 min … up to an hour between guesses.
  account: { allowedFailures: 5, firstBlockMs: 30_000, longestBlockMs: 60 * 60_000 },
  // A county office's citizens may share one address (NAT): more room before the address is slowed.
  client: { allowedFailures: 20, firstBlockMs: 30_000, longestBlockMs: 60 * 60_000 },
};

/** Failures older than this no longer count. */
const FORGET_AFTER_MS = 60 * 60_000;

export type ThrottleKey = { scope: ThrottleScope; subject: string };

/** Seconds until the first of `keys` stops being blocked, or undefined when none is blocked. */
export async function findBlock(
  db: Db,
  keys: readonly ThrottleKey[],
  now: Date,
): Promise<number | undefined> {
  let longest: number | undefined;
  for (const key of keys) {
    const row = await findThrottle(db, key.scope, key.subject);
    if (row?.blocked_until && row.blocked_until > now) {
      await countRefusedWhileBlocked(db, key.scope, key.subject);
      const seconds = Math.ceil((row.blocked_until.getTime() - now.getTime()) / 1000);
      longest = Math.max(longest ?? 0, seconds);
    }
  }
  return longest;
}

export async function recordFailure(db: Db, keys: readonly ThrottleKey[], now: Date): Promise<void> {
  for (const key of keys) {
    const policy = THROTTLE_POLICIES[key.scope];
    const failures = await addFailure(
      db,
      key.scope,
      key.subject,
      now,
      new Date(now.getTime() - FORGET_AFTER_MS),
    );
    if (failures >= policy.allowedFailures) {
      const wait = Math.min(
        policy.firstBlockMs * 2 ** Math.min(failures - policy.allowedFailures, 20),
        policy.longestBlockMs,
      );
      await blockUntil(db, key.scope, key.subject, new Date(now.getTime() + wait));
    }
  }
}

/** A successful sign-in clears the account's count (not the address's: others may guess from it). */
export async function forgetFailures(db: Db, key: ThrottleKey): Promise<void> {
  await resetFailures(db, key.scope, key.subject);
}
