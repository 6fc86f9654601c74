import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { LoadProblem, usePartyName } from './parts.tsx';
import { fetchConsents, grantConsent, revokeConsent } from './sharingApi.ts';
import { useLoad } from './useLoad.ts';
import './sharing.css';

/** The citizen consents to a department using their data for a stated purpose, or withdraws it. */
export function ConsentsPage() {
  const { t } = useTranslation('sharing');
  const language = useLanguage();
  const partyName = usePartyName();
  usePageTitle(t('consents.title'));
  const [state, reload] = useLoad(fetchConsents);
  const [message, setMessage] = useState<{ text: string; isError: boolean } | undefined>();

  async function act(action: () => Promise<unknown>, done: string) {
    try {
      await action();
      setMessage({ text: done, isError: false });
      reload();
    } catch (error) {
      const detail = error instanceof ApiError ? (error.detail ?? error.title) : t('common.unreachable');
      setMessage({ text: t('common.failed', { detail }), isError: true });
    }
  }

  return (
    <div className="sharing-page">
      <h1>{t('consents.title')}</h1>
      <p>{t('consents.introduction')}</p>
      <div role="status">{message && !message.isError && <p>{message.text}</p>}</div>
      <div role="alert">{message?.isError && <p>{message.text}</p>}</div>
      <LoadProblem state={state} />
      {state.kind === 'loaded' && (
        <>
          <h2>{t('consents.given')}</h2>
          {state.value.consents.length === 0 && <p>{t('consents.noneGiven')}</p>}
          <ul className="sharing-list">
            {state.value.consents.map((consent) => (
              <li key={consent.id} className="sharing-card" data-testid="consent">
                <h3>
                  {partyName(consent.consumer)} · {consent.resource.name}
                </h3>
                <p>{t('consents.purpose', { purpose: consent.purpose })}</p>
                <p>
                  {consent.revokedAt
                    ? t('consents.revokedAt', { at: formatDateTime(consent.revokedAt, language) })
                    : t('consents.grantedAt', { at: formatDateTime(consent.grantedAt, language) })}
                </p>
                {!consent.revokedAt && (
                  <Button onClick={() => void act(() => revokeConsent(consent.id), t('consents.revoked'))}>
                    {t('consents.revoke', { department: partyName(consent.consumer) })}
                  </Button>
                )}
              </li>
            ))}
          </ul>
          <h2>{t('consents.options')}</h2>
          {state.value.options.length === 0 && <p>{t('consents.noOptions')}</p>}
          <ul className="sharing-list">
            {state.value.options.flatMap((option) =>
              option.purposes.map((purpose) => (
                <li key={`${option.agreementId}-${purpose}`} className="sharing-card">
                  <h3>
                    {partyName(option.consumer)} · {option.resource.name}
                  </h3>
                  <p>{t('consents.purpose', { purpose })}</p>
                  <p>{t('consents.fields', { fields: option.fields.join(', ') })}</p>
                  <Button
                    onClick={() =>
                      void act(() => grantConsent(option.agreementId, purpose), t('consents.granted'))
                    }
                  >
                    {t('consents.grant', { department: partyName(option.consumer) })}
                  </Button>
                </li>
              )),
            )}
          </ul>
        </>
      )}
    </div>
  );
}
