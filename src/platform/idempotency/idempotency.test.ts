import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, isPostgresRun, type TestDatabase } from '../../../test/support/test-database.ts';
import type { Tables } from '../db/index.ts';
import { DomainError } from '../errors/index.ts';
import {
  DEFAULT_IDEMPOTENCY_TTL_MS,
  findIdempotentReplay,
  hashRequestBody,
  type IdempotentRequest,
  purgeExpiredIdempotencyRecords,
  withIdempotency,
} from './index.ts';

/**
 * The helper as a module would use it, on a table of its own made for the test (the platform has no
 * creating write of its own to try it on).
 */
let database: TestDatabase;
let db: Kysely<Tables>;
const START = new Date('2026-11-27T09:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase({ contents: 'migrated' });
  db = database.db;
  await sql`create table test_parcel (id uuid primary key, label text not null)`.execute(db);
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  await sql`delete from test_parcel`.execute(db);
  await db.deleteFrom('idempotency_record').execute();
});

type Parcel = { id: string; label: string };

const request = (body: unknown, overrides: Partial<IdempotentRequest> = {}): IdempotentRequest => ({
  scope: 'test.parcel',
  key: 'key-1',
  requestHash: hashRequestBody(body),
  actorId: 'account-a',
  at: START,
  ...overrides,
});

async function createParcel(tx: Kysely<Tables>, label: string): Promise<Parcel> {
  const parcel = { id: randomUUID(), label };
  await sql`insert into test_parcel (id, label) values (${parcel.id}, ${parcel.label})`.execute(tx);
  return parcel;
}

const send = (label: string, overrides: Partial<IdempotentRequest> = {}) =>
  db
    .transaction()
    .execute((tx) => withIdempotency(tx, request({ label }, overrides), () => createParcel(tx, label)));

const parcelCount = async () =>
  Number(
    (await sql<{ count: string }>`select count(*) as count from test_parcel`.execute(db)).rows[0]!.count,
  );

describe('withIdempotency', () => {
  it('creates once and answers a retry with the first result', async () => {
    const first = await send('desk');
    const retry = await send('desk');
    expect(first.isReplay).toBe(false);
    expect(retry).toEqual({ result: first.result, isReplay: true });
    expect(await parcelCount()).toBe(1);
    expect(await findIdempotentReplay(db, request({ label: 'desk' }))).toEqual(first.result);
  });

  it('refuses the same key with another body, with a 409 that changes nothing', async () => {
    await send('desk');
    const error = await send('chair').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'conflict', code: 'idempotency-key-reused' });
    await expect(findIdempotentReplay(db, request({ label: 'chair' }))).rejects.toMatchObject({
      code: 'idempotency-key-reused',
    });
    expect(await parcelCount()).toBe(1);
  });

  it('keeps keys apart per operation and per caller', async () => {
    await send('desk');
    expect((await send('desk', { actorId: 'account-b' })).isReplay).toBe(false);
    expect((await send('desk', { actorId: null })).isReplay).toBe(false);
    expect((await send('desk', { scope: 'test.other' })).isReplay).toBe(false);
    expect(await parcelCount()).toBe(4);
  });

  it('frees the key when the creating transaction rolls back', async () => {
    await expect(
      db.transaction().execute(async (tx) => {
        await withIdempotency(tx, request({ label: 'desk' }), () => createParcel(tx, 'desk'));
        throw new Error('a later step failed');
      }),
    ).rejects.toThrow('a later step failed');
    expect(await findIdempotentReplay(db, request({ label: 'desk' }))).toBeUndefined();
    expect((await send('desk')).isReplay).toBe(false);
    expect(await parcelCount()).toBe(1);
  });

  it('forgets a key once expired: it may be used afresh, and the cleanup deletes only expired records', async () => {
    await send('desk');
    await send('lamp', { key: 'key-2', at: new Date(START.getTime() + 60_000) });
    const afterExpiry = new Date(START.getTime() + DEFAULT_IDEMPOTENCY_TTL_MS);
    expect(await findIdempotentReplay(db, request({ label: 'desk' }, { at: afterExpiry }))).toBeUndefined();

    expect(await purgeExpiredIdempotencyRecords(db, afterExpiry, 1)).toBe(1);
    const left = await db.selectFrom('idempotency_record').select('idempotency_key').execute();
    expect(left).toEqual([{ idempotency_key: 'key-2' }]);

    // Reused after expiry, even with another body: it is a new request now.
    expect((await send('chair', { at: afterExpiry })).isReplay).toBe(false);
    // And an expired record not yet cleaned up is taken over the same way.
    const later = new Date(afterExpiry.getTime() + DEFAULT_IDEMPOTENCY_TTL_MS);
    expect((await send('sofa', { key: 'key-2', at: later })).isReplay).toBe(false);
    expect(await parcelCount()).toBe(4);
  });

  it('refuses keys that are empty, too long or not visible ASCII with a 400, creating nothing', async () => {
    const badKey = fc.oneof(
      fc.constant(''),
      fc.string({ minLength: 201, maxLength: 260 }),
      fc
        .tuple(fc.string({ maxLength: 20 }), fc.constantFrom(' ', '\t', '\n', 'é', '键', '\u0000'))
        .map(([text, bad]) => text + bad),
    );
    await fc.assert(
      fc.asyncProperty(badKey, async (key) => {
        const error = await send('desk', { key }).catch((caught: unknown) => caught);
        expect(error).toMatchObject({ kind: 'invalid', code: 'invalid-idempotency-key' });
      }),
      { numRuns: 60 },
    );
    expect(await parcelCount()).toBe(0);
  });

  it.runIf(isPostgresRun())(
    'makes two identical requests at once, on two connections, create one parcel',
    async () => {
      let releaseFirst!: () => void;
      const firstMayCommit = new Promise<void>((resolve) => {
        releaseFirst = resolve;
      });
      let firstCreated!: () => void;
      const firstHasCreated = new Promise<void>((resolve) => {
        firstCreated = resolve;
      });
      const first = db.transaction().execute((tx) =>
        withIdempotency(tx, request({ label: 'desk' }), async () => {
          const parcel = await createParcel(tx, 'desk');
          firstCreated();
          await firstMayCommit;
          return parcel;
        }),
      );
      await firstHasCreated;
      const second = send('desk');
      // The second request's claim must be waiting on the first transaction's uncommitted key.
      await waitForLockWait(db);
      releaseFirst();
      const [a, b] = await Promise.all([first, second]);
      expect(a.isReplay).toBe(false);
      expect(b).toEqual({ result: a.result, isReplay: true });
      expect(await parcelCount()).toBe(1);
    },
  );
});

/** Polls pg_stat_activity (from a third connection) until a backend of this database waits for a lock. */
async function waitForLockWait(db: Kysely<Tables>): Promise<void> {
  for (let poll = 0; poll < 500; poll += 1) {
    const waiting = await sql<{ count: string }>`
      select count(*) as count from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'
    `.execute(db);
    if (Number(waiting.rows[0]!.count) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the second request never waited for the first one’s key');
}
