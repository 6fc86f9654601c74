import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../app/api.ts';
import { formatDateTime } from '../../../app/format.ts';
import { useLanguage } from '../../../app/languages.ts';
import { usePageTitle } from '../../../app/usePageTitle.ts';
import { Button } from '../../../ui/Button.tsx';
import { useSignedInFetch } from '../../account/index.ts';
import { DataTable } from '../../administration/index.ts';
import { servicesPaths } from '../paths.ts';
import { fetchGuide } from '../servicesApi.ts';
import {
  type Application,
  applicationPaths,
  discardDraft,
  fetchApplication,
  fetchApplicationNotices,
  fetchDrafts,
} from './applicationsApi.ts';
import './applications.css';

type Mine = {
  drafts: Application[];
  submitted: Application[];
  names: Map<string, { zh: string; en: string }>;
};

const TRACKING = /^\/services\/applications\/([0-9a-f-]{36})$/;

async function loadMine(signal: AbortSignal): Promise<Mine> {
  const [{ drafts }, notices] = await Promise.all([fetchDrafts(signal), fetchApplicationNotices(signal)]);
  // Each submission sent the applicant a notice linking to the application; they lead to the list.
  const submittedIds = [
    ...new Set(
      notices
        .filter((notice) => notice.topic === 'services.application.submitted')
        .flatMap((notice) => TRACKING.exec(notice.link ?? '')?.[1] ?? []),
    ),
  ];
  const submitted = await Promise.all(submittedIds.map((id) => fetchApplication(id, signal)));
  const codes = [...new Set([...drafts, ...submitted].map((application) => application.itemCode))];
  const guides = await Promise.all(codes.map((code) => fetchGuide(code, null, signal)));
  return {
    drafts,
    submitted,
    names: new Map(guides.map((guide) => [guide.code, { zh: guide.nameZh, en: guide.nameEn }])),
  };
}

/** 我的办件: drafts to continue or delete, and submitted applications to follow. */
export function MyApplicationsPage() {
  const { t } = useTranslation('applications');
  usePageTitle(t('mine.title'));
  const language = useLanguage();
  const [generation, setGeneration] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload signal after a deletion.
  const load = useCallback((signal: AbortSignal) => loadMine(signal), [generation]);
  const mine = useSignedInFetch(load);
  const [notice, setNotice] = useState<string | undefined>();

  async function discard(draft: Application, itemName: string) {
    if (!window.confirm(t('mine.discardConfirm', { item: itemName }))) return;
    try {
      await discardDraft(draft.id);
      setNotice(t('mine.discarded'));
      setGeneration((count) => count + 1);
    } catch (error) {
      setNotice(
        t('tracking.failed', {
          detail: error instanceof ApiError ? (error.detail ?? error.title) : String(error),
        }),
      );
    }
  }

  const nameOf = (data: Mine, code: string) => {
    const name = data.names.get(code);
    return name ? (language === 'en' ? name.en : name.zh) : code;
  };

  return (
    <div className="application">
      <h1>{t('mine.title')}</h1>
      <p>{t('mine.introduction')}</p>
      <p>
        <Link to={servicesPaths.catalogue}>{t('mine.findService')}</Link>
      </p>
      {notice && <p role="status">{notice}</p>}
      {mine.kind === 'loading' && <p role="status">{t('mine.loading')}</p>}
      {mine.kind === 'unavailable' && <p className="application__alert">{t('mine.unavailable')}</p>}
      {mine.kind === 'loaded' && (
        <>
          <h2>{t('mine.drafts')}</h2>
          {mine.data.drafts.length === 0 ? (
            <p>{t('mine.noDrafts')}</p>
          ) : (
            <DataTable
              caption={t('mine.drafts')}
              headings={[t('mine.item'), t('mine.updatedAt'), t('mine.actions')]}
            >
              {mine.data.drafts.map((draft) => {
                const itemName = nameOf(mine.data, draft.itemCode);
                return (
                  <tr key={draft.id} data-testid="draft-row">
                    <td>{itemName}</td>
                    <td>{formatDateTime(draft.updatedAt, language)}</td>
                    <td className="application__row-actions">
                      <Link to={applicationPaths.form(draft.id)}>{t('mine.resume', { item: itemName })}</Link>
                      <Button onClick={() => void discard(draft, itemName)}>{t('mine.discard')}</Button>
                    </td>
                  </tr>
                );
              })}
            </DataTable>
          )}
          <h2>{t('mine.submitted')}</h2>
          {mine.data.submitted.length === 0 ? (
            <p>{t('mine.noSubmitted')}</p>
          ) : (
            <DataTable
              caption={t('mine.submitted')}
              headings={[t('mine.number'), t('mine.item'), t('mine.state'), t('mine.submittedAt')]}
            >
              {mine.data.submitted.map((application) => (
                <tr key={application.id} data-testid="submitted-row">
                  <td>
                    <Link
                      to={applicationPaths.tracking(application.id)}
                      aria-label={t('mine.view', { number: application.number ?? '' })}
                    >
                      {application.number}
                    </Link>
                  </td>
                  <td>{nameOf(mine.data, application.itemCode)}</td>
                  <td>{t(`states.${application.state}`)}</td>
                  <td>{application.submittedAt ? formatDateTime(application.submittedAt, language) : '—'}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </div>
  );
}
