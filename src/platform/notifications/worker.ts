import type { Kysely } from 'kysely';
import type { Clock } from '../clock/index.ts';
import type { Tables } from '../db/index.ts';
import {
  type AuditSink,
  DEFAULT_RETRY_POLICY,
  deliverDueEmails,
  type FindEmailAddress,
  type RetryPolicy,
} from './delivery.ts';
import { createSmtpSender, type SmtpSettings } from './smtp.ts';

export type NotificationWorkerOptions = {
  db: Kysely<Tables>;
  clock: Clock;
  /** Undefined when the deployment has no mail relay: e-mails are recorded as skipped. */
  smtp: SmtpSettings | undefined;
  findEmailAddress: FindEmailAddress;
  audit: AuditSink;
  publicUrl: string;
  intervalMs: number;
  onError: (error: unknown) => void;
  policy?: Partial<RetryPolicy>;
};

export type RunningNotificationWorker = {
  /** Waits for the round in progress, then drains what is due now. */
  deliverNow(): Promise<void>;
  /** Stops polling and waits for the round in progress (its claims are finished, not abandoned). */
  stop(): Promise<void>;
};

/**
 * Drains the e-mail outbox every `intervalMs`, on every server: claims are taken with SKIP LOCKED, so
 * servers share the work without sending a row twice.
 */
export function startNotificationWorker(options: NotificationWorkerOptions): RunningNotificationWorker {
  const send = options.smtp ? createSmtpSender(options.smtp) : undefined;
  const batchSize = options.policy?.batchSize ?? DEFAULT_RETRY_POLICY.batchSize;
  const deps = { ...options, send };
  let isStopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const drain = async () => {
    for (;;) {
      const report = await deliverDueEmails(deps);
      const handled = report.sent + report.retrying + report.failed + report.skipped;
      if (isStopped || handled < batchSize) return;
    }
  };
  const tick = () => {
    running = drain()
      .catch(options.onError)
      .finally(() => {
        if (!isStopped) timer = setTimeout(tick, options.intervalMs);
      });
  };
  timer = setTimeout(tick, options.intervalMs);

  return {
    async deliverNow() {
      await running;
      await drain();
    },
    async stop() {
      isStopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
