import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useAccountStatus } from '../account/index.ts';
import { fetchUnreadCount, UNREAD_CHANGED_EVENT } from './notificationsApi.ts';
import { notificationPaths } from './paths.ts';
import './notifications.css';

const REFRESH_MS = 60_000;

/**
 * The bell in the header: a link to My notifications with the unread count. A new notice arriving is
 * announced through a polite live region (the count on the bell alone is silent to a screen reader).
 */
export function NotificationBell() {
  const { t } = useTranslation('notifications');
  const { status } = useAccountStatus();
  const [count, setCount] = useState<number | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const previous = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (status !== 'signed-in') return;
    let controller = new AbortController();
    const refresh = () => {
      controller.abort();
      controller = new AbortController();
      // A failed refresh keeps the last count; the next one tries again.
      fetchUnreadCount(controller.signal).then(setCount, () => undefined);
    };
    const onChanged = (event: Event) => setCount((event as CustomEvent<number>).detail);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    refresh();
    const timer = window.setInterval(refresh, REFRESH_MS);
    window.addEventListener(UNREAD_CHANGED_EVENT, onChanged);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      controller.abort();
      window.clearInterval(timer);
      window.removeEventListener(UNREAD_CHANGED_EVENT, onChanged);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [status]);

  useEffect(() => {
    // Only a rise is news; the first count on arrival and counts going down as one reads are not.
    if (count !== undefined && previous.current !== undefined && count > previous.current) {
      setAnnouncement(t('bell.announceUnread', { count }));
    }
    previous.current = count;
  }, [count, t]);

  if (status !== 'signed-in') return null;
  const hasUnread = count !== undefined && count > 0;
  return (
    <>
      <NavLink
        to={notificationPaths.inbox}
        className="notification-bell"
        aria-label={hasUnread ? t('bell.labelWithUnread', { count }) : t('bell.label')}
        data-testid="notification-bell"
      >
        <svg className="notification-bell__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path d="M5 14.5V9a5 5 0 0 1 10 0v5.5l1.5 1.5h-13z" />
          <path d="M8.2 17.5a2 2 0 0 0 3.6 0" />
        </svg>
        {hasUnread && (
          <span className="notification-bell__count" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </NavLink>
      <span className="visually-hidden" role="status" data-testid="notification-bell-announcement">
        {announcement}
      </span>
    </>
  );
}
