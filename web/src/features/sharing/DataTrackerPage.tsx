import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { checkAccessInclusion, type InclusionVerdict } from './accessProof.ts';
import { LoadProblem, usePartyName } from './parts.tsx';
import { type DataAccess, fetchMyAccesses } from './sharingApi.ts';
import { useLoad } from './useLoad.ts';
import './sharing.css';

/** 我的数据使用记录: every access to the citizen's data, each proven in this browser to be in the ledger. */
export function DataTrackerPage() {
  const { t } = useTranslation('sharing');
  const language = useLanguage();
  const partyName = usePartyName();
  usePageTitle(t('tracker.title'));
  const [state] = useLoad(fetchMyAccesses);
  const [verdicts, setVerdicts] = useState<Record<string, InclusionVerdict>>({});

  useEffect(() => {
    if (state.kind !== 'loaded') return;
    const controller = new AbortController();
    checkAccessInclusion(state.value.accesses, controller.signal).then(setVerdicts, () => {
      // An aborted check leaves the proofs unshown; a reload starts again.
    });
    return () => controller.abort();
  }, [state]);

  return (
    <div className="sharing-page">
      <h1>{t('tracker.title')}</h1>
      <p>{t('tracker.introduction')}</p>
      <LoadProblem state={state} />
      {state.kind === 'loaded' && state.value.accesses.length === 0 && <p>{t('tracker.none')}</p>}
      {state.kind === 'loaded' && (
        <ol className="sharing-list">
          {state.value.accesses.map((access: DataAccess) => (
            <li key={access.id} className="sharing-card" data-testid="data-access">
              <h2>
                {t('tracker.heading', {
                  department: partyName(access.consumer),
                  resource: access.resource.name,
                })}
              </h2>
              <dl className="sharing-facts">
                <dt>{t('tracker.when')}</dt>
                <dd>{formatDateTime(access.at, language)}</dd>
                <dt>{t('tracker.department')}</dt>
                <dd>{partyName(access.consumer)}</dd>
                <dt>{t('tracker.system')}</dt>
                <dd>{access.system}</dd>
                <dt>{t('tracker.purpose')}</dt>
                <dd>{access.purpose}</dd>
                <dt>{t('tracker.caseNumber')}</dt>
                <dd>{access.caseNumber}</dd>
                <dt>{t('tracker.fields')}</dt>
                <dd>{access.fields.join(', ')}</dd>
                <dt>{t('tracker.proof')}</dt>
                <dd data-testid="access-proof">
                  {t(`tracker.verdicts.${verdicts[access.id] ?? 'checking'}`)}
                </dd>
              </dl>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
