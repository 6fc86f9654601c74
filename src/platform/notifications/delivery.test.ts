import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import {
  type AuditSink,
  createSmtpSender,
  type DeliveryDeps,
  deliverDueEmails,
  enqueueNotification,
  messageIdOf,
  NO_ADDRESS_REASON,
  NO_SMTP_REASON,
  startNotificationWorker,
} from './index.ts';
import { as, bearerAuthenticate, registerRecipient } from './test-recipients.ts';
import { startTestSmtpServer, type TestSmtpServer } from './test-smtp-server.ts';

const PUBLIC_URL = 'https://zwfw.example.gov.cn';
const MINUTE = 60_000;
const operators = new Set<string>();
let t: TestApp;
let smtp: TestSmtpServer;
let recipient: string;
const addresses = new Map<string, string>();
const audited: Parameters<AuditSink>[1][] = [];

beforeAll(async () => {
  t = await createTestApp({ authenticate: bearerAuthenticate(operators) });
  smtp = await startTestSmtpServer();
  recipient = await registerRecipient(t.app, 11);
  operators.add(recipient);
  addresses.set(recipient, 'citizen@example.cn');
});
afterAll(async () => {
  await smtp.close();
  await t.close();
});
afterEach(async () => {
  smtp.rejectWith(undefined);
  smtp.received.length = 0;
  audited.length = 0;
  // Each test starts with an empty outbox: earlier tests' rows must not be counted as this one's.
  await t.database.db.deleteFrom('notification_email').execute();
});

function deps(overrides: Partial<DeliveryDeps> = {}): DeliveryDeps {
  return {
    db: t.database.db,
    clock: t.clock,
    send: createSmtpSender(smtp.settings),
    findEmailAddress: async (accountId) => addresses.get(accountId),
    audit: async (_tx, event) => {
      audited.push(event);
    },
    publicUrl: PUBLIC_URL,
    ...overrides,
  };
}

async function enqueueEmails(count: number, accountId = recipient): Promise<string[]> {
  const ids: string[] = [];
  await t.database.db.transaction().execute(async (tx) => {
    for (let index = 0; index < count; index += 1) {
      const { id } = await enqueueNotification(tx, {
        recipientAccountId: accountId,
        topic: 'feedback.case.answered',
        subject: { zh: `您的诉求已答复 ${index}`, en: `Your request was answered ${index}` },
        body: { zh: '答复内容：已安排维修。', en: 'Answer: a repair is scheduled.' },
        link: '/feedback/cases/42',
        channels: ['email'],
        at: t.clock.now(),
      });
      ids.push(id);
    }
  });
  return ids;
}

const outboxRow = (notificationId: string) =>
  t.database.db
    .selectFrom('notification_email')
    .select(['id', 'status', 'attempts', 'last_error', 'next_attempt_at', 'sent_at'])
    .where('notification_id', '=', notificationId)
    .executeTakeFirstOrThrow();

