import { useTranslation } from 'react-i18next';
import { StatusIndicator, type StatusTone } from '../../ui/StatusIndicator.tsx';
import type { HealthState } from './usePlatformHealth.ts';

const tones: Record<HealthState, StatusTone> = {
  checking: 'neutral',
  ok: 'positive',
  degraded: 'warning',
  unreachable: 'critical',
};

/**
 * A polite live region: screen readers hear the state when it changes, not on every 30-second
 * check that finds nothing new.
 */
export function HealthStateAnnouncement({ state }: { state: HealthState }) {
  const { t } = useTranslation('platform');
  return (
    <p className="health-state" role="status" aria-live="polite">
      <span className="visually-hidden">{t('statusCard.announcementPrefix')}</span>
      <StatusIndicator tone={tones[state]}>
        <span data-testid="platform-status-state">{t(`statusWord.${state}`)}</span>
      </StatusIndicator>
    </p>
  );
}
