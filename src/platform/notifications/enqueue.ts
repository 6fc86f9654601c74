import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/index.ts';
import type { FieldProblem } from '../errors/index.ts';
import { notificationErrors } from './errors.ts';
import { insertNotification, insertNotificationEmail } from './store.ts';

export type NotificationChannel = 'in-app' | 'email';

export type NewNotification = {
  recipientAccountId: string;
  /** `module.subject[.event]`, e.g. `services.application.approved`. */
  topic: string;
  subject: { zh: string; en: string };
  /** Plain text; e-mail sends both languages, the app shows the reader's. */
  body: { zh: string; en: string };
  /** A path in this web app (`/services/applications/…`), never another site. */
  link?: string | undefined;
  channels: readonly NotificationChannel[];
  /** One notification per recipient and key: a sender that may run twice for one event passes one. */
  dedupeKey?: string | undefined;
  /** The time of the state change being reported, from the caller's clock. */
  at: Date;
};

export type EnqueuedNotification = { id: string; isDuplicate: boolean };

const TOPIC = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
// A path on this origin: not `//host` nor `/\host`, which browsers treat as another site.
const LOCAL_PATH = /^\/(?![/\\])[^\s]*$/;

/**
 * Enqueues a notification in the caller's transaction: it exists, and its e-mail is sent, only if the
 * state change it reports commits. Nothing is sent here; the worker drains the e-mail outbox.
 */
export async function enqueueNotification(
  tx: Kysely<Tables>,
  notice: NewNotification,
): Promise<EnqueuedNotification> {
  checkNotification(notice);
  const id = randomUUID();
  const isInserted = await insertNotification(tx, {
    id,
    recipient_account_id: notice.recipientAccountId,
    topic: notice.topic,
    subject_zh: notice.subject.zh,
    subject_en: notice.subject.en,
    body_zh: notice.body.zh,
    body_en: notice.body.en,
    link: notice.link ?? null,
    dedupe_key: notice.dedupeKey ?? null,
    is_in_app: notice.channels.includes('in-app'),
    created_at: notice.at,
    read_at: null,
  });
  if (!isInserted) return { id, isDuplicate: true };
  if (notice.channels.includes('email')) {
    await insertNotificationEmail(tx, {
      id: randomUUID(),
      notification_id: id,
      status: 'pending',
      attempts: 0,
      next_attempt_at: notice.at,
      claimed_until: null,
      last_error: null,
      created_at: notice.at,
      updated_at: notice.at,
      sent_at: null,
    });
  }
  return { id, isDuplicate: false };
}

function checkNotification(notice: NewNotification): void {
  const problems: FieldProblem[] = [];
  if (!TOPIC.test(notice.topic))
    problems.push({ pointer: '/topic', detail: 'must look like module.subject' });
  for (const part of ['subject', 'body'] as const) {
    const limit = part === 'subject' ? 200 : 5000;
    for (const language of ['zh', 'en'] as const) {
      const text = notice[part][language];
      if (text.trim() === '' || text.length > limit) {
        problems.push({ pointer: `/${part}/${language}`, detail: `must be 1 to ${limit} characters` });
      }
    }
  }
  if (/[\r\n]/.test(notice.subject.zh + notice.subject.en)) {
    problems.push({ pointer: '/subject', detail: 'must be one line' });
  }
  if (notice.link !== undefined && !LOCAL_PATH.test(notice.link)) {
    problems.push({ pointer: '/link', detail: 'must be a path on this site, starting with one /' });
  }
  if (notice.channels.length === 0) problems.push({ pointer: '/channels', detail: 'must name a channel' });
  if (notice.dedupeKey !== undefined && (notice.dedupeKey === '' || notice.dedupeKey.length > 200)) {
    problems.push({ pointer: '/dedupeKey', detail: 'must be 1 to 200 characters' });
  }
  if (problems.length > 0) throw notificationErrors.invalidNotification(problems);
}
