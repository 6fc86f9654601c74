import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { TextField } from '../account/index.ts';
import { LoadProblem, usePartyName } from './parts.tsx';
import { problemText } from './problemText.ts';
import { type Agreement, changeAgreement, fetchAgreements } from './sharingApi.ts';
import { useLoad } from './useLoad.ts';
import './sharing.css';

/** Agreements the department is party to; the owner suspends, reinstates or revokes them, saying why. */
export function AgreementsPage() {
  const { t } = useTranslation('sharing');
  usePageTitle(t('agreements.title'));
  const [state, reload] = useLoad(fetchAgreements);
  return (
    <div className="sharing-page">
      <h1>{t('agreements.title')}</h1>
      <LoadProblem state={state} />
      {state.kind === 'loaded' && state.value.length === 0 && <p>{t('agreements.none')}</p>}
      {state.kind === 'loaded' && (
        <ul className="sharing-list">
          {state.value.map((agreement) => (
            <AgreementCard key={agreement.id} agreement={agreement} onChanged={reload} />
          ))}
        </ul>
      )}
    </div>
  );
}

function AgreementCard({ agreement, onChanged }: { agreement: Agreement; onChanged: () => void }) {
  const { t } = useTranslation('sharing');
  const language = useLanguage();
  const partyName = usePartyName();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();

  async function change(kind: 'suspend' | 'reinstate' | 'revoke') {
    if (!reason.trim()) return setProblem(t('agreements.problems.reason'));
    try {
      await changeAgreement(agreement.id, kind, reason.trim());
      setProblem(undefined);
      onChanged();
    } catch (error) {
      setProblem(problemText(error, t));
    }
  }

  return (
    <li className="sharing-card" data-testid="sharing-agreement">
      <h2>
        {agreement.resource.name} · {partyName(agreement.owner)} → {partyName(agreement.consumer)}
      </h2>
      <dl className="sharing-facts">
        <dt>{t('agreements.status')}</dt>
        <dd>{t(`agreements.statuses.${agreement.status}`)}</dd>
        <dt>{t('agreements.fields')}</dt>
        <dd>{agreement.fields.join(', ')}</dd>
        <dt>{t('agreements.masked')}</dt>
        <dd>{agreement.maskedFields.join(', ') || '—'}</dd>
        <dt>{t('agreements.purposes')}</dt>
        <dd>{agreement.purposes.join('; ')}</dd>
        <dt>{t('agreements.validUntil')}</dt>
        <dd>{formatDateTime(agreement.validUntil, language)}</dd>
        <dt>{t('agreements.rateLimit')}</dt>
        <dd>{agreement.rateLimitPerMinute}</dd>
        {agreement.statusReason && (
          <>
            <dt>{t('agreements.statusReason')}</dt>
            <dd>{agreement.statusReason}</dd>
          </>
        )}
      </dl>
      {agreement.status !== 'revoked' && (
        <div>
          <TextField
            id={reasonId}
            label={t('agreements.reason')}
            error={problem}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
          {agreement.status === 'active' ? (
            <Button onClick={() => void change('suspend')}>{t('agreements.suspend')}</Button>
          ) : (
            <Button onClick={() => void change('reinstate')}>{t('agreements.reinstate')}</Button>
          )}{' '}
          <Button onClick={() => void change('revoke')}>{t('agreements.revoke')}</Button>
        </div>
      )}
    </li>
  );
}
