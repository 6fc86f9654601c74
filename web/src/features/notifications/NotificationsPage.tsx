import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import {
  ErrorSummary,
  isUnreachable,
  summaryItemsOf,
  TextField,
  useFormProblems,
  useSignedInFetch,
} from '../account/index.ts';
import {
  announceUnreadChanged,
  fetchInbox,
  fetchMyEmail,
  type InboxItem,
  type InboxPage,
  markAllRead,
  markRead,
  saveMyEmail,
} from './notificationsApi.ts';
import './notifications.css';

const fetchFirstPage = (signal: AbortSignal) => fetchInbox({ signal });

/** My notifications: newest first, unread marked, each marked read on demand, earlier ones on request. */
export function NotificationsPage() {
  const { t } = useTranslation('notifications');
  usePageTitle(t('page.title'));
  const loaded = useSignedInFetch(fetchFirstPage, { marksSignedIn: true });

  return (
    <div className="notifications-page">
      <h1>{t('page.title')}</h1>
      <p>{t('page.introduction')}</p>
      {loaded.kind === 'loading' && <p role="status">{t('page.loading')}</p>}
      {loaded.kind === 'unavailable' && <p className="account-alert">{t('page.unavailable')}</p>}
      {loaded.kind === 'loaded' && <Inbox first={loaded.data} />}
      {loaded.kind === 'loaded' && <EmailSettings />}
    </div>
  );
}

function Inbox({ first }: { first: InboxPage }) {
  const { t } = useTranslation('notifications');
  const [items, setItems] = useState<InboxItem[]>(first.items);
  const [nextCursor, setNextCursor] = useState(first.nextCursor);
  const [unreadCount, setUnreadCount] = useState(first.unreadCount);
  const [message, setMessage] = useState('');
  const [isLoadingMore, setIsLoadingMore] = useState(false);

  useEffect(() => announceUnreadChanged(unreadCount), [unreadCount]);

  const readOne = useCallback(
    async (id: string) => {
      try {
        const updated = await markRead(id);
        setItems((current) => current.map((item) => (item.id === id ? updated : item)));
        setUnreadCount((count) => Math.max(0, count - 1));
        setMessage(t('page.markedOne'));
      } catch {
        setMessage(t('page.actionFailed'));
      }
    },
    [t],
  );

  async function readAll() {
    try {
      const result = await markAllRead();
      const now = new Date().toISOString();
      setItems((current) => current.map((item) => (item.readAt ? item : { ...item, readAt: now })));
      setUnreadCount(result.unreadCount);
      setMessage(t('page.markedAll', { count: result.marked }));
    } catch {
      setMessage(t('page.actionFailed'));
    }
  }

  async function loadMore() {
    if (!nextCursor || isLoadingMore) return;
    setIsLoadingMore(true);
    try {
      const page = await fetchInbox({ cursor: nextCursor });
      setItems((current) => [...current, ...page.items]);
      setNextCursor(page.nextCursor);
      setUnreadCount(page.unreadCount);
    } catch {
      setMessage(t('page.actionFailed'));
    }
    setIsLoadingMore(false);
  }

  return (
    <>
      <p
        role="status"
        className={message ? 'notifications-status notifications-status--shown' : 'notifications-status'}
        data-testid="notifications-status"
      >
        {message}
      </p>
      <div className="notifications-toolbar">
        <p data-testid="notifications-unread">
          {unreadCount > 0 ? t('page.unreadCount', { count: unreadCount }) : t('page.allRead')}
        </p>
        {unreadCount > 0 && (
          <Button onClick={() => void readAll()} data-testid="notifications-read-all">
            {t('page.markAllRead')}
          </Button>
        )}
      </div>
      {items.length === 0 ? (
        <p>{t('page.empty')}</p>
      ) : (
        <ul className="notifications-list" aria-label={t('page.listLabel')}>
          {items.map((item) => (
            <NotificationItem key={item.id} item={item} onRead={readOne} />
          ))}
        </ul>
      )}
      {nextCursor && (
        <div>
          <Button onClick={() => void loadMore()} aria-disabled={isLoadingMore || undefined}>
            {isLoadingMore ? t('page.loadingMore') : t('page.loadMore')}
          </Button>
        </div>
      )}
    </>
  );
}

