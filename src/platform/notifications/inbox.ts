import type { Kysely } from 'kysely';
import type { Clock } from '../clock/index.ts';
import type { Tables } from '../db/index.ts';
import { notificationErrors } from './errors.ts';
import type { InboxItem, InboxPage, InboxQuery, OutboxSummary } from './schemas.ts';
import {
  countEmailsByStatus,
  countUnread,
  findInboxItem,
  listInbox,
  listRecentEmailProblems,
  markAllRead,
  markRead,
} from './store.ts';

type Db = Kysely<Tables>;
export type InboxDeps = { db: Db; clock: Clock };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The account's own notifications, newest first. Keyset pages: the cursor is the (time, id) of the
 * last row shown, so notices arriving meanwhile never shift a page (an offset would repeat rows).
 */
export async function listNotifications(
  deps: InboxDeps,
  accountId: string,
  query: InboxQuery,
): Promise<InboxPage> {
  const limit = query.limit ?? 20;
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const rows = await listInbox(deps.db, accountId, {
    limit: limit + 1,
    after,
    isUnreadOnly: query.unread ?? false,
  });
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: shown.map(toItem),
    nextCursor:
      rows.length > limit && last
        ? Buffer.from(JSON.stringify([last.created_at.toISOString(), last.id])).toString('base64url')
        : null,
    unreadCount: await countUnread(deps.db, accountId),
  };
}

/**
 * Reading one's own notices is not audited: it changes nothing but the reader's own list, as a
 * session's last-seen time does not; the state changes the notices report are audited by their module.
 */
export async function markNotificationRead(
  deps: InboxDeps,
  accountId: string,
  id: string,
): Promise<InboxItem> {
  await markRead(deps.db, accountId, id, deps.clock.now());
  const row = await findInboxItem(deps.db, accountId, id);
  if (!row) throw notificationErrors.notFound();
  return toItem(row);
}

export async function markAllNotificationsRead(deps: InboxDeps, accountId: string) {
  const marked = await markAllRead(deps.db, accountId, deps.clock.now());
  return { marked, unreadCount: await countUnread(deps.db, accountId) };
}

const RECENT_PROBLEMS = 20;

export async function getOutboxSummary(db: Db, isEmailConfigured: boolean): Promise<OutboxSummary> {
  const counts = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };
  for (const row of await countEmailsByStatus(db)) counts[row.status] = Number(row.count);
  const problems = await listRecentEmailProblems(db, RECENT_PROBLEMS);
  return {
    isEmailConfigured,
    counts,
    recentProblems: problems.map((row) => ({
      id: row.id,
      topic: row.topic,
      status: row.status,
      attempts: row.attempts,
      error: row.last_error ?? '',
      at: row.updated_at.toISOString(),
    })),
  };
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw notificationErrors.invalidCursor();
  }
  if (
    !Array.isArray(key) ||
    key.length !== 2 ||
    typeof key[0] !== 'string' ||
    typeof key[1] !== 'string' ||
    Number.isNaN(Date.parse(key[0])) ||
    !UUID.test(key[1])
  ) {
    throw notificationErrors.invalidCursor();
  }
  return { createdAt: new Date(key[0]), id: key[1] };
}

type InboxRow = NonNullable<Awaited<ReturnType<typeof findInboxItem>>>;

function toItem(row: InboxRow): InboxItem {
  return {
    id: row.id,
    topic: row.topic,
    subject: { zh: row.subject_zh, en: row.subject_en },
    body: { zh: row.body_zh, en: row.body_en },
    link: row.link,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}
