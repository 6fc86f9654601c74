import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import {
  type RunningAnalysisWorker,
  startAnalysisWorker,
  startSlaMarking,
} from './modules/feedback/index.ts';
import { findEmailAddress } from './modules/identity/index.ts';
import { recordAuditEvent, resolveLedgerKeys, startIntegrator } from './modules/ledger/index.ts';
import { startRequestReminders } from './modules/sharing/index.ts';
import { systemClock } from './platform/clock/index.ts';
import { startIdempotencyCleanup } from './platform/idempotency/index.ts';
import { startNotificationWorker } from './platform/notifications/index.ts';
import { runSeedSteps, type SeedStep } from './platform/seeding/index.ts';
import { createVault } from './platform/vault/index.ts';
import { openRuntime } from './runtime.ts';

export type ServeOptions = {
  config: Config;
  seedSteps?: readonly SeedStep[];
  /** Lets a caller add routes before listening (used by the shutdown test's slow route). */
  extendApp?: (app: FastifyInstance) => Promise<void> | void;
};

/**
 * Starts a server and stops it gracefully on SIGTERM or SIGINT: stop accepting, let in-flight
 * requests finish (up to the shutdown timeout), close the database, exit 0.
 */
export async function serve(options: ServeOptions): Promise<FastifyInstance> {
  const { config } = options;
  const runtime = await openRuntime(
    config,
    config.migrateOnStart ? 'migrate' : 'require-current',
    (message) => console.warn(message),
  );
  const app = await buildApp({ config, ...runtime, clock: systemClock }).catch(async (error: unknown) => {
    await runtime.database.close();
    throw error;
  });
  const ledgerKeys = resolveLedgerKeys(config);
  const integrator = startIntegrator(runtime.database.db, ledgerKeys, systemClock, {
    intervalMs: config.ledgerIntegrationIntervalMs,
    onError: (error) =>
      app.log.error({ err: error }, 'ledger integration failed; pending events stay pending'),
  });
  const vault = createVault(config.vaultKeys);
  const notificationWorker = startNotificationWorker({
    db: runtime.database.db,
    clock: systemClock,
    smtp: config.smtp,
    findEmailAddress: (accountId) => findEmailAddress({ db: runtime.database.db, vault }, accountId),
    audit: recordAuditEvent,
    publicUrl: config.publicUrl,
    intervalMs: config.notificationIntervalMs,
    onError: (error) =>
      app.log.error({ err: error }, 'sending notification e-mails failed; they stay in the outbox'),
  });
  if (!config.smtp)
    app.log.warn('no SMTP server configured (SHUZHI_SMTP_HOST): e-mail notifications are skipped');
  const idempotencyCleanup = startIdempotencyCleanup({
    db: runtime.database.db,
    clock: systemClock,
    intervalMs: 3_600_000,
    onError: (error) => app.log.error({ err: error }, 'deleting expired idempotency records failed'),
  });
  const slaMarking = startSlaMarking({
    db: runtime.database.db,
    clock: systemClock,
    intervalMs: 60_000,
    onError: (error) => app.log.error({ err: error }, 'marking feedback deadlines failed'),
  });
  const sharingReminders = startRequestReminders({
    db: runtime.database.db,
    clock: systemClock,
    intervalMs: 3_600_000,
    onError: (error) => app.log.error({ err: error }, 'reminding owners of data sharing requests failed'),
  });
  // Started after the seed steps: the demo's generated requests are analysed in their own time order.
  let analysisWorker: RunningAnalysisWorker | undefined;
  app.addHook('onClose', async () => {
    await slaMarking.stop();
    await sharingReminders.stop();
    await idempotencyCleanup.stop();
    await analysisWorker?.stop();
    // Before the integrator: the worker's last outcomes are audit events it should fold in.
    await notificationWorker.stop();
    await integrator.stop();
    await runtime.database.close();
  });

  if (options.seedSteps && options.seedSteps.length > 0) {
    // The first start on a new database loads the division codes, which takes some seconds.
    app.log.info('checking reference and demo data (the first start loads them)');
    const report = await runSeedSteps(runtime.database.db, systemClock, options.seedSteps, { vault });
    if (report.ran.length > 0) app.log.info({ steps: report.ran }, 'seed data loaded');
  }
  analysisWorker = startAnalysisWorker(runtime.database.db, systemClock, {
    intervalMs: 1000,
    onError: (error) =>
      app.log.error({ err: error }, 'feedback analysis failed; the requests stay queued for the next try'),
  });
  await options.extendApp?.(app);

  let isStopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (isStopping) return;
    isStopping = true;
    app.log.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const deadline = setTimeout(() => {
      app.log.error('shutdown timed out; exiting with requests still open');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    try {
      await app.close();
      app.log.info('stopped');
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'error while shutting down');
      process.exit(1);
    }
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  await app.listen({ host: config.host, port: config.port });
  return app;
}