describe('the e-mail outbox', () => {
  it('sends the message with both languages, the link and a Message-ID derived from the outbox row', async () => {
    const [notificationId] = await enqueueEmails(1);
    const report = await deliverDueEmails(deps());
    expect(report).toEqual({ sent: 1, retrying: 0, failed: 0, skipped: 0 });

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    const row = await outboxRow(notificationId!);
    expect(mail.messageId).toBe(messageIdOf(row.id, PUBLIC_URL));
    expect(mail.messageId).toBe(`<notification.${row.id}@zwfw.example.gov.cn>`);
    expect(mail.subject).toBe('您的诉求已答复 0 / Your request was answered 0');
    expect(mail.text).toContain('答复内容：已安排维修。');
    expect(mail.text).toContain('Answer: a repair is scheduled.');
    expect(mail.text).toContain('https://zwfw.example.gov.cn/feedback/cases/42');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('citizen@example.cn');
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(row.sent_at?.toISOString()).toBe(t.clock.now().toISOString());
    expect(audited.map((event) => [event.action, event.record.id])).toEqual([
      ['platform.notification.email-sent', notificationId],
    ]);

    // Sent is final: a later round finds nothing to do.
    expect(await deliverDueEmails(deps())).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('retries a refused message with exponential back-off, then marks it failed with the error', async () => {
    smtp.rejectWith('Mailbox citizen@example.cn unavailable');
    const [notificationId] = await enqueueEmails(1);
    const policy = { maxAttempts: 3, baseDelayMs: MINUTE, maxDelayMs: 60 * MINUTE };

    expect(await deliverDueEmails(deps({ policy }))).toMatchObject({ retrying: 1 });
    let row = await outboxRow(notificationId!);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.last_error).toContain('Mailbox [address] unavailable');
    expect(row.last_error).not.toContain('citizen@example.cn');
    expect(row.next_attempt_at.getTime() - t.clock.now().getTime()).toBe(MINUTE);

    // Not due yet: nothing is tried before the back-off has passed.
    t.clock.advance(MINUTE - 1);
    expect(await deliverDueEmails(deps({ policy }))).toEqual({ sent: 0, retrying: 0, failed: 0, skipped: 0 });
    t.clock.advance(1);
    expect(await deliverDueEmails(deps({ policy }))).toMatchObject({ retrying: 1 });
    row = await outboxRow(notificationId!);
    expect(row.attempts).toBe(2);
    expect(row.next_attempt_at.getTime() - t.clock.now().getTime()).toBe(2 * MINUTE);

    t.clock.advance(2 * MINUTE);
    expect(await deliverDueEmails(deps({ policy }))).toMatchObject({ failed: 1 });
    row = await outboxRow(notificationId!);
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(audited.map((event) => event.action)).toEqual(['platform.notification.email-failed']);
    t.clock.advance(24 * 60 * MINUTE);
    expect(await deliverDueEmails(deps({ policy }))).toMatchObject({ failed: 0, retrying: 0 });
    expect(smtp.received).toHaveLength(0);

    const view = (
      await t.app.inject({ method: 'GET', url: '/api/notifications/outbox', headers: as(recipient) })
    ).json();
    expect(view.counts.failed).toBe(1);
    expect(view.recentProblems[0]).toMatchObject({
      id: row.id,
      status: 'failed',
      attempts: 3,
      topic: 'feedback.case.answered',
    });
    expect(view.recentProblems[0].error).toContain('unavailable');
  });

  it('lets two workers drain one outbox at once, each message sent once', async () => {
    await enqueueEmails(12);
    const reports = await Promise.all([
      deliverDueEmails(deps({ policy: { batchSize: 12 } })),
      deliverDueEmails(deps({ policy: { batchSize: 12 } })),
      deliverDueEmails(deps({ policy: { batchSize: 5 } })),
    ]);
    const rest = await deliverDueEmails(deps());
    expect(reports.reduce((sum, report) => sum + report.sent, rest.sent)).toBe(12);
    const messageIds = smtp.received.map((mail) => mail.messageId);
    expect(messageIds).toHaveLength(12);
    expect(new Set(messageIds).size).toBe(12);
  });

  it('takes over a message whose worker stopped between sending and recording, with the same Message-ID', async () => {
    const [notificationId] = await enqueueEmails(1);
    // The first worker sends, then stops before it can record the outcome.
    let crashed = false;
    const sender = createSmtpSender(smtp.settings);
    await deliverDueEmails(
      deps({
        send: async (email) => {
          await sender(email);
          crashed = true;
          throw new Error('process killed');
        },
        policy: { claimMs: 5 * MINUTE },
      }),
    ).catch(() => undefined);
    expect(crashed).toBe(true);
    // The crash is simulated by putting the row back the way a dead worker leaves it: still claimed.
    const row = await outboxRow(notificationId!);
    await t.database.db
      .updateTable('notification_email')
      .set({ status: 'sending', claimed_until: new Date(t.clock.now().getTime() + 5 * MINUTE) })
      .where('id', '=', row.id)
      .execute();

    // While the claim holds, nobody else touches it.
    expect(await deliverDueEmails(deps())).toMatchObject({ sent: 0 });
    t.clock.advance(5 * MINUTE);
    expect(await deliverDueEmails(deps())).toMatchObject({ sent: 1 });
    expect(smtp.received.map((mail) => mail.messageId)).toEqual([
      messageIdOf(row.id, PUBLIC_URL),
      messageIdOf(row.id, PUBLIC_URL),
    ]);
    expect(await outboxRow(notificationId!)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('records e-mails as skipped, with the reason, when there is no SMTP server or no address', async () => {
    const stranger = await registerRecipient(t.app, 12);
    const [withoutAddress] = await enqueueEmails(1, stranger);
    expect(await deliverDueEmails(deps())).toMatchObject({ skipped: 1 });
    expect(await outboxRow(withoutAddress!)).toMatchObject({
      status: 'skipped',
      last_error: NO_ADDRESS_REASON,
    });

    const [withoutServer] = await enqueueEmails(1);
    expect(await deliverDueEmails(deps({ send: undefined }))).toMatchObject({ skipped: 1 });
    expect(await outboxRow(withoutServer!)).toMatchObject({ status: 'skipped', last_error: NO_SMTP_REASON });
    expect(smtp.received).toHaveLength(0);
    expect(audited.map((event) => event.reason)).toEqual([NO_ADDRESS_REASON, NO_SMTP_REASON]);

    const view = (
      await t.app.inject({ method: 'GET', url: '/api/notifications/outbox', headers: as(recipient) })
    ).json();
    expect(view.counts.skipped).toBe(2);
    expect(view.recentProblems.map((problem: { error: string }) => problem.error)).toEqual(
      expect.arrayContaining([NO_ADDRESS_REASON, NO_SMTP_REASON]),
    );
  });

  it('retries when the address cannot be read, like a refused message, without stopping the round', async () => {
    const ids = await enqueueEmails(2);
    let lookups = 0;
    const report = await deliverDueEmails(
      deps({
        findEmailAddress: async () => {
          lookups += 1;
          if (lookups === 1) throw new Error('vault key k2025 is not configured');
          return 'citizen@example.cn';
        },
      }),
    );
    expect(report).toEqual({ sent: 1, retrying: 1, failed: 0, skipped: 0 });
    const rows = await Promise.all(ids.map(outboxRow));
    expect(rows.map((row) => [row.status, row.last_error]).sort()).toEqual([
      ['pending', 'vault key k2025 is not configured'],
      ['sent', null],
    ]);
  });

  it('runs as a worker that drains on its own and stops cleanly', async () => {
    await enqueueEmails(3);
    const errors: unknown[] = [];
    const worker = startNotificationWorker({
      db: t.database.db,
      clock: t.clock,
      smtp: smtp.settings,
      findEmailAddress: async (accountId) => addresses.get(accountId),
      audit: async () => undefined,
      publicUrl: PUBLIC_URL,
      intervalMs: 60_000,
      onError: (error) => errors.push(error),
      policy: { batchSize: 2 },
    });
    await worker.deliverNow();
    await worker.stop();
    expect(smtp.received).toHaveLength(3);
    expect(errors).toEqual([]);
  });
});
