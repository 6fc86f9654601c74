import type { Clock } from '../clock/index.ts';
import type { Database } from '../db/index.ts';
import { type MigrationFile, verifyMigrations } from '../migrations/index.ts';
import type { Health } from './schemas.ts';

export type StatusDeps = {
  database: Database;
  migrations: MigrationFile[];
  clock: Clock;
  version: string;
  startedAt: Date;
};

export async function checkHealth(deps: StatusDeps): Promise<Health> {
  const checkedAt = deps.clock.now();
  let latencyMs: number | null = null;
  let migrations = { applied: 0, available: deps.migrations.length, isCurrent: false };
  try {
    latencyMs = await deps.database.ping();
    migrations = await verifyMigrations(deps.database.db, deps.migrations);
  } catch {
    // Reported below as unreachable or not current; the details are for the server log, not the probe.
  }
  const reachable = latencyMs !== null;
  return {
    status: reachable && migrations.isCurrent ? 'ok' : 'degraded',
    version: deps.version,
    uptimeSeconds: Math.max(0, Math.round((checkedAt.getTime() - deps.startedAt.getTime()) / 1000)),
    checkedAt: checkedAt.toISOString(),
    database: {
      kind: deps.database.kind,
      reachable,
      latencyMs: latencyMs === null ? null : round(latencyMs),
    },
    migrations,
  };
}

function round(milliseconds: number): number {
  return Math.round(milliseconds * 100) / 100;
}
