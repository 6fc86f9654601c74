import { Trans, useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { useLanguage } from '../../app/languages.ts';
import { StatusIndicator } from '../../ui/StatusIndicator.tsx';
import type { WitnessCheck } from './checkpointAudit.ts';

export function WitnessCosignatures({ witnesses }: { witnesses: readonly WitnessCheck[] }) {
  const { t } = useTranslation('ledger');
  const language = useLanguage();

  return (
    <section className="ledger-panel">
      <h2>{t('witnesses.heading')}</h2>
      <p>{t('witnesses.explanation')}</p>
      {witnesses.length === 0 ? (
        <p>{t('witnesses.none')}</p>
      ) : (
        <>
          <ul className="ledger-witnesses">
            {witnesses.map((check) => (
              <li key={check.witness} data-testid="ledger-witness">
                <code className="ledger-code">{check.witness}</code>
                {check.kind === 'verified' ? (
                  <>
                    <StatusIndicator tone="positive">{t('witnesses.verified')}</StatusIndicator>
                    <span className="ledger-witnesses__time">
                      <Trans
                        t={t}
                        i18nKey="witnesses.cosignedAt"
                        values={{ time: formatDateTime(check.cosignedAt, language) }}
                        components={{ time: <time dateTime={check.cosignedAt} /> }}
                      />
                    </span>
                    <span className="ledger-witnesses__key">
                      {t('witnesses.checkedWithKey')} <code className="ledger-code">{check.verifierKey}</code>
                    </span>
                  </>
                ) : (
                  <StatusIndicator tone="critical">{t(`witnesses.${check.kind}`)}</StatusIndicator>
                )}
              </li>
            ))}
          </ul>
          <p className="ledger-panel__note">{t('witnesses.compareKeys')}</p>
        </>
      )}
    </section>
  );
}
