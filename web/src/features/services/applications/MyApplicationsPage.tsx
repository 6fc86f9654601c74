import { useCallback, useEffect, useState } from 'react';
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
  fetchDrafts,
  fetchSubmitted,
  type SubmittedApplication,
} from './applicationsApi.ts';
import './applications.css';

type Names = Map<string, { zh: string; en: string }>;

type Mine = {
  drafts: Application[];
  submitted: SubmittedApplication[];
  nextCursor: string | null;
  names: Names;
};

/** The items' names, fetching the guides of codes not named yet. */
async function withNames(names: Names, codes: readonly string[], signal?: AbortSignal): Promise<Names> {
  const missing = [...new Set(codes)].filter((code) => !names.has(code));
  const guides = await Promise.all(missing.map((code) => fetchGuide(code, null, signal)));
  return new Map([
    ...names,
    ...guides.map((guide) => [guide.code, { zh: guide.nameZh, en: guide.nameEn }] as const),
  ]);
}

async function loadMine(signal: AbortSignal): Promise<Mine> {
  const [{ drafts }, page] = await Promise.all([fetchDrafts(signal), fetchSubmitted(null, signal)]);
  const names = await withNames(
    new Map(),
    [...drafts, ...page.items].map((application) => application.itemCode),
    signal,
  );
  return { drafts, submitted: page.items, nextCursor: page.nextCursor, names };
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
  const [more, setMore] = useState<Pick<Mine, 'submitted' | 'nextCursor' | 'names'> | undefined>();
  const [isLoadingMore, setIsLoadingMore] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a reload (generation) starts the list again.
  useEffect(() => setMore(undefined), [generation]);

  async function loadMore(data: Mine) {
    const shown = more ?? data;
    if (!shown.nextCursor || isLoadingMore) return;
    setIsLoadingMore(true);
    try {
      const page = await fetchSubmitted(shown.nextCursor);
      const names = await withNames(
        shown.names,
        page.items.map((application) => application.itemCode),
      );
      setMore({ submitted: [...shown.submitted, ...page.items], nextCursor: page.nextCursor, names });
    } catch (error) {
      setNotice(
        t('tracking.failed', {
          detail: error instanceof ApiError ? (error.detail ?? error.title) : String(error),
        }),
      );
    } finally {
      setIsLoadingMore(false);
    }
  }

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

  const nameOf = (data: Pick<Mine, 'names'>, code: string) => {
    const name = (more?.names ?? data.names).get(code);
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
          {(more ?? mine.data).submitted.length === 0 ? (
            <p>{t('mine.noSubmitted')}</p>
          ) : (
            <DataTable
              caption={t('mine.submitted')}
              headings={[t('mine.number'), t('mine.item'), t('mine.state'), t('mine.submittedAt')]}
            >
              {(more ?? mine.data).submitted.map((application) => (
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
          {(more ?? mine.data).nextCursor && (
            <p>
              <Button onClick={() => void loadMore(mine.data)} aria-disabled={isLoadingMore || undefined}>
                {isLoadingMore ? t('mine.loadingMore') : t('mine.loadMore')}
              </Button>
            </p>
          )}
        </>
      )}
    </div>
  );
}