function NotificationItem({ item, onRead }: { item: InboxItem; onRead: (id: string) => Promise<void> }) {
  const { t } = useTranslation('notifications');
  const language = useLanguage();
  const isChinese = language === 'zh-CN';
  const subject = isChinese ? item.subject.zh : item.subject.en;
  const headingId = `notification-${item.id}`;
  return (
    <li
      className={item.readAt ? 'notification-item' : 'notification-item notification-item--unread'}
      aria-labelledby={headingId}
      data-testid="notification-item"
    >
      <h2 id={headingId}>
        {!item.readAt && <span className="visually-hidden">{t('page.unread')}: </span>}
        {subject}
      </h2>
      <p className="notification-item__meta">
        <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, language)}</time>
        {' · '}
        {item.readAt ? t('page.read') : t('page.unread')}
      </p>
      <p>{isChinese ? item.body.zh : item.body.en}</p>
      <div className="notification-item__actions">
        {item.link && <Link to={item.link}>{t('page.open')}</Link>}
        {!item.readAt && (
          <Button onClick={() => void onRead(item.id)} aria-label={t('page.markReadOf', { subject })}>
            {t('page.markRead')}
          </Button>
        )}
      </div>
    </li>
  );
}

const EMAIL_FIELD_ID = 'notification-email';

/** Where notifications are e-mailed: kept by identity, encrypted; shown here masked. */
function EmailSettings() {
  const { t } = useTranslation('notifications');
  const [masked, setMasked] = useState<string | null | undefined>();
  const [email, setEmail] = useState('');
  const [notice, setNotice] = useState('');
  const [isSaving, setIsSaving] = useState(false);
  const { errors, formError, summaryRef, showProblems } = useFormProblems<'email'>();

  useEffect(() => {
    const controller = new AbortController();
    fetchMyEmail(controller.signal).then(setMasked, () => undefined);
    return () => controller.abort();
  }, []);

  async function save(value: string | null) {
    if (isSaving) return;
    if (value !== null && value.trim() === '') {
      showProblems({ email: t('email.required') });
      return;
    }
    setIsSaving(true);
    try {
      setMasked(await saveMyEmail(value));
      setEmail('');
      showProblems({});
      setNotice(value === null ? t('email.removed') : t('email.saved'));
    } catch (error) {
      setNotice('');
      if (error instanceof ApiError && error.code === 'identity.invalid-email') {
        showProblems({ email: t('email.invalid') });
      } else if (error instanceof ApiError && error.code === 'identity.person-not-found') {
        showProblems({}, t('email.noPerson'));
      } else if (isUnreachable(error) || error instanceof ApiError) {
        showProblems({}, t('page.actionFailed'));
      }
    }
    setIsSaving(false);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save(email);
  }

  return (
    <section className="account-panel" aria-labelledby="notification-email-heading">
      <h2 id="notification-email-heading">{t('email.heading')}</h2>
      <ErrorSummary
        items={summaryItemsOf(['email'] as const, { email: EMAIL_FIELD_ID }, errors, formError)}
        summaryRef={summaryRef}
      />
      <p role="status" data-testid="notification-email-notice">
        {notice}
      </p>
      {masked !== undefined && (
        <p data-testid="notification-email-current">
          {masked ? t('email.current', { email: masked }) : t('email.none')}
        </p>
      )}
      <form className="account-form" noValidate onSubmit={handleSubmit}>
        <TextField
          id={EMAIL_FIELD_ID}
          name="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          label={t('email.label')}
          hint={t('email.hint')}
          error={errors.email}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <div className="account-actions">
          <Button type="submit" className="button--primary" aria-disabled={isSaving || undefined}>
            {isSaving ? t('email.saving') : t('email.save')}
          </Button>
          {masked && <Button onClick={() => void save(null)}>{t('email.remove')}</Button>}
        </div>
      </form>
    </section>
  );
}
