import type { Kysely } from 'kysely';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Clock } from '../../../platform/clock/index.ts';
import type { Tables } from '../../../platform/db/index.ts';
import { clientMetadataOf } from './clients.ts';
import {
  deleteExpiredPayloads,
  deletePayload,
  deletePayloadsOfGrant,
  findClient,
  findPayload,
  markPayloadConsumed,
  upsertPayload,
} from './store.ts';

type Db = Kysely<Tables>;

/**
 * oidc-provider's storage on our database, so that every server behind the load balancer sees the same
 * sessions, interactions, codes and tokens. One table holds every model, keyed by model and id. Clients
 * are not stored here: the `Client` model reads the registered systems from `sso_client`, and a
 * disabled one is simply not found.
 */
export function createAdapterClass(
  database: Db,
  clock: Clock,
  /** A transaction the current write should join (see providerTransaction), if any. */
  currentTransaction: () => Db | undefined,
): new (
  model: string,
) => Adapter {
  const dbNow = () => currentTransaction() ?? database;
  return class DatabaseAdapter implements Adapter {
    readonly model: string;

    constructor(model: string) {
      this.model = model;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      if (this.model === 'Client')
        throw new Error('clients are registered through /api/identity/sso-clients');
      const now = clock.now();
      await upsertPayload(dbNow(), {
        model: this.model,
        id,
        payload: payload as Record<string, unknown>,
        grant_id: payload.grantId ?? null,
        user_code: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expires_at: expiresIn ? new Date(now.getTime() + expiresIn * 1000) : null,
        consumed_at: null,
      });
      await deleteExpiredPayloads(dbNow(), now);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') {
        const client = await findClient(dbNow(), id);
        return client?.status === 'active' ? (clientMetadataOf(client) as AdapterPayload) : undefined;
      }
      return this.#findBy('id', id);
    }

    findByUid(uid: string) {
      return this.#findBy('uid', uid);
    }

    findByUserCode(userCode: string) {
      return this.#findBy('user_code', userCode);
    }

    async consume(id: string): Promise<void> {
      await markPayloadConsumed(dbNow(), this.model, id, clock.now());
    }

    async destroy(id: string): Promise<void> {
      await deletePayload(dbNow(), this.model, id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await deletePayloadsOfGrant(dbNow(), this.model, grantId);
    }

    async #findBy(column: 'id' | 'uid' | 'user_code', value: string) {
      const row = await findPayload(dbNow(), this.model, { column, value }, clock.now());
      if (!row) return undefined;
      const payload = row.payload as AdapterPayload;
      return row.consumed_at
        ? { ...payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) }
        : payload;
    }
  };
}
