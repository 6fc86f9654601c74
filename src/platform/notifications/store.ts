import { type Kysely, sql } from 'kysely';
import type { Tables } from '../db/index.ts';

declare module '../db/tables.ts' {
  interface Tables {
    notification: NotificationRow;
    notification_email: NotificationEmailRow;
  }
}

export type NotificationRow = {
  id: string;
  recipient_account_id: string;
  topic: string;
  subject_zh: string;
  subject_en: string;
  body_zh: string;
  body_en: string;
  link: string | null;
  dedupe_key: string | null;
  is_in_app: boolean;
  created_at: Date;
  read_at: Date | null;
};

export type EmailStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

export type NotificationEmailRow = {
  id: string;
  notification_id: string;
  status: EmailStatus;
  attempts: number;
  next_attempt_at: Date;
  claimed_until: Date | null;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
  sent_at: Date | null;
};

type Db = Kysely<Tables>;

/** Inserts the notification unless one with the same recipient and dedupe key exists; true if inserted. */
export async function insertNotification(db: Db, row: NotificationRow): Promise<boolean> {
  // ON CONFLICT, not a caught unique violation: on PostgreSQL an error would abort the caller's
  // transaction, and with it the state change the notice reports.
  const inserted = await db
    .insertInto('notification')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['recipient_account_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function insertNotificationEmail(db: Db, row: NotificationEmailRow): Promise<void> {
  await db.insertInto('notification_email').values(row).execute();
}

const INBOX_COLUMNS = [
  'id',
  'topic',
  'subject_zh',
  'subject_en',
  'body_zh',
  'body_en',
  'link',
  'created_at',
  'read_at',
] as const;

/** One page of an account's in-app notifications, newest first, after the cursor's (created_at, id). */
export async function listInbox(
  db: Db,
  accountId: string,
  options: { limit: number; after?: { createdAt: Date; id: string } | undefined; isUnreadOnly: boolean },
) {
  let query = db
    .selectFrom('notification')
    .select(INBOX_COLUMNS)
    .where('recipient_account_id', '=', accountId)
    .where('is_in_app', '=', true);
  if (options.isUnreadOnly) query = query.where('read_at', 'is', null);
  const after = options.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
}

export async function countUnread(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('recipient_account_id', '=', accountId)
    .where('is_in_app', '=', true)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function findInboxItem(db: Db, accountId: string, id: string) {
  return db
    .selectFrom('notification')
    .select(INBOX_COLUMNS)
    .where('id', '=', id)
    .where('recipient_account_id', '=', accountId)
    .where('is_in_app', '=', true)
    .executeTakeFirst();
}

/** Marks one notification read (a notification already read keeps its first time). */
export async function markRead(db: Db, accountId: string, id: string, at: Date): Promise<void> {
  await db
    .updateTable('notification')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('recipient_account_id', '=', accountId)
    .where('read_at', 'is', null)
    .execute();
}

export async function markAllRead(db: Db, accountId: string, at: Date): Promise<number> {
  const result = await db
    .updateTable('notification')
    .set({ read_at: at })
    .where('recipient_account_id', '=', accountId)
    .where('is_in_app', '=', true)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export type ClaimedEmail = {
  id: string;
  attempts: number;
  notification_id: string;
  recipient_account_id: string;
  topic: string;
  subject_zh: string;
  subject_en: string;
  body_zh: string;
  body_en: string;
  link: string | null;
};

/**
 * Claims up to `limit` due e-mails for this worker: pending ones whose time has come, and ones another
 * worker claimed but did not finish before its claim lapsed (it stopped). SKIP LOCKED lets several
 * servers claim at once without waiting for or taking each other's rows.
 */
export async function claimDueEmails(
  db: Db,
  now: Date,
  claimUntil: Date,
  limit: number,
): Promise<ClaimedEmail[]> {
  return db.transaction().execute(async (tx) => {
    const due = await tx
      .selectFrom('notification_email')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
          eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<=', now)]),
        ]),
      )
      .orderBy('next_attempt_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    await tx
      .updateTable('notification_email')
      .set({
        status: 'sending',
        claimed_until: claimUntil,
        attempts: sql<number>`attempts + 1`,
        updated_at: now,
      })
      .where(
        'id',
        'in',
        due.map((row) => row.id),
      )
      .execute();
    return tx
      .selectFrom('notification_email as e')
      .innerJoin('notification as n', 'n.id', 'e.notification_id')
      .select([
        'e.id',
        'e.attempts',
        'e.notification_id',
        'n.recipient_account_id',
        'n.topic',
        'n.subject_zh',
        'n.subject_en',
        'n.body_zh',
        'n.body_en',
        'n.link',
      ])
      .where(
        'e.id',
        'in',
        due.map((row) => row.id),
      )
      .orderBy('e.next_attempt_at')
      .execute();
  });
}

/**
 * Records the end of an attempt, only if this worker's claim still holds (same attempt number, still
 * sending): a worker that was too slow and lost the row to another does not overwrite its outcome.
 */
export async function finishAttempt(
  db: Db,
  id: string,
  attempt: number,
  values: Pick<NotificationEmailRow, 'status' | 'last_error' | 'sent_at' | 'next_attempt_at' | 'updated_at'>,
): Promise<boolean> {
  const result = await db
    .updateTable('notification_email')
    .set({ ...values, claimed_until: null })
    .where('id', '=', id)
    .where('attempts', '=', attempt)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countEmailsByStatus(db: Db) {
  return db
    .selectFrom('notification_email')
    .select(['status', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy('status')
    .execute();
}

/** The latest failures and skips, with the topic (never the recipient or the address). */
export async function listRecentEmailProblems(db: Db, limit: number) {
  return db
    .selectFrom('notification_email as e')
    .innerJoin('notification as n', 'n.id', 'e.notification_id')
    .select(['e.id', 'e.status', 'e.attempts', 'e.last_error', 'e.updated_at', 'n.topic'])
    .where('e.last_error', 'is not', null)
    .orderBy('e.updated_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();
}
