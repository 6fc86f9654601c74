import { type FormEvent, useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../../../app/api.ts';
import { formatDateTime } from '../../../app/format.ts';
import { useLanguage } from '../../../app/languages.ts';
import { usePageTitle } from '../../../app/usePageTitle.ts';
import { Button } from '../../../ui/Button.tsx';
import { DescriptionList } from '../../../ui/DescriptionList.tsx';
import { ErrorSummary, FieldError, type SummaryItem, useSignedInFetch } from '../../account/index.ts';
import { fetchGuide } from '../servicesApi.ts';
import {
  type ApplicationNotice,
  type ApplicationWithMaterials,
  applicationPaths,
  fetchApplication,
  fetchApplicationNotices,
  fetchMyStatus,
  type MyStatus,
  provideSupplements,
  rateApplication,
} from './applicationsApi.ts';
import './applications.css';

type Tracked = {
  application: ApplicationWithMaterials;
  status: MyStatus | undefined;
  notices: ApplicationNotice[];
  itemName: { zh: string; en: string };
};

function loadTracked(id: string) {
  return async (signal: AbortSignal): Promise<Tracked> => {
    const application = await fetchApplication(id, signal);
    const [status, notices, guide] = await Promise.all([
      application.number ? fetchMyStatus(application.number, signal) : Promise.resolve(undefined),
      fetchApplicationNotices(signal),
      fetchGuide(application.itemCode, null, signal),
    ]);
    const link = applicationPaths.tracking(id);
    return {
      application,
      status,
      notices: notices.filter((notice) => notice.link === link).reverse(),
      itemName: { zh: guide.nameZh, en: guide.nameEn },
    };
  };
}

/** One application: its number, state, history, due dates, supplement notice, result and rating. */
export function TrackingPage() {
  const { t } = useTranslation('applications');
  usePageTitle(t('tracking.title'));
  const { id = '' } = useParams();
  const [generation, setGeneration] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload signal after a change.
  const load = useCallback(loadTracked(id), [id, generation]);
  const tracked = useSignedInFetch(load);
  if (tracked.kind === 'loading')
    return (
      <div className="page application" aria-busy="true">
        <p role="status">{t('tracking.loading')}</p>
      </div>
    );
  if (tracked.kind === 'unavailable')
    return (
      <div className="page application">
        <h1>{t('form.unavailable')}</h1>
        <p>
          <Link to={applicationPaths.mine}>{t('mine.title')}</Link>
        </p>
      </div>
    );
  return <TrackedApplication {...tracked.data} onChanged={() => setGeneration((count) => count + 1)} />;
}

function TrackedApplication({
  application,
  status,
  notices,
  itemName,
  onChanged,
}: Tracked & { onChanged: () => void }) {
  const { t } = useTranslation('applications');
  const language = useLanguage();
  const location = useLocation();
  const justSubmitted = (location.state as { justSubmitted?: boolean } | null)?.justSubmitted === true;
  const name = language === 'en' ? itemName.en : itemName.zh;
  const when = (at: string | null) => (at ? formatDateTime(at, language) : '—');
  const isDecided = application.state === 'approved' || application.state === 'rejected';
  const supplementNotice = notices
    .filter((notice) => notice.topic === 'services.application.supplements-requested')
    .at(-1);

  return (
    <div className="page application">
      <p className="guide__back">
        <Link to={applicationPaths.mine}>{t('mine.title')}</Link>
      </p>
      <h1>{t('tracking.title')}</h1>
      {justSubmitted && application.number && (
        <div className="application__panel" role="status">
          <h2>{t('tracking.justSubmitted')}</h2>
          <p>{t('tracking.justSubmittedNumber', { number: application.number })}</p>
        </div>
      )}
      {application.state === 'draft' && (
        <p>
          {t('tracking.draftNotice')}{' '}
          <Link to={applicationPaths.form(application.id)}>{t('tracking.resume')}</Link>
        </p>
      )}
      <DescriptionList
        items={[
          { term: t('tracking.item'), description: name },
          ...(application.number ? [{ term: t('tracking.number'), description: application.number }] : []),
          {
            term: t('tracking.state'),
            description: <strong data-testid="application-state">{t(`states.${application.state}`)}</strong>,
          },
          ...(status
            ? [
                {
                  term: t('tracking.checkCode'),
                  description: (
                    <>
                      <span data-testid="check-code">{status.checkCode}</span>
                      <br />
                      <small>{t('tracking.checkCodeHint')}</small>
                    </>
                  ),
                },
              ]
            : []),
          ...(application.submittedAt
            ? [
                { term: t('tracking.submittedAt'), description: when(application.submittedAt) },
                { term: t('tracking.promisedDue'), description: when(application.promisedDueAt) },
                { term: t('tracking.statutoryDue'), description: when(application.statutoryDueAt) },
              ]
            : []),
        ]}
      />
      {status?.isClockPaused && <p className="application__notice">{t('tracking.paused')}</p>}

      {application.state === 'awaiting-supplements' && (
        <Supplements applicationId={application.id} notice={supplementNotice} onSent={onChanged} />
      )}

      {application.state === 'approved' && (
        <section className="application__panel" aria-labelledby="result-title">
          <h2 id="result-title">{t('tracking.result')}</h2>
          {application.credentialIdentifier && (
            <>
              <p>{t('tracking.certificate', { identifier: application.credentialIdentifier })}</p>
              <ul className="application__links">
                <li>
                  <Link to="/account/wallet">{t('tracking.wallet')}</Link>
                </li>
                <li>
                  <a href={`/api/credentials/${encodeURIComponent(application.credentialIdentifier)}/pdf`}>
                    {t('tracking.pdf')}
                  </a>
                </li>
                <li>
                  <Link to={`/verify/${encodeURIComponent(application.credentialIdentifier)}`}>
                    {t('tracking.verify')}
                  </Link>
                </li>
              </ul>
            </>
          )}
        </section>
      )}
      {application.state === 'rejected' && (
        <section className="application__panel" aria-labelledby="reasons-title">
          <h2 id="reasons-title">{t('tracking.reasons')}</h2>
          <ul>
            {application.rejectionReasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('tracking.history')}</h2>
        {notices.length === 0 ? (
          <p>{t('tracking.noHistory')}</p>
        ) : (
          <ol className="application__history" data-testid="history">
            {notices.map((notice) => (
              <li key={`${notice.topic}:${notice.createdAt}`}>
                <time dateTime={notice.createdAt}>{when(notice.createdAt)}</time>{' '}
                {language === 'en' ? notice.subject.en : notice.subject.zh}
              </li>
            ))}
          </ol>
        )}
      </section>

      {isDecided && <RatingForm applicationId={application.id} />}
    </div>
  );
}

function Supplements({
  applicationId,
  notice,
  onSent,
}: {
  applicationId: string;
  notice: ApplicationNotice | undefined;
  onSent: () => void;
}) {
  const { t } = useTranslation('applications');
  const language = useLanguage();
  const [rows, setRows] = useState([{ material: '', detail: '' }]);
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);
  const baseId = useId();

  async function send(event: FormEvent) {
    event.preventDefault();
    const missing = rows.flatMap((row, index) =>
      row.material.trim() && row.detail.trim()
        ? []
        : [
            {
              fieldId: `${baseId}-material-${index}`,
              message: t('tracking.supplementMissing', { row: index + 1 }),
            },
          ],
    );
    if (missing.length > 0) {
      setProblems(missing);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    try {
      await provideSupplements(
        applicationId,
        rows.map((row) => ({ material: row.material.trim(), detail: row.detail.trim() })),
      );
      onSent();
    } catch (error) {
      setProblems([
        {
          fieldId: undefined,
          message: t('tracking.failed', {
            detail: error instanceof ApiError ? (error.detail ?? error.title) : String(error),
          }),
        },
      ]);
      requestAnimationFrame(() => summaryRef.current?.focus());
    }
  }

  return (
    <section className="application__panel application__panel--warning" aria-labelledby="supplements-title">
      <h2 id="supplements-title">{t('tracking.supplements')}</h2>
      <p>{t('tracking.supplementsIntro')}</p>
      {notice && (
        <p data-testid="supplements-notice">{language === 'en' ? notice.body.en : notice.body.zh}</p>
      )}
      <form onSubmit={(event) => void send(event)} noValidate aria-label={t('tracking.supplementsForm')}>
        <ErrorSummary items={problems} summaryRef={summaryRef} />
        {rows.map((row, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are only ever appended, so the index is stable.
          <fieldset key={index} className="application__row">
            <legend>{index + 1}</legend>
            <div className="form-field">
              <label className="form-field__label" htmlFor={`${baseId}-material-${index}`}>
                {t('tracking.material')}
              </label>
              <input
                id={`${baseId}-material-${index}`}
                className="form-field__input"
                value={row.material}
                onChange={(event) =>
                  setRows((previous) =>
                    previous.map((r, i) => (i === index ? { ...r, material: event.target.value } : r)),
                  )
                }
              />
            </div>
            <div className="form-field">
              <label className="form-field__label" htmlFor={`${baseId}-detail-${index}`}>
                {t('tracking.detail')}
              </label>
              <textarea
                id={`${baseId}-detail-${index}`}
                className="form-field__input"
                rows={3}
                value={row.detail}
                onChange={(event) =>
                  setRows((previous) =>
                    previous.map((r, i) => (i === index ? { ...r, detail: event.target.value } : r)),
                  )
                }
              />
            </div>
          </fieldset>
        ))}
        <div className="application__actions">
          <Button onClick={() => setRows((previous) => [...previous, { material: '', detail: '' }])}>
            {t('tracking.addRow')}
          </Button>
          <Button type="submit" className="button--primary">
            {t('tracking.sendSupplements')}
          </Button>
        </div>
      </form>
    </section>
  );
}

const SCORES = [5, 4, 3, 2, 1] as const;

/** 好差评: a score of 1–5 and an optional comment, once per decided application. */
function RatingForm({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation('applications');
  const [score, setScore] = useState<number | undefined>();
  const [comment, setComment] = useState('');
  const [outcome, setOutcome] = useState<'rated' | 'already' | undefined>();
  const [problems, setProblems] = useState<SummaryItem[]>([]);
  const summaryRef = useRef<HTMLDivElement>(null);
  const baseId = useId();

  async function rate(event: FormEvent) {
    event.preventDefault();
    if (score === undefined) {
      setProblems([{ fieldId: `${baseId}-score-5`, message: t('tracking.scoreRequired') }]);
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    try {
      await rateApplication(applicationId, score, comment);
      setOutcome('rated');
    } catch (error) {
      if (
        error instanceof ApiError &&
        error.status === 409 &&
        error.code === 'services.application-already-rated'
      ) {
        setOutcome('already');
        return;
      }
      setProblems([
        {
          fieldId: undefined,
          message: t('tracking.failed', {
            detail: error instanceof ApiError ? (error.detail ?? error.title) : String(error),
          }),
        },
      ]);
      requestAnimationFrame(() => summaryRef.current?.focus());
    }
  }

  return (
    <section className="application__panel" aria-labelledby="rating-title">
      <h2 id="rating-title">{t('tracking.rating')}</h2>
      {outcome ? (
        <p role="status">{outcome === 'rated' ? t('tracking.rated') : t('tracking.alreadyRated')}</p>
      ) : (
        <form onSubmit={(event) => void rate(event)} noValidate>
          <ErrorSummary items={problems} summaryRef={summaryRef} />
          <fieldset
            className={
              problems.length > 0 && score === undefined ? 'form-field form-field--error' : 'form-field'
            }
          >
            <legend className="form-field__label">{t('tracking.score')}</legend>
            {problems.length > 0 && score === undefined && (
              <FieldError id={`${baseId}-score-error`} message={t('tracking.scoreRequired')} />
            )}
            <div className="choices">
              {SCORES.map((value) => (
                <label key={value} className="choice">
                  <input
                    id={`${baseId}-score-${value}`}
                    type="radio"
                    className="choice__input"
                    name={`${baseId}-score`}
                    checked={score === value}
                    onChange={() => setScore(value)}
                  />{' '}
                  {t(`tracking.scores.s${value}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="form-field">
            <label className="form-field__label" htmlFor={`${baseId}-comment`}>
              {t('tracking.comment')}
            </label>
            <textarea
              id={`${baseId}-comment`}
              className="form-field__input"
              rows={3}
              maxLength={2000}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
            />
          </div>
          <Button type="submit" className="button--primary">
            {t('tracking.rate')}
          </Button>
        </form>
      )}
    </section>
  );
}
