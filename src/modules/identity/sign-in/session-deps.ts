import type { Kysely } from 'kysely';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import type { Vault } from '../../../platform/vault/index.ts';
import type { AccessActor } from '../access/actor.ts';

export type SessionDeps = {
  db: Kysely<Tables>;
  clock: Clock;
  vault: Vault;
  idleTimeoutMs: number;
  absoluteTimeoutMs: number;
};

/** The actor of a request that came with a live session. */
export type SessionActor = AccessActor & { sessionId: string; authenticationMethods: readonly string[] };

export function isSessionActor(actor: unknown): actor is SessionActor {
  return typeof (actor as SessionActor | undefined)?.sessionId === 'string';
}
