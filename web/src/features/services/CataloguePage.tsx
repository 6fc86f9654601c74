import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { servicesPaths } from './paths.ts';
import { applicantTypes, fetchItems, type ItemList, itemTypes } from './servicesApi.ts';
import './services.css';

type Loaded = { kind: 'loading' } | { kind: 'loaded'; list: ItemList } | { kind: 'failed' };

/**
 * The public catalogue: a search box and filters whose state lives in the address (so a result can be
 * bookmarked and shared), and the matching services with their promised time, visits and fees.
 */
export function CataloguePage() {
  const { t } = useTranslation('services');
  const language = useLanguage();
  usePageTitle(t('catalogue.title'));
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const type = searchParams.get('type') ?? '';
  const applicantType = searchParams.get('applicantType') ?? '';
  const divisionCode = searchParams.get('divisionCode') ?? '';
  const [draft, setDraft] = useState(q);
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const hintId = useId();
  const resultsId = useId();

  useEffect(() => setDraft(q), [q]);

  useEffect(() => {
    const controller = new AbortController();
    setLoaded({ kind: 'loading' });
    fetchItems({ q, type, applicantType, divisionCode }, controller.signal).then(
      (list) => setLoaded({ kind: 'loaded', list }),
      () => {
        if (!controller.signal.aborted) setLoaded({ kind: 'failed' });
      },
    );
    return () => controller.abort();
  }, [q, type, applicantType, divisionCode]);

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setSearchParams(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update({ q: draft.trim() });
  };

  return (
    <div className="page services">
      <h1>{t('catalogue.title')}</h1>
      <p className="page__lead">{t('catalogue.introduction')}</p>
      <form className="services__search" onSubmit={submit}>
        <div className="services__field services__field--wide">
          <label htmlFor="services-q">{t('catalogue.searchLabel')}</label>
          <span id={hintId} className="services__hint">
            {t('catalogue.searchHint')}
          </span>
          <div className="services__search-row">
            <input
              id="services-q"
              type="search"
              value={draft}
              maxLength={100}
              aria-describedby={hintId}
              onChange={(event) => setDraft(event.target.value)}
            />
            <Button type="submit">{t('catalogue.search')}</Button>
          </div>
        </div>
        <div className="services__field">
          <label htmlFor="services-type">{t('catalogue.type')}</label>
          <select id="services-type" value={type} onChange={(event) => update({ type: event.target.value })}>
            <option value="">{t('catalogue.any')}</option>
            {itemTypes.map((value) => (
              <option key={value} value={value}>
                {t(`types.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="services__field">
          <label htmlFor="services-applicant">{t('catalogue.applicantType')}</label>
          <select
            id="services-applicant"
            value={applicantType}
            onChange={(event) => update({ applicantType: event.target.value })}
          >
            <option value="">{t('catalogue.any')}</option>
            {applicantTypes.map((value) => (
              <option key={value} value={value}>
                {t(`applicants.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </form>

      <section aria-labelledby={resultsId} aria-busy={loaded.kind === 'loading'}>
        {/* Announced when it changes, so a screen reader hears how many results a search found. */}
        <h2 id={resultsId} className="services__count" aria-live="polite">
          {loaded.kind === 'loaded'
            ? t('catalogue.count', { count: loaded.list.total })
            : t('catalogue.loading')}
        </h2>
        {loaded.kind === 'failed' && <p role="alert">{t('catalogue.unavailable')}</p>}
        {loaded.kind === 'loaded' && loaded.list.items.length === 0 && <p>{t('catalogue.none')}</p>}
        {loaded.kind === 'loaded' && loaded.list.items.length > 0 && (
          <ul className="services__results">
            {loaded.list.items.map((item) => (
              <li key={item.code} className="services__result">
                <h3>
                  <Link to={servicesPaths.item(item.code, divisionCode || null)}>
                    {language === 'en' ? item.nameEn : item.nameZh}
                  </Link>
                </h3>
                <p className="services__tags">
                  <span>{t(`types.${item.type}`)}</span>
                  <span>{t(`applicants.${item.applicantType}`)}</span>
                  <span>{t('catalogue.promised', { days: item.promisedLimitDays })}</span>
                  <span>{t('catalogue.visits', { count: item.maxInPersonVisits })}</span>
                  {item.isFree && <span>{t('catalogue.free')}</span>}
                </p>
                {item.implementation && (
                  <p className="services__meta">
                    {t('catalogue.implementedBy', {
                      division: item.implementation.divisionName,
                      organisation:
                        language === 'en'
                          ? (item.implementation.organisationNameEn ?? item.implementation.organisationNameZh)
                          : item.implementation.organisationNameZh,
                    })}
                  </p>
                )}
                <p className="services__meta">
                  {t('guide.code')}: {item.code}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
