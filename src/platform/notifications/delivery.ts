import type { Kysely } from 'kysely';
import type { Clock } from '../clock/index.ts';
import type { Tables } from '../db/index.ts';
import type { MailSender } from './smtp.ts';
import { type ClaimedEmail, claimDueEmails, type EmailStatus, finishAttempt } from './store.ts';

/**
 * The audit ledger's `recordAuditEvent`, passed in by the server: platform code may not import a
 * module, and the outcome of a delivery is a state change that belongs in the ledger.
 */
export type AuditSink = (
  tx: Kysely<Tables>,
  event: {
    action: string;
    actor: { kind: 'system'; id: string };
    record: { type: string; id: string };
    at: Date;
    reason?: string | null;
  },
) => Promise<void>;

/** The recipient's e-mail address from identity (decrypted there), or undefined when none is on file. */
export type FindEmailAddress = (accountId: string) => Promise<string | undefined>;

export type RetryPolicy = {
  /** Attempts before the row is marked failed. */
  maxAttempts: number;
  /** Wait after the first failure; doubled after each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a claim holds: longer than any send takes, or a slow send is taken over and sent twice. */
  claimMs: number;
  batchSize: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 60_000,
  maxDelayMs: 6 * 3_600_000,
  claimMs: 5 * 60_000,
  batchSize: 20,
};

export type DeliveryDeps = {
  db: Kysely<Tables>;
  clock: Clock;
  /** Absent when no SMTP server is configured: e-mails are then skipped, with the reason. */
  send: MailSender | undefined;
  findEmailAddress: FindEmailAddress;
  audit: AuditSink;
  /** The deployment's public address: links in e-mails point here, and Message-IDs use its host. */
  publicUrl: string;
  policy?: Partial<RetryPolicy>;
};

export type DeliveryReport = Record<'sent' | 'retrying' | 'failed' | 'skipped', number>;

export const NO_SMTP_REASON = 'no SMTP server is configured (SHUZHI_SMTP_HOST)';
export const NO_ADDRESS_REASON = 'the recipient has no e-mail address on file';
const WORKER_ACTOR = { kind: 'system', id: 'notification-worker' } as const;

/** The Message-ID of every attempt at one outbox row: a resend is the same message, not a new one. */
export function messageIdOf(outboxId: string, publicUrl: string): string {
  return `<notification.${outboxId}@${new URL(publicUrl).hostname}>`;
}

/** Claims one batch of due e-mails, sends each, and records every outcome. */
export async function deliverDueEmails(deps: DeliveryDeps): Promise<DeliveryReport> {
  const policy = { ...DEFAULT_RETRY_POLICY, ...deps.policy };
  const claimedAt = deps.clock.now();
  const claimed = await claimDueEmails(
    deps.db,
    claimedAt,
    new Date(claimedAt.getTime() + policy.claimMs),
    policy.batchSize,
  );
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  for (const email of claimed) {
    const outcome = await deliverOne(deps, policy, email);
    report[outcome] += 1;
  }
  return report;
}

async function deliverOne(
  deps: DeliveryDeps,
  policy: RetryPolicy,
  email: ClaimedEmail,
): Promise<keyof DeliveryReport> {
  if (!deps.send) return finish(deps, email, 'skipped', NO_SMTP_REASON);
  try {
    // Inside the try: an address that cannot be read (a vault key withdrawn too early) is retried and
    // then fails visibly, like a refused message, instead of stopping the round.
    const address = await deps.findEmailAddress(email.recipient_account_id);
    if (address === undefined) return await finish(deps, email, 'skipped', NO_ADDRESS_REASON);
    await deps.send({
      to: address,
      subject: `${email.subject_zh} / ${email.subject_en}`,
      text: emailText(email, deps.publicUrl),
      messageId: messageIdOf(email.id, deps.publicUrl),
    });
  } catch (error) {
    const reason = describeError(error);
    if (email.attempts >= policy.maxAttempts) return finish(deps, email, 'failed', reason);
    const delay = Math.min(policy.baseDelayMs * 2 ** (email.attempts - 1), policy.maxDelayMs);
    await finishAttempt(deps.db, email.id, email.attempts, {
      status: 'pending',
      last_error: reason,
      sent_at: null,
      next_attempt_at: new Date(deps.clock.now().getTime() + delay),
      updated_at: deps.clock.now(),
    });
    return 'retrying';
  }
  return finish(deps, email, 'sent', null);
}

async function finish(
  deps: DeliveryDeps,
  email: ClaimedEmail,
  status: Extract<EmailStatus, 'sent' | 'failed' | 'skipped'>,
  reason: string | null,
): Promise<'sent' | 'failed' | 'skipped'> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const isOurs = await finishAttempt(tx, email.id, email.attempts, {
      status,
      last_error: reason,
      sent_at: status === 'sent' ? now : null,
      next_attempt_at: now,
      updated_at: now,
    });
    if (!isOurs) return;
    await deps.audit(tx, {
      action: `platform.notification.email-${status}`,
      actor: WORKER_ACTOR,
      record: { type: 'platform.notification', id: email.notification_id },
      at: now,
      reason,
    });
  });
  return status;
}

function emailText(email: ClaimedEmail, publicUrl: string): string {
  const link = email.link === null ? undefined : new URL(email.link, publicUrl).toString();
  return [
    email.body_zh,
    ...(link ? ['', `查看详情：${link}`] : []),
    '',
    '——',
    '',
    email.body_en,
    ...(link ? ['', `Details: ${link}`] : []),
    '',
  ].join('\n');
}

/** The server's answer, without e-mail addresses (the operator view is not a way to read them). */
function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/[^\s<>@]+@[^\s<>@]+/g, '[address]').slice(0, 1000);
}
