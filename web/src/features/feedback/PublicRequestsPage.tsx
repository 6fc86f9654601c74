import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime } from '../../app/format.ts';
import { type Language, useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { DivisionSearchField, SelectField } from '../account/index.ts';
import {
  type Category,
  type DivisionMatch,
  fetchCategories,
  fetchPublicRequests,
  type ListedRequest,
  type Page,
  searchPlaces,
} from './feedbackApi.ts';
import { RequestDetailView } from './RequestDetailView.tsx';
import './feedback.css';

const STATUSES = ['open', 'acknowledged', 'in-progress', 'closed'] as const;

const localName = (zh: string, en: string | null, language: Language) =>
  language === 'en' ? (en ?? zh) : zh;

/**
 * /services/feedback-public: every request without personal data, filtered by category, place and
 * status, a page at a time (keyset cursors), drawn on a sketch map with the table as its text
 * alternative; `?id=` opens one request with its public answers.
 */
export function PublicRequestsPage() {
  const { t } = useTranslation('feedback');
  usePageTitle(t('public.heading'));
  const [searchParams] = useSearchParams();
  const id = searchParams.get('id');
  return (
    <div className="page">
      <h1>{t('public.heading')}</h1>
      <p className="page__lead">{t('public.lead')}</p>
      {id ? (
        <RequestDetailView
          id={id}
          backLink={<Link to={`?${withoutId(searchParams)}`}>{t('request.back')}</Link>}
        />
      ) : (
        <PublicList />
      )}
    </div>
  );
}

function withoutId(searchParams: URLSearchParams): string {
  const copy = new URLSearchParams(searchParams);
  copy.delete('id');
  return copy.toString();
}

function PublicList() {
  const { t } = useTranslation('feedback');
  const language = useLanguage();
  const baseId = useId();
  const [searchParams, setSearchParams] = useSearchParams();
  const [categories, setCategories] = useState<Category[]>([]);
  const [categoryCode, setCategoryCode] = useState(searchParams.get('categoryCode') ?? '');
  const [status, setStatus] = useState(searchParams.get('status') ?? '');
  const [division, setDivision] = useState<DivisionMatch | null>(null);
  const [page, setPage] = useState<Page<ListedRequest> | 'loading' | 'unavailable'>('loading');
  const query = searchParams.toString();

  useEffect(() => {
    const controller = new AbortController();
    fetchCategories(controller.signal).then(setCategories, () => setCategories([]));
    return () => controller.abort();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the address (query) holds the filters and the cursor.
  useEffect(() => {
    const controller = new AbortController();
    setPage('loading');
    const filter = (name: string) => searchParams.get(name) ?? undefined;
    fetchPublicRequests(
      Object.fromEntries(
        (['categoryCode', 'status', 'divisionCode', 'cursor'] as const).flatMap((name) =>
          filter(name) ? [[name, filter(name)]] : [],
        ),
      ),
      controller.signal,
    ).then(setPage, () => {
      if (!controller.signal.aborted) setPage('unavailable');
    });
    return () => controller.abort();
  }, [query]);

  const divisionTexts = useMemo(
    () => ({
      chosen: (name: string) => t('form.divisionChosen', { name }),
      searching: t('form.divisionSearching'),
      none: (text: string) => t('form.divisionNone', { query: text }),
      found: (count: number) => t('form.divisionFound', { count }),
      unavailable: t('form.divisionUnavailable'),
      results: t('form.divisionResults'),
    }),
    [t],
  );

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (categoryCode) next.set('categoryCode', categoryCode);
    if (status) next.set('status', status);
    const divisionCode = division?.code ?? searchParams.get('divisionCode');
    if (divisionCode) next.set('divisionCode', divisionCode);
    setSearchParams(next);
  }

  const moveTo = (cursor: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (cursor) next.set('cursor', cursor);
    else next.delete('cursor');
    setSearchParams(next);
  };

  return (
    <>
      <section aria-labelledby={`${baseId}-filters`}>
        <h2 id={`${baseId}-filters`}>{t('public.filters')}</h2>
        <form onSubmit={apply} className="feedback-filters">
          <SelectField
            id={`${baseId}-category`}
            label={t('form.category')}
            value={categoryCode}
            onChange={(event) => setCategoryCode(event.target.value)}
          >
            <option value="">{t('public.anyCategory')}</option>
            {categories.map((category) => (
              <option key={category.code} value={category.code}>
                {localName(category.nameZh, category.nameEn, language)}
              </option>
            ))}
          </SelectField>
          <SelectField
            id={`${baseId}-status`}
            label={t('list.status')}
            value={status}
            onChange={(event) => setStatus(event.target.value)}
          >
            <option value="">{t('public.anyStatus')}</option>
            {STATUSES.map((option) => (
              <option key={option} value={option}>
                {t(`list.statuses.${option}`)}
              </option>
            ))}
          </SelectField>
          <DivisionSearchField
            id={`${baseId}-division`}
            label={t('public.division')}
            hint={t('form.divisionHint')}
            chosen={division}
            onChoose={setDivision}
            search={searchPlaces}
            texts={divisionTexts}
            radioName="feedbackPublicDivision"
            error={undefined}
            chosenTestId="feedback-public-division-chosen"
          />
          <Button type="submit">{t('public.apply')}</Button>
        </form>
      </section>
      {page === 'loading' && <p>{t('list.loading')}</p>}
      {page === 'unavailable' && <p role="alert">{t('list.unavailable')}</p>}
      {typeof page === 'object' && (
        <>
          <RequestMap items={page.items} />
          {page.items.length === 0 ? (
            <p>{t('list.empty')}</p>
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard user must be able to scroll a wide table.
            <section className="feedback-table" aria-labelledby={`${baseId}-caption`} tabIndex={0}>
              <table>
                <caption id={`${baseId}-caption`}>{t('list.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('list.id')}</th>
                    <th scope="col">{t('list.category')}</th>
                    <th scope="col">{t('list.status')}</th>
                    <th scope="col">{t('list.holder')}</th>
                    <th scope="col">{t('list.submittedAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((item) => (
                    <tr key={item.id}>
                      <th scope="row">
                        <Link to={`?${new URLSearchParams([...searchParams, ['id', item.id]])}`}>
                          {item.id}
                        </Link>
                      </th>
                      <td>{localName(item.categoryNameZh, item.categoryNameEn, language)}</td>
                      <td>{t(`list.statuses.${item.status}`)}</td>
                      <td>
                        {item.holder
                          ? localName(item.holder.nameZh, item.holder.nameEn, language)
                          : t('form.unrouted')}
                      </td>
                      <td>{formatDateTime(item.submittedAt, language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <p className="feedback-paging">
            {searchParams.get('cursor') && (
              <Button type="button" onClick={() => moveTo(null)}>
                {t('public.first')}
              </Button>
            )}{' '}
            {page.nextCursor && (
              <Button type="button" onClick={() => moveTo(page.nextCursor)}>
                {t('public.next')}
              </Button>
            )}
          </p>
        </>
      )}
    </>
  );
}

const MAP_WIDTH = 320;
const MAP_HEIGHT = 200;
const MARGIN = 12;

/**
 * A sketch map without tiles (none are reachable offline): the page's points projected
 * equirectangularly, longitude shrunk by cos(latitude), in the box around them. A picture only;
 * the table is the accessible alternative, which the description says.
 */
function RequestMap({ items }: { items: readonly ListedRequest[] }) {
  const { t } = useTranslation('feedback');
  const language = useLanguage();
  const baseId = useId();
  const points = items.filter(
    (item): item is ListedRequest & { latitude: number; longitude: number } =>
      item.latitude !== null && item.longitude !== null,
  );
  if (points.length === 0)
    return (
      <section aria-labelledby={`${baseId}-heading`}>
        <h2 id={`${baseId}-heading`}>{t('public.mapHeading')}</h2>
        <p>{t('public.mapNone')}</p>
      </section>
    );
  const meanLatitude = points.reduce((sum, point) => sum + point.latitude, 0) / points.length;
  const shrink = Math.cos((meanLatitude * Math.PI) / 180);
  const xs = points.map((point) => point.longitude * shrink);
  const ys = points.map((point) => point.latitude);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const span = Math.max(maxX - minX, maxY - minY, 0.001);
  const scale = Math.min(MAP_WIDTH - 2 * MARGIN, MAP_HEIGHT - 2 * MARGIN) / span;
  return (
    <section aria-labelledby={`${baseId}-heading`}>
      <h2 id={`${baseId}-heading`}>{t('public.mapHeading')}</h2>
      <svg
        className="feedback-map"
        viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
        role="img"
        aria-labelledby={`${baseId}-title`}
      >
        <title id={`${baseId}-title`}>{t('public.mapDescription', { count: points.length })}</title>
        <rect x="0" y="0" width={MAP_WIDTH} height={MAP_HEIGHT} className="feedback-map__ground" />
        {points.map((point, index) => (
          <circle
            key={point.id}
            cx={MARGIN + (xs[index]! - minX) * scale}
            cy={MAP_HEIGHT - MARGIN - (ys[index]! - minY) * scale}
            r="5"
            className={`feedback-map__point feedback-map__point--${point.status}`}
          >
            <title>
              {point.id} {localName(point.categoryNameZh, point.categoryNameEn, language)}{' '}
              {t(`list.statuses.${point.status}`)}
            </title>
          </circle>
        ))}
      </svg>
    </section>
  );
}
