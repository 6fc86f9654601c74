import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDuration, formatMilliseconds } from '../../app/format.ts';
import { useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { type Description, DescriptionList } from '../../ui/DescriptionList.tsx';
import { StatusIndicator } from '../../ui/StatusIndicator.tsx';
import { HealthStateAnnouncement } from './HealthStateAnnouncement.tsx';
import type { HealthReport } from './health.ts';
import { HEALTH_REFRESH_SECONDS, healthStateOf, usePlatformHealth } from './usePlatformHealth.ts';
import './platform.css';

/** The dashboard's full view of /api/health, for the people who keep the platform running. */
export function PlatformStatusSection() {
  const { t } = useTranslation('platform');
  const { snapshot, refresh } = usePlatformHealth();
  usePageTitle(t('statusSection.title'));

  return (
    <div className="status-section" data-testid="platform-status-detail">
      <h1>{t('statusSection.title')}</h1>
      <p>{t('statusSection.introduction', { seconds: HEALTH_REFRESH_SECONDS })}</p>
      <div className="status-section__toolbar">
        <HealthStateAnnouncement state={healthStateOf(snapshot)} />
        <Button onClick={refresh}>{t('statusSection.refresh')}</Button>
      </div>
      {snapshot.kind === 'reported' && <HealthReportGroups report={snapshot.report} />}
      {snapshot.kind === 'unreachable' && (
        <div className="status-section__problem">
          <p>{t('statusSection.unreachableDetail', { seconds: HEALTH_REFRESH_SECONDS })}</p>
          {snapshot.httpStatus !== undefined && (
            <p>{t('statusSection.unreachableStatus', { status: snapshot.httpStatus })}</p>
          )}
        </div>
      )}
    </div>
  );
}

function HealthReportGroups({ report }: { report: HealthReport }) {
  const { t } = useTranslation('platform');
  const language = useLanguage();
  const { database, migrations } = report;

  return (
    <div className="status-section__groups">
      <HealthReportGroup
        heading={t('statusSection.service')}
        items={[
          { term: t('statusSection.version'), description: report.version },
          { term: t('statusSection.uptime'), description: formatDuration(report.uptimeSeconds, language) },
          {
            term: t('statusSection.checkedAt'),
            description: (
              <time dateTime={report.checkedAt}>{formatDateTime(report.checkedAt, language)}</time>
            ),
          },
        ]}
      />
      <HealthReportGroup
        heading={t('statusSection.database')}
        items={[
          { term: t('statusSection.databaseKind'), description: t(`databaseKind.${database.kind}`) },
          {
            term: t('statusSection.reachability'),
            description: (
              <StatusIndicator tone={database.reachable ? 'positive' : 'critical'}>
                {database.reachable ? t('statusSection.reachable') : t('statusSection.notReachable')}
              </StatusIndicator>
            ),
          },
          {
            term: t('statusSection.latency'),
            description:
              database.latencyMs === null
                ? t('statusSection.latencyUnknown')
                : formatMilliseconds(database.latencyMs, language),
          },
        ]}
      />
      <HealthReportGroup
        heading={t('statusSection.migrations')}
        items={[
          { term: t('statusSection.applied'), description: migrations.applied },
          { term: t('statusSection.available'), description: migrations.available },
          {
            term: t('statusSection.isCurrent'),
            description: (
              <StatusIndicator tone={migrations.isCurrent ? 'positive' : 'warning'}>
                {migrations.isCurrent ? t('statusSection.current') : t('statusSection.notCurrent')}
              </StatusIndicator>
            ),
          },
        ]}
      />
    </div>
  );
}

function HealthReportGroup({ heading, items }: { heading: string; items: readonly Description[] }) {
  return (
    <section className="status-group">
      <h2>{heading}</h2>
      <DescriptionList items={items} />
    </section>
  );
}
