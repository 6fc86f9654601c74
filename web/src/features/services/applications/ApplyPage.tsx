import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../../app/api.ts';
import { usePageTitle } from '../../../app/usePageTitle.ts';
import { Button } from '../../../ui/Button.tsx';
import { accountPaths, newIdempotencyKey, useSignedInFetch } from '../../account/index.ts';
import { servicesPaths } from '../paths.ts';
import { type Application, applicationPaths, createDraft, fetchDrafts } from './applicationsApi.ts';

/**
 * The guide's "apply online": starts a draft for the item at the applicant's division (the server picks
 * the serving implementation), or offers to continue a draft of the same item already under way.
 */
export function ApplyPage() {
  const { t } = useTranslation('applications');
  usePageTitle(t('apply.title'));
  const navigate = useNavigate();
  const { code = '' } = useParams();
  const [searchParams] = useSearchParams();
  const guidePath = servicesPaths.item(code, searchParams.get('divisionCode'));
  const drafts = useSignedInFetch(useCallback((signal: AbortSignal) => fetchDrafts(signal), []));
  const [failure, setFailure] = useState<string | undefined>();
  // One key per visit: a retry or a double render replays the same draft instead of making two.
  const idempotencyKey = useRef(newIdempotencyKey());
  const existing: Application | undefined =
    drafts.kind === 'loaded' ? drafts.data.drafts.find((draft) => draft.itemCode === code) : undefined;

  const start = useCallback(async () => {
    try {
      const draft = await createDraft(code, idempotencyKey.current);
      await navigate(applicationPaths.form(draft.id), { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        await navigate(accountPaths.signIn, { replace: true, state: { notice: 'sessionEnded' } });
        return;
      }
      setFailure(error instanceof ApiError ? (error.detail ?? error.title) : String(error));
    }
  }, [code, navigate]);

  useEffect(() => {
    if (drafts.kind === 'loaded' && !existing) void start();
  }, [drafts.kind, existing, start]);

  return (
    <div className="page application">
      <p className="guide__back">
        <Link to={guidePath}>{t('apply.backToGuide')}</Link>
      </p>
      <h1>{t('apply.title')}</h1>
      {failure ? (
        <p className="application__alert" role="alert">
          {t('apply.failed', { detail: failure })}
        </p>
      ) : existing ? (
        <>
          <p>{t('apply.existing')}</p>
          <p className="application__actions">
            <Link className="button" to={applicationPaths.form(existing.id)}>
              {t('apply.continueDraft')}
            </Link>
            <Button onClick={() => void start()}>{t('apply.startNew')}</Button>
          </p>
        </>
      ) : drafts.kind === 'unavailable' ? (
        <p className="application__alert" role="alert">
          {t('form.unavailable')}
        </p>
      ) : (
        <p role="status">{t('apply.starting')}</p>
      )}
    </div>
  );
}
