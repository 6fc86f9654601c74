import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useLanguage } from '../../app/languages.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Button } from '../../ui/Button.tsx';
import { applicationPaths } from './applications/applicationsApi.ts';
import { servicesPaths } from './paths.ts';
import { fetchGuide, type Guide, type LocalisedText } from './servicesApi.ts';
import { inLanguage } from './words.ts';
import './services.css';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'loaded'; guide: Guide }
  | { kind: 'failed'; isNotFound: boolean };

function GuideSection({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="guide__section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * An item's full service guide (办事指南), every element of the national standard, for the division in
 * the address when there is one; laid out to read on a phone and to print.
 */
export function GuidePage() {
  const { t } = useTranslation('services');
  const { t: tApplications } = useTranslation('applications');
  const language = useLanguage();
  const { code = '' } = useParams();
  const [searchParams] = useSearchParams();
  const divisionCode = searchParams.get('divisionCode');
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const text = (value: LocalisedText) => inLanguage(value, language);
  const name =
    loaded.kind === 'loaded' ? (language === 'en' ? loaded.guide.nameEn : loaded.guide.nameZh) : '';
  usePageTitle(name || t('guide.loading'));

  useEffect(() => {
    const controller = new AbortController();
    setLoaded({ kind: 'loading' });
    fetchGuide(code, divisionCode, controller.signal).then(
      (guide) => setLoaded({ kind: 'loaded', guide }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoaded({ kind: 'failed', isNotFound: error instanceof ApiError && error.status === 404 });
      },
    );
    return () => controller.abort();
  }, [code, divisionCode]);

  const back = (
    <p className="guide__back">
      <Link
        to={`${servicesPaths.catalogue}${divisionCode ? `?${new URLSearchParams({ divisionCode })}` : ''}`}
      >
        {t('guide.back')}
      </Link>
    </p>
  );
  if (loaded.kind === 'loading')
    return (
      <div className="page" aria-busy="true">
        {back}
        <p>{t('guide.loading')}</p>
      </div>
    );
  if (loaded.kind === 'failed')
    return (
      <div className="page">
        {back}
        <h1>{t(loaded.isNotFound ? 'guide.notFound' : 'guide.unavailable')}</h1>
      </div>
    );

  const { guide } = loaded;
  const content = guide.guide;
  const place = guide.implementation?.offline ?? content.offline;
  const contacts = guide.implementation?.contacts ?? content.contacts;
  const promised = guide.implementation?.promisedLimitDays ?? guide.promisedLimitDays;
  const organisationName = (zh: string | null, en: string | null) =>
    (language === 'en' ? (en ?? zh) : zh) ?? '—';
  const list = (items: LocalisedText[]) =>
    items.length === 0 ? (
      <p>{t('guide.none')}</p>
    ) : (
      <ul>
        {items.map((item) => (
          <li key={item.zh}>{text(item)}</li>
        ))}
      </ul>
    );

  return (
    <article className="page guide">
      {back}
      <h1>{name}</h1>
      <p className="page__meta">
        {t('guide.code')}: {guide.code} ·{' '}
        {t('guide.version', {
          number: guide.versionNumber,
          date: new Date(guide.publishedAt).toLocaleDateString(language),
        })}
      </p>
      {!guide.isCurrent && <p className="guide__notice">{t('guide.superseded')}</p>}
      <p className="guide__actions">
        {guide.isCurrent && (!guide.implementation || guide.implementation.isOnlineEnabled) && (
          <Link className="button button--primary" to={applicationPaths.apply(guide.code)}>
            {tApplications('applyOnline')}
          </Link>
        )}
        <Button onClick={() => window.print()}>{t('guide.print')}</Button>
      </p>

      <GuideSection title={t('guide.basics')}>
        <dl className="guide__facts">
          <dt>{t('guide.type')}</dt>
          <dd>
            {t(`types.${guide.type}`)}
            {guide.handling && ` · ${t(`handling.${guide.handling}`)}`}
          </dd>
          <dt>{t('guide.applicantType')}</dt>
          <dd>{t(`applicants.${guide.applicantType}`)}</dd>
          <dt>{t('guide.implementing')}</dt>
          <dd>
            {guide.implementation
              ? `${guide.implementation.divisionName} · ${organisationName(guide.implementation.organisationNameZh, guide.implementation.organisationNameEn)}`
              : t('guide.notImplemented')}
          </dd>
          {guide.implementation && (
            <>
              <dt>{t('guide.online')}</dt>
              <dd>{t(guide.implementation.isOnlineEnabled ? 'guide.onlineYes' : 'guide.onlineNo')}</dd>
            </>
          )}
          {guide.implementation && guide.implementation.slots.length > 0 && (
            <>
              <dt>{t('guide.slots')}</dt>
              <dd>
                {guide.implementation.slots
                  .map(
                    (slot) =>
                      `${text(slot.name)}: ${organisationName(slot.organisationNameZh, slot.organisationNameEn)}`,
                  )
                  .join('; ')}
              </dd>
            </>
          )}
        </dl>
      </GuideSection>

      <GuideSection title={t('guide.limits')}>
        <dl className="guide__facts" data-testid="guide-limits">
          <dt>{t('guide.statutory')}</dt>
          <dd>{t('guide.days', { count: guide.statutoryLimitDays })}</dd>
          <dt>{t('guide.promised')}</dt>
          <dd>{t('guide.days', { count: promised })}</dd>
          <dt>{t('guide.visits')}</dt>
          <dd data-testid="guide-visits">{t('guide.visitsCount', { count: guide.maxInPersonVisits })}</dd>
          <dt>{t('guide.fees')}</dt>
          <dd data-testid="guide-fees">
            {content.fees.length === 0
              ? t('guide.free')
              : content.fees
                  .map((fee) =>
                    t('guide.feeLine', {
                      name: text(fee.name),
                      amount: fee.amountYuan,
                      basis: text(fee.basis),
                    }),
                  )
                  .join('; ')}
          </dd>
        </dl>
      </GuideSection>

      <GuideSection title={t('guide.conditions')}>
        <div data-testid="guide-conditions">{list(content.conditions)}</div>
      </GuideSection>
      <GuideSection title={t('guide.prohibited')}>{list(content.prohibitedCases)}</GuideSection>

      <GuideSection title={t('guide.materials')}>
        <ul className="guide__materials" data-testid="guide-materials">
          {content.materials.map((material) => (
            <li key={material.key} className="guide__material">
              <h3>{text(material.name)}</h3>
              {material.obtainableBySharing && (
                <p className="guide__shared" data-testid="material-shared">
                  {t('guide.shared')}
                </p>
              )}
              <dl className="guide__facts">
                <dt>{t('guide.materialRequirement')}</dt>
                <dd>
                  {material.requirement === 'required'
                    ? t('guide.required')
                    : t('guide.conditional', {
                        condition: material.condition ? text(material.condition) : '',
                      })}
                </dd>
                <dt>{t('guide.materialForm')}</dt>
                <dd>{material.forms.map((form) => t(`guide.forms.${form}`)).join(', ')}</dd>
                <dt>{t('guide.materialCount')}</dt>
                <dd>{material.count}</dd>
                <dt>{t('guide.materialSource')}</dt>
                <dd>{text(material.source)}</dd>
                {material.templateRef && (
                  <>
                    <dt>{t('guide.template')}</dt>
                    <dd>{material.templateRef}</dd>
                  </>
                )}
              </dl>
            </li>
          ))}
        </ul>
      </GuideSection>

      <GuideSection title={t('guide.process')}>
        <ol>
          {content.processSteps.map((step) => (
            <li key={step.zh}>{text(step)}</li>
          ))}
        </ol>
      </GuideSection>

      <GuideSection title={t('guide.result')}>
        <dl className="guide__facts">
          <dt>{t('guide.resultName')}</dt>
          <dd>{text(content.result.name)}</dd>
          <dt>{t('guide.validity')}</dt>
          <dd>{text(content.result.validity)}</dd>
          <dt>{t('guide.delivery')}</dt>
          <dd>
            {content.result.deliveryMethods.map((method) => t(`guide.deliveries.${method}`)).join(', ')}
          </dd>
        </dl>
      </GuideSection>

      <GuideSection title={t('guide.basis')}>
        <dl className="guide__facts">
          <dt>{t('guide.settingBasis')}</dt>
          <dd>{content.settingBasis.map((basis) => `${text(basis.law)} ${basis.article}`).join('; ')}</dd>
          <dt>{t('guide.implementingBasis')}</dt>
          <dd>
            {content.implementingBasis.length === 0
              ? t('guide.none')
              : content.implementingBasis.map((basis) => `${text(basis.law)} ${basis.article}`).join('; ')}
          </dd>
        </dl>
      </GuideSection>

      <GuideSection title={t('guide.place')}>
        <dl className="guide__facts">
          <dt>{t('guide.placeLabel')}</dt>
          <dd>{text(place.place)}</dd>
          <dt>{t('guide.hours')}</dt>
          <dd>{text(place.hours)}</dd>
        </dl>
      </GuideSection>

      <GuideSection title={t('guide.remedies')}>
        <dl className="guide__facts">
          <dt>{t('guide.review')}</dt>
          <dd>{text(content.remedies.administrativeReview)}</dd>
          <dt>{t('guide.litigation')}</dt>
          <dd>{text(content.remedies.litigation)}</dd>
        </dl>
      </GuideSection>

      <GuideSection title={t('guide.contacts')}>
        <dl className="guide__facts">
          <dt>{t('guide.enquiry')}</dt>
          <dd>{contacts.enquiry}</dd>
          <dt>{t('guide.complaint')}</dt>
          <dd>{contacts.complaint}</dd>
        </dl>
      </GuideSection>

      <GuideSection title={t('guide.faq')}>
        {content.faq.length === 0 ? (
          <p>{t('guide.none')}</p>
        ) : (
          <dl className="guide__faq">
            {content.faq.map((entry) => (
              <div key={entry.question.zh}>
                <dt>{text(entry.question)}</dt>
                <dd>{text(entry.answer)}</dd>
              </div>
            ))}
          </dl>
        )}
      </GuideSection>
    </article>
  );
}
