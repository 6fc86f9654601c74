import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSteps } from '../../../seed/demo/index.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { loadConfig } from '../../config.ts';
import { manualClock } from '../clock/index.ts';
import { createVault } from '../vault/index.ts';
import { runSeedSteps, type SeedStep } from './index.ts';

describe('seed steps', () => {
  let database: TestDatabase;
  const clock = manualClock(new Date('2026-11-27T01:00:00Z'));

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('loads the demo data once: a second run adds nothing', async () => {
    const vault = createVault(loadConfig({ NODE_ENV: 'test' }).vaultKeys);
    const first = await runSeedSteps(database.db, clock, demoSteps, { vault });
    expect(first.ran).toEqual(demoSteps.map((s) => s.name));
    const second = await runSeedSteps(database.db, clock, demoSteps, { vault });
    expect(second).toEqual({ ran: [], skipped: demoSteps.map((s) => s.name) });
    const count = await sql<{ n: number }>`select count(*)::int as n from deployment_profile`.execute(
      database.db,
    );
    expect(count.rows[0]?.n).toBe(1);
  });

  it('records nothing for a step that fails, so it runs again next time', async () => {
    const failing: SeedStep = {
      name: 'test.failing-step',
      description: 'fails half way',
      async run({ db }) {
        await sql`update deployment_profile set contact_phone = '000'`.execute(db);
        throw new Error('half way');
      },
    };
    await expect(runSeedSteps(database.db, clock, [failing])).rejects.toThrow('half way');
    const phone = await sql<{ contact_phone: string }>`select contact_phone from deployment_profile`.execute(
      database.db,
    );
    expect(phone.rows[0]?.contact_phone).toBe('12345');
    const recorded = await sql<{
      n: number;
    }>`select count(*)::int as n from seed_step where name = 'test.failing-step'`.execute(database.db);
    expect(recorded.rows[0]?.n).toBe(0);
  });
});
