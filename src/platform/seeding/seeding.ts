import { type Kysely, sql } from 'kysely';
import type { Clock } from '../clock/index.ts';
import type { Tables } from '../db/index.ts';
import type { Vault } from '../vault/index.ts';

/**
 * Seed data is built by steps that modules contribute, not loaded from a dump, so it follows the
 * schema and the services' own rules. Each step runs once per database: its name is recorded in the
 * same transaction as its writes, so a second run, or two servers seeding at once, add nothing.
 */
export type SeedContext = {
  db: Kysely<Tables>;
  clock: Clock;
  /** For steps that write personal data (demo people); reference data needs none. */
  vault?: Vault;
};

export type SeedStep = {
  /** Stable, dotted name, e.g. `platform.deployment-profile`; renaming it would run the step again. */
  name: string;
  description: string;
  run(context: SeedContext): Promise<void>;
};

export type SeedReport = { ran: string[]; skipped: string[] };

export async function runSeedSteps(
  db: Kysely<Tables>,
  clock: Clock,
  steps: readonly SeedStep[],
  services: { vault?: Vault } = {},
): Promise<SeedReport> {
  const report: SeedReport = { ran: [], skipped: [] };
  for (const step of steps) {
    const isFirstRun = await db.transaction().execute(async (tx) => {
      const claimed = await sql<{ name: string }>`
        insert into seed_step (name, applied_at) values (${step.name}, ${clock.now()})
        on conflict (name) do nothing
        returning name
      `.execute(tx);
      if (claimed.rows.length === 0) return false;
      await step.run({ db: tx, clock, ...services });
      return true;
    });
    (isFirstRun ? report.ran : report.skipped).push(step.name);
  }
  return report;
}
