import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DescriptionList } from '../../ui/DescriptionList.tsx';
import { HealthStateAnnouncement } from './HealthStateAnnouncement.tsx';
import { HEALTH_REFRESH_SECONDS, healthStateOf, usePlatformHealth } from './usePlatformHealth.ts';
import './platform.css';

/** The short, public answer to "is the platform working?", for the home page. */
export function PlatformStatusCard({ detailsPath }: { detailsPath: string }) {
  const { t } = useTranslation('platform');
  const headingId = useId();
  const { snapshot } = usePlatformHealth();
  const state = healthStateOf(snapshot);

  return (
    <section className="status-card" aria-labelledby={headingId} data-testid="platform-status">
      <h2 id={headingId} className="status-card__heading">
        {t('statusCard.heading')}
      </h2>
      <HealthStateAnnouncement state={state} />
      {snapshot.kind === 'reported' && (
        <DescriptionList
          items={[
            { term: t('statusCard.version'), description: snapshot.report.version },
            {
              term: t('statusCard.database'),
              description: t(`databaseKind.${snapshot.report.database.kind}`),
            },
          ]}
        />
      )}
      {state === 'degraded' && <p>{t('statusCard.degradedHint')}</p>}
      {state === 'unreachable' && (
        <p>{t('statusCard.unreachableHint', { seconds: HEALTH_REFRESH_SECONDS })}</p>
      )}
      <p className="status-card__details">
        <Link to={detailsPath}>{t('statusCard.details')}</Link>
      </p>
    </section>
  );
}
