import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { DataTable } from '../administration/index.ts';
import { type EmailStatus, fetchOutbox, type OutboxSummary } from './notificationsApi.ts';
import './notifications.css';

const STATUSES: readonly EmailStatus[] = ['pending', 'sending', 'failed', 'skipped', 'sent'];

type Loaded =
  | { kind: 'loading' }
  | { kind: 'loaded'; data: OutboxSummary }
  | { kind: 'forbidden' | 'unavailable' };

/** The operators' view of the e-mail outbox (permission platform.notifications.read). */
export function OutboxPage() {
  const { t } = useTranslation('notifications');
  const language = useLanguage();
  usePageTitle(t('outbox.title'));
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    fetchOutbox(controller.signal).then(
      (data) => setLoaded({ kind: 'loaded', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const isForbidden = error instanceof ApiError && (error.status === 403 || error.status === 401);
        setLoaded({ kind: isForbidden ? 'forbidden' : 'unavailable' });
      },
    );
    return () => controller.abort();
  }, []);

  return (
    <div className="notifications-page">
      <h1>{t('outbox.title')}</h1>
      <p>{t('outbox.introduction')}</p>
      {loaded.kind === 'loading' && <p role="status">{t('outbox.loading')}</p>}
      {loaded.kind === 'forbidden' && <p className="account-alert">{t('outbox.forbidden')}</p>}
      {loaded.kind === 'unavailable' && <p className="account-alert">{t('outbox.unavailable')}</p>}
      {loaded.kind === 'loaded' && (
        <>
          {!loaded.data.isEmailConfigured && (
            <p className="account-alert" data-testid="outbox-not-configured">
              {t('outbox.notConfigured')}
            </p>
          )}
          <DataTable caption={t('outbox.countsCaption')} headings={[t('outbox.status'), t('outbox.count')]}>
            {STATUSES.map((status) => (
              <tr key={status}>
                <th scope="row">{t(`outbox.statuses.${status}`)}</th>
                <td data-testid={`outbox-count-${status}`}>{loaded.data.counts[status]}</td>
              </tr>
            ))}
          </DataTable>
          {loaded.data.recentProblems.length === 0 ? (
            <p>{t('outbox.noProblems')}</p>
          ) : (
            <DataTable
              caption={t('outbox.problemsCaption')}
              headings={[
                t('outbox.at'),
                t('outbox.topic'),
                t('outbox.status'),
                t('outbox.attempts'),
                t('outbox.error'),
              ]}
            >
              {loaded.data.recentProblems.map((problem) => (
                <tr key={problem.id}>
                  <td>
                    <time dateTime={problem.at}>{formatDateTime(problem.at, language)}</time>
                  </td>
                  <td>{problem.topic}</td>
                  <td>{t(`outbox.statuses.${problem.status}`)}</td>
                  <td>{problem.attempts}</td>
                  <td>{problem.error}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </div>
  );
}
