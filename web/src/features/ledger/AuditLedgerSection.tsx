import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { StatusIndicator, type StatusTone } from '../../ui/StatusIndicator.tsx';
import { AppendOnlyReport } from './AppendOnlyReport.tsx';
import { CheckpointDetails } from './CheckpointDetails.tsx';
import { InclusionCheckForm } from './InclusionCheckForm.tsx';
import { type CheckpointAuditState, useCheckpointAudit } from './useCheckpointAudit.ts';
import { WitnessCosignatures } from './WitnessCosignatures.tsx';
import './ledger.css';

/** The public view of the audit ledger: anyone can check it here without trusting the server. */
export function AuditLedgerSection() {
  const { t } = useTranslation('ledger');
  usePageTitle(t('section.title'));
  const audit = useCheckpointAudit();

  return (
    <div className="ledger-section">
      <h1>{t('section.title')}</h1>
      <p>{t('section.introduction')}</p>
      <AuditVerdict audit={audit} />
      {audit.kind === 'unreachable' && (
        <div className="ledger-alarm ledger-alarm--warning">
          <p>{t('section.unreachable')}</p>
          {audit.httpStatus !== undefined && (
            <p>{t('section.unreachableStatus', { status: audit.httpStatus })}</p>
          )}
        </div>
      )}
      {audit.kind === 'empty' && <p>{t('section.empty')}</p>}
      {audit.kind === 'rejected' && <CheckpointDetails audit={audit} />}
      {audit.kind === 'verified' && (
        <>
          <CheckpointDetails audit={audit} />
          <AppendOnlyReport appendOnly={audit.appendOnly} checkpoint={audit.checkpoint} />
          <WitnessCosignatures witnesses={audit.witnesses} />
          <InclusionCheckForm checkpoint={audit.checkpoint} />
        </>
      )}
    </div>
  );
}

type Verdict =
  | 'checking'
  | 'unreachable'
  | 'empty'
  | 'signatureRejected'
  | 'keyChanged'
  | 'inconsistent'
  | 'appendOnlyUnchecked'
  | 'witnessFailed'
  | 'passed';

function verdictOf(audit: CheckpointAuditState): Verdict {
  switch (audit.kind) {
    case 'checking':
    case 'unreachable':
    case 'empty':
      return audit.kind;
    case 'rejected':
      return 'signatureRejected';
    case 'verified':
      // The key comes first: a replaced key makes every later check a check of the wrong log.
      if (audit.keyTrust.kind === 'changed') return 'keyChanged';
      if (audit.appendOnly.kind === 'inconsistent') return 'inconsistent';
      if (audit.appendOnly.kind === 'unavailable') return 'appendOnlyUnchecked';
      // A witness line that does not verify means the server altered or invented it.
      if (audit.witnesses.some((check) => check.kind !== 'verified')) return 'witnessFailed';
      return 'passed';
  }
}

const verdictTones: Record<Verdict, StatusTone> = {
  checking: 'neutral',
  empty: 'neutral',
  unreachable: 'warning',
  appendOnlyUnchecked: 'warning',
  witnessFailed: 'critical',
  signatureRejected: 'critical',
  keyChanged: 'critical',
  inconsistent: 'critical',
  passed: 'positive',
};

/**
 * One live region that is on the page from the start, so that screen readers hear the outcome of
 * the checks when it arrives rather than a page that silently filled in.
 */
function AuditVerdict({ audit }: { audit: CheckpointAuditState }) {
  const { t } = useTranslation('ledger');
  const verdict = verdictOf(audit);
  const tone = verdictTones[verdict];
  return (
    <p
      className={`ledger-verdict ledger-verdict--${tone}`}
      role="status"
      aria-live="polite"
      data-testid="ledger-verdict"
    >
      <span className="visually-hidden">{t('verdict.announcementPrefix')}</span>
      <StatusIndicator tone={tone}>{t(`verdict.${verdict}`)}</StatusIndicator>
    </p>
  );
}
