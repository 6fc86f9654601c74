import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { isLanguage } from '../../app/languages.ts';
import { Button } from '../../ui/Button.tsx';
import { DescriptionList } from '../../ui/DescriptionList.tsx';
import { DataTable } from '../administration/index.ts';
import { type CaseView, fetchCase } from './workbenchApi.ts';

/**
 * Rows keyed by leaf index; events still waiting for the integrator have none, so they are keyed by
 * what they say, numbered when two say the same.
 */
function keyedHistory(history: CaseView['history']) {
  const seen = new Map<string, number>();
  return history.map((entry) => {
    const base = entry.leafIndex ?? `${entry.record.id}:${entry.action}:${entry.at}`;
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return { key: `${base}#${count}`, entry };
  });
}

type Load =
  | { kind: 'loading' }
  | { kind: 'loaded'; data: CaseView }
  | { kind: 'not-found' | 'forbidden' | 'signed-out' | 'unavailable' };

/** One case's facts, extension requests and every ledger event of it and its workflow, with leaf indexes. */
export function CasePanel({ applicationId, onClose }: { applicationId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation('workbench');
  const language = isLanguage(i18n.language) ? i18n.language : 'zh-CN';
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [view, setView] = useState<Load>({ kind: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    fetchCase(applicationId, controller.signal).then(
      (data) => setView({ kind: 'loaded', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 404) setView({ kind: 'not-found' });
        else if (error instanceof ApiError && error.status === 403) setView({ kind: 'forbidden' });
        else if (error instanceof ApiError && error.status === 401) setView({ kind: 'signed-out' });
        else setView({ kind: 'unavailable' });
      },
    );
    return () => controller.abort();
  }, [applicationId]);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const time = (at: string | null) => (at ? formatDateTime(at, language) : t('cases.noDue'));
  const data = view.kind === 'loaded' ? view.data : undefined;
  return (
    <section className="workbench-task" aria-labelledby="case-heading">
      <h2 id="case-heading" ref={headingRef} tabIndex={-1}>
        {t('caseView.heading', { number: data?.number ?? '' })}
      </h2>
      <Button onClick={onClose}>{t('caseView.close')}</Button>
      {view.kind === 'loading' && <p role="status">{t('cases.loading')}</p>}
      {view.kind === 'not-found' && <p className="account-alert">{t('caseView.notFound')}</p>}
      {view.kind === 'forbidden' && <p className="account-alert">{t('cases.forbidden')}</p>}
      {view.kind === 'signed-out' && <p className="account-alert">{t('cases.signedOut')}</p>}
      {view.kind === 'unavailable' && <p className="account-alert">{t('cases.unavailable')}</p>}
      {data && (
        <>
          <DescriptionList
            items={[
              { term: t('caseView.number'), description: data.number ?? '—' },
              { term: t('caseView.item'), description: data.itemCode },
              { term: t('caseView.state'), description: t(`states.${data.state}` as 'states.open') },
              { term: t('caseView.submittedAt'), description: time(data.submittedAt) },
              { term: t('caseView.statutoryDueAt'), description: time(data.statutoryDueAt) },
              { term: t('caseView.promisedDueAt'), description: time(data.promisedDueAt) },
              { term: t('caseView.visits'), description: String(data.inPersonVisits) },
            ]}
          />
          <h3>{t('caseView.extensions')}</h3>
          {data.extensions.length === 0 ? (
            <p>{t('caseView.noExtensions')}</p>
          ) : (
            <ul>
              {data.extensions.map((extension) => (
                <li key={extension.id}>
                  {t('caseView.extension', {
                    days: extension.workingDays,
                    basis: extension.legalBasis,
                    reason: extension.reason,
                    state: t(
                      `caseView.extensionStates.${extension.state}` as 'caseView.extensionStates.requested',
                    ),
                  })}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('caseView.history')}</h3>
          <DataTable
            caption={t('caseView.historyCaption')}
            headings={[
              t('caseView.columns.at'),
              t('caseView.columns.action'),
              t('caseView.columns.actor'),
              t('caseView.columns.reason'),
              t('caseView.columns.leaf'),
            ]}
          >
            {keyedHistory(data.history).map(({ key, entry }) => (
              <tr key={key}>
                <td>
                  <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time>
                </td>
                <td>{entry.action}</td>
                <td>
                  {entry.actor.kind}
                  {entry.actor.id ? `:${entry.actor.id.slice(0, 8)}` : ''}
                </td>
                <td>{entry.reason ?? ''}</td>
                <td>{entry.leafIndex ?? t('caseView.pending')}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </section>
  );
}
