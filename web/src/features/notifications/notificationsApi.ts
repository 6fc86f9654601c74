import { requestJson } from '../../app/api.ts';

/** The shapes of src/platform/notifications/schemas.ts that the pages use. */
export interface InboxItem {
  id: string;
  topic: string;
  subject: { zh: string; en: string };
  body: { zh: string; en: string };
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  nextCursor: string | null;
  unreadCount: number;
}

export type EmailStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

export interface OutboxSummary {
  isEmailConfigured: boolean;
  counts: Record<EmailStatus, number>;
  recentProblems: {
    id: string;
    topic: string;
    status: EmailStatus;
    attempts: number;
    error: string;
    at: string;
  }[];
}

export function fetchInbox(
  options: { signal?: AbortSignal; cursor?: string | undefined } = {},
): Promise<InboxPage> {
  const { signal, cursor } = options;
  const query = cursor ? `?limit=20&cursor=${encodeURIComponent(cursor)}` : '?limit=20';
  return requestJson<InboxPage>(`/api/notifications${query}`, signal ? { signal } : {});
}

export async function fetchUnreadCount(signal: AbortSignal): Promise<number> {
  return (await requestJson<InboxPage>('/api/notifications?limit=1&unread=true', { signal })).unreadCount;
}

export function markRead(id: string): Promise<InboxItem> {
  return requestJson<InboxItem>(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });
}

export function markAllRead(): Promise<{ marked: number; unreadCount: number }> {
  return requestJson('/api/notifications/read-all', { method: 'POST' });
}

export async function fetchMyEmail(signal: AbortSignal): Promise<string | null> {
  return (await requestJson<{ maskedEmail: string | null }>('/api/identity/me/email', { signal }))
    .maskedEmail;
}

export async function saveMyEmail(email: string | null): Promise<string | null> {
  return (
    await requestJson<{ maskedEmail: string | null }>('/api/identity/me/email', {
      method: 'PUT',
      body: { email },
    })
  ).maskedEmail;
}

export function fetchOutbox(signal: AbortSignal): Promise<OutboxSummary> {
  return requestJson<OutboxSummary>('/api/notifications/outbox', { signal });
}

/** Pages that change what is unread say so; the bell in the header listens and asks again. */
export const UNREAD_CHANGED_EVENT = 'shuzhi:notifications-changed';

export function announceUnreadChanged(unreadCount: number): void {
  window.dispatchEvent(new CustomEvent(UNREAD_CHANGED_EVENT, { detail: unreadCount }));
}
