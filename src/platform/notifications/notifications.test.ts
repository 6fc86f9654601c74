import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { DomainError } from '../errors/index.ts';
import { enqueueNotification, type NewNotification } from './index.ts';
import { as, bearerAuthenticate, registerRecipient } from './test-recipients.ts';

const operators = new Set<string>();
let t: TestApp;
let alice: string;
let bob: string;

beforeAll(async () => {
  t = await createTestApp({ authenticate: bearerAuthenticate(operators) });
  alice = await registerRecipient(t.app, 1);
  bob = await registerRecipient(t.app, 2);
});
afterAll(async () => {
  await t.close();
});

const notice = (recipientAccountId: string, overrides: Partial<NewNotification> = {}): NewNotification => ({
  recipientAccountId,
  topic: 'services.application.approved',
  subject: { zh: '您的申请已批准', en: 'Your application was approved' },
  body: { zh: '请携带身份证领取证照。', en: 'Bring your identity card to collect the licence.' },
  link: '/services/applications/1',
  channels: ['in-app'],
  at: t.clock.now(),
  ...overrides,
});

const enqueue = (n: NewNotification) =>
  t.database.db.transaction().execute((tx) => enqueueNotification(tx, n));

const inbox = async (accountId: string, query = '') => {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/notifications${query}`,
    headers: as(accountId),
  });
  return response;
};

describe('in-app notifications', () => {
  it('lists the account’s own notifications newest first with the unread count', async () => {
    const carol = await registerRecipient(t.app, 3);
    await enqueue(notice(carol, { subject: { zh: '第一', en: 'First' } }));
    t.clock.advance(1000);
    await enqueue(notice(carol, { subject: { zh: '第二', en: 'Second' }, link: undefined }));
    await enqueue(notice(bob, { subject: { zh: '别人的', en: 'Someone else’s' } }));

    const response = await inbox(carol);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const page = response.json();
    expect(page.unreadCount).toBe(2);
    expect(page.items.map((item: { subject: { en: string } }) => item.subject.en)).toEqual([
      'Second',
      'First',
    ]);
    expect(page.items[0]).toMatchObject({ link: null, readAt: null, topic: 'services.application.approved' });
    expect(page.items[1].link).toBe('/services/applications/1');
    expect(page.nextCursor).toBeNull();
  });

  it('stores nothing when the state change it reports is rolled back', async () => {
    const dave = await registerRecipient(t.app, 4);
    await expect(
      t.database.db.transaction().execute(async (tx) => {
        await enqueueNotification(tx, notice(dave, { channels: ['in-app', 'email'] }));
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect((await inbox(dave)).json()).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
    const outbox = await t.database.db
      .selectFrom('notification_email as e')
      .innerJoin('notification as n', 'n.id', 'e.notification_id')
      .select('e.id')
      .where('n.recipient_account_id', '=', dave)
      .execute();
    expect(outbox).toEqual([]);
  });

  it('keeps one notification per recipient and dedupe key, without breaking the caller’s transaction', async () => {
    const erin = await registerRecipient(t.app, 5);
    const results = await t.database.db
      .transaction()
      .execute(async (tx) => [
        await enqueueNotification(
          tx,
          notice(erin, { dedupeKey: 'application-1:approved', channels: ['in-app', 'email'] }),
        ),
        await enqueueNotification(
          tx,
          notice(erin, { dedupeKey: 'application-1:approved', channels: ['in-app', 'email'] }),
        ),
        await enqueueNotification(tx, notice(bob, { dedupeKey: 'application-1:approved' })),
      ]);
    expect(results.map((result) => result.isDuplicate)).toEqual([false, true, false]);
    expect((await inbox(erin)).json().items).toHaveLength(1);
    const emails = await t.database.db
      .selectFrom('notification_email')
      .select('id')
      .where('notification_id', '=', results[0]!.id)
      .execute();
    expect(emails).toHaveLength(1);
  });

  it('refuses a notice that is not well formed, naming every problem', async () => {
    const error = await enqueue(
      notice(alice, {
        topic: 'Approved!',
        subject: { zh: '', en: 'Two\nlines' },
        link: '//evil.example/phish',
        channels: [],
      }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fields.map((field) => field.pointer).sort()).toEqual(
      ['/channels', '/link', '/subject', '/subject/zh', '/topic'].sort(),
    );
  });

  it('pages with every size, each notification once, in order, while others arrive', async () => {
    const frank = await registerRecipient(t.app, 6);
    // Several at one instant: the id breaks the tie, so no page boundary can skip or repeat one.
    for (let index = 0; index < 7; index += 1) {
      if (index % 3 === 0) t.clock.advance(1000);
      await enqueue(notice(frank, { subject: { zh: `第${index}`, en: `n${index}` } }));
    }
    const allIds = async (): Promise<string[]> =>
      (await inbox(frank, '?limit=100')).json().items.map((item: { id: string }) => item.id);
    let everything = await allIds();
    expect(everything).toHaveLength(7);
    for (let size = 1; size <= 8; size += 1) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = (
          await inbox(frank, `?limit=${size}${cursor ? `&cursor=${cursor}` : ''}`)
        ).json();
        seen.push(...page.items.map((item: { id: string }) => item.id));
        cursor = page.nextCursor;
        // A newer notice lands between pages: it belongs before the first page, not in the next one.
        await enqueue(notice(frank, { at: new Date(t.clock.now().getTime() + 60_000 * size) }));
      } while (cursor !== null);
      expect(seen).toEqual(everything);
      everything = await allIds();
    }
  });

  it('answers a cursor it did not give out with a 400 naming the cursor, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 60 }), async (cursor) => {
        const response = await inbox(alice, `?cursor=${encodeURIComponent(cursor)}`);
        expect(response.statusCode).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }),
      { numRuns: 40 },
    );
    const forged = Buffer.from(JSON.stringify(['not a time', 'x'])).toString('base64url');
    const response = await inbox(alice, `?cursor=${forged}`);
    expect(response.json()).toMatchObject({ code: 'invalid-cursor', errors: [{ pointer: '/cursor' }] });
  });

  it('marks one read, then all, and never another account’s', async () => {
    const gina = await registerRecipient(t.app, 7);
    const first = await enqueue(notice(gina));
    await enqueue(notice(gina));
    await enqueue(notice(gina, { channels: ['email'] }));

    const othersAttempt = await t.app.inject({
      method: 'POST',
      url: `/api/notifications/${first.id}/read`,
      headers: as(bob),
    });
    expect(othersAttempt.statusCode).toBe(404);
    expect(othersAttempt.json().code).toBe('platform.notification-not-found');
    expect((await inbox(gina)).json().unreadCount).toBe(2);

    t.clock.advance(5000);
    const read = await t.app.inject({
      method: 'POST',
      url: `/api/notifications/${first.id}/read`,
      headers: as(gina),
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toBe(t.clock.now().toISOString());
    t.clock.advance(5000);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/notifications/${first.id}/read`,
      headers: as(gina),
    });
    expect(again.json().readAt).toBe(read.json().readAt);
    expect((await inbox(gina)).json().unreadCount).toBe(1);
    expect((await inbox(gina, '?unread=true')).json().items).toHaveLength(1);

    const all = await t.app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: as(gina) });
    expect(all.json()).toEqual({ marked: 1, unreadCount: 0 });
    // The e-mail-only notice is not in the app's list, so it was never unread there.
    expect((await inbox(gina)).json().items).toHaveLength(2);

    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/123/read',
      headers: as(gina),
    });
    expect(malformed.statusCode).toBe(400);
  });

  it('shows the outbox only to those with platform.notifications.read', async () => {
    const refused = await t.app.inject({
      method: 'GET',
      url: '/api/notifications/outbox',
      headers: as(alice),
    });
    expect(refused.statusCode).toBe(403);
    await enqueue(notice(alice, { channels: ['email'] }));
    operators.add(alice);
    const summary = await t.app.inject({
      method: 'GET',
      url: '/api/notifications/outbox',
      headers: as(alice),
    });
    expect(summary.statusCode).toBe(200);
    expect(summary.json()).toMatchObject({ isEmailConfigured: false, counts: { failed: 0, sent: 0 } });
    expect(summary.json().counts.pending).toBeGreaterThan(0);
  });
});
