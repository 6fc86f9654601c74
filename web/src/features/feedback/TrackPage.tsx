import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime } from '../../app/format.ts';
import { useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { accountPaths, useAccountStatus } from '../account/index.ts';
import { fetchMyRequests, type ListedRequest } from './feedbackApi.ts';
import { RequestDetailView } from './RequestDetailView.tsx';
import './feedback.css';

/** /services/feedback-track: the citizen's own requests; `?id=` opens one with its answers, rating and reopening. */
export function TrackPage() {
  const { t } = useTranslation('feedback');
  usePageTitle(t('track.heading'));
  const { status } = useAccountStatus();
  const [searchParams] = useSearchParams();
  const id = searchParams.get('id');
  return (
    <div className="page">
      <h1>{t('track.heading')}</h1>
      <p className="page__lead">{t('track.lead')}</p>
      {status === 'signed-out' && (
        <p>
          {t('track.signInFirst')} <Link to={accountPaths.signIn}>{t('form.signIn')}</Link>
        </p>
      )}
      {status === 'signed-in' &&
        (id ? (
          <RequestDetailView id={id} backLink={<Link to="?">{t('request.back')}</Link>} />
        ) : (
          <MyRequests />
        ))}
    </div>
  );
}

function MyRequests() {
  const { t } = useTranslation('feedback');
  const language = useLanguage();
  const captionId = useId();
  const [items, setItems] = useState<ListedRequest[] | undefined>();
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [isUnavailable, setIsUnavailable] = useState(false);

  const load = (cursor: string | undefined, signal: AbortSignal) =>
    fetchMyRequests(cursor, signal).then(
      (page) => {
        setItems((shown) => [...(cursor ? (shown ?? []) : []), ...page.items]);
        setNextCursor(page.nextCursor);
      },
      () => {
        if (!signal.aborted) setIsUnavailable(true);
      },
    );

  // biome-ignore lint/correctness/useExhaustiveDependencies: the first page loads once.
  useEffect(() => {
    const controller = new AbortController();
    load(undefined, controller.signal);
    return () => controller.abort();
  }, []);

  if (isUnavailable) return <p role="alert">{t('list.unavailable')}</p>;
  if (!items) return <p>{t('list.loading')}</p>;
  if (items.length === 0) return <p>{t('track.empty')}</p>;
  return (
    <>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard user must be able to scroll a wide table. */}
      <section className="feedback-table" aria-labelledby={captionId} tabIndex={0}>
        <table>
          <caption id={captionId}>{t('track.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('list.id')}</th>
              <th scope="col">{t('list.category')}</th>
              <th scope="col">{t('list.status')}</th>
              <th scope="col">{t('list.submittedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <th scope="row">
                  <Link to={`?id=${encodeURIComponent(item.id)}`}>{item.id}</Link>
                </th>
                <td>{language === 'en' ? item.categoryNameEn : item.categoryNameZh}</td>
                <td>{t(`list.statuses.${item.status}`)}</td>
                <td>{formatDateTime(item.submittedAt, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {nextCursor && (
        <Button type="button" onClick={() => load(nextCursor, new AbortController().signal)}>
          {t('track.more')}
        </Button>
      )}
    </>
  );
}
