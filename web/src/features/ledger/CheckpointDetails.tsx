import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { useLanguage } from '../../app/languages.ts';
import { DescriptionList } from '../../ui/DescriptionList.tsx';
import { StatusIndicator } from '../../ui/StatusIndicator.tsx';
import { encodeBase64 } from './base64.ts';
import type { CheckpointAudit, KeyTrust } from './checkpointAudit.ts';
import { formatCount } from './formatCount.ts';

type OpenedAudit = Extract<CheckpointAudit, { kind: 'rejected' | 'verified' }>;

export function CheckpointDetails({ audit }: { audit: OpenedAudit }) {
  const { t } = useTranslation('ledger');
  const language = useLanguage();
  const { served } = audit;
  // A verified checkpoint shows what was signed; a rejected one has only the server's word to show.
  const signed =
    audit.kind === 'verified'
      ? {
          size: formatCount(audit.checkpoint.size, language),
          rootHash: encodeBase64(audit.checkpoint.rootHash),
          origin: audit.checkpoint.origin,
        }
      : { size: served.treeSize, rootHash: served.rootHash, origin: served.origin };

  return (
    <section className="ledger-panel">
      <h2>{t('checkpoint.heading')}</h2>
      <DescriptionList
        items={[
          {
            term: t('checkpoint.size'),
            description: <span data-testid="ledger-checkpoint-size">{signed.size}</span>,
          },
          {
            term: t('checkpoint.rootHash'),
            description: <code className="ledger-code">{signed.rootHash}</code>,
          },
          {
            term: t('checkpoint.signedAt'),
            description: (
              <time dateTime={served.createdAt}>{formatDateTime(served.createdAt, language)}</time>
            ),
          },
          { term: t('checkpoint.origin'), description: <code className="ledger-code">{signed.origin}</code> },
          {
            term: t('checkpoint.signature'),
            description: (
              <StatusIndicator tone={audit.kind === 'verified' ? 'positive' : 'critical'}>
                <span data-testid="ledger-signature-state">
                  {audit.kind === 'verified'
                    ? t('checkpoint.signatureVerified')
                    : t('checkpoint.signatureRejected')}
                </span>
              </StatusIndicator>
            ),
          },
          {
            term: t('checkpoint.signingKey'),
            description: (
              <div className="ledger-key">
                {audit.kind === 'verified' && <KeyTrustStatement keyTrust={audit.keyTrust} />}
                <code className="ledger-code">{served.verifierKey}</code>
              </div>
            ),
          },
        ]}
      />
      {audit.kind === 'rejected' && (
        <div className="ledger-alarm">
          <p>{t(`checkpoint.rejectedDetail.${audit.problem}`)}</p>
          <p>{t('checkpoint.rejectedAdvice')}</p>
        </div>
      )}
      {audit.kind === 'verified' && audit.keyTrust.kind === 'changed' && (
        <div className="ledger-alarm">
          <p>
            {t('checkpoint.keyChangedDetail', {
              date: formatDateTime(audit.keyTrust.remembered.rememberedAt, language),
            })}
          </p>
          <DescriptionList
            items={[
              {
                term: t('checkpoint.rememberedKey'),
                description: <code className="ledger-code">{audit.keyTrust.remembered.verifierKey}</code>,
              },
            ]}
          />
        </div>
      )}
    </section>
  );
}

function KeyTrustStatement({ keyTrust }: { keyTrust: KeyTrust }) {
  const { t } = useTranslation('ledger');
  const language = useLanguage();
  switch (keyTrust.kind) {
    case 'first-use':
      return keyTrust.remembered ? (
        <StatusIndicator tone="neutral">{t('checkpoint.keyFirstUse')}</StatusIndicator>
      ) : (
        <StatusIndicator tone="warning">{t('checkpoint.keyNotRemembered')}</StatusIndicator>
      );
    case 'known':
      return (
        <StatusIndicator tone="positive">
          {t('checkpoint.keyKnown', { date: formatDateTime(keyTrust.rememberedAt, language) })}
        </StatusIndicator>
      );
    case 'changed':
      return <StatusIndicator tone="critical">{t('checkpoint.keyChanged')}</StatusIndicator>;
  }
}
