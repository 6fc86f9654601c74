import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { DataTable } from '../administration/index.ts';
import { type AlertSummary, fetchAlerts } from './hotTopicsApi.ts';
import { hotTopicPaths } from './paths.ts';
import './hot-topics.css';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'loaded'; alerts: AlertSummary[] }
  | { kind: 'forbidden' | 'unavailable' };
type StateFilter = 'all' | 'active' | 'ended';

/** The hot-topics board: alerts the reader's area answers for (permission feedback.hot-topics.watch). */
export function HotTopicsPage() {
  const { t } = useTranslation('hotTopics');
  const language = useLanguage();
  usePageTitle(t('title'));
  const filterId = useId();
  const [filter, setFilter] = useState<StateFilter>('all');
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    setLoaded({ kind: 'loading' });
    fetchAlerts(controller.signal, filter === 'all' ? {} : { state: filter }).then(
      (alerts) => setLoaded({ kind: 'loaded', alerts }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const isForbidden = error instanceof ApiError && (error.status === 403 || error.status === 401);
        setLoaded({ kind: isForbidden ? 'forbidden' : 'unavailable' });
      },
    );
    return () => controller.abort();
  }, [filter]);

  return (
    <div className="hot-topics-page">
      <h1>{t('title')}</h1>
      <p>{t('introduction')}</p>
      <div className="hot-topics-filter">
        <label htmlFor={filterId}>{t('filter')}</label>
        <select
          id={filterId}
          value={filter}
          onChange={(event) => setFilter(event.target.value as StateFilter)}
        >
          {(['all', 'active', 'ended'] as const).map((state) => (
            <option key={state} value={state}>
              {t(`states.${state}`)}
            </option>
          ))}
        </select>
      </div>
      {loaded.kind === 'loading' && <p role="status">{t('loading')}</p>}
      {loaded.kind === 'forbidden' && <p className="account-alert">{t('forbidden')}</p>}
      {loaded.kind === 'unavailable' && <p className="account-alert">{t('unavailable')}</p>}
      {loaded.kind === 'loaded' && loaded.alerts.length === 0 && <p>{t('empty')}</p>}
      {loaded.kind === 'loaded' && loaded.alerts.length > 0 && (
        <DataTable
          caption={t('listCaption')}
          headings={[
            t('category'),
            t('place'),
            t('count'),
            t('keywords'),
            t('started'),
            t('status'),
            t('open'),
          ]}
        >
          {loaded.alerts.map((alert) => (
            <tr key={alert.id}>
              <th scope="row">
                {language === 'en' ? alert.category.nameEn : alert.category.nameZh}
                <span className="hot-topics-kind">
                  {' '}
                  · {t(`kind.${alert.keyKind}`)} ·{' '}
                  {alert.detectors.map((d) => t(`detector.${d}`)).join(' / ')}
                </span>
              </th>
              <td>{alert.responsibleDivision.nameZh}</td>
              <td>{alert.requestCount}</td>
              <td>{alert.keywords.slice(0, 5).join(language === 'en' ? ', ' : '、')}</td>
              <td>
                <time dateTime={alert.startedAt}>{formatDateTime(alert.startedAt, language)}</time>
              </td>
              <td>
                {alert.endedAt ? t('ended') : t('active')}
                {alert.acknowledgedAt && `, ${t('acknowledged')}`}
              </td>
              <td>
                <Link to={hotTopicPaths.alert(alert.id)}>
                  {t('open')}
                  <span className="visually-hidden">
                    {' '}
                    {language === 'en' ? alert.category.nameEn : alert.category.nameZh}{' '}
                    {alert.responsibleDivision.nameZh}
                  </span>
                </Link>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
