import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database.ts';
import { manualClock } from '../../../platform/clock/index.ts';
import { createAdapterClass } from './adapter.ts';

describe("the provider's storage on the database", () => {
  let database: TestDatabase;
  const clock = manualClock(new Date('2026-11-27T09:00:00+08:00'));
  let Adapter: ReturnType<typeof createAdapterClass>;
  beforeAll(async () => {
    database = await createTestDatabase({ contents: 'migrated' });
    Adapter = createAdapterClass(database.db, clock, () => undefined);
  });
  afterAll(async () => {
    await database.close();
  });

  it('finds rows by id, uid and user code until they expire, and marks single-use rows consumed', async () => {
    const sessions = new Adapter('Session');
    await sessions.upsert('s1', { uid: 'u1', accountId: 'a', kind: 'Session' }, 60);
    expect(await sessions.find('s1')).toMatchObject({ uid: 'u1', accountId: 'a' });
    expect(await sessions.findByUid('u1')).toMatchObject({ accountId: 'a' });
    const codes = new Adapter('AuthorizationCode');
    await codes.upsert('c1', { grantId: 'g1', userCode: 'ABCD', kind: 'AuthorizationCode' }, 60);
    expect(await codes.findByUserCode('ABCD')).toMatchObject({ grantId: 'g1' });
    expect((await codes.find('c1'))?.consumed).toBeUndefined();
    await codes.consume('c1');
    expect((await codes.find('c1'))?.consumed).toBe(Math.floor(clock.now().getTime() / 1000));
    // Models are kept apart: the same id under another model is another row.
    expect(await sessions.find('c1')).toBeUndefined();

    clock.advance(61_000);
    expect(await sessions.find('s1')).toBeUndefined();
    expect(await sessions.findByUid('u1')).toBeUndefined();
  });

  it('deletes expired rows as new ones are written, and everything of a revoked grant', async () => {
    const tokens = new Adapter('AccessToken');
    await tokens.upsert('old', { grantId: 'g2', kind: 'AccessToken' }, 10);
    clock.advance(11_000);
    await tokens.upsert('t1', { grantId: 'g3', kind: 'AccessToken' }, 3600);
    await tokens.upsert('t2', { grantId: 'g3', kind: 'AccessToken' }, 3600);
    const left = await sql<{
      id: string;
    }>`select id from oidc_payload where model = 'AccessToken' order by id`.execute(database.db);
    expect(left.rows.map((row) => row.id)).toEqual(['t1', 't2']);
    await tokens.revokeByGrantId('g3');
    expect(await tokens.find('t1')).toBeUndefined();
    expect(await tokens.find('t2')).toBeUndefined();
    await tokens.upsert('t3', { kind: 'AccessToken' }, 3600);
    await tokens.destroy('t3');
    expect(await tokens.find('t3')).toBeUndefined();
  });
});
