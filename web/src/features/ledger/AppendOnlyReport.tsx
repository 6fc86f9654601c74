import { useTranslation } from 'react-i18next';
import type { Checkpoint } from '../../../../src/modules/ledger/portable.ts';
import { formatDateTime } from '../../app/format.ts';
import { useLanguage } from '../../app/languages.ts';
import { StatusIndicator, type StatusTone } from '../../ui/StatusIndicator.tsx';
import type { AppendOnlyCheck } from './checkpointAudit.ts';
import { formatCount } from './formatCount.ts';

const tones: Record<AppendOnlyCheck['kind'], StatusTone> = {
  'first-visit': 'neutral',
  consistent: 'positive',
  inconsistent: 'critical',
  unavailable: 'warning',
};

/** Whether the ledger only grew since this browser's last visit: the check that catches a rewritten history. */
export function AppendOnlyReport({
  appendOnly,
  checkpoint,
}: {
  appendOnly: AppendOnlyCheck;
  checkpoint: Checkpoint;
}) {
  const { t } = useTranslation('ledger');
  const language = useLanguage();

  function explanation(): string {
    if (appendOnly.kind === 'first-visit') {
      return appendOnly.remembered
        ? t('appendOnly.firstVisit', { size: formatCount(checkpoint.size, language) })
        : t('appendOnly.firstVisitNotRemembered');
    }
    const { previous } = appendOnly;
    const numbers = {
      date: formatDateTime(previous.seenAt, language),
      from: formatCount(previous.size, language),
      to: formatCount(checkpoint.size, language),
    };
    switch (appendOnly.kind) {
      case 'consistent':
        return checkpoint.size === previous.size
          ? t('appendOnly.consistentUnchanged', numbers)
          : t('appendOnly.consistentGrew', {
              ...numbers,
              added: formatCount(checkpoint.size - previous.size, language),
            });
      case 'inconsistent':
        return t(`appendOnly.inconsistent.${appendOnly.reason}`, numbers);
      case 'unavailable':
        return t('appendOnly.unavailable', numbers);
    }
  }

  return (
    <section className="ledger-panel">
      <h2>{t('appendOnly.heading')}</h2>
      <p className="ledger-panel__state">
        <StatusIndicator tone={tones[appendOnly.kind]}>
          <span data-testid="ledger-consistency-state">{t(`appendOnly.stateWord.${appendOnly.kind}`)}</span>
        </StatusIndicator>
      </p>
      <p>{explanation()}</p>
      {appendOnly.kind === 'inconsistent' && (
        <div className="ledger-alarm">
          <p>{t('appendOnly.inconsistentAdvice')}</p>
        </div>
      )}
    </section>
  );
}
