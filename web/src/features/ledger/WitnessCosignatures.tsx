import { Trans, useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { useLanguage } from '../../app/languages.ts';
import type { WitnessCosignature } from './ledgerApi.ts';

export function WitnessCosignatures({ cosignatures }: { cosignatures: readonly WitnessCosignature[] }) {
  const { t } = useTranslation('ledger');
  const language = useLanguage();

  return (
    <section className="ledger-panel">
      <h2>{t('witnesses.heading')}</h2>
      <p>{t('witnesses.explanation')}</p>
      {cosignatures.length === 0 ? (
        <p>{t('witnesses.none')}</p>
      ) : (
        <>
          <ul className="ledger-witnesses">
            {cosignatures.map(({ witness, cosignedAt }) => (
              <li key={witness}>
                <code className="ledger-code">{witness}</code>
                <span className="ledger-witnesses__time">
                  <Trans
                    t={t}
                    i18nKey="witnesses.cosignedAt"
                    values={{ time: formatDateTime(cosignedAt, language) }}
                    components={{ time: <time dateTime={cosignedAt} /> }}
                  />
                </span>
              </li>
            ))}
          </ul>
          <p className="ledger-panel__note">{t('witnesses.notCheckedHere')}</p>
        </>
      )}
    </section>
  );
}
