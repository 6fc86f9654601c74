import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { DataTable } from '../administration/index.ts';
import { type AlertDetail, acknowledgeAlert, fetchAlert } from './hotTopicsApi.ts';
import { hotTopicPaths } from './paths.ts';
import { TrendChart } from './TrendChart.tsx';
import './hot-topics.css';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'loaded'; alert: AlertDetail }
  | { kind: 'not-found' | 'unavailable' };

/** One alert: its trend (chart and table), keywords, extent and sample requests; acknowledge it. */
export function HotTopicPage() {
  const { t } = useTranslation('hotTopics');
  const language = useLanguage();
  const { id = '' } = useParams();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [isSaving, setIsSaving] = useState(false);
  const [hasFailed, setHasFailed] = useState(false);
  const alert = loaded.kind === 'loaded' ? loaded.alert : null;
  const categoryName = alert ? (language === 'en' ? alert.category.nameEn : alert.category.nameZh) : '';
  usePageTitle(alert ? `${categoryName} · ${alert.responsibleDivision.nameZh}` : t('title'));

  useEffect(() => {
    const controller = new AbortController();
    fetchAlert(id, controller.signal).then(
      (detail) => setLoaded({ kind: 'loaded', alert: detail }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const isMissing = error instanceof ApiError && [400, 401, 403, 404].includes(error.status);
        setLoaded({ kind: isMissing ? 'not-found' : 'unavailable' });
      },
    );
    return () => controller.abort();
  }, [id]);

  const points = useMemo(
    () =>
      (alert?.trend ?? []).map((bin) => ({
        label: formatDateTime(bin.binStart, language),
        count: bin.count,
      })),
    [alert, language],
  );

  const acknowledge = async () => {
    if (isSaving) return;
    setIsSaving(true);
    setHasFailed(false);
    try {
      setLoaded({ kind: 'loaded', alert: await acknowledgeAlert(id) });
    } catch {
      setHasFailed(true);
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <div className="hot-topics-page">
      <p>
        <Link to={hotTopicPaths.list}>{t('detail.back')}</Link>
      </p>
      {loaded.kind === 'loading' && <p role="status">{t('loading')}</p>}
      {loaded.kind === 'not-found' && <p className="account-alert">{t('detail.notFound')}</p>}
      {loaded.kind === 'unavailable' && <p className="account-alert">{t('unavailable')}</p>}
      {alert && (
        <>
          <h1>
            {categoryName} · {alert.responsibleDivision.nameZh}
          </h1>
          <dl className="hot-topics-facts">
            <dt>{t('detail.detectors')}</dt>
            <dd>
              {t(`kind.${alert.keyKind}`)} · {alert.detectors.map((d) => t(`detector.${d}`)).join(' / ')}
            </dd>
            <dt>{t('count')}</dt>
            <dd>{alert.requestCount}</dd>
            <dt>{t('started')}</dt>
            <dd>
              <time dateTime={alert.startedAt}>{formatDateTime(alert.startedAt, language)}</time>
            </dd>
            <dt>{t('status')}</dt>
            <dd>{alert.endedAt ? t('ended') : t('active')}</dd>
            <dt>{t('keywords')}</dt>
            <dd>{alert.keywords.join(language === 'en' ? ', ' : '、')}</dd>
          </dl>
          {alert.acknowledgedAt ? (
            <p role="status">
              {t('detail.acknowledgedAt', { at: formatDateTime(alert.acknowledgedAt, language) })}
            </p>
          ) : (
            <p>
              <Button
                type="button"
                className="button--primary"
                onClick={acknowledge}
                aria-disabled={isSaving || undefined}
              >
                {isSaving ? t('detail.acknowledging') : t('detail.acknowledge')}
              </Button>
            </p>
          )}
          {hasFailed && (
            <p className="account-alert" role="alert">
              {t('detail.acknowledgeFailed')}
            </p>
          )}
          <h2>{t('detail.trend')}</h2>
          <TrendChart points={points} />
          <details className="hot-topics-trend-table">
            <summary>{t('detail.trendTable')}</summary>
            <DataTable caption={t('detail.trendTable')} headings={[t('detail.hour'), t('count')]}>
              {alert.trend.map((bin) => (
                <tr key={bin.binStart}>
                  <th scope="row">
                    <time dateTime={bin.binStart}>{formatDateTime(bin.binStart, language)}</time>
                  </th>
                  <td>{bin.count}</td>
                </tr>
              ))}
            </DataTable>
          </details>
          <h2>{t('detail.extent')}</h2>
          <p>{alert.extent.divisions.map((division) => division.nameZh).join('、')}</p>
          <p>
            {alert.extent.boundingBox
              ? t('detail.boundingBox', {
                  west: alert.extent.boundingBox[0].toFixed(4),
                  south: alert.extent.boundingBox[1].toFixed(4),
                  east: alert.extent.boundingBox[2].toFixed(4),
                  north: alert.extent.boundingBox[3].toFixed(4),
                })
              : t('detail.noPoints')}
          </p>
          <h2>{t('detail.samples')}</h2>
          <DataTable
            caption={t('detail.sampleCaption')}
            headings={[t('detail.number'), t('detail.submitted'), t('detail.description')]}
          >
            {alert.samples.map((sample) => (
              <tr key={sample.id}>
                <th scope="row">{sample.publicId}</th>
                <td>
                  <time dateTime={sample.submittedAt}>{formatDateTime(sample.submittedAt, language)}</time>
                </td>
                <td>{sample.description}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </div>
  );
}
